// The widget on pages whose own scripts were not written with a widget in mind, in Chromium:
// old libraries that add to the built-ins, and the handlers a site keeps for its own errors
// (which often go to the site's error tracker). What the widget cannot help must not land there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Frame, type Page, type Route } from 'playwright-core';
import { CHROMIUM, browserMissing } from '../support/browser';
import { startServer, type ServerProcess } from '../support/server-process';
import { agentClaims, agentCloses, agentLogsIn, visitorAsksForAPerson, visitorSays } from './people';
import { DEMO_PASSWORD as PASSWORD, useStage } from './stage';

const missing = browserMissing();

/** What reached the page's own `error` and `unhandledrejection` handlers. */
const hostErrors = (page: Page | Frame) => page.evaluate(() => (window as unknown as { hostErrors: string[] }).hostErrors);
/** Run before a page's own scripts: the page's error handlers, noting what reaches them. */
const HANDLERS = `window.hostErrors = [];
  addEventListener('error', (e) => hostErrors.push('error: ' + e.message));
  addEventListener('unhandledrejection', (e) => hostErrors.push('unhandledrejection: ' + (e.reason && e.reason.message || e.reason)));`;

/** MooTools 1.5's Array.from, which takes no map function: `Array.from({ length: 3 }, f)` is three holes. */
const MOOTOOLS_15 = `Array.from = function (item) {
  if (item == null) return [];
  return typeof item.length == 'number' && typeof item != 'function' && typeof item != 'string' ? (Array.isArray(item) ? item : Array.prototype.slice.call(item)) : [item];
}`;

/**
 * What Prototype 1.6 (on old Magento 1 shops) adds to the built-ins: among others a `reduce` that
 * returns the array (or its only item), and an Array.from without a map function.
 */
const PROTOTYPE_16 = `var $A = function (it) {
  if (!it) return [];
  if ('toArray' in Object(it)) return it.toArray();
  var l = it.length || 0, r = new Array(l);
  while (l--) r[l] = it[l];
  return r;
};
Array.from = $A;
Array.prototype.toJSON = function () { var r = []; for (var i = 0; i < this.length; i++) r.push(JSON.stringify(this[i])); return '[' + r.join(', ') + ']'; };
String.prototype.toJSON = function () { return '"' + this + '"'; };
Object.prototype.extend = function (o) { for (var k in o) this[k] = o[k]; return this; };
Object.prototype.each = function () {};
Function.prototype.bind = function (ctx) { var f = this, a = Array.prototype.slice.call(arguments, 1); return function () { return f.apply(ctx, a.concat(Array.prototype.slice.call(arguments))); }; };
Array.prototype.reduce = function () { return this.length > 1 ? this : this[0]; };`;

describe.skipIf(missing)('the widget on pages with scripts of their own, in Chromium', () => {
  const stage = useStage();

  /** A visitor's tab in which `script` runs before the page's own, and the page's handlers note what reaches them. */
  async function visitorTab(script = ''): Promise<Page> {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    await context.addInitScript(`${script};${HANDLERS}`);
    return context.newPage();
  }

  it('connects, hands off, chats, sends a file and rates on a page whose scripts added to Object.prototype', async () => {
    // Legacy scripts do; valibot's for…in over a schema's entries took the key for one of them.
    const visitor = await visitorTab('Object.prototype.x = 1');
    const agent = await (await stage.browser.newContext()).newPage();
    const question = 'prototyyppitesti: sohva tuli rikki';
    await visitorAsksForAPerson(visitor, stage.server.origin, question);
    // The launcher is made from lists of attributes: the page's additions are not among them.
    expect(await visitor.locator('#kohtaamo button.launcher').getAttribute('x')).toBeNull();
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const { transcript, reply } = await agentClaims(agent, question);
    await visitor.getByText('Aino (demo) liittyi keskusteluun').waitFor();
    await reply.fill('Hei! Katsotaan sohvaa.');
    await reply.press('Enter');
    await visitor.getByText('Hei! Katsotaan sohvaa.').waitFor();
    await visitorSays(visitor, 'Selkänoja on haljennut');
    await transcript.getByText('Selkänoja on haljennut').waitFor();
    const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await visitor.locator('input[type=file]').setInputFiles({ name: 'sohva.png', mimeType: 'image/png', buffer: photo });
    await transcript.getByRole('img', { name: 'sohva.png' }).waitFor({ timeout: 10_000 });
    await agentCloses(agent, { unanswered: true });
    await visitor.getByRole('button', { name: '5 viidestä' }).or(visitor.getByRole('radio', { name: '5 viidestä' })).click();
    await visitor.getByRole('button', { name: 'Lähetä arvio' }).click();
    await visitor.getByText('Kiitos palautteesta!').waitFor();
    expect(await hostErrors(visitor)).toEqual([]);
  });

  /** The visitor's tab on a page of the shop's own, `html`, served at /shop. */
  async function shopPage(visitor: Page, html: string): Promise<void> {
    await visitor.route(`${stage.server.origin}/shop`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await visitor.goto(`${stage.server.origin}/shop`);
  }

  /** The visitor opens the panel on the demo shop's front page. */
  async function opensPanel(visitor: Page): Promise<void> {
    await visitor.goto(`${stage.server.origin}/`);
    await visitor.getByRole('button', { name: 'Avaa chat' }).click();
  }

  /** What the FAQ suggests for each of `typed`, written into the question field of an open panel. */
  async function suggestionsFor(visitor: Page, typed: string[]): Promise<string[][]> {
    const box = visitor.getByRole('combobox', { name: 'Kysymyksesi' });
    const lists: string[][] = [];
    for (const words of typed) {
      // Emptied, the field has no suggestions: the first that come are the ones for `words`.
      await box.fill('');
      await box.fill(words);
      await visitor.getByRole('option').first().waitFor();
      lists.push(await visitor.getByRole('option').allInnerTexts());
    }
    return lists;
  }

  /** The FAQ suggests on `visitor`'s page, for each of `typed`, what it did on a page with no scripts of its own. */
  async function suggestsAsOnAPlainPage(visitor: Page, typed: string[]): Promise<void> {
    const plain = await visitorTab();
    await opensPanel(plain);
    const expected = await suggestionsFor(plain, typed);
    await opensPanel(visitor);
    const box = visitor.getByRole('combobox', { name: 'Kysymyksesi' });
    for (const [i, words] of typed.entries()) {
      await box.fill(words);
      await expect.poll(() => visitor.getByRole('option').allInnerTexts(), { timeout: 10_000 }).toEqual(expected[i]);
    }
  }

  it('suggests the same answers, for typos too, on a page whose MooTools 1.5 replaced Array.from', async () => {
    const visitor = await visitorTab(MOOTOOLS_15);
    await suggestsAsOnAPlainPage(visitor, ['palatus', 'toimitsu', 'maksutavt', 'kauanko toimitus kestää']);
    expect(await hostErrors(visitor)).toEqual([]);
  });

  it("suggests the same answers, and the agent sees the reply read, on a page with Prototype 1.6's additions", async () => {
    const visitor = await visitorTab(PROTOTYPE_16);
    await suggestsAsOnAPlainPage(visitor, ['kauanko toimitus kestää', 'palatus']);
    const question = 'prototype 1.6 -testi: sohva tuli rikki';
    await visitor.getByRole('combobox', { name: 'Kysymyksesi' }).fill(question);
    await visitor.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
    const agent = await (await stage.browser.newContext()).newPage();
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const { transcript, reply } = await agentClaims(agent, question);
    await reply.fill('Hei! Katsotaan sohvaa yhdessä.');
    await reply.press('Enter');
    await visitor.getByText('Hei! Katsotaan sohvaa yhdessä.').waitFor();
    const bubble = transcript.getByText('Hei! Katsotaan sohvaa yhdessä.').locator('xpath=ancestor::li[1]');
    await expect.poll(() => bubble.innerText(), { timeout: 10_000 }).toMatch(/Seen by the visitor \d/);
    expect(await hostErrors(visitor)).toEqual([]);
  });

  it('leaves no blank band under the message box on a page without a doctype (quirks mode)', async () => {
    // Quirks mode gives a form a bottom margin of 1em, inside the widget's shadow root too.
    const gapUnderComposer = async (doctype: string) => {
      const visitor = await visitorTab();
      await shopPage(visitor, `${doctype}<html lang="fi"><head><meta charset="utf-8"><script src="/widget.js" async></script></head><body><p>Kauppa</p></body></html>`);
      expect(await visitor.evaluate(() => document.compatMode)).toBe(doctype ? 'CSS1Compat' : 'BackCompat');
      await visitor.getByRole('button', { name: 'Avaa chat' }).click();
      await visitor.getByRole('combobox', { name: 'Kysymyksesi' }).fill('tyhjän tilan testi: sohva tuli rikki');
      await visitor.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
      const box = visitor.getByRole('textbox', { name: 'Viesti' });
      await box.waitFor();
      const [panel, field] = await Promise.all([visitor.getByRole('dialog', { name: 'Asiakaspalvelu' }).boundingBox(), box.boundingBox()]);
      return panel!.y + panel!.height - (field!.y + field!.height);
    };
    expect(await gapUnderComposer('')).toBe(await gapUnderComposer('<!doctype html>'));
  });

  it("opens at the next click after its words and the FAQ failed to come, and tells the page's error handlers nothing", async () => {
    const visitor = await visitorTab();
    // The words' chunk and the FAQ fail once each (a network blip), as the app mounts on the first hover.
    const failed = new Set<string>();
    const once = (what: string) => (route: Route) => (failed.has(what) ? route.continue() : (failed.add(what), route.abort('internetdisconnected')));
    await visitor.route(/\/widget\/chunks\/fi-[\w-]+\.js$/, once('words'));
    await visitor.route(/\/api\/faq(\?v=2)?$/, once('faq'));
    await visitor.goto(`${stage.server.origin}/`);
    const launcher = visitor.getByRole('button', { name: 'Avaa chat' });
    await launcher.hover();
    await expect.poll(() => failed.size).toBe(2);
    await visitor.waitForTimeout(300);
    await launcher.click();
    await visitor.getByRole('dialog', { name: 'Asiakaspalvelu' }).waitFor({ timeout: 5_000 });
    await visitor.getByRole('combobox', { name: 'Kysymyksesi' }).fill('toimitus');
    await visitor.getByRole('option').first().waitFor();
    expect(await hostErrors(visitor)).toEqual([]);
  });
});

describe.skipIf(missing)('the widget in a sandboxed iframe, in Chromium', () => {
  // A page in a frame without allow-same-origin has an opaque origin ("null"): the server must let
  // that origin open a socket, and Chromium must let it reach a server on this machine (its local
  // network checks stop an opaque origin's requests to localhost, which a real site's server is not).
  // Without allow-forms, neither frame may submit a form: the browser stops it before any `submit`.
  let server: ServerProcess;
  let browser: Browser;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kohtaamo-e2e-'));
    server = await startServer({ dataDir, env: { KOHTAAMO_DEMO_PASSWORD: PASSWORD }, args: ['--origin', '*'] });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-features=LocalNetworkAccessChecks', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(['allow-scripts', 'allow-scripts allow-same-origin'])(
    "answers, hands off, chats with the Send button and rates, with nothing in the framed page's error handlers (sandbox=\"%s\")",
    async (sandbox) => {
      const context = await browser.newContext({ locale: 'fi-FI' });
      await context.addInitScript(HANDLERS);
      const shop = `${server.origin}/sandboxed-shop`;
      await context.route(`${server.origin}/sandboxed-host`, (route) =>
        route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="fi"><body><iframe sandbox="${sandbox}" src="${shop}" style="width:600px;height:760px"></iframe></body></html>` }),
      );
      await context.route(shop, (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="fi"><head><meta charset="utf-8"><script src="/widget.js" async></script></head><body><p>Kauppa</p></body></html>' }),
      );
      const page = await context.newPage();
      await page.goto(`${server.origin}/sandboxed-host`);
      const visitor = page.frameLocator('iframe');
      const frame = page.frames().find((f) => f.url() === shop)!;
      expect(await frame.evaluate(() => origin)).toBe(sandbox.includes('allow-same-origin') ? server.origin : 'null');

      await visitor.getByRole('button', { name: 'Avaa chat' }).click();
      const question = visitor.getByRole('combobox', { name: 'Kysymyksesi' });
      await question.fill('kauanko toimitus kestää');
      await visitor.getByRole('option').first().waitFor();
      const asked = `hiekkalaatikkotesti (${sandbox}): sohva tuli rikki`;
      await question.fill(asked);
      await visitor.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
      const agent = await (await browser.newContext()).newPage();
      await agentLogsIn(agent, server.origin, PASSWORD);
      const { transcript } = await agentClaims(agent, asked);
      await visitor.getByText('Aino (demo) liittyi keskusteluun').waitFor();
      const message = visitor.getByRole('textbox', { name: 'Viesti' });
      await message.fill('Selkänoja on haljennut');
      await message.press('Enter');
      await transcript.getByText('Selkänoja on haljennut').waitFor();
      // The Send button, not only Enter.
      await message.fill('Kuva tulossa');
      await visitor.getByRole('button', { name: 'Lähetä', exact: true }).click();
      await transcript.getByText('Kuva tulossa').waitFor();
      expect(await message.inputValue()).toBe('');
      await agentCloses(agent, { unanswered: true });
      await visitor.getByRole('button', { name: '5 viidestä' }).click();
      await visitor.getByRole('button', { name: 'Lähetä arvio' }).click();
      await visitor.getByText('Kiitos palautteesta!').waitFor();
      expect(await hostErrors(frame)).toEqual([]);
    },
  );
});
