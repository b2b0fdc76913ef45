// The files visitors send (a photo of the damaged sofa, a receipt as PDF; protocol/files.ts),
// fetched for the agent to look at or save. Never as `<img src="/api/files/…">`: the server
// answers a file only to the console's token in the Authorization header, and a token in an
// address ends up in logs and the browser's history. So the bytes are fetched as the Report's
// figures are, and shown or saved from an object URL (the console's CSP allows `blob:` images).
import type { EventBody } from '../../../protocol/events';
import { FILE_TYPES, FILES_PATH, fileNameFor } from '../../../protocol/files';
import { serverUrl, type ConsoleEnv } from '../env';

export type FileBody = Extract<EventBody, { kind: 'file' }>;

/** Whether the console shows the file as a picture; anything else (a PDF) is only saved. */
export const isImage = (file: FileBody) => file.type.startsWith('image/');

export function createFiles(env: Pick<ConsoleEnv, 'fetch' | 'pageUrl' | 'download' | 'objectUrl' | 'revokeObjectUrl'>, token: () => string | undefined) {
  async function bytes(file: FileBody): Promise<Blob> {
    // Events are not checked again here; a type outside the list is refused rather than guessed at.
    if (!(FILE_TYPES as readonly string[]).includes(file.type)) throw new Error(`not a file type the console handles: ${file.type}`);
    const response = await env.fetch(serverUrl(env.pageUrl, `${FILES_PATH}/${encodeURIComponent(file.fileId)}`), {
      headers: { authorization: `Bearer ${token() ?? ''}` },
    });
    if (!response.ok) throw new Error(`GET ${FILES_PATH}/${file.fileId}: ${response.status}`);
    // Typed as the event says (an image or a PDF), whatever the answer's Content-Type: an object
    // URL opened in a tab runs in the console's origin, where HTML passed off as a file would be the console.
    return new Blob([await response.arrayBuffer()], { type: file.type });
  }

  return {
    /** An object URL of the file, to show; the caller revokes it (`release`) when it is off screen. */
    async show(file: FileBody): Promise<string> {
      return env.objectUrl(await bytes(file));
    },
    release: (url: string) => env.revokeObjectUrl(url),
    /**
     * Saves the file on the agent's computer under the name the visitor gave it, ending in its
     * type's extension (the server stores names so; an older one did not): the computer opens it by that.
     */
    async save(file: FileBody): Promise<void> {
      env.download(fileNameFor(file.name, file.type), await bytes(file));
    },
  };
}
