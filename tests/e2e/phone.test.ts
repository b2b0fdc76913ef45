// The widget on a phone (Chromium's mobile emulation: a touch screen, a coarse pointer). A phone's
// keyboard takes half the screen as it opens: the window is then as short as 390 × 400 px, and
// what the visitor types and chooses has to stay in view above it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { agentClaims, agentLogsIn, visitorAsksForAPerson } from './people';
import { DEMO_PASSWORD, useStage } from './stage';
import { shown } from './shown';

const missing = browserMissing();


describe.skipIf(missing)('the widget on a phone', () => {
  const stage = useStage();

  /** A phone of `width` × `height` px with the demo store open. */
  async function phone(width = 390, height = 844): Promise<Page> {
    const context = await stage.browser.newContext({ locale: 'fi-FI', viewport: { width, height }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(`${stage.server.origin}/`);
    return page;
  }

  /** Opens the panel with a tap; returns it and its question field. */
  async function open(page: Page) {
    await page.getByRole('button', { name: 'Avaa chat' }).tap();
    const panel = page.getByRole('dialog', { name: 'Asiakaspalvelu' });
    const field = panel.getByRole('combobox', { name: 'Kysymyksesi' });
    await field.waitFor();
    return { panel, field };
  }

  it('shows the suggestions with the keyboard open, under the question field', async () => {
    for (const [width, height] of [
      [390, 400],
      [412, 500],
    ] as const) {
      const page = await phone(width);
      const { panel, field } = await open(page);
      // The keyboard opens as the field is tapped: the window shrinks to what is left above it.
      await field.tap();
      await page.setViewportSize({ width, height });
      await field.pressSequentially('palautus', { delay: 10 });
      const list = panel.getByRole('listbox');
      await list.waitFor();
      await expect.poll(() => shown(list), { message: `the suggestions at ${width} × ${height}` }).toBeGreaterThanOrEqual(0.99);
      expect(await shown(field), `the question field at ${width} × ${height}`).toBeGreaterThanOrEqual(0.99);
      await page.context().close();
    }
  });

  it('keeps the newest message in view as the keyboard opens in a chat with a person', async () => {
    const visitor = await phone();
    await visitorAsksForAPerson(visitor, stage.server.origin, 'paketti kateissa puhelimella');
    const agent = await (await stage.browser.newContext()).newPage();
    await agentLogsIn(agent, stage.server.origin, DEMO_PASSWORD);
    const { reply } = await agentClaims(agent, 'paketti kateissa puhelimella');
    for (let i = 1; i <= 6; i++) {
      await reply.fill(`Viesti ${i}: tässä on aika pitkä vastaus, jotta keskustelu täyttää ruudun ja vierii.`);
      await reply.press('Enter');
    }
    const newest = visitor.getByText('Viesti 6:');
    await newest.waitFor();
    await expect.poll(() => shown(newest)).toBeGreaterThanOrEqual(0.99);

    await visitor.getByRole('textbox', { name: 'Viesti' }).tap();
    await visitor.setViewportSize({ width: 390, height: 400 });
    await expect.poll(() => shown(newest), { message: 'the newest message with the keyboard open' }).toBeGreaterThanOrEqual(0.99);
  });

  it('keeps the page behind the panel still when the visitor swipes on the panel', async () => {
    const page = await phone();
    const cdp = await page.context().newCDPSession(page);
    /**
     * A finger drawn up the screen from (x, y) by `dy` px, as a phone's touch events, and held
     * there before it lifts: no fling goes on scrolling after the test has looked.
     */
    const swipe = async (x: number, y: number, dy: number) => {
      const move = (to: number) => cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: to }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
      for (let i = 1; i <= 15; i++) await move(y - (dy * i) / 15);
      for (let i = 0; i < 5; i++) await page.waitForTimeout(30).then(() => move(y - dy));
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await page.waitForTimeout(200);
    };
    const scrolled = () => page.evaluate(() => scrollY);
    // The swipe does scroll the page where there is no panel on it.
    await swipe(200, 600, 300);
    expect(await scrolled(), 'the page with the panel closed').toBeGreaterThan(0);
    await page.evaluate(() => scrollTo(0, 0));
    expect(await scrolled()).toBe(0);

    const { field } = await open(page);
    for (const [where, y] of [
      ['the header', 40],
      ['the conversation', 400],
      ['the question field', (await field.boundingBox())!.y + 10],
    ] as const) {
      await swipe(200, y, 300);
      expect(await scrolled(), `the page after a swipe on ${where}`).toBe(0);
    }
    await field.pressSequentially('palautus', { delay: 10 });
    const list = page.getByRole('listbox');
    await list.waitFor();
    await swipe(200, (await list.boundingBox())!.y + 20, 300);
    expect(await scrolled(), 'the page after a swipe on the suggestions').toBe(0);
  });

  it('wraps a long link, code and word in a suggestion and an answer inside the screen', async () => {
    const page = await phone(360, 640);
    // An answer as a shop writes one: a tracking link, a code to copy, a Finnish compound word.
    const word = 'Lentokonesuihkuturbiinimoottoriapumekaanikkoaliupseerioppilaskurssi';
    await page.route(`${stage.server.origin}/api/faq*`, async (route) => {
      const response = await route.fetch();
      // The FAQ may be asked for again, and answered 304 Not modified (no body).
      if (response.status() !== 200) return route.fulfill({ response });
      // The widget's lean bundle (faq/wire.ts): the entries at its top.
      const faq = (await response.json()) as { entries: { id: string; question: string; answer: string }[] };
      const entry = faq.entries.find((e) => e.id === 'delivery-time-fi')!;
      entry.question = `Kauanko toimitus kestää ${word}?`;
      entry.answer = `Seuraa: https://www.posti.fi/fi/seuranta#/lahetys/JJFI64123450012345678?lang=fi&source=kotipesa-asiakaspalvelu. Koodi \`JJFI6412345001234567812345678901234567890\` on kuitissa. ${word}.`;
      await route.fulfill({ contentType: 'application/json', body: JSON.stringify(faq) });
    });
    /** What of the element and everything in it reaches past its right edge, in px. */
    const overflow = (element: Locator) =>
      element.evaluate((el) => {
        const right = el.getBoundingClientRect().right;
        return Math.max(el.scrollWidth - el.clientWidth, ...[...el.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right - right));
      });
    const { panel, field } = await open(page);
    await field.pressSequentially('kauanko toimitus', { delay: 10 });
    const option = panel.getByRole('option', { name: word });
    await option.waitFor();
    expect(await overflow(option), 'the suggestion').toBeLessThanOrEqual(0.5);
    await option.tap();
    const card = panel.getByRole('article');
    await card.getByText('JJFI64').first().waitFor();
    expect(await overflow(card), 'the answer').toBeLessThanOrEqual(0.5);
  });

  it('puts the keyboard away as the visitor taps a suggestion, so the answer and "Auttoiko tämä?" are in view', async () => {
    const page = await phone(390, 844);
    const { panel, field } = await open(page);
    await field.tap();
    await field.pressSequentially('palautus', { delay: 10 });
    const focused = () => page.evaluate(() => document.getElementById('kohtaamo')!.shadowRoot!.activeElement?.getAttribute('aria-label') ?? null);
    expect(await focused(), 'while typing').toBe('Kysymyksesi');
    await panel.getByRole('option').first().tap();
    await panel.getByRole('group', { name: 'Auttoiko tämä?' }).waitFor();
    // The field let go of the focus: a phone closes its keyboard then.
    expect(await focused(), 'after the tap').not.toBe('Kysymyksesi');
  });

  it('keeps the focus, and the keyboard, in the message box as the visitor taps Lähetä or the paperclip', async () => {
    const visitor = await phone();
    await visitorAsksForAPerson(visitor, stage.server.origin, 'kysyn puhelimella');
    const box = visitor.getByRole('textbox', { name: 'Viesti' });
    const focused = () =>
      visitor.evaluate(() => {
        const el = document.getElementById('kohtaamo')!.shadowRoot!.activeElement;
        return el?.getAttribute('aria-label') ?? el?.textContent;
      });
    await box.tap();
    await box.fill('Ensimmäinen viesti');
    await visitor.getByRole('button', { name: 'Lähetä', exact: true }).tap();
    await visitor.getByRole('log').getByText('Ensimmäinen viesti').waitFor();
    expect(await focused(), 'after Lähetä').toBe('Viesti');

    const [chooser] = await Promise.all([visitor.waitForEvent('filechooser'), visitor.getByRole('button', { name: 'Liitä kuva tai tiedosto' }).tap()]);
    expect(chooser).toBeDefined();
    expect(await focused(), 'after the paperclip').toBe('Viesti');

    // The button is still there for the keyboard: Tab to it, Enter sends.
    await box.fill('Toinen viesti');
    await box.press('Tab');
    expect(await focused()).toBe('Lähetä');
    await visitor.keyboard.press('Enter');
    await visitor.getByRole('log').getByText('Toinen viesti').waitFor();
  });

  it('grows the message box with a long message, so the visitor can read it over before sending, to at most 120 px', async () => {
    const visitor = await phone();
    await visitorAsksForAPerson(visitor, stage.server.origin, 'pitkä viesti puhelimella');
    const box = visitor.getByRole('textbox', { name: 'Viesti' });
    const height = () => box.evaluate((el) => el.getBoundingClientRect().height);
    const oneLine = await height();
    await box.fill('Tilasin viime viikolla villahuovan ja kaksi tyynynpäällistä. Huopa tuli, mutta päällisiä ei.');
    const twoOrThree = await height();
    expect(twoOrThree, 'a message of two or three lines').toBeGreaterThan(oneLine * 1.5);
    await box.fill('Tilasin viime viikolla villahuovan ja kaksi tyynynpäällistä. '.repeat(6));
    expect(await height(), 'a long message: the box scrolls past 120 px').toBeLessThanOrEqual(120);
    await box.fill('');
    expect(await height(), 'empty again').toBe(oneLine);
  });

  it('held sideways (844 × 390 px), where the panel is a box beside the page, has fields that do not zoom the page and 44 px buttons', async () => {
    const page = await phone(844, 390);
    const { panel, field } = await open(page);
    // iOS zooms the page in when a field under 16px is focused, and the visitor has to pinch back out.
    expect(await field.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16);
    for (const name of ['Pienennä', 'Puhu asiakaspalvelijan kanssa']) {
      const box = (await panel.getByRole('button', { name }).boundingBox())!;
      expect(box.height, name).toBeGreaterThanOrEqual(44);
      expect(box.width, name).toBeGreaterThanOrEqual(44);
    }
  });

  it('keeps out of the notch, the rounded corners and the home indicator on a site that draws under them (viewport-fit=cover)', async () => {
    const html = readFileSync(new URL('../../demo/site/index.html', import.meta.url), 'utf8').replace('initial-scale=1', 'initial-scale=1, viewport-fit=cover');
    expect(html).toContain('viewport-fit=cover');
    for (const { width, height, insets } of [
      { width: 390, height: 844, insets: { top: 47, bottom: 34, left: 0, right: 0 } },
      { width: 844, height: 390, insets: { top: 0, bottom: 21, left: 47, right: 47 } },
    ]) {
      const context = await stage.browser.newContext({ locale: 'fi-FI', viewport: { width, height }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      const page = await context.newPage();
      // The notch and the home indicator, as an iPhone's.
      await (await context.newCDPSession(page)).send('Emulation.setSafeAreaInsetsOverride', { insets });
      await page.route(`${stage.server.origin}/cover`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
      await page.goto(`${stage.server.origin}/cover`);
      const at = `at ${width} × ${height}`;
      const safe = { top: insets.top, left: insets.left, right: width - insets.right, bottom: height - insets.bottom };
      /** The element's box is inside the safe area. */
      const inside = async (element: Locator, what: string) => {
        const box = (await element.boundingBox())!;
        expect(box.y, `${what}'s top ${at}`).toBeGreaterThanOrEqual(safe.top);
        expect(box.x, `${what}'s left ${at}`).toBeGreaterThanOrEqual(safe.left);
        expect(box.x + box.width, `${what}'s right ${at}`).toBeLessThanOrEqual(safe.right);
        expect(box.y + box.height, `${what}'s bottom ${at}`).toBeLessThanOrEqual(safe.bottom);
      };
      await inside(page.getByRole('button', { name: 'Avaa chat' }), 'the launcher');
      const { panel, field } = await open(page);
      // Held sideways the panel is a box beside the page, wholly inside; upright it covers the
      // screen, and what is in it keeps inside.
      for (const [element, what] of [
        ...(width > 480 ? ([[panel, 'the panel']] as const) : []),
        [panel.getByRole('heading', { name: 'Asiakaspalvelu' }), 'the title'],
        [panel.getByRole('button', { name: 'Pienennä' }), 'the close button'],
        [field, 'the question field'],
        [panel.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }), 'the last button'],
      ] as const)
        await inside(element, what);
      await context.close();
    }
  });

  it("makes an agent's file, a link-like button in the message, 44 px tall to tap", async () => {
    const visitor = await phone();
    await visitorAsksForAPerson(visitor, stage.server.origin, 'palautuslappu puhelimeen');
    const agent = await (await stage.browser.newContext()).newPage();
    await agentLogsIn(agent, stage.server.origin, DEMO_PASSWORD);
    await agentClaims(agent, 'palautuslappu puhelimeen');
    await agent.locator('input[type=file]').setInputFiles({ name: 'palautuslappu.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    const save = visitor.getByRole('button', { name: /^Lataa palautuslappu\.pdf/ });
    await save.waitFor();
    expect((await save.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  });
});
