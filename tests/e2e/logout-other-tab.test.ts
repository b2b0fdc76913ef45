// Two tabs of the site in one browser, the customer named in both. The app brought along without
// the visitor asking (a chat going on, the site's identify) fetches no FAQ until its panel opens;
// and a logout, or another customer's login, in one tab makes the other forget his chat too.
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserMissing } from '../support/browser';
import { agentClaims, agentLogsIn } from './people';
import { DEMO_PASSWORD as PASSWORD, useStage } from './stage';

type Site = { Kohtaamo(cmd: string, ...args: unknown[]): void };
const MATTI = { name: 'Matti Meikäläinen', email: 'matti@example.fi' };
/** The FAQ's download: its search chunk and its data. */
const isFaq = (r: Request) => /\/api\/faq\?|\/widget\/chunks\/client-/.test(r.url());
const widgetText = (page: Page) => page.locator('#kohtaamo').evaluate((host) => host.shadowRoot!.textContent ?? '');
const liveFlag = (page: Page) => page.evaluate(() => localStorage.getItem('kohtaamo.live'));

describe.skipIf(browserMissing())('two tabs of a named customer, in Chromium', () => {
  const stage = useStage();

  /** Matti, named on every page of the site as it loads, asks for a person in a first tab. */
  async function mattiAsks(question: string) {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    await context.addInitScript((who) => {
      const w = window as unknown as { Kohtaamo: Site['Kohtaamo'] & { q?: unknown[] } };
      // The site's snippet, as the README gives it, queueing for widget.js.
      w.Kohtaamo ||= Object.assign(function () {
        (w.Kohtaamo.q ||= []).push(arguments);
      }, {});
      w.Kohtaamo('identify', who);
    }, MATTI);
    const first = await context.newPage();
    await first.goto(`${stage.server.origin}/`);
    await first.getByRole('button', { name: 'Avaa chat' }).click();
    await first.getByRole('combobox', { name: 'Kysymyksesi' }).fill(question);
    await first.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
    await first.getByText('Asiakaspalvelija liittyy keskusteluun pian').waitFor();
    await expect.poll(() => liveFlag(first)).toBe('1');
    return { context, first };
  }

  it('fetches no FAQ on a page that brings the chat along until the panel opens there', async () => {
    const { context } = await mattiAsks('MATTIQ faq odottaa');
    const second = await context.newPage();
    const faq: string[] = [];
    second.on('request', (r) => isFaq(r) && faq.push(r.url()));
    const app = second.waitForRequest((r) => r.url().includes('/widget/app.js'));
    await second.goto(`${stage.server.origin}/en/`);
    await app;
    // The chat came along (its transcript is there to open), the FAQ did not.
    await expect.poll(() => widgetText(second), { timeout: 10_000 }).toContain('MATTIQ faq odottaa');
    await second.waitForTimeout(500);
    expect(faq).toEqual([]);
    await second.getByRole('button', { name: 'Open chat' }).click();
    await expect.poll(() => faq.some((url) => url.includes('/api/faq?'))).toBe(true);
    await context.close();
  });

  it.each([
    ['logs out', null],
    ['is followed by another customer', { name: 'Pekka Puupää', email: 'pekka@example.fi' }],
  ])('makes the other tab forget his chat when he %s in one', async (_, next) => {
    const question = `MATTIQ toinen välilehti ${next ? 'B' : 'A'}`;
    const { context, first } = await mattiAsks(question);
    const second = await context.newPage();
    await second.goto(`${stage.server.origin}/en/`);
    await second.getByRole('button', { name: 'Open chat' }).click();
    await second.getByText(question).waitFor();

    await first.evaluate((who) => (window as unknown as Site).Kohtaamo('identify', who), next);
    await expect.poll(() => widgetText(second), { timeout: 10_000 }).not.toContain('MATTIQ');
    expect(await second.getByRole('button', { name: 'Open chat' }).getAttribute('aria-expanded')).toBe('false');

    // An agent takes the chat up now: no tab hears it, and no page brings it along again.
    const agent = await (await stage.browser.newContext()).newPage();
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    await agentClaims(agent, question);
    await second.waitForTimeout(1_000);
    expect(await liveFlag(second)).toBeNull();
    expect(await widgetText(second)).not.toContain('MATTIQ');
    await agent.context().close();
    await context.close();
  });

  // A page left open brings the app as the chat goes live in another tab (so the reply reaches a
  // visitor who goes back to it), but what it queued as it loaded said who was here *then*.
  it.each([
    ['a logged-out page from before his login', null, MATTI, 'Matti Meikäläinen'],
    ["the last customer's page, after his logout", MATTI, null, 'Anonymous visitor'],
  ])('keeps the chat, and whose it is, where %s is left open', async (_, then, now, named) => {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    const before = await context.newPage();
    await before.goto(`${stage.server.origin}/`);
    await before.getByRole('button', { name: 'Avaa chat' }).waitFor();
    await before.evaluate((who) => (window as unknown as Site).Kohtaamo('identify', who), then);
    const brought = before.waitForRequest((r) => r.url().includes('/widget/app.js'));
    const question = `vanha sivu auki ${now ? 'kirjautunut' : 'uloskirjautunut'}`;
    const first = await context.newPage();
    await first.goto(`${stage.server.origin}/`);
    await first.evaluate((who) => (window as unknown as Site).Kohtaamo('identify', who), now);
    await first.getByRole('button', { name: 'Avaa chat' }).click();
    await first.getByRole('combobox', { name: 'Kysymyksesi' }).fill(question);
    await first.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
    await brought;
    const agent = await (await stage.browser.newContext()).newPage();
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const { reply } = await agentClaims(agent, question);
    // The open conversation's heading: who the agent is told it is.
    await agent.getByRole('heading', { name: named, level: 2 }).waitFor();
    await reply.fill('Vastaus perille');
    await reply.press('Enter');
    await first.getByText('Vastaus perille').waitFor();
    // The page left open heard it too: the launcher counts it.
    await before.getByRole('button', { name: /^Avaa chat, 1 uusi viesti$/ }).waitFor();
    await agent.context().close();
    await context.close();
  });
});
