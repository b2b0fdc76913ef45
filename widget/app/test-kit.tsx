// Shared set-up for the app's tests: a launcher like the loader's, a fake socket, memory
// storage and a tiny FAQ, so tests drive the widget the way a visitor does.
import { act, fireEvent, within } from '@testing-library/preact';
import { vi } from 'vitest';
import { parseMarkdown } from '../../faq/markdown';
import type { FaqEntry, FaqSearchResult } from '../../faq/types';
import { drawLauncher } from '../loader/launcher';
import { addShadowStyles } from '../shadow-styles';
import type { SiteTexts } from '../contract';
import { FakeSocket } from './net/fake-socket';
import { memoryPersist, type SavedState } from './model/storage';
import { settled } from './model/session-test-kit';
import type { FaqKit } from './model/faq';
import { mount } from './main';

export const ENTRIES: FaqEntry[] = [
  {
    id: 'delivery',
    lang: 'fi',
    question: 'Milloin tilaukseni saapuu?',
    answer: 'Toimitus kestää **1–3** arkipäivää. [Seuraa pakettia](https://posti.fi/seuranta)',
  },
  { id: 'returns', lang: 'fi', question: 'Miten palautan tuotteen?', answer: 'Palautus on maksuton 30 päivän ajan.' },
];

function search(q: string): FaqSearchResult {
  const text = q.toLowerCase();
  if (text.startsWith('hei')) return { decision: 'none', intent: 'greeting', results: [] };
  if (text.includes('ihmi')) return { decision: 'none', intent: 'handoff', results: [] };
  if (text.includes('toimitus')) {
    return { decision: 'suggest', results: ENTRIES.map((entry, i) => ({ entry, score: 0.7 - i * 0.2 })) };
  }
  if (text.includes('palautus')) return { decision: 'answer', results: [{ entry: ENTRIES[1]!, score: 0.95 }] };
  return { decision: 'none', results: [] };
}

export const fakeFaq = (): Promise<FaqKit> => Promise.resolve({ search: { search }, parse: parseMarkdown });

export function setup(saved?: SavedState, lang: 'fi' | 'en' = 'fi', loadFaq: () => Promise<FaqKit> = fakeFaq, texts?: SiteTexts) {
  FakeSocket.all = [];
  localStorage.clear();
  sessionStorage.clear();
  const launcher = drawLauncher(document, lang);
  const persist = memoryPersist(saved);
  const save = vi.spyOn(persist, 'save');
  // The FAQ figures' beacons (model/bot-log.ts), caught rather than sent: the address and the body.
  const beacons = vi.fn((_url: string, _body: unknown) => undefined);
  // The file uploads (net/upload.ts): each test answers them as the server; unanswered, no network.
  const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
    if (String(url).endsWith('/api/faq-stats')) return beacons(String(url), init?.body), new Response(null, { status: 204 });
    throw new TypeError('Failed to fetch');
  });
  const api = mount(
    { root: launcher.root, launcher: launcher.button, server: 'http://chat.example', lang, addStyles: (css) => addShadowStyles(launcher.root, css), texts },
    { WebSocket: FakeSocket, persist, loadFaq },
  );
  const ui = within(launcher.root as unknown as HTMLElement);
  return {
    api,
    ui,
    persist,
    save,
    beacons,
    fetch,
    launcher: launcher.button,
    cleanup() {
      fetch.mockRestore();
      api.dispose();
      launcher.host.remove();
    },
  };
}

export type Kit = ReturnType<typeof setup>;

/**
 * A visitor who opened the panel and asked for a person, whose handoff the server took as k1
 * (seq 1): queued. The kit (the caller cleans it up) and the socket.
 */
export async function handOff(): Promise<{ kit: Kit; socket: FakeSocket }> {
  const kit = setup();
  act(() => kit.api.command('open'));
  fireEvent.click(await kit.ui.findByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
  const socket = FakeSocket.last();
  await act(() => welcome(socket));
  act(() => socket.receive({ type: 'ack', id: socket.frames()[1]!.id, conversationId: 'k1', seq: 1 }));
  return { kit, socket };
}

/**
 * Plays the server's welcome on the newest socket, and lets the write that keeps its token
 * settle: a new visitor's frames go only after it (session.ts).
 */
export async function welcome(socket: FakeSocket, conversation: unknown = null) {
  socket.open();
  socket.receive({ type: 'welcome', visitorId: 'v1', token: 't'.repeat(32), conversation, heartbeatMs: 0, staffed: true });
  await settled();
}


export const event = (seq: number, role: string, body: unknown, name?: string) => ({
  seq,
  id: `e${seq}`,
  at: 1_700_000_000_000 + seq,
  role,
  ...(name ? { name } : {}),
  body,
});
