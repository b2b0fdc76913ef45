// Issue 4 in the browser: messages typed offline survive a reload and arrive once, in order;
// two tabs show the same conversation and a message from one appears once in both.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CHROMIUM, browserMissing, launchChromium } from '../support/browser';
import { agentClaims, agentCloses, agentLogsIn, visitorAsksForAPerson, visitorSays } from './people';
import { DEMO_PASSWORD as PASSWORD, useStage } from './stage';

const missing = browserMissing();

/** What the widget keeps in IndexedDB: whose token, and which conversation. */
const stored = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ token?: string; conversation?: { id: string | null } } | undefined>((resolve, reject) => {
        const open = indexedDB.open('kohtaamo');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('kv').objectStore('kv').get('state');
          get.onsuccess = () => (open.result.close(), resolve(get.result));
        };
      }),
  );

/** The visitor, in the FAQ, types a question and opens a suggested answer. */
async function visitorReadsAnAnswer(page: Page, query: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Kysymyksesi' }).pressSequentially(query, { delay: 20 });
  await page.getByRole('option').first().click();
  await page.getByText('Auttoiko tämä?').waitFor();
}

describe.skipIf(missing)('nothing lost, nothing twice, in Chromium', () => {
  const stage = useStage();

  it('sends messages typed offline, after a reload, once and in order', async () => {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    const visitor = await context.newPage();
    const agent = await (await stage.browser.newContext()).newPage();
    const question = 'offline-testi: tarvitsen apua';
    await visitorAsksForAPerson(visitor, stage.server.origin, question);
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const { transcript } = await agentClaims(agent, question);
    await visitor.getByText('Aino (demo) liittyi keskusteluun').waitFor();

    await context.setOffline(true);
    for (const n of [1, 2, 3]) await visitorSays(visitor, `Offline-viesti ${n}`);
    await visitor.getByText('Offline-viesti 3').waitFor();
    // Really offline: the visitor is told at once, and nothing has reached the agent.
    await visitor.getByText(/^Ei yhteyttä/).waitFor({ timeout: 2_000 });
    expect(await visitor.getByText('Lähetetään…').count()).toBe(3);
    await agent.waitForTimeout(1000);
    expect(await transcript.getByText(/^Offline-viesti \d$/).count()).toBe(0);
    await visitor.reload().catch(() => undefined); // the page itself may not load while offline
    await context.setOffline(false);
    if (!(await visitor.getByRole('button', { name: /Avaa chat|Pienennä chat/ }).isVisible().catch(() => false))) {
      await visitor.goto(`${stage.server.origin}/`);
    }
    const launcher = visitor.getByRole('button', { name: /Avaa chat/ });
    if (await launcher.isVisible()) await launcher.click();

    for (const n of [1, 2, 3]) await transcript.getByText(`Offline-viesti ${n}`).waitFor({ timeout: 30_000 });
    const texts = await transcript.getByText(/^Offline-viesti \d$/).allInnerTexts();
    expect(texts).toEqual(['Offline-viesti 1', 'Offline-viesti 2', 'Offline-viesti 3']);
    await agentCloses(agent, { unanswered: true });
  });

  it('keeps a message the visitor sent the moment before a link click, whose ack had not come: the next page sends it', async () => {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    // The server never hears the first sending of the message: its ack never comes to that page.
    const text = 'Lähetetty juuri ennen linkkiä';
    let dropped = false;
    await context.routeWebSocket(/\/ws\/visitor/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((frame) => {
        if (!dropped && String(frame).includes(text)) dropped = true;
        else server.send(frame);
      });
    });
    const visitor = await context.newPage();
    const agent = await (await stage.browser.newContext()).newPage();
    const question = 'linkkitesti: viesti juuri ennen linkkiä';
    await visitorAsksForAPerson(visitor, stage.server.origin, question);
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const { transcript } = await agentClaims(agent, question);
    await visitor.getByText('Aino (demo) liittyi keskusteluun').waitFor();

    await visitorSays(visitor, text);
    // A click 50 ms later: within the 150 ms other saves are batched for. (A write begun as the page
    // goes is aborted by the browser, so what the visitor sends is written at once.)
    await visitor.waitForTimeout(50);
    await visitor.goto(`${stage.server.origin}/en/`);
    await transcript.getByText(text).waitFor({ timeout: 10_000 });
    expect(dropped).toBe(true);
    await agent.waitForTimeout(500);
    expect(await transcript.getByText(text).count()).toBe(1);
  });

  it('shows a message sent from one tab once in both tabs', async () => {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    const tabA = await context.newPage();
    const agent = await (await stage.browser.newContext()).newPage();
    const question = 'välilehtitesti: kaksi välilehteä';
    await visitorAsksForAPerson(tabA, stage.server.origin, question);
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const { transcript, reply } = await agentClaims(agent, question);

    const tabB = await context.newPage();
    await tabB.goto(`${stage.server.origin}/`);
    const launcherB = tabB.getByRole('button', { name: /Avaa chat/ });
    if (await launcherB.isVisible()) await launcherB.click();
    await tabB.getByText('Aino (demo) liittyi keskusteluun').waitFor();

    await visitorSays(tabA, 'Viesti välilehdeltä A');
    await tabB.getByText('Viesti välilehdeltä A').waitFor();
    await reply.fill('Agentin vastaus');
    await reply.press('Enter');
    await tabA.getByText('Agentin vastaus').waitFor();
    await tabB.getByText('Agentin vastaus').waitFor();

    for (const tab of [tabA, tabB]) {
      expect(await tab.getByText('Viesti välilehdeltä A').count()).toBe(1);
      expect(await tab.getByText('Agentin vastaus').count()).toBe(1);
    }
    expect(await transcript.getByText('Viesti välilehdeltä A').count()).toBe(1);
  });

  it('keeps the chat when a tab opened before the handoff is used in the FAQ, and that tab takes the chat up', async () => {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    const tabA = await context.newPage();
    await tabA.goto(`${stage.server.origin}/`);
    await tabA.getByRole('button', { name: 'Avaa chat' }).click();
    await tabA.getByRole('combobox', { name: 'Kysymyksesi' }).waitFor();

    const tabB = await context.newPage();
    const agent = await (await stage.browser.newContext()).newPage();
    const question = 'vanha välilehti: FAQ toisessa välilehdessä';
    await visitorAsksForAPerson(tabB, stage.server.origin, question);
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const { reply } = await agentClaims(agent, question);
    await reply.fill('Agentti vastaa B:lle');
    await reply.press('Enter');
    await tabB.getByText('Agentti vastaa B:lle').waitFor();
    const before = await stored(tabB);
    expect(before?.token).toBeTruthy();

    // Back in tab A, still in the FAQ: the visitor starts typing a question there. What tab A
    // saves of it keeps the chat, and tab A takes the chat up (it had been wiped: token and conversation gone).
    await tabA.bringToFront();
    await tabA.getByRole('combobox', { name: 'Kysymyksesi' }).pressSequentially('palautus', { delay: 20 });
    await tabA.getByText('Agentti vastaa B:lle').waitFor();
    expect(await stored(tabA)).toMatchObject({ token: before!.token, conversation: { id: before!.conversation!.id } });
    // It follows the chat: the agent's next reply shows there too.
    await reply.fill('Toinen vastaus');
    await reply.press('Enter');
    await tabA.getByText('Toinen vastaus').waitFor();

    // The next page of the site carries the chat on.
    await tabB.close();
    const tabC = await context.newPage();
    await tabC.goto(`${stage.server.origin}/`);
    await tabC.getByRole('button', { name: /Avaa chat/ }).click();
    await tabC.getByText('Agentti vastaa B:lle').waitFor();
    expect(await tabC.getByText('Toinen vastaus').count()).toBe(1);
    await agent.getByRole('button', { name: 'Close conversation' }).click();
  });

  // Closed at once as the agent sees the question: the handoff went only once the welcome's token
  // was kept, so the next page says hello as the same visitor (without it, a new one whose resent
  // handoff opened a second conversation). Held: the tab hears the welcome and nothing after it,
  // so the page goes before the handoff's ack (a link clicked at once), the handoff still on its
  // way in what it kept, and the next page must bring the app to send it again. Open before: the
  // other page of the site was there all along, untouched (no app), and must bring it as the chat
  // becomes live in tab A.
  const cases = [
    { when: '', held: false, openBefore: false },
    { when: ' before the ack of its handoff', held: true, openBefore: false },
    { when: ', the other page open all along,', held: false, openBefore: true },
  ];
  for (const { when, held, openBefore } of cases) {
    it(`tells a visitor who closed the tab${when} on another page of the site that the agent answered`, async () => {
      const context = await stage.browser.newContext({ locale: 'fi-FI' });
      const early = openBefore ? await context.newPage() : undefined;
      await early?.goto(`${stage.server.origin}/`);
      await early?.getByRole('button', { name: 'Avaa chat' }).waitFor();
      const tabA = await context.newPage();
      if (held)
        await tabA.routeWebSocket(/\/ws\/visitor/, (ws) => {
          const server = ws.connectToServer();
          let welcomed = false;
          server.onMessage((frame) => !welcomed && ((welcomed = true), ws.send(frame)));
        });
      const agent = await (await stage.browser.newContext()).newPage();
      await agentLogsIn(agent, stage.server.origin, PASSWORD);
      const question = `uusi välilehti${held ? ' ennen kuittausta' : openBefore ? ', toinen auki' : ''}: vastaus löytää perille`;
      await visitorAsksForAPerson(tabA, stage.server.origin, question);
      await agent.getByRole('navigation').getByText(question).first().waitFor();
      await tabA.close();
      const tabB = early ?? (await context.newPage());
      if (!early) await tabB.goto(`${stage.server.origin}/`);

      const { reply } = await agentClaims(agent, question);
      // The visitor is on the site: the console says so rather than "left".
      await agent.getByText(/visitor here/).first().waitFor();
      await reply.fill('Vastaus uuteen välilehteen');
      await reply.press('Enter');
      // Without a click: the launcher counts the reply, and opening it shows the reply.
      const badged = tabB.getByRole('button', { name: /^Avaa chat, 1 uusi viesti$/ });
      await badged.waitFor();
      await badged.click();
      await tabB.getByText('Vastaus uuteen välilehteen').waitFor();
      // One conversation: a handoff the next page sent again joined the one the server had.
      expect(await agent.getByRole('navigation').getByText(question).count()).toBe(1);
      await agentCloses(agent);
    });
  }

  it('opens one conversation for one question when another page of the site opened before the first welcome', async () => {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    const tabA = await context.newPage();
    // Tab A's welcome is held (a phone's slow connect, the chat server restarting): the handoff is
    // kept with no token yet.
    let release = () => {};
    await tabA.routeWebSocket(/\/ws\/visitor/, (ws) => {
      const server = ws.connectToServer();
      const held: (string | Buffer)[] = [];
      let holding = true;
      server.onMessage((frame) => (holding ? held.push(frame) : ws.send(frame)));
      release = () => ((holding = false), held.splice(0).forEach((frame) => ws.send(frame)));
    });
    const agent = await (await stage.browser.newContext()).newPage();
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const question = 'uusi välilehti ennen tervetuloa: yksi keskustelu';
    await tabA.goto(`${stage.server.origin}/`);
    await tabA.getByRole('button', { name: 'Avaa chat' }).click();
    await tabA.getByRole('combobox', { name: 'Kysymyksesi' }).fill(question);
    await tabA.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
    await expect.poll(() => stored(tabA)).toMatchObject({ outbox: [{ frame: { type: 'handoff' } }] });

    // Another page of the site meanwhile, untouched: it brings no app to send the handoff as a
    // second new visitor (the tab still waiting would send it as a first).
    const tabC = await context.newPage();
    await tabC.goto(`${stage.server.origin}/`);
    await tabC.getByRole('button', { name: 'Avaa chat' }).waitFor();
    expect(await tabC.evaluate(() => localStorage.getItem('kohtaamo.live'))).toBeNull();
    // Once the token is kept the flag goes up, and tab C brings the app as the same visitor. Both
    // tabs then write what they know as they go: neither may write the other's older state over
    // the conversation (tab D would find no chat, and no reply).
    release();
    await agent.getByRole('navigation').getByText(question).first().waitFor();
    // Both pages go (tab A, open, would show the reply as read): the next one hears it.
    await tabA.close();
    await tabC.close();
    const { reply } = await agentClaims(agent, question);
    await reply.fill('Yksi vastaus');
    await reply.press('Enter');
    const tabD = await context.newPage();
    await tabD.goto(`${stage.server.origin}/`);
    await tabD.getByRole('button', { name: /^Avaa chat, 1 uusi viesti$/ }).click();
    await tabD.getByText('Yksi vastaus').waitFor();
    expect(await agent.getByRole('navigation').getByText(question).count()).toBe(1);
    await agentCloses(agent);
  });

  it('a page back from the back/forward cache takes up the chat another page started, and does not wipe it', async () => {
    const browser = await launchChromium({ backForwardCache: true });
    try {
      const context = await browser.newContext({ locale: 'fi-FI' });
      const visitor = await context.newPage();
      const agent = await (await stage.browser.newContext()).newPage();
      // Why Chromium did not keep the page, if it did not: said with the failure.
      const notKept: unknown[] = [];
      const cdp = await context.newCDPSession(visitor);
      await cdp.send('Page.enable');
      cdp.on('Page.backForwardCacheNotUsed', (e) => notKept.push(e.notRestoredExplanations));
      await visitor.goto(`${stage.server.origin}/`);
      await visitor.evaluate(() => addEventListener('pageshow', (e) => e.persisted && ((window as { restored?: boolean }).restored = true)));
      await visitor.getByRole('button', { name: 'Avaa chat' }).click();
      await visitorReadsAnAnswer(visitor, 'toimitus');

      // The next page (same tab): the visitor asks for a person there and chats.
      const question = 'bfcache: kysymys toisella sivulla';
      await visitor.goto(`${stage.server.origin}/?sivu=2`);
      await visitor.getByRole('button', { name: 'Avaa chat' }).click();
      await visitor.getByRole('combobox', { name: 'Kysymyksesi' }).fill(question);
      await visitor.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
      await agentLogsIn(agent, stage.server.origin, PASSWORD);
      // The queue's card is titled with the first question, asked on the first page; this one is
      // listed under it, where the card's own button takes the click.
      await agent.getByRole('navigation').getByText(question).first().click({ force: true });
      await agent.getByRole('button', { name: 'Claim' }).click();
      const reply = agent.getByLabel('Message');
      await expect.poll(() => reply.isEnabled()).toBe(true);
      await reply.fill('Vastaus toisella sivulla');
      await reply.press('Enter');
      await visitor.getByText('Vastaus toisella sivulla').waitFor();
      const before = await stored(visitor);

      // Back: the first page comes from the cache, as it was, in the FAQ.
      // Polled: the restored page's pageshow may come after the navigation's commit. Not restored,
      // the failure shows Chromium's reasons instead.
      await visitor.goBack({ waitUntil: 'commit' });
      await expect.poll(async () => (await visitor.evaluate(() => (window as { restored?: boolean }).restored)) ?? notKept).toBe(true);
      // It shows the chat, and follows it: the agent's next reply is there.
      await visitor.getByText('Vastaus toisella sivulla').waitFor();
      await reply.fill('Vastaus kun palasit');
      await reply.press('Enter');
      await visitor.getByText('Vastaus kun palasit').waitFor();
      expect(await stored(visitor)).toMatchObject({ token: before!.token, conversation: { id: before!.conversation!.id } });
      await agent.getByRole('button', { name: 'Close conversation' }).click();
    } finally {
      await browser.close();
    }
  });

  it('keeps one copy of a photo waiting to go, not one more with every message typed offline', async () => {
    // A profile on disk, as a visitor's browser has: a new context keeps IndexedDB in memory.
    const profile = mkdtempSync(join(tmpdir(), 'kohtaamo-quota-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, locale: 'fi-FI', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const visitor = context.pages()[0] ?? (await context.newPage());
      const agent = await (await stage.browser.newContext()).newPage();
      const question = 'kiintiötesti: kuva ja viestit ilman verkkoa';
      await visitorAsksForAPerson(visitor, stage.server.origin, question);
      await agentLogsIn(agent, stage.server.origin, PASSWORD);
      const { transcript } = await agentClaims(agent, question);
      await visitor.getByText('Aino (demo) liittyi keskusteluun').waitFor();

      // An 8.6 MB photo (a PNG's signature, then bytes that do not compress), picked offline, and
      // eight messages after it: each is saved as it is sent.
      await context.setOffline(true);
      const photo = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(8.6 * 1024 * 1024)]);
      await visitor.locator('input[type=file]').setInputFiles({ name: 'sohva.png', mimeType: 'image/png', buffer: photo });
      await visitor.getByText(/sohva\.png/).waitFor();
      for (let n = 0; n < 8; n++) {
        await visitorSays(visitor, `offline ${n}`);
        await visitor.getByText(`offline ${n}`).waitFor();
        await visitor.waitForTimeout(200);
      }
      // One copy of the photo, not one more with each message (72 MB here; on a phone's 60 MB
      // quota the messages after the fifth were never stored, and never sent).
      const usage = await visitor.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
      expect(usage).toBeLessThan(20 * 1024 * 1024);

      // The tab is closed; back online, a new tab carries on and sends all of it.
      await visitor.close();
      await context.setOffline(false);
      const next = await context.newPage();
      await next.goto(`${stage.server.origin}/`);
      await next.getByRole('button', { name: /Avaa chat/ }).click();
      for (let n = 0; n < 8; n++) await transcript.getByText(`offline ${n}`, { exact: true }).waitFor({ timeout: 30_000 });
      await transcript.getByRole('img', { name: 'sohva.png' }).waitFor({ timeout: 30_000 });
      expect(await transcript.getByText(/^offline \d$/).allInnerTexts()).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => `offline ${n}`));
      await agentCloses(agent, { unanswered: true });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
