// A file's body, read whole into memory (files-http.ts): at most a file's size, and no slower
// than the slowest pace the server takes. An upload holds one of the server's few places for
// uploads until its body is in, and a body declared 2,000 bytes of which 4 came held it for the
// whole 180 s a 10 MB file gets (DEFAULTS.http.uploadTimeoutMs): 16 of them, from 4 addresses,
// and nobody's photo went in. Now a body behind the pace, after a grace for a phone's slow
// start, is cut within the moment it falls behind, and its place is free.
import type { IncomingMessage } from 'node:http';
import { FILE_LIMIT_TEXT, LIMITS } from '../protocol';
import { HttpError } from './http-kit';

/** The slowest a body may come, once `graceMs` has passed since its reading began. */
export interface MinRate {
  bytesPerSecond: number;
  graceMs: number;
}

export const tooLarge = () => new HttpError(413, 'too_large', `A file may be at most ${FILE_LIMIT_TEXT}.`);

/**
 * The client went before its body was in: a visitor closed the tab or lost the signal, or the
 * server is stopping. Nothing the server did wrong, and nothing for an operator to do, so an
 * HttpError, which http.ts answers without logging (the raw "Error: aborted … ECONNRESET" was
 * logged as a stack, read as a bug). Not even a quiet line: a phone losing its signal is no news,
 * and a stalled upload, cut by the server, is not logged either. Nobody reads the answer.
 */
const clientGone = () => new HttpError(400, 'bad_message', 'The upload ended before its body was in.');

const tooSlow = ({ bytesPerSecond }: MinRate) =>
  new HttpError(408, 'too_slow', `The file came more slowly than ${(bytesPerSecond * 8) / 1e6} Mbit/s, the slowest this server takes; send it again.`);

/**
 * The body, or an HttpError: 413 past a file's size, 408 `too_slow` once fewer bytes are in than
 * `minRate` makes of the time since the grace (counted from the start, so a body ahead of the
 * pace has that much to spare for a moment without signal). Refused, the request is paused, not
 * destroyed, so the answer still goes out; http.ts then closes the connection, the rest unread.
 * A request the client ended before its body did (its 'aborted' error, or its close) rejects
 * with `clientGone`, whichever comes first.
 */
export function readUploadBody(req: IncomingMessage, minRate: MinRate): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const start = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (!error) return resolve(Buffer.concat(chunks));
      req.pause();
      reject(error);
    };
    // Looked at when the body would fall behind, not at every chunk: at the pace, `size` bytes
    // are due by the grace plus their own time; more came meanwhile, the look is put off again.
    const check = () => {
      const due = start + minRate.graceMs + (size / minRate.bytesPerSecond) * 1000 - performance.now();
      if (due <= 0) return finish(tooSlow(minRate));
      timer = setTimeout(check, Math.ceil(due));
      timer.unref();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > LIMITS.fileBytes) return finish(tooLarge());
      chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    // A request's stream fails only as its connection does ('aborted', ECONNRESET).
    const onError = () => finish(clientGone());
    const onClose = () => finish(clientGone());
    // Gone already, while its place was being taken: its 'close' has passed.
    if (req.destroyed) return onClose();
    req.on('data', onData).once('end', onEnd).once('error', onError).once('close', onClose);
    check();
  });
}
