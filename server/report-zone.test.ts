// The service report counts the site's days: --timezone alone says which, with or without opening hours.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from './app';
import { parseServeConfig } from './config';
import { login, startTestServer, tempDir } from './test-support';

describe("the report's days", () => {
  let server: RunningServer | undefined;
  let dir: Awaited<ReturnType<typeof tempDir>> | undefined;
  afterEach(async () => {
    await server?.close();
    await dir?.remove();
  });

  it('are the zone --timezone names, without opening hours too', async () => {
    const parsed = parseServeConfig(['--timezone', 'Pacific/Auckland'], {}, process.cwd());
    expect(parsed).toMatchObject({ ok: true, config: { timeZone: 'Pacific/Auckland' } });
    expect(parsed.ok && parsed.config.hours).toBeUndefined();

    dir = await tempDir();
    server = await startTestServer(dir.dir, { timeZone: 'Pacific/Auckland' });
    const res = await fetch(`${server.url}/api/report?days=1`, { headers: { authorization: `Bearer ${await login(server)}` } });
    expect(await res.json()).toMatchObject({ timeZone: 'Pacific/Auckland' });
  });
});
