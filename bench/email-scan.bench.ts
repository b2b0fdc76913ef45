// `npm run bench email`: reading the address out of a visitor's messages (protocol/email-address.ts),
// which the server does on its event loop and the console on every render. The worst a visitor can
// send (300 messages of 4,000 local-part letters and no @) against a reference in the same run: one
// plain pass of a regex over the same texts, the floor for any scan.
import { LIMITS, lastEmailAddress } from '../protocol';

const HOSTILE = Array.from({ length: 300 }, (_, i) => `${'a'.repeat(LIMITS.text - 8)}.${i} ....`);
const ORDINARY = Array.from({ length: 300 }, (_, i) => `Tilasin sohvan ${i}, milloin se tulee? Soittakaa 040 123 4567 tai vastatkaa tähän.`);

function ms(f: () => unknown): number {
  f();
  const started = performance.now();
  for (let i = 0; i < 5; i++) f();
  return (performance.now() - started) / 5;
}

export async function run(): Promise<void> {
  const rows: [string, number][] = [
    ['lastEmailAddress, 300 × 4,000 letters', ms(() => lastEmailAddress(HOSTILE))],
    ['reference: one regex pass over them', ms(() => HOSTILE.reduce((n, t) => n + (t.match(/[a-z]+/g)?.length ?? 0), 0))],
    ['lastEmailAddress, 300 ordinary, no address', ms(() => lastEmailAddress(ORDINARY))],
  ];
  for (const [name, took] of rows) console.log(`${name.padEnd(46)} ${took.toFixed(2).padStart(8)} ms`);
}
