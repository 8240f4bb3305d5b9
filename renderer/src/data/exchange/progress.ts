/** Long exchange work reports progress and can be cancelled before it commits. */

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
