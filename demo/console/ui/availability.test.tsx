import { act, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderConsole, stopConsoles } from '../test-render';

afterEach(stopConsoles);

const pauseSwitch = () => screen.getByRole('button', { name: 'Pause new chats' });

describe('pausing new chats', () => {
  it('tells the server, shows what it means, and keeps the pause over a reconnect and a reload until switched back', () => {
    const c = renderConsole();
    c.connect();
    expect(pauseSwitch().getAttribute('aria-pressed')).toBe('false');
    expect(c.last().sentOf('available')).toEqual([]);

    fireEvent.click(pauseSwitch());
    expect(c.last().sentOf('available')).toEqual([{ type: 'available', on: false }]);
    expect(pauseSwitch().getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('Paused: visitors are told nobody is online')).toBeTruthy();

    // The server starts every console as available: after a reconnect the console says it again.
    act(() => c.last().drop());
    act(() => c.model.retryNow());
    c.connect();
    expect(c.last().sentOf('available')).toEqual([{ type: 'available', on: false }]);

    const stored = [...c.store];
    stopConsoles();
    const again = renderConsole({ stored });
    again.connect();
    expect(again.last().sentOf('available')).toEqual([{ type: 'available', on: false }]);
    fireEvent.click(pauseSwitch());
    expect(again.last().sentOf('available')).toEqual([{ type: 'available', on: false }, { type: 'available', on: true }]);
    expect(screen.queryByText(/Paused:/)).toBeNull();
  });
});
