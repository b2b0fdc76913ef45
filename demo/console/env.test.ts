import { describe, expect, it } from 'vitest';
import { browserEnv, buildOfScript, serverUrl, socketUrl } from './env';

describe("the server's addresses from the console's page", () => {
  it('are beside the console on its own server', () => {
    expect(serverUrl('http://localhost:8787/console/', '/api/login')).toBe('http://localhost:8787/api/login');
    expect(socketUrl('https://chat.example.fi/console/', '/ws/agent')).toBe('wss://chat.example.fi/ws/agent');
  });

  it('keep the path of a proxy that serves the server under one, whatever the page address ends with', () => {
    for (const page of ['https://shop.example/chat/console/', 'https://shop.example/chat/console/index.html', 'https://shop.example/chat/console/?x=1#top']) {
      expect(serverUrl(page, '/api/report?days=7')).toBe('https://shop.example/chat/api/report?days=7');
      expect(socketUrl(page, '/ws/agent')).toBe('wss://shop.example/chat/ws/agent');
    }
  });
});

describe("the console build a page runs, to compare with the server's", () => {
  it("is the built page's entry script by its file name, as the server reads it (server/console-build.ts)", () => {
    expect(buildOfScript('./assets/index-CT0G9nFw.js')).toBe('index-CT0G9nFw.js');
    expect(buildOfScript('/chat/console/assets/index-CT0G9nFw.js')).toBe('index-CT0G9nFw.js');
  });

  it("is none on Vite's dev server, or with no script", () => {
    expect(buildOfScript('./main.tsx')).toBeUndefined();
    expect(buildOfScript(undefined)).toBeUndefined();
  });
});

describe("the browser's network events", () => {
  it('tell the console when the network goes and comes back, until it stops listening', () => {
    const env = browserEnv();
    const heard: string[] = [];
    const stops = [env.onOffline(() => heard.push('offline')), env.onOnline(() => heard.push('online'))];
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    for (const stop of stops) stop();
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    expect(heard).toEqual(['offline', 'online']);
  });
});
