// Fakes for the console's tests: a socket the test drives by hand, an in-memory session
// storage, a fetch that answers the two endpoints the console calls.
import { act } from '@testing-library/preact';
import type { ConversationEvent, ConversationSummary } from '../../protocol/events';
import type { AgentServerMessage } from '../../protocol/agent';
import { buildFaqBundle } from '../../faq';
import type { FaqEntry } from '../../faq/types';
import { CONSOLE_DEFAULTS } from './config';
import type { ConsoleEnv, Notifier, NotifyPermission, SocketLike } from './env';
import { start } from './start';

export class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: Record<string, unknown>[] = [];
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(): void {
    this.readyState = 3;
  }

  // ── driven by the test ──
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  receive(message: AgentServerMessage): void {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }

  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }

  sentOf(type: string): Record<string, unknown>[] {
    return this.sent.filter((m) => m.type === type);
  }
}

export const PAGE_URL = 'http://localhost:8787/console/';
export const TOKEN = 't'.repeat(32);
export const ME = { id: 'demo', name: 'Aino (demo)' };

type FetchHandler = (url: string, init?: RequestInit) => Response | Promise<Response>;

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** An environment with a fake socket class; `loggedIn` puts a session in storage as a reload would find it. */
export function fakeEnv({
  loggedIn = true,
  fetch,
  stored = [],
  permission = 'default',
  language = 'en-US',
  settings = [],
  build,
}: { loggedIn?: boolean; fetch?: FetchHandler; stored?: Iterable<[string, string]>; permission?: NotifyPermission; language?: string; settings?: Iterable<[string, string]>; build?: string } = {}) {
  const sockets: FakeSocket[] = [];
  /** sessionStorage; `stored` is what a previous page of the same tab left there. */
  const store = new Map<string, string>(stored);
  if (loggedIn) store.set(CONSOLE_DEFAULTS.storageKey, JSON.stringify({ token: TOKEN, agent: ME }));
  const requests: { url: string; init?: RequestInit }[] = [];
  const onlineListeners = new Set<() => void>();
  /** The browser says the network is back. */
  const goOnline = () => onlineListeners.forEach((listener) => listener());
  const offlineListeners = new Set<() => void>();
  /** The browser says the network is gone. */
  const goOffline = () => offlineListeners.forEach((listener) => listener());
  let visible = true;
  const visibilityListeners = new Set<() => void>();
  /** The agent switches to another tab (false) or back (true). */
  const setVisible = (value: boolean) => {
    visible = value;
    visibilityListeners.forEach((listener) => listener());
  };
  /** Desktop notifications shown; `answer` is what the agent says when the browser asks. */
  const notifications: Parameters<Notifier['show']>[0][] = [];
  const notifier = { permission, answer: 'granted' as NotifyPermission };
  /** What the agent saved: a text (the transcript) or a file's bytes. */
  const downloads: { filename: string; text?: string; blob?: Blob }[] = [];
  /** Object URLs the page holds, by address, with the bytes each shows; `revoked`: those let go. */
  const objectUrls = new Map<string, Blob>();
  const revoked: string[] = [];
  /** localStorage; `settings` is what this browser kept from before. */
  const saved = new Map<string, string>(settings);
  /** When the chime rang (Date.now()), once per ring. */
  const chimes: number[] = [];
  /** How many times the page was reloaded. */
  const reloads = { count: 0 };
  const env: ConsoleEnv = {
    fetch: async (url, init) => {
      requests.push({ url, init });
      if (fetch) return fetch(url, init);
      if (url.endsWith('/api/faq')) return json(200, { bundle: buildFaqBundle(FAQ) });
      // Only for a logged-in console, as the server does.
      const token = new Headers(init?.headers).get('authorization');
      if (url.endsWith('/api/replies')) return token ? json(200, { bundle: buildFaqBundle(REPLIES) }) : json(401, {});
      return json(404, {});
    },
    WebSocket: class extends FakeSocket {
      constructor(url: string) {
        super(url);
        sockets.push(this);
      }
    },
    storage: {
      getItem: (k) => store.get(k) ?? null,
      setItem: (k, v) => void store.set(k, v),
      removeItem: (k) => void store.delete(k),
    },
    pageUrl: PAGE_URL,
    language,
    random: () => 0.5,
    onOnline: (callback) => {
      onlineListeners.add(callback);
      return () => onlineListeners.delete(callback);
    },
    onOffline: (callback) => {
      offlineListeners.add(callback);
      return () => offlineListeners.delete(callback);
    },
    isVisible: () => visible,
    onVisibilityChange: (callback) => {
      visibilityListeners.add(callback);
      return () => visibilityListeners.delete(callback);
    },
    notifier: {
      permission: () => notifier.permission,
      request: async () => (notifier.permission = notifier.answer),
      show: (notification) => void notifications.push(notification),
    },
    settings: {
      getItem: (k) => saved.get(k) ?? null,
      setItem: (k, v) => void saved.set(k, v),
    },
    chime: { play: () => void chimes.push(Date.now()) },
    download: (filename, content) => void downloads.push(typeof content === 'string' ? { filename, text: content } : { filename, blob: content }),
    objectUrl: (blob) => {
      const url = `blob:${new URL(PAGE_URL).origin}/${objectUrls.size + 1}`;
      objectUrls.set(url, blob);
      return url;
    },
    revokeObjectUrl: (url) => void revoked.push(url),
    // A test's console is no build unless it says it is one.
    build,
    reload: () => void reloads.count++,
  };
  const last = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  };
  return { env, sockets, store, requests, last, goOnline, onlineListeners, goOffline, offlineListeners, setVisible, visibilityListeners, notifications, notifier, downloads, objectUrls, revoked, saved, chimes, reloads };
}

/** The site's FAQ as `/api/faq` serves it (a real bundle, so the console's lookups search as the widget does). */
export const FAQ: FaqEntry[] = [
  { id: 'delivery-fi', lang: 'fi', question: 'Kauanko toimitus kestää?', answer: 'Toimitus kestää **2–4 arkipäivää**.' },
  { id: 'shipping-cost-fi', lang: 'fi', question: 'Paljonko toimitus maksaa?', answer: 'Toimitus maksaa 4,90 €, yli 80 euron tilauksiin ilmainen.' },
  { id: 'returns-fi', lang: 'fi', question: 'Voinko palauttaa tuotteen?', answer: 'Kyllä, **30 päivän** sisällä. Ohjeet: [palautus](https://kauppa.example/palautus).' },
  { id: 'returns-en', lang: 'en', question: 'Can I return an item?', answer: 'Yes, within **30 days**.' },
];

/** The team's saved replies as `/api/replies` serves them. */
export const REPLIES: FaqEntry[] = [
  { id: 'greeting-fi', lang: 'fi', question: 'Tervehdys', answer: 'Hei {name}, ja kiitos yhteydenotosta! Olen {agent}.', keywords: ['hei', 'aloitus'] },
  { id: 'order-number-fi', lang: 'fi', question: 'Tilausnumero', answer: 'Kertoisitko **tilausnumerosi**?', keywords: ['tilaus', 'numero'] },
  { id: 'greeting-en', lang: 'en', question: 'Greeting', answer: 'Hi, and thanks for getting in touch!', keywords: ['hello', 'hi'] },
];

export function summary(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: 'k1',
    status: 'queued',
    visitorId: 'v1',
    visitor: {},
    createdAt: Date.UTC(2026, 10, 23, 20, 0),
    updatedAt: Date.UTC(2026, 10, 23, 20, 0),
    lang: 'fi',
    page: { url: 'https://kauppa.example/tilaukset', title: 'Tilaukset' },
    reason: 'not_helpful',
    questions: ['Missä tilaukseni on?'],
    botAnswers: [{ faqId: 'delivery-fi', question: 'Kauanko toimitus kestää?', helpful: false }],
    lastSeq: 4,
    previousConversations: 0,
    ...overrides,
  };
}

/** The bot part of a handed-off conversation, as the server stores it. */
/**
 * A moment of the day of the events below (23 Nov 2026, after them), for tests that read their
 * times: on that day a transcript shows them as plain "20:12"; on a later one, with their date.
 */
export const EVENTS_DAY = Date.UTC(2026, 10, 23, 21, 30);

export function botPart(): ConversationEvent[] {
  const at = Date.UTC(2026, 10, 23, 20, 0);
  return [
    {
      seq: 1, id: 's1', at, role: 'visitor',
      body: { kind: 'bot.query', query: 'Missä tilaukseni on?', decision: 'answer', results: [{ id: 'delivery-fi', question: 'Kauanko toimitus kestää?', score: 0.82 }] },
    },
    { seq: 2, id: 's2', at, role: 'bot', body: { kind: 'bot.answer', faqId: 'delivery-fi', question: 'Kauanko toimitus kestää?' } },
    { seq: 3, id: 's3', at, role: 'visitor', body: { kind: 'bot.feedback', faqId: 'delivery-fi', helpful: false } },
    { seq: 4, id: 's4', at, role: 'system', body: { kind: 'handoff', reason: 'not_helpful', page: { url: 'https://kauppa.example/tilaukset', title: 'Tilaukset' }, lang: 'fi' } },
  ];
}

export function textEvent(seq: number, role: 'visitor' | 'agent', text: string, id = `e${seq}`): ConversationEvent {
  return { seq, id, at: Date.UTC(2026, 10, 23, 20, seq), role, ...(role === 'agent' ? { name: ME.name } : {}), body: { kind: 'text', text } };
}

let stopRunning: (() => void) | undefined;

/** Starts the console as the page does, on a fake browser, and lets the server welcome it. */
export function startWelcomed(options: Parameters<typeof fakeEnv>[0] = {}) {
  const fake = fakeEnv(options);
  const root = document.createElement('div');
  document.body.append(root);
  act(() => {
    stopRunning = start(root, fake.env);
  });
  act(() => {
    fake.last().open();
    fake.last().receive({ type: 'welcome', agent: ME, heartbeatMs: 30_000, emailsReplies: false });
  });
  return { fake, root };
}

/** Stops the console startWelcomed started: after each test, or before a test starts another. */
export function stopConsole(): void {
  stopRunning?.();
  stopRunning = undefined;
}
