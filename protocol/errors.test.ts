// The error catalogue: a storage failure has a code of its own, apart from a server bug's, that
// keeps the connection and that the widget's parser takes.
import { expect, it } from 'vitest';
import { ERROR_CODES, ERRORS, HTTP_ERROR_CODES, isErrorCode } from './errors';
import { parseVisitorServerMessage } from './parse';

it('has `unavailable`, a refusal of the storage, which asks for the same frame again later', () => {
  expect(isErrorCode('unavailable')).toBe(true);
  expect(ERRORS.unavailable).toEqual({ message: 'The server cannot store this right now; send it again later.', close: null });
  expect(ERROR_CODES).toContain('internal');
});

it('every code has its message, and the widget parses an `unavailable` answer to its frame', () => {
  expect(Object.keys(ERRORS).sort()).toEqual([...ERROR_CODES, ...HTTP_ERROR_CODES].sort());
  const parsed = parseVisitorServerMessage(JSON.stringify({ type: 'error', code: 'unavailable', message: ERRORS.unavailable.message, id: 'm3' }));
  expect(parsed).toEqual({ ok: true, value: { type: 'error', code: 'unavailable', message: ERRORS.unavailable.message, id: 'm3' } });
});
