// Random faults on random live connections of the proxy, drawn from a seeded source so a
// failing run replays with the same seed.
import type { FaultProxy } from './fault-proxy';
import type { Random } from './prng';

export type FaultName = 'delay' | 'drop' | 'blackholeUp' | 'blackholeDown' | 'reset';

export interface MonkeyOptions {
  random: Random;
  /** Pause between two faults: a random wait in [min, max] ms. */
  everyMs: readonly [number, number];
  /** Relative weights of the faults. */
  weights: Readonly<Record<FaultName, number>>;
  /** Latency a delay fault adds, in [min, max] ms. */
  delayMs: readonly [number, number];
}

export const MONKEY_DEFAULTS = Object.freeze({
  everyMs: [20, 120] as const,
  weights: Object.freeze({ delay: 3, drop: 2, blackholeUp: 1, blackholeDown: 1, reset: 2 }),
  delayMs: [20, 250] as const,
});

export interface Monkey {
  stop(): void;
}

export function startMonkey(proxy: FaultProxy, options: MonkeyOptions): Monkey {
  const { random, weights } = options;
  const names = Object.keys(weights) as FaultName[];
  const total = names.reduce((sum, name) => sum + weights[name], 0);
  const pickFault = (): FaultName => {
    let roll = random.next() * total;
    for (const name of names) {
      roll -= weights[name];
      if (roll < 0) return name;
    }
    return names[names.length - 1]!;
  };
  let timer: NodeJS.Timeout | null = null;
  const strike = () => {
    const links = proxy.links();
    if (links.length > 0) {
      const link = random.pick(links);
      const fault = pickFault();
      if (fault === 'delay') link.delay(random.int(...options.delayMs));
      else if (fault === 'drop') link.drop();
      else if (fault === 'reset') link.reset();
      else link.blackhole(fault === 'blackholeUp' ? 'up' : 'down');
    }
    timer = setTimeout(strike, random.int(...options.everyMs));
  };
  timer = setTimeout(strike, random.int(...options.everyMs));
  return {
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
