// A connection to PostgreSQL that stalls (the network stops forwarding, both ends still open):
// the write on it fails within the query timeout instead of hanging, with every write behind
// it, until TCP gives up; the writer goes on with a new connection once the network is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffInput } from '../test-support';
import { startServiceProxy } from '../test-outage';
import type { ServiceProxy } from '../test-outage';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL } from '../test-services';
import { openPostgresStore } from './postgres';
import type { Store } from './types';

const available = await servicesAvailable();

describe.runIf(available)('PostgreSQL store on a connection that stalls', { timeout: 20_000 }, () => {
  const schema = newSchema();
  let proxy: ServiceProxy;
  let store: Store;

  beforeAll(async () => {
    proxy = await startServiceProxy(TEST_DATABASE_URL);
    store = await openPostgresStore(proxy.url(TEST_DATABASE_URL), { schema, poolSize: 2, queryTimeoutMs: 500 });
  });
  afterAll(async () => {
    proxy?.up();
    await store?.close();
    await proxy?.close();
    await dropSchema(schema);
  });

  it('refuses the write under way instead of hanging, and writes again once the network is back', async () => {
    await store.createVisitor('v1', 'h1', 1);
    await store.handoff(handoffInput('v1', 'c1', 2));
    proxy.freeze();
    const message = { clientId: 'm1', at: 3, role: 'visitor' as const, body: { kind: 'text' as const, text: 'Hei' } };
    await expect(store.visitorMessage('v1', message)).rejects.toThrow();
    // And the writes queued behind it are not held either.
    await expect(store.createVisitor('v2', 'h2', 4)).rejects.toThrow();
    proxy.up();
    // The widget resends what was not acked, with the same id: stored once.
    const resent = await store.visitorMessage('v1', message);
    expect(resent.ok).toBe(true);
    await store.createVisitor('v2', 'h2', 4);
    const texts = (await store.eventsAfter('c1', 0, 100)).filter((e) => e.body.kind === 'text');
    expect(texts.map((e) => e.id)).toEqual(['m1']);
  });
});
