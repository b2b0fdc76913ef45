// What every socket does with a raw frame before the session sees it: rate limit, parse
// and validate with protocol/, insist on hello first, handle one frame at a time, and turn
// surprises into a coded `internal` error. A flood ends the connection (4029) rather than
// losing frames out of the middle of a client's stream. "One at a time" ends when a frame's
// write is queued (a `Later`), not when it commits, so frames of one connection share commits.
import { CLOSE } from '../protocol';
import type { ParseResult } from '../protocol';
import { sendError } from './conn';
import { failureCode } from './failure-code';
import type { Conn, Session } from './conn';
import { createTokenBucket } from './rate-limit';

type ErrorCapable = Parameters<typeof sendError>[0];

/** Work a handler left running after its write was queued: the reply once it is durable. */
export class Later {
  constructor(readonly done: Promise<void>) {}
}

export interface PipelineOptions<In extends { type: string }> {
  conn: Conn<never> & ErrorCapable;
  parse: (raw: string) => ParseResult<In>;
  rate: { perSecond: number; burst: number };
  helloTimeoutMs: number;
  now: () => number;
  /** Handles the first frame, which is always `hello`. Returns false when the session ended. */
  hello: (message: Extract<In, { type: 'hello' }>) => Promise<boolean>;
  handle: (message: Exclude<In, { type: 'hello' }>) => Promise<void | Later>;
  closed: () => void;
  log: (error: unknown) => void;
}

export function createPipeline<In extends { type: string }>(options: PipelineOptions<In>): Session {
  const { conn } = options;
  const bucket = createTokenBucket(options.rate.perSecond, options.rate.burst, options.now());
  let state: 'waiting' | 'greeting' | 'ready' | 'closed' = 'waiting';
  let chain = Promise.resolve();
  let closedOnce = false;
  const helloTimer = setTimeout(() => {
    if (state === 'waiting') sendError(conn, 'hello_required', 'No hello in time.');
  }, options.helloTimeoutMs);

  const fail = (error: unknown) => {
    options.log(error);
    if (state !== 'closed') sendError(conn, failureCode(error));
  };
  /**
   * A write the store failed (its reply said so, by id). Nothing after it on this connection may be
   * handled: stored, it would come before the failed one's resend. The connection ends; the client
   * reconnects and resends what was not acked, in order (the writes queued behind it failed too).
   */
  const writeFailed = (error: unknown) => {
    options.log(error);
    if (state === 'closed') return;
    state = 'closed';
    conn.close(CLOSE.internal, 'internal');
  };
  const run = (work: () => Promise<void | Later>) => {
    chain = chain.then(work).then((result) => {
      if (result instanceof Later) result.done.catch(writeFailed);
    }).catch(fail);
  };

  const take = (raw: string) => {
    if (state === 'closed') return;
    if (!bucket.take(options.now())) {
      // Dropping the frame and reading on would lose it from the middle of the stream, and
      // its resend would land after later frames. Closing keeps every client's order: nothing
      // after this frame is read, and the client resends what was not acked, more slowly.
      state = 'closed';
      sendError(conn, 'rate_limited');
      return;
    }
    const parsed = options.parse(raw);
    if (!parsed.ok) {
      sendError(conn, parsed.code, parsed.message, parsed.id);
      return;
    }
    const message = parsed.value;
    if (state === 'waiting') {
      if (message.type !== 'hello') {
        sendError(conn, 'hello_required');
        return;
      }
      state = 'greeting';
      clearTimeout(helloTimer);
      run(async () => {
        try {
          const ok = await options.hello(message as Extract<In, { type: 'hello' }>);
          if (state === 'greeting') state = ok ? 'ready' : 'closed';
        } catch (error) {
          // Half a greeting is no session: report it, then end the connection so the client retries.
          fail(error);
          state = 'closed';
          conn.close(CLOSE.internal, 'internal');
        }
      });
      return;
    }
    if (message.type === 'hello') {
      sendError(conn, 'bad_message', 'hello: already said');
      return;
    }
    run(async () => (state === 'ready' ? options.handle(message as Exclude<In, { type: 'hello' }>) : undefined));
  };

  return {
    // Called from the socket's event handler: what throws out of here is an uncaught exception,
    // which ends the process and every other client's connection with it. A frame that could not
    // be taken is this client's `internal`, logged with its stack, as a handler's failure is.
    frame(raw) {
      try {
        take(raw);
      } catch (error) {
        fail(error);
      }
    },
    closed() {
      if (closedOnce) return;
      closedOnce = true;
      state = 'closed';
      clearTimeout(helloTimer);
      try {
        options.closed();
      } catch (error) {
        options.log(error);
      }
    },
  };
}
