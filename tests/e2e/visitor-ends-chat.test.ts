// The visitor ends the chat in Chromium, as both people see it: "Lopeta keskustelu", asked once
// more, then the ended line and the rating for the visitor; for the agent, the close by the
// visitor in the transcript, and the conversation gone from the queue and from their own list.
import { describe, expect, it } from 'vitest';
import { browserMissing } from '../support/browser';
import { agentClaims, agentLogsIn, visitorAsksForAPerson, visitorSays } from './people';
import { DEMO_PASSWORD as PASSWORD, useStage } from './stage';

describe.skipIf(browserMissing())('the visitor ends the chat, in Chromium', () => {
  const stage = useStage();

  it('ends a chat with an agent, and one still waiting in the queue, and the console follows at once', async () => {
    const origin = stage.server.origin;
    const agent = await (await stage.browser.newContext({ locale: 'en-GB' })).newPage();
    await agentLogsIn(agent, origin, PASSWORD);
    const nav = agent.getByRole('navigation');

    // ── Matti talks with the agent, says he found the answer, and ends the chat ──
    const matti = await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage();
    await visitorAsksForAPerson(matti, origin, 'LOPETUSQ missä pakettini');
    const { transcript, reply } = await agentClaims(agent, 'LOPETUSQ');
    await reply.fill('Hei, katson heti.');
    await reply.press('Enter');
    await matti.getByText('Hei, katson heti.').waitFor();
    await visitorSays(matti, 'Löysin jo seurantakoodin, kiitos!');
    await nav.getByText('LOPETUSQ').first().waitFor();
    await matti.getByRole('button', { name: 'Lopeta keskustelu' }).click();
    const ask = matti.getByRole('group', { name: 'Lopetetaanko keskustelu?' });
    await ask.getByRole('button', { name: 'Kyllä, lopeta' }).click();

    await matti.getByText('Keskustelu päättyi').waitFor();
    await matti.getByRole('button', { name: '5 viidestä' }).waitFor();
    expect(await matti.getByRole('textbox', { name: 'Viesti' }).count()).toBe(0);
    // What he wrote before reached the agent, before the close.
    await transcript.getByText('Conversation closed by the visitor').waitFor();
    const said = await transcript.innerText();
    expect(said.indexOf('Löysin jo seurantakoodin, kiitos!')).toBeGreaterThan(-1);
    expect(said.indexOf('Löysin jo seurantakoodin, kiitos!')).toBeLessThan(said.indexOf('Conversation closed by the visitor'));
    // Gone from the agent's list; no reply can be written into it.
    await expect.poll(() => nav.getByText('LOPETUSQ').count()).toBe(0);
    await agent.getByText('The visitor ended the chat.').waitFor();

    // ── Liisa waits in the queue, finds the answer herself, and ends it before anyone came ──
    const liisa = await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage();
    await visitorAsksForAPerson(liisa, origin, 'JONOSTAQ palautusosoite');
    await nav.getByText('JONOSTAQ').first().waitFor();
    await liisa.getByRole('button', { name: 'Lopeta keskustelu' }).click();
    await liisa.getByRole('button', { name: 'Kyllä, lopeta' }).click();
    await liisa.getByText('Keskustelu päättyi').waitFor();
    await expect.poll(() => nav.getByText('JONOSTAQ').count()).toBe(0);
  });
});
