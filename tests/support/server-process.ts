// Runs the real `kohtaamo serve` command in a child process, the way a site owner does,
// and reads the address it prints. Used by the end-to-end and fault tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/kohtaamo.js', import.meta.url));

export interface ServerProcess {
  /** Origin the server listens on, e.g. http://127.0.0.1:41234 */
  origin: string;
  port: number;
  /** Everything the process printed so far. */
  output(): string;
  /** Graceful stop (SIGTERM), resolved when the process has exited. */
  stop(): Promise<void>;
  /** SIGKILL, resolved when the process has exited. */
  kill(): Promise<void>;
  /** SIGSTOP: the process holds its sockets and answers nothing, as a stalled server does, until `resume` (SIGCONT). */
  pause(): void;
  resume(): void;
}

export interface ServerOptions {
  dataDir: string;
  port?: number;
  env?: Record<string, string>;
  args?: string[];
}

export async function startServer({ dataDir, port = 0, env = {}, args = [] }: ServerOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--data', dataDir, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));

  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not print its address in 20 s:\n${out}`)), 20_000);
    const check = () => {
      const match = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });

  const exited = (c: ChildProcess) =>
    new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));
  return {
    origin,
    port: Number(new URL(origin).port),
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
  };
}
