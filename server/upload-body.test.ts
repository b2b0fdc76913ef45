// The slowest pace a file's body may come at, with the server's defaults, on a simulated clock: a
// phone's photo on a weak link goes, a stalled upload gives its place back.
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { DEFAULTS } from './defaults';
import { readUploadBody } from './upload-body';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
afterEach(() => vi.useRealTimers());

/** A body that comes `perSecond` bytes a second until `total` are in (then ends), or stops at `stallAt`. */
async function send(total: number, perSecond: number, stallAt = Infinity) {
  const body = new PassThrough();
  const read = readUploadBody(body as unknown as IncomingMessage, DEFAULTS.uploads.minRate).then(
    (buffer) => ({ ok: true as const, bytes: buffer.length, at: performance.now() }),
    (error: Error) => ({ ok: false as const, error: error.message, at: performance.now() }),
  );
  for (let sent = 0; sent < total && sent < stallAt; sent += perSecond) {
    body.write(Buffer.alloc(Math.min(perSecond, total - sent)));
    await vi.advanceTimersByTimeAsync(1_000);
  }
  if (stallAt === Infinity) body.end();
  else await vi.advanceTimersByTimeAsync(120_000);
  return read;
}

it('takes a 600 KB photo sent at 40 KB/s (a weak 3G link, 15 s), which a 5 s grace cut at 13.8 s', async () => {
  expect(await send(600_000, 40_000)).toMatchObject({ ok: true, bytes: 600_000 });
});

it('cuts an upload stalled after 4 bytes within about half a minute, not the 180 s a 10 MB file gets', async () => {
  const result = await send(2_000, 4, 4);
  expect(result).toMatchObject({ ok: false, error: expect.stringContaining('more slowly than 0.5 Mbit/s') });
  expect(result.at).toBeLessThanOrEqual(31_000);
});
