// How long the widget waits for what it fetches on the visitor's tap: the app chunk (loader),
// its words and the FAQ (app). Shared by the loader and the app: a number and a one-line helper,
// nothing that would pull other code into widget.js.

/**
 * A chunk or the FAQ that has not come in this long is taken for lost, as a failed fetch is: the
 * launcher says closed again (or the FAQ unavailable, and Enter goes to a person) and the next tap
 * tries again. A request can stall for good (a proxy or a phone's link that drops it without an
 * error), and nothing else ends it. On a throttled phone (4–6× CPU, 1.5 s round trips or Fast 3G)
 * the app, its words and the FAQ all come within 4 s; 20 s leaves a link five times slower room.
 */
export const LOAD_TIMEOUT_MS = 20_000;

/** `p`, or a rejection once `LOAD_TIMEOUT_MS` passed without it. */
export const deadline = <T>(p: Promise<T>): Promise<T> =>
  Promise.race([p, new Promise<never>((_, fail) => setTimeout(fail, LOAD_TIMEOUT_MS))]);
