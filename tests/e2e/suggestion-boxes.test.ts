// The suggestions' boxes as Chromium lays them out, where a reviewer's screenshots found them
// wrong: on a touch screen a one-line suggestion was 60px with its words at the top, and in a
// short window (200 %) the question field's focus ring covered the hint under it.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { useStage } from './stage';

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
});
