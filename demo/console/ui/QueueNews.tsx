// What happened in the queue while the agent looks at something else, said by a screen reader:
// a visitor starts waiting, a colleague passes them a conversation, a visitor writes in another
// of their conversations (model/alerts.ts decides what is news). The region is in the page from
// the login on and only its words change: a live region inserted with its words is often not read.
import { useRef } from 'preact/hooks';
import type { News } from '../model/alerts';
import { messageText } from '../model/latest-words';
import { conversationTitle, visitorLabel, type Strings } from '../strings';
import { useConsole } from './context';

/**
 * Characters of a visitor's message the region says, as a line of it: enough to tell what it is
 * about, and a long message read out whole would hold up the next news. The transcript has it.
 */
const SPOKEN_CHARS = 100;

const shortened = (text: string) => (text.length <= SPOKEN_CHARS ? text : `${text.slice(0, SPOKEN_CHARS - 1).trimEnd()}…`);

function newsText(t: Strings, news: News): string {
  const c = news.conversation;
  switch (news.kind) {
    case 'waiting':
      return t.newVisitorWaiting(conversationTitle(t, c));
    case 'passed':
      return `${t.passedYou(news.from)}, ${t.quote(conversationTitle(t, c))}`;
    case 'wrote':
      // Which conversation, by its card's title (every anonymous visitor is "Anonymous visitor"), and what they wrote, as the notification shows it.
      return t.wroteElsewhere(visitorLabel(t, c.visitor), t.quote(conversationTitle(t, c)), shortened(messageText(t, news.message)));
  }
}

export function QueueNews() {
  const model = useConsole();
  const t = model.t.value;
  const lang = model.lang.value;
  const { n, items } = model.alerts.news.value;
  // Said once: a switch of language is no reason to say the last news again.
  const said = useRef({ n, lang });
  if (said.current.n !== n) said.current = { n, lang };
  // The same words as the last time (two visitors asking the same) must still be a change to be read.
  const text = said.current.lang === lang ? items.map((item) => newsText(t, item)).join('. ') + (n % 2 === 1 ? '\u00a0' : '') : '';
  return (
    <p id="queue-news" class="sr-only" aria-live="polite" aria-atomic="true">
      {text}
    </p>
  );
}
