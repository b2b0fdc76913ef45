// Who a visitor's hello is from: the visitor their token names, or a new visitor with a new
// token. Apart from the session (visitor-socket.ts) because it is the identity step alone, with
// the store, before anything is sent or heard.
import { newId } from './conversations';
import type { Store } from './store/types';
import { hashToken, newToken } from './tokens';

/** How stale a visitor's recorded last hello may be: retention counts whole days. */
const SEEN_PRECISION_MS = 60 * 60 * 1000;

/** The hello's visitor and the token the widget keeps; null: no visitor has that token. */
export async function helloVisitor(store: Store, now: () => number, token: string | undefined): Promise<{ visitorId: string; token: string } | null> {
  if (token !== undefined) {
    const visitor = await store.visitorByTokenHash(hashToken(token));
    if (!visitor) return null;
    // Back on the site: retention (whole days) must not delete who they are while they may hand
    // off again. Recorded at most hourly: a page load mid-chat need not wait for a durable write.
    if (visitor.lastSeenAt < now() - SEEN_PRECISION_MS) await store.visitorSeen(visitor.id, now());
    return { visitorId: visitor.id, token };
  }
  const created = { visitorId: newId('v'), token: newToken() };
  await store.createVisitor(created.visitorId, hashToken(created.token), now());
  return created;
}
