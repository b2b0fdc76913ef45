// What a load balancer asks (`GET /api/health`): whether this server can serve now, and how its
// store and its bus are, to monitor. http.ts answers 200 or 503 with it.
import type { Bus } from './bus';
import type { Health } from './http';
import { WritesFailing } from './store/write-health';
import type { Store } from './store/types';

/** A health check that waits longer than this on the store says it is out of reach. */
const HEALTH_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export function healthCheck(store: Pick<Store, 'ping'>, bus: Pick<Bus, 'healthy'>): () => Promise<Health> {
  return async function health() {
    // A store that answers but whose writes fail (a full disk) says why (store/write-health.ts).
    const answered = await withTimeout(store.ping(), HEALTH_TIMEOUT_MS).then(
      () => 'ok',
      (error: unknown) => (error instanceof WritesFailing ? error.message : 'unreachable'),
    );
    const checks = { store: answered, bus: bus.healthy() ? 'ok' : 'unreachable' };
    // Only the store takes a server out of rotation. Cut off from Redis it still serves: writes
    // are stored and acked, its own visitors and agents hear each other, and the rest is read
    // again when Redis is back. Redis is shared: failing on it would take every server out of
    // the load balancer at once, and the whole chat with them. The bus is reported, to monitor.
    return { ok: answered === 'ok', checks };
  };
}
