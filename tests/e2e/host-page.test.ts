// The launcher on host pages whose own CSS is not written with a widget in mind, in Chromium:
// ordinary rules for the page's elements reach the widget's host `<div>` and must not move,
// hide or mirror it. Each page is served from the server's origin, so the app and its socket
// work as on a site.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { useStage } from './stage';

const missing = browserMissing();
const VIEWPORT = { width: 1000, height: 700 };
/** Enough page to scroll 1,500 px. */
const LONG = '<main><div><p>Tuotteet</p></div><div style="height:3000px"></div></main>';

describe.skipIf(missing)('the launcher on host pages with their own CSS, in Chromium', () => {
  const stage = useStage();

  /** Opens a page with the script tag in its head, `css` in a style element and `body` as its content. */
  async function hostPage(css: string, body: string, dir = 'ltr'): Promise<Page> {
    const context = await stage.browser.newContext({ locale: 'fi-FI', viewport: VIEWPORT });
    const url = `${stage.server.origin}/host-page-test`;
    const html = `<!doctype html><html lang="fi" dir="${dir}"><head><meta charset="utf-8"><style>${css}</style>
<script src="/widget.js" async></script></head><body>${body}</body></html>`;
    await context.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Avaa chat' }).waitFor();
    return page;
  }

  /** Where the launcher is in the viewport: its right and bottom gaps, and its size. */
  async function launcherPlace(page: Page) {
    const launcher = page.getByRole('button', { name: /Avaa chat|Pienennä chat/ });
    const box = (await launcher.count()) ? await launcher.boundingBox() : null;
    if (!box) return 'not rendered';
    return { right: Math.round(VIEWPORT.width - box.x - box.width), bottom: Math.round(VIEWPORT.height - box.y - box.height), width: box.width, height: box.height };
  }
  const CORNER = { right: 20, bottom: 20, width: 56, height: 56 };

  it('stays in the corner and opens in sight on a long page whose divs are position:relative', async () => {
    const page = await hostPage('div{position:relative}', LONG);
    await page.mouse.wheel(0, 1500);
    await expect.poll(() => page.evaluate(() => scrollY)).toBe(1500);
    expect(await launcherPlace(page)).toEqual(CORNER);
    await page.getByRole('button', { name: 'Avaa chat' }).click();
    const close = await page.getByRole('button', { name: 'Pienennä', exact: true }).boundingBox();
    expect(close!.y).toBeGreaterThanOrEqual(0);
    expect(close!.y + close!.height).toBeLessThanOrEqual(VIEWPORT.height);
  });

  it('stays in the corner under a reset of every element, and shows under div:empty{display:none}', async () => {
    const rules = ['*{all:revert}', 'div:empty{display:none}', 'div{width:100%;margin:0 auto;top:0;transform:translateX(-50%)}'];
    const places: Record<string, unknown> = {};
    for (const css of rules) {
      const page = await hostPage(css, LONG);
      places[css] = await launcherPlace(page);
      await page.context().close();
    }
    expect(places).toEqual(Object.fromEntries(rules.map((css) => [css, CORNER])));
  });

  it('stays in the corner, scrolled, on a page whose body has a transform or a filter, and stays when the body is replaced', async () => {
    const places: Record<string, unknown> = {};
    for (const css of ['body{transform:translateZ(0)}', 'body{filter:saturate(1.1)}']) {
      const page = await hostPage(css, LONG);
      await page.mouse.wheel(0, 1500);
      await expect.poll(() => page.evaluate(() => scrollY)).toBe(1500);
      places[css] = await launcherPlace(page);
      await page.evaluate(() => (document.body.innerHTML = '<p>Seuraava sivu</p>'));
      places[`${css}, body replaced`] = await launcherPlace(page);
      await page.context().close();
    }
    expect(places).toEqual(Object.fromEntries(Object.keys(places).map((page) => [page, CORNER])));
  });

  it('is still themed and moved by the custom properties a site sets on #kohtaamo', async () => {
    const page = await hostPage('#kohtaamo{--kohtaamo-offset:40px;--kohtaamo-accent:rgb(0, 80, 40)}', LONG);
    expect(await launcherPlace(page)).toEqual({ ...CORNER, right: 40, bottom: 40 });
    expect(await page.getByRole('button', { name: 'Avaa chat' }).evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(0, 80, 40)');
  });

  it('speaks left to right on a right-to-left page: the header is not mirrored', async () => {
    const page = await hostPage('', LONG, 'rtl');
    await page.getByRole('button', { name: 'Avaa chat' }).click();
    const title = await page.getByRole('heading', { name: 'Asiakaspalvelu' }).boundingBox();
    const close = await page.getByRole('button', { name: 'Pienennä', exact: true }).boundingBox();
    expect(close!.x).toBeGreaterThan(title!.x);
    expect(await page.getByRole('combobox', { name: 'Kysymyksesi' }).evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  });
});
