// Everything the console says, in English and in Finnish: the agents of a Finnish company work
// in Finnish. One object per language of the same shape (the compiler checks that Finnish lacks
// nothing); words that depend on a number or a name are functions. The language is the agent's
// choice in the top bar, else the browser's.
import type { ErrorCode } from '../../protocol/errors';
import type { ConversationStatus, FaqDecision, HandoffReason } from '../../protocol/events';

export const CONSOLE_LANGS = ['en', 'fi'] as const;
export type ConsoleLang = (typeof CONSOLE_LANGS)[number];

type Intent = 'greeting' | 'thanks' | 'handoff';
type SystemKinds =
  | { kind: 'joined'; agent: string; from?: string | undefined; passed?: true | undefined }
  | { kind: 'released'; agent: string; away?: boolean | undefined }
  | { kind: 'closed'; by: 'agent' | 'visitor' }
  | { kind: 'bot.feedback'; helpful: boolean };

/** "just now", "4 min", "1 h 12 min", "2 d": the same in both languages but for "just now". */
function duration(ms: number, justNow: string, day: string): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return justNow;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 24) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} ${day}`;
}

const EN = {
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
  } as Partial<Record<ErrorCode, string>>,
  errorOther: 'The server could not do that. Try again.',
  notConnected: 'Not connected. Try again when the connection is back.',
  noReply: 'No reply from the server.',
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
  notifyMe: 'Notify me of new chats',
  signedInAs: 'Signed in as ',
  logOut: 'Log out',
  pauseNewChats: 'Pause new chats',
  pausedNote: 'Paused: visitors are told nobody is online',
  language: 'Language',

  // Queue
  queue: 'Queue',
  takeNext: 'Take the next visitor',
  waiting: 'Waiting',
  nobodyWaiting: 'Nobody is waiting.',
  mine: 'My conversations',
  colleagues: "Colleagues' conversations",
  unread: (n: number) => `${n} new`,
  waitingFor: (d: string) => `waiting ${d}`,
  withAgent: (name: string | undefined) => `with ${name ?? 'an agent'}`,
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
  passTo: 'Colleague to pass to',
  pass: 'Pass',
  paused: ' (paused)',
  dismiss: 'Dismiss',
  transcript: 'Transcript',
  visitorTyping: 'Visitor is typing…',
  hintClosed: 'This conversation is closed.',
  hintQueued: 'Claim the conversation to reply.',
  hintColleague: (name: string | undefined) => `${name ?? 'Another agent'} is handling this conversation. Take it over to reply.`,
  takenOver: (name: string) => `${name} took over this conversation.`,
  sessionExpired: 'Your session has expired. Please log in again.',

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

  // Transcript
  delivery: { sending: 'Sending…', sent: 'Sent', failed: 'Failed' },
  retry: 'Retry',
  noteMark: ' · note, not shown to the visitor ',
  agent: 'Agent',
  bot: 'Bot',
  askedTheBot: ' asked the bot ',
  decisions: { answer: 'Bot answered', suggest: 'Bot suggested answers', none: 'Bot found no answer' } satisfies Record<FaqDecision, string>,
  intents: { greeting: 'Bot greeted back', thanks: 'Bot replied to the thanks', handoff: 'Asked for a person' } satisfies Record<Intent, string>,
  topMatches: 'Top FAQ matches',
  showedAnswer: ' showed an FAQ answer ',
  answerText: 'Answer text',
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
    }
  },

  // Handoff summary and details
  noVerdict: 'no verdict',
  helpful: '👍 helpful',
  helpfulTitle: 'The visitor found this helpful',
  notHelpful: '👎 not helpful',
  notHelpfulTitle: 'The visitor said this did not help',
  visitorsLanguage: "Visitor's language",
  earlier: (n: number) => `${n} earlier conversation${n === 1 ? '' : 's'}`,
  alsoAsked: 'Also asked',
  visitorAsked: 'Visitor asked',
  botShowed: 'Bot showed',
  page: 'Page',
  nowOn: 'Now on',
  name: 'Name',
  email: 'Email',
  verified: 'Email verified by your site.',
  notVerified: "From the visitor's browser, not verified.",
  details: 'Details',
  detailsEmpty: "The handoff summary and the visitor's earlier conversations appear here.",
  handoffSummary: 'Handoff summary',
  downloadTranscript: 'Download transcript',
  downloadNote: '(text file, to keep or forward)',
  visitorHistory: 'Visitor history',
  loading: 'Loading…',
  noEarlier: 'No earlier conversations.',
  otherDevice: ' · another device, same verified email',
  faqMatch: 'FAQ match',
  faqMatchQuestion: 'Which FAQ entry answers what the visitor wanted?',
  notSaidYet: 'Not said yet',
  noneLacks: 'None: the FAQ lacks it',
  saidBy: (agent: string, when: string) => `Said by ${agent}, ${when}. `,
  faqMatchNote: "The site owner's FAQ report uses it to show which words each entry is missing.",

  // Notifications
  visitorWaiting: 'A visitor is waiting',
  passedYou: (from: string | undefined) => `${from ?? 'A colleague'} passed you a conversation`,
  newMessage: 'New message',

  // Downloaded transcript
  file: {
    title: (id: string) => `Kohtaamo conversation ${id}`,
    visitor: 'Visitor',
    verified: ', verified by the site',
    notVerified: ', not verified',
    started: 'Started',
    page: 'Page',
    status: 'Status',
    text: (who: string, text: string) => `${who}: ${text}`,
    note: (who: string, text: string) => `${who} (note, not shown to the visitor): ${text}`,
    asked: (who: string, query: string, decision: string) => `${who} asked the bot: “${query}” (${decision})`,
    answer: (question: string) => `Bot showed the FAQ answer: ${question}`,
    handoff: (reason: string, url: string) => `Handed off to a person: ${reason}, from ${url}`,
    rating: (score: number, comment: string | undefined) => `Visitor rated the conversation ${score}/5${comment ? `: “${comment}”` : ''}`,
  },
};

export type Strings = typeof EN;

const FI: Strings = {
  langName: 'Suomeksi',
  quote: (text: string) => `”${text}”`,
  consoleTitle: 'Kohtaamo-konsoli',
  tabTitle(waiting: number, newMessages: number): string {
    if (waiting + newMessages === 0) return this.consoleTitle;
    const messages = newMessages === 1 ? 'uusi viesti' : 'uutta viestiä';
    const what = newMessages === 0 ? 'odottaa' : waiting === 0 ? messages : `${waiting} odottaa, ${newMessages} ${messages}`;
    return `(${waiting + newMessages}) ${what} · ${this.consoleTitle}`;
  },
  duration: (ms: number) => duration(ms, 'juuri nyt', 'vrk'),
  reason: { no_answer: 'UKK:sta ei löytynyt vastausta', not_helpful: 'UKK-vastaus ei auttanut', asked_for_person: 'Pyysi ihmistä' },
  lang: { fi: 'suomi', en: 'englanti' },
  status: { queued: 'Odottaa', active: 'Käynnissä', closed: 'Suljettu' },
  errors: {
    already_claimed: 'Toinen asiakaspalvelija otti jo tämän keskustelun.',
    not_assigned: 'Keskustelu ei ole (enää) sinun: ota se tai ota se haltuusi, jotta voit kirjoittaa siihen.',
    conversation_closed: 'Keskustelu on suljettu.',
    not_found: 'Keskustelua ei enää ole.',
    rate_limited: 'Liian monta viestiä kerralla. Odota hetki ja yritä uudelleen.',
    too_large: 'Viesti on liian pitkä.',
    unauthorized: 'Istuntosi on vanhentunut. Kirjaudu uudelleen.',
    unknown_faq_entry: 'UKK-kohtaa ei enää ole: UKK on muuttunut. Lataa konsoli uudelleen.',
    agent_offline: 'Kollega poistui juuri linjoilta. Siirrä keskustelu jollekulle muulle tai palauta se jonoon.',
  },
  errorOther: 'Palvelin ei voinut tehdä sitä. Yritä uudelleen.',
  notConnected: 'Ei yhteyttä. Yritä uudelleen, kun yhteys palaa.',
  noReply: 'Palvelin ei vastannut.',
  anonymous: 'Nimetön kävijä',
  visitorHere: 'kävijä paikalla',
  visitorNotOnSite: 'kävijä ei ole sivustolla',
  visitorLeft: (ago: string, minutes: boolean) => (minutes ? `kävijä lähti ${ago} sitten` : `kävijä lähti ${ago}`),

  loginTitle: 'asiakaspalvelun konsoli',
  login: 'Käyttäjätunnus',
  password: 'Salasana',
  logIn: 'Kirjaudu',
  loggingIn: 'Kirjaudutaan…',
  unreachable: 'Palvelimeen ei saada yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.',
  wrongLogin: 'Väärä käyttäjätunnus tai salasana.',
  tooManyAttempts: 'Liian monta yritystä. Odota hetki ja yritä uudelleen.',
  loginFailed: (status: number) => `Kirjautuminen epäonnistui (HTTP ${status}).`,

  brand: 'konsoli',
  connected: 'Yhdistetty',
  connecting: 'Yhdistetään…',
  reconnecting: 'Yhteys katkesi. Yhdistetään uudelleen…',
  disconnected: 'Ei yhteyttä',
  inSeconds: (s: number) => `${s} s kuluttua`,
  reconnectNow: 'Yhdistä nyt',
  notifyMe: 'Ilmoita uusista keskusteluista',
  signedInAs: 'Kirjautuneena: ',
  logOut: 'Kirjaudu ulos',
  pauseNewChats: 'Tauko uusista keskusteluista',
  pausedNote: 'Tauolla: kävijöille kerrotaan, ettei ketään ole paikalla',
  language: 'Kieli',

  queue: 'Jono',
  takeNext: 'Ota seuraava kävijä',
  waiting: 'Odottaa',
  nobodyWaiting: 'Kukaan ei odota.',
  mine: 'Omat keskustelut',
  colleagues: 'Kollegoiden keskustelut',
  unread: (n: number) => `${n} uutta`,
  waitingFor: (d: string) => `odottanut ${d}`,
  withAgent: (name: string | undefined) => `hoitaa ${name ?? 'asiakaspalvelija'}`,
  noQuestion: 'Ei kysymystä',

  searchLabel: 'Keskustelut',
  searchBox: 'Hae keskusteluja',
  searchPlaceholder: 'Nimi, sähköposti, sanoja tai tunniste',
  search: 'Hae',
  searchResults: 'Hakutulokset',
  backToQueue: 'Takaisin jonoon',
  searching: 'Haetaan…',
  noMatch: (q: string) => `Mikään keskustelu ei vastaa hakua ”${q}”.`,
  newest: (n: number) => `Uusimmat ${n}; tarkenna hakua lisäämällä sanoja.`,
  tooShort: 'Kirjoita vähintään 2 merkkiä.',
  tooLong: (n: number) => `Kirjoita enintään ${n} merkkiä.`,

  conversation: 'Keskustelu',
  selectOne: 'Valitse keskustelu jonosta.',
  you: 'sinä',
  claim: 'Ota',
  takeOver: (name: string) => `Ota haltuun (${name})`,
  returnToQueue: 'Palauta jonoon',
  closeConversation: 'Sulje keskustelu',
  passTo: 'Kollega, jolle siirretään',
  pass: 'Siirrä',
  paused: ' (tauolla)',
  dismiss: 'Sulje',
  transcript: 'Keskusteluhistoria',
  visitorTyping: 'Kävijä kirjoittaa…',
  hintClosed: 'Tämä keskustelu on suljettu.',
  hintQueued: 'Ota keskustelu vastataksesi.',
  hintColleague: (name: string | undefined) => `${name ?? 'Toinen asiakaspalvelija'} hoitaa tätä keskustelua. Ota se haltuun vastataksesi.`,
  takenOver: (name: string) => `${name} otti tämän keskustelun haltuunsa.`,
  sessionExpired: 'Istuntosi on vanhentunut. Kirjaudu uudelleen.',

  message: 'Viesti',
  noteLabel: 'Muistiinpano kollegoille',
  replyPlaceholder: 'Kirjoita vastaus… (Enter lähettää, Shift+Enter vaihtaa riviä, / hakee UKK-vastauksen)',
  notePlaceholder: 'Muistiinpano kollegoille: kävijä ei näe sitä koskaan (Enter lisää)',
  note: 'Muistiinpano',
  send: 'Lähetä',
  addNote: 'Lisää muistiinpano',
  answersToInsert: 'Lisättävät vastaukset',
  savedReply: (lang: string) => `Valmis vastaus, ${lang}`,
  typeAFewWords: 'Kirjoita muutama sana kysymyksestä.',
  noAnswerMatches: (q: string) => `Mikään valmis vastaus tai UKK-vastaus ei vastaa hakua ”${q}”.`,
  escWrites: ' Esc kirjoittaa sen viestiksi.',

  delivery: { sending: 'Lähetetään…', sent: 'Lähetetty', failed: 'Epäonnistui' },
  retry: 'Yritä uudelleen',
  noteMark: ' · muistiinpano, ei näy kävijälle ',
  agent: 'Asiakaspalvelija',
  bot: 'Botti',
  askedTheBot: ' kysyi botilta ',
  decisions: { answer: 'Botti vastasi', suggest: 'Botti ehdotti vastauksia', none: 'Botti ei löytänyt vastausta' },
  intents: { greeting: 'Botti tervehti takaisin', thanks: 'Botti vastasi kiitokseen', handoff: 'Pyysi ihmistä' },
  topMatches: 'Parhaat UKK-osumat',
  showedAnswer: ' näytti UKK-vastauksen ',
  answerText: 'Vastauksen teksti',
  handedOff: 'Siirretty ihmiselle',
  from: 'sivulta',
  rated: 'Kävijä arvioi keskustelun',
  system(b: SystemKinds): string {
    switch (b.kind) {
      case 'joined':
        if (b.from && b.passed) return `${b.from} siirsi keskustelun: ${b.agent}`;
        return b.from ? `${b.agent} otti keskustelun haltuunsa (${b.from})` : `${b.agent} liittyi keskusteluun`;
      case 'released':
        return b.away ? `${b.agent} oli liian kauan poissa; keskustelu palasi jonoon` : `${b.agent} palautti keskustelun jonoon`;
      case 'closed':
        return b.by === 'agent' ? 'Asiakaspalvelija sulki keskustelun' : 'Kävijä sulki keskustelun';
      case 'bot.feedback':
        return b.helpful ? 'Kävijän mielestä vastaus auttoi' : 'Kävijän mielestä vastaus ei auttanut';
    }
  },

  noVerdict: 'ei arviota',
  helpful: '👍 auttoi',
  helpfulTitle: 'Kävijän mielestä tämä auttoi',
  notHelpful: '👎 ei auttanut',
  notHelpfulTitle: 'Kävijän mielestä tämä ei auttanut',
  visitorsLanguage: 'Kävijän kieli',
  earlier: (n: number) => (n === 1 ? '1 aiempi keskustelu' : `${n} aiempaa keskustelua`),
  alsoAsked: 'Kysyi myös',
  visitorAsked: 'Kävijä kysyi',
  botShowed: 'Botti näytti',
  page: 'Sivu',
  nowOn: 'Nyt sivulla',
  name: 'Nimi',
  email: 'Sähköposti',
  verified: 'Sivustosi on vahvistanut sähköpostin.',
  notVerified: 'Kävijän selaimesta, ei vahvistettu.',
  details: 'Tiedot',
  detailsEmpty: 'Siirron yhteenveto ja kävijän aiemmat keskustelut näkyvät tässä.',
  handoffSummary: 'Siirron yhteenveto',
  downloadTranscript: 'Lataa keskustelu',
  downloadNote: '(tekstitiedosto säilytettäväksi tai välitettäväksi)',
  visitorHistory: 'Kävijän historia',
  loading: 'Ladataan…',
  noEarlier: 'Ei aiempia keskusteluja.',
  otherDevice: ' · toinen laite, sama vahvistettu sähköposti',
  faqMatch: 'UKK-vastine',
  faqMatchQuestion: 'Mikä UKK-kohta vastaa siihen, mitä kävijä halusi?',
  notSaidYet: 'Ei vielä valittu',
  noneLacks: 'Ei mikään: UKK:sta puuttuu se',
  saidBy: (agent: string, when: string) => `Valinnut ${agent}, ${when}. `,
  faqMatchNote: 'Sivuston omistajan UKK-raportti näyttää sen avulla, mitä sanoja kustakin kohdasta puuttuu.',

  visitorWaiting: 'Kävijä odottaa',
  passedYou: (from: string | undefined) => `${from ?? 'Kollega'} siirsi sinulle keskustelun`,
  newMessage: 'Uusi viesti',

  file: {
    title: (id: string) => `Kohtaamo-keskustelu ${id}`,
    visitor: 'Kävijä',
    verified: ', sivuston vahvistama',
    notVerified: ', ei vahvistettu',
    started: 'Alkoi',
    page: 'Sivu',
    status: 'Tila',
    text: (who: string, text: string) => `${who}: ${text}`,
    note: (who: string, text: string) => `${who} (muistiinpano, ei näy kävijälle): ${text}`,
    asked: (who: string, query: string, decision: string) => `${who} kysyi botilta: ”${query}” (${decision})`,
    answer: (question: string) => `Botti näytti UKK-vastauksen: ${question}`,
    handoff: (reason: string, url: string) => `Siirretty ihmiselle: ${reason}, sivulta ${url}`,
    rating: (score: number, comment: string | undefined) => `Kävijä arvioi keskustelun ${score}/5${comment ? `: ”${comment}”` : ''}`,
  },
};

export const STRINGS: Readonly<Record<ConsoleLang, Strings>> = { en: EN, fi: FI };

/** The agent's own choice when they made one, else the browser's language: Finnish for Finnish, English for the rest. */
export function consoleLang(chosen: string | null, browser: string | undefined): ConsoleLang {
  if (chosen === 'en' || chosen === 'fi') return chosen;
  return browser?.toLowerCase().startsWith('fi') ? 'fi' : 'en';
}

/** Who the visitor is, as far as they told us. */
export const visitorLabel = (t: Strings, visitor: { name?: string; email?: string }) => visitor.name || visitor.email || t.anonymous;

/** "visitor here", "visitor left 4 min ago": whether anyone is there to read a reply. */
export function visitorHereText(t: Strings, state: { online: boolean; since?: number } | undefined, now: number): string | null {
  if (!state) return null;
  if (state.online) return t.visitorHere;
  return state.since === undefined ? t.visitorNotOnSite : t.visitorLeft(t.duration(now - state.since), now - state.since >= 60_000);
}

/** What the agent should know about a coded error; the server's own message is for developers. */
export const errorText = (t: Strings, code: ErrorCode) => t.errors[code] ?? t.errorOther;
