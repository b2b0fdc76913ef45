import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress, isTrustedProxy, parseTrustProxy, plainAddress, type TrustProxy } from './client-address';

const trust = (written: string) => {
  const parsed = parseTrustProxy(written);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

describe('the client address behind proxies', () => {
  it('is the peer unless the operator trusts a proxy: a header anyone can send never picks the bucket', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1', undefined)).toBe('203.0.113.7');
    // A peer that is not one of the named proxies is the client, whatever it says.
    expect(clientAddress('203.0.113.7', '198.51.100.1', trust('127.0.0.1'))).toBe('203.0.113.7');
  });

  it('is what the trusted proxy appended, not what the client wrote further left', () => {
    const local = trust('loopback');
    // nginx's $proxy_add_x_forwarded_for: the client's own header, then the address nginx saw.
    expect(clientAddress('127.0.0.1', '1.2.3.4, 198.51.100.1', local)).toBe('198.51.100.1');
    expect(clientAddress('::ffff:127.0.0.1', '198.51.100.1', local)).toBe('198.51.100.1');
    // Two tiers, both trusted: through both, and no further.
    const tiers = trust('127.0.0.1, 10.0.0.0/8');
    expect(clientAddress('127.0.0.1', '1.2.3.4, 198.51.100.1, 10.0.0.5', tiers)).toBe('198.51.100.1');
    expect(clientAddress('127.0.0.1', ['10.9.9.9', '198.51.100.1, 10.0.0.5'], tiers)).toBe('198.51.100.1');
    // By count: one proxy, so the last entry is the client's.
    expect(clientAddress('192.0.2.10', '1.2.3.4, 198.51.100.1', trust('1'))).toBe('198.51.100.1');
    expect(clientAddress('192.0.2.10', '1.2.3.4, 198.51.100.1', trust('2'))).toBe('1.2.3.4');
    // Fewer entries than proxies: the furthest there is.
    expect(clientAddress('192.0.2.10', '198.51.100.1', trust('3'))).toBe('198.51.100.1');
  });

  it('takes the ports and brackets some proxies write, and stops at an entry that is no address', () => {
    const one: TrustProxy = trust('1');
    expect(clientAddress('192.0.2.10', '[2001:db8::7]:443', one)).toBe('2001:db8::7');
    expect(clientAddress('192.0.2.10', '198.51.100.1:5060', one)).toBe('198.51.100.1');
    expect(clientAddress('192.0.2.10', 'unknown', one)).toBe('192.0.2.10');
    expect(clientAddress('127.0.0.1', '', trust('loopback'))).toBe('127.0.0.1');
  });

  it('knows the named proxies, and with a count takes every peer for one', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.0.0.1'].map((a) => isTrustedProxy(trust('loopback'), a))).toEqual([true, true, true, false]);
    expect(isTrustedProxy(trust('fd00::/8'), 'fd12::1')).toBe(true);
    expect(isTrustedProxy(trust('1'), '203.0.113.7')).toBe(true);
    expect(isTrustedProxy(undefined, '127.0.0.1')).toBe(false);
  });

  it('refuses what is neither a count nor addresses, saying what it is not', () => {
    expect(parseTrustProxy('0')).toMatch(/1 to 10/);
    expect(parseTrustProxy('11')).toMatch(/1 to 10/);
    expect(parseTrustProxy('10.0.0.0/33')).toMatch(/"10.0.0.0\/33" is not an IP address or range/);
    expect(parseTrustProxy('nginx.internal')).toMatch(/"nginx.internal" is not/);
    expect(parseTrustProxy('127.0.0.1,')).toMatch(/"" is not/);
  });
});

describe('the key a per-address limit counts against', () => {
  it("is an IPv6 address's /64, which is one subscriber's, and an IPv4-mapped address's IPv4", () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:DB8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('64:ff9b::203.0.113.7')).toBe('64:ff9b:0:0::/64');
    expect(plainAddress('::1')).toBe('::1');
  });
});
