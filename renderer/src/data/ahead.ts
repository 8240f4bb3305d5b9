import Dexie from 'dexie';
import { useEffect, useState } from 'react';

/**
 * Results read ahead of the screen that shows them: the home page's figures are read while the
 * sign-in form waits for the password, so the page draws them as soon as it opens (or as soon
 * as the read finishes, instead of starting the same read again) and then follows the database
 * as usual. A result is dropped at the first write to the data it may have come from.
 */

// What signing in writes (failed-attempt counters, the trail and its chain head): no figure
// comes from these. The meta entries a figure reads (own school, mode) change only on screens
// that need an account, so not while a read-ahead result waits to be taken.
const BOOKKEEPING = new Set(['accounts', 'audit', 'device', 'meta']);

interface Ahead<T> {
  /** Resolves to the result, or to undefined when the data changed meanwhile or the read failed. */
  promise: Promise<T | undefined>;
  /** Set once the read has finished with a result that is still current. */
  value?: T;
}

const reads = new Map<string, Ahead<unknown>>();
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
      reads.clear();
    }
  });
}

/**
 * Start reading `key` for a screen drawn later, unless a read of it is under way or done and
 * still current; a failed read is left to the screen's own.
 */
export function readAhead<T>(key: string, read: () => Promise<T>): void {
  watchWrites();
  if (reads.has(key)) return;
  const at = generation;
  const ahead: Ahead<T> = {
    promise: read().then(
      (value) => {
        if (generation !== at) return undefined;
        ahead.value = value;
        return value;
      },
      () => undefined,
    ),
  };
  reads.set(key, ahead);
}

/** The read ahead for `key`, once (a screen's first value); undefined when there is none. */
export function takeAhead<T>(key: string): Ahead<T> | undefined {
  const ahead = reads.get(key) as Ahead<T> | undefined;
  reads.delete(key);
  return ahead;
}

/**
 * A screen's first value from the read ahead for `key`: at once if it has finished, else when
 * it does. `waiting` stays true until that value has been on screen for a frame, so the screen
 * neither starts the same read itself meanwhile nor holds back the frame that shows the value
 * with the work of its own first read (a county's figures take the main thread ~100 ms).
 */
export function useAhead<T>(key: string): { value: T | undefined; waiting: boolean } {
  const [ahead] = useState(() => takeAhead<T>(key));
  const [value, setValue] = useState(ahead?.value);
  const [waiting, setWaiting] = useState(ahead !== undefined);
  const [shown, setShown] = useState(ahead !== undefined && 'value' in ahead);
  useEffect(() => {
    if (!waiting || !ahead) return;
    let mounted = true;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (shown) {
      // The frame with the value is being drawn: let it go out first.
      frame = requestAnimationFrame(() => (timer = setTimeout(() => setWaiting(false))));
    } else {
      void ahead.promise.then((v) => {
        if (!mounted) return;
        setValue(v);
        if (v === undefined) setWaiting(false);
        else setShown(true);
      });
    }
    return () => {
      mounted = false;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ahead, waiting, shown]);
  return { value, waiting };
}
