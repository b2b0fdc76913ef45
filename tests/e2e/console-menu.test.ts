// The console's Menu on a phone (390 × 844), where the top bar's controls are behind it: a
// disclosure that closes once the focus goes on past it (Tab from its last control, a tap on the
// page) and on Escape, the focus then on Menu, as the WAI-ARIA disclosure navigation pattern has
// it. In Chromium: only a browser moves the focus by Tab and lays the menu out by its media query.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { agentLogsIn, visitorAsksForAPerson } from './people';
import { DEMO_PASSWORD, useStage } from './stage';

/** Where the focus is: in the menu, on Menu, or elsewhere (named by its text or id). */
const focus = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return 'body';
    if (e.closest('#topbar-menu')) return 'in menu';
    return e.classList.contains('topbar-menu-toggle') ? 'Menu' : e.id || e.textContent?.trim() || e.tagName;
  });

describe.skipIf(browserMissing())('the console menu on a phone', () => {
  const stage = useStage();

  it('closes when the focus leaves it by Tab or a tap, and on Escape, and stays open while the focus is in it or on Menu', async () => {
    await visitorAsksForAPerson(await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage(), stage.server.origin, 'valikon kysymys');
    const context = await stage.browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const agent = await context.newPage();
    await agentLogsIn(agent, stage.server.origin, DEMO_PASSWORD);
    const menu = agent.getByRole('button', { name: 'Menu' });
    const sound = agent.getByRole('button', { name: 'Sound' });
    await menu.waitFor();
    const open = async () => (await menu.getAttribute('aria-expanded')) === 'true' && (await sound.isVisible());

    // By keyboard: Menu opens it; Tab goes into it, Shift+Tab back to Menu, and it stays open.
    await menu.focus();
    await agent.keyboard.press('Enter');
    expect(await open()).toBe(true);
    await agent.keyboard.press('Tab');
    expect(await focus(agent)).toBe('in menu');
    await agent.keyboard.press('Shift+Tab');
    expect(await focus(agent)).toBe('Menu');
    expect(await open()).toBe(true);

    // Tab through its controls and on past the last: it closes behind the focus.
    await agent.keyboard.press('Tab');
    for (let tabs = 0; (await focus(agent)) === 'in menu' && tabs < 12; tabs++) {
      expect(await open(), 'open while the focus is in it').toBe(true);
      await agent.keyboard.press('Tab');
    }
    expect(await focus(agent)).not.toMatch(/^(in menu|Menu|body)$/);
    await expect.poll(open).toBe(false);

    // Shift+Tab from Menu, with it open, goes back past it: closed too.
    await menu.focus();
    await agent.keyboard.press('Enter');
    expect(await open()).toBe(true);
    await agent.keyboard.press('Shift+Tab');
    expect(await focus(agent)).not.toBe('Menu');
    await expect.poll(open).toBe(false);

    // Escape on Menu itself, and from inside it: closed, the focus on Menu.
    await menu.focus();
    await agent.keyboard.press('Enter');
    await agent.keyboard.press('Escape');
    expect(await open()).toBe(false);
    expect(await focus(agent)).toBe('Menu');
    await agent.keyboard.press('Enter');
    await sound.focus();
    await agent.keyboard.press('Escape');
    expect(await open()).toBe(false);
    expect(await focus(agent)).toBe('Menu');

    // By touch: a tap on the menu's own words leaves it open; a tap on the page closes it.
    await menu.tap();
    expect(await open()).toBe(true);
    await agent.locator('#topbar-menu .agent-name').tap();
    expect(await open()).toBe(true);
    await agent.getByText(/^Alt\+↑/).tap();
    await expect.poll(open).toBe(false);
    // And a control in it still works from a tap.
    await menu.tap();
    await sound.tap();
    expect(await sound.getAttribute('aria-pressed')).toBe('false');

    // A tap on a card with the menu open closes it and opens the card's conversation: the menu lies
    // over the page, so closing it moves nothing from under the finger.
    expect(await open()).toBe(true);
    await agent.getByRole('navigation').getByText('valikon kysymys').first().tap();
    expect(await open()).toBe(false);

    // A control that makes way for another as it is pressed (Log out, asking first while the agent
    // holds a conversation) leaves the menu open, the focus on what took its place.
    await agent.getByRole('button', { name: 'Claim' }).tap();
    await agent.getByRole('button', { name: 'Close conversation' }).waitFor();
    await agent.getByRole('button', { name: 'Back to the queue' }).tap();
    if (!(await open())) await menu.tap();
    await agent.getByRole('button', { name: 'Log out' }).tap();
    const cancel = agent.getByRole('group', { name: /Log out/ }).getByRole('button', { name: 'Cancel' });
    await expect.poll(() => agent.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    expect(await cancel.isVisible()).toBe(true);
    expect(await open()).toBe(true);
    await cancel.tap();
    await expect.poll(() => agent.evaluate(() => document.activeElement?.textContent)).toBe('Log out');
    expect(await open()).toBe(true);
    // Escape in the question cancels the question only; the next one closes the menu.
    await agent.keyboard.press('Enter');
    await expect.poll(() => agent.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await agent.keyboard.press('Escape');
    await expect.poll(() => agent.evaluate(() => document.activeElement?.textContent)).toBe('Log out');
    expect(await open()).toBe(true);
    await agent.keyboard.press('Escape');
    expect(await open()).toBe(false);
    expect(await focus(agent)).toBe('Menu');
    await context.close();
  });
});
