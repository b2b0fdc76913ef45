import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../protocol';
import { missedRepliesEmail } from './email-text';

const conversation = (over: Partial<ConversationSummary>): ConversationSummary => ({
  id: 'c_1', status: 'active', visitorId: 'v_1', visitor: {}, createdAt: 0, updatedAt: 0, lang: 'en',
  page: { url: 'https://shop.example/help', title: 'Help\r\nBcc: evil@example.com' }, reason: 'no_answer',
  questions: [], botAnswers: [], lastSeq: 3, previousConversations: 0, ...over,
});

describe('the email of missed replies', () => {
  it('speaks English to an English visitor, points to the page they are on now, and keeps the subject on one line', () => {
    const mail = missedRepliesEmail(conversation({ nowOn: { url: 'https://shop.example/cart', title: 'Cart' } }), [{ agent: 'Aino', text: 'Your refund is on its way.' }]);
    expect(mail.subject).toBe('A reply to your message – Help Bcc: evil@example.com');
    expect(mail.text).toBe(
      'Hello,\n\nYou had left the page when we replied to your message:\n\nAino:\nYour refund is on its way.\n\n' +
        'You can carry on in the chat on https://shop.example/cart, in the browser you asked from.\n\n--\nYou get this email because you gave your email address in the chat.\n',
    );
  });

  it('names a file the agent sent, which waits in the chat', () => {
    const mail = missedRepliesEmail(conversation({ lang: 'fi' }), [{ agent: 'Aino', text: 'Tässä palautuslappu.' }, { agent: 'Aino', file: 'palautuslappu.pdf' }]);
    expect(mail.text).toContain('Aino:\nTässä palautuslappu.\n\nAino:\n📎 palautuslappu.pdf (tiedosto odottaa sinua chatissa)');
  });

  it("names the site by its host when the page had no title", () => {
    expect(missedRepliesEmail(conversation({ lang: 'fi', page: { url: 'https://kauppa.example/', title: '' } }), []).subject).toBe('Vastaus viestiisi – kauppa.example');
  });
});
