// The files visitors send (a photo of the damaged sofa, a receipt as PDF; protocol/files.ts),
// fetched for the agent to look at or save. Never as `<img src="/api/files/…">`: the server
// answers a file only to the console's token in the Authorization header, and a token in an
// address ends up in logs and the browser's history. So the bytes are fetched as the Report's
// figures are, and shown or saved from an object URL (the console's CSP allows `blob:` images).
import type { EventBody } from '../../../protocol/events';
import { FILE_TYPES, FILES_PATH, fileNameFor } from '../../../protocol/files';
import { serverUrl, type ConsoleEnv } from '../env';
import { statusProblem, type StatusProblem } from './http-problem';

export type FileBody = Extract<EventBody, { kind: 'file' }>;

/**
 * Why a file could not be fetched, in the codes a file the agent sends fails with (uploads.ts):
 * each asks something else of the agent. `file_gone`: a 404 or 410, the file erased or pruned
 * (`kohtaamo data forget`, `prune`); the server answers an expired session 401, not that.
 */
export type DownloadProblem = StatusProblem | 'file_gone';

/** Gone, or a request the server refuses as it stands: fetching it again cannot help. */
export const isFinalDownload = (problem: DownloadProblem) => problem === 'file_gone' || problem === 'refused';

export class DownloadFailed extends Error {
  constructor(readonly problem: DownloadProblem) {
    super(`file download failed: ${problem}`);
  }
}

/** The problem a failed show() or save() was, for the words the agent reads. */
export const downloadProblemOf = (error: unknown): DownloadProblem => (error instanceof DownloadFailed ? error.problem : 'other');

/** Whether the console shows the file as a picture; anything else (a PDF) is only saved. */
export const isImage = (file: FileBody) => file.type.startsWith('image/');

export function createFiles(env: Pick<ConsoleEnv, 'fetch' | 'pageUrl' | 'download' | 'objectUrl' | 'revokeObjectUrl'>, token: () => string | undefined) {
  async function bytes(file: FileBody): Promise<Blob> {
    // Events are not checked again here; a type outside the list is refused rather than guessed at
    // (a newer server's: a reload gets the console that knows it).
    if (!(FILE_TYPES as readonly string[]).includes(file.type)) throw new DownloadFailed('refused');
    let bytes: ArrayBuffer;
    try {
      const response = await env.fetch(serverUrl(env.pageUrl, `${FILES_PATH}/${encodeURIComponent(file.fileId)}`), {
        headers: { authorization: `Bearer ${token() ?? ''}` },
      });
      if (!response.ok) throw new DownloadFailed(response.status === 404 || response.status === 410 ? 'file_gone' : statusProblem(response.status));
      bytes = await response.arrayBuffer();
    } catch (error) {
      // No answer, or the connection dropped mid-file: the network's.
      throw error instanceof DownloadFailed ? error : new DownloadFailed('other');
    }
    // Typed as the event says (an image or a PDF), whatever the answer's Content-Type: an object
    // URL opened in a tab runs in the console's origin, where HTML passed off as a file would be the console.
    return new Blob([bytes], { type: file.type });
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
