// Retention: the data is kept no longer than the site owner decided (--retention-days; 0 keeps it).
// Daily, and at start so a server that restarts often still prunes. On its own connection, in
// short transactions with pauses between them (store/erase.ts), so the server's writes and its
// event loop go on meanwhile. Scaled out, every process prunes: the second finds nothing left.
import type { Maintenance } from './store/maintenance';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionOptions {
  retentionDays: number;
  /** The store's own connection for maintenance (store/maintenance.ts). */
  stored: Pick<Maintenance, 'prune'>;
  now: () => number;
  info: (line: string) => void;
  log: (error: unknown) => void;
}

/** Prunes now and then daily; resolves once the first prune is done, with the function that stops it. */
export async function startRetention({ retentionDays, stored, now, info, log }: RetentionOptions): Promise<() => void> {
  const pruneOld = async () => {
    try {
      const result = await stored.prune(now() - retentionDays * DAY_MS);
      if (result.conversations + result.visitors > 0) {
        info(`Retention (${retentionDays} days): deleted ${result.conversations} closed conversations and ${result.visitors} visitors`);
      }
    } catch (error) {
      log(error);
    }
  };
  const retention = retentionDays > 0 ? setInterval(pruneOld, DAY_MS) : undefined;
  retention?.unref();
  if (retention) await pruneOld();
  return () => clearInterval(retention);
}
