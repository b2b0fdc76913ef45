// The agent console on a phone (390 × 844): the queue and the conversation take the screen by
// turns. A tapped card shows its conversation at the top of the screen, with Back to the queue;
// Back shows the queue again, the focus on the card left. The top bar is one row.
import { describe, expect, it } from 'vitest';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { agentLogsIn, visitorAsksForAPerson } from './people';
import { DEMO_PASSWORD, useStage } from './stage';
import { shown } from './shown';

const missing = browserMissing();

async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.map((v) => `${v.impact}: ${v.id} — ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(missing)('the console on a phone', () => {
  const stage = useStage();

  it('shows the conversation a card opens, and Back returns to the queue, by touch and by keyboard', async () => {
    const origin = stage.server.origin;
    for (const question of ['puhelimen ensimmäinen kysymys', 'puhelimen toinen kysymys', 'puhelimen kolmas kysymys']) {
      await visitorAsksForAPerson(await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage(), origin, question);
    }
    const context = await stage.browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
    const agent = await context.newPage();
    await agentLogsIn(agent, origin, DEMO_PASSWORD);
    const queue = agent.getByRole('navigation');
    const card = queue.getByRole('button', { name: /puhelimen kolmas kysymys/ });
    await card.waitFor();

    // One row of top bar, its controls behind Menu; nothing wider than the phone.
    expect((await agent.getByRole('banner').boundingBox())?.height).toBeLessThanOrEqual(56);
    expect(await agent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await violations(agent), 'queue on a phone').toEqual([]);

    // The card lowest in the queue: its conversation fills the screen, from the top, the queue gone.
    await card.tap();
    const heading = agent.getByRole('heading', { name: 'Anonymous visitor' });
    await heading.waitFor();
    expect(await agent.evaluate(() => scrollY)).toBe(0);
    expect(await shown(heading)).toBeGreaterThanOrEqual(0.99);
    expect(await agent.getByRole('log', { name: 'Transcript' }).getByText('puhelimen kolmas kysymys').first().isVisible()).toBe(true);
    expect(await queue.isVisible()).toBe(false);
    await expect.poll(() => agent.evaluate(() => document.activeElement?.id)).toBe('conversation-title');
    expect(await violations(agent), 'conversation on a phone').toEqual([]);

    // Back, from the keyboard: the queue, the focus on the card of the conversation left.
    const back = agent.getByRole('button', { name: 'Back to the queue' });
    await back.focus();
    await agent.keyboard.press('Enter');
    await queue.waitFor();
    expect(await agent.getByRole('heading', { name: 'Anonymous visitor' }).isVisible()).toBe(false);
    // The focus moves in an effect after the queue is painted: a frame later on a busy machine.
    await expect.poll(() => agent.evaluate(() => document.activeElement?.getAttribute('aria-current'))).toBe('true');
    expect(await agent.evaluate(() => document.activeElement?.textContent)).toContain('puhelimen kolmas kysymys');
    expect(await shown(card)).toBeGreaterThanOrEqual(0.99);

    // The same card again (the conversation still selected) shows it again; Back by touch.
    await card.tap();
    await heading.waitFor();
    await back.tap();
    await queue.waitFor();

    // Menu: the bar's controls, Escape closes it with the focus on Menu.
    const menu = agent.getByRole('button', { name: 'Menu' });
    await menu.tap();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await agent.getByRole('button', { name: 'Sound' }).waitFor();
    expect(await violations(agent), 'menu open on a phone').toEqual([]);
    await agent.getByRole('button', { name: 'Sound' }).focus();
    await agent.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await agent.evaluate(() => document.activeElement?.textContent)).toBe('Menu');
  });

  it('keeps the desktop layout: queue, conversation and details side by side, no Back, no Menu', async () => {
    // A tracking link is one long word: the details pane wraps it rather than hide the question's end.
    const question = 'missä paketti on https://www.posti.fi/fi/seuranta#/lahetys/JJFI64234500012345678901234567 kiitos';
    await visitorAsksForAPerson(await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage(), stage.server.origin, question);
    const agent = await (await stage.browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } })).newPage();
    await agentLogsIn(agent, stage.server.origin, DEMO_PASSWORD);
    await agent.getByRole('navigation').getByText(question).first().click();
    await agent.getByRole('heading', { name: 'Anonymous visitor' }).waitFor();
    const boxes = await agent.evaluate(() => ['.queue', '.conversation', '.side'].map((s) => document.querySelector(s)!.getBoundingClientRect().top));
    expect(new Set(boxes).size).toBe(1);
    const side = await agent.evaluate(() => {
      const pane = document.querySelector('.side')!;
      return { scroll: pane.scrollWidth, client: pane.clientWidth };
    });
    expect(side.scroll).toBeLessThanOrEqual(side.client);
    expect(await agent.getByRole('button', { name: 'Back to the queue' }).count()).toBe(0);
    expect(await agent.getByRole('button', { name: 'Menu' }).count()).toBe(0);
    expect(await agent.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
  });
});
