import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { clientId } from '../../../protocol/fields';
import { clientId as make } from './ids';

describe('client ids', () => {
  it('are ones the server takes, and never the same twice', () => {
    const ids = Array.from({ length: 10_000 }, make);
    for (const id of ids) expect(v.is(clientId, id), id).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('need no secure context: a plain-http site has no crypto.randomUUID', () => {
    const uuid = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      expect(make()).toMatch(/^\d+(-\d+){3}$/);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: uuid, configurable: true });
    }
  });
});
