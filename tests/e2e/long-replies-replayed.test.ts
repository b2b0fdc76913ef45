// A visitor away while the agent sends 17 long replies sees every one on return, in Chromium. The
// server once sent them as one frame of 70 K, and the widget refused any over 64 K unsaid: it
// showed none, and the next live reply moved it past them for good.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../protocol/limits';
import { browserMissing } from '../support/browser';
import { agentClaims, agentLogsIn, visitorAsksForAPerson } from './people';
import { DEMO_PASSWORD as PASSWORD, useStage } from './stage';

const long = (i: number) => (`Vastaus ${i}: ` + 'Tilauksesi on matkalla ja saapuu pian. '.repeat(110)).slice(0, LIMITS.text).trimEnd();

describe.skipIf(browserMissing())('long replies while the visitor is away, in Chromium', () => {
  const stage = useStage();

  it('shows all 17 replies of 4,000 characters on return, and after a reload', async () => {
    const origin = stage.server.origin;
    const agent = await (await stage.browser.newContext({ locale: 'en-GB' })).newPage();
    await agentLogsIn(agent, origin, PASSWORD);
    const visitor = await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage();
    await visitorAsksForAPerson(visitor, origin, 'PITKAT missä tilaukseni on');
    const { transcript, reply } = await agentClaims(agent, 'PITKAT');
    await reply.fill('Hei, tässä Aino. Miten voin auttaa?');
    await reply.press('Enter');
    await visitor.getByText('Miten voin auttaa?').waitFor();

    await visitor.goto('about:blank');
    for (let i = 1; i <= 17; i++) {
      await reply.fill(long(i));
      await reply.press('Enter');
      await transcript.getByText(`Vastaus ${i}:`).waitFor();
    }
    // Every one stored: the console holds none still sending.
    await expect.poll(() => agent.getByText(/Sending/).count()).toBe(0);

    const replies = visitor.getByText(/Vastaus \d+: Tilauksesi/);
    await visitor.goto(`${origin}/`);
    await visitor.getByRole('button', { name: 'Avaa chat' }).click().catch(() => {});
    await expect.poll(() => replies.count(), { timeout: 15_000 }).toBe(17);
    await reply.fill('Oletko vielä siellä?');
    await reply.press('Enter');
    await visitor.getByText('Oletko vielä siellä?').waitFor();
    await visitor.reload();
    await visitor.getByRole('button', { name: 'Avaa chat' }).click().catch(() => {});
    await visitor.getByText('Oletko vielä siellä?').waitFor();
    expect(await replies.count()).toBe(17);
  });
});
