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

it('serves the widget the lean bundle at ?v=2, and everyone else the plain one as before', async () => {
  const loaded = await loadFaqBundle(DEMO_FAQ, {}, FAQ_FILE);
  const lean = loaded.lean!;
  expect(JSON.parse(lean.json)).toMatchObject({ version: 2 });
  expect(JSON.parse(loaded.json)).toMatchObject({ bundle: { version: 1 } });
  expect(brotliDecompressSync(lean.bodies.get('br')!).toString()).toBe(lean.json);
  expect(gunzipSync(lean.bodies.get('gzip')!).toString()).toBe(lean.json);
  expect(lean.json.length).toBeLessThan(loaded.json.length);
  // The saved replies go to the console only, which reads the plain one.
  expect((await loadFaqBundle(DEMO_FAQ, {}, REPLIES_FILE)).lean).toBeUndefined();

  const routes = faqRoutes({ faq: () => loaded, originAllowed: () => true, faqStat: () => true, unlimitedBeacons: () => true, clientAddress: () => '127.0.0.1' }, Date.now);
  const http = createServer((req, res) => void routes['/api/faq']!(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const get = (path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; etag: string; encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      request(`http://127.0.0.1:${(http.address() as AddressInfo).port}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, etag: String(res.headers.etag), encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
  try {
    const plain = await get('/api/faq', { 'accept-encoding': 'identity' });
    expect(plain.body.toString()).toBe(loaded.json);
    // Any other version asked for gets the plain bundle too: only a widget that reads v2 asks for it.
    expect((await get('/api/faq?v=3', { 'accept-encoding': 'identity' })).body.toString()).toBe(loaded.json);
    const leanPlain = await get('/api/faq?v=2', { 'accept-encoding': 'identity' });
    expect(leanPlain.body.toString()).toBe(lean.json);
    const leanBr = await get('/api/faq?v=2', { 'accept-encoding': 'br' });
    expect(leanBr).toMatchObject({ encoding: 'br', body: lean.bodies.get('br') });
    // Each form and encoding is its own representation, so its own ETag, and revalidates on its own.
    const etags = [plain.etag, leanPlain.etag, leanBr.etag, (await get('/api/faq', { 'accept-encoding': 'br' })).etag];
    expect(new Set(etags).size).toBe(4);
    expect((await get('/api/faq?v=2', { 'accept-encoding': 'br', 'if-none-match': leanBr.etag })).status).toBe(304);
    expect((await get('/api/faq', { 'accept-encoding': 'br', 'if-none-match': leanBr.etag })).status).toBe(200);
  } finally {
    await new Promise((resolve) => http.close(resolve));
  }
});

it('serves the plain bundle at ?v=2 when there is no lean one, which the widget reads too', async () => {
  const loaded = await loadFaqBundle(DEMO_FAQ, {}, FAQ_FILE);
  const routes = faqRoutes({ faq: () => ({ ...loaded, lean: undefined }), originAllowed: () => true, faqStat: () => true, unlimitedBeacons: () => true, clientAddress: () => '127.0.0.1' }, Date.now);
  const http = createServer((req, res) => void routes['/api/faq']!(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/api/faq?v=2`);
    expect(await res.text()).toBe(loaded.json);
  } finally {
    await new Promise((resolve) => http.close(resolve));
  }
});
