// The replies a visitor missed, by email: through a real SMTP server on this machine, from a
// real server, with the visitor and the agent on real sockets.
import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { FILES_PATH, type AgentServerMessage, type EmailedBody } from '../protocol';
import type { ServerConfig } from './config';
import { createServer, type RunningServer } from './app';
import { connect, isType, login, PAGE, replayedKinds, tempDir, testConfig, until, type TestClient } from './test-support';

interface Received {
  to: string[];
  subject: string;
  text: string;
  /** The Message-ID, In-Reply-To and References headers, as sent. */
  ids: { messageId: string; inReplyTo: string; references: string };
}

/** Quoted-printable and encoded-word text back to what was written. */
const unquote = (qp: string) => Buffer.from(qp.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
const decodeWords = (header: string) => header.replace(/=\?UTF-8\?Q\?(.*?)\?=\s*/gi, (_, words: string) => unquote(words.replace(/_/g, ' ')));

/** An SMTP server on a free port that keeps what it gets, or refuses every recipient with `refuse`. */
async function mailbox(refuse?: string) {
  const received: Received[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, done) {
      done(refuse ? Object.assign(new Error(refuse), { responseCode: 550 }) : undefined);
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        const [head = '', body = ''] = raw.split(/\r\n\r\n/, 2).length === 2 ? [raw.slice(0, raw.indexOf('\r\n\r\n')), raw.slice(raw.indexOf('\r\n\r\n') + 4)] : [raw, ''];
        const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(head)?.[1]?.replace(/\r\n[ \t]/g, ' ') ?? '';
        const header = (name: string) => new RegExp(`^${name}: (.*(?:\\r\\n[ \\t].*)*)`, 'mi').exec(head)?.[1]?.replace(/\r\n[ \t]/g, ' ') ?? '';
        const ids = { messageId: header('Message-ID'), inReplyTo: header('In-Reply-To'), references: header('References') };
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: decodeWords(subject), text: unquote(body).replace(/\r\n/g, '\n'), ids });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/**
 * A server of the site https://kauppa.example that emails through `smtp`, a visitor (already
 * handed off from `page`, having written `says`) and the agent who claimed them.
 */
async function setUp(smtp: string, says: string | null, overrides: Partial<ServerConfig> = {}, page: { url: string; title: string } = PAGE) {
  const dir = await tempDir();
  /** What the server wrote to its log. */
  const logged: string[] = [];
  const config = await testConfig(dir.dir, {
    email: { smtp, from: 'Kauppa <tuki@kauppa.example>', afterMs: 200 },
    origins: [new URL(PAGE.url).origin],
    visitorGoneMs: 50,
    ...overrides,
  });
  const server: RunningServer = await createServer(config, { log: (error) => logged.push(String(error)), info: () => {} });
  let closed = false;
  const closeServer = async () => {
    if (!closed) await server.close();
    closed = true;
  };
  cleanup.push(dir.remove, closeServer);
  const visitor = await connect(server, '/ws/visitor');
  cleanup.push(() => visitor.close());
  visitor.send({ type: 'hello', lang: 'fi', page });
  const visitorWelcome = await visitor.next(isType('welcome'));
  const { token } = visitorWelcome;
  visitor.send({ type: 'handoff', id: 'h1', reason: 'no_answer', lang: 'fi', page, steps: [], visitor: { name: 'Matti' } });
  const { conversationId } = (await visitor.next(isType('ack'))) as { conversationId: string };
  if (says) {
    visitor.send({ type: 'msg', id: 'v1', text: says });
    await visitor.next(isType('ack'));
  }
  const agent: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
  cleanup.push(() => agent.close());
  const agentToken = await login(server);
  agent.send({ type: 'hello', token: agentToken });
  const welcome = await agent.next(isType('welcome'));
  agent.send({ type: 'claim', id: 'k1', conversationId });
  await agent.next(isType('ack'));
  let n = 0;
  const reply = async (text: string) => {
    agent.send({ type: 'msg', id: `a${++n}`, conversationId, text });
    return ((await agent.next(isType('ack'))) as { seq: number }).seq;
  };
  const leave = async () => {
    visitor.close();
    await visitor.closed;
    await pause(150);
  };
  const emailedEvents = () => agent.events(conversationId).flatMap((e) => (e.body.kind === 'emailed' ? [e.body] : []));
  /** The agent sends a file (a PDF), as the console does. */
  const sendFile = async (name: string) => {
    const answer = await fetch(`${server.url}${FILES_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agentToken}`, 'x-kohtaamo-id': `file${++n}`, 'x-kohtaamo-name': encodeURIComponent(name), 'x-kohtaamo-conversation': conversationId },
      body: new Uint8Array(Buffer.from('%PDF-1.7\n')),
    });
    return ((await answer.json()) as { seq: number }).seq;
  };
  /** Starts the server again on the same data, as after an upgrade (stop it first). */
  const restart = async (changed: Partial<ServerConfig> = {}) => {
    const again = await createServer({ ...config, ...changed }, { log: (error) => logged.push(String(error)), info: () => {} });
    cleanup.push(() => again.close());
    return again;
  };
  return { server, closeServer, restart, visitor, visitorWelcome, token, agent, welcome, conversationId, reply, sendFile, leave, emailedEvents, logged };
}

describe('replies a visitor missed, by email', () => {
  it('go once, after the wait, to the address the visitor wrote: only those they did not see, and agents see it', async () => {
    const box = await mailbox();
    cleanup.push(box.close);
    const { server, visitor, welcome, visitorWelcome, reply, leave, emailedEvents, token, conversationId } = await setUp(box.url, 'Joudun lähtemään, vastatkaa osoitteeseen matti@example.fi.');
    // Both sides are told: the console says where replies go, the widget asks for an address.
    expect([welcome, visitorWelcome]).toMatchObject([{ emailsReplies: true }, { emailsReplies: true }]);

    const first = await reply('Hei Matti, katson tilaustasi.');
    visitor.send({ type: 'seen', seq: first }); // the widget was open
    await pause(300);
    expect(box.received).toEqual([]);
    await leave();
    await reply('Tilauksesi lähti tänään.');
    const last = await reply('Seurantakoodi tulee tekstiviestillä.');
    await until(() => box.received.length > 0);
    await pause(400);

    expect(box.received).toHaveLength(1);
    const mail = box.received[0]!;
    expect(mail.to).toEqual(['matti@example.fi']);
    expect(mail.subject).toBe('Vastaus viestiisi – kauppa.example');
    expect(mail.text).toMatch(/^Hei,\n/);
    expect(mail.text).toContain('Aino (demo):\nTilauksesi lähti tänään.\n\nAino (demo):\nSeurantakoodi tulee tekstiviestillä.');
    expect(mail.text).not.toContain('katson tilaustasi');
    expect(mail.text).toContain(PAGE.url);
    expect(mail.text).toMatch(/\n--\nSaat tämän viestin, koska kerroit sähköpostiosoitteesi chatissa\.\n$/);
    await until(() => emailedEvents().length > 0);
    expect(emailedEvents()).toEqual([{ kind: 'emailed', to: 'matti@example.fi', replies: 2, through: last } satisfies EmailedBody]);

    // Back on the site, the visitor gets the whole conversation again, but never that record.
    expect(await replayedKinds(server, token, conversationId, last)).not.toContain('emailed');
  });

  it('of one conversation thread together in a mail client: each its own Message-ID, all referring to the conversation, nothing of the visitor in it', async () => {
    const box = await mailbox();
    cleanup.push(box.close);
    const { reply, leave, emailedEvents, conversationId } = await setUp(box.url, 'matti@example.fi');
    await leave();
    await reply('Tilauksesi lähti tänään.');
    await until(() => emailedEvents().length > 0);
    await reply('Seurantakoodi tulee tekstiviestillä.');
    await until(() => box.received.length > 1);

    const [first, second] = box.received.map((m) => m.ids);
    const thread = `<${conversationId}@kauppa.example>`;
    expect(conversationId).toMatch(/^c_[A-Za-z0-9_-]+$/);
    expect(first).toMatchObject({ inReplyTo: thread, references: thread });
    expect(second).toMatchObject({ inReplyTo: thread, references: thread });
    expect(first?.messageId).toMatch(/^<[^<>\s]+@kauppa\.example>$/);
    expect(second?.messageId).toMatch(/^<[^<>\s]+@kauppa\.example>$/);
    expect(first?.messageId).not.toBe(second?.messageId);
    expect(JSON.stringify(box.received.map((m) => m.ids))).not.toMatch(/matti/i);
  });

  it("link only to the site's own pages and keep a page's title out of the subject: a script cannot phish through the shop's mail server", async () => {
    const box = await mailbox();
    cleanup.push(box.close);
    // A script, not a page (no Origin header), says it is on a page of its own and gives a victim's address.
    const { reply, leave } = await setUp(box.url, 'uhri@example.fi', {}, { url: 'https://evil.example/login', title: 'Tilisi on lukittu' });
    await leave();
    await reply('Hei, katsotaan.');
    await until(() => box.received.length > 0);
    const mail = box.received[0]!;
    expect(mail.subject).toBe('Vastaus viestiisi');
    expect(mail.text).toContain('Voit jatkaa keskustelua sivustomme chatissa samalla selaimella, jolla kysyit.');
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(/evil\.example|lukittu/);
  });

  it("go to the site's identify address when the visitor wrote none, and nowhere when neither is known", async () => {
    const box = await mailbox();
    cleanup.push(box.close);
    const here = await setUp(box.url, 'hei');
    await here.reply('Hei, miten voin auttaa?');
    await pause(500);
    expect(box.received).toEqual([]);
    await here.leave();
    await here.reply('Oletko vielä siellä?');
    await pause(500);
    expect(box.received).toEqual([]);
    expect(here.emailedEvents()).toEqual([]);

    const known = await setUp(box.url, null, { identitySecret: undefined });
    known.visitor.send({ type: 'identify', id: 'i1', visitor: { name: 'Maija', email: 'maija@example.fi' } });
    await pause(100);
    await known.leave();
    await known.reply('Palautus on kirjattu.');
    await until(() => box.received.length > 0);
    expect(box.received[0]?.to).toEqual(['maija@example.fi']);
    // She never wrote it in the chat: the email says where it came from.
    expect(box.received[0]?.text).toMatch(/\n--\nSaat tämän viestin, koska olit kirjautuneena sivustollemme kysyessäsi\.\n$/);
  });

  it("never go to the site's own address the visitor mentioned: to the one they gave before, else the one the site gave", async () => {
    const box = await mailbox();
    cleanup.push(box.close);
    const earlier = await setUp(box.url, 'Osoitteeni on matti@example.fi');
    // Both sides learn the site's From address, to say where replies go as the server sends them.
    expect([earlier.welcome, earlier.visitorWelcome]).toMatchObject([{ siteMail: 'tuki@kauppa.example' }, { siteMail: 'tuki@kauppa.example' }]);
    earlier.visitor.send({ type: 'msg', id: 'v2', text: 'Lähetin jo eilen sähköpostia osoitteeseen Tuki@Kauppa.example ja myynti@posti.kauppa.example, mutta kukaan ei vastannut.' });
    await earlier.visitor.next(isType('ack'));
    await earlier.leave();
    await earlier.reply('Pahoittelut! Tilauksesi 12345 lähtee huomenna.');
    await until(() => earlier.emailedEvents().length > 0);
    expect(earlier.emailedEvents()).toMatchObject([{ to: 'matti@example.fi' }]);

    const known = await setUp(box.url, null, { identitySecret: undefined });
    known.visitor.send({ type: 'identify', id: 'i1', visitor: { name: 'Maija', email: 'maija@example.fi' } });
    known.visitor.send({ type: 'msg', id: 'v2', text: 'Lähetin jo eilen sähköpostia osoitteeseen tuki@kauppa.example.' });
    await known.visitor.next((m) => m.type === 'ack' && m.id === 'v2');
    await known.leave();
    await known.reply('Pahoittelut! Tilauksesi lähtee huomenna.');
    await until(() => box.received.length > 1);
    expect(box.received.map((m) => m.to)).toEqual([['matti@example.fi'], ['maija@example.fi']]);
    expect(box.received[1]?.text).toMatch(/Saat tämän viestin, koska olit kirjautuneena sivustollemme kysyessäsi\.\n$/);
  });

  it("go to the visitor's address at the public provider the site mails from, which is not the site's own", async () => {
    const box = await mailbox();
    cleanup.push(box.close);
    const { reply, leave, welcome, emailedEvents } = await setUp(box.url, 'Osoitteeni on matti@gmail.com, kirjoitin jo Kauppa.Tuki@gmail.com:iin.', {
      email: { smtp: box.url, from: 'Kauppa <Kauppa.Tuki@gmail.com>', afterMs: 200 },
    });
    expect(welcome).toMatchObject({ siteMail: 'kauppa.tuki@gmail.com' });
    await leave();
    await reply('Tilauksesi lähti tänään.');
    await until(() => box.received.length > 0);
    expect(box.received[0]?.to).toEqual(['matti@gmail.com']);
    // Recorded once the mail server has answered: after the mail arrived.
    await until(() => emailedEvents().length > 0);
    expect(emailedEvents()).toMatchObject([{ to: 'matti@gmail.com' }]);
  });

  // Also where the server may not link back to a page, allowing any origin: the page's host still says what is the site's.
  it.each([[[new URL(PAGE.url).origin]], [['*']]])("never go to the site's main address when it mails from a sending subdomain: to the one the site gave (origins %j)", async (origins) => {
    const box = await mailbox();
    cleanup.push(box.close);
    const here = await setUp(box.url, null, { identitySecret: undefined, origins, email: { smtp: box.url, from: 'Kauppa <noreply@mg.kauppa.example>', afterMs: 200 } });
    here.visitor.send({ type: 'identify', id: 'i1', visitor: { name: 'Matti', email: 'matti@example.fi' } });
    here.visitor.send({ type: 'msg', id: 'v2', text: 'Lähetin jo eilen sähköpostia osoitteeseen tuki@kauppa.example.' });
    await here.visitor.next((m) => m.type === 'ack' && m.id === 'v2');
    await here.leave();
    await here.reply('Pahoittelut! Tilauksesi lähtee huomenna.');
    await until(() => box.received.length > 0);
    expect(box.received[0]?.to).toEqual(['matti@example.fi']);
  });

  it("link to the page the visitor asked from without its query or #fragment, which a client other than our widget may send", async () => {
    const box = await mailbox();
    cleanup.push(box.close);
    const page = { url: `${PAGE.url}?token=RESETTOKEN&email=matti%40example.fi#access_token=HASHTOKEN`, title: PAGE.title };
    const { reply, leave } = await setUp(box.url, 'matti@example.fi', {}, page);
    await leave();
    await reply('Tilauksesi lähti tänään.');
    await until(() => box.received.length > 0);
    const mail = box.received[0]!;
    expect(mail.text).toContain(`Voit jatkaa keskustelua chatissa sivulla ${PAGE.url} samalla selaimella`);
    expect(mail.text).not.toMatch(/RESETTOKEN|HASHTOKEN|matti%40/);
  });

  it('name a file the agent sent meanwhile, which waits in the chat', async () => {
    const box = await mailbox();
    cleanup.push(box.close);
    const { reply, sendFile, leave, emailedEvents } = await setUp(box.url, 'matti@example.fi');
    await leave();
    await reply('Tässä palautuslappu.');
    const last = await sendFile('palautuslappu.pdf');
    await until(() => box.received.length > 0);
    expect(box.received[0]?.text).toContain('Olit jo poistunut sivulta, kun vastasimme sinulle:\n\nAino (demo):\nTässä palautuslappu.\n\nAino (demo):\n📎 palautuslappu.pdf (tiedosto odottaa sinua chatissa)');
    await until(() => emailedEvents().length > 0);
    expect(emailedEvents()[0]).toMatchObject({ replies: 2, through: last });
  });

  it('go for a reply that came while the visitor was on the site but never looked, once they leave', async () => {
    const box = await mailbox();
    cleanup.push(box.close);
    const { reply, leave, emailedEvents } = await setUp(box.url, 'matti@example.fi');
    const unseen = await reply('Tilauksesi lähti tänään.'); // behind the launcher's unread count
    await pause(500); // past the wait: still on the site, so it waits on
    expect(box.received).toEqual([]);
    await leave();
    await until(() => box.received.length > 0);
    expect(box.received[0]?.text).toContain('Tilauksesi lähti tänään.');
    await until(() => emailedEvents().length > 0);
    expect(emailedEvents()).toEqual([{ kind: 'emailed', to: 'matti@example.fi', replies: 1, through: unseen }]);
  });

  it('do not go for replies the visitor answered, even without saying they saw them', async () => {
    const box = await mailbox();
    cleanup.push(box.close);
    const { visitor, reply, leave, emailedEvents } = await setUp(box.url, 'matti@example.fi');
    await reply('Onko tilausnumero 1234?');
    visitor.send({ type: 'msg', id: 'v2', text: 'On.' });
    await visitor.next(isType('ack'));
    await leave();
    await pause(500);
    expect(box.received).toEqual([]);
    expect(emailedEvents()).toEqual([]);
  });

  it('do not go for replies before the visitor ended the chat themselves: they were done with it', async () => {
    const box = await mailbox();
    cleanup.push(box.close);
    const { visitor, reply, leave, emailedEvents, conversationId } = await setUp(box.url, 'matti@example.fi');
    await reply('Tilauksesi lähti tänään.'); // came as they pressed "End chat", never marked seen
    visitor.send({ type: 'end', id: 'e1', conversationId });
    await visitor.next(isType('ack'));
    await leave();
    await pause(500);
    expect(box.received).toEqual([]);
    expect(emailedEvents()).toEqual([]);
  });

  it('tell agents when the mail server refuses, and do not try again; the log says which conversation and the code, not the address', async () => {
    // As a real mail server answers: the refused address in the reply's text.
    const box = await mailbox('5.1.1 <matti@example.fi>: Recipient address rejected: User unknown');
    cleanup.push(box.close);
    const { reply, leave, emailedEvents, logged, conversationId } = await setUp(box.url, 'vastatkaa: matti@example.fi');
    await leave();
    await reply('Tilauksesi lähti tänään.');
    await until(() => emailedEvents().length > 0);
    expect(emailedEvents()[0]).toMatchObject({ to: 'matti@example.fi', replies: 1, failed: expect.stringContaining('<matti@example.fi>: Recipient address rejected') });
    await pause(400);
    expect(emailedEvents()).toHaveLength(1);
    // The server's log is kept and shipped elsewhere, longer than an erasure reaches: no visitor's address in it.
    expect(logged).toEqual([expect.stringContaining(`could not email the visitor of ${conversationId}: SMTP 550`)]);
    expect(logged.join('\n')).not.toContain('matti@example.fi');
  });

  it('go at once when the server stops before the wait is over', async () => {
    const box = await mailbox();
    cleanup.push(box.close);
    const { reply, leave, closeServer } = await setUp(box.url, 'matti@example.fi', { email: { smtp: box.url, from: 'tuki@kauppa.example', afterMs: 60_000 } });
    await leave();
    await reply('Hyvitys on tehty.');
    await closeServer();
    expect(box.received.map((m) => m.to)).toEqual([['matti@example.fi']]);
  });

  it('go after a restart for a reply the visitor had not seen when the server stopped, once, when they do not come back', async () => {
    const box = await mailbox();
    cleanup.push(box.close);
    // The visitor is on the site at the stop (a left visitor counts as here for the grace too).
    const { reply, closeServer, restart, conversationId, logged } = await setUp(box.url, 'matti@example.fi', { visitorGoneMs: 5_000 });
    const unseen = await reply('Tilauksesi lähti tänään.'); // behind the launcher's unread count
    await closeServer();
    expect(box.received).toEqual([]); // still on the site when the server stopped: not yet
    const again = await restart();
    // The visitor's page is gone by now: after the wait, one email.
    await until(() => box.received.length > 0);
    await pause(400);
    expect(box.received.map((m) => m.to)).toEqual([['matti@example.fi']]);
    expect(box.received[0]?.text).toContain('Tilauksesi lähti tänään.');
    const records = async () => {
      const token = await login(again);
      const agent = await connect(again, '/ws/agent');
      cleanup.push(() => agent.close());
      agent.send({ type: 'hello', token });
      await agent.next(isType('welcome'));
      agent.send({ type: 'open', conversationId, afterSeq: 0 });
      await until(() => agent.events(conversationId).some((e) => e.body.kind === 'emailed'));
      return agent.events(conversationId).flatMap((e) => (e.body.kind === 'emailed' ? [e.body] : []));
    };
    expect(await records()).toEqual([{ kind: 'emailed', to: 'matti@example.fi', replies: 1, through: unseen }]);
    expect(logged).toEqual([]);
  });

  it('do not go after a restart when the visitor comes back and reads the reply', async () => {
    const box = await mailbox();
    cleanup.push(box.close);
    const { reply, closeServer, restart, token } = await setUp(box.url, 'matti@example.fi', { visitorGoneMs: 5_000, email: { smtp: box.url, from: 'tuki@kauppa.example', afterMs: 400 } });
    const unseen = await reply('Tilauksesi lähti tänään.');
    await closeServer();
    // Here a visitor counts as gone soon after their page closes, so the wait for an email is short.
    const again = await restart({ visitorGoneMs: 50 });
    const back = await connect(again, '/ws/visitor');
    cleanup.push(() => back.close());
    back.send({ type: 'hello', lang: 'fi', page: PAGE, token });
    await back.next(isType('welcome'));
    back.send({ type: 'seen', seq: unseen }); // the widget opened, the reply in front of them
    await pause(400);
    back.close();
    await back.closed;
    await pause(800);
    expect(box.received).toEqual([]);
  });
});

