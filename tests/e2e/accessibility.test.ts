// Accessibility checked in the real browser with axe-core (WCAG 2.x A/AA rules and best
// practices), at each state a visitor and an agent pass through. axe reads open shadow roots,
// so the widget's panel is audited in place on the host page.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import axe from 'axe-core';
import { browserMissing } from '../support/browser';
import { agentClaims, agentLogsIn, visitorAsksForAPerson, visitorSays } from './people';
import { DEMO_PASSWORD, useStage } from './stage';
import { shown } from './shown';

const missing = browserMissing();

/** Every axe violation on the page, one line each, so a failure says what to fix and where. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.map((v) => `${v.impact}: ${v.id} — ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** WCAG's contrast ratio of two computed colours, `rgb(r, g, b)` (any alpha ignored). */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r = 0, g = 0, bl = 0] = (colour.match(/[\d.]+/g) ?? []).map(Number).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe.skipIf(missing)('accessibility (axe-core in Chromium)', () => {
  const stage = useStage();

  it('has no violations in the widget, the demo store or the console, from first question to rating', async () => {
    // The console's and the demo store's policies allow no inline script, and axe goes in as one:
    // only this test's own tool gets past them.
    const visitor = await (await stage.browser.newContext({ locale: 'fi-FI', bypassCSP: true })).newPage();
    const agent = await (await stage.browser.newContext({ bypassCSP: true })).newPage();
    const origin = stage.server.origin;

    await visitor.goto(`${origin}/`);
    await visitor.getByRole('button', { name: 'Avaa chat' }).waitFor();
    expect(await violations(visitor), 'demo page with the launcher').toEqual([]);

    await visitor.getByRole('button', { name: 'Avaa chat' }).click();
    await visitor.getByRole('combobox', { name: 'Kysymyksesi' }).pressSequentially('kauanko toimitus', { delay: 10 });
    await visitor.getByRole('option').first().waitFor();
    expect(await violations(visitor), 'widget with FAQ suggestions').toEqual([]);

    await visitorAsksForAPerson(visitor, origin, 'tarvitsen apua tilauksen kanssa');
    // Written while waiting: the queue card's line of the visitor's newest message.
    await visitorSays(visitor, 'Tilaus 4411 tuli rikki');
    await visitor.getByText('Tilaus 4411 tuli rikki').waitFor();
    await agentLogsIn(agent, origin, DEMO_PASSWORD);
    await agent.getByRole('navigation').getByText('tarvitsen apua tilauksen kanssa').first().waitFor();
    await agent.getByRole('navigation').getByText('“Tilaus 4411 tuli rikki”').waitFor();
    expect(await violations(agent), 'console queue').toEqual([]);

    await agentClaims(agent, 'tarvitsen apua tilauksen kanssa');
    await visitor.getByText('Aino (demo) liittyi keskusteluun').waitFor();
    expect(await violations(agent), 'console conversation').toEqual([]);
    await agent.getByRole('button', { name: 'Note' }).click();
    await agent.getByLabel('Note for colleagues').fill('Asiakas soitti jo aamulla');
    await agent.getByLabel('Note for colleagues').press('Enter');
    await agent.getByRole('log', { name: 'Transcript' }).getByText('Asiakas soitti jo aamulla').waitFor();
    expect(await violations(agent), 'console writing a note, with a note in the transcript').toEqual([]);
    expect(await violations(visitor), 'widget live chat').toEqual([]);

    // The visitor wrote last: Close conversation asks first.
    await visitorSays(visitor, 'Kiitos, odotan');
    await agent.getByRole('log', { name: 'Transcript' }).getByText('Kiitos, odotan').waitFor();
    await agent.getByRole('button', { name: 'Close conversation' }).click();
    await agent.getByRole('group', { name: /Close anyway\?$/ }).waitFor();
    expect(await violations(agent), 'console asking before closing').toEqual([]);
    await agent.getByRole('button', { name: 'Close anyway' }).click();
    await visitor.getByText('Miten onnistuimme?').waitFor();
    expect(await violations(visitor), 'widget rating').toEqual([]);
  });

  it('on a phone the panel takes the whole screen as a modal dialog, its fields do not zoom the page, and axe finds nothing', async () => {
    const phone = { width: 375, height: 667 };
    const visitor = await (
      await stage.browser.newContext({ locale: 'fi-FI', bypassCSP: true, viewport: phone, isMobile: true, hasTouch: true })
    ).newPage();
    await visitor.goto(`${stage.server.origin}/`);
    await visitor.getByRole('button', { name: 'Avaa chat' }).click();
    const field = visitor.getByRole('combobox', { name: 'Kysymyksesi' });
    await field.pressSequentially('kauanko toimitus', { delay: 10 });
    await visitor.getByRole('option').first().waitFor();

    const dialog = visitor.getByRole('dialog', { name: 'Asiakaspalvelu' });
    expect(await dialog.boundingBox()).toEqual({ x: 0, y: 0, ...phone });
    // It covers the page, so a screen reader stays in it, and Tab goes round inside it.
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    const focused = () =>
      visitor.evaluate(() => {
        const el = document.getElementById('kohtaamo')?.shadowRoot?.activeElement;
        return el?.closest('.panel') ? (el.getAttribute('aria-label') ?? el.textContent) : 'outside the panel';
      });
    await dialog.getByRole('button', { name: 'Pienennä' }).focus();
    await visitor.keyboard.press('Shift+Tab');
    const last = await focused();
    expect(last).not.toBe('outside the panel');
    expect(last).not.toBe('Pienennä');
    await visitor.keyboard.press('Tab');
    expect(await focused()).toBe('Pienennä');
    // iOS zooms the page in when a field under 16px is focused, and the visitor has to pinch back out.
    expect(await field.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16);
    expect(await violations(visitor), 'widget on a phone').toEqual([]);

    // On a wide screen it stays a box beside the page.
    await visitor.setViewportSize({ width: 1280, height: 800 });
    expect((await dialog.boundingBox())?.width).toBe(380);
    await expect.poll(() => dialog.getAttribute('aria-modal')).toBeNull();
  });

  it('has no violations on the console login page', async () => {
    // The console's policy allows no inline script, and axe goes in as one: only this test's own tool gets past it.
    const agent = await (await stage.browser.newContext({ bypassCSP: true })).newPage();
    await agent.goto(`${stage.server.origin}/console/`);
    await agent.getByLabel('Login').waitFor();
    expect(await violations(agent)).toEqual([]);
  });

  it('has no violations in the console in Finnish, marked as Finnish', async () => {
    const agent = await (await stage.browser.newContext({ locale: 'fi-FI', bypassCSP: true })).newPage();
    await agent.goto(`${stage.server.origin}/console/`);
    await agent.getByLabel('Käyttäjätunnus').fill('demo');
    await agent.getByLabel('Salasana').fill(DEMO_PASSWORD);
    await agent.getByRole('button', { name: 'Kirjaudu' }).click();
    await agent.getByRole('navigation', { name: 'Jono' }).waitFor();
    expect(await agent.evaluate(() => document.documentElement.lang)).toBe('fi');
    expect(await violations(agent), 'Finnish console').toEqual([]);
  });

  it('fits the console\'s top bar on a 1024 px screen, paused, in English and in Finnish: one line per button, nothing off the edge', async () => {
    const agent = await (await stage.browser.newContext({ locale: 'en-GB', viewport: { width: 1024, height: 768 } })).newPage();
    await agentLogsIn(agent, stage.server.origin, DEMO_PASSWORD);
    await agent.getByRole('button', { name: 'Pause new chats', pressed: false }).click();
    await agent.getByText('Paused: visitors are told nobody is online').waitFor();
    for (const other of ['Suomeksi', 'In English']) {
      const bar = await agent.getByRole('banner').evaluate((b) => {
        const line = parseFloat(getComputedStyle(b).lineHeight) || 20;
        return {
          overflows: b.scrollWidth > b.clientWidth || [...b.children].some((c) => c.getBoundingClientRect().right > b.getBoundingClientRect().right + 0.5),
          wrapped: [...b.querySelectorAll('button')].filter((x) => x.getBoundingClientRect().height > line * 1.6 + 14).map((x) => x.textContent),
        };
      });
      expect(bar).toEqual({ overflows: false, wrapped: [] });
      // However many rows the bar takes, the queue (and the conversation beside it) ends at the
      // window's bottom: a composer below it would be out of sight.
      const queueBottom = await agent.locator('.columns > :first-child').evaluate((q) => q.getBoundingClientRect().bottom);
      expect(queueBottom).toBeLessThanOrEqual(768.5);
      await agent.getByRole('button', { name: other }).click();
    }
  });

  it("shows the focus and the '/' list's active option at 3:1 or more, and the option as a selection in forced colours", async () => {
    const visitor = await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage();
    await visitorAsksForAPerson(visitor, stage.server.origin, 'kuitti puuttuu');
    const agent = await (await stage.browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } })).newPage();
    await agentLogsIn(agent, stage.server.origin, DEMO_PASSWORD);
    const { reply } = await agentClaims(agent, 'kuitti puuttuu');
    await reply.pressSequentially('/toimitus', { delay: 10 });
    const active = agent.locator('[role="option"][aria-selected="true"]');
    await active.waitFor();

    /** The colours a check needs, as the browser computed them: the element's, and the ground it stands on. */
    const colours = (element: import('playwright-core').Locator) =>
      element.evaluate((el) => {
        const ground = (from: Element | null): string => {
          for (let e = from; e; e = e.parentElement) {
            const bg = getComputedStyle(e).backgroundColor;
            if (!/rgba\(.*, 0\)$/.test(bg) && bg !== 'transparent') return bg;
          }
          return 'rgb(255, 255, 255)';
        };
        const style = getComputedStyle(el);
        return { outline: style.outlineColor, outlineStyle: style.outlineStyle, own: ground(el), around: ground(el.parentElement) };
      });
    const option = await colours(active);
    expect(option.outlineStyle).not.toBe('none');
    expect(contrast(option.outline, option.own), 'active option frame on its ground').toBeGreaterThanOrEqual(3);
    expect(contrast(option.outline, option.around), 'active option frame on the list').toBeGreaterThanOrEqual(3);

    // The focus ring: on the page's light grounds, and on the dark top bar (Shift+Tab from the search box).
    const box = await colours(reply);
    expect(contrast(box.outline, box.around), 'focus ring on the Message box').toBeGreaterThanOrEqual(3);
    await agent.getByRole('searchbox', { name: 'Search conversations' }).focus();
    await agent.keyboard.press('Shift+Tab');
    const logOut = await colours(agent.getByRole('button', { name: 'Log out' }));
    expect(await agent.evaluate(() => document.activeElement?.textContent)).toBe('Log out');
    expect(contrast(logOut.outline, logOut.around), 'focus ring in the top bar').toBeGreaterThanOrEqual(3);

    // Forced colours drop the grounds: the active option is then the system's selection.
    await agent.emulateMedia({ forcedColors: 'active' });
    const highlight = await agent.evaluate(() => {
      const probe = document.body.appendChild(document.createElement('div'));
      probe.style.backgroundColor = 'Highlight';
      const colour = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return colour;
    });
    expect(await active.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(highlight);
    expect(await agent.locator('[role="option"][aria-selected="false"]').first().evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(highlight);
  });

  it("shows the widget's focus at 3:1 or more on every ground it stands on: the launcher over any page, the panel's fields and buttons", async () => {
    const visitor = await (await stage.browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 800 } })).newPage();
    await visitor.goto(`${stage.server.origin}/`);
    /**
     * The focused element's ring as the browser draws it: the outline and, inside it, the ring
     * its box-shadow draws, and the ground around the element.
     */
    const ring = () =>
      visitor.evaluate(() => {
        const root = document.getElementById('kohtaamo')!.shadowRoot!;
        const el = root.activeElement!;
        const ground = (from: Element | null): string => {
          for (let e = from; e; e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host ?? null)) {
            const bg = getComputedStyle(e).backgroundColor;
            if (!/rgba\(.*, 0\)$/.test(bg) && bg !== 'transparent') return bg;
          }
          return 'rgb(255, 255, 255)';
        };
        const style = getComputedStyle(el);
        return {
          name: el.getAttribute('aria-label') ?? el.textContent,
          visible: el.matches(':focus-visible'),
          outline: style.outlineColor,
          inner: /rgba?\([^)]*\)/.exec(style.boxShadow)?.[0] ?? null,
          around: ground(el.parentElement ?? (el.getRootNode() as ShadowRoot).host),
        };
      });
    /** Whether the ring shows on its ground: the outline, or the inner ring where the ground is as dark as the outline. */
    const check = (r: Awaited<ReturnType<typeof ring>>) => {
      expect(r.visible, `${r.name}: :focus-visible`).toBe(true);
      const best = Math.max(contrast(r.outline, r.around), r.inner ? contrast(r.inner, r.around) : 0);
      expect(best, `${r.name}: ring on ${r.around}`).toBeGreaterThanOrEqual(3);
    };

    // The launcher, over whatever the page has behind it: two tones far apart (9:1, WCAG's C40),
    // one of which stands out 3:1 on any ground, light or dark.
    await visitor.keyboard.press('Shift');
    await visitor.getByRole('button', { name: 'Avaa chat' }).focus();
    const launcher = await ring();
    check(launcher);
    expect(launcher.inner).not.toBeNull();
    expect(contrast(launcher.outline, launcher.inner!), 'the launcher ring’s two tones').toBeGreaterThanOrEqual(9);
    for (const page of ['rgb(255, 255, 255)', 'rgb(0, 0, 0)', 'rgb(11, 95, 138)', 'rgb(245, 166, 35)']) {
      expect(Math.max(contrast(launcher.outline, page), contrast(launcher.inner!, page)), `the launcher ring over ${page}`).toBeGreaterThanOrEqual(3);
    }

    await visitor.keyboard.press('Enter');
    const field = visitor.getByRole('combobox', { name: 'Kysymyksesi' });
    await expect.poll(() => field.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    check(await ring());
    await visitor.keyboard.press('Tab');
    check(await ring());
    // The minimise button, in the header's colour.
    await field.focus();
    await visitor.keyboard.press('Shift+Tab');
    const minimise = await ring();
    expect(minimise.name).toBe('Pienennä');
    check(minimise);
  });

  it("shows the active suggestion by a frame at 3:1 or more, and in forced colours the panel's edge, that frame and the chosen star", async () => {
    const visitor = await (await stage.browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 800 } })).newPage();
    await visitor.goto(`${stage.server.origin}/`);
    await visitor.getByRole('button', { name: 'Avaa chat' }).click();
    const field = visitor.getByRole('combobox', { name: 'Kysymyksesi' });
    await field.fill('kauanko toimitus');
    await visitor.getByRole('option').first().waitFor();
    // The search may run twice (as the FAQ arrives and after the pause): the second would start the arrows over.
    await visitor.waitForTimeout(300);
    await field.press('ArrowDown');
    const active = visitor.locator('[role="option"][aria-selected="true"]');
    await active.waitFor();
    /** What draws an element's edges, as Chromium computed it; `shows`: in a colour that is not transparent. */
    const edges = (element: Locator) =>
      element.evaluate((el) => {
        const style = getComputedStyle(el);
        const shows = (style: string, colour: string) => style !== 'none' && !/rgba\(.*, 0\)$/.test(colour) && colour !== 'transparent';
        return {
          outline: shows(style.outlineStyle, style.outlineColor),
          outlineColour: style.outlineColor,
          border: shows(style.borderTopStyle, style.borderTopColor) ? parseFloat(style.borderTopWidth) : 0,
          own: style.backgroundColor,
          around: getComputedStyle(el.parentElement!).backgroundColor,
        };
      });
    const option = await edges(active);
    expect(option.outline).toBe(true);
    expect(contrast(option.outlineColour, option.own), 'active suggestion’s frame on its ground').toBeGreaterThanOrEqual(3);
    expect(contrast(option.outlineColour, option.around), 'active suggestion’s frame on the list').toBeGreaterThanOrEqual(3);

    // Forced colours drop grounds and shadows: what showed by them alone would be gone. Outlines
    // and borders stay, in the theme's text colour.
    await visitor.emulateMedia({ forcedColors: 'active' });
    expect((await edges(active)).outline, 'the active suggestion').toBe(true);
    expect((await edges(visitor.locator('[role="option"][aria-selected="false"]').first())).outline, 'another suggestion').toBe(false);
    expect((await edges(visitor.getByRole('dialog', { name: 'Asiakaspalvelu' }))).outline, 'the panel’s edge').toBe(true);

    // The star chosen stays told from the others when the focus moves on to the comment.
    await visitor.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
    const agent = await (await stage.browser.newContext({ bypassCSP: true })).newPage();
    await agentLogsIn(agent, stage.server.origin, DEMO_PASSWORD);
    await agentClaims(agent, 'kauanko toimitus');
    await agent.getByRole('button', { name: 'Close conversation' }).click();
    await visitor.getByRole('button', { name: '3 viidestä' }).click();
    await visitor.getByRole('textbox', { name: 'Kommentti (vapaaehtoinen)' }).click();
    const chosen = await edges(visitor.getByRole('button', { name: '3 viidestä' }));
    const other = await edges(visitor.getByRole('button', { name: '4 viidestä' }));
    expect(chosen.border, 'the chosen star’s border against another’s').toBeGreaterThanOrEqual(other.border + 2);
  });

  it('at 320 × 256 px (a 1280 px window at 400 %) keeps the question field, the active suggestion and an opened answer in view, with room to read it', async () => {
    const visitor = await (await stage.browser.newContext({ locale: 'fi-FI', viewport: { width: 320, height: 256 } })).newPage();
    await visitor.goto(`${stage.server.origin}/`);
    await visitor.getByRole('button', { name: 'Avaa chat' }).click();
    const field = visitor.getByRole('combobox', { name: 'Kysymyksesi' });
    await field.fill('kauanko toimitus');
    const options = visitor.getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThanOrEqual(3);
    // The search may run twice (as the FAQ arrives and after the pause): the second would start the arrows over.
    await visitor.waitForTimeout(300);
    const count = await options.count();

    // The suggestions came while the visitor typed: the field they type in has not moved out of sight.
    expect(await shown(field), 'the question field as the suggestions come').toBeGreaterThanOrEqual(0.99);
    for (let i = 0; i < count; i++) {
      await field.press('ArrowDown');
      await expect.poll(() => options.nth(i).getAttribute('aria-selected')).toBe('true');
      // Scrolled after the render: looked at until it is, or the poll's time runs out.
      await expect.poll(() => shown(options.nth(i)), { message: `suggestion ${i + 1} of ${count}` }).toBeGreaterThanOrEqual(0.99);
      expect(await shown(field), `the question field at suggestion ${i + 1}`).toBeGreaterThanOrEqual(0.99);
    }
    await field.press('Enter');
    const heading = visitor.getByRole('dialog', { name: 'Asiakaspalvelu' }).getByRole('article').getByRole('heading');
    await heading.waitFor();
    await expect.poll(() => shown(heading), { message: 'the answer’s question' }).toBeGreaterThanOrEqual(0.99);
    expect(await shown(field), 'the question field with an answer open').toBeGreaterThanOrEqual(0.99);
    // The conversation keeps room to read the answer in, rather than two lines between the header and the field.
    const body = await visitor.locator('.body').evaluate((el) => el.getBoundingClientRect().height);
    expect(body).toBeGreaterThanOrEqual(256 * 0.5);
  });

  it('reflows the console to one column at 320 × 256 px (a 1280 px window at 400 %): queue, or conversation and details, each the full width, nothing held in place over the conversation', async () => {
    const visitor = await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage();
    await visitorAsksForAPerson(visitor, stage.server.origin, 'lasku on väärin');
    const agent = await (await stage.browser.newContext({ locale: 'en-GB', viewport: { width: 320, height: 256 } })).newPage();
    await agentLogsIn(agent, stage.server.origin, DEMO_PASSWORD);
    const { transcript, reply } = await agentClaims(agent, 'lasku on väärin');
    await reply.fill('Katsotaan laskua');
    await reply.press('Enter');
    await transcript.getByText('Katsotaan laskua').waitFor();

    expect(await agent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const boxes = await agent.evaluate(() =>
      ['.conversation', '.side'].map((s) => {
        const r = document.querySelector(s)!.getBoundingClientRect();
        return { width: r.width, top: r.top + scrollY, bottom: r.bottom + scrollY };
      }),
    );
    for (const box of boxes) expect(box.width).toBeGreaterThanOrEqual(300);
    // One below the other, in that order; the queue in their place once the agent goes back to it.
    expect(boxes[1]!.top).toBeGreaterThanOrEqual(boxes[0]!.bottom - 1);
    expect(await agent.getByRole('navigation').isVisible()).toBe(false);

    /** Whether what is at the element's middle, scrolled to the window's middle, is the element: nothing stuck over it. */
    const inSight = (name: string, element: import('playwright-core').Locator) =>
      element.evaluate((el, what) => {
        el.scrollIntoView({ block: 'center' });
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit !== null && (el.contains(hit) || hit.contains(el)) ? what : `${what} is covered by ${hit?.className}`;
      }, name);
    expect(await inSight('the agent’s message', transcript.getByText('Katsotaan laskua'))).toBe('the agent’s message');
    expect(await inSight('the first event', transcript.getByRole('listitem').first())).toBe('the first event');
    // The Message box and its Send button, side by side with nothing: usable at this width.
    const message = await reply.boundingBox();
    expect(message?.width).toBeGreaterThanOrEqual(250);
    expect(await inSight('Send', agent.getByRole('button', { name: 'Send' }))).toBe('Send');
    await agent.getByRole('button', { name: 'Back to the queue' }).click();
    expect(await inSight('the queue’s heading', agent.getByRole('heading', { name: 'Queue' }))).toBe('the queue’s heading');
  });
});
