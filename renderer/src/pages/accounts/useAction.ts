import { useState } from 'react';

/**
 * A form's submit: busy while it runs, and its error (a Chinese sentence) shown instead of thrown.
 * A page with several actions names each (`running` says which one is under way).
 */
export function useAction() {
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>, label = 'submit') => {
    setRunning(label);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(null);
    }
  };
  return { busy: running !== null, running, error, setError, run };
}
