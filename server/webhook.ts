// Delivers webhook notices (webhook-notices.ts) to the site's URL: an HTTPS POST of JSON, signed
// with HMAC-SHA256 when the site set a secret. A notice is news, not the record (that is the
// store): it is retried for about 13 minutes while the receiver is down or answers 408, 429 or
// 5xx, and then dropped with a line in the log; any other answer is the receiver's "no" and is
// not retried. One delivery at a time, in order, so a chat tool shows messages in the order they
// were written: a notice waiting for its retry holds the newer ones behind it, and when it is
// dropped the next goes. Deliveries never hold up a chat: they run
// beside it, and a receiver that cannot keep up loses notices beyond `maxPending` rather than
// the server's memory. A stopping server gives what is still to go `shutdownGraceMs` (a notice
// waiting for its retry is tried at once, and not again); what is left then is lost, and the log
// says how many: notices are not stored.
import { createHmac } from 'node:crypto';
import type { Written } from './conversations';
import type { Store } from './store/types';
import { unattendedNotice, webhookNotices, type WebhookNotice } from './webhook-notices';

export const WEBHOOK_DEFAULTS = Object.freeze({
  /** Waits before the 2nd, 3rd … attempt. */
  retryDelaysMs: Object.freeze([5_000, 30_000, 120_000, 600_000]) as readonly number[],
  timeoutMs: 10_000,
  maxPending: 1_000,
  /** At a stop, what is still to go gets this long; a restart should not wait on a receiver. */
  shutdownGraceMs: 5_000,
});

export interface WebhookOptions {
  url: string;
  /** Signs each body: `x-kohtaamo-signature: sha256=<hex HMAC-SHA256 of the body>`. */
  secret?: string;
  log: (line: string) => void;
  fetch?: typeof fetch;
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
  maxPending?: number;
  shutdownGraceMs?: number;
}

export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

interface Delivery {
  notice: WebhookNotice;
  body: string;
  attempts: number;
}

type Outcome = { ok: true } | { ok: false; retry: boolean; why: string };

export type Webhook = ReturnType<typeof createWebhook>;

export function createWebhook(options: WebhookOptions) {
  const { url, secret, log, fetch: post = fetch } = options;
  const retryDelaysMs = options.retryDelaysMs ?? WEBHOOK_DEFAULTS.retryDelaysMs;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_DEFAULTS.timeoutMs;
  const maxPending = options.maxPending ?? WEBHOOK_DEFAULTS.maxPending;
  const shutdownGraceMs = options.shutdownGraceMs ?? WEBHOOK_DEFAULTS.shutdownGraceMs;
  // Logs name the receiver by its origin only: a hook's path is often its secret.
  const where = new URL(url).origin;
  /** What is to go, oldest first: the first is the one being sent, or waiting for its retry. */
  const queue: Delivery[] = [];
  /** The wait before the first's next attempt. */
  let retry: NodeJS.Timeout | undefined;
  const stop = new AbortController();
  let sending = false;
  let dropped = 0;
  /** Stopping: a failed notice is not retried (the grace is shorter than the first wait), and is counted here. */
  let closing = false;
  let failedAtStop = 0;
  const whenIdle: (() => void)[] = [];

  const pending = () => queue.length;

  async function attempt(d: Delivery): Promise<Outcome> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Kohtaamo-Webhook/1',
      'x-kohtaamo-event': d.notice.type,
      'x-kohtaamo-delivery': d.notice.id,
    };
    if (secret) headers['x-kohtaamo-signature'] = webhookSignature(secret, d.body);
    // Its own timer rather than AbortSignal.timeout: Node 20 can lose that one inside AbortSignal.any.
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => ((timedOut = true), abort.abort()), timeoutMs);
    const onStop = () => abort.abort();
    stop.signal.addEventListener('abort', onStop);
    try {
      // A redirect is not followed: the notice holds a customer's words, and goes where it was sent or nowhere.
      const response = await post(url, { method: 'POST', headers, body: d.body, redirect: 'manual', signal: abort.signal });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) return { ok: true };
      const retry = response.status === 408 || response.status === 429 || response.status >= 500;
      return { ok: false, retry, why: `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, retry: true, why: timedOut ? `no answer in ${timeoutMs} ms` : (error as Error).message };
    } finally {
      clearTimeout(timer);
      stop.signal.removeEventListener('abort', onStop);
    }
  }

  function pump() {
    if (sending || retry || stop.signal.aborted) return;
    const d = queue[0];
    if (!d) return;
    sending = true;
    d.attempts++;
    void attempt(d).then((outcome) => {
      sending = false;
      if (stop.signal.aborted) return;
      if (outcome.ok || !retryLater(d, outcome)) queue.shift();
      pump();
      if (pending() === 0) for (const resolve of whenIdle.splice(0)) resolve();
    });
  }

  /** Whether the failed notice is tried again after its wait, holding those behind it; if not, the log says so and it is dropped. */
  function retryLater(d: Delivery, outcome: Extract<Outcome, { ok: false }>): boolean {
    if (closing) {
      failedAtStop++;
      return false;
    }
    const delay = retryDelaysMs[d.attempts - 1];
    if (outcome.retry && delay !== undefined) {
      retry = setTimeout(() => {
        retry = undefined;
        pump();
      }, delay);
      retry.unref();
      return true;
    }
    const why = outcome.retry ? `gave up after ${d.attempts} attempts` : 'refused, not retried';
    log(`Webhook ${where}: ${d.notice.type} ${d.notice.id} not delivered (${outcome.why}; ${why})`);
    return false;
  }

  /** Stops: the delivery under way is aborted and the rest abandoned; how many that was. */
  function halt(): number {
    if (stop.signal.aborted) return 0;
    const left = pending();
    stop.abort();
    clearTimeout(retry);
    retry = undefined;
    queue.length = 0;
    for (const resolve of whenIdle.splice(0)) resolve();
    return left;
  }

  const idle = (): Promise<void> => (pending() === 0 ? Promise.resolve() : new Promise((resolve) => whenIdle.push(resolve)));

  return {
    send(notice: WebhookNotice): void {
      if (stop.signal.aborted) return;
      if (pending() >= maxPending) {
        // Said once per run of losses, not once per notice.
        if (dropped++ === 0) log(`Webhook ${where}: ${maxPending} notices are waiting for it; new ones are dropped until it catches up`);
        return;
      }
      if (dropped > 0) log(`Webhook ${where}: caught up; ${dropped} notices were dropped`);
      dropped = 0;
      queue.push({ notice, body: JSON.stringify(notice), attempts: 0 });
      pump();
    },
    /** Resolves when nothing is in flight or waiting for a retry (or the webhook stopped). */
    idle,
    /**
     * Gives what is still to go `shutdownGraceMs`, a notice waiting for its retry trying at once,
     * then stops; the log says how many were not delivered.
     */
    async close(): Promise<void> {
      if (stop.signal.aborted) return;
      closing = true;
      clearTimeout(retry);
      retry = undefined;
      pump();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, shutdownGraceMs)))]);
      clearTimeout(timer);
      const left = failedAtStop + halt();
      if (left > 0) log(`Webhook ${where}: ${left} notice${left === 1 ? '' : 's'} not delivered at shutdown (they are not stored)`);
    },
    /** Stops at once: what is still pending is abandoned, and the log says how much. */
    dispose(): void {
      const left = halt();
      if (left > 0) log(`Webhook ${where}: ${left} notice${left === 1 ? '' : 's'} not delivered at shutdown`);
    },
  };
}

/**
 * What the conversations' `onWritten` calls: the notices for each write, in the order of the
 * writes. A plain message's write does not carry its conversation, which the notice shows: it is
 * read from the store, and later writes wait for that read so their notices do not overtake it.
 */
export function notifyWebhook(webhook: Pick<Webhook, 'send'>, store: Pick<Store, 'conversation'>, staffed: () => boolean, log: (error: unknown) => void) {
  let previous = Promise.resolve();
  return (written: Written): void => {
    if (written.events.length === 0) return;
    const on = staffed();
    previous = previous
      .then(async () => {
        const conversation = written.conversation ?? (await store.conversation(written.conversationId));
        if (conversation) for (const notice of webhookNotices(conversation, written.events, on)) webhook.send(notice);
      })
      .catch(log);
  };
}

/** What presence's `onStaffed` calls: when no console takes new chats any more, who is left waiting. */
export function notifyUnattended(webhook: Pick<Webhook, 'send'>, store: Pick<Store, 'openConversations'>, now: () => number, log: (error: unknown) => void) {
  return (staffed: boolean): void => {
    if (staffed) return;
    store.openConversations().then((open) => {
      const notice = unattendedNotice(open, now());
      if (notice) webhook.send(notice);
    }, log);
  };
}
