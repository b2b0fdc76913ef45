import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLoader, type KohtaamoFn } from './start';
import type { AppModule, MountOptions } from '../contract';
import { LOAD_TIMEOUT_MS } from '../deadline';

type Win = Window & { Kohtaamo?: KohtaamoFn };

function fakeApp() {
  const calls: [string, unknown[]][] = [];
  const mounted: MountOptions[] = [];
  const mod: AppModule = {
    mount(options) {
      mounted.push(options);
      return { command: (cmd, ...args) => void calls.push([cmd, args]), dispose: () => undefined };
    },
  };
  return { mod, calls, mounted };
}

function script(attrs: Record<string, string>): HTMLScriptElement {
  const el = document.createElement('script');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

const flush = () => new Promise((r) => setTimeout(r, 0));
let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
  // A test that failed before the loader took over leaves the site's snippet behind.
  delete (window as Win).Kohtaamo;
  document.documentElement.lang = '';
});

function start(attrs: Record<string, string> = { src: 'https://chat.example.fi/widget.js' }) {
  const app = fakeApp();
  const importApp = vi.fn(async () => app.mod);
  const handle = startLoader({ win: window as Win, script: script(attrs), importApp });
  dispose = handle.dispose;
  const host = drawnHost()!;
  const button = host.shadowRoot!.querySelector('button')!;
  return { app, importApp, button, host };
}

/** A loader whose app fetch fails (offline, a blip) until `fail` is turned off; then the app comes. */
function startFailing() {
  const app = fakeApp();
  const link = { fail: true };
  const importApp = vi.fn(async () => (link.fail ? Promise.reject(new Error('offline')) : app.mod));
  dispose = startLoader({ win: window as Win, script: script({ src: 'https://chat.example.fi/widget.js' }), importApp }).dispose;
  return { app, importApp, link };
}

/** The launcher's host: the `#kohtaamo` with a shadow root, whatever else of the page has that id. */
const drawnHost = () => [...document.querySelectorAll<HTMLElement>('#kohtaamo')].find((el) => el.shadowRoot);

describe('loader', () => {
  it('draws a launcher in an open shadow root, named in the page language', () => {
    document.documentElement.lang = 'en-GB';
    const { button, host } = start();
    expect(host.shadowRoot?.mode).toBe('open');
    expect(button.getAttribute('aria-label')).toBe('Open chat');
  });

  it('speaks Finnish unless told otherwise, and data-lang wins over the page', () => {
    expect(start().button.getAttribute('aria-label')).toBe('Avaa chat');
    dispose?.();
    document.documentElement.lang = 'fi';
    expect(start({ src: 'https://x.fi/widget.js', 'data-lang': 'en' }).button.getAttribute('aria-label')).toBe('Open chat');
  });

  it('does not fetch the app until the visitor shows intent', async () => {
    const { importApp, button } = start();
    await flush();
    expect(importApp).not.toHaveBeenCalled();
    button.dispatchEvent(new Event('pointerenter'));
    await flush();
    expect(importApp).toHaveBeenCalledWith('https://chat.example.fi/widget/app.js');
    button.dispatchEvent(new Event('focus'));
    expect(importApp).toHaveBeenCalledTimes(1);
  });

  it('brings a chat with a person along to the next page without waiting for intent, and survives blocked storage', async () => {
    localStorage.setItem('kohtaamo.live', '1');
    try {
      const { importApp, app } = start();
      (window as Win).Kohtaamo!('identify', { name: 'Matti' });
      await flush();
      expect(importApp).toHaveBeenCalledTimes(1);
      expect(app.calls).toEqual([['identify', [{ name: 'Matti' }]]]);
    } finally {
      localStorage.removeItem('kohtaamo.live');
    }
    dispose?.();
    const blocked = vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    try {
      const { importApp } = start();
      await flush();
      expect(importApp).not.toHaveBeenCalled();
    } finally {
      blocked.mockRestore();
    }
  });

  it("brings the chat to a page already open when another tab's handoff makes it live, so the reply reaches it", async () => {
    const { importApp, app } = start();
    const storageEvent = (newValue: string | null) => window.dispatchEvent(new StorageEvent('storage', { key: 'kohtaamo.live', newValue }));
    try {
      // Another key of the site's, or the flag going, brings nothing.
      localStorage.setItem('site.cart', '3');
      window.dispatchEvent(new StorageEvent('storage', { key: 'site.cart', newValue: '3' }));
      storageEvent(null);
      await flush();
      expect(importApp).not.toHaveBeenCalled();
      localStorage.setItem('kohtaamo.live', '1');
      storageEvent('1');
      storageEvent('1');
      await flush();
      expect(importApp).toHaveBeenCalledTimes(1);
      expect(app.mounted[0]?.intent).toBe(false);
    } finally {
      localStorage.removeItem('kohtaamo.live');
      localStorage.removeItem('site.cart');
    }
  });

  it("does not hand the app a page's identify when another tab's chat brought it: it said who was here as the page loaded", async () => {
    const { app } = start();
    const kohtaamo = (window as Win).Kohtaamo!;
    kohtaamo('lang', 'en');
    kohtaamo('identify', null);
    localStorage.setItem('kohtaamo.live', '1');
    try {
      window.dispatchEvent(new StorageEvent('storage', { key: 'kohtaamo.live', newValue: '1' }));
      await flush();
      expect(app.calls).toEqual([['lang', ['en']]]);
      // Said once the app is there, it is the page's word now.
      kohtaamo('identify', { name: 'Matti' });
      expect(app.calls.at(-1)).toEqual(['identify', [{ name: 'Matti' }]]);
    } finally {
      localStorage.removeItem('kohtaamo.live');
    }
  });

  it('hands the app what the site says once the flag brought it, while it comes or after a fetch that failed', async () => {
    const { app, link } = startFailing();
    const kohtaamo = (window as Win).Kohtaamo!;
    kohtaamo('identify', { name: 'Matti' });
    localStorage.setItem('kohtaamo.live', '1');
    try {
      window.dispatchEvent(new StorageEvent('storage', { key: 'kohtaamo.live', newValue: '1' }));
      // The site logs Matti out by script while the app comes, and it does not.
      kohtaamo('identify', null);
      await flush();
      link.fail = false;
      kohtaamo('open');
      await flush();
      expect(app.calls).toEqual([
        ['identify', [null]],
        ['open', []],
      ]);
    } finally {
      localStorage.removeItem('kohtaamo.live');
    }
  });

  it("keeps what a page opened after the flag said, when its fetch failed and the site's own storage changes", async () => {
    localStorage.setItem('kohtaamo.live', '1');
    try {
      const { app, importApp, link } = startFailing();
      (window as Win).Kohtaamo!('identify', null);
      await flush();
      link.fail = false;
      // Another tab writes the site's cart: not the flag's raising, so nothing is taken for stale.
      window.dispatchEvent(new StorageEvent('storage', { key: 'site.cart', newValue: '3' }));
      await flush();
      expect(importApp).toHaveBeenCalledTimes(1);
      drawnHost()!.shadowRoot!.querySelector('button')!.click();
      await flush();
      expect(app.calls).toEqual([
        ['identify', [null]],
        ['open', []],
      ]);
    } finally {
      localStorage.removeItem('kohtaamo.live');
    }
  });

  it("hands it over where the page's own start fetched the app, though the flag went up meanwhile", async () => {
    localStorage.setItem('kohtaamo.live', '1');
    try {
      const { app } = start();
      (window as Win).Kohtaamo!('identify', { name: 'Matti' });
      window.dispatchEvent(new StorageEvent('storage', { key: 'kohtaamo.live', newValue: '1' }));
      await flush();
      expect(app.calls).toEqual([['identify', [{ name: 'Matti' }]]]);
    } finally {
      localStorage.removeItem('kohtaamo.live');
    }
  });

  it('gives up on an app that never comes, and the next click fetches it afresh and opens the panel', async () => {
    vi.useFakeTimers();
    try {
      const { importApp, app, button } = start();
      // The first request stalls (a link that dropped it without an error); the browser would join
      // another import of the same address to it, so the retry asks for another.
      importApp.mockImplementationOnce(() => new Promise<AppModule>(() => undefined));
      button.click();
      await vi.advanceTimersByTimeAsync(LOAD_TIMEOUT_MS - 1);
      button.click();
      expect(importApp).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      button.click();
      await vi.advanceTimersByTimeAsync(0);
      expect(importApp.mock.calls).toEqual([['https://chat.example.fi/widget/app.js'], ['https://chat.example.fi/widget/app.js?']]);
      expect(app.mounted).toHaveLength(1);
      expect(app.calls.map(([cmd]) => cmd)).toEqual(['open', 'open', 'open']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes the server from where widget.js came from, a path of a proxy too', async () => {
    const { importApp, app } = start({ src: 'https://shop.example/chat/widget.js?v=2' });
    (window as Win).Kohtaamo!('open');
    await flush();
    expect(importApp).toHaveBeenCalledWith('https://shop.example/chat/widget/app.js');
    expect(app.mounted[0]?.server).toBe('https://shop.example/chat');
  });

  it('takes the server from data-server', async () => {
    const { importApp, app } = start({ src: 'https://cdn.example/widget.js', 'data-server': 'https://chat.example.fi/' });
    (window as Win).Kohtaamo!('open');
    await flush();
    expect(importApp).toHaveBeenCalledWith('https://chat.example.fi/widget/app.js');
    expect(app.mounted[0]?.server).toBe('https://chat.example.fi');
  });

  it("hands the app the site's own title and greeting from data-title and data-greeting", async () => {
    const { app } = start({ src: 'https://chat.example.fi/widget.js', 'data-title': 'Kotipesän asiakaspalvelu', 'data-greeting': 'Hei! Kysy meiltä.' });
    (window as Win).Kohtaamo!('open');
    await flush();
    expect(app.mounted[0]?.texts).toEqual({ title: 'Kotipesän asiakaspalvelu', greeting: 'Hei! Kysy meiltä.' });
  });

  it('replays calls queued by the inline snippet and made before the app loaded, in order', async () => {
    const w = window as Win;
    const snippet: KohtaamoFn = function (...args: unknown[]) {
      (snippet.q = snippet.q || []).push(args);
    };
    w.Kohtaamo = snippet;
    w.Kohtaamo('lang', 'en');
    const { app, importApp } = start();
    w.Kohtaamo!('open');
    await flush();
    expect(importApp).toHaveBeenCalledTimes(1);
    expect(app.calls).toEqual([
      ['lang', ['en']],
      ['open', []],
    ]);
    w.Kohtaamo!('close');
    expect(app.calls.at(-1)).toEqual(['close', []]);
  });

  it('turns a click before the app is loaded into an open', async () => {
    const { app, button } = start();
    button.click();
    await flush();
    expect(app.calls).toEqual([['open', []]]);
  });

  it('opens the panel after a click whose app fetch failed and a second that worked, rather than cancelling out', async () => {
    const app = fakeApp();
    const importApp = vi.fn<(url: string) => Promise<AppModule>>().mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValue(app.mod);
    dispose = startLoader({ win: window as Win, script: script({ src: 'https://chat.example.fi/widget.js' }), importApp }).dispose;
    const button = document.getElementById('kohtaamo')!.shadowRoot!.querySelector('button')!;
    button.click();
    await flush();
    button.click();
    await flush();
    expect(importApp).toHaveBeenCalledTimes(2);
    expect(app.calls.map(([cmd]) => cmd).filter((cmd) => cmd !== 'open')).toEqual([]);
  });

  it("names the launcher in the language the site sets with Kohtaamo('lang'), before the app has come", () => {
    const w = window as Win;
    document.documentElement.lang = 'fi';
    // The site's inline snippet, called before widget.js has run.
    const q: unknown[][] = [];
    w.Kohtaamo = Object.assign((...args: unknown[]) => void q.push(args), { q });
    w.Kohtaamo('lang', 'en');
    const { button, host } = start();
    expect(button.getAttribute('aria-label')).toBe('Open chat');
    // Marked as English, on a Finnish page, for a screen reader to read it so.
    expect(host.lang).toBe('en');
    w.Kohtaamo!('lang', 'fi');
    expect(button.getAttribute('aria-label')).toBe('Avaa chat');
    expect(host.lang).toBe('fi');
    w.Kohtaamo!('lang', '__proto__');
    expect(button.getAttribute('aria-label')).toBe('Avaa chat');
    expect(host.lang).toBe('fi');
  });

  it("marks the launcher as in its own language, not the page's: Finnish on a Swedish page", () => {
    document.documentElement.lang = 'sv';
    const { button, host } = start();
    expect(button.getAttribute('aria-label')).toBe('Avaa chat');
    expect(host.lang).toBe('fi');
  });

  it('touches no cookie, localStorage or IndexedDB', async () => {
    const cookie = vi.spyOn(document, 'cookie', 'get');
    const cookieSet = vi.spyOn(document, 'cookie', 'set');
    const getItem = vi.spyOn(Storage.prototype, 'getItem');
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const idb = vi.fn();
    const saved = Object.getOwnPropertyDescriptor(window, 'indexedDB');
    Object.defineProperty(window, 'indexedDB', { configurable: true, get: idb });
    try {
      const { button } = start();
      button.dispatchEvent(new Event('pointerenter'));
      button.click();
      await flush();
      expect([cookie, cookieSet, getItem, setItem, idb].map((s) => s.mock.calls.length)).toEqual([0, 0, 0, 0, 0]);
    } finally {
      if (saved) Object.defineProperty(window, 'indexedDB', saved);
      vi.restoreAllMocks();
    }
  });

  describe("the site's word of who is here, before the app has come", () => {
    /** This browser as the app left it: its IndexedDB database (storage.ts) exists, and maybe the flag of a named customer's chat. */
    const kept = async (named: boolean, run: () => Promise<void>) => {
      const saved = Object.getOwnPropertyDescriptor(window, 'indexedDB');
      const databases = vi.fn(async () => [{ name: 'kohtaamo', version: 1 }]);
      Object.defineProperty(window, 'indexedDB', { configurable: true, value: { databases } });
      if (named) localStorage.setItem('kohtaamo.who', '1');
      try {
        await run();
        // Whether there is a database is not asked: it is there for anyone who typed a word in the FAQ.
        expect(databases).not.toHaveBeenCalled();
      } finally {
        localStorage.removeItem('kohtaamo.who');
        if (saved) Object.defineProperty(window, 'indexedDB', saved);
        else delete (window as { indexedDB?: unknown }).indexedDB;
      }
    };

    // A logout page where the app never came (the chat closed, so nothing brought it along):
    // what the app kept of the last customer would wait for the next person at this browser.
    it.each([null, { email: 'pekka@example.fi' }])("brings the app to weigh identify(%j) when it keeps a named customer's chat", async (who) =>
      kept(true, async () => {
        const { importApp, app } = start();
        (window as Win).Kohtaamo!('identify', who);
        await flush();
        await flush();
        expect(importApp).toHaveBeenCalledTimes(1);
        expect(app.calls).toEqual([['identify', [who]]]);
      }),
    );

    // The site says null on every page nobody is logged in on, a name on every other: for a
    // visitor nobody named, neither changes what the app kept, and fetching the app and the FAQ
    // on each page would cost them for nothing.
    it.each([null, { email: 'matti@example.fi' }])('fetches nothing for identify(%j) when what the app keeps is nobody named', async (who) =>
      kept(false, async () => {
        const { importApp } = start();
        (window as Win).Kohtaamo!('identify', who);
        await flush();
        await flush();
        expect(importApp).not.toHaveBeenCalled();
      }),
    );

    it('fetches nothing for it where storage is blocked', async () => {
      const blocked = vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      });
      try {
        const { importApp } = start();
        (window as Win).Kohtaamo!('identify', null);
        await flush();
        expect(importApp).not.toHaveBeenCalled();
      } finally {
        blocked.mockRestore();
      }
    });
  });

  it('draws one launcher when the script runs twice', () => {
    start();
    const again = startLoader({ win: window as Win, script: script({ src: 'https://x.fi/widget.js' }), importApp: vi.fn() });
    expect(document.querySelectorAll('#kohtaamo')).toHaveLength(1);
    again.dispose();
  });

  it('keeps the launcher, and one app, when the page replaces its body', async () => {
    localStorage.setItem('kohtaamo.live', '1');
    try {
      const { host, importApp, app } = start();
      document.body.innerHTML = '<main>Seuraava sivu</main>';
      // Turbo's visit: a new <body> swapped in, its scripts (the tag among them) run again.
      document.documentElement.replaceChild(document.createElement('body'), document.body);
      const again = startLoader({ win: window as Win, script: script({ src: 'https://chat.example.fi/widget.js' }), importApp });
      (window as Win).Kohtaamo!('open');
      await flush();
      again.dispose();
      expect(host.isConnected).toBe(true);
      expect(document.querySelectorAll('#kohtaamo')).toHaveLength(1);
      expect(importApp).toHaveBeenCalledTimes(1);
      expect(app.mounted.map((m) => m.root.host.isConnected)).toEqual([true]);
      expect(app.calls).toEqual([['open', []]]);
    } finally {
      localStorage.removeItem('kohtaamo.live');
    }
  });

  it("draws its launcher and takes the site's calls on a page with its own id=\"kohtaamo\" element", async () => {
    // "Kohtaamo" is a Finnish word (a meeting place): a site may well name an element so.
    const own = document.createElement('section');
    own.id = 'kohtaamo';
    document.body.append(own);
    const w = window as Win;
    try {
      // The site's inline snippet has queued an open before widget.js came.
      w.Kohtaamo = Object.assign((...args: unknown[]) => void w.Kohtaamo!.q!.push(args), { q: [['open']] });
      const app = fakeApp();
      dispose = startLoader({ win: w, script: script({ src: 'https://chat.example.fi/widget.js' }), importApp: async () => app.mod }).dispose;
      await flush();
      expect(drawnHost()?.isConnected).toBe(true);
      expect(app.calls).toEqual([['open', []]]);
      w.Kohtaamo('close');
      expect(app.calls.at(-1)).toEqual(['close', []]);
    } finally {
      own.remove();
    }
  });

  it("tells the site owner in the browser's console what could not be fetched, and where to look", async () => {
    // A server that is not there, data-server without its scheme, or a type="module" tag (no
    // currentScript: the page's own origin is asked): the launcher alone would do nothing, unsaid.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const importApp = vi.fn().mockRejectedValue(new TypeError('Failed to fetch dynamically imported module'));
      dispose = startLoader({ win: window as Win, script: script({ src: 'https://shop.example/widget.js', 'data-server': 'chat.example.fi' }), importApp }).dispose;
      (window as Win).Kohtaamo!('open');
      await flush();
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Kohtaamo: chat\.example\.fi\/widget\/app\.js did not load: .*data-server.*type="module"/), expect.any(TypeError));
      // Once a page: hover, focus and click each try again, and a site collecting its console would count each.
      const button = drawnHost()!.shadowRoot!.querySelector('button')!;
      for (const intent of ['pointerenter', 'focus', 'click']) button.dispatchEvent(new Event(intent)), await flush();
      expect(importApp).toHaveBeenCalledTimes(4);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });

  it('says nothing of the setup when the visitor is offline: no false alarm in a site that collects its console', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const offline = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      const { importApp } = startFailing();
      (window as Win).Kohtaamo!('open');
      await flush();
      expect(importApp).toHaveBeenCalledTimes(1);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      offline.mockRestore();
      warn.mockRestore();
    }
  });

  it('retries the fetch on the next intent when it failed', async () => {
    const app = fakeApp();
    const importApp = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(app.mod);
    dispose = startLoader({ win: window as Win, script: script({ src: 'https://x.fi/widget.js' }), importApp }).dispose;
    (window as Win).Kohtaamo!('open');
    await flush();
    (window as Win).Kohtaamo!('open');
    await flush();
    expect(importApp).toHaveBeenCalledTimes(2);
    expect(app.calls.map(([c]) => c)).toEqual(['open', 'open']);
  });
});

// The app fetches the FAQ at once only for a visitor who asked for the chat (contract.ts): a page
// that brings it along for a chat going on, or for the site's identify, must say it did not.
describe('telling the app why it came', () => {
  const mountedWith = async (go: (button: HTMLButtonElement) => void, flags: Record<string, string> = {}) => {
    for (const [key, value] of Object.entries(flags)) localStorage.setItem(key, value);
    try {
      const { app, button } = start();
      go(button);
      await flush();
      return app.mounted.map((m) => m.intent);
    } finally {
      localStorage.clear();
    }
  };

  it.each([
    ['hovered', (b: HTMLButtonElement) => b.dispatchEvent(new Event('pointerenter'))],
    ['focused', (b: HTMLButtonElement) => b.dispatchEvent(new Event('focus'))],
    ['clicked', (b: HTMLButtonElement) => b.click()],
    ["opened with Kohtaamo('open')", () => (window as Win).Kohtaamo!('open')],
    ["toggled with Kohtaamo('toggle')", () => (window as Win).Kohtaamo!('toggle')],
  ])('says the visitor asked when the launcher was %s', async (_, go) => {
    expect(await mountedWith(go)).toEqual([true]);
  });

  it("says nobody asked when a chat going on or the site's identify brought it, until the visitor does before it came", async () => {
    expect(await mountedWith(() => undefined, { 'kohtaamo.live': '1' })).toEqual([false]);
    dispose?.();
    expect(await mountedWith(() => (window as Win).Kohtaamo!('identify', null), { 'kohtaamo.who': '1' })).toEqual([false]);
    dispose?.();
    expect(await mountedWith((b) => b.dispatchEvent(new Event('pointerenter')), { 'kohtaamo.live': '1' })).toEqual([true]);
  });
});
