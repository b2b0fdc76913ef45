// The product's whole path in real Chromium, as two people see it: a visitor on the demo store
// and an agent in the console, each in their own browser context (issue 2, points 2–4).
// One test walks the story in order because each step needs the state the previous one left.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserMissing } from '../support/browser';
import { DEMO_PASSWORD as PASSWORD, useStage } from './stage';
import { agentClaims, agentLogsIn, visitorAsksForAPerson, visitorSays } from './people';
import demoFaq from '../../demo/faq.json';
import { maintenanceFor } from '../../server/store/maintenance';

/** The demo FAQ's question for an entry id, so the test follows the FAQ's wording. */
const faqQuestion = (id: string): string => {
  const entry = demoFaq.find((e) => e.id === id);
  if (!entry) throw new Error(`demo/faq.json has no entry ${id}`);
  return entry.question;
};
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const missing = browserMissing();

/** What the page's own origin holds in cookies, localStorage, sessionStorage and IndexedDB. */
function storageOf(page: Page) {
  return page.evaluate(async () => ({
    cookies: document.cookie,
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDB: (await indexedDB.databases()).map((db) => db.name),
  }));
}

describe.skipIf(missing)('visitor → FAQ → handoff → agent → back, in Chromium', () => {
  const stage = useStage();

  it('prints the demo URL, the console URL and the demo login', () => {
    expect(stage.server.output()).toContain(`${stage.server.origin}/`);
    expect(stage.server.output()).toContain(`${stage.server.origin}/console/`);
    expect(stage.server.output()).toMatch(new RegExp(`demo\\s*/\\s*${PASSWORD}`));
  });

  it('walks a visitor from an FAQ answer to a live chat with an agent, through a reload and a server restart', async () => {
    const visitor = await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage();
    const agent = await (await stage.browser.newContext({ locale: 'en-GB' })).newPage();
    // The console runs under its Content-Security-Policy, and the widget under the demo store's
    // strict one (no inline script or style): nothing either does may need an exception.
    const refused: string[] = [];
    for (const page of [visitor, agent]) page.on('console', (m) => /Content Security Policy/i.test(m.text()) && refused.push(m.text()));

    // ── The visitor lands on the Finnish demo store: a launcher, and nothing stored yet ──
    await visitor.goto(`${stage.server.origin}/`);
    const launcher = visitor.getByRole('button', { name: 'Avaa chat' });
    await launcher.waitFor();
    // Styled through constructed stylesheets, which a policy without 'unsafe-inline' allows: the round 56-pixel button.
    expect(await launcher.evaluate((b) => [getComputedStyle(b).width, getComputedStyle(b).borderRadius])).toEqual(['56px', '50%']);
    await visitor.waitForTimeout(300); // let any eager code run before we look
    expect(await storageOf(visitor)).toEqual({ cookies: '', localStorage: 0, sessionStorage: 0, indexedDB: [] });

    // ── FAQ answers while typing; the visitor picks one and says it did not help ──
    await launcher.click();
    const question = 'kauanko toimitus kestää';
    await visitor.getByRole('combobox', { name: 'Kysymyksesi' }).pressSequentially(question, { delay: 20 });
    const deliveryTime = faqQuestion('delivery-time-fi');
    const suggestion = visitor.getByRole('option', { name: new RegExp(escape(deliveryTime)) });
    await suggestion.click();
    await visitor.getByText('Auttoiko tämä?').waitFor();
    await visitor.getByRole('button', { name: 'Ei', exact: true }).click();
    await visitor.getByText('Asiakaspalvelija liittyy keskusteluun pian').waitFor();
    // Now the visitor has interacted, the widget may keep the conversation (and our check sees it).
    expect((await storageOf(visitor)).indexedDB.length).toBeGreaterThan(0);

    // ── The agent logs in and sees the handoff summary in the queue ──
    await agent.goto(`${stage.server.origin}/console/`);
    await agent.getByLabel('Login').fill('demo');
    await agent.getByLabel('Password').fill(PASSWORD);
    await agent.getByRole('button', { name: 'Log in' }).click();
    const queued = agent.getByRole('navigation').getByText(question).first();
    await queued.waitFor();
    // Anywhere on the card opens it, not only its title: here, where it lists the answer the bot showed.
    const shown = await agent.getByRole('navigation').getByText(deliveryTime).boundingBox();
    await agent.mouse.click(shown!.x + 10, shown!.y + shown!.height / 2);

    const details = agent.getByRole('complementary', { name: 'Details' });
    await details.getByText(`${stage.server.origin}/`).first().waitFor();
    await expect.poll(() => details.innerText()).toMatch(/not helpful|did not help/i);
    const transcript = agent.getByRole('log', { name: 'Transcript' });
    await transcript.getByText(question).first().waitFor();
    await transcript.getByText(deliveryTime).first().waitFor();

    // ── Claim and chat, with typing shown to the visitor ──
    await agent.getByRole('button', { name: 'Claim' }).click();
    await visitor.getByText('Aino (demo) liittyi keskusteluun').waitFor();
    const reply = agent.getByLabel('Message');
    await expect.poll(() => reply.isEnabled()).toBe(true); // once the server has confirmed the claim
    await reply.pressSequentially('Hei! Katsotaan', { delay: 30 });
    await visitor.getByText('Aino (demo) kirjoittaa…').waitFor();
    await reply.pressSequentially(' tilaustasi.');
    await reply.press('Enter');
    await visitor.getByText('Hei! Katsotaan tilaustasi.').waitFor();
    // The visitor has it in front of them, and the agent sees so under the reply.
    const bubbleOf = (text: string) => transcript.getByText(text).locator('xpath=ancestor::li[1]');
    await expect.poll(() => bubbleOf('Hei! Katsotaan tilaustasi.').innerText()).toMatch(/Seen by the visitor \d/);
    // Seen says sent, and more: one line, not both.
    expect(await bubbleOf('Hei! Katsotaan tilaustasi.').innerText()).not.toMatch(/\bSent\b/);

    const visitorBox = visitor.getByRole('textbox', { name: 'Viesti' });
    await visitorBox.fill('Tilausnumero on 12345');
    await visitorBox.press('Enter');
    await transcript.getByText('Tilausnumero on 12345').waitFor();
    // The agent has it on screen: the visitor sees it read.
    await visitor.getByText('Nähty').waitFor();

    // ── A note for colleagues: in the agent's transcript, never on the visitor's screen ──
    const noteText = 'Kanta-asiakas, tilaus 12345 jumissa varastossa';
    await agent.getByRole('button', { name: 'Note', pressed: false }).click();
    await agent.getByLabel('Note for colleagues').fill(noteText);
    await agent.getByLabel('Note for colleagues').press('Enter');
    await transcript.getByText(noteText).waitFor();
    // Stored: marked as a note, and no longer "Sending…" (a stored note shows no delivery state).
    const noteLine = () => transcript.getByText(noteText).locator('xpath=ancestor::li[1]').innerText();
    await expect.poll(noteLine).not.toMatch(/Sending/);
    expect(await noteLine()).toMatch(/note, not shown to the visitor/);
    expect(await noteLine()).not.toMatch(/Failed|Retry/);
    await agent.getByRole('button', { name: 'Note', pressed: true }).click();

    // ── The visitor reloads mid-chat: the conversation is there again and continues ──
    await visitor.reload();
    const launcherAgain = visitor.getByRole('button', { name: /Avaa chat|Pienennä chat/ });
    await launcherAgain.waitFor();
    if (!(await visitor.getByText('Hei! Katsotaan tilaustasi.').isVisible())) await launcherAgain.click();
    await visitor.getByText('Hei! Katsotaan tilaustasi.').waitFor();
    await visitor.getByText('Tilausnumero on 12345').waitFor();
    await visitor.getByRole('textbox', { name: 'Viesti' }).fill('Latasin sivun uudelleen');
    await visitor.getByRole('textbox', { name: 'Viesti' }).press('Enter');
    await transcript.getByText('Latasin sivun uudelleen').waitFor();

    // ── The server restarts on the same data: nothing is lost, both sides carry on ──
    await stage.restartServer();
    // The answer the widget showed was counted for the site owner's report (the stop flushed the counts).
    const today = new Date().toISOString().slice(0, 10);
    expect(await maintenanceFor({ data: stage.dataDir }).faqStats(today)).toEqual([{ faqId: 'delivery-time-fi', shown: 1, helped: 0 }]);
    await visitor.getByRole('textbox', { name: 'Viesti' }).fill('Palvelin käynnistyi uudelleen');
    await visitor.getByRole('textbox', { name: 'Viesti' }).press('Enter');
    await transcript.getByText('Palvelin käynnistyi uudelleen').waitFor({ timeout: 30_000 });
    await reply.fill('Sama keskustelu jatkuu.');
    await reply.press('Enter');
    await visitor.getByText('Sama keskustelu jatkuu.').waitFor({ timeout: 30_000 });
    // Each message once on each side.
    expect(await transcript.getByText('Tilausnumero on 12345').count()).toBe(1);
    expect(await visitor.getByText('Hei! Katsotaan tilaustasi.').count()).toBe(1);
    // Neither live, nor after the reload, nor after the restart did the note reach the visitor.
    expect(await visitor.getByText(noteText).count()).toBe(0);

    // ── The visitor moves on to another page: the chat comes along without a hover or a click ──
    await visitor.goto(`${stage.server.origin}/index.html?sivu=tarjoukset#kampanja`);
    await visitor.getByRole('button', { name: 'Avaa chat' }).waitFor();
    // The agent sees where the visitor is now: the page, without its query and fragment, which
    // may carry what is not the agent's (a reset link's token, an email).
    await details.getByRole('link', { name: /Kotipesä/ }).and(details.locator('[href$="/index.html"]')).waitFor();
    await reply.fill('Näkyykö tämä toisella sivulla?');
    await reply.press('Enter');
    const badged = visitor.getByRole('button', { name: /^Avaa chat, \d+ (uusi viesti|uutta viestiä)$/ });
    await badged.waitFor();
    // Behind the launcher's count the reply is not seen; opened, it is.
    expect(await bubbleOf('Näkyykö tämä toisella sivulla?').innerText()).not.toMatch(/Seen by the visitor/);
    await badged.click();
    await visitor.getByText('Näkyykö tämä toisella sivulla?').waitFor();
    await expect.poll(() => bubbleOf('Näkyykö tämä toisella sivulla?').innerText()).toMatch(/Seen by the visitor \d/);

    // ── The agent closes; the visitor rates the conversation ──
    await agent.getByRole('button', { name: 'Close conversation' }).click();
    await visitor.getByText('Miten onnistuimme?').waitFor();
    await visitor.getByRole('radio', { name: '4 viidestä' }).or(visitor.getByRole('button', { name: '4 viidestä' })).click();
    await visitor.getByLabel('Kommentti (vapaaehtoinen)').fill('Nopea apu, kiitos');
    await visitor.getByRole('button', { name: 'Lähetä arvio' }).click();
    await visitor.getByText('Kiitos palautteesta!').waitFor();
    await transcript.getByText(/Nopea apu, kiitos/).first().waitFor();

    // ── Closed, the agent says which FAQ entry the visitor needed, for the site owner's report ──
    const faqMatch = details.getByRole('combobox', { name: 'Which FAQ entry answers what the visitor wanted?' });
    // Words of the question find it; arrowing through the list and Esc choose nothing.
    await faqMatch.fill('seurata paket');
    await details.getByRole('option', { name: faqQuestion('order-tracking-fi') }).waitFor();
    await faqMatch.press('ArrowDown');
    await faqMatch.press('Escape');
    expect(await faqMatch.inputValue()).toBe('');
    await details.getByText(/Not chosen yet/).waitFor();
    await faqMatch.fill('seurata paket');
    await faqMatch.press('Enter');
    await details.getByText(/Chosen by Aino \(demo\)/).waitFor();
    // A reload comes back to the closed conversation, though no queue lists it, and the match is kept.
    await agent.reload();
    await expect.poll(() => faqMatch.inputValue(), { timeout: 10_000 }).toBe(faqQuestion('order-tracking-fi'));
    expect(refused).toEqual([]);
  });

  it('carries a photo from the visitor to the agent and a PDF back, under both pages\' strict policies', async () => {
    const visitor = await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage();
    const agent = await (await stage.browser.newContext({ locale: 'en-GB' })).newPage();
    const refused: string[] = [];
    for (const page of [visitor, agent]) page.on('console', (m) => /Content Security Policy/i.test(m.text()) && refused.push(m.text()));
    await visitorAsksForAPerson(visitor, stage.server.origin, 'sohva tuli rikki kuljetuksessa');
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const { transcript } = await agentClaims(agent, 'sohva tuli rikki kuljetuksessa');
    await visitor.getByText('Aino (demo) liittyi keskusteluun').waitFor();

    // A real one-pixel PNG, picked as a visitor picks a photo from their phone.
    const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await visitor.getByRole('button', { name: 'Liitä kuva tai tiedosto' }).waitFor();
    await visitor.locator('input[type=file]').setInputFiles({ name: 'sohva.png', mimeType: 'image/png', buffer: photo });
    await visitor.getByText(/sohva\.png/).waitFor();

    // The agent sees the picture itself, fetched with the console's token and shown from a blob: URL.
    const image = transcript.getByRole('img', { name: 'sohva.png' });
    await image.waitFor({ timeout: 10_000 });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);

    // And back: the agent sends a return label, which the visitor saves with their own token.
    const label = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
    await agent.locator('input[type=file]').setInputFiles({ name: 'palautuslappu.pdf', mimeType: 'application/pdf', buffer: label });
    const save = visitor.getByRole('button', { name: /^Lataa palautuslappu\.pdf/ });
    const [download] = await Promise.all([visitor.waitForEvent('download'), save.click()]);
    expect(download.suggestedFilename()).toBe('palautuslappu.pdf');
    expect(readFileSync(await download.path()).equals(label)).toBe(true);
    expect(refused).toEqual([]);
  });

  it('keeps the newest message above the composer in a long conversation, a picture drawn late included', async () => {
    const visitor = await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage();
    const agent = await (await stage.browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 720 } })).newPage();
    await visitorAsksForAPerson(visitor, stage.server.origin, 'pitkä keskustelu');
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const { transcript, reply } = await agentClaims(agent, 'pitkä keskustelu');
    const composer = agent.locator('form.composer');
    /** The bubble's bottom edge is above the composer's top, and its top below the conversation's heading. */
    const inSight = async (bubble: Locator) => {
      const [box, form, head] = await Promise.all([bubble.boundingBox(), composer.boundingBox(), agent.locator('.conversation-head').boundingBox()]);
      return box !== null && form !== null && head !== null && box.y + box.height <= form.y && box.y >= head.y + head.height;
    };
    for (let i = 1; i <= 25; i++) {
      await reply.fill(`Vastaus numero ${i}`);
      await reply.press('Enter');
      await transcript.getByText(`Vastaus numero ${i}`, { exact: true }).waitFor();
    }
    // Far more than the window holds: the column scrolls.
    expect(await agent.locator('main.conversation').evaluate((m) => m.scrollHeight > m.clientHeight + 500)).toBe(true);
    const bubbleOf = (text: string) => transcript.getByText(text, { exact: true }).locator('xpath=ancestor::li[1]');
    await expect.poll(() => inSight(bubbleOf('Vastaus numero 25'))).toBe(true);
    // All stored, so that the visitor's next message comes after them.
    await expect.poll(() => transcript.getByText('Sending…').count()).toBe(0);
    await visitorSays(visitor, 'Viimeinen viestini');
    await transcript.getByText('Viimeinen viestini').waitFor();
    await expect.poll(() => inSight(bubbleOf('Viimeinen viestini'))).toBe(true);

    // A photo, drawn after its fetch: still in sight once it is.
    const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await visitor.locator('input[type=file]').setInputFiles({ name: 'pitka.png', mimeType: 'image/png', buffer: photo });
    const image = transcript.getByRole('img', { name: 'pitka.png' });
    await image.waitFor({ timeout: 10_000 });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await expect.poll(() => inSight(image.locator('xpath=ancestor::li[1]'))).toBe(true);

    // The visitor's next page: the chat, kept while the panel was closed, opens at its newest line.
    await visitor.reload();
    await visitor.getByRole('button', { name: /^Avaa chat/ }).click();
    const log = visitor.getByRole('log', { name: 'Keskustelu' });
    await log.getByText('Vastaus numero 25').waitFor();
    await expect.poll(() => log.evaluate((el) => {
      const body = el.closest('.body')!;
      return body.scrollHeight > body.clientHeight + 500 && body.scrollHeight - body.scrollTop - body.clientHeight < 8;
    })).toBe(true);
  });

  it('sends a photo still on its way from the next page the visitor opens, once', async () => {
    const visitor = await (await stage.browser.newContext({ locale: 'fi-FI' })).newPage();
    const agent = await (await stage.browser.newContext({ locale: 'en-GB' })).newPage();
    await visitorAsksForAPerson(visitor, stage.server.origin, 'kuva vahingosta');
    await agentLogsIn(agent, stage.server.origin, PASSWORD);
    const { transcript } = await agentClaims(agent, 'kuva vahingosta');
    await visitor.getByText('Aino (demo) liittyi keskusteluun').waitFor();

    // A connection so slow that the upload is still going when the visitor moves on: held, never answered.
    await visitor.route('**/api/files', () => {});
    const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await visitor.locator('input[type=file]').setInputFiles({ name: 'vahinko.png', mimeType: 'image/png', buffer: photo });
    await visitor.getByText('Lähetetään…').waitFor();
    // Kept in the browser's IndexedDB, as a file, beside the conversation (under a key of its own).
    const keptFiles = () =>
      visitor.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('kohtaamo');
            open.onsuccess = () => {
              const read = open.result.transaction('kv').objectStore('kv').getAll();
              read.onsuccess = () => {
                resolve(read.result.filter((value) => value?.file instanceof File).length);
                open.result.close();
              };
            };
          }),
      );
    await expect.poll(keptFiles).toBe(1);
    await visitor.unroute('**/api/files');
    await visitor.goto(`${stage.server.origin}/?sivu=tarjoukset`);

    const image = transcript.getByRole('img', { name: 'vahinko.png' });
    await image.waitFor({ timeout: 10_000 });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await expect.poll(keptFiles).toBe(0);
    expect(await image.count()).toBe(1);
  });

  it('speaks English on the English page and answers from the English FAQ, with nothing the page asks for missing', async () => {
    const visitor = await (await stage.browser.newContext({ locale: 'en-GB' })).newPage();
    const failed: string[] = [];
    visitor.on('response', (response) => void (response.status() >= 400 && failed.push(`${response.status()} ${response.url()}`)));
    await visitor.goto(`${stage.server.origin}/en/`);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    await visitor.getByRole('combobox', { name: 'Your question' }).pressSequentially('how much is shipping', { delay: 20 });
    await visitor.getByRole('option', { name: new RegExp(escape(faqQuestion('shipping-cost-en'))) }).click();
    await visitor.getByText('Did this help?').waitFor();
    await visitor.getByRole('button', { name: 'Yes', exact: true }).click();
    expect(await visitor.getByRole('button', { name: 'Talk to a person' }).isVisible()).toBe(true);
    // Headless Chromium asks for no favicon, so the test fetches the one the page names.
    const icon = await visitor.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel=icon]')?.href);
    expect(icon && (await visitor.request.get(icon)).status()).toBe(200);
    expect(failed).toEqual([]);
  });
});
