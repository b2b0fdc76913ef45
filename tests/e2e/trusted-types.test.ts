// The widget on a page that enforces Trusted Types (`require-trusted-types-for 'script'`, as
// strict sites and Google's own do): any string given to innerHTML, an inline handler or eval
// throws there, so the loader and the app must build their DOM by createElement and text only.
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { useStage } from './stage';

const missing = browserMissing();
const POLICY = "require-trusted-types-for 'script'; trusted-types 'none'";

describe.skipIf(missing)('the widget on a page that requires Trusted Types, in Chromium', () => {
  const stage = useStage();
  let context: BrowserContext | undefined;
  afterEach(() => context?.close());

  it('shows the launcher, answers from the FAQ and hands off, with no error on the page', async () => {
    context = await stage.browser.newContext({ locale: 'fi-FI' });
    const url = `${stage.server.origin}/trusted-types-test`;
    const html = '<!doctype html><html lang="fi"><head><meta charset="utf-8"><script src="/widget.js" async></script></head><body><p>Kauppa</p></body></html>';
    await context.route(url, (route) => route.fulfill({ contentType: 'text/html', headers: { 'Content-Security-Policy': POLICY }, body: html }));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // What the policy blocked is said on the console (a blocked sink in a try, or in an event handler).
    page.on('console', (message) => /trusted/i.test(message.text()) && errors.push(message.text()));
    await page.goto(url);

    await page.getByRole('button', { name: 'Avaa chat' }).click();
    await page.getByRole('combobox', { name: 'Kysymyksesi' }).pressSequentially('kauanko toimitus kestää', { delay: 20 });
    await page.getByRole('option', { name: /toimitus/i }).first().click();
    await page.getByText('Auttoiko tämä?').waitFor();
    await page.getByRole('button', { name: 'Ei', exact: true }).click();
    await page.getByText('Asiakaspalvelija liittyy keskusteluun pian').waitFor();
    expect(errors).toEqual([]);
  });
});
