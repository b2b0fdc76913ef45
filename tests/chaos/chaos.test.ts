// Issue 4's proof: a message acknowledged to its sender is delivered to the other side exactly
// once, in order, whatever the network or the server does. The real server runs behind our
// fault proxy; visitor and agent clients chat through random delays, drops, one-way black
// holes and resets while the server is SIGKILLed and restarted on the same data several
// times. After a quiet settle, both ends of every conversation — and a fresh reader after one
// last SIGKILL — must hold every acknowledged message once, where and in the order it was sent.
// Replay a failing run with CHAOS_SEED=<printed seed>.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { chaos, CHAOS_CLIENT, envInt } from './run-chaos';

const dataDir = mkdtempSync(join(tmpdir(), 'kohtaamo-chaos-'));
const run = chaos({
  conversations: envInt('CHAOS_CONVERSATIONS', 50),
  messages: envInt('CHAOS_MESSAGES', 200),
  messageEveryMs: envInt('CHAOS_MESSAGE_MS', 150),
  // The SIGTERM one checks the graceful path too: sockets closed while commits are in flight.
  stops: ['SIGKILL', 'SIGKILL', 'SIGTERM', 'SIGKILL', 'SIGKILL'],
  settleMs: 40_000,
  client: CHAOS_CLIENT,
  dataDir,
  servers: 1,
  // Short server heartbeats too, so the server's own detection of half-dead connections (ws pings,
  // idle timeout) is exercised, not only the clients'.
  env: { KOHTAAMO_HEARTBEAT_MS: '1000', KOHTAAMO_IDLE_TIMEOUT_MS: '3000' },
});

describe('chaos: the delivery guarantee under faults and crashes', () => {
  afterAll(async () => {
    await run.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every conversation, both ways, arrives exactly once, in order', () => run.run());
});
