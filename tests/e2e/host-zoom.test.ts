// A site that zooms its whole page with `html { zoom: 1.5 }` (some sites do, and some
// accessibility extensions do it for their users). The widget's host sits beside <body>, in
// <html>, so it is zoomed too, and Chromium multiplies viewport units (vh, vw) by that zoom:
// a panel as tall as `100vh - 110px` came out 1.5 windows tall, its header with the close button
// above the top of the window. The panel stays inside the window at any zoom, its close button
// works, and its question field stays in view as the suggestions open.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { useStage } from './stage';
import { shown } from './shown';

const missing = browserMissing();


describe.skipIf(missing)('the panel on a zoomed page', () => {
  const stage = useStage();

  /** The demo store at `width` × `height` px with `html{zoom}`, its panel open. */
  async function open(zoom: number, width: number, height: number, phone = false) {
    // The demo store's policy allows no inline style: only this test's own rule gets past it.
    const context = await stage.browser.newContext({ locale: 'fi-FI', viewport: { width, height }, bypassCSP: true, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
    const page = await context.newPage();
    await page.goto(`${stage.server.origin}/`);
    await page.addStyleTag({ content: `html{zoom:${zoom}}` });
    const launcher = page.getByRole('button', { name: 'Avaa chat' });
    const box = (await launcher.boundingBox())!;
    expect(box.y + box.height, `the launcher's bottom at zoom ${zoom}`).toBeLessThanOrEqual(height);
    expect(box.x + box.width, `the launcher's right edge at zoom ${zoom}`).toBeLessThanOrEqual(width);
    await launcher.click();
    const panel = page.getByRole('dialog', { name: 'Asiakaspalvelu' });
    await panel.getByRole('combobox', { name: 'Kysymyksesi' }).waitFor();
    return { page, panel };
  }

  async function fits(page: Page, zoom: number) {
    const { width, height } = page.viewportSize()!;
    const panel = page.getByRole('dialog', { name: 'Asiakaspalvelu' });
    const box = (await panel.boundingBox())!;
    const when = `at zoom ${zoom} in ${width} × ${height} px`;
    expect(box.y, `the panel's top ${when}`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `the panel's bottom ${when}`).toBeLessThanOrEqual(height);
    expect(box.x, `the panel's left edge ${when}`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `the panel's right edge ${when}`).toBeLessThanOrEqual(width);
    expect(await shown(panel.getByRole('button', { name: 'Pienennä' })), `the close button ${when}`).toBeGreaterThanOrEqual(0.99);
    expect(await shown(panel.getByRole('combobox', { name: 'Kysymyksesi' })), `the question field ${when}`).toBeGreaterThanOrEqual(0.99);
  }

  it('fits a laptop window at zoom 1.25, 1.5 and 2, and its close button closes it', async () => {
    for (const zoom of [1.25, 1.5, 2]) {
      const { page, panel } = await open(zoom, 1280, 800);
      await fits(page, zoom);
      // A click where the close button shows: nothing of the page's is over it, and it is on screen.
      await panel.getByRole('button', { name: 'Pienennä' }).click({ timeout: 5_000 });
      await panel.waitFor({ state: 'hidden' });
      await page.context().close();
    }
  });

  it('keeps the question field in view at zoom 2 as the suggestions open', async () => {
    const { page, panel } = await open(2, 1280, 800);
    await panel.getByRole('combobox', { name: 'Kysymyksesi' }).fill('kauanko toimitus');
    await panel.getByRole('option').first().waitFor();
    await fits(page, 2);
    expect(await shown(panel.getByRole('option').first()), 'the first suggestion').toBeGreaterThanOrEqual(0.99);
  });

  it('covers a phone at zoom 1.5, its close button in view', async () => {
    const { page } = await open(1.5, 390, 844, true);
    await fits(page, 1.5);
  });
});
