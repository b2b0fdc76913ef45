// Issue 4 in the browser: messages typed offline survive a reload and arrive once, in order;
// two tabs show the same conversation and a message from one appears once in both.
import { describe, expect, it } from 'vitest';
import { browserMissing } from '../support/browser';
import { agentClaims, agentLogsIn, visitorAsksForAPerson, visitorSays } from './people';
import { DEMO_PASSWORD as PASSWORD, useStage } from './stage';

const missing = browserMissing();

describe.skipIf(missing)('nothing lost, nothing twice, in Chromium', () => {
  const stage = useStage();

  it('sends messages typed offline, after a reload, once and in order', async () => {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    const visitor = await context.newPage();
    const agent = await (await stage.browser.newContext()).newPage();
    const question = 'offline-testi: tarvitsen apua';
    await visitorAsksForAPerson(visitor, stage.server.origin, question);
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const { transcript } = await agentClaims(agent, question);
    await visitor.getByText('Aino (demo) liittyi keskusteluun').waitFor();

    await context.setOffline(true);
    for (const n of [1, 2, 3]) await visitorSays(visitor, `Offline-viesti ${n}`);
    await visitor.getByText('Offline-viesti 3').waitFor();
    // Really offline: the visitor is told at once, and nothing has reached the agent.
    await visitor.getByText(/^Ei yhteyttä/).waitFor({ timeout: 2_000 });
    expect(await visitor.getByText('Lähetetään…').count()).toBe(3);
    await agent.waitForTimeout(1000);
    expect(await transcript.getByText(/^Offline-viesti \d$/).count()).toBe(0);
    await visitor.reload().catch(() => undefined); // the page itself may not load while offline
    await context.setOffline(false);
    if (!(await visitor.getByRole('button', { name: /Avaa chat|Pienennä chat/ }).isVisible().catch(() => false))) {
      await visitor.goto(`${stage.server.origin}/`);
    }
    const launcher = visitor.getByRole('button', { name: /Avaa chat/ });
    if (await launcher.isVisible()) await launcher.click();

    for (const n of [1, 2, 3]) await transcript.getByText(`Offline-viesti ${n}`).waitFor({ timeout: 30_000 });
    const texts = await transcript.getByText(/^Offline-viesti \d$/).allInnerTexts();
    expect(texts).toEqual(['Offline-viesti 1', 'Offline-viesti 2', 'Offline-viesti 3']);
    await agent.getByRole('button', { name: 'Close conversation' }).click();
  });

  it('keeps a message the visitor sent the moment before a link click, whose ack had not come: the next page sends it', async () => {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    // The server never hears the first sending of the message: its ack never comes to that page.
    const text = 'Lähetetty juuri ennen linkkiä';
    let dropped = false;
    await context.routeWebSocket(/\/ws\/visitor/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((frame) => {
        if (!dropped && String(frame).includes(text)) dropped = true;
        else server.send(frame);
      });
    });
    const visitor = await context.newPage();
    const agent = await (await stage.browser.newContext()).newPage();
    const question = 'linkkitesti: viesti juuri ennen linkkiä';
    await visitorAsksForAPerson(visitor, stage.server.origin, question);
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const { transcript } = await agentClaims(agent, question);
    await visitor.getByText('Aino (demo) liittyi keskusteluun').waitFor();

    await visitorSays(visitor, text);
    // A click 50 ms later: within the 150 ms other saves are batched for. (A write begun as the page
    // goes is aborted by the browser, so what the visitor sends is written at once.)
    await visitor.waitForTimeout(50);
    await visitor.goto(`${stage.server.origin}/en/`);
    await transcript.getByText(text).waitFor({ timeout: 10_000 });
    expect(dropped).toBe(true);
    await agent.waitForTimeout(500);
    expect(await transcript.getByText(text).count()).toBe(1);
  });

  it('shows a message sent from one tab once in both tabs', async () => {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    const tabA = await context.newPage();
    const agent = await (await stage.browser.newContext()).newPage();
    const question = 'välilehtitesti: kaksi välilehteä';
    await visitorAsksForAPerson(tabA, stage.server.origin, question);
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const { transcript, reply } = await agentClaims(agent, question);

    const tabB = await context.newPage();
    await tabB.goto(`${stage.server.origin}/`);
    const launcherB = tabB.getByRole('button', { name: /Avaa chat/ });
    if (await launcherB.isVisible()) await launcherB.click();
    await tabB.getByText('Aino (demo) liittyi keskusteluun').waitFor();

    await visitorSays(tabA, 'Viesti välilehdeltä A');
    await tabB.getByText('Viesti välilehdeltä A').waitFor();
    await reply.fill('Agentin vastaus');
    await reply.press('Enter');
    await tabA.getByText('Agentin vastaus').waitFor();
    await tabB.getByText('Agentin vastaus').waitFor();

    for (const tab of [tabA, tabB]) {
      expect(await tab.getByText('Viesti välilehdeltä A').count()).toBe(1);
      expect(await tab.getByText('Agentin vastaus').count()).toBe(1);
    }
    expect(await transcript.getByText('Viesti välilehdeltä A').count()).toBe(1);
  });
});
