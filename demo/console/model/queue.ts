// The order an agent works in: their own conversations first (the visitors they are serving);
// then the waiting ones in the order they are taken (protocol/queue.ts: those put back in the
// queue first, then new ones, each by when it entered the queue); then colleagues'.
import type { ConversationSummary } from '../../../protocol/events';
import { waitingOrder } from '../../../protocol/queue';

export interface QueueGroups {
  waiting: ConversationSummary[];
  mine: ConversationSummary[];
  others: ConversationSummary[];
}

export function groupQueue(conversations: readonly ConversationSummary[], agentId: string | null): QueueGroups {
  const byAge = [...conversations].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return {
    waiting: waitingOrder(conversations),
    mine: byAge.filter((c) => c.status === 'active' && c.agent?.id === agentId),
    others: byAge.filter((c) => c.status === 'active' && c.agent?.id !== agentId),
  };
}

/**
 * The conversation after (`direction` 1) or before (-1) `from` in the queue as the agent sees it,
 * for the keyboard (Alt+↓/↑); with `accept`, the nearest that passes it (new messages:
 * Alt+Shift+↓/↑). From nothing open, down starts at the top and up at the bottom. Null at the
 * end of the list: the agent stays where they are.
 */
export function stepThrough(groups: QueueGroups, from: string | null, direction: 1 | -1, accept: (c: ConversationSummary) => boolean = () => true): string | null {
  const order = [...groups.mine, ...groups.waiting, ...groups.others];
  const at = order.findIndex((c) => c.id === from);
  const start = at === -1 ? (direction === 1 ? 0 : order.length - 1) : at + direction;
  for (let i = start; i >= 0 && i < order.length; i += direction) if (accept(order[i]!)) return order[i]!.id;
  return null;
}

/**
 * What the console knows of a conversation once `c` is heard of it. A queue card (`brief`) lists
 * fewer questions and answers, shortened, and not the page the visitor is on now: where the console
 * has the whole summary (the agent opened it, and while it is open `summary` frames keep it fresh),
 * those stay, and the card brings the rest (status, agent, last message, when it was queued).
 */
export function heardOf(known: ConversationSummary | undefined, c: ConversationSummary): ConversationSummary {
  if (!c.brief || !known || known.brief) return c;
  const { brief: _, questions: _q, moreQuestions: _mq, botAnswers: _a, moreBotAnswers: _ma, ...news } = c;
  const { questions, moreQuestions, botAnswers, moreBotAnswers, nowOn } = known;
  return {
    ...news,
    questions,
    botAnswers,
    ...(moreQuestions !== undefined ? { moreQuestions } : {}),
    ...(moreBotAnswers !== undefined ? { moreBotAnswers } : {}),
    ...(nowOn !== undefined ? { nowOn } : {}),
  };
}
