// Answers to writes (acks or coded refusals), sent in the order the frames came in and only
// once each write is durable. Meanwhile the session may already take the next frame.
import type { ErrorCode } from '../protocol';
import { sendError } from './conn';
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
    // A failed reply is reported by the pipeline; it must not hold back the ones after it.
    replies = replies
      .catch(() => {})
      .then(async () => {
        const outcome = await queued.outcome;
        await then(outcome);
        if (outcome.ok) conn.send({ type: 'ack', id, conversationId: outcome.conversationId, seq: outcome.seq });
        else sendError(conn, outcome.code, undefined, id);
      });
    return new Later(replies);
  };
}
