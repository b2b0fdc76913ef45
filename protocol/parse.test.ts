import * as v from 'valibot';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LIMITS, ERRORS, parseAgentClientMessage, parseFrame, parseVisitorClientMessage, parseVisitorServerMessage } from './index';

const page = { url: 'https://shop.example/tuotteet', title: 'Tuotteet' };

describe('parseVisitorClientMessage', () => {
  it.each([
    ['hello without token', { type: 'hello', lang: 'fi', page }],
    ['hello resuming', { type: 'hello', token: 'x'.repeat(32), afterSeq: 12, lang: 'en', page }],
    ['msg', { type: 'msg', id: 'c-1', text: 'Hei!' }],
    ['typing', { type: 'typing', on: true }],
    ['rate', { type: 'rate', id: 'r1', score: 5, comment: 'Kiitos' }],
    [
      'handoff with bot steps',
      {
        type: 'handoff',
        id: 'h1',
        reason: 'not_helpful',
        lang: 'fi',
        page,
        steps: [
          { at: 1, body: { kind: 'bot.query', query: 'toimitusaika', decision: 'answer', results: [{ id: 'a', question: 'Q', score: 0.9 }] } },
          { at: 2, body: { kind: 'bot.answer', faqId: 'a', question: 'Q' } },
          { at: 3, body: { kind: 'bot.feedback', faqId: 'a', helpful: false } },
        ],
      },
    ],
  ])('accepts %s', (_name, message) => {
    const result = parseVisitorClientMessage(JSON.stringify(message));
    expect(result).toMatchObject({ ok: true });
  });

  it('trims message text', () => {
    const result = parseVisitorClientMessage(JSON.stringify({ type: 'msg', id: 'c-1', text: '  hei  ' }));
    expect(result.ok && result.value.type === 'msg' && result.value.text).toBe('hei');
  });

  it.each([
    ['garbage', 'not json', 'bad_json'],
    ['unknown type', JSON.stringify({ type: 'nope' }), 'bad_message'],
    ['empty text', JSON.stringify({ type: 'msg', id: 'c', text: '   ' }), 'bad_message'],
    ['text over the limit', JSON.stringify({ type: 'msg', id: 'c', text: 'a'.repeat(LIMITS.text + 1) }), 'bad_message'],
    ['control characters', JSON.stringify({ type: 'msg', id: 'c', text: 'a\u0000b' }), 'bad_message'],
    ['id with spaces', JSON.stringify({ type: 'msg', id: 'a b', text: 'x' }), 'bad_message'],
    ['rating out of range', JSON.stringify({ type: 'rate', id: 'r', score: 6 }), 'bad_message'],
    ['javascript: page url', JSON.stringify({ type: 'hello', lang: 'fi', page: { url: 'javascript:alert(1)', title: '' } }), 'bad_message'],
    ['frame over the limit', 'x'.repeat(LIMITS.frameBytes + 1), 'too_large'],
  ])('rejects %s with a coded error', (_name, raw, code) => {
    const result = parseVisitorClientMessage(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(ERRORS[result.code]).toBeDefined();
    }
  });

  it('refuses a page URL with a control character, saying so: a browser never sends one, and PostgreSQL cannot store U+0000', () => {
    for (const url of ['https://shop.example/\u0000', 'https://shop.example/a\u001fb']) {
      const result = parseVisitorClientMessage(JSON.stringify({ type: 'hello', lang: 'fi', page: { url, title: 'Kauppa' } }));
      expect(result).toMatchObject({ ok: false, code: 'bad_message', message: 'hello.page.url: must not contain control characters' });
    }
  });

  it('refuses a bot step dated past the last time a Date holds, saying so: agents could not be shown it, nor the customer given it', () => {
    const step = (at: number) => ({ at, body: { kind: 'bot.query', query: 'hei', decision: 'none', results: [] } });
    const handoff = (at: number) => JSON.stringify({ type: 'handoff', id: 'h1', reason: 'no_answer', lang: 'fi', page: { url: 'https://kauppa.example/', title: '' }, steps: [step(at)] });
    expect(parseVisitorClientMessage(handoff(8.64e15))).toMatchObject({ ok: true });
    expect(parseVisitorClientMessage(handoff(8.64e15 + 1))).toMatchObject({ ok: false, code: 'bad_message', id: 'h1', message: 'handoff.steps.0.at: must be a time no later than the year 275760' });
  });

  it("refuses a visitor's name of more than one line, saying so: it is a label, never lines that could read as more", () => {
    for (const name of ['Matti,\n\nlog in at https://kauppa-login.example', 'Matti\tMeikäläinen', 'Matti\u2028Meikäläinen']) {
      const result = parseVisitorClientMessage(JSON.stringify({ type: 'identify', id: 'i1', visitor: { name } }));
      expect(result).toMatchObject({ ok: false, code: 'bad_message', id: 'i1', message: 'identify.visitor.name: must be one line of plain text' });
    }
    // A bidi override or isolate would turn the rest of the console's line around; marks are fine.
    for (const name of ['Matti\u202E', 'Matti \u2067Meikäläinen']) {
      expect(parseVisitorClientMessage(JSON.stringify({ type: 'identify', id: 'i1', visitor: { name } }))).toMatchObject({ ok: false, message: 'identify.visitor.name: must be one line of plain text' });
    }
    expect(parseVisitorClientMessage(JSON.stringify({ type: 'identify', id: 'i1', visitor: { name: 'سارا\u200F' } }))).toMatchObject({ ok: true });
    expect(parseVisitorClientMessage(JSON.stringify({ type: 'identify', id: 'i1', visitor: { name: ' Matti Meikäläinen ' } }))).toMatchObject({ ok: true, value: { visitor: { name: 'Matti Meikäläinen' } } });
  });

  it('says which field is wrong and echoes the client id', () => {
    const result = parseVisitorClientMessage(JSON.stringify({ type: 'msg', id: 'c-9', text: 'a'.repeat(LIMITS.text + 1) }));
    expect(result).toMatchObject({ ok: false, id: 'c-9' });
    if (!result.ok) expect(result.message).toMatch(/^msg\.text: .*4000/);
  });
});

describe('a frame whose type is no string', () => {
  // String() of an array joins it, recursively: 20,000 deep overflowed the stack and, on the
  // server, ended the process. It is a bad message, named by no type, from every parser.
  const deep = '{"type":' + '['.repeat(20_000) + ']'.repeat(20_000) + ',"id":"d1"}';
  it.each([
    ['visitor', parseVisitorClientMessage],
    ['agent', parseAgentClientMessage],
    ['widget', parseVisitorServerMessage],
  ] as const)('is a bad_message from the %s parser, even 20,000 arrays deep', (_name, parse) => {
    expect(parse(deep)).toMatchObject({ ok: false, code: 'bad_message', id: 'd1', message: expect.stringMatching(/^\?/) });
    expect(parse(JSON.stringify({ type: ['msg'] }))).toMatchObject({ ok: false, code: 'bad_message', message: expect.stringMatching(/^\?/) });
  });
});

describe("an FAQ question in a handoff's bot steps", () => {
  // The widget copies an entry's question into the steps; PostgreSQL's jsonb cannot store U+0000,
  // so a question holding one kept that visitor from ever reaching a person. It is text like any other.
  const handoff = (question: string, kind: 'bot.query' | 'bot.answer') =>
    JSON.stringify({
      type: 'handoff',
      id: 'h1',
      reason: 'not_helpful',
      lang: 'fi',
      page,
      steps: [
        kind === 'bot.query'
          ? { at: 1, body: { kind, query: 'toimitusaika', decision: 'answer', results: [{ id: 'a', question, score: 0.9 }] } }
          : { at: 1, body: { kind, faqId: 'a', question } },
      ],
    });
  it.each(['bot.query', 'bot.answer'] as const)('in a %s is refused with a control character, saying where', (kind) => {
    const where = kind === 'bot.query' ? 'handoff.steps.0.body.results.0.question' : 'handoff.steps.0.body.question';
    for (const question of ['Kuinka kauan\u0000 kestää?', 'Kuinka\u001b kauan?']) {
      expect(parseVisitorClientMessage(handoff(question, kind))).toMatchObject({ ok: false, code: 'bad_message', id: 'h1', message: `${where}: must not contain control characters` });
    }
    expect(parseVisitorClientMessage(handoff('Kuinka kauan toimitus kestää?', kind))).toMatchObject({ ok: true });
  });
});

describe('half an emoji (a lone UTF-16 surrogate)', () => {
  // Valid JSON and a valid JS string, but PostgreSQL's jsonb refuses it: the visitor's write failed
  // at every resend. Taken with U+FFFD in its place, nothing the visitor wrote is refused or lost.
  const half = 'Sohva \ud83d';
  const cut = ('Sohva' + '😀'.repeat(200)).slice(0, LIMITS.title);
  it('is U+FFFD in a visitor\'s text, name, page title and bot query; whole emoji stay', () => {
    expect(parseVisitorClientMessage(JSON.stringify({ type: 'msg', id: 'c-1', text: half + ' 😀' }))).toEqual({ ok: true, value: { type: 'msg', id: 'c-1', text: 'Sohva \ufffd 😀' } });
    expect(parseVisitorClientMessage(JSON.stringify({ type: 'msg', id: 'c-1', text: '\ude00 lopussa' }))).toMatchObject({ ok: true, value: { text: '\ufffd lopussa' } });
    expect(parseVisitorClientMessage(JSON.stringify({ type: 'identify', id: 'i1', visitor: { name: half } }))).toMatchObject({ ok: true, value: { visitor: { name: 'Sohva \ufffd' } } });
    const handoff = {
      type: 'handoff',
      id: 'h1',
      reason: 'no_answer',
      lang: 'fi',
      page: { url: 'https://kauppa.example/', title: cut },
      steps: [{ at: 1, body: { kind: 'bot.query', query: half, decision: 'none', results: [] } }],
    };
    const parsed = parseVisitorClientMessage(JSON.stringify(handoff));
    expect(parsed).toMatchObject({ ok: true, value: { page: { title: cut.slice(0, -1) + '\ufffd' }, steps: [{ body: { query: 'Sohva \ufffd' } }] } });
  });
  it("is U+FFFD in an agent's message", () => {
    expect(parseAgentClientMessage(JSON.stringify({ type: 'msg', id: 'a1', conversationId: 'k1', text: half }))).toMatchObject({ ok: true, value: { text: 'Sohva \ufffd' } });
  });
});

describe('parseVisitorServerMessage', () => {
  it("takes the server's frames over the clients' limit: 17 replies of 4,000 characters, or one handoff at the cap with what the server adds", () => {
    const reply = (seq: number) => ({ seq, id: `e${seq}`, at: seq, role: 'agent', body: { kind: 'text', text: 'a'.repeat(LIMITS.text) } });
    const raw = JSON.stringify({ type: 'events', conversationId: 'k1', after: 1, events: Array.from({ length: 17 }, (_, i) => reply(i + 2)) });
    expect(raw.length).toBeGreaterThan(LIMITS.frameBytes);
    expect(parseVisitorServerMessage(raw)).toMatchObject({ ok: true, value: { type: 'events', after: 1 } });
  });
});

describe('parseAgentClientMessage', () => {
  it('accepts open and claim', () => {
    expect(parseAgentClientMessage(JSON.stringify({ type: 'open', conversationId: 'k1', afterSeq: 0 })).ok).toBe(true);
    expect(parseAgentClientMessage(JSON.stringify({ type: 'claim', id: 'x', conversationId: 'k1' })).ok).toBe(true);
  });
  it('takes an FAQ match as an entry id or null, and says what is missing', () => {
    expect(parseAgentClientMessage(JSON.stringify({ type: 'faqMatch', id: 'f', conversationId: 'k1', faqId: 'returns-fi' })).ok).toBe(true);
    expect(parseAgentClientMessage(JSON.stringify({ type: 'faqMatch', id: 'f', conversationId: 'k1', faqId: null })).ok).toBe(true);
    expect(parseAgentClientMessage(JSON.stringify({ type: 'faqMatch', id: 'f', conversationId: 'k1' }))).toMatchObject({ ok: false, code: 'bad_message', id: 'f', message: expect.stringContaining('faqMatch.faqId') });
  });
  it('rejects a visitor-only message', () => {
    expect(parseAgentClientMessage(JSON.stringify({ type: 'handoff' })).ok).toBe(false);
  });
  it('takes a takeover that names whom it takes from, by their agent id', () => {
    const takeover = { type: 'claim', id: 't', conversationId: 'k1', takeover: true, from: 'eero' };
    expect(parseAgentClientMessage(JSON.stringify(takeover))).toEqual({ ok: true, value: takeover });
    expect(parseAgentClientMessage(JSON.stringify({ ...takeover, from: '' }))).toMatchObject({ ok: false, code: 'bad_message', id: 't', message: expect.stringContaining('claim.from') });
    expect(parseAgentClientMessage(JSON.stringify({ ...takeover, from: { id: 'eero' } }))).toMatchObject({ ok: false, code: 'bad_message', id: 't' });
  });
});

describe('on a page whose scripts added to Object.prototype', () => {
  it('parses every frame as anywhere else: valibot threw "~run is not a function" on each, and the widget never connected', () => {
    // Legacy scripts do this; an inherited enumerable key showed up in valibot's for…in over a schema's entries.
    (Object.prototype as Record<string, unknown>).x = 1;
    onTestFinished(() => void delete (Object.prototype as Record<string, unknown>).x);
    const welcome = { type: 'welcome', visitorId: 'v1', token: 't'.repeat(32), conversation: null, heartbeatMs: 25_000, staffed: true };
    const events = {
      type: 'events',
      conversationId: 'k1',
      events: [
        { seq: 5, id: 'e5', at: 1, role: 'agent', name: 'Aino', body: { kind: 'text', text: 'Hei!' } },
        { seq: 6, id: 'e6', at: 2, role: 'agent', name: 'Aino', body: { kind: 'file', fileId: 'f1', name: 'palautuslappu.pdf', type: 'application/pdf', size: 12_000 } },
      ],
    };
    expect(parseVisitorServerMessage(JSON.stringify(welcome))).toEqual({ ok: true, value: welcome });
    expect(parseVisitorServerMessage(JSON.stringify(events))).toEqual({ ok: true, value: events });
    expect(parseVisitorServerMessage(JSON.stringify({ type: 'ack', id: 'h1', conversationId: 'k1', seq: 4 }))).toMatchObject({ ok: true });
    // The server's side parses with the same code: still what it was.
    const handoff = { type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page, steps: [{ at: 1, body: { kind: 'bot.query', query: 'sohva', decision: 'none', results: [] } }] };
    expect(parseVisitorClientMessage(JSON.stringify(handoff))).toEqual({ ok: true, value: handoff });
    expect(parseVisitorClientMessage(JSON.stringify({ type: 'rate', id: 'r1', score: 5 }))).toMatchObject({ ok: true });
    expect(parseVisitorClientMessage(JSON.stringify({ type: 'msg', id: 'c', text: 'a'.repeat(LIMITS.text + 1) }))).toMatchObject({ ok: false, code: 'bad_message', id: 'c' });
    expect(parseAgentClientMessage(JSON.stringify({ type: 'claim', id: 'x', conversationId: 'k1' }))).toMatchObject({ ok: true });
    // The page's built-ins are left as they were: an array's `entries` is Array.prototype.entries.
    expect(Object.getPrototypeOf(Array.prototype.entries)).toBe(Function.prototype);
    expect(Object.getPrototypeOf(Map.prototype.entries)).toBe(Function.prototype);
  });

  it('says a frame it could not check is a bad message, rather than throwing into the page', () => {
    const throwing = v.pipe(v.string(), v.check(() => { throw new TypeError('a built-in the page replaced'); }));
    expect(parseFrame(throwing, '"hei"')).toEqual({ ok: false, code: 'bad_message', message: 'frame could not be checked' });
  });
});
