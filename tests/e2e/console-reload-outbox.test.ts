// A reply the agent sent that the server has not acknowledged survives a reload of the console:
// it comes back as sending and goes again with its client id, so the visitor gets it once, and
// one the server had in fact stored is not shown twice.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { startServer } from '../support/server-process';
import { agentClaims, agentLogsIn, visitorAsksForAPerson } from './people';
import { DEMO_PASSWORD, useStage } from './stage';

const missing = browserMissing();

/** The ids of the replies (`msg` frames) the page sends on its agent sockets, in order. */
function repliesSent(page: Page): string[] {
  const ids: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type?: string; id?: string };
      if (frame.type === 'msg' && frame.id) ids.push(frame.id);
    }),
  );
  return ids;
}

describe.skipIf(missing)('the console over a reload', () => {
  const stage = useStage();

  it('delivers a reply sent while the server could not take it, after the agent reloaded, once on each side', async () => {
    const origin = stage.server.origin;
    const visitor = await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage();
    const agent = await (await stage.browser.newContext({ locale: 'en-GB' })).newPage();
    const sent = repliesSent(agent);
    await visitorAsksForAPerson(visitor, origin, 'paketti on kadonnut');
    await agentLogsIn(agent, origin, DEMO_PASSWORD);
    const { transcript, reply } = await agentClaims(agent, 'paketti on kadonnut');
    await visitor.getByText('Aino (demo) liittyi keskusteluun').waitFor();
    const line = (text: string) => transcript.getByText(text).locator('xpath=ancestor::li[1]');
    const deliveredOnce = async (text: string) => {
      await visitor.getByText(text).waitFor({ timeout: 30_000 });
      await expect.poll(() => line(text).innerText(), { timeout: 30_000 }).toMatch(/\bSent\b|Seen by the visitor/);
      expect(await visitor.getByText(text).count()).toBe(1);
      expect(await transcript.getByText(text).count()).toBe(1);
    };

    // ── The server is down (a restart, a crash): the agent answers, and presses F5 ──
    await stage.server.stop();
    await expect.poll(() => agent.getByRole('status').first().innerText()).not.toBe('Connected');
    const first = 'Löysin paketin, se lähtee huomenna';
    await reply.fill(first);
    await reply.press('Enter');
    await expect.poll(() => line(first).innerText()).toMatch(/Sending/);
    // The server is still down: the browser shows its error page, and the console's page is gone.
    await agent.reload().catch(() => undefined);
    stage.server = await startServer({ dataDir: stage.dataDir, port: stage.server.port });
    await agent.reload();
    await deliveredOnce(first);

    // ── The server stalls with the reply in hand, the agent closes the tab and opens it again ──
    // The server stores the reply, but its ack finds the page gone: the page comes back with the
    // reply still on its way and sends it again, with the same id, and the server takes it as that one.
    const second = 'Seurantakoodi tulee sähköpostiin';
    stage.server.pause();
    try {
      await reply.fill(second);
      await reply.press('Enter');
      await expect.poll(() => sent.length).toBe(2);
      await agent.goto('about:blank');
    } finally {
      stage.server.resume();
    }
    await visitor.getByText(second).waitFor({ timeout: 30_000 });
    await agent.goto(`${origin}/console/`);
    await deliveredOnce(second);
    expect(sent.slice(2)).toContain(sent[1]);
    expect(await transcript.getByText(first).count()).toBe(1);
    expect(await visitor.getByText(first).count()).toBe(1);
  });
});

