// The widget as a visitor first meets it: the panel, the FAQ's suggestions and answers, the way to
// a person, the keyboard. A chat with a person: main-chat.test.tsx; files: main-files.test.tsx;
// who the visitor is: main-identity.test.tsx; later pages and a closed panel: main-pages.test.tsx.
import { act, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { FakeSocket } from './net/fake-socket';
import { fakeFaq, welcome } from './test-kit';
import { kit, openPanel, start, type } from './main-test-kit';

afterEach(() => kit.cleanup());

describe('the widget, as a visitor uses it', () => {
  it('opens with a greeting and the question field focused', async () => {
    const input = await openPanel();
    expect(kit.ui.getByRole('dialog', { name: 'Asiakaspalvelu' })).toBeTruthy();
    expect(kit.ui.getByText(/Kirjoita kysymyksesi, niin etsin/)).toBeTruthy();
    expect(input.getAttribute('placeholder')).toBe('Kirjoita kysymyksesi…');
    await waitFor(() => expect(kit.launcher.getRootNode() === input.getRootNode()).toBe(true));
    expect(kit.launcher.getAttribute('aria-expanded')).toBe('true');
    expect(kit.launcher.getAttribute('aria-label')).toBe('Pienennä chat');
  });

  it('suggests answers while typing and opens one with the keyboard', async () => {
    const input = await openPanel();
    await type(input, 'toimitus');
    const options = await kit.ui.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Milloin tilaukseni saapuu?', 'Miten palautan tuotteen?']);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await kit.ui.findByRole('heading', { name: 'Milloin tilaukseni saapuu?' })).toBeTruthy();
    const link = kit.ui.getByRole('link', { name: 'Seuraa pakettia' });
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(kit.ui.getByText('1–3').tagName).toBe('STRONG');
    expect(kit.ui.getByText('Auttoiko tämä?')).toBeTruthy();
  });

  it('suggests for the next question while an answer is still on screen', async () => {
    const input = await openPanel();
    await type(input, 'palautus');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await kit.ui.findByRole('heading', { name: 'Miten palautan tuotteen?' })).toBeTruthy();
    await type(input, 'toimitus');
    const options = await kit.ui.findAllByRole('option');
    expect(kit.ui.getByText('Valitse vastaus nuolinäppäimillä ja Enterillä.')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await kit.ui.findByRole('heading', { name: 'Milloin tilaukseni saapuu?' })).toBeTruthy();
    expect(kit.ui.queryByRole('heading', { name: 'Miten palautan tuotteen?' })).toBeNull();
    await type(input, 'wombat');
    expect(await kit.ui.findByText(/En löytänyt valmista vastausta/)).toBeTruthy();
  });

  it('tells a visitor on a touch screen to tap an answer, not to use arrow keys they do not have', async () => {
    const real = window.matchMedia.bind(window);
    const media = vi.spyOn(window, 'matchMedia').mockImplementation((query) => {
      const list = real(query);
      if (query === '(pointer:coarse)') Object.defineProperty(list, 'matches', { value: true });
      return list;
    });
    onTestFinished(() => media.mockRestore());
    const input = await openPanel();
    await type(input, 'toimitus');
    await kit.ui.findAllByRole('option');
    expect(kit.ui.getByText('Napauta vastausta.')).toBeTruthy();
    expect(kit.ui.queryByText(/nuolinäppäimillä/)).toBeNull();
    kit.cleanup();

    start(undefined, 'en');
    act(() => kit.api.command('open'));
    await type(await kit.ui.findByRole('combobox', { name: 'Your question' }), 'toimitus');
    await kit.ui.findAllByRole('option');
    expect(kit.ui.getByText('Tap an answer.')).toBeTruthy();
  });

  it("tells the server which answers it showed and which helped, and nothing about the visitor", async () => {
    const input = await openPanel();
    await type(input, 'palautus');
    fireEvent.keyDown(input, { key: 'Enter' });
    await kit.ui.findByRole('heading', { name: 'Miten palautan tuotteen?' });
    fireEvent.click(kit.ui.getByRole('button', { name: 'Kyllä' }));
    expect(kit.beacons.mock.calls).toEqual([
      ['http://chat.example/api/faq-stats', JSON.stringify({ kind: 'shown', faqId: 'returns' })],
      ['http://chat.example/api/faq-stats', JSON.stringify({ kind: 'helped', faqId: 'returns' })],
    ]);
    // Small talk and the search while typing are not answers shown; and no socket is opened for any of it.
    await type(input, 'hei');
    fireEvent.keyDown(input, { key: 'Enter' });
    await kit.ui.findByText('Hei vaan! Miten voin auttaa?');
    expect(kit.beacons).toHaveBeenCalledTimes(2);
    expect(FakeSocket.all).toEqual([]);
  });

  it("uses the site's own title and greeting in the page's language, and its own words in the other", async () => {
    start(undefined, 'fi', fakeFaq, { title: 'Kotipesän asiakaspalvelu', greeting: 'Hei! Kysy meiltä sohvista ja muusta.' });
    act(() => kit.api.command('open'));
    expect(await kit.ui.findByRole('dialog', { name: 'Kotipesän asiakaspalvelu' })).toBeTruthy();
    expect(kit.ui.getByText('Hei! Kysy meiltä sohvista ja muusta.')).toBeTruthy();
    act(() => kit.api.command('lang', 'en'));
    expect(await kit.ui.findByRole('dialog', { name: 'Customer service' })).toBeTruthy();
    expect(kit.ui.queryByText('Hei! Kysy meiltä sohvista ja muusta.')).toBeNull();
  });

  it('answers small talk in a friendly way', async () => {
    const input = await openPanel();
    await type(input, 'hei');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await kit.ui.findByText('Hei vaan! Miten voin auttaa?')).toBeTruthy();
  });

  it('a question the FAQ cannot answer goes to a person on Enter', async () => {
    const input = await openPanel();
    await type(input, 'voiko koiran tuoda myymälään');
    expect(await kit.ui.findByText(/En löytänyt valmista vastausta/)).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Enter' });
    await act(() => welcome(FakeSocket.last()));
    expect(FakeSocket.last().frames()[1]).toMatchObject({ type: 'handoff', reason: 'no_answer' });
  });

  it('"Talk to a person" carries a question typed but not sent', async () => {
    const input = await openPanel();
    await type(input, 'voiko tilauksen perua');
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    await act(() => welcome(FakeSocket.last()));
    const handoff = FakeSocket.last().frames()[1] as unknown as { reason: string; steps: { body: { query?: string } }[] };
    expect(handoff.reason).toBe('asked_for_person');
    expect(handoff.steps.map((s) => s.body.query)).toEqual(['voiko tilauksen perua']);
  });

  it('"Ei" under an answer carries what the visitor went on to type, so they need not write it again', async () => {
    const input = await openPanel();
    await type(input, 'toimitus');
    (await kit.ui.findAllByRole('option'))[0]!.click();
    const no = await kit.ui.findByRole('button', { name: 'Ei' });
    await type(input, 'mutta tilaus 7788 on jo lähetetty');
    fireEvent.click(no);
    await act(() => welcome(FakeSocket.last()));
    const handoff = FakeSocket.last().frames()[1] as unknown as { reason: string; steps: { body: { query?: string } }[] };
    expect(handoff.reason).toBe('not_helpful');
    expect(handoff.steps.map((s) => s.body.query).filter(Boolean)).toEqual(['toimitus', 'mutta tilaus 7788 on jo lähetetty']);
  });

  it('acts on an Enter pressed before the answers arrived, once they do', async () => {
    let arrive = () => {};
    const slow = () => new Promise<Awaited<ReturnType<typeof fakeFaq>>>((resolve) => (arrive = () => void fakeFaq().then(resolve)));
    start(undefined, 'fi', slow);
    act(() => kit.api.command('open'));
    const input = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
    await type(input, 'haluan puhua ihmisen kanssa');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(kit.ui.getByText('Ladataan vastauksia…')).toBeTruthy();
    expect(FakeSocket.all).toHaveLength(0);
    await act(async () => arrive());
    await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    await act(() => welcome(FakeSocket.last()));
    expect(FakeSocket.last().frames()[1]).toMatchObject({ type: 'handoff', reason: 'asked_for_person' });
  });

  it('still reaches a person when the FAQ search breaks', async () => {
    const broken = () => Promise.resolve({ search: { search: () => { throw new Error('unreadable bundle'); } }, parse: () => [] });
    start(undefined, 'fi', broken);
    act(() => kit.api.command('open'));
    const input = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
    await type(input, 'voiko tilauksen perua');
    expect(await kit.ui.findByText(/Vastauksia ei juuri nyt saatu ladattua/)).toBeTruthy();
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    await act(() => welcome(FakeSocket.last()));
    const handoff = FakeSocket.last().frames()[1] as unknown as { reason: string; steps: { body: { query?: string } }[] };
    expect(handoff.reason).toBe('asked_for_person');
    expect(handoff.steps.map((s) => s.body.query)).toEqual(['voiko tilauksen perua']);
  });

  it('Escape closes the panel and gives focus back to the launcher', async () => {
    const input = await openPanel();
    input.focus();
    const focus = vi.spyOn(kit.launcher, 'focus');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(kit.ui.getByRole('dialog', { hidden: true }).hidden).toBe(true);
    expect(focus).toHaveBeenCalled();
    expect(kit.launcher.getAttribute('aria-expanded')).toBe('false');
  });

  it("keeps the keys typed in it from the page's own shortcuts, and still acts on its own", async () => {
    const input = await openPanel();
    // A common site handler: '/' outside a text field focuses the site's search. Seen from the
    // page, a key typed in the widget comes from the widget's host <div>, not from a field.
    const page: string[] = [];
    const shortcut = (e: KeyboardEvent) => page.push(`${e.type} ${e.key}`);
    for (const type of ['keydown', 'keypress', 'keyup'] as const) document.addEventListener(type, shortcut);
    onTestFinished(() => {
      for (const type of ['keydown', 'keypress', 'keyup'] as const) document.removeEventListener(type, shortcut);
    });
    for (const type of ['keydown', 'keypress', 'keyup']) input.dispatchEvent(new KeyboardEvent(type, { key: '/', bubbles: true, composed: true }));
    await type(input, 'toimitus');
    const options = await kit.ui.findAllByRole('option');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(kit.ui.queryAllByRole('option')).toEqual([]);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(kit.ui.getByRole('dialog', { hidden: true }).hidden).toBe(true);
    expect(page).toEqual([]);
    // The page's keys outside the panel, the launcher's too, are still the page's.
    fireEvent.keyDown(kit.launcher, { key: '/' });
    expect(page).toEqual(['keydown /']);
  });

  it('stores nothing until the visitor types', async () => {
    const input = await openPanel();
    await new Promise((r) => setTimeout(r, 300));
    expect(kit.save).not.toHaveBeenCalled();
    expect(localStorage.length + sessionStorage.length).toBe(0);
    await type(input, 'toimitus');
    await waitFor(() => expect(kit.save).toHaveBeenCalled());
  });
});
