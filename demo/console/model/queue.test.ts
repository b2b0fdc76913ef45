import { afterEach, describe, expect, it } from 'vitest';
import { fakeEnv, ME, summary } from '../test-support';
import { createConsole } from './console';
import { groupQueue, heardOf, stepThrough } from './queue';

describe('groupQueue', () => {
  it('puts the longest-waiting first, then mine, then colleagues', () => {
    const groups = groupQueue(
      [
        summary({ id: 'new', createdAt: 3 }),
        summary({ id: 'other', status: 'active', agent: { id: 'b', name: 'B' }, createdAt: 1 }),
        summary({ id: 'old', createdAt: 2 }),
        summary({ id: 'mine', status: 'active', agent: { id: 'me', name: 'Me' }, createdAt: 5 }),
        summary({ id: 'gone', status: 'closed' }),
      ],
      'me',
    );
    expect(groups.waiting.map((c) => c.id)).toEqual(['old', 'new']);
    expect(groups.mine.map((c) => c.id)).toEqual(['mine']);
    expect(groups.others.map((c) => c.id)).toEqual(['other']);
  });
});

describe('stepThrough', () => {
  const groups = groupQueue(
    [
      summary({ id: 'w1', createdAt: 1 }),
      summary({ id: 'w2', createdAt: 2 }),
      summary({ id: 'm1', status: 'active', agent: { id: 'me', name: 'Me' }, createdAt: 3 }),
      summary({ id: 'o1', status: 'active', agent: { id: 'b', name: 'B' }, createdAt: 4 }),
    ],
    'me',
  );

  it('goes down and up the queue as the agent sees it, their own on top, and stops at its ends', () => {
    expect(stepThrough(groups, null, 1)).toBe('m1');
    expect(stepThrough(groups, null, -1)).toBe('o1');
    expect(stepThrough(groups, 'm1', 1)).toBe('w1');
    expect(stepThrough(groups, 'w1', -1)).toBe('m1');
    expect(stepThrough(groups, 'w2', 1)).toBe('o1');
    expect(stepThrough(groups, 'o1', 1)).toBeNull();
    expect(stepThrough(groups, 'm1', -1)).toBeNull();
    // A conversation opened from the search, not in the queue, starts from the top.
    expect(stepThrough(groups, 'closed-one', 1)).toBe('m1');
  });

  it('skips to the nearest that passes the test', () => {
    const unread = new Set(['w1', 'o1']);
    expect(stepThrough(groups, 'w1', 1, (c) => unread.has(c.id))).toBe('o1');
    expect(stepThrough(groups, 'o1', -1, (c) => unread.has(c.id))).toBe('w1');
    expect(stepThrough(groups, 'o1', 1, (c) => unread.has(c.id))).toBeNull();
  });
});

describe('queue cards', () => {
  const whole = summary({
    status: 'active',
    agent: ME,
    questions: ['Missä tilaukseni on?', 'Entä lasku?', 'Voiko maksaa osissa?', 'Onko lahjakortteja?'],
    moreQuestions: 2,
    nowOn: { url: 'https://kauppa.example/kassa', title: 'Kassa' },
  });
  const card = summary({ status: 'active', agent: ME, brief: true, questions: ['Missä tilaukseni on?', 'Voiko maksaa osissa?', 'Onko lahjakortteja?'], moreQuestions: 3, lastText: 'Kiitos!', lastSeq: 9 });

  it('do not take from the whole summary of a conversation what only it says', () => {
    expect(heardOf(whole, card)).toEqual({ ...card, brief: undefined, questions: whole.questions, moreQuestions: 2, nowOn: whole.nowOn });
    expect(heardOf(whole, card)).not.toHaveProperty('brief');
    // Nothing better known: the card; a whole summary: itself.
    expect(heardOf(undefined, card)).toBe(card);
    expect(heardOf(card, whole)).toBe(whole);
  });

  let stop = () => {};
  afterEach(() => stop());

  it('keep the open conversation’s details whole, and the count of visitors waiting past the page listed', () => {
    const { env, last } = fakeEnv();
    const c = createConsole(env);
    stop = c.start();
    last().open();
    last().receive({ type: 'welcome', agent: ME, heartbeatMs: 30_000, emailsReplies: false });
    const waiting = Array.from({ length: 100 }, (_, i) => summary({ id: `w${i}`, visitorId: `vw${i}`, brief: true }));
    last().receive({ type: 'queue', conversations: [card, ...waiting], waiting: 4000 });
    c.select('k1');
    last().receive({ type: 'summary', conversation: whole });
    last().receive({ type: 'queue', conversations: [card, ...waiting], waiting: 3999 });
    expect(c.selected.value).toMatchObject({ questions: whole.questions, nowOn: whole.nowOn, lastText: 'Kiitos!', lastSeq: 9 });
    expect(c.waitingCount.value).toBe(3999);
  });
});
