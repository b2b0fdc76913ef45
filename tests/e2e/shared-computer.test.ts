// A shared computer in Chromium: a customer logs out of the site (which calls
// `Kohtaamo('identify', null)` and moves on to the next page at once), and the next person at the
// same browser finds none of their chat, neither on screen nor in storage, and their own
// conversation is not joined to the last one's for agents.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserMissing } from '../support/browser';
import { agentClaims, agentLogsIn, visitorSays } from './people';
import { DEMO_PASSWORD as PASSWORD, useStage } from './stage';

/** Everything the widget keeps in this browser: IndexedDB and the origin's localStorage, as text. */
const kept = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('kohtaamo');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => resolve(open.result);
    });
    const all = await new Promise<unknown[]>((resolve) => {
      const names = [...db.objectStoreNames];
      if (names.length === 0) return resolve([]);
      const get = db.transaction(names).objectStore(names[0]!).getAll();
      get.onsuccess = () => resolve(get.result);
    });
    db.close();
    return JSON.stringify({ all, local: { ...localStorage } }, (_, v) => (v instanceof Blob ? `[file ${v.size}]` : v));
  });

/** The site's `window.Kohtaamo(...)`, as the loader defines it. */
type Site = { Kohtaamo(cmd: string, ...args: unknown[]): void };

describe.skipIf(browserMissing())('a shared computer, in Chromium', () => {
  const stage = useStage();

  it("shows the next person none of the last customer's chat once the site says they logged out", async () => {
    const origin = stage.server.origin;
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    const matti = await context.newPage();
    const agent = await (await stage.browser.newContext()).newPage();
    await agentLogsIn(agent, origin, PASSWORD);

    // Matti, logged in on the shop, asks about his invoice and tells the agent his address.
    await matti.goto(`${origin}/`);
    await matti.evaluate(() => (window as unknown as Site).Kohtaamo('identify', { name: 'Matti Meikäläinen', email: 'matti@example.fi' }));
    await matti.getByRole('button', { name: 'Avaa chat' }).click();
    await matti.getByRole('combobox', { name: 'Kysymyksesi' }).fill('MATTIQ laskuni');
    await matti.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
    const { reply } = await agentClaims(agent, 'MATTIQ');
    await reply.fill('Hei Matti, laskusi on maksettu');
    await reply.press('Enter');
    await matti.getByText('Hei Matti, laskusi on maksettu').waitFor();
    await visitorSays(matti, 'Osoitteeni on Mattilantie 1');
    // Stored: "Lähetetty", or already "Nähty" (the agent has the conversation open).
    await matti.getByText(/^(Lähetetty|Nähty)$/).waitFor();
    expect(await kept(matti)).toContain('Mattilantie');

    // He logs out: the site forgets him in the widget and goes to its front page at once.
    await matti.evaluate(() => (window as unknown as Site).Kohtaamo('identify', null));
    await matti.waitForTimeout(50);
    await matti.goto(`${origin}/en/`);
    await matti.close();

    // Pekka sits down at the same computer.
    const pekka = await context.newPage();
    await pekka.goto(`${origin}/`);
    expect(await kept(pekka)).not.toMatch(/Matti|matti@|Mattilantie|laskusi|MATTIQ/);
    await pekka.getByRole('button', { name: 'Avaa chat' }).click();
    await pekka.getByRole('combobox', { name: 'Kysymyksesi' }).fill('PEKKAQ palautus');
    const widget = pekka.locator('#kohtaamo');
    expect(await widget.evaluate((host) => host.shadowRoot!.textContent)).not.toMatch(/Matti|Mattilantie|laskusi/);
    await pekka.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
    await pekka.getByText('Asiakaspalvelija liittyy keskusteluun pian').waitFor();
    await visitorSays(pekka, 'Minä olen Pekka');
    await pekka.getByText('Lähetetty').waitFor();
    expect(await widget.evaluate((host) => host.shadowRoot!.textContent)).not.toMatch(/Matti|Mattilantie|laskusi/);

    // The agent sees a new visitor: none of Matti's questions, and no earlier conversation to open.
    await agent.getByRole('navigation').getByText('PEKKAQ').first().click();
    const summary = agent.locator('aside').last();
    await summary.getByText('PEKKAQ palautus').waitFor();
    // The visitor history loads after the summary (it said "Loading…" when read at once, in CI).
    await summary.getByText('No earlier conversations.').waitFor();
    expect(await summary.innerText()).not.toMatch(/MATTIQ|Matti|\d earlier conversation/);
  });
});
