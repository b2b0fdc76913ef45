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
