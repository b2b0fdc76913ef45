// The '/' lookup when the saved replies or the FAQ answers could not be loaded: it says which and
// why, in a file download's words, not that nothing matches; and the next lookup asks again.
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANSWERS_RATE_LIMIT_PAUSE_MS } from '../config';
import { buildFaqBundle } from '../../../faq';
import { renderConsole, stopConsoles } from '../test-render';
import { FAQ, json, ME, REPLIES, summary } from '../test-support';

afterEach(() => {
  stopConsoles();
  vi.restoreAllMocks();
});

type Answer = () => Response | Promise<Response>;

/** A console, on the agent's own conversation, whose `/api/replies` answers are `replies` in turn (then the team's replies). */
function openedWith(replies: Answer[], faq: Answer = () => json(200, { bundle: buildFaqBundle(FAQ) })) {
  const c = renderConsole({
    fetch: (url) => (url.endsWith('/api/replies') ? (replies.shift() ?? (() => json(200, { bundle: buildFaqBundle(REPLIES) })))() : url.endsWith('/api/faq') ? faq() : json(404, {})),
  });
  c.connect();
  c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
  fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
  return c;
}

const box = () => screen.getByLabelText('Message') as HTMLTextAreaElement;
const lookUp = (text: string) => fireEvent.input(box(), { target: { value: text } });
const shown = () => document.querySelector('.faq-picker-empty')?.textContent;

describe("the '/' lookup, when what it finds in could not be loaded", () => {
  it.each([
    [() => json(503, '<html>Service unavailable</html>'), 'The saved replies could not be loaded. The server failed to send them. Retry later; if it keeps failing, tell whoever runs the server.', 'Valmiita vastauksia ei saatu ladattua. Palvelimella tapahtui virhe. Yritä myöhemmin uudelleen. Jos virhe toistuu, kerro siitä palvelimen ylläpitäjälle.'],
    [() => json(429, {}), 'The saved replies could not be loaded. Too many requests at once. Wait a moment and retry.', 'Valmiita vastauksia ei saatu ladattua. Liian monta pyyntöä kerralla. Odota hetki ja yritä uudelleen.'],
    [() => Promise.reject(new TypeError('Failed to fetch')), 'The saved replies could not be loaded. They did not get through. Check the connection and retry.', 'Valmiita vastauksia ei saatu ladattua. Ne eivät tulleet perille. Tarkista yhteys ja yritä uudelleen.'],
    [() => json(401, {}), 'The saved replies could not be loaded. Your session had expired. Once you have logged in again, retry.', 'Valmiita vastauksia ei saatu ladattua. Istuntosi oli vanhentunut. Kun olet taas kirjautunut sisään, yritä uudelleen.'],
  ])('says why, in English and Finnish, not that nothing matches (%#)', async (failure, english, finnish) => {
    // The lookup's own retry fails the same way.
    openedWith([failure, failure]);
    lookUp('/wombat');
    await waitFor(() => expect(shown()).toBe(`${english} Esc writes it as a message.`));
    fireEvent.click(screen.getByRole('button', { name: 'Suomeksi' }));
    await waitFor(() => expect(shown()).toBe(`${finnish} Esc kirjoittaa sen viestiksi.`));
  });

  it('asks again as the agent types, and finds the saved replies once they come', async () => {
    const c = openedWith([() => Promise.reject(new TypeError('Failed to fetch'))]);
    lookUp('/he');
    await waitFor(() => expect(shown()).toMatch(/^The saved replies could not be loaded\. They did not get through\./));
    lookUp('/hei');
    const picker = await screen.findByRole('listbox', { name: 'Answers to insert' });
    expect(picker.textContent).toContain('Tervehdys');
    expect(c.requests.filter((r) => r.url.endsWith('/api/replies'))).toHaveLength(2);
  });

  it('names the FAQ when only its answers are missing', async () => {
    openedWith([], () => json(500, {}));
    lookUp('/wombat');
    await waitFor(() => expect(shown()).toMatch(/^The FAQ answers could not be loaded\. The server failed to send them\./));
  });

  /** Types `/wombat` a key at a time, each key's requests answered before the next. */
  async function typeSlowly(): Promise<void> {
    for (const typed of ['/w', '/wo', '/wom', '/womb', '/womba', '/wombat']) {
      lookUp(typed);
      await new Promise((resolve) => setTimeout(resolve));
    }
  }
  const asked = (c: { requests: { url: string }[] }, path: string) => c.requests.filter((r) => r.url.endsWith(path)).length;

  it('asks again only for the file that failed, not the whole FAQ at every key', async () => {
    const failing = () => json(503, {});
    const c = openedWith([failing, failing, failing, failing, failing, failing, failing, failing]);
    lookUp('/');
    await waitFor(() => expect(shown()).toMatch(/^The saved replies could not be loaded\. The server failed/));
    await typeSlowly();
    expect(asked(c, '/api/faq')).toBe(1);
    expect(asked(c, '/api/replies')).toBeGreaterThan(1);
  });

  it('does not ask again with a token refused: the login asks, with the new one', async () => {
    const c = openedWith([() => json(401, {})]);
    lookUp('/');
    await waitFor(() => expect(shown()).toMatch(/^The saved replies could not be loaded\. Your session had expired\./));
    await typeSlowly();
    expect(shown()).toMatch(/^The saved replies could not be loaded\. Your session had expired\./);
    expect(asked(c, '/api/replies')).toBe(1);
    expect(asked(c, '/api/faq')).toBe(1);
  });

  it('asks a server that refused so many requests again only after a pause', async () => {
    const c = openedWith([() => json(429, {})]);
    lookUp('/');
    await waitFor(() => expect(shown()).toMatch(/^The saved replies could not be loaded\. Too many requests at once\./));
    await typeSlowly();
    expect(asked(c, '/api/replies')).toBe(1);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + ANSWERS_RATE_LIMIT_PAUSE_MS);
    lookUp('/hei');
    const picker = await screen.findByRole('listbox', { name: 'Answers to insert' });
    expect(picker.textContent).toContain('Tervehdys');
    expect(asked(c, '/api/replies')).toBe(2);
    expect(asked(c, '/api/faq')).toBe(1);
  });
});
