// The numbers a chaos run prints: what was sent and what arrived, what went wrong on purpose.
import type { ProxyStats } from './fault-proxy';
import { totalFaults } from './fault-proxy';
import type { AuditResult } from './audit';
import type { Tally } from './scenario';

export interface Report {
  seed: number;
  result: Tally;
  audited: AuditResult;
  faults: ProxyStats;
  restarts: { SIGKILL: number; SIGTERM: number };
  trafficMs: number;
  settleMs: number;
  totalMs: number;
}

export function formatReport({ seed, result, audited, faults, restarts, trafficMs, settleMs, totalMs }: Report): string {
  const { total, visitorToAgent: v, agentToVisitor: a } = result;
  const f = faults.faults;
  const row = (name: string, value: string | number) => `  ${name.padEnd(22)} ${value}`;
  return [
    `chaos run, seed ${seed}`,
    row('', 'total   visitor→agent   agent→visitor'),
    ...(['sent', 'acked', 'delivered', 'duplicates', 'reorderings', 'missing', 'misplaced'] as const).map((key) =>
      row(key, `${String(total[key]).padStart(5)}   ${String(v[key]).padStart(13)}   ${String(a[key]).padStart(13)}`),
    ),
    row('unacked at end', result.unacked),
    row('transcripts differ at', `${result.divergent} seqs`),
    row('store audit', `${audited.complete ? 'complete' : 'INCOMPLETE'}, ${audited.total.delivered} delivered, ${audited.total.missing} missing, ${audited.total.duplicates} duplicates, ${audited.divergent} divergent`),
    row('faults injected', `${totalFaults(f)} (delay ${f.delay}, drop ${f.drop}, black hole up ${f.blackholeUp} / down ${f.blackholeDown}, reset ${f.reset})`),
    row('black hole noticed in', noticed(faults.blackholeNoticedMs)),
    row('restarts', `${restarts.SIGKILL + restarts.SIGTERM} (${restarts.SIGKILL} after SIGKILL, ${restarts.SIGTERM} after SIGTERM)`),
    row('proxy connections', `${faults.connections} (${faults.refused} refused while the server was down)`),
    row('client connects', `${result.connects} ready, ${result.connectTimeouts} connect timeouts, ${result.silentDetected} silent links detected`),
    row('resent frames', result.resends),
    row('replayed again (deduped)', result.redelivered),
    row('gaps (resynced)', result.gaps),
    row('acks at a 2nd seq', result.ackConflicts),
    row('acks out of order', result.ackOutOfOrder),
    row('ack timeouts', result.ackTimeouts),
    row('server errors', JSON.stringify(result.errors)),
    row('anomalies', result.anomalies.length === 0 ? 'none' : result.anomalies.slice(0, 5).join('; ')),
    row('duration', `${sec(trafficMs)} traffic, ${sec(settleMs)} settle, ${sec(totalMs - trafficMs - settleMs)} crash + audit, ${sec(totalMs)} total`),
  ].join('\n');
}

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Median and worst time from a black hole to the client replacing the connection. */
function noticed(ms: readonly number[]): string {
  if (ms.length === 0) return 'n/a';
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return `median ${median} ms, max ${sorted[sorted.length - 1]} ms (${sorted.length} connections)`;
}
