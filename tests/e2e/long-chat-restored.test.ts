// A long conversation kept from an earlier page opens at its newest line, in Chromium, its lines
// out of sight not laid out (content-visibility, widget/app/ui/styles.ts) and yet there for a
// screen reader. Laying out all 1,000 lines of 2,000 characters took most of a second on opening
// (3,000: over one); laid out only as they come near, the lines grow from their guessed height to
// their own, and the panel opened short of the newest line until it followed them (ChatView.tsx).
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserMissing, CHROMIUM } from '../support/browser';
import { shown } from './shown';
import { useStage } from './stage';

const N = 1_000;
const long = (seq: number) => ' Tilauksesi on matkalla ja saapuu pian, seuraa lähetystä sivulta.'.repeat(10 + ((seq * 7) % 40));

/** A conversation of `N` events the visitor and the agent wrote, closed and rated just now, as the widget keeps it. */
function conversation() {
  const at = '2026-01-01T10:00:00.000Z';
  const events: unknown[] = [{ seq: 1, id: 'j1', at, role: 'system', body: { kind: 'joined', agent: 'Aino' } }];
  for (let seq = 2; seq < N; seq++) {
    const visitor = seq % 2 === 0;
    const text = `${visitor ? 'Kysymys' : 'Vastaus'} ${seq}:${long(seq)}`;
    events.push({ seq, id: `m${seq}`, at, role: visitor ? 'visitor' : 'agent', ...(visitor ? {} : { name: 'Aino' }), body: { kind: 'text', text } });
  }
  events.push({ seq: N, id: 'c1', at, role: 'system', body: { kind: 'closed' } });
  return { id: 'k1', events, status: 'closed', agentName: 'Aino', rated: true, lastReadSeq: N, resumeSeq: N, heardAt: Date.now() };
}

/** Whether Chromium's accessibility tree (what a screen reader reads) holds a text that starts so. */
async function readable(page: Page, start: string): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored: boolean; name?: { value?: unknown } }[] };
  return nodes.some((n) => !n.ignored && String(n.name?.value ?? '').startsWith(start));
}

/** A visitor whose browser kept the conversation opens the site's page and the chat: its log. */
async function opens(browser: Browser, origin: string) {
  const page = await (await browser.newContext({ locale: 'fi-FI' })).newPage();
  await page.goto(`${origin}/`);
  const kept = { v: 1, conversation: conversation(), outbox: [], steps: [] };
  await page.evaluate(async (state) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const open = indexedDB.open('kohtaamo');
      open.onupgradeneeded = () => open.result.createObjectStore('kv');
      open.onsuccess = () => ok(open.result);
      open.onerror = fail;
    });
    const tx = db.transaction('kv', 'readwrite');
    tx.objectStore('kv').put(state, 'state');
    await new Promise((ok) => (tx.oncomplete = ok));
    db.close();
  }, kept);
  await page.reload();
  await page.getByRole('button', { name: /^Avaa chat/ }).click();
  const log = page.getByRole('log', { name: 'Keskustelu' });
  await log.getByText(`Vastaus ${N - 1}:`).waitFor();
  const atBottom = () =>
    log.evaluate((el) => {
      const body = el.closest('.body')!;
      return body.scrollHeight - body.scrollTop - body.clientHeight < 8;
    });
  await expect.poll(atBottom).toBe(true);
  // And stays there once the lines near it have been laid out at their own height.
  await page.waitForTimeout(500);
  expect(await atBottom()).toBe(true);
  expect(await shown(log.getByRole('listitem').last())).toBeGreaterThanOrEqual(0.99);
  return { page, log };
}

describe.skipIf(browserMissing())('a long conversation kept from an earlier page, in Chromium', () => {
  const stage = useStage();

  it('opens at its newest line, the oldest not laid out', async () => {
    const { log } = await opens(stage.browser, stage.server.origin);
    const oldest = log.getByText('Kysymys 2:');
    expect(await oldest.evaluate((el) => el.closest('li')!.querySelector('span')!.checkVisibility({ contentVisibilityAuto: true }))).toBe(false);
    expect(await log.getByRole('listitem').count()).toBe(N);
  });

  it('gives a screen reader every line, the oldest too', async () => {
    // Chromium builds the lines out of sight into its accessibility tree while a screen reader
    // asks for it, as this switch does; without one (or with only the DevTools protocol asking)
    // it leaves them out.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--force-renderer-accessibility=screen-reader'] });
    try {
      const { page } = await opens(browser, stage.server.origin);
      expect(await readable(page, 'Kysymys 2:')).toBe(true);
      expect(await readable(page, `Vastaus ${N - 1}:`)).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
