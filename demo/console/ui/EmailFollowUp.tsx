// Where the agent's replies go if the visitor leaves before reading them: the server emails a
// visitor who has left the replies they missed, when it knows an address. Said beside the
// visitor's details, so the agent knows a reply is not lost and can write it to be read later.
import { lastEmailAddress } from '../../../protocol/email-address';
import type { ConversationEvent, ConversationSummary } from '../../../protocol/events';
import { visitorPageHost } from '../../../protocol/visitor-page';
import { useConsole } from './context';

/**
 * The address the server would email: the last one the visitor wrote in a message, but not the
 * site's own (its From, `siteMail`, or one at the host of the visitor's page or a domain above or
 * below it: where they wrote before, not where to reach them), else the one the site gave.
 */
export function followUpAddress(c: ConversationSummary, events: readonly ConversationEvent[], siteMail?: string): string | null {
  const written = events.flatMap((e) => (e.role === 'visitor' && e.body.kind === 'text' ? [e.body.text] : []));
  const host = visitorPageHost(c);
  return lastEmailAddress(written, { ...(siteMail ? { from: siteMail } : {}), ...(host ? { host } : {}) }) ?? (c.visitor.email || null);
}

export function EmailFollowUp({ c }: { c: ConversationSummary }) {
  const model = useConsole();
  // A closed conversation takes no more replies.
  if (!model.emailsReplies.value || model.isClosed(c.id)) return null;
  const to = followUpAddress(c, model.transcripts.value[c.id] ?? [], model.siteMail.value ?? undefined);
  return to ? <p class="visitor-note email-follow-up">{model.t.value.repliesByEmail(to)}</p> : null;
}
