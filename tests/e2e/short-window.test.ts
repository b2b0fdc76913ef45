// The panel in a short window wider than a phone's: a laptop's window made short, or zoomed to
// 200 %. The panel fits the window, its header (the title and the close button) in view, and the
// conversation is what gives way and scrolls. (At a phone's width the panel covers the screen;
// accessibility.test.ts looks at it at 400 %.)
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { useStage } from './stage';
import { shown } from './shown';

const missing = browserMissing();


describe.skipIf(missing)('the panel in a short window', () => {
  const stage = useStage();

  /** `style`: a rule of the site's. */
  async function open(page: Page, style?: string) {
    await page.goto(`${stage.server.origin}/`);
    if (style) await page.addStyleTag({ content: style });
    await page.getByRole('button', { name: 'Avaa chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Asiakaspalvelu' });
    await panel.getByRole('combobox', { name: 'Kysymyksesi' }).waitFor();
    return panel;
  }

  /** The panel's box inside the window, and its title, close button and question field all in view. */
  async function fits(page: Page, panel: Locator, height: number, when: string) {
    const box = (await panel.boundingBox())!;
    expect(box.y, `the panel's top ${when}`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `the panel's bottom ${when}`).toBeLessThanOrEqual(height);
    expect(await shown(panel.getByRole('heading', { name: 'Asiakaspalvelu' })), `the title ${when}`).toBeGreaterThanOrEqual(0.99);
    expect(await shown(panel.getByRole('button', { name: 'Pienennä' })), `the close button ${when}`).toBeGreaterThanOrEqual(0.99);
    expect(await shown(panel.getByRole('combobox', { name: 'Kysymyksesi' })), `the question field ${when}`).toBeGreaterThanOrEqual(0.99);
  }

  it('at 1280 × 400 px fits the window, header and question field in view, with suggestions and with an answer open', async () => {
    const page = await (await stage.browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 400 } })).newPage();
    const panel = await open(page);
    await fits(page, panel, 400, 'as it opens');
    const field = panel.getByRole('combobox', { name: 'Kysymyksesi' });
    await field.fill('kauanko toimitus');
    await panel.getByRole('option').first().waitFor();
    // The search may run twice (as the FAQ arrives and after the pause): the second would start the arrows over.
    await page.waitForTimeout(300);
    await field.press('ArrowDown');
    await fits(page, panel, 400, 'with suggestions');
    await field.press('Enter');
    await panel.getByRole('article').waitFor();
    await fits(page, panel, 400, 'with an answer open');
  });

  it("at 1280 × 300 px fits the window too, where the site has moved the launcher with --kohtaamo-offset", async () => {
    // The demo store's policy allows no inline style: only this test's own rule gets past it.
    const page = await (await stage.browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 300 }, bypassCSP: true })).newPage();
    const panel = await open(page, '#kohtaamo{--kohtaamo-offset:40px}');
    await fits(page, panel, 300, 'as it opens');
  });

  it("at 844 × 190 px (a phone held sideways, its keyboard open) keeps the conversation in sight and the message box whole: the panel scrolls", async () => {
    const page = await (await stage.browser.newContext({ locale: 'fi-FI', viewport: { width: 844, height: 190 }, isMobile: true, hasTouch: true })).newPage();
    const panel = await open(page);
    const field = panel.getByRole('combobox', { name: 'Kysymyksesi' });
    await field.fill('kauanko toimitus');
    await panel.getByRole('option').first().waitFor();
    await page.waitForTimeout(300);
    await field.press('ArrowDown');
    await field.press('Enter');
    // The answer opened is what the visitor came for: its heading shows, not a conversation 0 px tall.
    const answer = panel.getByRole('article');
    await answer.waitFor();
    expect(await shown(answer.getByRole('heading')), 'the answer').toBeGreaterThanOrEqual(0.99);

    await panel.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
    const box = panel.getByRole('textbox', { name: 'Viesti' });
    await box.waitFor();
    // Where all cannot show at once, all can be scrolled to: the message box whole, and the conversation above it.
    await box.scrollIntoViewIfNeeded();
    expect(await shown(box), 'the message box').toBeGreaterThanOrEqual(0.99);
    const conversation = await panel.getByRole('log').evaluate((log) => log.parentElement!.getBoundingClientRect().height);
    expect(conversation, 'the conversation').toBeGreaterThanOrEqual(80);
  });

  it('at 700 × 260 px lets the message box grow only a little, so a long message does not squeeze the conversation away', async () => {
    const page = await (await stage.browser.newContext({ locale: 'fi-FI', viewport: { width: 700, height: 260 } })).newPage();
    const panel = await open(page);
    await panel.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
    const box = panel.getByRole('textbox', { name: 'Viesti' });
    await box.waitFor();
    const conversation = () => panel.getByRole('log').evaluate((log) => log.parentElement!.getBoundingClientRect().height);
    // Measured once the handoff is taken (its notice and "Lopeta keskustelu" take their room): on a
    // loaded machine it was measured before them, and their room was counted against the box.
    await panel.getByText('Asiakaspalvelija liittyy keskusteluun pian').waitFor();
    await panel.getByRole('button', { name: 'Lopeta keskustelu' }).waitFor();
    const before = await conversation();
    await box.fill('Tilasin viime viikolla villahuovan ja kaksi tyynynpäällistä. '.repeat(8));
    expect(await conversation(), `the conversation, ${before} px with the box empty`).toBeGreaterThanOrEqual(before * 0.75);
  });
});
