// The widget on a slow or stalling link: taps while its words are on their way, and words or an
// FAQ that never come (a request a proxy or a phone's link dropped without an error).
import { act, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOAD_TIMEOUT_MS } from '../deadline';
import type { Strings } from './i18n/strings';
import type { FaqKit } from './model/faq';
import { FakeSocket } from './net/fake-socket';
import { fakeFaq, setup, welcome } from './test-kit';

/** The words chunk: held back until `arrive()`, as on a slow link; `stall()` makes the next one never come. */
const words = vi.hoisted(() => {
  const held: (() => void)[] = [];
  let stalled = false;
  return {
    held,
    stall: () => void (stalled = true),
    arrive: () => {
      stalled = false;
      for (const go of held.splice(0)) go();
    },
    gate: () => new Promise<void>((go) => (stalled ? held.push(() => undefined) : held.push(go))),
  };
});
vi.mock('./i18n/strings', async (real) => {
  const mod = await real<typeof import('./i18n/strings')>();
  return { ...mod, loadStrings: async (lang: 'fi' | 'en'): Promise<Strings> => (await words.gate(), mod.loadStrings(lang)) };
});

let kit: ReturnType<typeof setup>;
afterEach(() => {
  kit.cleanup();
  words.arrive();
  vi.useRealTimers();
});

const panel = () => kit.ui.queryByRole('dialog', { name: 'Asiakaspalvelu' });
const expanded = () => kit.launcher.getAttribute('aria-expanded');
/** Lets the words' promises and the renders they start run. */
const settle = () => act(async () => void (await vi.advanceTimersByTimeAsync(0)));

describe('the launcher while the panel is on its way', () => {
  it('opens the panel when the visitor taps again before its words came, rather than closing it', async () => {
    kit = setup();
    fireEvent.click(kit.launcher);
    // Nothing to see yet: the visitor taps again.
    fireEvent.click(kit.launcher);
    expect(expanded()).toBe('true');
    await act(async () => words.arrive());
    expect(await kit.ui.findByRole('dialog', { name: 'Asiakaspalvelu' })).toBeTruthy();
    expect(expanded()).toBe('true');
    // Once shown, a tap closes it as before, and Kohtaamo('toggle') does the same.
    fireEvent.click(kit.launcher);
    expect(panel()).toBeNull();
    act(() => kit.api.command('toggle'));
    expect(panel()).not.toBeNull();
    act(() => kit.api.command('toggle'));
    expect(panel()).toBeNull();
  });

  it("a site's Kohtaamo('toggle') twice while the words come opens the panel too", async () => {
    kit = setup();
    act(() => kit.api.command('toggle'));
    act(() => kit.api.command('toggle'));
    await act(async () => words.arrive());
    expect(await kit.ui.findByRole('dialog', { name: 'Asiakaspalvelu' })).toBeTruthy();
  });
});

describe('words that never come', () => {
  it('give up after the time limit: the launcher says closed, and its next tap fetches them again', async () => {
    vi.useFakeTimers();
    words.stall();
    kit = setup();
    fireEvent.click(kit.launcher);
    await settle();
    expect(expanded()).toBe('true');
    await act(async () => void (await vi.advanceTimersByTimeAsync(LOAD_TIMEOUT_MS)));
    expect(expanded()).toBe('false');
    expect(panel()).toBeNull();
    // The link is back: the next tap fetches the words again, and they come.
    words.arrive();
    fireEvent.click(kit.launcher);
    await settle();
    words.arrive();
    await vi.waitFor(() => expect(panel()).not.toBeNull());
    expect(expanded()).toBe('true');
  });
});

describe('an FAQ that never comes', () => {
  /** Each load of the FAQ: the first never settles (a stalled request), later ones come at once. */
  function stalledOnce() {
    let loads = 0;
    const load = (): Promise<FaqKit> => (loads++ === 0 ? new Promise<FaqKit>(() => undefined) : fakeFaq());
    return { load, loads: () => loads };
  }

  /** The panel open, its words here, and the FAQ's first load stalled. */
  async function openWithStalledFaq() {
    vi.useFakeTimers();
    const faq = stalledOnce();
    kit = setup(undefined, 'fi', faq.load);
    act(() => kit.api.command('open'));
    words.arrive();
    await settle();
    return faq;
  }

  it('counts as unavailable after the time limit: the hint says so and Enter takes the question to a person', async () => {
    await openWithStalledFaq();
    const input = kit.ui.getByRole('combobox', { name: 'Kysymyksesi' }) as HTMLInputElement;
    input.value = 'Sohva tuli rikki, mitä teen?';
    fireEvent.input(input);
    fireEvent.keyDown(input, { key: 'Enter' });
    await settle();
    expect(kit.ui.getByText('Ladataan vastauksia…')).toBeTruthy();
    await act(async () => void (await vi.advanceTimersByTimeAsync(LOAD_TIMEOUT_MS)));
    // The Enter pressed while it loaded is acted on: the question goes to a person, with the handoff.
    expect(kit.ui.getByRole('textbox', { name: 'Viesti' })).toBeTruthy();
    const socket = FakeSocket.last();
    await act(() => welcome(socket));
    const steps = socket.frames().find((f) => f.type === 'handoff')!.steps as { body: object }[];
    expect(steps.map((s) => s.body)).toMatchObject([{ kind: 'bot.query', query: 'Sohva tuli rikki, mitä teen?', decision: 'none' }]);
  });

  it('is fetched again when the visitor next opens the panel', async () => {
    const faq = await openWithStalledFaq();
    await act(async () => void (await vi.advanceTimersByTimeAsync(LOAD_TIMEOUT_MS)));
    expect(kit.ui.getByText(/Vastauksia ei juuri nyt saatu ladattua/)).toBeTruthy();
    act(() => kit.api.command('close'));
    act(() => kit.api.command('open'));
    await settle();
    expect(faq.loads()).toBe(2);
    const input = kit.ui.getByRole('combobox', { name: 'Kysymyksesi' }) as HTMLInputElement;
    input.value = 'toimitus';
    fireEvent.input(input);
    await act(async () => void (await vi.advanceTimersByTimeAsync(500)));
    expect(kit.ui.getAllByRole('option').length).toBeGreaterThan(0);
  });
});
