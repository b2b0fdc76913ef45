// A file the agent chose, in the transcript where it will stand, until its stored event takes its
// place: on its way, or failed with why. Retry only where sending again could help.
import { isFinal, type Upload } from '../model/uploads';
import { useConsole } from './context';
import { Icon } from './Icon';
import { Bubble } from './Transcript';

export function UploadLine({ upload }: { upload: Upload }) {
  const model = useConsole();
  const t = model.t.value;
  const { id, name, status, problem } = upload;
  return (
    <Bubble role="agent" name={model.agent.value?.name ?? t.agent} at={upload.at} outgoing={undefined}>
      {/* Read once, as the line comes; its steps are not read out (the file's own event says it got there), only why it failed. */}
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
