// The email a visitor gets with the replies they missed, in the conversation's language: plain
// text, the replies as the agents wrote them, and where to carry on.
import type { ConversationSummary } from '../protocol';

/** A message an agent wrote, or the name of a file they sent (the bytes stay in the chat). */
export type MissedReply = { agent: string; text: string } | { agent: string; file: string };

export interface EmailText {
  subject: string;
  text: string;
}

/**
 * The page to link back to, of those the visitor's widget said it was on (now, or when it asked):
 * only one of the site's own origins (those allowed on the visitor socket). Both are what the
 * visitor's client sent, and a script that is not a page can send any, so anything else would
 * let anyone have the shop's mail server send a link of theirs to an address of their choosing.
 */
function sitePage(pages: readonly ({ url: string } | undefined)[], siteOrigins: readonly string[]): URL | null {
  for (const page of pages) {
    if (!page) continue;
    let url: URL;
    try {
      url = new URL(page.url);
    } catch {
      continue;
    }
    if (!siteOrigins.includes(url.origin)) continue;
    url.username = '';
    url.password = '';
    return url;
  }
  return null;
}

const WORDS = {
  fi: {
    subject: (site: string | null) => (site ? `Vastaus viestiisi – ${site}` : 'Vastaus viestiisi'),
    hello: 'Hei,',
    // One form: the agents may send two replies to one message, so not 'viesteihisi'.
    intro: 'Olit jo poistunut sivulta, kun vastasimme sinulle:',
    carryOn: (url: string | null) =>
      url ? `Voit jatkaa keskustelua chatissa sivulla ${url} samalla selaimella, jolla kysyit.` : 'Voit jatkaa keskustelua sivustomme chatissa samalla selaimella, jolla kysyit.',
    why: {
      chat: 'Saat tämän viestin, koska kerroit sähköpostiosoitteesi chatissa.',
      site: 'Saat tämän viestin, koska olit kirjautuneena sivustollemme kysyessäsi.',
    },
    file: (name: string) => `📎 ${name} (tiedosto odottaa sinua chatissa)`,
  },
  en: {
    subject: (site: string | null) => (site ? `A reply to your message – ${site}` : 'A reply to your message'),
    hello: 'Hello,',
    intro: 'You had left the page when we replied:',
    carryOn: (url: string | null) =>
      url ? `You can carry on in the chat on ${url}, in the browser you asked from.` : 'You can carry on in the chat on our site, in the browser you asked from.',
    why: {
      chat: 'You are receiving this email because you gave your email address in the chat.',
      site: 'You are receiving this email because you were logged in to our site when you asked.',
    },
    file: (name: string) => `📎 ${name} (the file is waiting for you in the chat)`,
  },
} as const;

/**
 * Where the address came from: the visitor wrote it in the chat, or the site gave it with
 * `Kohtaamo('identify')` for a visitor logged in there. The email says which, so its reason is true.
 */
export type AddressFrom = 'chat' | 'site';

/**
 * The email; `siteOrigins` are the origins allowed on the visitor socket. The subject names the
 * site by the host of the page linked to, never by the page's title, which the visitor's client
 * sent too: no words of a stranger's choosing go out under the shop's name. Nor does the greeting
 * name the visitor: the name is what their browser said (`identify` is not signed), and a name
 * such as "Matti, your account is locked: log in at …" would be a stranger's words.
 */
export function missedRepliesEmail(conversation: ConversationSummary, replies: readonly MissedReply[], siteOrigins: readonly string[], addressFrom: AddressFrom): EmailText {
  const w = WORDS[conversation.lang];
  const page = sitePage([conversation.nowOn, conversation.page], siteOrigins);
  const quoted = replies.map((r) => `${r.agent}:\n${'file' in r ? w.file(r.file) : r.text}`).join('\n\n');
  return {
    subject: w.subject(page?.host ?? null),
    text: [w.hello, '', w.intro, '', quoted, '', w.carryOn(page?.href ?? null), '', '--', w.why[addressFrom], ''].join('\n'),
  };
}
