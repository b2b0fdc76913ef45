import { fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CONSOLE_DEFAULTS } from '../config';
import { renderConsole, stopConsoles } from '../test-render';
import { json, ME, summary, textEvent } from '../test-support';

afterEach(stopConsoles);

describe('the console in Finnish', () => {
  it('speaks Finnish to an agent whose browser does, from the login on', async () => {
    renderConsole({ loggedIn: false, language: 'fi-FI', fetch: () => json(401, {}) });
    fireEvent.input(screen.getByLabelText('Käyttäjätunnus'), { target: { value: 'aino' } });
    fireEvent.input(screen.getByLabelText('Salasana'), { target: { value: 'väärä' } });
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaudu' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Väärä käyttäjätunnus tai salasana.');
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

  it("keeps the agent's choice over the browser's language", () => {
    renderConsole({ language: 'fi-FI', stored: [[CONSOLE_DEFAULTS.langKey, 'en']] });
    expect(screen.getByRole('button', { name: 'Suomeksi' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Log out' })).toBeTruthy();
  });
});
