import { describe, expect, it } from 'vitest';
import { ownOrigins, sameHost } from './origins';

describe("the server's own origins", () => {
  it('counts localhost and 127.0.0.1 as the same server', () => {
    expect(ownOrigins('127.0.0.1', 8787)).toEqual(['http://localhost:8787', 'http://127.0.0.1:8787', 'http://[::1]:8787']);
    expect(ownOrigins('chat.example', 80)).toEqual(['http://chat.example:80']);
    const lan = { eth0: [{ address: '192.168.1.5', internal: false }, { address: '127.0.0.1', internal: true }] } as unknown as ReturnType<typeof import('node:os').networkInterfaces>;
    expect(ownOrigins('0.0.0.0', 8787, lan)).toContain('http://192.168.1.5:8787');
  });
});

describe('a page of the host a request was sent to', () => {
  it('is the same host by name, and by port when the Host names one', () => {
    expect(sameHost('https://chat.example', 'chat.example')).toBe(true);
    expect(sameHost('https://chat.example', 'Chat.Example:443')).toBe(true);
    expect(sameHost('http://localhost:8787', 'localhost:8787')).toBe(true);
    expect(sameHost('http://[::1]:8787', '[::1]:8787')).toBe(true);
    expect(sameHost('https://chat.example:8443', 'chat.example')).toBe(true);
    expect(sameHost('https://chat.example', 'chat.example:8443')).toBe(false);
    expect(sameHost('https://evil.example', 'chat.example')).toBe(false);
    expect(sameHost('https://chat.example.evil.example', 'chat.example')).toBe(false);
    expect(sameHost('https://chat.example', 'evil.example@chat.example')).toBe(false);
    expect(sameHost('null', 'chat.example')).toBe(false);
    expect(sameHost('https://chat.example', undefined)).toBe(false);
  });
});
