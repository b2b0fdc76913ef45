// When a process started, to tell whether a live pid is the one that wrote a pid file: a pid is
// reused after its process dies (a reboot, a crash long ago), and a process that started after
// the file was written cannot have written it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Linux: field 22 of /proc/<pid>/stat is the start in clock ticks after boot (USER_HZ, 100 on Linux's usual CPUs). */
function fromProc(pid: number, now: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTicks = Number(fields[19]);
    const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    if (!Number.isFinite(startTicks) || !Number.isFinite(uptime)) return null;
    return now - (uptime - startTicks / 100) * 1000;
  } catch {
    return null;
  }
}

/** Elsewhere (macOS): `ps -o etime=` ([[dd-]hh:]mm:ss since start), which POSIX systems have. */
function fromPs(pid: number, now: number): number | null {
  const ps = spawnSync('ps', ['-o', 'etime=', '-p', String(pid)], { encoding: 'utf8', timeout: 2_000 });
  const match = /^\s*(?:(?:(\d+)-)?(\d+):)?(\d+):(\d+)\s*$/.exec(ps.stdout ?? '');
  if (ps.status !== 0 || !match) return null;
  const [days = 0, hours = 0, minutes = 0, seconds = 0] = match.slice(1).map((part) => Number(part ?? 0));
  return now - (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

/** When the process started (ms since epoch, within a second or so), or null when it cannot be told. */
export function processStartedAt(pid: number, now = Date.now()): number | null {
  return process.platform === 'linux' ? (fromProc(pid, now) ?? fromPs(pid, now)) : fromPs(pid, now);
}
