import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { FAQ_FILE, loadFaqBundle, REPLIES_FILE } from './faq-file';
import { faqRoutes } from './faq-http';

const DEMO_FAQ = fileURLToPath(new URL('../demo/faq.json', import.meta.url));

it('has the FAQ compressed as soon as it is loaded, so no visitor waits for brotli', async () => {
  const loaded = await loadFaqBundle(DEMO_FAQ, {}, FAQ_FILE);
  expect(brotliDecompressSync(loaded.bodies.get('br')!).toString()).toBe(loaded.json);
  expect(gunzipSync(loaded.bodies.get('gzip')!).toString()).toBe(loaded.json);
  // The console's saved replies too, fetched at every login and reload.
  expect([...(await loadFaqBundle(DEMO_FAQ, {}, REPLIES_FILE)).bodies.keys()]).toEqual(['br', 'gzip']);

  // The bundle as served, telling whether a request read its text, which compressing it would.
  let textRead = 0;
  const served = {
    etag: loaded.etag,
    bodies: loaded.bodies,
    get json() {
      textRead++;
      return loaded.json;
    },
  };
  const routes = faqRoutes({ faq: () => served, originAllowed: () => true, faqStat: () => true, unlimitedBeacons: () => true, clientAddress: () => '127.0.0.1' }, Date.now);
  const http = createServer((req, res) => void routes['/api/faq']!(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const get = (acceptEncoding: string) =>
    new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      request(`http://127.0.0.1:${(http.address() as AddressInfo).port}/api/faq`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
  try {
    // The first visitor taking brotli, and one taking gzip: the bytes made at load, not made now.
    expect(await get('gzip, deflate, br')).toEqual({ encoding: 'br', body: loaded.bodies.get('br') });
    expect(await get('gzip')).toEqual({ encoding: 'gzip', body: loaded.bodies.get('gzip') });
    expect(textRead).toBe(0);
  } finally {
    await new Promise((resolve) => http.close(resolve));
  }
});
