// Whom the limits count behind a proxy, and the operator told once of a proxy --trust-proxy does not name.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseTrustProxy, type TrustProxy } from './client-address';
import { createRequestAddress } from './request-address';

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

const trust = (written: string) => parseTrustProxy(written) as TrustProxy;

describe('request address', () => {
  it('counts the peer, and tells nothing, when no proxy wrote X-Forwarded-For', () => {
    const told: string[] = [];
    const address = createRequestAddress(undefined, (line) => told.push(line));
    expect(address.viaUntrustedProxy(request('203.0.113.7'))).toBe(false);
    expect(address.addressOf(request('203.0.113.7'))).toBe('203.0.113.7');
    expect(told).toEqual([]);
  });

  it('counts an untrusted proxy as one shared address and tells the operator once for one on this machine, once for one elsewhere', () => {
    const told: string[] = [];
    const address = createRequestAddress(undefined, (line) => told.push(line));
    expect(address.addressOf(request('127.0.0.1', '198.51.100.1'))).toBe('127.0.0.1');
    expect(address.viaUntrustedProxy(request('127.0.0.1', '198.51.100.2'))).toBe(true);
    expect(address.viaUntrustedProxy(request('10.0.0.2', '198.51.100.3'))).toBe(true);
    expect(address.viaUntrustedProxy(request('10.0.0.3', '198.51.100.4'))).toBe(true);
    expect(told).toEqual([
      'Requests arrive through a proxy on this machine (X-Forwarded-For from 127.0.0.1) but --trust-proxy is not set; set `--trust-proxy loopback` so the limits count the real clients.',
      'Requests arrive with X-Forwarded-For from 10.0.0.2 but --trust-proxy is not set; if it is your proxy, set `--trust-proxy 10.0.0.2` so the limits count the real clients.',
    ]);
  });

  it('counts the client a trusted proxy names, and says a proxy it does not name is not named', () => {
    const told: string[] = [];
    const address = createRequestAddress(trust('10.0.0.2'), (line) => told.push(line));
    expect(address.viaUntrustedProxy(request('10.0.0.2', '198.51.100.1'))).toBe(false);
    expect(address.addressOf(request('10.0.0.2', '198.51.100.1'))).toBe('198.51.100.1');
    expect(address.viaUntrustedProxy(request('10.0.0.9', '198.51.100.1'))).toBe(true);
    expect(told).toEqual([
      'Requests arrive with X-Forwarded-For from 10.0.0.9 but --trust-proxy does not name it; if it is your proxy, set `--trust-proxy 10.0.0.9` so the limits count the real clients.',
    ]);
  });
});
