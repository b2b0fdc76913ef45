import { describe, expect, it } from 'vitest';
import { serverUrl, socketUrl } from './env';

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
