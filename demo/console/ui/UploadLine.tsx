// A file the agent chose, in the transcript where it will stand, until its stored event takes its
// place: on its way, or failed with why. Retry only where sending again could help. Not read out
// as it comes, nor its steps: the stored file's line is, once ("Aino 14:02, Download
// palautuslappu.pdf"), where a screen reader said the file twice, "Sending…" and then stored.
// Only why it failed is said, with Retry. (Drawn as the stored event with its key, as a pending
// message is, the file's button would still come into the log as news of its own.)
import { isFinal, type Upload } from '../model/uploads';
import { useConsole } from './context';
import { Icon } from './Icon';
import { Bubble } from './Bubble';

export function UploadLine({ upload }: { upload: Upload }) {
  const model = useConsole();
  const t = model.t.value;
  const { id, name, status, problem } = upload;
  return (
    <Bubble quiet role="agent" name={model.agent.value?.name ?? t.agent} at={upload.at} outgoing={undefined}>
      {status === 'sending' ? (
        <p class="file-state" aria-live="off">{t.sendingFile(name)}</p>
      ) : (
        <>
          <p class="file-state" aria-live="off">
            <Icon name="paperclip" />
            {name}
          </p>
          <span class={`delivery ${status}`}>
            <span aria-live="off">{t.delivery[status]}</span>
            {status === 'failed' && (
              <>
                <span class="muted"> — {t.fileProblems[problem ?? 'other']}</span>{' '}
                {!isFinal(problem) && (
                  <button type="button" class="link" onClick={() => model.uploads.retry(id)}>
                    {t.retry}
                  </button>
                )}{' '}
                <button type="button" class="link" onClick={() => model.uploads.dismiss(id)}>
                  {t.dismiss}
                </button>
              </>
            )}
          </span>
        </>
      )}
    </Bubble>
  );
}
