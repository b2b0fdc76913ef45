// `npm run bench email`: reading the address out of a visitor's messages (protocol/email-address.ts),
// which the server does on its event loop and the console on every render. A visitor's worst:
// 300 messages of 4,000 characters (the most the server keeps and scans) with no address, made of
// the shortest runs the scan stops at ('a@' repeated, or one-letter words): each run is a match of
// its own, about 20 times the cost of one long run of letters, the shape this bench used to call
// the worst. Against references in the same run over the same texts: a plain loop over their
// characters (the floor for reading them at all) and one regex pass over the same runs.
import { LIMITS, lastEmailAddress } from '../protocol';

/** 300 messages of `unit` repeated to the length limit, each ending differently, none an address. */
const messages = (unit: string) =>
  Array.from({ length: 300 }, (_, i) => `${unit.repeat(Math.ceil(LIMITS.text / unit.length)).slice(0, LIMITS.text - 8)}.${i} ....`);

const SHAPES: [string, string[]][] = [
  ["'a@' repeated (worst found)", messages('a@')],
  ["'a ' repeated (one-letter words)", messages('a ')],
  ["'@a.1' repeated", messages('@a.1')],
  ['one run of letters', messages('a')],
  ['ordinary messages', Array.from({ length: 300 }, (_, i) => `Tilasin sohvan ${i}, milloin se tulee? Soittakaa 040 123 4567 tai vastatkaa tähän.`)],
];

const LOCAL = /[A-Za-z0-9._%+-]+/g;

/** Counts the runs of local-part characters with a loop over char codes: no regex, no allocation. */
function linearScan(texts: readonly string[]): number {
  let runs = 0;
  for (const t of texts) {
    let inRun = false;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      const local = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
      if (local && !inRun) runs++;
      inRun = local;
    }
  }
  return runs;
}

/** CPU milliseconds per call (not wall clock: the machine may be shared), after one warm-up call. */
function cpuMs(f: () => unknown): number {
  f();
  const started = process.cpuUsage();
  for (let i = 0; i < 5; i++) f();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / 5;
}

export async function run(): Promise<void> {
  console.log(`300 messages of up to ${LIMITS.text} characters, no address; CPU ms per scan of all 300`);
  console.log(`${'messages'.padEnd(34)} ${'lastEmailAddress'.padStart(16)} ${'linear scan'.padStart(12)} ${'regex runs'.padStart(11)}  vs linear scan`);
  for (const [name, texts] of SHAPES) {
    const ours = cpuMs(() => lastEmailAddress(texts));
    const linear = cpuMs(() => linearScan(texts));
    const regex = cpuMs(() => texts.reduce((n, t) => n + (t.match(LOCAL)?.length ?? 0), 0));
    console.log(
      `${name.padEnd(34)} ${ours.toFixed(2).padStart(13)} ms ${linear.toFixed(2).padStart(9)} ms ${regex.toFixed(2).padStart(8)} ms  ${(ours / linear).toFixed(1).padStart(6)}×`,
    );
  }
}
