// What the console needs from the browser, passed in rather than reached for, so tests can
// hand it a fake socket, a fake fetch and an in-memory storage.
import { webAudioChime, type Chime } from './chime';
import { forgivingStorage } from './forgiving-storage';

/** The part of the browser's WebSocket the console uses. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = new (url: string) => SocketLike;

export type NotifyPermission = NotificationPermission | 'unsupported';

/** Desktop notifications (the browser's Notification API). */
export interface Notifier {
  permission(): NotifyPermission;
  /** Asks the agent, once: the browser remembers the answer. */
  request(): Promise<NotifyPermission>;
  /** `tag`: a newer notification of the same conversation replaces the older one. */
  show(notification: { title: string; body: string; tag: string; onClick: () => void }): void;
}

export interface ConsoleEnv {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  WebSocket: SocketFactory;
  /** sessionStorage in the browser: a reload stays logged in, a closed tab logs out. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** The page's address; the API and the socket are beside it on its server (`serverUrl`). */
  pageUrl: string;
  /** The browser's language (navigator.language): a Finnish one gets the console in Finnish. */
  language: string;
  random: () => number;
  /** Calls back when the browser regains a network; returns the unsubscribe. */
  onOnline: (callback: () => void) => () => void;
  /** Calls back when the browser loses its network; returns the unsubscribe. */
  onOffline: (callback: () => void) => () => void;
  /** Whether the agent can see the page: not a background tab, not a minimised window. */
  isVisible: () => boolean;
  /** Calls back when the page is shown or hidden; returns the unsubscribe. */
  onVisibilityChange: (callback: () => void) => () => void;
  notifier: Notifier;
  /** localStorage in the browser: the agent's choices for this browser, kept across tabs and logins (sound on or off). */
  settings: Pick<Storage, 'getItem' | 'setItem'>;
  /** The sound for news (chime.ts). */
  chime: Chime;
  /** Saves text, or a file's bytes, as a file on the agent's computer (the browser's download). */
  download: (filename: string, content: string | Blob) => void;
  /** An address the page can show bytes from (`URL.createObjectURL`); valid until revoked. */
  objectUrl: (blob: Blob) => string;
  revokeObjectUrl: (url: string) => void;
  /** The console build this page runs: its hashed entry script's file name, as the server reads it from the page it serves (server/console-build.ts); undefined without a build. */
  build: string | undefined;
  /** Loads the page again (`location.reload()`): the newer console after an upgrade. */
  reload: () => void;
}

export function browserEnv(): ConsoleEnv {
  return {
    fetch: (input, init) => window.fetch(input, init),
    WebSocket: window.WebSocket,
    storage: forgivingStorage(() => window.sessionStorage),
    pageUrl: window.location.href,
    language: navigator.language,
    random: Math.random,
    onOnline: (callback) => {
      window.addEventListener('online', callback);
      return () => window.removeEventListener('online', callback);
    },
    onOffline: (callback) => {
      window.addEventListener('offline', callback);
      return () => window.removeEventListener('offline', callback);
    },
    isVisible: () => document.visibilityState === 'visible',
    onVisibilityChange: (callback) => {
      document.addEventListener('visibilitychange', callback);
      return () => document.removeEventListener('visibilitychange', callback);
    },
    notifier: browserNotifier(),
    settings: forgivingStorage(() => window.localStorage),
    chime: webAudioChime(),
    download(filename, content) {
      const blob = typeof content === 'string' ? new Blob([content], { type: 'text/plain;charset=utf-8' }) : content;
      const url = URL.createObjectURL(blob);
      const link = Object.assign(document.createElement('a'), { href: url, download: filename });
      link.click();
      // After the click has started the download; revoking at once can cancel it in some browsers.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    objectUrl: (blob) => URL.createObjectURL(blob),
    revokeObjectUrl: (url) => URL.revokeObjectURL(url),
    build: pageBuild(),
    reload: () => window.location.reload(),
  };
}

function pageBuild(): string | undefined {
  return buildOfScript(document.querySelector('script[type="module"][src*="/assets/"]')?.getAttribute('src'));
}

/** The built page's entry script (`./assets/index-CT0G9nFw.js`) by its file name; Vite's dev server loads ./main.tsx, no build. */
export function buildOfScript(src: string | null | undefined): string | undefined {
  return src?.match(/\/assets\/([^/?#]+\.js)$/)?.[1];
}

function browserNotifier(): Notifier {
  // Absent in some browsers and in insecure contexts (plain http other than localhost).
  const api = typeof Notification === 'undefined' ? undefined : Notification;
  return {
    permission: () => api?.permission ?? 'unsupported',
    request: async () => (api ? api.requestPermission() : 'unsupported'),
    show({ title, body, tag, onClick }) {
      if (api?.permission !== 'granted') return;
      const notification = new api(title, { body, tag });
      notification.onclick = () => {
        window.focus();
        onClick();
        notification.close();
      };
    },
  };
}

/**
 * The address of one of the server's paths (`/api/login`) from the console's page, which the server
 * serves at `<server>/console/`: resolved against the page's parent, not its origin, so a proxy that
 * serves the server under a path of the site's domain (`https://shop.example/chat/`) keeps its path.
 */
export function serverUrl(pageUrl: string, path: string): string {
  return new URL(path.replace(/^\//, ''), new URL('../', pageUrl)).href;
}

/** `ws:`/`wss:` address of one of the server's paths, as `serverUrl`. */
export function socketUrl(pageUrl: string, path: string): string {
  const url = new URL(serverUrl(pageUrl, path));
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
