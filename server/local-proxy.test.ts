// A reverse proxy that --trust-proxy does not name, on this machine or on another: every client
// has its address. One agent's login through it must not let every guess through it off the login back-off.
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterEach, expect, it } from 'vitest';
import { createServer, type RunningServer } from './app';
import { parseTrustProxy, type TrustProxy } from './client-address';
import { DEMO_PASSWORD, tempDir, testConfig } from './test-support';

let dir: { dir: string; remove(): Promise<void> } | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  await dir?.remove();
});

async function start(trustProxy?: TrustProxy) {
  dir = await tempDir();
  const told: string[] = [];
  server = await createServer(await testConfig(dir.dir, { trustProxy }), { log: () => {}, info: (line) => told.push(line) });
  const url = server.url;
  /** A login as nginx passes it on (`proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`). */
  const login = (client: string, password: string) =>
    fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify({ login: 'demo', password }),
    }).then((r) => r.status);
  return { login, told };
}

it('keeps the back-off for guesses through it after an agent logged in through it, and says to set --trust-proxy, once', async () => {
  const { login, told } = await start();
  expect(await login('203.0.113.5', DEMO_PASSWORD)).toBe(200);
  const statuses = [];
  for (let i = 1; i <= 6; i++) statuses.push(await login(`198.51.100.${i}`, `guess-${i}`));
  expect(statuses).toEqual([...Array(5).fill(401), 429]);
  expect(told).toEqual([
    'Requests arrive through a proxy on this machine (X-Forwarded-For from 127.0.0.1) but --trust-proxy is not set; set `--trust-proxy loopback` so the limits count the real clients.',
  ]);
});

it('says nothing of a proxy --trust-proxy names, and lets the agent in from where they logged in before', async () => {
  const { login, told } = await start(parseTrustProxy('loopback') as TrustProxy);
  expect(await login('203.0.113.5', DEMO_PASSWORD)).toBe(200);
  for (let i = 1; i <= 6; i++) await login(`198.51.100.${i}`, `guess-${i}`);
  expect(await login('203.0.113.5', DEMO_PASSWORD)).toBe(200);
  expect(told).toEqual([]);
});

/** An address of this machine's that is not loopback: connecting from it makes a peer as a proxy elsewhere would be. */
const lan = Object.values(networkInterfaces()).flat().find((i) => i?.family === 'IPv4' && !i.internal)?.address;

it.runIf(lan !== undefined)('keeps the back-off through a proxy on another machine too, and names it, once', async () => {
  dir = await tempDir();
  const told: string[] = [];
  server = await createServer(await testConfig(dir.dir, { host: lan }), { log: () => {}, info: (line) => told.push(line) });
  const port = Number(new URL(server.url).port);
  const login = (client: string, password: string) =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ login: 'demo', password });
      const req = request(
        { host: lan, port, localAddress: lan, path: '/api/login', method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': client } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  expect(await login('203.0.113.5', DEMO_PASSWORD)).toBe(200);
  const statuses = [];
  for (let i = 1; i <= 6; i++) statuses.push(await login(`198.51.100.${i}`, `guess-${i}`));
  expect(statuses).toEqual([...Array(5).fill(401), 429]);
  expect(told).toEqual([
    `Requests arrive with X-Forwarded-For from ${lan} but --trust-proxy is not set; if it is your proxy, set \`--trust-proxy ${lan}\` so the limits count the real clients.`,
  ]);
});
