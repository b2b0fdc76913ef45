// What the console says in Finnish: the same shape as strings-en.ts, so nothing can be missing.
import { spokenDuration } from '../../protocol/durations';
import { LIMITS } from '../../protocol/limits';
import { sizeText, whenText } from './format';
import { duration, type Strings, type SystemKinds } from './strings-en';

const pct = (share: number) => `${Math.round(share * 100)} %`;
const WEEKDAYS = ['sunnuntai', 'maanantai', 'tiistai', 'keskiviikko', 'torstai', 'perjantai', 'lauantai'];
const DAYS = ['su', 'ma', 'ti', 'ke', 'to', 'pe', 'la'];

export const FI: Strings = {
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
  when: (at: number, today: number) =>
    whenText(at, today, { yesterday: 'eilen', date: (d, year) => `${DAYS[d.getDay()]} ${d.getDate()}.${d.getMonth() + 1}.${year ? d.getFullYear() : ''}` }),
  fileSize: (bytes: number) => sizeText(bytes, { kb: 'kt', mb: 'Mt', decimal: ',' }),
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
    unavailable: 'Palvelin ei pysty juuri nyt tallentamaan mitään, koska sen tallennustilassa on vikaa. Yritä hetken kuluttua uudelleen.',
  },
  errorOther: 'Palvelin ei pystynyt suorittamaan toimintoa. Yritä uudelleen.',
  notConnected: 'Ei yhteyttä. Yritä uudelleen, kun yhteys palaa.',
  noReply: 'Palvelin ei vastannut.',
  anonymous: 'Nimetön kävijä',
  visitorHere: 'kävijä paikalla',
  visitorNotOnSite: 'kävijä ei ole sivustolla',
  visitorLeft: (ago: string, minutes: boolean) => (minutes ? `kävijä lähti ${ago} sitten` : 'kävijä lähti juuri'),

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
  consoleUpdated: 'Kohtaamo on päivitetty. Lataa sivu uudelleen, niin saat uuden version – luonnoksesi ja vielä matkalla olevat vastauksesi säilyvät.',
  reloadPage: 'Lataa uudelleen',
  notifyMe: 'Ilmoita uusista keskusteluista',
  notificationsBlocked: 'Ilmoitukset on estetty selaimen asetuksissa',
  signedInAs: 'Kirjautuneena: ',
  logOut: 'Kirjaudu ulos',
  logOutHolding: (n: number) =>
    n === 1
      ? 'Sinulla on 1 keskustelu. Kirjaudutaanko ulos ja palautetaan se jonoon, ellet ole kirjautuneena muualla?'
      : `Sinulla on ${n} keskustelua. Kirjaudutaanko ulos ja palautetaan ne jonoon, ellet ole kirjautuneena muualla?`,
  logOutAnyway: 'Kirjaudu silti ulos',
  sound: 'Äänimerkki',
  menu: 'Valikko',
  pausedShort: 'tauolla',
  pauseNewChats: 'Tauko uusista keskusteluista',
  pausedNote: 'Tauolla: kävijöille kerrotaan, ettei ketään ole paikalla',
  language: 'Kieli',

  queue: 'Jono',
  takeNext: 'Ota seuraava kävijä',
  waiting: 'Odottaa',
  nobodyWaiting: 'Kukaan ei odota.',
  everyoneWaitingLeft: 'Kaikki odottavat ovat lähteneet sivustolta.',
  nobodyFree: 'Kollegat ehtivät ottaa kaikki odottaneet.',
  firstWaitingShown: (n: number) => `Listassa ensimmäiset ${n}, siinä järjestyksessä kuin heidät otetaan.`,
  queueKeys: 'Alt+↑ / Alt+↓: edellinen / seuraava keskustelu; Shiftin kanssa lähin, jossa on uusia viestejä.',
  mine: 'Omat keskustelut',
  colleagues: 'Kollegoiden keskustelut',
  unread: (n: number) => (n === 1 ? '1 uusi' : `${n} uutta`),
  waitingFor: (d: string, ms: number) => (ms < 60_000 ? 'tuli juuri' : `odottanut ${d}`),
  withAgent: (name: string | undefined) => `hoitaa ${name ?? 'asiakaspalvelija'}`,
  backInQueue: 'palasi jonoon',
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
  closeWhileTyping: 'Kävijä kirjoittaa parhaillaan. Suljetaanko silti?',
  closeUnanswered: 'Kävijän viimeiseen viestiin ei ole vastattu. Suljetaanko silti?',
  closeAnyway: 'Sulje silti',
  cancel: 'Peruuta',
  passTo: 'Kollega, jolle siirretään',
  pass: 'Siirrä',
  paused: ' (tauolla)',
  dismiss: 'Sulje',
  transcript: 'Keskusteluhistoria',
  newMessagesBelow: 'Uusia viestejä',
  visitorTyping: 'Kävijä kirjoittaa…',
  hintClosed: 'Tämä keskustelu on suljettu.',
  hintVisitorEnded: 'Kävijä lopetti keskustelun.',
  draftKept: 'Luonnoksesi on tallessa – voit tallentaa sen muistiinpanoksi.',
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
  attachFile: 'Liitä tiedosto',

  delivery: { sending: 'Lähetetään…', sent: 'Lähetetty', failed: 'Epäonnistui' },
  retry: 'Yritä uudelleen',
  keepAsNote: 'Säilytä muistiinpanona',
  noteMark: ' · muistiinpano, ei näy kävijälle ',
  emailedMark: ' · ei näy kävijän keskustelussa ',
  seenBy: 'Kävijä näki',
  agent: 'Asiakaspalvelija',
  bot: 'Botti',
  askedTheBot: ' kysyi botilta ',
  decisions: { answer: 'Botti vastasi', suggest: 'Botti ehdotti vastauksia', none: 'Botti ei löytänyt vastausta' },
  intents: { greeting: 'Botti vastasi tervehdykseen', thanks: 'Botti vastasi kiitokseen', handoff: 'Pyysi ihmistä' },
  topMatches: 'Parhaat UKK-osumat',
  showedAnswer: ' näytti UKK-vastauksen ',
  answerText: 'Vastauksen teksti',
  loadingImage: 'Ladataan kuvaa…',
  imageFailed: 'Kuvaa ei saatu ladattua.',
  openImage: 'Avaa koko kuva uuteen välilehteen',
  downloadFile: (name: string, size: string) => `Lataa ${name} (${size})`,
  downloading: 'Ladataan…',
  downloadFailed: 'Tiedostoa ei saatu ladattua.',
  sendingFile: (name: string) => `Lähetetään ${name}…`,
  fileProblems: {
    too_large: `Tiedosto on liian suuri: enintään ${LIMITS.fileBytes / 1024 / 1024} Mt.`,
    bad_file: 'Lähettää voi vain JPEG-, PNG-, WebP- ja GIF-kuvia sekä PDF-tiedostoja.',
    conversation_full: 'Keskustelussa on jo niin paljon tiedostoja, ettei tämä mahdu siihen.',
    daily_quota: 'Tästä verkko-osoitteesta on lähetetty tänään niin paljon tiedostoja kuin päivässä saa: lisää voi lähettää huomenna.',
    not_assigned: 'Keskustelu ei ole (enää) sinun: ota se tai ota se haltuusi, jotta voit lähettää tiedoston.',
    conversation_closed: 'Keskustelu on suljettu.',
    rate_limited: 'Liian monta tiedostoa kerralla. Odota hetki ja yritä uudelleen.',
    unauthorized: 'Istuntosi on vanhentunut. Kirjaudu uudelleen.',
    size_refused: 'Palvelin ei ottanut vastaan näin suurta tiedostoa (sen edessä oleva välityspalvelin voi rajoittaa tiedostojen kokoa).',
    unavailable: 'Palvelin ei pysty juuri nyt tallentamaan tiedostoja, koska sen tallennustilassa on vikaa. Yritä hetken kuluttua uudelleen.',
    other: 'Tiedosto ei mennyt perille. Tarkista yhteys ja yritä uudelleen.',
  },
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
      case 'emailed':
        if (b.failed) return `Vastauksia, joita kävijä ei ehtinyt nähdä, ei saatu lähetettyä sähköpostiin ${b.to}: ${b.failed}`;
        return b.replies === 1
          ? `Lähetettiin kävijälle sähköpostiin vastaus, jota hän ei ehtinyt nähdä: ${b.to}`
          : `Lähetettiin kävijälle sähköpostiin ${b.replies} vastausta, joita hän ei ehtinyt nähdä: ${b.to}`;
      case 'seen':
        return 'Kävijä näki tähänastiset vastaukset';
      case 'read':
        return 'Asiakaspalvelija luki kävijän tähänastiset viestit';
    }
  },

  noVerdict: 'ei arviota',
  helpful: 'auttoi',
  helpfulTitle: 'Kävijän mielestä tämä auttoi',
  notHelpful: 'ei auttanut',
  notHelpfulTitle: 'Kävijän mielestä tämä ei auttanut',
  visitorsLanguage: 'Kävijän kieli',
  earlier: (n: number) => (n === 1 ? '1 aiempi keskustelu' : `${n} aiempaa keskustelua`),
  alsoAsked: 'Kysyi myös',
  more: (n: number) => `+${n} muuta`,
  visitorAsked: 'Kävijä kysyi',
  botShowed: 'Botti näytti',
  page: 'Sivu',
  nowOn: 'Nyt sivulla',
  name: 'Nimi',
  email: 'Sähköposti',
  verified: 'Sivustosi on vahvistanut sähköpostin.',
  notVerified: 'Kävijän selaimesta, ei vahvistettu.',
  repliesByEmail: (to: string) => `Jos kävijä on poistunut, vastauksesi lähtevät myös sähköpostiin ${to}.`,
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
  faqMatchFind: 'Etsi kysymyksen sanoilla',
  faqMatchCount: (found: number, shown: number) =>
    found === 0 ? 'Yhtään kohtaa ei löytynyt.' : found === 1 ? '1 kohta löytyi.' : shown < found ? `${found} kohtaa löytyi, näkyvissä ensimmäiset ${shown}: kirjoita lisää sanoja.` : `${found} kohtaa löytyi.`,
  saidBy: (agent: string, when: string) => `Valinnut ${agent}, ${when}. `,
  faqMatchNote: 'Sivuston omistajan UKK-raportti näyttää sen avulla, mitä sanoja kustakin kohdasta puuttuu.',

  report: 'Raportti',
  reportTitle: 'Miten kävijöitä palveltiin',
  period: 'Ajanjakso',
  lastDays: (n: number) => `Viimeiset ${n} päivää`,
  loadingReport: 'Ladataan lukuja…',
  reportFailed: 'Lukuja ei saatu ladattua. Yritä uudelleen.',
  faqShown: 'Widgetissä näytetyt UKK-vastaukset',
  itHelped: '”Auttoi”',
  itDidNotHelp: '”Ei auttanut” (siirtyi ihmiselle)',
  ofShown: (n: number, of: number) => `${n} (${of > 0 ? pct(n / of) : '–'})`,
  mostShown: 'Eniten näytetyt vastaukset',
  helpedCount: (n: number) => `auttoi ${n}`,
  handedToPerson: 'Siirretty ihmiselle',
  reasons: (r: { asked_for_person: number; no_answer: number; not_helpful: number }) =>
    `pyysi ihmistä ${r.asked_for_person}, ei UKK-vastausta ${r.no_answer}, vastaus ei auttanut ${r.not_helpful}`,
  reached: 'Pääsi asiakaspalvelijalle',
  waitForAgent: 'Odotus ennen asiakaspalvelijaa',
  firstReply: 'Ensimmäinen vastaus',
  timing: (d: { median: number; p90: number } | null) => (d === null ? 'ei vielä' : `mediaani ${spokenDuration(d.median)}, 9/10 alle ${spokenDuration(d.p90)}`),
  ratings: 'Arviot',
  rating: (r: { count: number; average: number | null; satisfied?: number | null }) =>
    r.average === null ? 'ei vielä' : `${r.average.toFixed(1).replace('.', ',')} / 5, ${r.count === 1 ? '1 arvio' : `${r.count} arviota`}${r.satisfied != null ? `, ${pct(r.satisfied)} antoi 4 tai 5` : ''}`,
  emailedFigure: 'Sähköpostiin lähetetyt vastaukset poistuneille kävijöille',
  emailedCount: (e) => `${e.conversations} keskustelussa${e.failed > 0 ? `; lähetys epäonnistui ${e.failed} keskustelussa` : ''}`,
  agents: 'Asiakaspalvelijat',
  agentCol: 'Asiakaspalvelija',
  conversationsCol: 'Keskusteluja',
  firstReplyCol: 'Ensimmäinen vastaus (mediaani)',
  ratingCol: 'Arvio',
  closeReport: 'Takaisin keskusteluihin',

  visitorsWaiting: (n: number) => (n === 1 ? 'Kävijä odottaa' : `${n} kävijää odottaa`),
  passedYou: (from: string | undefined) => `${from ?? 'Kollega'} siirsi sinulle keskustelun`,
  newMessage: 'Uusi viesti',
  newVisitorWaiting: (question: string) => `Uusi kävijä odottaa: ${question}`,
  wroteElsewhere: (visitor: string) => `${visitor} kirjoitti toisessa keskustelussa`,
  attachment: (name: string) => `📎 ${name}`,

  file: {
    title: (id: string) => `Kohtaamo-keskustelu ${id}`,
    visitor: 'Kävijä',
    verified: ', sivuston vahvistama',
    notVerified: ', ei vahvistettu',
    started: 'Alkoi',
    day: (d: Date) => `--- ${WEEKDAYS[d.getDay()]} ${d.getDate()}.${d.getMonth() + 1}.${d.getFullYear()} ---`,
    page: 'Sivu',
    status: 'Tila',
    text: (who: string, text: string) => `${who}: ${text}`,
    note: (who: string, text: string) => `${who} (muistiinpano, ei näy kävijälle): ${text}`,
    sent: (who: string, name: string, size: string) => `${who} lähetti tiedoston: ${name} (${size})`,
    asked: (who: string, query: string, decision: string) => `${who} kysyi botilta: ”${query}” (${decision})`,
    answer: (question: string) => `Botti näytti UKK-vastauksen: ${question}`,
    handoff: (reason: string, url: string) => `Siirretty ihmiselle: ${reason}, sivulta ${url}`,
    rating: (score: number, comment: string | undefined) => `Kävijä arvioi keskustelun ${score}/5${comment ? `: ”${comment}”` : ''}`,
  },
};

