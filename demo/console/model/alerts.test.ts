import { afterEach, expect, it } from 'vitest';
import { fakeEnv, ME, summary } from '../test-support';
import { QUEUE_TAG } from './alerts';
import { createConsole } from './console';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

/** A console welcomed by the server, in a background tab, notifications allowed. */
function hidden() {
  const fake = fakeEnv({ permission: 'granted' });
  const model = createConsole(fake.env);
  stop = model.start();
  fake.last().open();
  fake.last().receive({ type: 'welcome', agent: ME, heartbeatMs: 30_000, emailsReplies: false });
  fake.setVisible(false);
  return { ...fake, model };
}

const left = Date.UTC(2026, 10, 23, 20, 2);

it('counts only the waiting visitors still on the site in "N visitors waiting"', () => {
  const fake = hidden();
  const gone = [summary({ id: 'g1', visitorLeft: left }), summary({ id: 'g2', visitorLeft: left })];
  fake.last().receive({ type: 'queue', conversations: [...gone, summary({ id: 'k1' })] });
  fake.last().receive({ type: 'queue', conversations: [...gone, summary({ id: 'k1' }), summary({ id: 'k2', questions: ['Lahjapaketointi?'] })] });
  expect(fake.notifications.map(({ title, body, tag }) => ({ title, body, tag }))).toEqual([{ title: '2 visitors waiting', body: 'Lahjapaketointi?', tag: QUEUE_TAG }]);
  // The one present newcomer among visitors who left: "A visitor is waiting", not three.
  fake.last().receive({ type: 'queue', conversations: [...gone, summary({ id: 'k2', questions: ['Lahjapaketointi?'] }), summary({ id: 'k3', questions: ['Palautus?'] })].map((c) => (c.id === 'k2' ? { ...c, visitorLeft: left } : c)) });
  expect(fake.notifications.at(-1)).toMatchObject({ title: 'A visitor is waiting', body: 'Palautus?' });
});

it('does not notify of a newcomer who has already left the site, nor tell the page (and its screen reader) of them', () => {
  const fake = hidden();
  const { model } = fake;
  fake.last().receive({ type: 'queue', conversations: [summary({ id: 'k1' })] });
  fake.last().receive({ type: 'queue', conversations: [summary({ id: 'k1' }), summary({ id: 'k2', visitorLeft: left })] });
  expect(fake.notifications).toEqual([]);
  expect(model.alerts.news.value.n).toBe(0);
  fake.last().receive({ type: 'queue', conversations: [summary({ id: 'k1' }), summary({ id: 'k2', visitorLeft: left }), summary({ id: 'k3' })] });
  expect(model.alerts.news.value.items.map((item) => item.conversation.id)).toEqual(['k3']);
});

it('counts waiting visitors past the listed page as present: the console knows nothing else of them', () => {
  const fake = hidden();
  fake.last().receive({ type: 'queue', conversations: [summary({ id: 'k1', visitorLeft: left })], waiting: 150 });
  fake.last().receive({ type: 'queue', conversations: [summary({ id: 'k1', visitorLeft: left }), summary({ id: 'k2' })], waiting: 151 });
  expect(fake.notifications.at(-1)).toMatchObject({ title: '150 visitors waiting' });
});

it("says in a newcomer's notification what the queue card's title says: the visitor's first words where they asked the bot nothing, not their name", () => {
  const fake = hidden();
  fake.last().receive({ type: 'queue', conversations: [] });
  fake.last().receive({ type: 'queue', conversations: [summary({ visitor: { name: 'Matti' }, questions: [], firstText: 'Sohvani toimitus ei tullut' })] });
  expect(fake.notifications.at(-1)).toMatchObject({ title: 'A visitor is waiting', body: 'Sohvani toimitus ei tullut' });
  // Nothing asked, nothing written (a file only): the card's "No question asked", as on the card.
  fake.last().receive({ type: 'queue', conversations: [summary({ visitor: { name: 'Matti' }, questions: [], firstText: 'Sohvani toimitus ei tullut' }), summary({ id: 'k2', visitor: { name: 'Maija' }, questions: [] })] });
  expect(fake.notifications.at(-1)).toMatchObject({ title: '2 visitors waiting', body: 'No question asked' });
});
