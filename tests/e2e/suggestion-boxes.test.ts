// The suggestions' boxes as Chromium lays them out, where a reviewer's screenshots found them
// wrong: on a touch screen a one-line suggestion was 60px with its words at the top, and in a
// short window (200 %) the question field's focus ring covered the hint under it, and on a page
// zoomed with `html{zoom:2}` the conversation kept a cut strip of the greeting while the list
// showed one suggestion of three, with nothing to say there were more.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { useStage } from './stage';
import { shown } from './shown';

const missing = browserMissing();

type Box = { top: number; bottom: number };
const box = (el: Locator): Promise<Box> => el.evaluate((e) => ({ top: e.getBoundingClientRect().top, bottom: e.getBoundingClientRect().bottom }));

describe.skipIf(missing)('the suggestions’ boxes', () => {
  const stage = useStage();

  /** The demo store's panel open in `page`, its suggestions for `question` shown. */
  async function suggest(page: Page, question: string) {
    await page.goto(`${stage.server.origin}/`);
    await page.getByRole('button', { name: 'Avaa chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Asiakaspalvelu' });
    const field = panel.getByRole('combobox', { name: 'Kysymyksesi' });
    await field.fill(question);
    await panel.getByRole('option').first().waitFor();
    return { panel, field };
  }

  it('on a phone are 44px to tap, a one-line suggestion with its words in the middle', async () => {
    const context = await stage.browser.newContext({ locale: 'fi-FI', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const { panel } = await suggest(await context.newPage(), 'kauanko toimitus');
    const options = await panel.getByRole('option').all();
    let oneLine = 0;
    for (const option of options) {
      // The option's box, and its words' (the text's own lines, without the padding).
      const { outer, words, lines } = await option.evaluate((e) => {
        const range = document.createRange();
        range.selectNodeContents(e);
        const r = range.getBoundingClientRect();
        const o = e.getBoundingClientRect();
        return { outer: { top: o.top, bottom: o.bottom }, words: { top: r.top, bottom: r.bottom }, lines: range.getClientRects().length };
      });
      const name = await option.textContent();
      expect(outer.bottom - outer.top, `${name}: its height`).toBeGreaterThanOrEqual(44);
      if (lines > 1) continue;
      oneLine++;
      expect(outer.bottom - outer.top, `${name}: its height`).toBeLessThan(45);
      expect(Math.abs(words.top - outer.top - (outer.bottom - words.bottom)), `${name}: room above its words and below`).toBeLessThanOrEqual(3);
    }
    expect(oneLine, 'one-line suggestions').toBeGreaterThan(0);
    await context.close();
  });

  it('in a short window (1280 × 800 at 200 %) leave the hint clear of the question field’s focus ring', async () => {
    const context = await stage.browser.newContext({ locale: 'fi-FI', viewport: { width: 640, height: 400 } });
    const { panel, field } = await suggest(await context.newPage(), 'kauanko toimitus');
    const hint = panel.getByText('Valitse vastaus nuolinäppäimillä ja Enterillä.');
    // How far the ring reaches out of the field as the browser draws it.
    const ring = await field.evaluate((e) => {
      const s = getComputedStyle(e);
      return e.matches(':focus-visible') ? parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth) : -1;
    });
    expect(ring, 'the focus ring').toBeGreaterThan(0);
    const [f, h, l] = [await box(field), await box(hint), await box(panel.getByRole('listbox'))];
    // The suggestions come under the field here, so that it stays in view: the hint between them.
    expect(h.top, 'the hint under the field, clear of its ring').toBeGreaterThanOrEqual(f.bottom + ring);
    expect(l.top, 'the suggestions under the hint').toBeGreaterThanOrEqual(h.bottom);
    await context.close();
  });

  it('on a page zoomed to 2 show two suggestions of three, the conversation out of their way, and a shade where more are below', async () => {
    // The demo store's policy allows no inline style: only this test's own rule gets past it.
    const context = await stage.browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${stage.server.origin}/`);
    await page.addStyleTag({ content: 'html{zoom:2}' });
    await page.getByRole('button', { name: 'Avaa chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Asiakaspalvelu' });
    const greeting = panel.getByText('Hei! Kirjoita kysymyksesi');
    await greeting.waitFor();
    expect(await shown(greeting), 'the greeting before the question').toBeGreaterThanOrEqual(0.99);
    await panel.getByRole('combobox', { name: 'Kysymyksesi' }).fill('kauanko toimitus kestää');
    const options = panel.getByRole('option');
    await expect.poll(() => options.count()).toBe(3);
    // The conversation gives way to the suggestions wholly, not down to a strip with half a line in it.
    const left = await shown(greeting);
    expect(left === 0 || left >= 0.99, `the greeting shows ${left} of itself`).toBe(true);
    expect(await shown(options.nth(0)), 'the first suggestion').toBeGreaterThanOrEqual(0.99);
    expect(await shown(options.nth(1)), 'the second suggestion').toBeGreaterThanOrEqual(0.99);
    const list = panel.getByRole('listbox');
    expect(await list.evaluate((e) => e.scrollHeight > e.clientHeight + 1), 'the list scrolls').toBe(true);

    // The list's ground near its top and near its bottom, left of the suggestions (in its padding),
    // above the rounded corner: shaded at the bottom while more are below, white at the end.
    const grey = async (at: 'top' | 'bottom') => {
      const r = (await list.boundingBox())!;
      const png = await page.screenshot({ clip: { x: r.x + 6, y: at === 'top' ? r.y + 14 : r.y + r.height - 14, width: 1, height: 1 } });
      return page.evaluate(async (bytes) => {
        const image = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(1, 1).getContext('2d')!;
        canvas.drawImage(image, 0, 0);
        return canvas.getImageData(0, 0, 1, 1).data[1]!;
      }, [...png]);
    };
    expect(await grey('top'), 'the ground at the top').toBeGreaterThanOrEqual(250);
    expect(await grey('bottom'), 'the ground at the bottom, more below').toBeLessThan(240);
    await list.evaluate((e) => (e.scrollTop = e.scrollHeight));
    await expect.poll(() => grey('bottom'), { message: 'the ground at the bottom, at the end' }).toBeGreaterThanOrEqual(250);
    await context.close();
  });
});
