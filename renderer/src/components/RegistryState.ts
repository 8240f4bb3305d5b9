import { useCallback, useState, type SetStateAction } from 'react';

const kept = new Map<string, unknown>();

/**
 * State that outlives its page for the session: a list's search, filters and selected
 * row are still there when the user comes back from a record's detail page.
 */
export function useRegistryState<T>(key: string, initial: T): [T, (next: SetStateAction<T>) => void] {
  const [value, setValue] = useState<T>(() => (kept.has(key) ? (kept.get(key) as T) : initial));
  const set = useCallback(
    (next: SetStateAction<T>) =>
      setValue((prev) => {
        const value = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
        kept.set(key, value);
        return value;
      }),
    [key],
  );
  return [value, set];
}
