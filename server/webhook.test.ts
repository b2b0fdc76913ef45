import { afterEach, describe, expect, it } from 'vitest';
import { until, webhookReceiver as receiver } from './test-support';
import { createWebhook, webhookSignature, type Webhook } from './webhook';
import type { ConversationNoticeType, WebhookNotice } from './webhook-notices';

const notice = (seq: number, type: ConversationNoticeType = 'conversation.message'): WebhookNotice => ({
  id: `c_1.${seq}`,
  type,
  at: '2026-11-24T09:30:00.000Z',
  text: `Matti: “viesti ${seq}”`,
  staffed: false,
  conversation: { id: 'c_1', status: 'queued', visitorId: 'v_1', createdAt: '2026-11-24T09:29:00.000Z', updatedAt: '2026-11-24T09:30:00.000Z', visitor: { name: 'Matti' },
    lang: 'fi', page: { url: 'https://kauppa.example/', title: 'Kauppa' }, reason: 'no_answer', questions: [], botAnswers: [] },
  event: { seq, at: '2026-11-24T09:30:00.000Z', role: 'visitor', body: { kind: 'text', text: `viesti ${seq}` } },
});

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function setUp(answers: (number | 'hang')[] = [], options: { secret?: string; maxPending?: number; timeoutMs?: number; retryDelaysMs?: number[]; shutdownGraceMs?: number } = {}) {
  const site = await receiver(answers);
  const logged: string[] = [];
  const webhook: Webhook = createWebhook({ url: site.url, log: (line) => logged.push(line), retryDelaysMs: [20, 20], ...options });
  cleanup.push(site.close, () => webhook.dispose());
  return { site, webhook, logged };
}

describe('the webhook', () => {
  it('posts each notice as JSON, signed with the secret, one at a time in order', async () => {
    const secret = 'k'.repeat(32);
    const { site, webhook, logged } = await setUp([], { secret });
    for (const seq of [1, 2, 3, 4, 5]) webhook.send(notice(seq));
    await webhook.idle();
    expect(site.received.map((r) => (JSON.parse(r.body) as WebhookNotice).id)).toEqual(['c_1.1', 'c_1.2', 'c_1.3', 'c_1.4', 'c_1.5']);
    const first = site.received[0];
    expect(first?.path).toBe('/hooks/s3cret-path');
    expect(first?.headers).toMatchObject({ 'content-type': 'application/json', 'x-kohtaamo-event': 'conversation.message', 'x-kohtaamo-delivery': 'c_1.1' });
    // What the receiver checks: the HMAC of the exact body it got.
    expect(first?.headers['x-kohtaamo-signature']).toBe(webhookSignature(secret, first?.body ?? ''));
    expect(JSON.parse(first?.body ?? '')).toEqual(notice(1));
    expect(logged).toEqual([]);
  });

  it('sends no signature without a secret', async () => {
    const { site, webhook } = await setUp();
    webhook.send(notice(1));
    await webhook.idle();
    expect(site.received[0]?.headers['x-kohtaamo-signature']).toBeUndefined();
  });

  it('retries while the receiver is down or busy, then gives up and says so without the secret path', async () => {
    const { site, webhook, logged } = await setUp([503, 429]);
    webhook.send(notice(1));
    await webhook.idle();
    expect(site.received.map((r) => r.headers['x-kohtaamo-delivery'])).toEqual(['c_1.1', 'c_1.1', 'c_1.1']);
    expect(logged).toEqual([]);

    const down = await setUp([500, 502, 503]);
    down.webhook.send(notice(2));
    await down.webhook.idle();
    expect(down.site.received).toHaveLength(3);
    expect(down.logged).toEqual([`Webhook ${new URL(down.site.url).origin}: conversation.message c_1.2 not delivered (HTTP 503; gave up after 3 attempts)`]);
  });

  it('keeps the order when a notice is retried: the ones behind it wait for it', async () => {
    const { site, webhook, logged } = await setUp([500], { retryDelaysMs: [100] });
    webhook.send(notice(1));
    webhook.send(notice(2));
    webhook.send(notice(3));
    await webhook.idle();
    const ids = site.received.map((r) => r.headers['x-kohtaamo-delivery']);
    expect(ids).toEqual(['c_1.1', 'c_1.1', 'c_1.2', 'c_1.3']);
    expect(logged).toEqual([]);

    // One that fails to the end is dropped, and the next goes.
    const down = await setUp([500, 500], { retryDelaysMs: [20] });
    down.webhook.send(notice(1));
    down.webhook.send(notice(2));
    await down.webhook.idle();
    expect(down.site.received.map((r) => r.headers['x-kohtaamo-delivery'])).toEqual(['c_1.1', 'c_1.1', 'c_1.2']);
    expect(down.logged).toEqual([expect.stringMatching(/c_1\.1 not delivered \(HTTP 500; gave up after 2 attempts\)$/)]);
  });

  it("takes any other answer as the receiver's no, and follows no redirect", async () => {
    const { site, webhook, logged } = await setUp([400, 302]);
    webhook.send(notice(1));
    webhook.send(notice(2));
    await webhook.idle();
    expect(site.received.map((r) => r.path)).toEqual(['/hooks/s3cret-path', '/hooks/s3cret-path']);
    expect(logged).toEqual([
      expect.stringMatching(/c_1\.1 not delivered \(HTTP 400; refused, not retried\)$/),
      expect.stringMatching(/c_1\.2 not delivered \(HTTP 302; refused, not retried\)$/),
    ]);
    expect(logged.join('')).not.toContain('s3cret');
  });

  it('gives a silent receiver its timeout, and retries', async () => {
    const { site, webhook, logged } = await setUp(['hang', 'hang', 'hang'], { timeoutMs: 50 });
    webhook.send(notice(1));
    await webhook.idle();
    expect(site.received).toHaveLength(3);
    expect(logged).toEqual([expect.stringMatching(/c_1\.1 not delivered \(no answer in 50 ms; gave up after 3 attempts\)$/)]);
  });

  it('drops the notices a receiver cannot keep up with, rather than keeping them all in memory', async () => {
    const { site, webhook, logged } = await setUp(['hang', 'hang'], { timeoutMs: 50, maxPending: 2 });
    for (const seq of [1, 2, 3, 4]) webhook.send(notice(seq));
    expect(logged).toEqual([expect.stringMatching(/2 notices are waiting for it; new ones are dropped until it catches up$/)]);
    await webhook.idle();
    // The retried notice holds the next one behind it: they go in order.
    expect(site.received.map((r) => r.headers['x-kohtaamo-delivery'])).toEqual(['c_1.1', 'c_1.1', 'c_1.1', 'c_1.2']);
    webhook.send(notice(5));
    await webhook.idle();
    expect(logged.at(-1)).toMatch(/caught up; 2 notices were dropped$/);
    expect(site.received.at(-1)?.headers['x-kohtaamo-delivery']).toBe('c_1.5');
  });

  it('stops at once on shutdown and says what was left', async () => {
    const { site, webhook, logged } = await setUp(['hang']);
    webhook.send(notice(1));
    webhook.send(notice(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    webhook.dispose();
    webhook.send(notice(3));
    expect(logged).toEqual([expect.stringMatching(/2 notices not delivered at shutdown$/)]);
    expect(site.received).toHaveLength(1);
  });

  it('gives the notices still to go a few seconds at a stop: a receiver that answers by then gets them, in order', async () => {
    // The first answer fails: at the stop the notice is waiting for its retry, the next behind it.
    const { site, webhook, logged } = await setUp([503], { retryDelaysMs: [60_000], shutdownGraceMs: 2_000 });
    webhook.send(notice(1));
    webhook.send(notice(2));
    await until(() => site.received.length === 1);
    await webhook.close();
    expect(site.received.map((r) => r.headers['x-kohtaamo-delivery'])).toEqual(['c_1.1', 'c_1.1', 'c_1.2']);
    expect(logged).toEqual([]);
  });

  it('stops after the grace when the receiver does not answer, and says how many were lost', async () => {
    const { site, webhook, logged } = await setUp(['hang', 500], { shutdownGraceMs: 100 });
    webhook.send(notice(1));
    webhook.send(notice(2));
    const started = Date.now();
    await webhook.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(logged).toEqual([expect.stringMatching(/2 notices not delivered at shutdown \(they are not stored\)$/)]);
    expect(site.received).toHaveLength(1);

    // One that fails during the grace is not retried: the next goes, and the failed one is counted.
    const down = await setUp([500], { shutdownGraceMs: 1_000 });
    down.webhook.send(notice(1));
    down.webhook.send(notice(2));
    await down.webhook.close();
    expect(down.site.received.map((r) => r.headers['x-kohtaamo-delivery'])).toEqual(['c_1.1', 'c_1.2']);
    expect(down.logged).toEqual([expect.stringMatching(/1 notice not delivered at shutdown/)]);
  });
});
