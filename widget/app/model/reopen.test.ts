import { expect, it } from 'vitest';
import { createOutbox } from './outbox';
import { reopening } from './reopen';

it('retrying a message refused because the conversation closed starts the next with every such message, in order; other retries do not', () => {
  const outbox = createOutbox();
  outbox.add({ type: 'msg', id: 'a', text: 'Hei' }, 1);
  outbox.add({ type: 'msg', id: 'b', text: 'Liite tulossa' }, 2);
  outbox.add({ type: 'rate', id: 'r', score: 5 }, 3);
  outbox.add({ type: 'msg', id: 'c', text: 'Kiitos!' }, 4);
  outbox.add({ type: 'msg', id: 'd', text: 'Vielä yksi' }, 5);
  outbox.fail('a', 'conversation_closed');
  outbox.fail('b', 'too_large');
  outbox.fail('r', 'conversation_closed');
  outbox.fail('c', 'conversation_closed');
  expect(reopening(outbox, 'c')?.map((f) => f.id)).toEqual(['a', 'c']);
  expect(reopening(outbox, 'a')?.map((f) => f.id)).toEqual(['a', 'c']);
  // Refused for another reason, a rating, or still sending: retried as it is.
  expect(reopening(outbox, 'b')).toBeUndefined();
  expect(reopening(outbox, 'r')).toBeUndefined();
  expect(reopening(outbox, 'd')).toBeUndefined();
});
