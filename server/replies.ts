// Answers to writes (acks or coded refusals), sent in the order the frames came in and only
// once each write is durable. Meanwhile the session may already take the next frame.
import type { ErrorCode } from '../protocol';
import { sendError } from './conn';
import { failureCode } from './failure-code';
import type { Conn } from './conn';
import type { Outcome, Queued } from './conversations';
import { Later } from './frames';

type ReplyFrame =
  | { type: 'ack'; id: string; conversationId: string; seq: number }
  | { type: 'error'; code: ErrorCode; message: string; id?: string };

export type Reply = (id: string, queued: Queued, then?: (outcome: Outcome) => Promise<void> | void) => Later;

export function orderedReplies(conn: Conn<ReplyFrame>): Reply {
  let replies = Promise.resolve();
  return (id, queued, then = () => {}) => {
    // A failed reply is reported by the pipeline (which ends the connection); it must not hold back the ones after it.
    replies = replies
      .catch(() => {})
      .then(async () => {
        let outcome: Outcome;
        try {
          outcome = await queued.outcome;
        } catch (error) {
          // The store failed (out of reach, a timeout): the frame is answered by its id, so the client
          // knows at once which one was not acknowledged instead of waiting out its ack timeout. It may
          // have been stored all the same (a commit whose answer was lost): a resend with the same id
          // is acked with the seq it got, never stored twice. The storage's failure (`unavailable`) is
          // told apart from a bug's: the client sends that frame again, in its place, until it is stored.
          sendError(conn, failureCode(error), undefined, id);
          throw error;
        }
        await then(outcome);
        if (outcome.ok) conn.send({ type: 'ack', id, conversationId: outcome.conversationId, seq: outcome.seq });
        else sendError(conn, outcome.code, undefined, id);
      });
    return new Later(replies);
  };
}
