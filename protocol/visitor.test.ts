// The visitor's "End chat" frame, as the server takes it: strict like every frame that comes in.
import { describe, expect, it } from 'vitest';
import { parseVisitorClientMessage } from './parse';

const parse = (frame: object) => parseVisitorClientMessage(JSON.stringify(frame));

describe('end', () => {
  it('takes a client id and the conversation it ends', () => {
    expect(parse({ type: 'end', id: 'e-1', conversationId: 'c_abc' })).toEqual({ ok: true, value: { type: 'end', id: 'e-1', conversationId: 'c_abc' } });
  });

  it.each([
    ['without a client id', { type: 'end', conversationId: 'c_abc' }],
    ['without the conversation', { type: 'end', id: 'e-1' }],
    ['with an id that is no client id', { type: 'end', id: 'e 1', conversationId: 'c_abc' }],
    ['with a conversation id that is no id', { type: 'end', id: 'e-1', conversationId: '' }],
    ['naming the conversation by a number', { type: 'end', id: 'e-1', conversationId: 7 }],
  ])('refuses one %s as a bad message, answered by its id when it has one', (_name, frame) => {
    const result = parse(frame);
    expect(result).toMatchObject({ ok: false, code: 'bad_message' });
  });

  it('passes nothing on beyond what it knows: a visitor cannot say an agent ended it', () => {
    expect(parse({ type: 'end', id: 'e-1', conversationId: 'c_abc', by: 'agent' })).toEqual({ ok: true, value: { type: 'end', id: 'e-1', conversationId: 'c_abc' } });
  });
});
