// The email a visitor gets with the replies they missed, in the conversation's language: plain
// text, the replies as the agents wrote them, and where to carry on.
import type { ConversationSummary } from '../protocol';

/** A message an agent wrote, or the name of a file they sent (the bytes stay in the chat). */
export type MissedReply = { agent: string; text: string } | { agent: string; file: string };

export interface EmailText {
  subject: string;
  text: string;
}

/** Header text from what a page said: one line, no control characters, not endless. */
const oneLine = (s: string, max: number) => {
  const line = s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

const WORDS = {
  fi: {
    subject: (site: string) => `Vastaus viestiisi – ${site}`,
    hello: (name: string | undefined) => (name ? `Hei ${name},` : 'Hei,'),
    intro: (n: number) => (n === 1 ? 'Olit jo poistunut sivulta, kun vastasimme viestiisi:' : 'Olit jo poistunut sivulta, kun vastasimme viesteihisi:'),
    carryOn: (url: string) => `Voit jatkaa keskustelua chatissa sivulla ${url} samalla selaimella, jolla kysyit.`,
    why: 'Saat tämän viestin, koska kerroit sähköpostiosoitteesi chatissa.',
    file: (name: string) => `📎 ${name} (tiedosto odottaa sinua chatissa)`,
  },
  en: {
    subject: (site: string) => `A reply to your message – ${site}`,
    hello: (name: string | undefined) => (name ? `Hello ${name},` : 'Hello,'),
    intro: (n: number) => (n === 1 ? 'You had left the page when we replied to your message:' : 'You had left the page when we replied to your messages:'),
    carryOn: (url: string) => `You can carry on in the chat on ${url}, in the browser you asked from.`,
    why: 'You get this email because you gave your email address in the chat.',
    file: (name: string) => `📎 ${name} (the file waits for you in the chat)`,
  },
} as const;

export function missedRepliesEmail(conversation: ConversationSummary, replies: readonly MissedReply[]): EmailText {
  const w = WORDS[conversation.lang];
  const page = conversation.nowOn ?? conversation.page;
  const site = oneLine(conversation.page.title, 80) || new URL(conversation.page.url).host;
  const quoted = replies.map((r) => `${r.agent}:\n${'file' in r ? w.file(r.file) : r.text}`).join('\n\n');
  return {
    subject: w.subject(site),
    text: [w.hello(conversation.visitor.name), '', w.intro(replies.length), '', quoted, '', w.carryOn(page.url), '', '--', w.why, ''].join('\n'),
  };
}
