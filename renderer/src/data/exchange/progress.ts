/** Long exchange work reports progress, lets the window draw, and can be cancelled before it commits. */

export interface WorkOptions {
  /** 0…1, with a short Chinese phrase of what is being done. */
  onProgress?: (fraction: number, phase: string) => void;
  signal?: AbortSignal;
}

export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('已取消，没有写入任何数据。');
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Give the browser a turn to draw (never inside a database transaction: it would commit it). */
export const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
