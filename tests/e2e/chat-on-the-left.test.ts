// A site that has its own thing in the bottom-right corner (a "back to top" button, a cookie
// banner, another vendor's widget) puts the chat on the left with one custom property on the
// host, `#kohtaamo { --kohtaamo-left: 24px }`: the launcher sits that far from the left edge and
// the panel opens above it on the same side. Without it nothing moves. Read in Chromium, where
// the boxes are laid out (happy-dom lays nothing out).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { useStage } from './stage';

const missing = browserMissing();
const LEFT = '#kohtaamo{--kohtaamo-left:24px}';

describe.skipIf(missing)('the chat on the left', () => {
  const stage = useStage();

  /** The demo store in a window of `width` × `height` px with `css`, a rule of the site's, added. */
  async function store(width: number, height: number, css: string, phone = false): Promise<Page> {
    // The demo store's policy allows no inline style: only this test's own rule gets past it.
    const context = await stage.browser.newContext({ locale: 'fi-FI', viewport: { width, height }, bypassCSP: true, isMobile: phone, hasTouch: phone });
    const page = await context.newPage();
    await page.goto(`${stage.server.origin}/`);
    if (css) await page.addStyleTag({ content: css });
    return page;
  }

  /** The launcher's gaps to the window's left, right and bottom edges, and its size. */
  async function launcherPlace(page: Page, width: number, height: number) {
    const box = (await page.getByRole('button', { name: 'Avaa chat' }).boundingBox())!;
    return { left: Math.round(box.x), right: Math.round(width - box.x - box.width), bottom: Math.round(height - box.y - box.height), size: [box.width, box.height] };
  }

  /** Opens the panel; its gaps to the window's left and right edges, and where its bottom is. */
  async function openPanel(page: Page, width: number) {
    await page.getByRole('button', { name: 'Avaa chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Asiakaspalvelu' });
    await panel.getByRole('combobox', { name: 'Kysymyksesi' }).waitFor();
    const box = (await panel.boundingBox())!;
    return { left: Math.round(box.x), right: Math.round(width - box.x - box.width), width: box.width, bottom: Math.round(box.y + box.height) };
  }

  it('puts the launcher bottom-left and opens the panel above it on the left; without the property both stay on the right', async () => {
    const left = await store(1000, 700, LEFT);
    expect(await launcherPlace(left, 1000, 700)).toEqual({ left: 24, right: 920, bottom: 20, size: [56, 56] });
    expect(await openPanel(left, 1000)).toEqual({ left: 24, right: 596, width: 380, bottom: 608 });

    const right = await store(1000, 700, '');
    expect(await launcherPlace(right, 1000, 700)).toEqual({ left: 924, right: 20, bottom: 20, size: [56, 56] });
    expect(await openPanel(right, 1000)).toEqual({ left: 600, right: 20, width: 380, bottom: 608 });
  });

  it("stays on the left on a right-to-left page whose rules for divs would place the host, and --kohtaamo-offset still sets the bottom gap", async () => {
    const page = await store(1000, 700, `${LEFT}#kohtaamo{--kohtaamo-offset:40px}html{direction:rtl}div{left:0;right:0;width:100%;margin:0 auto}`);
    expect(await launcherPlace(page, 1000, 700)).toEqual({ left: 24, right: 920, bottom: 40, size: [56, 56] });
    expect((await openPanel(page, 1000)).left).toBe(24);
  });

  it('keeps clear of a notch on the left of a phone held sideways, and on a phone upright the panel still covers the screen', async () => {
    const sideways = await store(844, 390, LEFT, true);
    const html = readFileSync(new URL('../../demo/site/index.html', import.meta.url), 'utf8').replace('initial-scale=1', 'initial-scale=1, viewport-fit=cover');
    await sideways.route(`${stage.server.origin}/cover`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await (await sideways.context().newCDPSession(sideways)).send('Emulation.setSafeAreaInsetsOverride', { insets: { top: 0, bottom: 21, left: 47, right: 47 } });
    await sideways.goto(`${stage.server.origin}/cover`);
    await sideways.addStyleTag({ content: LEFT });
    expect(await launcherPlace(sideways, 844, 390)).toEqual({ left: 24 + 47, right: 844 - 71 - 56, bottom: 20 + 21, size: [56, 56] });
    expect((await openPanel(sideways, 844)).left, 'the panel beside the notch').toBe(24 + 47);

    const upright = await store(360, 740, LEFT, true);
    expect(await launcherPlace(upright, 360, 740)).toEqual({ left: 24, right: 280, bottom: 20, size: [56, 56] });
    expect(await openPanel(upright, 360)).toEqual({ left: 0, right: 0, width: 360, bottom: 740 });
  });
});
