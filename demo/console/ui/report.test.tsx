import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderConsole, stopConsoles } from '../test-render';
import { buildFaqBundle } from '../../../faq';
import { FAQ, json, ME, summary } from '../test-support';

afterEach(stopConsoles);

const MIN = 60_000;
const FIGURES = {
  handedOff: 30,
  reasons: { asked_for_person: 10, no_answer: 12, not_helpful: 8 },
  reached: 25,
  wait: { count: 25, median: 111_000, p90: 185_000 },
  firstResponse: { count: 25, median: 3 * MIN, p90: 4 * MIN + 31_000 },
  ratings: { count: 16, average: 3.94, satisfied: 0.5625, scores: [0, 1, 6, 2, 7] },
  agents: [{ name: 'Aino', conversations: 13, firstResponse: { count: 13, median: 197_000, p90: 271_000 }, ratings: { count: 13, average: 4.1, satisfied: 0.54 } }],
  selfService: { shown: 412, helped: 131, notHelpful: 8, entries: [{ faqId: 'delivery-fi', shown: 120, helped: 41 }] },
  emailed: { conversations: 6, failed: 1 },
};

describe('the Report', () => {
  it("shows the site's figures in the conversation's place, for the period the agent picks", async () => {
    const c = renderConsole({
      fetch: (url) => (url.includes('/api/report') ? json(200, FIGURES) : url.endsWith('/api/faq') ? json(200, { bundle: buildFaqBundle(FAQ) }) : json(404, {})),
    });
    c.connect();
    c.receive({ type: 'queue', conversations: [summary()] });
    fireEvent.click(screen.getByRole('button', { name: 'Report', pressed: false }));
    const report = await screen.findByRole('main', { name: 'How visitors were served' });
    await within(report).findByText('412');
    const figure = (name: string) => within(report).getByText(name).nextElementSibling?.textContent;
    expect(figure('“It helped”')).toBe('131 (32 %)');
    expect(figure('Handed to a person')).toBe('30 (asked for a person 10, no FAQ answer 12, an answer did not help 8)');
    expect(figure('Reached by an agent')).toBe('25 (83 %)');
    expect(figure('Wait for an agent')).toBe('median 1 min 51 s, 9 in 10 within 3 min 5 s');
    expect(figure('Ratings')).toBe('3.9 / 5 from 16 ratings, 56 % gave 4 or 5');
    expect(figure('Replies emailed to visitors who had left')).toBe('6 conversations; could not be sent in 1');
    expect(within(report).getByRole('row', { name: /Aino/ }).textContent).toContain('median 3 min 17 s');
    // An entry by its question, as the agent knows it.
    expect(within(report).getByRole('listitem').textContent).toBe('Kauanko toimitus kestää? 120 · helped 41');
    const asked = c.requests.filter((r) => r.url.includes('/api/report'));
    expect(asked.map((r) => new URL(r.url).searchParams.get('days'))).toEqual(['30']);
    expect(new Headers(asked[0]?.init?.headers).get('authorization')).toMatch(/^Bearer /);

    fireEvent.change(within(report).getByRole('combobox', { name: 'Period' }), { target: { value: '7' } });
    expect(c.requests.filter((r) => r.url.includes('/api/report')).map((r) => new URL(r.url).searchParams.get('days'))).toEqual(['30', '7']);
    // Opening a conversation puts it back in its place.
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    expect(screen.queryByRole('main', { name: 'How visitors were served' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Report', pressed: false })).toBeTruthy();
  });

  it("names the period's days as the site's calendar has them, in English and Finnish", async () => {
    // The last 7 days asked for at 10:00 on 30 Nov in Helsinki (08:00 UTC), whatever the agent's own zone.
    const since = Date.UTC(2026, 10, 23, 22);
    const week = { ...FIGURES, since, until: Date.UTC(2026, 10, 30, 8), firstDay: '2026-11-24', lastDay: '2026-11-30', timeZone: 'Europe/Helsinki' };
    // An earlier version kept the FAQ counts of the 23rd (UTC) as one day: they are counted from the 24th's UTC midnight.
    const figures = { ...week, selfService: { ...week.selfService, since: Date.UTC(2026, 10, 24) } };
    const c = renderConsole({ fetch: (url) => (url.includes('/api/report') ? json(200, figures) : json(404, {})) });
    c.connect();
    c.receive({ type: 'queue', conversations: [summary()] });
    fireEvent.click(screen.getByRole('button', { name: 'Report', pressed: false }));
    const report = await screen.findByRole('main', { name: 'How visitors were served' });
    expect((await within(report).findByText(/^24–30 Nov 2026/)).textContent).toBe('24–30 Nov 2026, days in Europe/Helsinki');
    expect(within(report).getByText(/^FAQ answers counted from/).textContent).toBe('FAQ answers counted from 24 Nov 2026, 02:00: before that they are kept per whole UTC day or hour.');
    fireEvent.click(screen.getByRole('button', { name: 'Suomeksi' }));
    expect(within(report).getByText(/^24\.–30\.11\.2026/).textContent).toBe('24.–30.11.2026, päivät aikavyöhykkeellä Europe/Helsinki');
    expect(within(report).getByText(/^UKK-vastaukset laskettu/).textContent).toBe(
      'UKK-vastaukset laskettu 24.11.2026 klo 2.00 alkaen: sitä aiemmat on tallennettu kokonaisina UTC-vuorokausina tai -tunteina.',
    );
  });

  it.each([
    [() => json(500, {}), 'The figures could not be loaded. The server failed to send them. Retry later; if it keeps failing, tell whoever runs the server.', 'Lukuja ei saatu ladattua. Palvelimella tapahtui virhe. Yritä myöhemmin uudelleen. Jos virhe toistuu, kerro siitä palvelimen ylläpitäjälle.'],
    [() => json(502, '<html>Bad gateway</html>'), 'The figures could not be loaded. The server failed to send them. Retry later; if it keeps failing, tell whoever runs the server.', 'Lukuja ei saatu ladattua. Palvelimella tapahtui virhe. Yritä myöhemmin uudelleen. Jos virhe toistuu, kerro siitä palvelimen ylläpitäjälle.'],
    [() => json(429, {}), 'The figures could not be loaded. Too many requests at once. Wait a moment and retry.', 'Lukuja ei saatu ladattua. Liian monta pyyntöä kerralla. Odota hetki ja yritä uudelleen.'],
    [() => Promise.reject(new TypeError('Failed to fetch')), 'The figures could not be loaded. They did not get through. Check the connection and retry.', 'Lukuja ei saatu ladattua. Ne eivät tulleet perille. Tarkista yhteys ja yritä uudelleen.'],
  ])('says why the figures could not be loaded, in English and Finnish, with Retry that keeps the keyboard in the Report (%#)', async (failure, english, finnish) => {
    let answers = 0;
    const c = renderConsole({ fetch: (url) => (url.includes('/api/report') && answers++ === 0 ? failure() : url.includes('/api/report') ? json(200, FIGURES) : json(404, {})) });
    c.connect();
    fireEvent.click(screen.getByRole('button', { name: 'Report' }));
    const report = await screen.findByRole('main', { name: 'How visitors were served' });
    await waitFor(() => expect(within(report).getByRole('status').textContent).toBe(english));
    fireEvent.click(screen.getByRole('button', { name: 'Suomeksi' }));
    await waitFor(() => expect(within(report).getByRole('status').textContent).toBe(finnish));
    fireEvent.click(screen.getByRole('button', { name: 'In English' }));
    const retry = await within(report).findByRole('button', { name: 'Retry' });
    retry.focus();
    fireEvent.click(retry);
    expect(retry.isConnected).toBe(false);
    expect(document.activeElement).toBe(within(report).getByRole('heading', { name: 'How visitors were served' }));
    await within(report).findByText('412');
    await waitFor(() => expect(within(report).getByRole('status').textContent).toBe(''));
    expect(c.requests.filter((r) => r.url.includes('/api/report')).map((r) => new URL(r.url).searchParams.get('days'))).toEqual(['30', '30']);
  });

  it('offers no Retry for a request the server refuses as it stands: the page is to be reloaded', async () => {
    renderConsole({ fetch: (url) => (url.includes('/api/report') ? json(400, { error: { code: 'bad_request', message: 'x' } }) : json(404, {})) });
    fireEvent.click(screen.getByRole('button', { name: 'Report' }));
    const report = await screen.findByRole('main', { name: 'How visitors were served' });
    await waitFor(() =>
      expect(within(report).getByRole('status').textContent).toBe(
        'The figures could not be loaded. The server did not accept the request: this page may be out of date. Reload the page and try again; if that does not help, tell whoever runs the server.',
      ),
    );
    expect(within(report).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('asks for a login when the session has expired, and loads the figures once the agent is back', async () => {
    const NEW_TOKEN = 'n'.repeat(32);
    const c = renderConsole({
      fetch: (url, init) => {
        if (url.endsWith('/api/login')) return json(200, { token: NEW_TOKEN, agent: ME });
        if (!url.includes('/api/report')) return json(404, {});
        const fresh = new Headers(init?.headers).get('authorization') === `Bearer ${NEW_TOKEN}`;
        return fresh ? json(200, FIGURES) : json(401, { error: { code: 'unauthorized', message: 'x' } });
      },
    });
    c.connect();
    fireEvent.click(screen.getByRole('button', { name: 'Report' }));
    fireEvent.change(await screen.findByRole('combobox', { name: 'Period' }), { target: { value: '7' } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Your session has expired. Please log in again.'));
    fireEvent.input(screen.getByLabelText('Login'), { target: { value: 'demo' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    const report = await screen.findByRole('main', { name: 'How visitors were served' });
    await within(report).findByText('412');
    const asked = c.requests.filter((r) => r.url.includes('/api/report'));
    expect(asked.map((r) => new URL(r.url).searchParams.get('days'))).toEqual(['30', '7', '7']);
    expect(new Headers(asked[2]?.init?.headers).get('authorization')).toBe(`Bearer ${NEW_TOKEN}`);
  });

  it('is not brought back for a colleague who logs in at the tab after the session expired', async () => {
    const c = renderConsole({
      fetch: (url) => (url.endsWith('/api/login') ? json(200, { token: 'e'.repeat(32), agent: { id: 'eero', name: 'Eero' } }) : url.includes('/api/report') ? json(401, {}) : json(404, {})),
    });
    c.connect();
    fireEvent.click(screen.getByRole('button', { name: 'Report' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Your session has expired. Please log in again.'));
    fireEvent.input(screen.getByLabelText('Login'), { target: { value: 'eero' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(c.sockets).toHaveLength(2));
    expect(screen.queryByRole('main', { name: 'How visitors were served' })).toBeNull();
    expect(c.requests.filter((r) => r.url.includes('/api/report'))).toHaveLength(1);
  });

  it('goes with a logout the agent chose, and does not come back at their next login', async () => {
    const c = renderConsole({
      fetch: (url) => (url.endsWith('/api/login') ? json(200, { token: 'n'.repeat(32), agent: ME }) : url.includes('/api/report') ? json(200, FIGURES) : json(404, {})),
    });
    c.connect();
    fireEvent.click(screen.getByRole('button', { name: 'Report' }));
    await within(await screen.findByRole('main', { name: 'How visitors were served' })).findByText('412');
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    fireEvent.input(await screen.findByLabelText('Login'), { target: { value: 'demo' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(c.sockets).toHaveLength(2));
    c.connect();
    expect(screen.queryByRole('main', { name: 'How visitors were served' })).toBeNull();
    expect(c.requests.filter((r) => r.url.includes('/api/report'))).toHaveLength(1);
  });

  it('puts the focus back on the Report toggle when the agent goes back to the conversations', async () => {
    const c = renderConsole({ fetch: (url) => (url.includes('/api/report') ? json(200, FIGURES) : json(404, {})) });
    c.connect();
    c.receive({ type: 'queue', conversations: [summary()] });
    fireEvent.click(screen.getByRole('button', { name: 'Report', pressed: false }));
    const back = within(await screen.findByRole('main', { name: 'How visitors were served' })).getByRole('button', { name: 'Back to conversations' });
    back.focus();
    fireEvent.click(back);
    expect(back.isConnected).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Report', pressed: false }));
  });
});
