// What the console says in English; strings-fi.ts says the same in Finnish, in the same shape.
import { spokenDuration } from '../../protocol/durations';
import type { ErrorCode, SessionEnd } from '../../protocol/errors';
import type { ConversationStatus, FaqDecision, HandoffReason } from '../../protocol/events';
import { FILE_LIMIT_TEXT } from '../../protocol/files';
import type { DownloadProblem } from './model/files';
import type { StatusProblem } from './model/http-problem';
import type { UploadProblem } from './model/uploads';
import { dayRangeText, sizeText, whenText, zonedText } from './format';

type Intent = 'greeting' | 'thanks' | 'handoff';
export type SystemKinds =
  | { kind: 'joined'; agent: string; from?: string | undefined; passed?: true | undefined }
  | { kind: 'released'; agent: string; away?: boolean | undefined }
  | { kind: 'closed'; by: 'agent' | 'visitor' }
  | { kind: 'bot.feedback'; helpful: boolean }
  | { kind: 'emailed'; to: string; replies: number; failed?: string | undefined }
  | { kind: 'seen' }
  | { kind: 'read' };

/** "just now", "4 min", "1 h 12 min", "2 d": the same in both languages but for "just now" and the day. */
export function duration(ms: number, justNow: string, day: string): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return justNow;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 24) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} ${day}`;
}

const pct = (share: number) => `${Math.round(share * 100)} %`;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// A saved file is read months later, by someone who may not know the console: its dates are spelled out.
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const EN = {
  langName: 'In English',
  /** Someone's words, quoted as the language quotes them. */
  quote: (text: string) => `“${text}”`,
  consoleTitle: 'Kohtaamo console',
  tabTitle(waiting: number, newMessages: number): string {
    if (waiting + newMessages === 0) return this.consoleTitle;
    const messages = newMessages === 1 ? 'new message' : 'new messages';
    const what = newMessages === 0 ? 'waiting' : waiting === 0 ? messages : `${waiting} waiting, ${newMessages} ${messages}`;
    return `(${waiting + newMessages}) ${what} · ${this.consoleTitle}`;
  },
  duration: (ms: number) => duration(ms, 'just now', 'd'),
  /** A transcript's time: "05:14" today, "yesterday 05:14", "Mon 23 Nov 05:14", "Mon 23 Nov 2025 05:14". */
  when: (at: number, today: number) =>
    whenText(at, today, { yesterday: 'yesterday', date: (d, year) => `${DAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]}${year ? ` ${d.getFullYear()}` : ''}` }),
  /** "340 KB", "1.2 MB". */
  fileSize: (bytes: number) => sizeText(bytes, { kb: 'KB', mb: 'MB', decimal: '.' }),
  reason: { no_answer: 'No FAQ answer found', not_helpful: 'FAQ answer did not help', asked_for_person: 'Asked for a person' } satisfies Record<HandoffReason, string>,
  lang: { fi: 'Finnish', en: 'English' } as Record<string, string>,
  status: { queued: 'Waiting', active: 'Active', closed: 'Closed' } satisfies Record<ConversationStatus, string>,
  errors: {
    already_claimed: 'Another agent has already claimed this conversation.',
    not_assigned: 'This conversation is not yours (any more): claim it, or take it over, to write in it.',
    conversation_closed: 'The conversation is closed.',
    not_found: 'This conversation no longer exists.',
    rate_limited: 'Too many messages at once. Wait a moment and retry.',
    too_large: 'The message is too long.',
    unauthorized: 'Your session has expired. Please log in again.',
    unknown_faq_entry: 'That FAQ entry no longer exists: the FAQ has changed. Reload the console.',
    agent_offline: 'That colleague has just gone offline. Pass the conversation to someone else, or return it to the queue.',
    unavailable: 'The server cannot save anything right now: its storage is failing. Try again in a moment.',
  } as Partial<Record<ErrorCode, string>>,
  errorOther: 'The server could not do that. Try again.',
  notConnected: 'Not connected. Try again when the connection is back.',
  anonymous: 'Anonymous visitor',
  visitorHere: 'visitor here',
  visitorNotOnSite: 'visitor not on the site',
  visitorLeft: (ago: string, minutes: boolean) => `visitor left ${ago}${minutes ? ' ago' : ''}`,

  // Login
  loginTitle: 'agent console',
  login: 'Login',
  password: 'Password',
  logIn: 'Log in',
  loggingIn: 'Logging in…',
  unreachable: 'Cannot reach the server. Check your connection and try again.',
  wrongLogin: 'Wrong login or password.',
  tooManyAttempts: 'Too many attempts. Wait a moment and try again.',
  loginFailed: (status: number) => `Login failed (HTTP ${status}).`,

  // Top bar
  brand: 'console',
  connected: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  disconnected: 'Disconnected',
  inSeconds: (s: number) => `in ${s} s`,
  reconnectNow: 'Reconnect now',
  /** Under the bar when the server was upgraded under an open console: drafts and what is on its way are in the tab's storage (model/drafts.ts, model/kept-outbox.ts). */
  consoleUpdated: 'Kohtaamo was updated. Reload the page to get the new version – your drafts and replies still on their way are kept.',
  reloadPage: 'Reload',
  notifyMe: 'Notify me of new chats',
  /** In the Notify button's place once the browser has said no: else it just went. */
  notificationsBlocked: "Notifications are blocked in this browser's settings",
  signedInAs: 'Signed in as ',
  logOut: 'Log out',
  /**
   * Asked in Log out's place while the agent has conversations: logging out returns them to the
   * queue, unless a console of theirs is open on another device (which this one cannot know).
   */
  logOutHolding: (n: number) =>
    n === 1
      ? 'You have 1 conversation. Log out and return it to the queue, unless you are logged in elsewhere?'
      : `You have ${n} conversations. Log out and return them to the queue, unless you are logged in elsewhere?`,
  logOutAnyway: 'Log out anyway',
  /** A toggle beside Notify (pressed: on): a chime when a visitor starts waiting or writes to the agent. */
  sound: 'Sound',
  /** On a phone, the top bar's controls are behind this button. */
  menu: 'Menu',
  pausedShort: 'paused',
  pauseNewChats: 'Pause new chats',
  pausedNote: 'Paused: visitors are told nobody is online',
  language: 'Language',

  // Queue
  queue: 'Queue',
  takeNext: 'Take the next visitor',
  waiting: 'Waiting',
  nobodyWaiting: 'Nobody is waiting.',
  /** In the Take the next visitor button's place: it passes by visitors who left, and only they wait. */
  everyoneWaitingLeft: 'Everyone waiting has left the site.',
  /** Take the next visitor found colleagues had taken every visitor still waiting. */
  nobodyFree: 'Colleagues have taken everyone who was waiting.',
  firstWaitingShown: (n: number) => `The first ${n} are listed, in the order they are taken.`,
  queueKeys: 'Alt+↑ / Alt+↓: previous / next conversation; with Shift, the nearest with new messages.',
  mine: 'My conversations',
  colleagues: "Colleagues' conversations",
  unread: (n: number) => `${n} new`,
  /** On a card: the visitor's newest message, when it is not the card's title. */
  latestWords: 'Latest:',
  /** On a card of the agent's own: the last word is the visitor's. */
  awaitsReply: 'Awaits your reply',
  waitingFor: (d: string, ms: number) => (ms < 60_000 ? 'just arrived' : `waiting ${d}`),
  withAgent: (name: string | undefined) => `with ${name ?? 'an agent'}`,
  /** A queue entry an agent had and put back (or that went back while they were away): ahead of the new ones. */
  backInQueue: 'back in the queue',
  noQuestion: 'No question asked',

  // Search
  searchLabel: 'Conversations',
  searchBox: 'Search conversations',
  searchPlaceholder: 'Name, email, words or id',
  search: 'Search',
  searchResults: 'Search results',
  backToQueue: 'Back to the queue',
  searching: 'Searching…',
  noMatch: (q: string) => `No conversation matches “${q}”.`,
  newest: (n: number) => `The newest ${n}; add words to narrow it down.`,
  found: (n: number) => (n === 1 ? '1 conversation found.' : `${n} conversations found.`),
  tooShort: 'Type at least 2 characters.',
  tooLong: (n: number) => `Type at most ${n} characters.`,

  // Conversation
  conversation: 'Conversation',
  selectOne: 'Select a conversation from the queue.',
  you: 'you',
  claim: 'Claim',
  takeOver: (name: string) => `Take over from ${name}`,
  returnToQueue: 'Return to queue',
  closeConversation: 'Close conversation',
  closeWhileTyping: 'The visitor is typing. Close anyway?',
  closeUnanswered: "The visitor's last message has no reply. Close anyway?",
  closeAnyway: 'Close anyway',
  cancel: 'Cancel',
  passTo: 'Colleague to pass to',
  pass: 'Pass',
  paused: ' (paused)',
  dismiss: 'Dismiss',
  transcript: 'Transcript',
  /** Lines came below while the agent reads further up; the button takes them there. */
  newMessagesBelow: 'New messages',
  visitorTyping: 'Visitor is typing…',
  hintClosed: 'This conversation is closed.',
  hintVisitorEnded: 'The visitor ended the chat.',
  /** Said after why the agent cannot reply, beside a draft left in the greyed box. */
  draftKept: 'Your draft is kept – you can save it as a note.',
  hintQueued: 'Claim the conversation to reply.',
  hintColleague: (name: string | undefined) => `${name ?? 'Another agent'} is handling this conversation. Take it over to reply.`,
  takenOver: (name: string) => `${name} took over this conversation.`,
  /** On the login form, why the server ended the session: what to do differs (the old password, the same login, nothing). */
  sessionEnded: {
    expired: 'Your session has expired. Please log in again.',
    logged_out: 'This session was logged out in another tab or window. Please log in again.',
    password_changed: 'Your password was changed: log in with the new one.',
    removed: 'Your account was removed from this console; ask your administrator.',
  } as Record<SessionEnd, string>,

  // Composer
  message: 'Message',
  noteLabel: 'Note for colleagues',
  replyPlaceholder: 'Write a reply… (Enter sends, Shift+Enter for a new line, / finds an FAQ answer)',
  notePlaceholder: 'Note for your colleagues: the visitor never sees it (Enter adds it)',
  note: 'Note',
  send: 'Send',
  addNote: 'Add note',
  answersToInsert: 'Answers to insert',
  savedReply: (lang: string) => `Saved reply, ${lang}`,
  typeAFewWords: 'Type a few words of the question.',
  noAnswerMatches: (q: string) => `No saved reply or FAQ answer matches “${q}”.`,
  escWrites: ' Esc writes it as a message.',
  /** Beside a draft longer than one message takes (a long paste, a long saved reply): nothing of it is cut, it is not sent until it fits. */
  textTooLong: (over: number, limit: number) =>
    `Too long to send: ${over === 1 ? '1 character' : `${over.toLocaleString('en-US')} characters`} over the limit of ${limit.toLocaleString('en-US')}. Shorten it to send it.`,
  /** In place of "No saved reply… matches" when they are not there to match, followed by why (loadProblems, downloadProblems); the next lookup asks again. */
  answersFailed: { faq: 'The FAQ answers could not be loaded.', replies: 'The saved replies could not be loaded.', both: 'The saved replies and FAQ answers could not be loaded.' },
  attachFile: 'Attach a file',

  // Transcript
  delivery: { sending: 'Sending…', sent: 'Sent', failed: 'Failed' },
  retry: 'Retry',
  /** A reply refused for good (the conversation closed as it went): its text kept for colleagues instead. */
  keepAsNote: 'Keep as note',
  noteMark: ' · note, not shown to the visitor ',
  /** After what the server emailed: the visitor got the email, but not this line in their chat. */
  emailedMark: " · not in the visitor's chat ",
  /** Under the agent's last reply the visitor has had in front of them (the widget open, the page visible). */
  seenBy: 'Seen by the visitor',
  agent: 'Agent',
  bot: 'Bot',
  askedTheBot: ' asked the bot ',
  decisions: { answer: 'Bot answered', suggest: 'Bot suggested answers', none: 'Bot found no answer' } satisfies Record<FaqDecision, string>,
  intents: { greeting: 'Bot greeted back', thanks: 'Bot replied to the thanks', handoff: 'Asked for a person' } satisfies Record<Intent, string>,
  /** A question typed and left unsent as the visitor asked for a person (protocol/events.ts `unsent`). */
  unsent: 'Typed, not sent: the visitor asked for a person instead, and no answer was shown',
  topMatches: 'Top FAQ matches',
  /** By the first of them: the search's probability that it is the right entry (the others have none). */
  likelyRight: (p: number) => `${pct(p)} likely right`,
  showedAnswer: ' showed an FAQ answer ',
  answerText: 'Answer text',
  loadingImage: 'Loading image…',
  imageFailed: 'The image could not be loaded.',
  openImage: 'Opens the full image in a new tab',
  downloadFile: (name: string, size: string) => `Download ${name} (${size})`,
  downloading: 'Downloading…',
  downloadFailed: 'The file could not be downloaded.',
  /**
   * Why a file in the transcript could not be fetched, after imageFailed or downloadFailed: the
   * same causes, and what to do about them, as a file the agent sends (fileProblems).
   */
  downloadProblems: {
    file_gone: 'It is no longer on the server (erased, or past the time files are kept). If it is still needed, it has to be sent again.',
    unauthorized: 'Your session had expired. Once you have logged in again, retry.',
    rate_limited: 'Too many requests at once. Wait a moment and retry.',
    server_failed: 'The server failed to send it. Retry later; if it keeps failing, tell whoever runs the server.',
    refused: 'The server did not accept the request: this page may be out of date. Reload the page and try again; if that does not help, tell whoever runs the server.',
    other: 'It did not get through. Check the connection and retry.',
  } satisfies Record<DownloadProblem, string>,
  /** A file the agent chose, until its event shows it. */
  sendingFile: (name: string) => `Sending ${name}…`,
  /** Why a file the agent chose did not get to the visitor. */
  fileProblems: {
    too_large: `The file is too large: at most ${FILE_LIMIT_TEXT}.`,
    bad_file: 'Only JPEG, PNG, WebP or GIF pictures and PDF files can be sent.',
    conversation_full: 'The conversation holds as many files as it can take: this one does not fit.',
    daily_quota: 'This network address has sent as many files as it may today: more can be sent tomorrow.',
    not_assigned: 'This conversation is not yours (any more): claim it, or take it over, to send a file.',
    conversation_closed: 'The conversation is closed.',
    rate_limited: 'Too many files at once. Wait a moment and retry.',
    unauthorized: 'It was not sent: your session had expired. Once you have logged in again, retry.',
    server_failed: 'It was not sent: the server failed to take it. Retry later; if it keeps failing, tell whoever runs the server.',
    conversation_gone: 'This conversation is no longer on the server (it may have been deleted), so no file can be sent to it.',
    refused: 'The server did not accept the request: this page may be out of date. Reload the page and attach the file again; if that does not help, tell whoever runs the server.',
    size_refused: 'The server refused a file this large (a proxy in front of it may limit uploads).',
    unavailable: 'The server cannot save files right now: its storage is failing. Retry in a moment.',
    reloaded: 'It was not sent: the page was reloaded before it got through. Attach it again.',
    other: 'It did not get through. Check the connection and retry.',
  } satisfies Record<UploadProblem, string>,
  handedOff: 'Handed off to a person',
  from: 'from',
  rated: 'Visitor rated the conversation',
  system(b: SystemKinds): string {
    switch (b.kind) {
      case 'joined':
        if (b.from && b.passed) return `${b.from} passed the conversation to ${b.agent}`;
        return b.from ? `${b.agent} took over from ${b.from}` : `${b.agent} joined the conversation`;
      case 'released':
        return b.away ? `${b.agent} was offline too long; the conversation went back to the queue` : `${b.agent} put the conversation back in the queue`;
      case 'closed':
        return `Conversation closed by the ${b.by}`;
      case 'bot.feedback':
        return b.helpful ? 'The visitor found the answer helpful' : 'The visitor said the answer did not help';
      case 'emailed':
        if (b.failed) return `Could not email the visitor the replies they had not seen, to ${b.to}: ${b.failed}`;
        return `Emailed the visitor ${b.replies === 1 ? 'the reply' : `the ${b.replies} replies`} they had not seen, to ${b.to}`;
      case 'seen':
        return 'The visitor saw the replies so far';
      case 'read':
        return "The agent read the visitor's messages so far";
    }
  },

  // Handoff summary and details
  noVerdict: 'no verdict',
  helpful: 'helpful',
  helpfulTitle: 'The visitor found this helpful',
  notHelpful: 'not helpful',
  notHelpfulTitle: 'The visitor said this did not help',
  visitorsLanguage: "Visitor's language",
  earlier: (n: number) => `${n} earlier conversation${n === 1 ? '' : 's'}`,
  alsoAsked: 'Also asked',
  /** Questions or answers a summary counts but does not list. */
  more: (n: number) => `+${n} more`,
  visitorAsked: 'Visitor asked',
  botShowed: 'Bot showed',
  page: 'Page',
  nowOn: 'Now on',
  name: 'Name',
  email: 'Email',
  verified: 'Email verified by your site.',
  notVerified: "From the visitor's browser, not verified.",
  repliesByEmail: (to: string) => `If the visitor has left, your replies also go to ${to} by email.`,
  details: 'Details',
  detailsEmpty: "The handoff summary and the visitor's earlier conversations appear here.",
  handoffSummary: 'Handoff summary',
  downloadTranscript: 'Download transcript',
  downloadNote: '(text file, to keep or forward)',
  visitorHistory: 'Visitor history',
  loading: 'Loading…',
  noEarlier: 'No earlier conversations.',
  /** Under the visitor's history when the server sent only the newest of their conversations. */
  newestEarlier: (shown: number, all: number) => `Showing the newest ${shown} of ${all}.`,
  searchOlder: 'Search for older ones',
  otherDevice: ' · another device, same verified email',
  faqMatch: 'FAQ match',
  faqMatchQuestion: 'Which FAQ entry answers what the visitor wanted?',
  notSaidYet: 'Not chosen yet',
  noneLacks: 'None: the FAQ lacks it',
  faqMatchFind: 'Find by words of the question',
  faqMatchCount: (found: number, shown: number) =>
    found === 0 ? 'No entry found.' : found === 1 ? '1 entry found.' : shown < found ? `${found} entries found, the first ${shown} listed: type more words.` : `${found} entries found.`,
  saidBy: (agent: string, when: string) => `Chosen by ${agent}, ${when}. `,
  faqMatchNote: "The site owner's FAQ report uses it to show which words each entry is missing.",

  // Report
  report: 'Report',
  reportTitle: 'How visitors were served',
  period: 'Period',
  lastDays: (n: number) => `Last ${n} days`,
  /** The report's days on the site's calendar, and the zone whose days they are. */
  reportDays: (first: string, last: string, timeZone: string) => `${dayRangeText(first, last, 'en-GB', 'short')}, days in ${timeZone}`,
  /** The FAQ counts begin later than the period: an earlier version kept them per whole UTC day (or the zone is half an hour off UTC). */
  faqCountedFrom: (at: number, timeZone: string) => `FAQ answers counted from ${zonedText(at, timeZone, 'en-GB', { month: 'short', hour: '2-digit' })}: before that they are kept per whole UTC day or hour.`,
  loadingReport: 'Loading the figures…',
  /** Followed by why (downloadProblems, the words a file's download fails with, or loadProblems where they say "it"). */
  reportFailed: 'The figures could not be loaded.',
  /** Words for a cause where the file's (downloadProblems) say "it" of something plural (the figures, the saved replies): the rest are theirs. */
  loadProblems: {
    server_failed: 'The server failed to send them. Retry later; if it keeps failing, tell whoever runs the server.',
    other: 'They did not get through. Check the connection and retry.',
  } as Partial<Record<StatusProblem, string>>,
  faqShown: 'FAQ answers shown in the widget',
  itHelped: '“It helped”',
  itDidNotHelp: '“It did not help” (handed to a person)',
  ofShown: (n: number, of: number) => `${n} (${of > 0 ? pct(n / of) : '–'})`,
  mostShown: 'Most shown answers',
  helpedCount: (n: number) => `helped ${n}`,
  handedToPerson: 'Handed to a person',
  reasons: (r: { asked_for_person: number; no_answer: number; not_helpful: number }) =>
    `asked for a person ${r.asked_for_person}, no FAQ answer ${r.no_answer}, an answer did not help ${r.not_helpful}`,
  reached: 'Reached by an agent',
  waitForAgent: 'Wait for an agent',
  firstReply: 'First reply',
  timing: (d: { median: number; p90: number } | null) => (d === null ? 'none yet' : `median ${spokenDuration(d.median)}, 9 in 10 within ${spokenDuration(d.p90)}`),
  ratings: 'Ratings',
  rating: (r: { count: number; average: number | null; satisfied?: number | null }) =>
    r.average === null ? 'none yet' : `${r.average.toFixed(1)} / 5 from ${r.count} ${r.count === 1 ? 'rating' : 'ratings'}${r.satisfied != null ? `, ${pct(r.satisfied)} gave 4 or 5` : ''}`,
  emailedFigure: 'Replies emailed to visitors who had left',
  emailedCount: (e: { conversations: number; failed: number }) =>
    `${e.conversations} ${e.conversations === 1 ? 'conversation' : 'conversations'}${e.failed > 0 ? `; could not be sent in ${e.failed}` : ''}`,
  agents: 'Agents',
  agentCol: 'Agent',
  conversationsCol: 'Conversations',
  firstReplyCol: 'First reply (median)',
  ratingCol: 'Rating',
  closeReport: 'Back to conversations',

  // Notifications
  /** The queue's one notification, how many wait in all. */
  visitorsWaiting: (n: number) => (n === 1 ? 'A visitor is waiting' : `${n} visitors waiting`),
  passedYou: (from: string | undefined) => `${from ?? 'A colleague'} passed you a conversation`,
  newMessage: 'New message',
  /** Said to a screen reader in the page, where no notification comes: the visitor's first question, or who they are. */
  newVisitorWaiting: (question: string) => `New visitor waiting: ${question}`,
  /** `title`: the conversation's, quoted; `text`: what the visitor wrote, shortened. */
  wroteElsewhere: (visitor: string, title: string, text: string) => `${visitor} wrote in another conversation, ${title}: ${text}`,
  /** A file the visitor sent, as a notification says it. */
  attachment: (name: string) => `📎 ${name}`,

  // Downloaded transcript
  file: {
    title: (id: string) => `Kohtaamo conversation ${id}`,
    visitor: 'Visitor',
    verified: ', verified by the site',
    notVerified: ', not verified',
    started: 'Started',
    /** The line before the first event of a day after the one the conversation started on. */
    day: (d: Date) => `--- ${WEEKDAYS[d.getDay()]} ${d.getDate()} ${FULL_MONTHS[d.getMonth()]} ${d.getFullYear()} ---`,
    page: 'Page',
    status: 'Status',
    text: (who: string, text: string) => `${who}: ${text}`,
    note: (who: string, text: string) => `${who} (note, not shown to the visitor): ${text}`,
    sent: (who: string, name: string, size: string) => `${who} sent a file: ${name} (${size})`,
    asked: (who: string, query: string, decision: string) => `${who} asked the bot: “${query}” (${decision})`,
    answer: (question: string) => `Bot showed the FAQ answer: ${question}`,
    handoff: (reason: string, url: string) => `Handed off to a person: ${reason}, from ${url}`,
    rating: (score: number, comment: string | undefined) => `Visitor rated the conversation ${score}/5${comment ? `: “${comment}”` : ''}`,
  },
};

export type Strings = typeof EN;

