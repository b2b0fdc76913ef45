// Files the agent sends into their conversation (a return label, a photo of how the shelf goes
// together): POSTed to FILES_PATH with the console's token (protocol/files.ts), since a socket
// frame is small. Each has a client id like a message's, so a retry after a lost answer is stored
// once. The line stays until the stored event comes over the socket and shows the file itself;
// the 200 alone does not remove it, or the file would blink out between the two.
import { signal } from '@preact/signals';
import { FILE_HEADERS, FILES_PATH, sendableFileName } from '../../../protocol/files';
import { LIMITS } from '../../../protocol/limits';
import { serverUrl, type ConsoleEnv } from '../env';

/** Why a file did not get through, in the server's codes; `other` for any other answer or a network failure. */
export type UploadProblem =
  | 'too_large'
  | 'bad_file'
  | 'conversation_full'
  | 'daily_quota'
  | 'not_assigned'
  | 'conversation_closed'
  | 'rate_limited'
  | 'unauthorized'
  /** The server's storage refused it (a full disk): the same file goes through once it works again, by the agent's retry. */
  | 'unavailable'
  /** A 413 without the server's code: something in front of it (a proxy's body limit) refused the size. */
  | 'size_refused'
  | 'other';

/** The file is refused, or no file fits (today): sending it again cannot help. */
const FINAL: readonly (UploadProblem | undefined)[] = ['too_large', 'bad_file', 'conversation_full', 'daily_quota', 'size_refused'];
export const isFinal = (problem: UploadProblem | undefined) => FINAL.includes(problem);

export interface Upload {
  id: string;
  conversationId: string;
  name: string;
  at: number;
  /** `sent`: the server stored it, its event has not come yet. */
  status: 'sending' | 'sent' | 'failed';
  problem?: UploadProblem;
  /** The bytes, kept for a retry until the server has them. */
  file?: Blob;
}

/**
 * The codes the agent is told about. By the status too when the body says nothing: a proxy in
 * front of the server may refuse a large body with its own 413 page. That is not the server's
 * `too_large` (which names the server's limit, 10 MB): behind a proxy with a 1 MB limit a 2 MB file
 * was told it was over 10 MB.
 */
async function problemOf(response: Response): Promise<UploadProblem> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: unknown } } | null;
  const code = body?.error?.code;
  const known: readonly UploadProblem[] = ['too_large', 'bad_file', 'conversation_full', 'daily_quota', 'not_assigned', 'conversation_closed', 'rate_limited', 'unauthorized', 'unavailable'];
  if (known.includes(code as UploadProblem)) return code as UploadProblem;
  const byStatus: Record<number, UploadProblem> = { 401: 'unauthorized', 413: 'size_refused', 415: 'bad_file', 429: 'rate_limited' };
  return byStatus[response.status] ?? 'other';
}

export function createUploads(env: Pick<ConsoleEnv, 'fetch' | 'pageUrl'>, token: () => string | undefined, now: () => number = Date.now) {
  const items = signal<readonly Upload[]>([]);
  /** Bumped on clear(): an answer to a request from before is nobody's any more. */
  let generation = 0;

  function update(id: string, patch: Partial<Upload>): void {
    items.value = items.value.map((u) => (u.id === id ? { ...u, ...patch } : u));
  }

  async function transmit(upload: Upload, file: Blob): Promise<void> {
    const mine = generation;
    let problem: UploadProblem | null;
    try {
      const response = await env.fetch(serverUrl(env.pageUrl, FILES_PATH), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token() ?? ''}`,
          [FILE_HEADERS.id]: upload.id,
          [FILE_HEADERS.name]: encodeURIComponent(upload.name),
          [FILE_HEADERS.conversation]: upload.conversationId,
        },
        body: file,
      });
      problem = response.ok ? null : await problemOf(response);
    } catch {
      problem = 'other';
    }
    // Logged out meanwhile, or the event came first and the line is gone: nothing to say.
    if (mine !== generation || !items.value.some((u) => u.id === upload.id)) return;
    update(upload.id, problem ? { status: 'failed', problem } : { status: 'sent', file: undefined });
  }

  return {
    items,
    /** Sends a file the agent chose; one over the limit is refused at once, without a request. */
    send(id: string, conversationId: string, file: File): void {
      const upload: Upload = { id, conversationId, name: sendableFileName(file.name), at: now(), status: 'sending', file };
      if (file.size > LIMITS.fileBytes) {
        items.value = [...items.value, { ...upload, status: 'failed', problem: 'too_large', file: undefined }];
        return;
      }
      items.value = [...items.value, upload];
      void transmit(upload, file);
    },
    /** Again with the same id: if the first try did reach the server, it is still stored once. */
    retry(id: string): void {
      const upload = items.value.find((u) => u.id === id);
      if (!upload?.file || upload.status !== 'failed' || isFinal(upload.problem)) return;
      update(id, { status: 'sending', problem: undefined });
      void transmit(upload, upload.file);
    },
    dismiss(id: string): void {
      items.value = items.value.filter((u) => u.id !== id || u.status !== 'failed');
    },
    /** The stored event came: the transcript shows the file itself now. */
    delivered(id: string): void {
      if (items.value.some((u) => u.id === id)) items.value = items.value.filter((u) => u.id !== id);
    },
    /** Logged out, or another agent's session starts: whatever is left is nobody's. (An expired session keeps them: lifecycle.ts.) */
    clear(): void {
      generation += 1;
      items.value = [];
    },
  };
}
