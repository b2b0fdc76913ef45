// The browser's sessionStorage and localStorage as the console uses them: a copy kept for the next
// reload, never a condition for working now. A full quota (QuotaExceededError), storage a browser
// or its settings forbid (SecurityError on reading window.sessionStorage itself: blocked site data,
// some private modes) or a sandboxed frame make the browser throw; unguarded, one such write at
// start left the console a blank page. Here a write that fails is skipped and a read finds nothing.

export type ForgivingStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** `storage` is read at each call: reaching window.sessionStorage is what throws when it is forbidden. */
export function forgivingStorage(storage: () => Storage): ForgivingStorage {
  return {
    getItem(key) {
      try {
        return storage().getItem(key);
      } catch {
        return null;
      }
    },
    setItem(key, value) {
      try {
        storage().setItem(key, value);
      } catch {
        // Not kept for the next reload; the console goes on (kept-outbox.ts: an older copy may stay).
      }
    },
    removeItem(key) {
      try {
        storage().removeItem(key);
      } catch {
        // Nothing that could be read back either.
      }
    },
  };
}
