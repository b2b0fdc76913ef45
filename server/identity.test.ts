import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { identitySignature, summaryVisitor } from './identity';

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
