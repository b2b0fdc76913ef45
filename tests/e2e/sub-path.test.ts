// The chat server under a path of the site's own domain, in Chromium: a site owner's reverse proxy
// serves it at https://shop.example/chat/ (`location /chat/ { proxy_pass http://127.0.0.1:8787/; }`,
// the prefix stripped), so there is no extra DNS name or certificate. The shop's page loads the
// widget from /chat/widget.js, the agent opens /chat/console, and everything either of them loads,
// fetches or connects to must stay under /chat/: outside it is the shop, not the chat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { startPrefixProxy, type PrefixProxy } from '../support/prefix-proxy';
import { DEMO_PASSWORD, useStage } from './stage';
import { agentClaims, visitorAsksForAPerson, visitorSays } from './people';

const missing = browserMissing();
const PREFIX = '/chat/';

/** The shop's own page, outside the prefix, with the widget's script tag as the widget's README gives it. */
const SHOP_PAGE = `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Kauppa</title>
<script src="/chat/widget.js" async></script></head><body><h1>Kauppa</h1></body></html>`;

describe.skipIf(missing)('the whole chat behind a proxy that serves it under /chat/, in Chromium', () => {
  const stage = useStage();
  let proxy: PrefixProxy;
  beforeAll(async () => {
    proxy = await startPrefixProxy({
      target: stage.server.origin,
      prefix: PREFIX,
      site: (req, res) => {
        if (req.url !== '/') return false;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(SHOP_PAGE);
        return true;
      },
    });
  });
  afterAll(() => proxy?.close());

  /** What a page asked for outside /chat/, but for the shop's page and a favicon the browser looks for by itself. */
  const outside = () => proxy.requests.filter((path) => !path.startsWith(PREFIX) && path !== '/' && path !== '/favicon.ico');

  it('takes an agent from /chat/console to the console, logs in, and a visitor on the shop reaches them and back', async () => {
    const agent = await (await stage.browser.newContext({ locale: 'en-GB' })).newPage();
    const visitor = await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage();
    const failed: string[] = [];
    for (const page of [agent, visitor] as Page[]) {
      page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
      page.on('response', (r) => r.status() >= 400 && failed.push(`${r.url()}: ${r.status()}`));
    }

    // ── The agent types the address without its last slash: the redirect keeps the prefix ──
    await agent.goto(`${proxy.origin}/chat/console`);
    expect(agent.url()).toBe(`${proxy.origin}/chat/console/`);
    await agent.getByLabel('Login').fill('demo');
    await agent.getByLabel('Password').fill(DEMO_PASSWORD);
    await agent.getByRole('button', { name: 'Log in' }).click();
    await agent.getByRole('status').getByText('Connected', { exact: true }).waitFor();

    // ── A visitor on the shop's page asks for a person through the widget ──
    const question = 'Missä pakettini on? Tilaus 777';
    await visitorAsksForAPerson(visitor, proxy.origin, question);

    // ── The agent claims it and they talk both ways ──
    const { transcript, reply } = await agentClaims(agent, question);
    await visitor.getByText('Aino (demo) liittyi keskusteluun').waitFor();
    await reply.fill('Hei! Katsotaan tilaustasi.');
    await reply.press('Enter');
    await visitor.getByText('Hei! Katsotaan tilaustasi.').waitFor();
    await visitorSays(visitor, 'Kiitos, odotan');
    await transcript.getByText('Kiitos, odotan').waitFor();

    // ── The console's other fetches (the Report) go through the prefix too ──
    await agent.getByRole('button', { name: 'Report' }).click();
    await agent.getByRole('table', { name: 'Agents' }).waitFor();

    expect(outside()).toEqual([]);
    expect(failed).toEqual([]);
    // Both sockets went through the proxy (a socket to the bare origin would be in `outside`).
    expect(proxy.requests).toContain('/chat/ws/agent');
    expect(proxy.requests).toContain('/chat/ws/visitor');
  });

  it('serves the demo store under the prefix with its styles, pages and widget', async () => {
    const visitor = await (await stage.browser.newContext({ locale: 'en-GB' })).newPage();
    await visitor.goto(`${proxy.origin}/chat/`);
    await visitor.getByRole('link', { name: 'In English' }).click();
    await visitor.waitForURL(`${proxy.origin}/chat/en/`);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    await visitor.getByRole('combobox', { name: 'Your question' }).waitFor();
    expect(proxy.requests).toEqual(expect.arrayContaining(['/chat/style.css', '/chat/en/', '/chat/widget.js']));
    expect(outside()).toEqual([]);
  });
});
