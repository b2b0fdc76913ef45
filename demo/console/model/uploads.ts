// Files the agent sends into their conversation (a return label, a photo of how the shelf goes
// together): POSTed to FILES_PATH with the console's token (protocol/files.ts), since a socket
// frame is small. Each has a client id like a message's, so a retry after a lost answer is stored
// once. The line stays until the stored event comes over the socket and shows the file itself;
// the 200 alone does not remove it, or the file would blink out between the two.
import { signal } from '@preact/signals';
import { FILE_HEADERS, FILES_PATH, sendableFileName } from '../../../protocol/files';
import { LIMITS } from '../../../protocol/limits';
import { serverUrl, type ConsoleEnv } from '../env';
import { statusProblem } from './http-problem';

type Storage = ConsoleEnv['storage'];

/** Why a file did not get through, mostly in the server's codes; `other`: a network failure. */
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
  /**
   * The server failed (500 `internal`), or something in front of it did (a proxy's 502 or 504
   * page): the connection is fine, so it is not blamed; a retry later may get through.
   */
  | 'server_failed'
  /** 404 `not_found`: the conversation is not on the server (any more); no file goes into it. */
  | 'conversation_gone'
  /**
   * A 400 `bad_message`, or another 4xx the server's upload route does not answer (a proxy's 404
   * page): the request itself is refused, the same again would be too. A console older or newer
   * than its server sends such; a reload gets the server's own.
   */
  | 'refused'
  /** A 413 without the server's code: something in front of it (a proxy's body limit) refused the size. */
  | 'size_refused'
  /** The page was reloaded (or the tab crashed) before it got through: its bytes went with the page. */
  | 'reloaded'
  | 'other';

/** The file is refused, or no file fits (today): sending it again cannot help. */
const FINAL: readonly (UploadProblem | undefined)[] = ['too_large', 'bad_file', 'conversation_full', 'daily_quota', 'conversation_gone', 'refused', 'size_refused', 'reloaded'];
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
  if (code === 'not_found') return 'conversation_gone';
  const byStatus: Record<number, UploadProblem> = { 413: 'size_refused', 415: 'bad_file' };
  return byStatus[response.status] ?? statusProblem(response.status);
}

/**
 * What a reload of the tab finds of the files still to get through (lifecycle.ts): that there were
 * such, not their bytes (up to 10 MB each; the tab's storage holds about 5). Read and removed.
 */
export function takeKeptUploads(storage: Storage, key: string): Upload[] {
  const raw = storage.getItem(key);
  storage.removeItem(key);
  try {
    const kept = JSON.parse(raw ?? '[]') as Upload[];
    // Anything else (edited by hand, an older format) is left out.
    return kept.filter((u) => typeof (u.id && u.conversationId && u.name) == 'string' && typeof u.at == 'number').map((u) => ({ ...u, status: 'failed', problem: 'reloaded' }));
  } catch {
    return [];
  }
}

export function createUploads(env: Pick<ConsoleEnv, 'fetch' | 'pageUrl' | 'storage'>, token: () => string | undefined, keptKey: string, now: () => number = Date.now) {
  const items = signal<readonly Upload[]>([]);
  /** Bumped on clear(): an answer to a request from before is nobody's any more. */
  let generation = 0;

  /** Kept at each change, as the outbox is (kept-outbox.ts): those a retry could still send, and those a reload did not. */
  function set(next: readonly Upload[]): void {
    items.value = next;
    const kept = next.flatMap(({ id, conversationId, name, at, file, problem }) => ((file && !isFinal(problem)) || problem === 'reloaded' ? [{ id, conversationId, name, at }] : []));
    if (kept.length > 0) env.storage.setItem(keptKey, JSON.stringify(kept));
    else env.storage.removeItem(keptKey);
  }

  function update(id: string, patch: Partial<Upload>): void {
    set(items.value.map((u) => (u.id === id ? { ...u, ...patch } : u)));
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
        set([...items.value, { ...upload, status: 'failed', problem: 'too_large', file: undefined }]);
        return;
      }
      set([...items.value, upload]);
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
      set(items.value.filter((u) => u.id !== id || u.status !== 'failed'));
    },
    /** The stored event came: the transcript shows the file itself now. */
    delivered(id: string): void {
      if (items.value.some((u) => u.id === id)) set(items.value.filter((u) => u.id !== id));
    },
    /** A session starts: those a reload left (takeKeptUploads), which the stored event removes if they did get through. */
    takeBack(kept: readonly Upload[]): void {
      const here = new Set(items.value.map((u) => u.id));
      set([...kept.filter((u) => !here.has(u.id)), ...items.value]);
    },
    /**
     * Logged out, another agent's session starts, or the page goes: whatever is left is nobody's
     * here. The kept copy stays for a reload (lifecycle.ts forgets it); an expired session keeps them all.
     */
    clear(): void {
      generation += 1;
      items.value = [];
    },
  };
}
