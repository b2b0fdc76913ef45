// The launcher in forced colours (Windows' contrast themes), which drop grounds and shadows: the
// accent-coloured circle was the button's only edge, and without it the icon floated on the page
// with nothing to show where to click. Its border is drawn there, in the theme's colour.
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { useStage } from './stage';

const missing = browserMissing();

/** The button's border as Chromium draws it (its width, 0 when none or transparent) and its size. */
const edge = (button: Locator) =>
  button.evaluate((el) => {
    const style = getComputedStyle(el);
    const colour = style.borderTopColor;
    const shows = style.borderTopStyle !== 'none' && colour !== 'transparent' && !/rgba\(.*, 0\)$/.test(colour);
    const box = el.getBoundingClientRect();
    return { border: shows ? parseFloat(style.borderTopWidth) : 0, colour, page: getComputedStyle(document.body).backgroundColor, size: [box.width, box.height] };
  });

describe.skipIf(missing)('the launcher in forced colours', () => {
  const stage = useStage();

  it('has an edge in the theme’s colour, and looks as before otherwise', async () => {
    const page = await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage();
    await page.goto(`${stage.server.origin}/`);
    const launcher = page.getByRole('button', { name: 'Avaa chat' });
    await launcher.waitFor();
    const plain = await edge(launcher);
    expect(plain.border, 'no border seen in the normal colours').toBe(0);
    expect(plain.size).toEqual([56, 56]);

    await page.emulateMedia({ forcedColors: 'active' });
    const forced = await edge(launcher);
    expect(forced.border, 'the border drawn in forced colours').toBeGreaterThanOrEqual(2);
    expect(forced.colour, 'in a colour other than the page’s').not.toBe(forced.page);
    expect(forced.size).toEqual([56, 56]);
  });
});
