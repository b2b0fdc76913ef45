// Which pages may use the server, and the operator told once of each refused one.
import { describe, expect, it } from 'vitest';
import { createOriginCheck } from './origin-check';

describe('origin check', () => {
  it('lets in the origins given, pages without an Origin and the host the request went to; tells of a refused origin once', () => {
    const told: string[] = [];
    const check = createOriginCheck(['https://shop.example'], (line) => told.push(line));
    expect(check.originAllowed('https://shop.example', 'chat.example')).toBe(true);
    expect(check.originAllowed(undefined, 'chat.example')).toBe(true);
    expect(check.originAllowed('https://chat.example', 'chat.example')).toBe(true);
    expect(check.originAllowed('https://other.example', 'chat.example')).toBe(false);
    expect(check.originAllowed('https://other.example', 'chat.example')).toBe(false);
    expect(told).toEqual([
      'Visitor refused from https://other.example: not an allowed origin (--origin https://shop.example); if the widget is on that site, add it to --origin.',
    ]);
  });

  it('tells of a refused Origin null that it cannot be allowed, not to add it to --origin', () => {
    const told: string[] = [];
    const check = createOriginCheck(['https://shop.example'], (line) => told.push(line));
    expect(check.originAllowed('null', 'chat.example')).toBe(false);
    expect(told).toEqual([
      "Visitor refused from null: what a browser sends from a sandboxed iframe or a file:// page, which any site can make, so it cannot be allowed: put the widget on a page of your site and give that site's origin (only * lets such pages in, with every site).",
    ]);
  });

  it('tells of at most 100 refused origins', () => {
    const told: string[] = [];
    const check = createOriginCheck(['https://shop.example'], (line) => told.push(line));
    for (let i = 0; i < 150; i++) check.originAllowed(`https://made-up-${i}.example`, 'chat.example');
    expect(told).toHaveLength(100);
  });

  it('with no --origin, allows the server’s own origins once it listens, port included', () => {
    const check = createOriginCheck([], () => {});
    expect(check.originAllowed('http://localhost:9201', 'chat.example')).toBe(false);
    expect(check.listening('127.0.0.1', 9201)).toEqual(['http://localhost:9201', 'http://127.0.0.1:9201', 'http://[::1]:9201']);
    expect(check.origins()).toEqual(['http://localhost:9201', 'http://127.0.0.1:9201', 'http://[::1]:9201']);
    expect(check.originAllowed('http://localhost:9201', 'chat.example')).toBe(true);
    expect(createOriginCheck(['https://shop.example'], () => {}).listening('127.0.0.1', 9201)).toEqual(['https://shop.example']);
  });
});
