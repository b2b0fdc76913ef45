// A file an agent sent into the conversation (protocol/files.ts): fetched with the visitor's
// token, since a plain link could not carry it, and saved under the file's own name.
import { FILES_PATH } from '../../../protocol/files';

/** Rejects when the network or the server failed; the visitor may try again. */
export async function download(server: string, token: string | undefined, fileId: string, name: string): Promise<void> {
  const res = await fetch(`${server + FILES_PATH}/${encodeURIComponent(fileId)}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw res.status;
  // A detached anchor saves without navigating the site's page. The blob's URL is freed later, not
  // at once: some browsers read it only after the click has returned (FileSaver.js waits 40 s too).
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 4e4);
}
