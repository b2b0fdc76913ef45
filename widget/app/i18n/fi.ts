import type { Strings } from './strings';

/**
 * A file's size: whole kilobytes rounded up under 1 000 of them (never "1024 kt"), else megabytes
 * with one decimal. The console says the same for the same file (demo/console/format.ts).
 */
const size = (bytes: number) => (Math.ceil(bytes / 1024) < 1000 ? `${Math.ceil(bytes / 1024)} kt` : `${(bytes / 2 ** 20).toFixed(1).replace('.', ',')} Mt`);

const fi: Strings = {
  title: 'Asiakaspalvelu',
  subtitle: 'Vastaamme heti – tai välitämme ihmiselle',
  close: 'Pienennä',
  agentHelping: (name) => `${name} auttaa sinua`,
  launcherOpen: 'Avaa chat',
  launcherClose: 'Pienennä chat',
  launcherUnread: (n) => (n === 1 ? 'Avaa chat, 1 uusi viesti' : `Avaa chat, ${n} uutta viestiä`),
  greeting: 'Hei! Kirjoita kysymyksesi, niin etsin vastauksen saman tien.',
  inputLabel: 'Kysymyksesi',
  placeholder: 'Kirjoita kysymyksesi…',
  suggestions: 'Ehdotetut vastaukset',
  loadingFaq: 'Ladataan vastauksia…',
  faqUnavailable: 'Vastauksia ei juuri nyt saatu ladattua. Voit silti puhua asiakaspalvelijan kanssa.',
  noAnswerHint: 'En löytänyt valmista vastausta. Paina Enteriä, niin välitän kysymyksesi asiakaspalvelijalle.',
  // Read when the words are loaded: a phone has no arrow keys, its visitor taps.
  get suggestHint() {
    return matchMedia('(pointer:coarse)').matches ? 'Napauta vastausta.' : 'Valitse vastaus nuolinäppäimillä ja Enterillä.';
  },
  replyGreeting: 'Hei vaan! Miten voin auttaa?',
  replyThanks: 'Kiitos itsellesi! Kysy vain, jos jokin muu askarruttaa.',
  back: 'Takaisin',
  helped: 'Auttoiko tämä?',
  yes: 'Kyllä',
  no: 'Ei',
  gladItHelped: 'Hienoa! Kysy vain lisää, jos tarvitset.',
  talkToPerson: 'Puhu asiakaspalvelijan kanssa',
  personWillJoin: (place) =>
    !place
      ? 'Asiakaspalvelija liittyy keskusteluun pian'
      : `Asiakaspalvelija liittyy keskusteluun pian. ${place.ahead === 0 ? 'Olet seuraavana vuorossa.' : `Edelläsi on jonossa ${place.ahead} ${place.ahead === 1 ? 'asiakas' : 'asiakasta'}.`}${
          place.typicalWaitMs === undefined ? '' : ` Odotusaika on viime aikoina ollut tavallisesti ${place.typicalWaitMs < 60_000 ? 'alle minuutin' : `noin ${Math.round(place.typicalWaitMs / 60_000)} min`}.`
        }`,
  agentJoined: (name) => `${name} liittyi keskusteluun`,
  nobodyOnline: (opens) =>
    `Asiakaspalvelijamme eivät ole juuri nyt paikalla${opens ? ` – palvelemme taas ${opens}` : ''}. Viestisi ovat tallessa, ja vastaamme tähän keskusteluun heti, kun joku palaa.`,
  emailHint: 'Jos haluat vastauksen myös sähköpostiisi, kirjoita osoitteesi viestiin.',
  emailNoted: (to) => `Jos olet silloin jo poistunut, lähetämme vastauksen myös osoitteeseen ${to}.`,
  locale: 'fi-FI',
  agentLeft: (name, away) => `${name} ${away ? 'ei ole enää paikalla' : 'siirsi keskustelun eteenpäin'}. Seuraava vapaa asiakaspalvelija jatkaa tästä.`,
  agentTyping: (name) => `${name} kirjoittaa…`,
  newMessage: (name, n) => (n === 1 ? `Uusi viesti: ${name}` : `${n} uutta viestiä: ${name}`),
  you: 'Sinä',
  agent: 'Asiakaspalvelija',
  bot: 'Botti',
  botShowed: (q) => `Näytin vastauksen: ${q}`,
  feedbackYes: 'Vastaus auttoi',
  feedbackNo: 'Vastaus ei auttanut',
  conversationClosed: 'Keskustelu päättyi',
  endChat: 'Lopeta keskustelu',
  endAsk: 'Lopetetaanko keskustelu?',
  endYes: 'Kyllä, lopeta',
  endNo: 'Jatka keskustelua',
  ending: 'Keskustelua lopetetaan…',
  messageLabel: 'Viesti',
  messagePlaceholder: 'Kirjoita viesti…',
  send: 'Lähetä',
  attach: 'Liitä kuva tai tiedosto',
  file: (name, bytes) => `${name} (${size(bytes)})`,
  download: (name, bytes) => `Lataa ${name} (${size(bytes)})`,
  downloadFailed: 'Lataus epäonnistui.',
  status: { sending: 'Lähetetään…', sent: 'Lähetetty', failed: 'Ei lähtenyt', read: 'Nähty' },
  retry: 'Yritä uudelleen',
  connection: {
    reconnecting: 'Yhteys katkesi, yhdistetään uudelleen…',
    offline: 'Ei yhteyttä. Viestit lähtevät, kun yhteys palaa.',
  },
  rateTitle: 'Miten onnistuimme?',
  rateScore: (n) => `${n} viidestä`,
  rateComment: 'Kommentti (vapaaehtoinen)',
  rateSend: 'Lähetä arvio',
  thanks: 'Kiitos palautteesta!',
  startOver: 'Uusi kysymys',
  transcript: 'Keskustelu',
  errors: {
    conversation_closed: 'Keskustelu ehti päättyä. Kun yrität uudelleen, viestistäsi alkaa uusi keskustelu.',
    no_conversation: 'Keskustelu on jo päättynyt.',
    too_large: 'Tiedosto on liian suuri: enintään 10 Mt.',
    bad_file: 'Vain kuvat (JPEG, PNG, WebP, GIF) ja PDF-tiedostot käyvät.',
    conversation_full: 'Tähän keskusteluun ei voi lähettää enempää tiedostoja. Viestejä voit silti kirjoittaa.',
    daily_quota: 'Tänään ei voi lähettää enempää tiedostoja. Voit lähettää lisää huomenna.',
    rate_limited: 'Liian monta tiedostoa kerralla – odota hetki ja yritä uudelleen.',
    too_many_waiting: 'Samasta verkosta odottaa jo monta asiakasta. Yritä hetken päästä uudelleen.',
    internal: 'Palvelussamme on häiriö.',
  },
};
export default fi;
