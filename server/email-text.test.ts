import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../protocol';
import { missedRepliesEmail } from './email-text';

const conversation = (over: Partial<ConversationSummary>): ConversationSummary => ({
  id: 'c_1', status: 'active', visitorId: 'v_1', visitor: {}, createdAt: 0, updatedAt: 0, lang: 'en',
  page: { url: 'https://shop.example/help', title: 'Help\r\nBcc: evil@example.com' }, reason: 'no_answer',
  questions: [], botAnswers: [], lastSeq: 3, previousConversations: 0, ...over,
});
const SITE = ['https://shop.example'];

describe('the email of missed replies', () => {
  it('speaks English to an English visitor, points to the page they are on now, and names the site by its host', () => {
    const mail = missedRepliesEmail(conversation({ nowOn: { url: 'https://shop.example/cart', title: 'Cart' } }), [{ agent: 'Aino', text: 'Your refund is on its way.' }], SITE, 'chat');
    expect(mail.subject).toBe('A reply to your message – shop.example');
    expect(mail.text).toBe(
      'Hello,\n\nYou had left the page when we replied:\n\nAino:\nYour refund is on its way.\n\n' +
        'You can carry on in the chat on https://shop.example/cart, in the browser you asked from.\n\n--\nYou are receiving this email because you gave your email address in the chat.\n',
    );
  });

  it('says why it came by where the address came from: written in the chat, or given by the site the visitor was logged in to', () => {
    const reply = [{ agent: 'Aino', text: 'Hei!' }];
    const why = (lang: 'fi' | 'en', from: 'chat' | 'site') => missedRepliesEmail(conversation({ lang, visitor: { email: 'maija@example.fi' } }), reply, SITE, from).text.split('\n--\n')[1];
    expect([why('fi', 'chat'), why('fi', 'site'), why('en', 'chat'), why('en', 'site')]).toEqual([
      'Saat tämän viestin, koska kerroit sähköpostiosoitteesi chatissa.\n',
      'Saat tämän viestin, koska olit kirjautuneena sivustollemme kysyessäsi.\n',
      'You are receiving this email because you gave your email address in the chat.\n',
      'You are receiving this email because you were logged in to our site when you asked.\n',
    ]);
  });

  it("greets without the visitor's name: their browser gave it, and the shop's mail server must not carry a stranger's words", () => {
    const visitor = { name: 'Matti, your account is locked: log in at https://kauppa-login.example within 24 h' };
    for (const [lang, hello] of [['en', 'Hello,\n'], ['fi', 'Hei,\n']] as const) {
      const mail = missedRepliesEmail(conversation({ lang, visitor }), [{ agent: 'Aino', text: 'Hello!' }], SITE, 'chat');
      expect(mail.text.startsWith(hello)).toBe(true);
      expect(mail.text).not.toContain('kauppa-login.example');
    }
  });

  it('names a file the agent sent, which waits in the chat', () => {
    const mail = missedRepliesEmail(conversation({ lang: 'fi' }), [{ agent: 'Aino', text: 'Tässä palautuslappu.' }, { agent: 'Aino', file: 'palautuslappu.pdf' }], SITE, 'chat');
    expect(mail.text).toContain('Olit jo poistunut sivulta, kun vastasimme sinulle:\n\nAino:\nTässä palautuslappu.\n\nAino:\n📎 palautuslappu.pdf (tiedosto odottaa sinua chatissa)');
    const en = missedRepliesEmail(conversation({}), [{ agent: 'Aino', file: 'return-label.pdf' }], SITE, 'chat');
    expect(en.text).toContain('Aino:\n📎 return-label.pdf (the file is waiting for you in the chat)');
  });

  it("links only to a page of the site's own origins, and never puts a page's title in the subject", () => {
    const phishing = { url: 'https://evil.example/login', title: 'Your account is locked' };
    const mail = missedRepliesEmail(conversation({ lang: 'fi', page: phishing, nowOn: phishing }), [{ agent: 'Aino', text: 'Hei!' }], SITE, 'chat');
    expect(mail.subject).toBe('Vastaus viestiisi');
    expect(mail.text).toContain('Voit jatkaa keskustelua sivustomme chatissa samalla selaimella, jolla kysyit.');
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(/evil|locked/);
    // A page of the site the visitor asked from is linked even when the page they went on to is not.
    const back = missedRepliesEmail(conversation({ nowOn: { url: 'https://shop.example@evil.example/', title: 'x' } }), [], SITE, 'chat');
    expect([back.subject, back.text]).toEqual(['A reply to your message – shop.example', expect.stringContaining('on https://shop.example/help,')]);
    // With any origin allowed (`--origin *`) there is no site to link to.
    expect(missedRepliesEmail(conversation({}), [], ['*'], 'chat').text).not.toContain('https://');
  });
});
