// What a file someone sent looks like in their bubble: a picture as a thumbnail that opens in
// full, a PDF as a button that saves it. The bytes come with the agent's token (model/files.ts).
// One that cannot be fetched says why (gone, the session expired, the server or the network
// failed), with Retry only where fetching it again can help.
import { useEffect, useRef, useState } from 'preact/hooks';
import { downloadProblemOf, isFinalDownload, isImage, type DownloadProblem, type FileBody } from '../model/files';
import { useConsole } from './context';
import { Icon } from './Icon';

export function FileContent({ file }: { file: FileBody }) {
  return isImage(file) ? <Thumbnail file={file} /> : <SaveFile file={file} />;
}

/** What failed, why, and Retry when another try could get it. */
function Failed({ what, problem, retry }: { what: string; problem: DownloadProblem; retry: () => void }) {
  const t = useConsole().t.value;
  return (
    <>
      {what} {t.downloadProblems[problem]}
      {!isFinalDownload(problem) && (
        <>
          {' '}
          <button type="button" class="link" onClick={retry}>
            {t.retry}
          </button>
        </>
      )}
    </>
  );
}

function Thumbnail({ file }: { file: FileBody }) {
  const model = useConsole();
  const t = model.t.value;
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState<DownloadProblem | null>(null);
  /** Bumped by Retry: the picture is fetched again. */
  const [attempt, setAttempt] = useState(0);
  /**
   * Retry goes as it is pressed, and the focus with it: the keyboard stays here, on the box
   * while it loads, then on the picture or on what failed, rather than back at the page's top.
   */
  const focusFor = useRef<number | null>(null);
  const drawn = useRef<HTMLElement | null>(null);
  const hold = (element: HTMLElement | null) => void (drawn.current = element);
  useEffect(() => {
    // The attempt's own renders only: an effect of the failure before may still be waiting to run.
    if (focusFor.current !== attempt) return;
    const active = document.activeElement;
    if (active === null || active === document.body) drawn.current?.focus();
    if (url || failed) focusFor.current = null;
  });

  useEffect(() => {
    let mounted = true;
    let shown: string | null = null;
    setUrl(null);
    setFailed(null);
    model.files.show(file).then(
      (objectUrl) => {
        // Gone from the screen meanwhile (another conversation opened): nobody will show it.
        if (!mounted) return model.files.release(objectUrl);
        shown = objectUrl;
        setUrl(objectUrl);
      },
      (error: unknown) => mounted && setFailed(downloadProblemOf(error)),
    );
    // The bytes stay in memory as long as the URL does: let them go with the thumbnail.
    return () => {
      mounted = false;
      if (shown) model.files.release(shown);
    };
  }, [file.fileId, attempt]);

  if (failed) {
    const retry = () => {
      focusFor.current = attempt + 1;
      setFailed(null);
      setAttempt(attempt + 1);
    };
    return (
      <p class="file-state failed" ref={hold} tabIndex={-1}>
        {/* Which picture: without its name, two that failed read the same. */}
        <span class="file-name">
          <Icon name="paperclip" />
          {file.name}
        </span>{' '}
        <Failed what={t.imageFailed} problem={failed} retry={retry} />
      </p>
    );
  }
  // The picture's box while it loads, so the conversation does not jump when it is drawn.
  if (!url)
    return (
      <p class="file-state image-box" ref={hold} tabIndex={-1}>
        {t.loadingImage}
      </p>
    );
  // The full picture is the same object URL in a new tab, a link the keyboard reaches like any
  // other. Under the console's strict CSP that needs nothing more: a tab's own address is no
  // img-src or script the policy governs, the tab inherits the policy (which allows blob:
  // images), and the bytes were typed an image, so the tab only ever shows a picture. An
  // `<img src="/api/files/…">` could not carry the token; a data: URL cannot be opened in a tab.
  // noopener: the new tab gets no handle on the console's window.
  return (
    <a class="thumbnail" href={url} target="_blank" rel="noopener" title={t.openImage} ref={hold}>
      <img src={url} alt={file.name} />
    </a>
  );
}

function SaveFile({ file }: { file: FileBody }) {
  const model = useConsole();
  const t = model.t.value;
  const [state, setState] = useState<'idle' | 'saving' | DownloadProblem>('idle');
  const button = useRef<HTMLButtonElement>(null);

  async function save(): Promise<void> {
    if (state === 'saving') return;
    setState('saving');
    try {
      await model.files.save(file);
      setState('idle');
    } catch (error) {
      setState(downloadProblemOf(error));
    }
  }

  return (
    <p class="file-save">
      <button type="button" ref={button} aria-disabled={state === 'saving' ? 'true' : undefined} onClick={() => void save()}>
        <Icon name="paperclip" />
        {t.downloadFile(file.name, t.fileSize(file.size))}
      </button>
      {state === 'saving' && <span class="file-state"> {t.downloading}</span>}
      {state !== 'idle' && state !== 'saving' && (
        <span class="file-state failed">
          {' '}
          <Failed
            what={t.downloadFailed}
            problem={state}
            retry={() => {
              // Retry goes as it is pressed: the keyboard carries on from the file's own button.
              button.current?.focus();
              void save();
            }}
          />
        </span>
      )}
    </p>
  );
}
