// A draft longer than one message takes (a long paste, a long saved reply or FAQ answer): kept
// whole in the box, with how far it is over the limit said where the agent sees it and to a screen
// reader, in the console's language; not sent until it fits. Nothing of it is cut unseen.
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFaqBundle } from '../../../faq';
import { LIMITS } from '../../../protocol/limits';
import { renderConsole, stopConsoles } from '../test-render';
import { FAQ, json, ME, summary } from '../test-support';

afterEach(stopConsoles);

/** A pasted text of `length` characters that ends with words the agent would miss if cut. */
const pasted = (length: number) => `${'Ohjeet palautukseen. '.repeat(length).slice(0, length - 12)}Kiitos, Aino`;

/** A connected console on the agent's own conversation. */
function opened(language = 'en-US', fetch?: NonNullable<Parameters<typeof renderConsole>[0]>['fetch']) {
  const c = renderConsole({ language, fetch });
  c.connect();
  c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
  fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
  return c;
}

// By its label: a combobox while a '/' lookup is open.
const box = () => screen.getByLabelText(/^(Message|Note for colleagues|Muistiinpano kollegoille|Viesti)$/) as HTMLTextAreaElement;
/** The line seen beside the box. */
const shown = () => document.querySelector('.composer .composer-hint')?.textContent;
/** The polite live regions of the composer, as a screen reader hears them. */
const heard = () => [...document.querySelectorAll('.composer [aria-live="polite"]')].map((r) => r.textContent).join('|');
/** The box's description, as a screen reader reads it on the box. */
const described = () =>
  (box().getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('a draft longer than one message', () => {
  it('keeps a long paste whole, says by how much it is over, and sends nothing until it fits', async () => {
    const c = opened();
    const text = pasted(5072);
    // A browser cuts what is pasted at the box's maxLength, without a word.
    expect(box().maxLength === -1 || box().maxLength >= text.length).toBe(true);
    fireEvent.input(box(), { target: { value: text } });
    expect(box().value).toBe(text);
    const said = 'Too long to send: 1,072 characters over the limit of 4,000. Shorten it to send it.';
    expect(screen.getByText(said)).toBeTruthy();
    expect(described()).toContain(said);
    await waitFor(() => expect(heard()).toContain(said));

    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(c.last().sentOf('msg')).toEqual([]);
    expect(box().value).toBe(text);

    // Shortened to fit: the words go, and the whole of it is sent.
    const fits = text.slice(0, LIMITS.text);
    fireEvent.input(box(), { target: { value: fits } });
    expect(screen.queryByText(/Too long to send/)).toBeNull();
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(c.last().sentOf('msg')[0]?.text).toBe(fits);

    // Counted as the server counts (trimmed): spaces and blank lines around the text are not over the limit.
    fireEvent.input(box(), { target: { value: `  ${fits}\n\n` } });
    expect(shown()).toBeUndefined();
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('says so of a note too, and in Finnish, following a switch of language', async () => {
    opened('fi-FI');
    fireEvent.click(screen.getByRole('button', { name: 'Muistiinpano' }));
    fireEvent.input(box(), { target: { value: pasted(LIMITS.text + 1) } });
    // 4 000 with a no-break space, as Finnish writes it: the number is not split over two lines.
    expect(shown()).toBe('Liian pitkä lähetettäväksi: 1 merkki yli 4\u00a0000 merkin rajan. Lyhennä sitä, niin voit lähettää sen.');
    expect((screen.getByRole('button', { name: 'Lisää muistiinpano' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'In English' }));
    expect(shown()).toBe('Too long to send: 1 character over the limit of 4,000. Shorten it to send it.');
  });

  it('keeps a long FAQ answer inserted with / whole', async () => {
    const long = `${'Palautusohje. '.repeat(400)}Viimeinen rivi.`;
    const faq = [...FAQ, { id: 'long-fi', lang: 'fi' as const, question: 'Pitkä palautusohje', answer: long }];
    opened('en-US', (url) => (url.endsWith('/api/faq') ? json(200, { bundle: buildFaqBundle(faq) }) : json(200, { bundle: buildFaqBundle([]) })));
    fireEvent.input(box(), { target: { value: '/pitkä palautusohje' } });
    await screen.findByRole('option', { name: /Pitkä palautusohje/ });
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(box().value).toBe(long.trim());
    expect(screen.getByText(`Too long to send: ${(long.trim().length - LIMITS.text).toLocaleString('en-US')} characters over the limit of 4,000. Shorten it to send it.`)).toBeTruthy();
  });
});
