import { describe, expect, it } from 'vitest';
import { createFaqSearch, type FaqEntry } from './index';

// A shop whose FAQ tells how to reach customer service: that entry must answer questions about
// customer service, never a visitor who asks to be put through to it.
const FAQ: FaqEntry[] = [
  { id: 'contact-fi', lang: 'fi', question: 'Miten saan yhteyden asiakaspalveluun?', answer: 'Soita 010 555 0199 tai lähetä sähköpostia.', keywords: ['puhelinnumero', 'sähköposti', 'yhteystiedot', 'asiakaspalvelu'] },
  { id: 'contact-en', lang: 'en', question: 'How can I contact customer service?', answer: 'Call +358 10 555 0199 or send an email.', keywords: ['phone number', 'email', 'contact', 'customer service'] },
  { id: 'exchange-fi', lang: 'fi', question: 'Voinko vaihtaa tuotteen toiseen?', answer: 'Vaihto onnistuu 30 päivän ajan.', keywords: ['vaihto'] },
  { id: 'exchange-en', lang: 'en', question: 'Can I exchange a product?', answer: 'Exchanges are possible within 30 days.', keywords: ['exchange'] },
  { id: 'hours-fi', lang: 'fi', question: 'Milloin myymälä on auki?', answer: 'Arkisin 10–18.', keywords: ['aukioloajat'] },
  { id: 'hours-en', lang: 'en', question: 'When is the store open?', answer: 'Weekdays 10–18.', keywords: ['opening hours'] },
];
const faq = createFaqSearch(FAQ);

describe('the wish for a person', () => {
  it.each([
    'connect me to customer service',
    'customer service please',
    'can you put me through to customer service',
    'transfer me to customer support',
    'I need customer service',
    'i want a human',
    'I need a person',
    'haluan asiakaspalveluun',
    'haluun asiakaspalveluu nyt',
    'yhdistä asiakaspalveluun',
    'yhdistäkää mut asiakaspalveluun kiitos',
    'haluan puhua asiakaspalvelun kanssa',
    'haluun asiakaspalvelijan',
    'en halua jutella botin kanssa',
    'en halua botille',
    'no bot',
    "I don't want to talk to a bot",
    // Already so before: a person and a verb of talking.
    'haluan puhua ihmisen kanssa',
    'can I talk to a real person',
  ])('%s goes to a person', (q) => {
    expect(faq.search(q)).toEqual({ decision: 'none', intent: 'handoff', results: [] });
  });

  it.each([
    ['miten saan yhteyden asiakaspalveluun', 'contact-fi'],
    ['customer service phone number', 'contact-en'],
    ['what are your customer service hours', 'contact-en'],
    ['asiakaspalvelun puhelinnumero', 'contact-fi'],
    ['haluan asiakaspalvelun puhelinnumeron', 'contact-fi'],
    ['I need the customer service email', 'contact-en'],
  ])('%s asks about customer service: the FAQ answers it (%s)', (q, id) => {
    const result = faq.search(q, id.endsWith('-fi') ? 'fi' : 'en');
    expect(result.intent).toBeUndefined();
    expect(result.results[0]?.entry.id).toBe(id);
  });

  it.each([
    'asiakaspalvelun aukioloajat',
    'is your customer service open on saturdays',
    'how do I contact customer service',
    'is this a bot?',
    'are you a real person',
    // Words that begin like a person's but name something else (henkilötiedot: personal data).
    'haluan että poistatte minun henkilötiedot',
    'saako kaks ihmistä olla samalla laudalla',
  ])('%s is a question, not a wish for a person', (q) => {
    expect(faq.search(q).intent).toBeUndefined();
  });
});

// Questions that name a robot, customer service or a person without asking for one: each goes to
// the FAQ. A wrong handoff skips the FAQ entirely and queues the visitor for an agent.
describe('questions that only mention a person, customer service or a robot', () => {
  it.each([
    // A robot vacuum or mower is no chat bot, and "ei" in it is about the device.
    'robotti-imuri ei lataudu',
    'robotti-imurin akku ei kestä',
    'robotti ei löydä latausasemaa',
    'onko robotti-imuria enää saatavilla vai ei',
    // About customer service, with a verb of talking: the other words are the question.
    'puhuuko asiakaspalvelu ruotsia',
    'puhuuko asiakaspalvelunne englantia',
    'does customer service speak swedish',
    'does your customer service speak english',
    'can i chat with customer service on weekends',
    'can i talk to customer service in english',
    'voiko asiakaspalvelun kanssa jutella viikonloppuna',
    // Past talks, reported.
    'I talked to customer service yesterday and they promised a refund',
    'puhuin asiakaspalvelun kanssa eilen ja lupasivat hyvityksen',
    'I talked to a person in your store yesterday',
    // Being contacted, or moving something to another person.
    'will someone contact me when my order ships',
    'will somebody contact me about the delivery',
    'does a person contact me before delivery',
    'ottaako myyjä yhteyttä kun tilaus on valmis',
    'siirrä tilaus toiselle henkilölle',
    'can i transfer my order to another person',
    // No wish at all.
    'ei tarvitse yhdistää asiakaspalveluun',
    "I don't want to talk to a person, just tell me the delivery time",
    'en halua puhua ihmisen kanssa, kerro vain toimitusaika',
    'the bot did not answer my question about delivery',
  ])('%s is left to the FAQ', (q) => {
    expect(faq.search(q).intent).toBeUndefined();
  });

  it.each(['can i talk to customer service', 'haluan jutella asiakaspalvelun kanssa nyt', 'no bot answers please', 'ei bottia kiitos', 'en tarvitse bottia'])('%s still goes to a person', (q) => {
    expect(faq.search(q).intent).toBe('handoff');
  });

  it('a robot vacuum entry is found by its own question', () => {
    const robot = createFaqSearch([
      ...FAQ,
      { id: 'robot-fi', lang: 'fi', question: 'Robotti-imuri ei lataudu, mitä teen?', answer: 'Puhdista latausaseman kontaktit.', keywords: ['robotti-imuri', 'lataus'] },
    ]);
    expect(robot.search('robotti-imuri ei lataudu', 'fi').results[0]?.entry.id).toBe('robot-fi');
  });
});


// Wishes missed: every case form of the Finnish person words, someone, getting a person, support.
describe('wishes in other words', () => {
  it.each([
    'yhdistä myyjään',
    'yhdistäkää minut myyjään',
    'siirrä minut myyjään',
    'ota yhteys myyjään',
    'haluan ottaa yhteyttä myyjään',
    'haluan puhua myyjän kanssa',
    'voisinko puhua myyjälle',
    'yhdistä agenttiin',
    'haluan puhua agentin kanssa',
    'yhdistä minut agentille',
    'siirrä minut henkilölle',
    'haluan puhua virkailijan kanssa',
    'yhdistä virkailijalle',
    'haluan puhua asiakaspalvelijalle',
    'yhdistä ihmiseen',
    'haluan puhua jonkun kanssa',
    'voisinko puhua jonkun kanssa',
    'voinko jutella jonkun kanssa',
    'haluan puhua jollekin',
    'get me a human',
    'can i get a real person',
    'talk to support',
    'speak to support please',
    'chat with support',
  ])('%s goes to a person', (q) => {
    expect(faq.search(q).intent).toBe('handoff');
  });

  it.each(['talk to a manager', 'can i speak to your manager', 'i need support', 'can i chat with support about my invoice', 'myyjäpalkkio'])('%s is left to the FAQ', (q) => {
    expect(faq.search(q).intent).toBeUndefined();
  });
});

// A refusal of something else does not undo the wish that follows it.
describe('a wish after a refusal', () => {
  it.each(['en halua odottaa, haluan puhua ihmisen kanssa', "I don't want a bot, connect me to a human", "I don't want to wait, can I talk to a human", 'en halua botin vastauksia, haluan ihmisen'])('%s goes to a person', (q) => {
    expect(faq.search(q).intent).toBe('handoff');
  });
});

// A second review's cases: questions that mention a person, a seller, an agent or a chat, and
// short ones about them, are the FAQ's; a wish said beside a story is still a wish.
describe('a person mentioned, not asked for', () => {
  it.each([
    'myyjän puhelinnumero',
    'onko myymälässä myyjiä jotka puhuu englantia',
    'myyjä sanoi chatissa että saan alennuksen',
    'voiko toinen henkilö noutaa tilauksen keskustan myymälästä',
    'the agent in the chat said I would get a refund',
    'is there a phone number where I can talk to a person',
    'can someone recommend good speakers',
    'asiakaspalvelija lupasi chatissa hyvityksen',
    'asiakaspalvelija käski kysyä chatista',
    'a person in your chat promised me free shipping',
    'is this bluetooth speaker ok for a person with hearing aids',
    'agent phone number',
    'myyjän sähköposti',
    'onko myyjä paikalla',
    'someone else pickup',
    'person pickup',
    'human size teddy',
    'ihmisen kokoinen nalle',
    'henkilön vaihto tilaukseen',
    'what are the hours when I can talk to a human',
  ])('%s is left to the FAQ', (q) => {
    expect(faq.search(q).intent).toBeUndefined();
  });

  it.each([
    'tilaus on myöhässä, yhdistä ihmiselle',
    'my order is late, connect me to a human',
    'transfer me to a human, my sofa arrived broken',
    'siirrä minut ihmiselle, paketti on rikki',
    'ei auttanut, yhdistä ihmiselle',
    'connect me to an agent about order 4711',
    'no, connect me to a human',
    'ihminen',
    'real person please',
    'miten voin puhua ihmisen kanssa',
    'haluun puhuu jonku oikeen ihmisen kaa',
    "why can't I talk to a human",
    'hello human',
    'yhdistä mut asiakaspalveluun',
    'siirrä mut asiakaspalveluun',
    'ohjaa mut asiakastukeen',
    'saisinko ihmisen',
    'anna mulle ihminen',
    'oikee ihminen pliis',
    'voisitteko yhdistää asiakaspalveluun',
    'connect me to support',
  ])('%s goes to a person', (q) => {
    expect(faq.search(q).intent).toBe('handoff');
  });
});
