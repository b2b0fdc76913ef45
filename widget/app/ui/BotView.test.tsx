// The bot part as a visitor uses it from the keyboard and with a screen reader, and when the FAQ
// cannot be had: what they see, and what goes to the person with the handoff.
import { act, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, expect, it, onTestFinished, vi } from 'vitest';
import { parseMarkdown } from '../../../faq/markdown';
import type { FaqEntry, FaqSearchResult } from '../../../faq/types';
import type { FaqKit } from '../model/faq';
import { FakeSocket } from '../net/fake-socket';
import { ENTRIES, fakeFaq, setup, welcome } from '../test-kit';

let kit: ReturnType<typeof setup>;
afterEach(() => kit.cleanup());
const type = (input: HTMLElement, text: string) => {
  (input as HTMLInputElement).value = text;
  fireEvent.input(input);
};
/** An FAQ whose search always decides so. */
const always = (result: FaqSearchResult) => (): Promise<FaqKit> => Promise.resolve({ search: { search: () => result }, parse: parseMarkdown });
const shadow = () => kit.launcher.getRootNode() as ShadowRoot;

async function opened(loadFaq?: () => Promise<FaqKit>) {
  kit = setup(undefined, 'fi', loadFaq);
  act(() => kit.api.command('open'));
  return kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
}

it('hands off with the question typed when the FAQ could not be loaded, so nobody asks it again', async () => {
  const input = await opened(() => Promise.reject(new TypeError('Failed to fetch')));
  await kit.ui.findByText(/Vastauksia ei juuri nyt saatu ladattua/);
  type(input, 'Sohva tuli rikki, mitä teen?');
  fireEvent.keyDown(input, { key: 'Enter' });
  await kit.ui.findByRole('textbox', { name: 'Viesti' });
  const socket = FakeSocket.last();
  await act(() => welcome(socket));
  const steps = socket.frames().find((f) => f.type === 'handoff')!.steps as { body: object }[];
  expect(steps.map((s) => s.body)).toMatchObject([{ kind: 'bot.query', query: 'Sohva tuli rikki, mitä teen?', decision: 'none' }]);
});

it('fetches the FAQ again when the visitor next opens the panel, after it failed to come', async () => {
  let loads = 0;
  const input = await opened(() => (loads++ === 0 ? Promise.reject(new TypeError('Failed to fetch')) : fakeFaq()));
  await kit.ui.findByText(/Vastauksia ei juuri nyt saatu ladattua/);
  act(() => kit.api.command('close'));
  act(() => kit.api.command('open'));
  type(input, 'toimitus');
  expect((await kit.ui.findAllByRole('option')).map((o) => o.textContent)).toEqual(ENTRIES.map((e) => e.question));
  expect(loads).toBe(2);
});

it('hands off on Enter after the arrows when no suggestion is shown, rather than open a hidden weak one', async () => {
  const input = await opened(always({ decision: 'none', results: [{ entry: ENTRIES[0]!, score: 0.1 }] }));
  type(input, 'wombatti sohva');
  await kit.ui.findByText(/En löytänyt valmista vastausta/);
  expect(kit.ui.queryAllByRole('option')).toEqual([]);
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  fireEvent.keyDown(input, { key: 'Enter' });
  expect(kit.ui.queryByRole('heading', { name: ENTRIES[0]!.question })).toBeNull();
  expect(await kit.ui.findByText('Asiakaspalvelija liittyy keskusteluun pian')).toBeTruthy();
});

it("links an answer's same-site paths and anchors, as the FAQ format allows", async () => {
  const entry: FaqEntry = { id: 'returns', lang: 'fi', question: 'Miten palautan tuotteen?', answer: 'Täytä [palautuslomake](/palautus) tai katso [ohje](#ohje), ei [tätä](//evil.example) eikä [tuota](/\\evil.example/x).' };
  const input = await opened(always({ decision: 'answer', results: [{ entry, score: 0.95 }] }));
  type(input, 'palautus');
  fireEvent.keyDown(input, { key: 'Enter' });
  await kit.ui.findByRole('heading', { name: 'Miten palautan tuotteen?' });
  expect([...shadow().querySelectorAll('.card a')].map((a) => a.getAttribute('href'))).toEqual(['/palautus', '#ohje']);
});

it('announces an answer as it opens, while focus stays in the question field', async () => {
  const input = await opened();
  input.focus();
  type(input, 'palautus');
  fireEvent.keyDown(input, { key: 'Enter' });
  const heading = await kit.ui.findByRole('heading', { name: 'Miten palautan tuotteen?' });
  expect(heading.closest('[aria-live]')).not.toBeNull();
  expect(shadow().activeElement).toBe(input);
});

it('keeps keyboard focus in the panel after "Kyllä", whose row goes away', async () => {
  const input = await opened();
  type(input, 'palautus');
  fireEvent.keyDown(input, { key: 'Enter' });
  await kit.ui.findByRole('heading', { name: 'Miten palautan tuotteen?' });
  const yes = kit.ui.getByRole('button', { name: 'Kyllä' });
  yes.focus();
  fireEvent.click(yes);
  await kit.ui.findByText(/Hienoa/);
  expect(shadow().activeElement).toBe(input);
});

it('closes the suggestions on Escape first, and the panel only with the next one', async () => {
  const input = await opened();
  input.focus();
  type(input, 'palautus');
  await kit.ui.findAllByRole('option');
  fireEvent.keyDown(input, { key: 'Escape' });
  expect(kit.ui.queryAllByRole('option')).toEqual([]);
  expect(kit.ui.getByRole('dialog').hidden).toBe(false);
  expect((input as HTMLInputElement).value).toBe('palautus');
  type(input, 'palautus ');
  expect(await kit.ui.findAllByRole('option')).not.toEqual([]);
  fireEvent.keyDown(input, { key: 'Escape' });
  fireEvent.keyDown(input, { key: 'Escape' });
  expect(kit.ui.getByRole('dialog', { hidden: true }).hidden).toBe(true);
});

it("leaves the keys of an input method's word to it: Enter accepts the word, Escape cancels it", async () => {
  const input = await opened();
  input.focus();
  type(input, 'haluan puhua ihmise');
  fireEvent.keyDown(input, { key: 'Enter', keyCode: 229, isComposing: true });
  fireEvent.keyDown(input, { key: 'Escape', keyCode: 229, isComposing: true });
  expect(kit.ui.queryByRole('textbox', { name: 'Viesti' })).toBeNull();
  expect(kit.ui.getByRole('dialog').hidden).toBe(false);
  type(input, 'toimitus');
  await kit.ui.findAllByRole('option');
  fireEvent.keyDown(input, { key: 'ArrowDown', keyCode: 229, isComposing: true });
  expect(input.getAttribute('aria-activedescendant')).toBeNull();
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  fireEvent.keyDown(input, { key: 'Enter' });
  expect(await kit.ui.findByRole('heading', { name: 'Milloin tilaukseni saapuu?' })).toBeTruthy();
});

it('scrolls the list into view as it appears, the option the arrows reach into the list, and an answer opened into view', async () => {
  const input = await opened();
  const spy = vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(() => {});
  onTestFinished(() => spy.mockRestore());
  type(input, 'toimitus');
  const options = await kit.ui.findAllByRole('option');
  // On a short screen (a phone's keyboard open) the list comes under the field, out of sight.
  await waitFor(() => expect(spy.mock.contexts).toEqual([kit.ui.getByRole('listbox')]));
  spy.mockClear();
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  expect(spy.mock.contexts).toEqual([options[0], options[1]]);
  expect(spy.mock.calls).toEqual([[{ block: 'nearest' }], [{ block: 'nearest' }]]);
  fireEvent.keyDown(input, { key: 'Enter' });
  await kit.ui.findByRole('heading', { name: 'Miten palautan tuotteen?' });
  expect(spy.mock.contexts.at(-1)).toBe(shadow().querySelector('.card'));
});

it('has the hint under the question field there, empty, before it has words, so that only its words change', async () => {
  const input = await opened();
  const hint = shadow().querySelector('.hint')!;
  expect([hint.textContent, hint.getAttribute('aria-live')]).toEqual(['', 'polite']);
  type(input, 'toimitus');
  await waitFor(() => expect(hint.textContent).toBe('Valitse vastaus nuolinäppäimillä ja Enterillä.'));
  expect(shadow().querySelector('.hint')).toBe(hint);
});

/** The bot steps the handoff carried. */
const handedOffSteps = async () => {
  await kit.ui.findByRole('textbox', { name: 'Viesti' });
  const socket = FakeSocket.last();
  await act(() => welcome(socket));
  return (socket.frames().find((f) => f.type === 'handoff')!.steps as { body: { kind: string; query?: string } }[]).map((s) => s.body);
};

it('hands off a question sent with Enter that the bot only had suggestions for, and it stays in the chat', async () => {
  const input = await opened();
  type(input, 'toimitus');
  fireEvent.keyDown(input, { key: 'Enter' });
  expect((await kit.ui.findAllByRole('option')).length).toBe(2);
  expect((input as HTMLInputElement).value).toBe('toimitus');
  type(input, 'haluan puhua ihmiselle');
  await waitFor(() => expect(kit.ui.queryAllByRole('option')).toEqual([]));
  fireEvent.keyDown(input, { key: 'Enter' });
  const steps = await handedOffSteps();
  expect(steps.map((b) => [b.kind, b.query])).toEqual([
    ['bot.query', 'toimitus'],
    ['bot.query', 'haluan puhua ihmiselle'],
  ]);
  expect(steps[0]).toMatchObject({ decision: 'suggest', results: [{ id: 'delivery' }, { id: 'returns' }] });
  expect(kit.ui.getByRole('log').textContent).toContain('toimitus');
});

it('acts on the question just typed when Enter comes before its search: not on the last one\'s highlighted suggestion', async () => {
  const input = await opened();
  type(input, 'toimitus');
  fireEvent.keyDown(input, { key: 'Enter' });
  await kit.ui.findAllByRole('option');
  // A quick typist: the next question and Enter within the search's debounce.
  type(input, 'haluan puhua ihmiselle');
  fireEvent.keyDown(input, { key: 'Enter' });
  expect(kit.ui.queryByRole('heading', { name: 'Milloin tilaukseni saapuu?' })).toBeNull();
  expect((await handedOffSteps()).map((b) => [b.kind, b.query])).toEqual([
    ['bot.query', 'toimitus'],
    ['bot.query', 'haluan puhua ihmiselle'],
  ]);
});

it('hands off a question sent with Enter once, as a suggestion then opens or the visitor asks for a person', async () => {
  const input = await opened();
  type(input, 'toimitus');
  fireEvent.keyDown(input, { key: 'Enter' });
  await kit.ui.findAllByRole('option');
  fireEvent.keyDown(input, { key: 'Enter' });
  await kit.ui.findByRole('heading', { name: 'Milloin tilaukseni saapuu?' });
  type(input, 'toimitus');
  fireEvent.keyDown(input, { key: 'Enter' });
  await kit.ui.findAllByRole('option');
  fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
  expect((await handedOffSteps()).map((b) => [b.kind, b.query])).toEqual([
    ['bot.query', 'toimitus'],
    ['bot.answer', undefined],
    ['bot.query', 'toimitus'],
  ]);
});

it('hands off a question typed but not sent as not sent: the bot answered nothing, whatever its search found', async () => {
  const input = await opened();
  type(input, 'palautus');
  await kit.ui.findAllByRole('option');
  fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
  expect(await handedOffSteps()).toEqual([
    { kind: 'bot.query', query: 'palautus', unsent: true, decision: 'answer', results: [{ id: 'returns', question: 'Miten palautan tuotteen?', score: 0.95 }] },
  ]);
});
