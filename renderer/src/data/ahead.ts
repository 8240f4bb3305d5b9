import Dexie from 'dexie';

/**
 * Results read ahead of the screen that shows them: the home page's figures are read while the
 * sign-in form waits for the password, so the page draws them at once and then follows the
 * database as usual. A result is dropped at the first write to the data it may have come from.
 */

// What signing in writes (failed-attempt counters, the trail and its chain head): no figure
// comes from these. The meta entries a figure reads (own school, mode) change only on screens
// that need an account, so not while a read-ahead result waits to be taken.
const BOOKKEEPING = new Set(['accounts', 'audit', 'device', 'meta']);

const results = new Map<string, unknown>();
let generation = 0;
let watching = false;

function watchWrites(): void {
  if (watching) return;
  watching = true;
  // Fired for this window's writes and, through Dexie's broadcast, for a worker's or another window's.
  Dexie.on('storagemutated', (parts) => {
    // A part is named idb://<database>/<table>/<index>.
    if (Object.keys(parts).some((part) => !BOOKKEEPING.has(part.split('/')[3] ?? ''))) {
      generation++;
      results.clear();
    }
  });
}

/** Start reading `key` for a screen drawn later; a failed read is left to the screen's own. */
export function readAhead<T>(key: string, read: () => Promise<T>): void {
  watchWrites();
  const at = generation;
  read().then(
    (value) => {
      if (generation === at) results.set(key, value);
    },
    () => undefined,
  );
}

/** The result read ahead for `key` if it is still current, once: a screen's first value. */
export function takeAhead<T>(key: string): T | undefined {
  const value = results.get(key) as T | undefined;
  results.delete(key);
  return value;
}
