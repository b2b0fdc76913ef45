// Shared by the widget's main*.test.tsx files (one idea each): the widget under test, cleaned up
// after each test, and the steps most tests begin with. Not a test itself; nothing runs on import.
import { act, fireEvent } from '@testing-library/preact';
import { FakeSocket } from './net/fake-socket';
import { setup, welcome } from './test-kit';

/** The widget under test: the one `start` mounted last. Each test file cleans it up after each test. */
export let kit: ReturnType<typeof setup>;

/** Mounts the widget (test-kit.tsx's `setup`) as the one under test. */
export const start = (...args: Parameters<typeof setup>) => (kit = setup(...args));

export async function openPanel() {
  kit = setup();
  act(() => kit.api.command('open'));
  return kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
}

/** A visitor who asked for a person and whose handoff the server took, in Finnish or English. */
export async function handedOff(lang: 'fi' | 'en' = 'fi') {
  kit = setup(undefined, lang);
  act(() => kit.api.command('open'));
  fireEvent.click(await kit.ui.findByRole('button', { name: lang === 'fi' ? 'Puhu asiakaspalvelijan kanssa' : 'Talk to a person' }));
  const socket = FakeSocket.last();
  await act(() => welcome(socket));
  const handoff = socket.frames()[1]!;
  act(() => socket.receive({ type: 'ack', id: handoff.id, conversationId: 'k1', seq: 1 }));
  return { socket, handoff };
}

export async function type(input: HTMLElement, text: string) {
  (input as HTMLInputElement).value = text;
  fireEvent.input(input);
}
