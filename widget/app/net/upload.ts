// One file into the conversation (protocol/files.ts): its bytes as the body of a POST, since a
// socket frame is small. Done once the server has stored it; the event follows on the socket.
import type { ErrorCode } from '../../../protocol/errors';
import { FILE_HEADERS, FILES_PATH } from '../../../protocol/files';

/** Rejects with the server's error code, or with fetch's own error when the network failed. */
export async function upload(server: string, token: string | undefined, id: string, file: File): Promise<void> {
  const res = await fetch(server + FILES_PATH, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, [FILE_HEADERS.id]: id, [FILE_HEADERS.name]: encodeURIComponent(file.name) },
    body: file,
  });
  if (!res.ok) throw ((await res.json().catch(() => null)) as { error?: { code?: ErrorCode } } | null)?.error?.code;
}
