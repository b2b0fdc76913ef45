import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderConsole, stopConsoles } from '../test-render';
import { ME, summary } from '../test-support';

afterEach(stopConsoles);

const EERO = { id: 'eero', name: 'Eero', available: true };
const LIISA = { id: 'liisa', name: 'Liisa', available: false };

function mineOpen() {
  const c = renderConsole();
  c.connect();
  c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
  fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
  return c;
}

describe('passing a conversation to a colleague', () => {
  it('offers the colleagues with a console open, paused ones marked, and sends the pass to the one picked', () => {
    const c = mineOpen();
    expect(screen.queryByRole('combobox', { name: 'Colleague to pass to' })).toBeNull();
    c.receive({ type: 'colleagues', agents: [{ ...ME, available: true }, EERO, LIISA] });
    const select = screen.getByRole('combobox', { name: 'Colleague to pass to' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Eero', 'Liisa (paused)']);
    fireEvent.change(select, { target: { value: 'liisa' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pass' }));
    fireEvent.click(screen.getByRole('button', { name: 'Pass' }));
    const sent = c.last().sentOf('pass');
    expect(sent).toEqual([{ type: 'pass', id: expect.stringMatching(/^pass-/), conversationId: 'k1', to: 'liisa' }]);

    // She closed her console meanwhile: the server says so, and the agent reads what to do.
    c.receive({ type: 'error', code: 'agent_offline', message: 'That agent has no console open.', id: String(sent[0]?.id) });
    expect(screen.getByRole('alert').textContent).toContain('That colleague has just gone offline.');
    c.receive({ type: 'colleagues', agents: [{ ...ME, available: true }, EERO] });
    expect((screen.getByRole('combobox', { name: 'Colleague to pass to' }) as HTMLSelectElement).value).toBe('eero');
  });

  it('shows the pass in the transcript, and no pass control once the conversation is the colleague’s', () => {
    const c = mineOpen();
    c.receive({ type: 'colleagues', agents: [{ ...ME, available: true }, EERO] });
    c.receive({ type: 'summary', conversation: summary({ status: 'active', agent: { id: 'eero', name: 'Eero' } }) });
    c.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 5, id: 'p', at: Date.now(), role: 'system', name: 'Eero', body: { kind: 'joined', agent: 'Eero', from: ME.name, passed: true } }] });
    expect(screen.getByText(`${ME.name} passed the conversation to Eero`, { exact: false })).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Colleague to pass to' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Take over from Eero' })).toBeTruthy();
  });
});
