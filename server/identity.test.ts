import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createServer } from './app';
import { identitySignature, summaryVisitor, unsetSecretNotice } from './identity';
import { connect, isType, PAGE, tempDir, testConfig } from './test-support';

const SECRET = 'k'.repeat(40);
const EMAIL = 'matti@example.fi';
// What a site's own server computes, written out with node:crypto as the README shows it.
const SIGNED = createHmac('sha256', SECRET).update(EMAIL).digest('hex');

describe("the site's signature on a visitor's email", () => {
  it('is HMAC-SHA256 of the email in hex, as the README tells site owners to make it', () => {
    expect(identitySignature(SECRET, EMAIL)).toBe(SIGNED);
  });

  it('marks the email verified only when the signature matches, and never keeps the signature', () => {
    expect(summaryVisitor({ name: 'Matti', email: EMAIL, signature: SIGNED }, SECRET)).toEqual({ name: 'Matti', email: EMAIL, verified: true });
    expect(summaryVisitor({ email: EMAIL, signature: SIGNED.toUpperCase() }, SECRET)).toEqual({ email: EMAIL, verified: true });
    expect(summaryVisitor({ email: 'pekka@example.fi', signature: SIGNED }, SECRET)).toEqual({ email: 'pekka@example.fi', verified: false });
    expect(summaryVisitor({ email: EMAIL, signature: identitySignature('x'.repeat(40), EMAIL) }, SECRET)).toEqual({ email: EMAIL, verified: false });
    expect(summaryVisitor({ email: EMAIL }, SECRET)).toEqual({ email: EMAIL, verified: false });
  });

  it('verifies nobody when the server has no secret', () => {
    expect(summaryVisitor({ email: EMAIL, signature: SIGNED }, undefined)).toEqual({ email: EMAIL, verified: false });
  });

  it('leaves a visitor without an email as given', () => {
    expect(summaryVisitor({ name: 'Matti', signature: SIGNED }, SECRET)).toEqual({ name: 'Matti' });
    expect(summaryVisitor(undefined, SECRET)).toEqual({});
  });
});

describe('a signed identity sent to a server without the secret', () => {
  it('tells the operator once per server, not once per visitor, and marks nobody verified', () => {
    const lines: string[] = [];
    const notice = unsetSecretNotice((line) => lines.push(line));
    for (const email of [EMAIL, 'pekka@example.fi']) {
      expect(summaryVisitor({ email, signature: SIGNED }, undefined, notice)).toEqual({ email, verified: false });
    }
    expect(lines).toEqual([expect.stringMatching(/^A page sent a signed visitor identity .*KOHTAAMO_IDENTITY_SECRET is not set: agents see these emails as not verified\. Set KOHTAAMO_IDENTITY_SECRET/)]);
  });

  it('says nothing when the server has the secret, or the page signed nothing', () => {
    const lines: string[] = [];
    const notice = unsetSecretNotice((line) => lines.push(line));
    summaryVisitor({ email: EMAIL, signature: SIGNED }, SECRET, notice);
    summaryVisitor({ email: EMAIL }, undefined, notice);
    expect(lines).toEqual([]);
  });

  it('is told in the server log at the handoff', async () => {
    const dir = await tempDir();
    const lines: string[] = [];
    const server = await createServer(await testConfig(dir.dir), { log: () => {}, info: (line) => lines.push(line) });
    try {
      for (const [i, email] of [EMAIL, 'pekka@example.fi'].entries()) {
        const v = await connect(server, '/ws/visitor');
        v.send({ type: 'hello', lang: 'fi', page: PAGE });
        await v.next(isType('welcome'));
        v.send({ type: 'handoff', id: `h${i}`, reason: 'no_answer', lang: 'fi', page: PAGE, steps: [], visitor: { email, signature: identitySignature(SECRET, email) } });
        await v.next(isType('ack'));
        v.close();
      }
      expect(lines.filter((l) => l.includes('KOHTAAMO_IDENTITY_SECRET is not set'))).toHaveLength(1);
    } finally {
      await server.close();
      await dir.remove();
    }
  });
});
