// Where the keyboard's focus is as the console's login form comes and goes, at a desktop's width.
// In a real browser: `autofocus` is acted on once per document, so only a browser tells the form
// of the page's first load from the one drawn again after a logout (happy-dom does neither).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { DEMO_PASSWORD, useStage } from './stage';

/** What has the focus: the page's body, or an element by its id or name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    return !e || e === document.body ? 'body' : e.id || e.getAttribute('name') || e.tagName;
  });

/** Logs in by keyboard only, as the agent does, from the Login box having the focus. */
async function typeLogin(page: Page): Promise<void> {
  await page.keyboard.type('demo');
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
}

describe.skipIf(browserMissing())('the focus as the agent logs in and out', () => {
  const stage = useStage();

  it('is in the Login box, then on the queue, and in the Login box again after Log out', async () => {
    const context = await stage.browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const agent = await context.newPage();
    await agent.goto(`${stage.server.origin}/console/`);
    await expect.poll(() => focused(agent)).toBe('login');
    await typeLogin(agent);
    await expect.poll(() => focused(agent)).toBe('queue-title');

    await agent.getByRole('button', { name: 'Log out' }).focus();
    await agent.keyboard.press('Enter');
    await agent.getByRole('button', { name: 'Log in' }).waitFor();
    await expect.poll(() => focused(agent)).toBe('login');
    // And the agent can log in again without reaching for the mouse.
    await typeLogin(agent);
    await expect.poll(() => focused(agent)).toBe('queue-title');
    await context.close();
  });
});
