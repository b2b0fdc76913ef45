// The widget on pages whose own scripts were not written with a widget in mind, in Chromium:
// old libraries that add to the built-ins, and the handlers a site keeps for its own errors
// (which often go to the site's error tracker). What the widget cannot help must not land there.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { agentClaims, agentLogsIn, visitorAsksForAPerson, visitorSays } from './people';
import { DEMO_PASSWORD as PASSWORD, useStage } from './stage';

const missing = browserMissing();

/** What reached the page's own `error` and `unhandledrejection` handlers. */
const hostErrors = (page: Page) => page.evaluate(() => (window as unknown as { hostErrors: string[] }).hostErrors);

describe.skipIf(missing)('the widget on pages with scripts of their own, in Chromium', () => {
  const stage = useStage();

  /** A visitor's tab in which `script` runs before the page's own, and the page's handlers note what reaches them. */
  async function visitorTab(script = ''): Promise<Page> {
    const context = await stage.browser.newContext({ locale: 'fi-FI' });
    await context.addInitScript(`${script};
      window.hostErrors = [];
      addEventListener('error', (e) => hostErrors.push('error: ' + e.message));
      addEventListener('unhandledrejection', (e) => hostErrors.push('unhandledrejection: ' + (e.reason && e.reason.message || e.reason)));`);
    return context.newPage();
  }

  it('connects, hands off, chats, sends a file and rates on a page whose scripts added to Object.prototype', async () => {
    // Legacy scripts do; valibot's for…in over a schema's entries took the key for one of them.
    const visitor = await visitorTab('Object.prototype.x = 1');
    const agent = await (await stage.browser.newContext()).newPage();
    const question = 'prototyyppitesti: sohva tuli rikki';
    await visitorAsksForAPerson(visitor, stage.server.origin, question);
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
    await agent.getByRole('button', { name: 'Close conversation' }).click();
    await visitor.getByRole('button', { name: '5 viidestä' }).or(visitor.getByRole('radio', { name: '5 viidestä' })).click();
    await visitor.getByRole('button', { name: 'Lähetä arvio' }).click();
    await visitor.getByText('Kiitos palautteesta!').waitFor();
    expect(await hostErrors(visitor)).toEqual([]);
  });
});
