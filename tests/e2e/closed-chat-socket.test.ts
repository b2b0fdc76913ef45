// After the agent closes the conversation nothing more can come to the visitor (agents cannot
// write into a closed one): the widget lets its socket and heartbeat go, opens none for the closed
// conversation on the next pages, and one only when the visitor sends something: the rating, or a
// new question for a person, which then goes as ever.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserMissing } from '../support/browser';
import { agentClaims, agentLogsIn, visitorAsksForAPerson, visitorSays } from './people';
import { DEMO_PASSWORD as PASSWORD, useStage } from './stage';

/** Counts the page's WebSockets, open and all, from before the widget runs. */
const WATCH = `(() => {
  const Real = WebSocket; const w = window; w.__sockets = [];
  w.WebSocket = function (url) { const s = new Real(url); w.__sockets.push(s); return s; };
  w.WebSocket.prototype = Real.prototype; Object.assign(w.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
})();`;
const sockets = (page: Page) => page.evaluate(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.map((s) => s.readyState));

/** The status of the conversation the widget stored. */
const storedStatus = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('kohtaamo');
        open.onsuccess = () => {
          const get = open.result.transaction('kv').objectStore('kv').get('state');
          get.onsuccess = () => (open.result.close(), resolve((get.result as { conversation: { status: string } }).conversation.status));
        };
      }),
  );

describe.skipIf(browserMissing())('a closed conversation, in Chromium', () => {
  const stage = useStage();

  it('keeps no socket open for it, opens one for the rating and for a new question, and the new question reaches an agent', async () => {
    const origin = stage.server.origin;
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    await context.addInitScript(WATCH);
    const visitor = await context.newPage();
    const agent = await (await stage.browser.newContext()).newPage();
    await agentLogsIn(agent, origin, PASSWORD);

    await visitorAsksForAPerson(visitor, origin, 'SULJETTUQ sohvan väri');
    const { reply } = await agentClaims(agent, 'SULJETTUQ');
    await reply.fill('Värin voi vaihtaa');
    await reply.press('Enter');
    await visitor.getByText('Värin voi vaihtaa').waitFor();
    await visitorSays(visitor, 'Kiitos');
    await agent.getByText('Kiitos').first().waitFor();
    await agent.getByRole('button', { name: 'Close conversation' }).click();
    await agent.getByRole('button', { name: 'Close anyway' }).click({ timeout: 3000 }).catch(() => {});
    await visitor.getByText('Keskustelu päättyi').first().waitFor();
    // The socket goes with the close: no heartbeat for the tab's life.
    await expect.poll(() => sockets(visitor)).toEqual([3]);

    // Stored as closed (a page left at once may not have stored it, and its next page learns it from the server).
    await expect.poll(() => storedStatus(visitor)).toBe('closed');

    // The next page, within the hour: shown again to be rated, but no socket, also on hover.
    await visitor.goto(`${origin}/?sivu=2`);
    await visitor.getByRole('button', { name: 'Avaa chat' }).hover();
    await visitor.getByRole('button', { name: 'Avaa chat' }).click();
    await visitor.getByText('Keskustelu päättyi').first().waitFor();
    await visitor.waitForTimeout(500);
    expect(await sockets(visitor)).toEqual([]);

    // The rating opens one, and it goes once the rating is there.
    await visitor.getByRole('button', { name: '4 viidestä' }).click();
    await visitor.getByRole('button', { name: 'Lähetä arvio' }).click();
    await visitor.getByText('Kiitos palautteesta!').waitFor();
    await expect.poll(() => sockets(visitor)).toEqual([3]);

    // A new question for a person reaches an agent, and the agent's reply the visitor.
    await visitor.getByRole('button', { name: 'Uusi kysymys' }).click();
    await visitor.getByRole('combobox', { name: 'Kysymyksesi' }).fill('TOINENQ lasku');
    await visitor.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
    await visitor.getByText('Asiakaspalvelija liittyy keskusteluun pian').waitFor();
    const second = await agentClaims(agent, 'TOINENQ');
    await second.reply.fill('Laskusi on maksettu');
    await second.reply.press('Enter');
    await visitor.getByText('Laskusi on maksettu').waitFor();
    expect(await visitor.locator('#kohtaamo').evaluate((host) => host.shadowRoot!.textContent)).not.toContain('Värin voi vaihtaa');
    await context.close();
  });

  it('wakes a tab left on the closed chat when another tab starts a new one: its reply raises the badge there', async () => {
    const origin = stage.server.origin;
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    const tabA = await context.newPage();
    const agent = await (await stage.browser.newContext()).newPage();
    await agentLogsIn(agent, origin, PASSWORD);
    await visitorAsksForAPerson(tabA, origin, 'KAKSIVQ ensimmäinen');
    const first = await agentClaims(agent, 'KAKSIVQ');
    const tabB = await context.newPage();
    await tabB.goto(`${origin}/`);
    await tabB.getByRole('button', { name: /^Avaa chat/ }).click();
    await first.reply.fill('Ensimmäinen vastaus');
    await first.reply.press('Enter');
    await tabB.getByText('Ensimmäinen vastaus').waitFor();
    await agent.getByRole('button', { name: 'Close conversation' }).click();
    await agent.getByRole('button', { name: 'Close anyway' }).click({ timeout: 3000 }).catch(() => {});
    for (const tab of [tabA, tabB]) await tab.getByText('Keskustelu päättyi').first().waitFor();
    await tabA.getByRole('button', { name: 'Pienennä' }).first().click();

    // In tab B a new question for a person; the agent's reply is counted in tab A too.
    await tabB.bringToFront();
    await tabB.getByRole('button', { name: 'Uusi kysymys' }).click();
    await tabB.getByRole('combobox', { name: 'Kysymyksesi' }).fill('TOINENVQ tilaus');
    await tabB.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
    const second = await agentClaims(agent, 'TOINENVQ');
    await second.reply.fill('Toinen vastaus');
    await second.reply.press('Enter');
    await tabB.getByText('Toinen vastaus').waitFor();
    await tabA.getByRole('button', { name: /^Avaa chat, 1 uusi viesti$/ }).waitFor();
    await context.close();
  });
});
