import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE } from '../../../protocol/errors';
import { CONSOLE_DEFAULTS } from '../config';
import { EN } from '../strings-en';
import { FI } from '../strings-fi';
import { renderConsole, stopConsoles } from '../test-render';
import { botPart, EVENTS_DAY, json, ME, summary, textEvent } from '../test-support';

afterEach(stopConsoles);

// The transcript's times read as the events' own day's (test-support.ts): plain "20:12".
beforeEach(() => vi.setSystemTime(EVENTS_DAY));
afterEach(() => vi.useRealTimers());

describe('the console in Finnish', () => {
  it('speaks Finnish to an agent whose browser does, from the login on', async () => {
    renderConsole({ loggedIn: false, language: 'fi-FI', fetch: () => json(401, {}) });
    fireEvent.input(screen.getByLabelText('Käyttäjätunnus'), { target: { value: 'aino' } });
    fireEvent.input(screen.getByLabelText('Salasana'), { target: { value: 'väärä' } });
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaudu' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Väärä käyttäjätunnus tai salasana.'));
  });

  it('shows the queue, the conversation and the transcript in Finnish, and the agent can switch to English for the tab', () => {
    const c = renderConsole({ language: 'fi-FI' });
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ visitor: { name: 'Matti' } }), summary({ id: 'k2', status: 'active', agent: ME, questions: ['Voinko palauttaa?'] })] });
    expect(screen.getByRole('navigation', { name: 'Jono' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ota seuraava kävijä' })).toBeTruthy();
    const waiting = screen.getByRole('list', { name: /Odottaa/ });
    expect(within(waiting).getByText(/Matti · odottanut/)).toBeTruthy();
    expect(screen.getByRole('list', { name: /Omat keskustelut/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    expect(screen.getByRole('button', { name: 'Ota' })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Viesti' }) as HTMLTextAreaElement).placeholder).toBe('Ota keskustelu vastataksesi.');
    c.receive({
      type: 'events',
      conversationId: 'k1',
      events: [{ seq: 5, id: 'j', at: Date.UTC(2026, 10, 23, 20, 5), role: 'system', body: { kind: 'joined', agent: 'Eero', from: 'Aino', passed: true } }, textEvent(6, 'visitor', 'Hei?')],
    });
    const log = screen.getByRole('log', { name: 'Keskusteluhistoria' });
    expect(within(log).getByText(/Aino siirsi keskustelun: Eero/)).toBeTruthy();
    const details = screen.getByRole('complementary', { name: 'Tiedot' });
    expect(within(details).getByRole('region', { name: 'Siirron yhteenveto' }).textContent).toContain('UKK-vastaus ei auttanut');

    fireEvent.click(screen.getByRole('button', { name: 'In English' }));
    expect(screen.getByRole('navigation', { name: 'Queue' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Claim' })).toBeTruthy();
    expect(within(screen.getByRole('log', { name: 'Transcript' })).getByText(/Aino passed the conversation to Eero/)).toBeTruthy();
    expect(c.store.get(CONSOLE_DEFAULTS.langKey)).toBe('en');
    fireEvent.click(screen.getByRole('button', { name: 'Suomeksi' }));
    expect(screen.getByRole('navigation', { name: 'Jono' })).toBeTruthy();
  });

  it('says in Finnish what the server emailed the visitor, and where replies go by email', () => {
    const c = renderConsole({ language: 'fi-FI' });
    c.connect(undefined, { emailsReplies: true });
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME, visitor: { name: 'Matti', email: 'matti@example.fi' } })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const details = screen.getByRole('complementary', { name: 'Tiedot' });
    expect(within(details).getByText('Jos kävijä on poistunut, vastauksesi lähtevät myös sähköpostiin matti@example.fi.')).toBeTruthy();
    const at = Date.UTC(2026, 10, 23, 20, 30);
    const emailed = (seq: number, replies: number, failed?: string) => ({
      seq, id: `em${seq}`, at, role: 'system' as const, body: { kind: 'emailed' as const, to: 'matti@example.fi', replies, through: seq - 1, ...(failed ? { failed } : {}) },
    });
    c.receive({ type: 'events', conversationId: 'k1', events: [emailed(6, 1), emailed(8, 2), emailed(9, 1, 'timeout')] });
    const log = screen.getByRole('log', { name: 'Keskusteluhistoria' });
    expect(within(log).getAllByRole('listitem').filter((li) => li.classList.contains('emailed')).map((li) => li.textContent)).toEqual([
      'Lähetettiin kävijälle sähköpostiin vastaus, jota hän ei ehtinyt nähdä: matti@example.fi · ei näy kävijän keskustelussa 20:30',
      'Lähetettiin kävijälle sähköpostiin 2 vastausta, joita hän ei ehtinyt nähdä: matti@example.fi · ei näy kävijän keskustelussa 20:30',
      'Vastauksia, joita kävijä ei ehtinyt nähdä, ei saatu lähetettyä sähköpostiin matti@example.fi: timeout · ei näy kävijän keskustelussa 20:30',
    ]);
  });

  it('says what went wrong in the language the agent switches to, also what it said before', async () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const box = screen.getByRole('textbox', { name: 'Message' });
    // Two messages the server refused (a colleague took the conversation over, too many at once), a request it refused, a search that did not go.
    fireEvent.input(box, { target: { value: 'Hei' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    c.receive({ type: 'error', code: 'not_assigned', message: 'x', id: String(c.last().sentOf('msg')[0]?.id) });
    fireEvent.input(box, { target: { value: 'Toinen' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    c.receive({ type: 'error', code: 'rate_limited', message: 'x', id: String(c.last().sentOf('msg')[1]?.id) });
    fireEvent.click(screen.getByRole('button', { name: 'Close conversation' }));
    c.receive({ type: 'error', code: 'not_assigned', message: 'x', id: String(c.last().sentOf('close')[0]?.id) });
    const searchBox = screen.getByRole('searchbox', { name: 'Search conversations' });
    fireEvent.input(searchBox, { target: { value: 'x' } });
    fireEvent.submit(searchBox.closest('form')!);
    const failures = () => [...screen.getByRole('log').querySelectorAll('.delivery.failed')].map((f) => f.textContent);
    expect(failures()).toEqual([`Failed — ${EN.errors.not_assigned} Retry`, `Failed — ${EN.errors.rate_limited} Retry`]);
    expect(screen.getByRole('alert').textContent).toContain(EN.errors.not_assigned);

    fireEvent.click(screen.getByRole('button', { name: 'Suomeksi' }));
    expect(failures()).toEqual([`Epäonnistui — ${FI.errors.not_assigned} Yritä uudelleen`, `Epäonnistui — ${FI.errors.rate_limited} Yritä uudelleen`]);
    expect(screen.getByRole('alert').textContent).toContain(FI.errors.not_assigned);
    expect(screen.getByText(FI.tooShort)).toBeTruthy();
  });

  it('says on the login form why, in the language the agent switches to', async () => {
    const c = renderConsole({ fetch: () => json(401, {}) });
    c.last().open();
    c.last().drop(CLOSE.unauthorized);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(EN.sessionEnded.expired));
    fireEvent.click(screen.getByRole('button', { name: 'Suomeksi' }));
    expect(screen.getByRole('alert').textContent).toBe(FI.sessionEnded.expired);
    fireEvent.input(screen.getByLabelText('Käyttäjätunnus'), { target: { value: 'aino' } });
    fireEvent.input(screen.getByLabelText('Salasana'), { target: { value: 'väärä' } });
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaudu' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(FI.wrongLogin));
    fireEvent.click(screen.getByRole('button', { name: 'In English' }));
    expect(screen.getByRole('alert').textContent).toBe(EN.wrongLogin);
  });

  it("keeps the agent's choice over the browser's language", () => {
    renderConsole({ language: 'fi-FI', stored: [[CONSOLE_DEFAULTS.langKey, 'en']] });
    expect(screen.getByRole('button', { name: 'Suomeksi' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Log out' })).toBeTruthy();
  });
});

describe("a Finnish visitor's words in an English console", () => {
  /** The language a screen reader speaks an element's text in: its own lang, or the nearest one above it. */
  const spokenIn = (el: Element | null | undefined) => el?.closest('[lang]')?.getAttribute('lang') ?? 'the page’s';

  it('are marked Finnish, in the transcript, the summary and the queue, and the console\'s own words are not', async () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME, questions: ['Missä tilaukseni on?', 'Entä lasku?'] })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    c.receive({ type: 'events', conversationId: 'k1', events: [...botPart(), textEvent(5, 'visitor', 'Haloo?'), textEvent(6, 'agent', 'Hei! Katsotaan.')] });
    const log = screen.getByRole('log', { name: 'Transcript' });
    expect(spokenIn(within(log).getByText('Haloo?'))).toBe('fi');
    expect(spokenIn(within(log).getByText('Hei! Katsotaan.'))).toBe('fi');
    expect(spokenIn(within(log).getByText('“Missä tilaukseni on?”'))).toBe('fi');
    // The FAQ entry the bot showed, in the entry's own language, its answer once /api/faq is in.
    expect(spokenIn(within(log).getByText('Kauanko toimitus kestää?', { selector: '.faq-question' }))).toBe('fi');
    await waitFor(() => expect(spokenIn(within(log).getByText('2–4 arkipäivää'))).toBe('fi'));
    // What the console says stays the console's.
    expect(spokenIn(within(log).getByText(/Bot answered/))).toBe('the page’s');
    expect(spokenIn(within(log).getByText(/The visitor said the answer did not help/))).toBe('the page’s');

    const details = screen.getByRole('complementary', { name: 'Details' });
    expect(spokenIn(within(details).getByText('“Entä lasku?”'))).toBe('fi');
    expect(spokenIn(within(details).getByText('Kauanko toimitus kestää?', { selector: '.bot-answers span' }))).toBe('fi');
    expect(spokenIn(within(details).getByText('Visitor asked'))).toBe('the page’s');
    const queue = screen.getByRole('navigation', { name: 'Queue' });
    expect(spokenIn(within(queue).getByText('Missä tilaukseni on?'))).toBe('fi');
  });

  it("are marked with each answer's own language in the '/' list, and what the console says of it is the console's", async () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Message' }), { target: { value: '/return' } });
    const options = within(await screen.findByRole('listbox', { name: 'Answers to insert' })).getAllByRole('option');
    expect(options.map((o) => [o.textContent, o.getAttribute('lang')])).toEqual([
      ['Voinko palauttaa tuotteen? Finnish', 'fi'],
      ['Can I return an item? English', 'en'],
    ]);
    expect(spokenIn(within(options[0]!).getByText('Finnish'))).toBe('en');
  });
});
