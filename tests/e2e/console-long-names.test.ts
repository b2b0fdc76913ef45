// The console with a visitor whose name and email are long, the email one unbroken word (a site
// passes both with identify): on a phone (390 × 844) and a desktop (1280 × 800), nothing runs off
// its column or makes the page scroll sideways; on the desktop the conversation's buttons stay on
// one line beside the name, which wraps. Beside them, the Report's period is a button's height, and
// a closed conversation's card in the search results has its stripe, as the queue's cards have.
// In Chromium: only a browser lays out the grid's tracks.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { agentLogsIn } from './people';
import { DEMO_PASSWORD, useStage } from './stage';

const NAME = 'Jean-Baptiste Emmanuel Zorg de la Fontaine';
const EMAIL = 'jean.baptiste.emmanuel.zorg@verylongcompanydomainname-international.example.com';
// Named by email alone: the email is then the conversation's title and the card's visitor line.
const ONLY_EMAIL = 'mariakristiina.vahasarjakyllonen@kotipesaasiakkaatesimerkkiinternational.fi';

type Site = { Kohtaamo(cmd: string, ...args: unknown[]): void };

/** A visitor the site has named asks the bot, then for a person. */
async function namedVisitorAsks(browser: Browser, origin: string, who: { name?: string; email: string }, question: string): Promise<void> {
  const visitor = await (await browser.newContext({ locale: 'fi-FI' })).newPage();
  await visitor.goto(`${origin}/`);
  await visitor.evaluate((w) => (window as unknown as Site).Kohtaamo('identify', w), who);
  await visitor.getByRole('button', { name: 'Avaa chat' }).click();
  await visitor.getByRole('combobox', { name: 'Kysymyksesi' }).fill(question);
  await visitor.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
  await visitor.getByText('Asiakaspalvelija liittyy keskusteluun pian').waitFor();
}

/** The page scrolls sideways by this much (0: not at all). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * The text in each `selector` box that runs past that box's left or right edge, with how far: the
 * glyphs' own boxes, as a grid track grown to a long word lays them out beyond the column.
 */
const outside = (page: Page, selector: string) =>
  page.evaluate((selector) => {
    const found: string[] = [];
    for (const box of document.querySelectorAll(selector)) {
      const edge = box.getBoundingClientRect();
      if (edge.width === 0) continue;
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width === 0) continue;
          const past = Math.max(r.right - edge.right, edge.left - r.left);
          if (past > 0.5) found.push(`${selector}: "${node.textContent.trim().slice(0, 30)}" ${Math.round(past)} px out`);
        }
      }
    }
    return found;
  }, selector);

/** Whether the elements' boxes share one line: each one's vertical middle within the others' height. */
const oneLine = (page: Page, selectors: string[]) =>
  page.evaluate((selectors) => {
    const boxes = selectors.map((s) => document.querySelector(s)!.getBoundingClientRect());
    return boxes.every((a) => boxes.every((b) => a.top + a.height / 2 > b.top && a.top + a.height / 2 < b.bottom));
  }, selectors);

describe.skipIf(browserMissing())('the console with long visitor names and emails', () => {
  const stage = useStage();

  it('keeps them in their columns on a desktop, the buttons on one line beside the name', async () => {
    const origin = stage.server.origin;
    await namedVisitorAsks(stage.browser, origin, { name: NAME, email: EMAIL }, 'pitkän nimen kysymys');
    await namedVisitorAsks(stage.browser, origin, { email: ONLY_EMAIL }, 'pelkän sähköpostin kysymys');
    const agent = await (await stage.browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } })).newPage();
    await agentLogsIn(agent, origin, DEMO_PASSWORD);
    const queue = agent.getByRole('navigation');
    await queue.getByText('pelkän sähköpostin kysymys').waitFor();
    expect(await outside(agent, '.queue-item')).toEqual([]);

    for (const { question, title, email } of [
      { question: 'pitkän nimen kysymys', title: NAME, email: EMAIL },
      { question: 'pelkän sähköpostin kysymys', title: ONLY_EMAIL, email: ONLY_EMAIL },
    ]) {
      await queue.getByText(question).first().click();
      await agent.getByRole('heading', { name: title }).waitFor();
      await agent.getByRole('complementary').getByRole('link', { name: email }).waitFor();
      expect(await sideways(agent), title).toBe(0);
      expect(await outside(agent, '.side .summary'), title).toEqual([]);
      expect(await outside(agent, '.conversation-head'), title).toEqual([]);
      expect(await outside(agent, '.transcript'), title).toEqual([]);
      // Claim and Close side by side, on the line of the name's first row.
      expect(await oneLine(agent, ['.conversation-head .actions button.primary', '.conversation-head .actions button.danger']), title).toBe(true);
      expect(await oneLine(agent, ['#conversation-title', '.conversation-head .actions']), title).toBe(true);
    }

    // Closed, and found by the email: the result's card as the queue's, its text where theirs is.
    await agent.getByRole('button', { name: 'Close conversation' }).click();
    // Asked first if the console counts the visitor's question as waiting for a reply.
    const anyway = agent.getByRole('button', { name: 'Close anyway' });
    await anyway.or(agent.locator('.conversation-head .status.closed')).waitFor();
    if (await anyway.isVisible()) await anyway.click();
    await agent.getByRole('navigation').getByText('pelkän sähköpostin kysymys').waitFor({ state: 'detached' });
    const search = agent.getByRole('searchbox');
    await search.fill('vahasarjakyllonen');
    await search.press('Enter');
    const results = agent.getByRole('region', { name: /Search results/ });
    await results.getByRole('listitem').first().waitFor();
    expect(await sideways(agent)).toBe(0);
    expect(await outside(agent, '.search-results .queue-item')).toEqual([]);
    await results.getByText('Closed', { exact: false }).waitFor();
    const starts = await agent.evaluate(() =>
      [...document.querySelectorAll('.queue-item .queue-title')].map((e) => e.getBoundingClientRect().left),
    );
    expect(starts).toHaveLength(2);
    expect(new Set(starts).size).toBe(1);

    // The Report's period: a control of the buttons' height, on their line.
    await agent.getByRole('button', { name: 'Report' }).click();
    const period = agent.getByRole('combobox', { name: 'Period' });
    const back = agent.getByRole('button', { name: 'Back to conversations' });
    await period.waitFor();
    const [select, button] = [(await period.boundingBox())!, (await back.boundingBox())!];
    expect(Math.abs(select.height - button.height)).toBeLessThanOrEqual(1);
    expect(Math.abs(select.y + select.height / 2 - (button.y + button.height / 2))).toBeLessThanOrEqual(1);
  });

  it('has nothing wider than a phone', async () => {
    const origin = stage.server.origin;
    await namedVisitorAsks(stage.browser, origin, { name: NAME, email: EMAIL }, 'puhelimen pitkä nimi');
    await namedVisitorAsks(stage.browser, origin, { email: ONLY_EMAIL }, 'puhelimen pitkä sähköposti');
    const context = await stage.browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const agent = await context.newPage();
    await agentLogsIn(agent, origin, DEMO_PASSWORD);
    const queue = agent.getByRole('navigation');
    await queue.getByText('puhelimen pitkä sähköposti').waitFor();
    expect(await sideways(agent)).toBe(0);
    expect(await outside(agent, '.queue-item')).toEqual([]);

    for (const { question, title, email } of [
      { question: 'puhelimen pitkä nimi', title: NAME, email: EMAIL },
      { question: 'puhelimen pitkä sähköposti', title: ONLY_EMAIL, email: ONLY_EMAIL },
    ]) {
      await queue.getByText(question).first().tap();
      await agent.getByRole('heading', { name: title }).waitFor();
      await agent.getByRole('complementary').getByRole('link', { name: email }).waitFor();
      expect(await sideways(agent), title).toBe(0);
      expect(await outside(agent, '.side .summary'), title).toEqual([]);
      expect(await outside(agent, '.conversation-head'), title).toEqual([]);
      expect(await outside(agent, '.transcript'), title).toEqual([]);
      await agent.getByRole('button', { name: 'Back to the queue' }).tap();
      await queue.waitFor();
    }
  });
});
