// The widget's words. One file per language, fetched as its own small chunk when needed.
import type { Lang } from '../../../protocol/limits';
import type { ErrorCode } from '../../../protocol/errors';
import type { QueuePlace } from '../../../protocol/visitor';

export interface Strings {
  title: string;
  subtitle: string;
  /** The panel's own close button: the chat goes on, the panel only gets out of the way. */
  close: string;
  agentHelping: (name: string) => string;
  launcherOpen: string;
  launcherClose: string;
  /** Launcher label when agent messages arrived while the panel was closed. */
  launcherUnread: (n: number) => string;
  greeting: string;
  inputLabel: string;
  placeholder: string;
  suggestions: string;
  loadingFaq: string;
  faqUnavailable: string;
  noAnswerHint: string;
  /** How to pick a suggestion: with the arrow keys and Enter, or on a touch screen by tapping it. */
  suggestHint: string;
  replyGreeting: string;
  replyThanks: string;
  back: string;
  helped: string;
  yes: string;
  no: string;
  gladItHelped: string;
  talkToPerson: string;
  /** Waiting in the queue; `place`: how many wait before the visitor and the typical wait, once the server has said. */
  personWillJoin: (place?: QueuePlace | null) => string;
  agentJoined: (name: string) => string;
  /** Waiting in the queue while no agent is online (at night). */
  /** `opens`: when the site's opening hours next begin, as `locale` writes a weekday, date and time. */
  nobodyOnline: (opens: string | undefined) => string;
  /** Where the server emails replies: the visitor may ask for one by writing their address… */
  emailHint: string;
  /** …and is told it was heard. */
  emailNoted: (to: string) => string;
  locale: string;
  /** The agent put the conversation back in the queue, or the server did for them (`away`: their console was gone too long). */
  agentLeft: (name: string, away?: boolean) => string;
  agentTyping: (name: string) => string;
  /** Said beside the launcher while the panel is closed: `n` unread messages or files from the agent, the last from `name`. */
  newMessage: (name: string, n: number) => string;
  you: string;
  agent: string;
  bot: string;
  botShowed: (question: string) => string;
  feedbackYes: string;
  feedbackNo: string;
  conversationClosed: string;
  /** The visitor's own "End chat", while a person has the conversation or it waits for one; asked once more (`endAsk`), then `ending` until the server has it. */
  endChat: string;
  endAsk: string;
  endYes: string;
  endNo: string;
  ending: string;
  messageLabel: string;
  messagePlaceholder: string;
  send: string;
  /** The composer's button that opens the file picker. */
  attach: string;
  /** A file sent in the conversation: its name and its size in this language's units. */
  file: (name: string, bytes: number) => string;
  /** The button that saves a file an agent sent: a verb, its name and size, as `file` writes them. */
  download: (name: string, bytes: number) => string;
  /** Beside that button when the file could not be fetched; the button stays for another try. */
  downloadFailed: string;
  /** Under the visitor's newest message: on its way, stored (`sent`), not sent, or read by the agent (`read`). */
  status: Record<'sending' | 'sent' | 'failed' | 'read', string>;
  retry: string;
  connection: Record<'reconnecting' | 'offline', string>;
  rateTitle: string;
  rateScore: (n: number) => string;
  rateComment: string;
  rateSend: string;
  thanks: string;
  startOver: string;
  transcript: string;
  /**
   * Why the server refused a message or file. `conversation_closed` is said of a message refused
   * because the conversation had closed (model/session.ts), whose retry starts a new one;
   * `no_conversation` of a file refused so, which has no retry. `rate_limited` is said of a file
   * only (too many at once, 429): the socket's comes with no message's id, and closes the socket,
   * which reconnects and sends again by itself (model/session.ts).
   */
  errors: Partial<Record<ErrorCode, string>>;
}

export async function loadStrings(lang: Lang): Promise<Strings> {
  const mod = lang === 'en' ? await import('./en') : await import('./fi');
  return mod.default;
}
