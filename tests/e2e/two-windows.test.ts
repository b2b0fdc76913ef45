// Two windows of the site side by side, both visible (two pages of one context share the
// visitor's storage, as two windows of one browser do): window A shows an FAQ answer, window B
// asks for a person. No visibilitychange tells A; it must still follow B's chat, and a handoff
// from A must join B's conversation as the same visitor, never open a second one.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { agentLogsIn } from './people';
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

/** Window A: the visitor opens the chat, types a question and opens a suggested answer. */
async function windowAReadsAnAnswer(page: Page, origin: string, query: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: 'Avaa chat' }).click();
  await page.getByRole('combobox', { name: 'Kysymyksesi' }).pressSequentially(query, { delay: 10 });
  await page.getByRole('option').first().click();
  await page.getByText('Auttoiko tämä?').waitFor();
}

/** Window B, opened beside A: the visitor asks for a person there. */
async function windowBAsks(page: Page, origin: string, question: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: /Avaa chat/ }).click();
  await page.getByRole('combobox', { name: 'Kysymyksesi' }).fill(question);
  await page.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
  await page.getByText('Asiakaspalvelija liittyy keskusteluun pian').waitFor();
}

/** The visitor's card in the agent's queue: the one that names `question`, among what was asked before it. */
const card = (agent: Page, question: string | RegExp) => agent.getByRole('navigation').locator('.queue-item').filter({ hasText: question });

/** The agent opens the visitor's card and claims it; returns the transcript and composer. */
async function agentClaims(agent: Page, question: string) {
  await card(agent, question).locator('.queue-open').click();
  await agent.getByRole('button', { name: 'Claim' }).click();
  const reply = agent.getByLabel('Message');
  await expect.poll(() => reply.isEnabled()).toBe(true);
  return { transcript: agent.getByRole('log', { name: 'Transcript' }), reply };
}

describe.skipIf(missing)('two visible windows of one visitor, in Chromium', () => {
  const stage = useStage();

  it("window A, left on an FAQ answer, follows the chat window B started and hears the agent's reply", async () => {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    const windowA = await context.newPage();
    await windowAReadsAnAnswer(windowA, stage.server.origin, 'miten pesen villahuovan');
    const windowB = await context.newPage();
    const question = 'kaksi ikkunaa: villahuovan pesu';
    await windowBAsks(windowB, stage.server.origin, question);
    const agent = await (await stage.browser.newContext()).newPage();
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const { reply } = await agentClaims(agent, question);
    await reply.fill('Villahuovan voi pestä villaohjelmalla.');
    await reply.press('Enter');

    await windowB.getByText('Villahuovan voi pestä villaohjelmalla.').waitFor();
    await windowA.getByText('Villahuovan voi pestä villaohjelmalla.').waitFor({ timeout: 8_000 });
    expect((await stored(windowA))?.token).toBe((await stored(windowB))?.token);
  });

  it("a handoff from window A, which had not heard of B's chat, joins it: one card, the agent's words in both windows", async () => {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    const windowA = await context.newPage();
    // Window A hears no other window's storage event (one missed, or the flag already up): what
    // it does as its visitor asks for a person must find B's chat all the same.
    await windowA.addInitScript(() => addEventListener('storage', (e) => e.stopImmediatePropagation(), true));
    await windowAReadsAnAnswer(windowA, stage.server.origin, 'voinko vaihtaa villahuovan väriä');
    const windowB = await context.newPage();
    const question = 'kaksi ikkunaa: huovan väri';
    await windowBAsks(windowB, stage.server.origin, question);
    const agent = await (await stage.browser.newContext()).newPage();
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    await card(agent, question).waitFor();

    // In A, "No" under the answer: talk to a person.
    await windowA.getByRole('button', { name: 'Ei', exact: true }).click();
    await windowA.getByText('Asiakaspalvelija liittyy keskusteluun pian').waitFor();
    await agent.waitForTimeout(1_500);
    // One card for the visitor, with A's question in it too.
    const { transcript, reply } = await agentClaims(agent, question);
    await transcript.getByText('voinko vaihtaa villahuovan väriä').first().waitFor();
    expect(await card(agent, /väri/).count()).toBe(1);
    // Each step once, though both windows' handoffs carried it; one "joins soon" in each window.
    expect(await transcript.getByText('voinko vaihtaa villahuovan väriä').count()).toBe(1);
    expect(await windowA.getByText('Asiakaspalvelija liittyy keskusteluun pian').count()).toBe(1);
    expect(await windowB.getByText('Asiakaspalvelija liittyy keskusteluun pian').count()).toBe(1);
    await reply.fill('Hei, minkä värinen huopa?');
    await reply.press('Enter');
    await windowA.getByText('Hei, minkä värinen huopa?').waitFor();
    await windowB.getByText('Hei, minkä värinen huopa?').waitFor();
    const a = await stored(windowA);
    expect(a).toMatchObject({ token: (await stored(windowB))?.token, conversation: { id: (await stored(windowB))?.conversation?.id } });
    // A reload shows the one conversation.
    await windowA.reload();
    await windowA.getByRole('button', { name: /Avaa chat|Pienennä/ }).first().click();
    await windowA.getByText('Hei, minkä värinen huopa?').waitFor();
  });
});
