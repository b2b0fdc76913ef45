// A file the agent chose, in the transcript where it will stand, until its stored event takes its
// place: on its way, or failed with why. Retry only where sending again could help. Not read out
// as it comes, nor its steps: the stored file's line is, once ("Aino 14:02, Download
// palautuslappu.pdf"), where a screen reader said the file twice, "Sending…" and then stored.
// Only why it failed is said, with Retry. (Drawn as the stored event with its key, as a pending
// message is, the file's button would still come into the log as news of its own.)
//
// Its Retry and Dismiss go as they are pressed, and the keyboard's focus went with them, back to
// the page's top. Retry leaves it on the file's name, which stays through the next try; a line
// that goes with the focus in it (dismissed, or its file stored) leaves it on the message box,
// where Tab from the transcript would have gone, or, the conversation closed, on its heading.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { isFinal, type Upload } from '../model/uploads';
import { useConsole } from './context';
import { Icon } from './Icon';
import { Bubble } from './Bubble';
import { focusAfterLine } from './focus-after';

export function UploadLine({ upload }: { upload: Upload }) {
  const model = useConsole();
  const t = model.t.value;
  const { id, name, status, problem } = upload;
  const nameLine = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const line = nameLine.current?.closest('li');
    return () => {
      if (!line?.contains(document.activeElement)) return;
      // After the line has left the page, unless the focus went somewhere meanwhile.
      focusAfterLine();
    };
  }, []);
  return (
    <Bubble quiet role="agent" name={model.agent.value?.name ?? t.agent} at={upload.at} outgoing={undefined}>
      <p class="file-state" aria-live="off" ref={nameLine} tabIndex={-1}>
        {status === 'sending' ? (
          t.sendingFile(name)
        ) : (
          <>
            <Icon name="paperclip" />
            {name}
          </>
        )}
      </p>
      {status !== 'sending' && (
        <span class={`delivery ${status}`}>
          <span aria-live="off">{t.delivery[status]}</span>
          {status === 'failed' && (
            <>
              <span class="muted"> — {t.fileProblems[problem ?? 'other']}</span>{' '}
              {!isFinal(problem) && (
                <button
                  type="button"
                  class="link"
                  onClick={() => {
                    nameLine.current?.focus();
                    model.uploads.retry(id);
                  }}
                >
                  {t.retry}
                </button>
              )}{' '}
              <button type="button" class="link" onClick={() => model.uploads.dismiss(id)}>
                {t.dismiss}
              </button>
            </>
          )}
        </span>
      )}
    </Bubble>
  );
}
