// What a file someone sent looks like in their bubble: a picture as a thumbnail that opens in
// full, a PDF as a button that saves it. The bytes come with the agent's token (model/files.ts).
import { useEffect, useState } from 'preact/hooks';
import { isImage, type FileBody } from '../model/files';
import { useConsole } from './context';
import { Icon } from './Icon';

export function FileContent({ file }: { file: FileBody }) {
  return isImage(file) ? <Thumbnail file={file} /> : <SaveFile file={file} />;
}

function Thumbnail({ file }: { file: FileBody }) {
  const model = useConsole();
  const t = model.t.value;
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let mounted = true;
    let shown: string | null = null;
    setUrl(null);
    setFailed(false);
    model.files.show(file).then(
      (objectUrl) => {
        // Gone from the screen meanwhile (another conversation opened): nobody will show it.
        if (!mounted) return model.files.release(objectUrl);
        shown = objectUrl;
        setUrl(objectUrl);
      },
      () => mounted && setFailed(true),
    );
    // The bytes stay in memory as long as the URL does: let them go with the thumbnail.
    return () => {
      mounted = false;
      if (shown) model.files.release(shown);
    };
  }, [file.fileId]);

  if (failed) return <p class="file-state failed">{t.imageFailed}</p>;
  // The picture's box while it loads, so the conversation does not jump when it is drawn.
  if (!url) return <p class="file-state image-box">{t.loadingImage}</p>;
  // The full picture is the same object URL in a new tab, a link the keyboard reaches like any
  // other. Under the console's strict CSP that needs nothing more: a tab's own address is no
  // img-src or script the policy governs, the tab inherits the policy (which allows blob:
  // images), and the bytes were typed an image, so the tab only ever shows a picture. An
  // `<img src="/api/files/…">` could not carry the token; a data: URL cannot be opened in a tab.
  // noopener: the new tab gets no handle on the console's window.
  return (
    <a class="thumbnail" href={url} target="_blank" rel="noopener" title={t.openImage}>
      <img src={url} alt={file.name} />
    </a>
  );
}

function SaveFile({ file }: { file: FileBody }) {
  const model = useConsole();
  const t = model.t.value;
  const [state, setState] = useState<'idle' | 'saving' | 'failed'>('idle');

  async function save(): Promise<void> {
    if (state === 'saving') return;
    setState('saving');
    try {
      await model.files.save(file);
      setState('idle');
    } catch {
      setState('failed');
    }
  }

  return (
    <p class="file-save">
      <button type="button" aria-disabled={state === 'saving' ? 'true' : undefined} onClick={() => void save()}>
        <Icon name="paperclip" />
        {t.downloadFile(file.name, t.fileSize(file.size))}
      </button>
      {state === 'saving' && <span class="file-state"> {t.downloading}</span>}
      {state === 'failed' && <span class="file-state failed"> {t.downloadFailed}</span>}
    </p>
  );
}
