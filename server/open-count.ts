// Open sockets per key (an agent, a visitor), where what matters is the first one opening and the
// last one closing: a second tab changes nothing, and a close reported twice counts once.
export function createOpenCount(on: { first: (key: string) => void; last: (key: string) => void }) {
  const open = new Map<string, number>();
  return {
    /** A socket of `key` opened; call the returned function when it closes. */
    opened(key: string): () => void {
      const before = open.get(key) ?? 0;
      open.set(key, before + 1);
      if (before === 0) on.first(key);
      let closed = false;
      return () => {
        if (closed) return;
        closed = true;
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) return void open.set(key, left);
        open.delete(key);
        on.last(key);
      };
    },
    has: (key: string): boolean => open.has(key),
    /** How many keys have a socket open. */
    size: (): number => open.size,
  };
}
