// A shared computer where the site's logout page never had the chat app: Matti's chat closed, so
// no page brings the app along, and the site's `Kohtaamo('identify', null)` (or the next
// customer's login) comes to the loader alone. What the app kept of Matti must still go.
import { describe, expect, it } from 'vitest';
import { browserMissing } from '../support/browser';
import { keptInIndexedDb } from './kept';
import { agentClaims, agentCloses, agentLogsIn, visitorSays } from './people';
import { DEMO_PASSWORD as PASSWORD, useStage } from './stage';


type Site = { Kohtaamo(cmd: string, ...args: unknown[]): void };
const MATTI = /Matti|matti@|Mattilantie|laskusi|MATTIQ/;

describe.skipIf(browserMissing())('a logout on a page without the chat app, in Chromium', () => {
  const stage = useStage();

  it.each([
    ['logs out', null],
    ['is followed by another customer', { name: 'Pekka Puup\u00e4\u00e4', email: 'pekka@example.fi' }],
  ])("shows the next person none of the last customer's closed chat when he %s", async (_, next) => {
    const origin = stage.server.origin;
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    const matti = await context.newPage();
    const agent = await (await stage.browser.newContext()).newPage();
    await agentLogsIn(agent, origin, PASSWORD);
    const question = `MATTIQ laskuni ${next ? 'B' : 'A'}`;

    // Matti, logged in, asks about his invoice; the agent answers and closes; he minimises.
    await matti.goto(`${origin}/`);
    await matti.evaluate(() => (window as unknown as Site).Kohtaamo('identify', { name: 'Matti Meikäläinen', email: 'matti@example.fi' }));
    await matti.getByRole('button', { name: 'Avaa chat' }).click();
    await matti.getByRole('combobox', { name: 'Kysymyksesi' }).fill(question);
    await matti.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
    const { reply } = await agentClaims(agent, question);
    await reply.fill('Hei Matti, laskusi on maksettu');
    await reply.press('Enter');
    await matti.getByText('Hei Matti, laskusi on maksettu').waitFor();
    await visitorSays(matti, 'Osoitteeni on Mattilantie 1');
    await matti.getByText(/^(Lähetetty|Nähty)$/).waitFor();
    await agentCloses(agent, { unanswered: true });
    await matti.getByText('Keskustelu päättyi').first().waitFor();
    await matti.getByRole('button', { name: 'Pienennä', exact: true }).click();
    expect(await keptInIndexedDb(matti)).toContain('Mattilantie');

    // The site's next page: the chat is over, so only widget.js comes; there the site says
    // nobody is logged in, or names the next customer, and the page stays.
    await matti.goto(`${origin}/en/`);
    await matti.evaluate((who) => (window as unknown as Site).Kohtaamo('identify', who), next);
    await expect.poll(() => keptInIndexedDb(matti), { timeout: 10_000 }).not.toMatch(MATTI);
    await matti.close();

    // Pekka, at the same computer, opens the chat on the next page and asks for a person.
    const pekka = await context.newPage();
    await pekka.goto(`${origin}/`);
    await pekka.getByRole('button', { name: 'Avaa chat' }).click();
    const widget = pekka.locator('#kohtaamo');
    await pekka.getByRole('combobox', { name: 'Kysymyksesi' }).fill(`PEKKAQ palautus ${next ? 'B' : 'A'}`);
    expect(await widget.evaluate((host) => host.shadowRoot!.textContent)).not.toMatch(MATTI);
    await pekka.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
    await pekka.getByText('Asiakaspalvelija liittyy keskusteluun pian').waitFor();

    // The agent sees a new visitor, not Matti with an earlier conversation.
    await agent.getByRole('navigation').getByText(`PEKKAQ palautus ${next ? 'B' : 'A'}`).first().click();
    const summary = agent.locator('aside').last();
    await summary.getByText(`PEKKAQ palautus ${next ? 'B' : 'A'}`).waitFor();
    // The visitor's history comes after the summary: read before it, it was not there to be checked.
    await summary.getByText('No earlier conversations.').waitFor();
    const said = await summary.innerText();
    expect(said).not.toMatch(/MATTIQ|\d earlier conversation/);
    expect(said).toContain('No earlier conversations.');
    await context.close();
  });

  // The site says null on every page where nobody is logged in, and the email on every other: for
  // a visitor it never named, whose chat no logout has to forget, that fetches nothing.
  it('fetches no chat app for the site\'s identify when the visitor it kept was never named', async () => {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    const page = await context.newPage();
    await page.goto(`${stage.server.origin}/`);
    await page.getByRole('button', { name: 'Avaa chat' }).click();
    await page.getByRole('combobox', { name: 'Kysymyksesi' }).fill('toimitusaika');
    await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'kohtaamo'))).toBe(true);

    const apps: string[] = [];
    page.on('request', (request) => request.url().includes('/widget/app.js') && apps.push(request.url()));
    await page.goto(`${stage.server.origin}/en/`);
    await page.evaluate(() => (window as unknown as Site).Kohtaamo('identify', null));
    await page.goto(`${stage.server.origin}/`);
    await page.evaluate(() => (window as unknown as Site).Kohtaamo('identify', { email: 'matti@example.fi' }));
    await page.waitForTimeout(500);
    expect(apps).toEqual([]);
    await context.close();
  });
});
