// One server (the real CLI, on a fresh data directory) and one Chromium for a test file,
// started before its tests and stopped after them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startServer, type ServerProcess } from '../support/server-process';

export const DEMO_PASSWORD = 'e2e-demo-password';

export interface Stage {
  server: ServerProcess;
  browser: Browser;
  dataDir: string;
  /** Stops the server gracefully and starts it again on the same data and port. */
  restartServer(): Promise<void>;
}

/** Registers the hooks; the returned object is filled in by the time tests run. */
export function useStage(): Stage {
  const stage = {} as Stage;
  beforeAll(async () => {
    stage.dataDir = mkdtempSync(join(tmpdir(), 'kohtaamo-e2e-'));
    stage.server = await startServer({ dataDir: stage.dataDir, env: { KOHTAAMO_DEMO_PASSWORD: DEMO_PASSWORD } });
    stage.browser = await launchChromium();
    stage.restartServer = async () => {
      await stage.server.stop();
      stage.server = await startServer({ dataDir: stage.dataDir, port: stage.server.port });
    };
  });
  afterAll(async () => {
    await stage.browser?.close();
    await stage.server?.stop();
    if (stage.dataDir) rmSync(stage.dataDir, { recursive: true, force: true });
  });
  return stage;
}
