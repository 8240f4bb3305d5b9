/**
 * Exchange work in a worker (exchange.worker.ts). Building a county's package or checking and
 * applying one (600,000 marks) is tens of seconds of parsing, validating, hashing and database
 * work; on the window's thread it froze the window for seconds at a time. In the worker the
 * window only draws the progress bar, stays usable, and its cancel reaches the worker before
 * the import's transaction commits.
 */
import type { PackageKind } from '../../../../shared/package/format';
import { ok, type Result } from '../../../../shared/result';
import { getSession } from '../auth/session';
import { db } from '../instance';
import { PermissionError } from '../write';
import type { CheckedSummary, Job, WorkerReply, WorkerRequest } from './exchange.worker';
import type { BuiltPackage } from './export';
import type { ImportSummary } from './import';
import { CancelledError, type WorkOptions } from './progress';

/** The worker's failure as the error the same work throws in the window. */
function errorOf({ name, message }: { name: string; message: string }): Error {
  if (name === 'CancelledError') return new CancelledError();
  if (name === 'PermissionError') return new PermissionError(message);
  return new Error(message);
}

class ExchangeWorker {
  private readonly worker = new Worker(new URL('./exchange.worker.ts', import.meta.url), { type: 'module' });

  /** One job at a time, for the signed-in account of this window. */
  run<T>(job: Job, { signal, onProgress }: WorkOptions = {}): Promise<T> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    return new Promise<T>((resolve, reject) => {
      const cancel = () => this.worker.postMessage('cancel' satisfies WorkerRequest);
      signal?.addEventListener('abort', cancel, { once: true });
      const settle = () => signal?.removeEventListener('abort', cancel);
      this.worker.onmessage = ({ data }: MessageEvent<WorkerReply>) => {
        if (data.type === 'progress') return onProgress?.(data.fraction, data.phase);
        settle();
        if (data.type === 'done') resolve(data.value as T);
        else reject(errorOf(data));
      };
      this.worker.onerror = (event) => {
        event.preventDefault();
        settle();
        reject(new Error(`后台任务出错（${event.message}），未做任何改动。请重试；如仍出错，请重新启动本程序。`));
      };
      this.worker.postMessage({ ...job, dbName: db().name, session: getSession() } satisfies WorkerRequest);
    });
  }

  close(): void {
    this.worker.terminate();
  }
}

/** Build the next package (buildPackage) in the worker. */
export async function buildPackageInBackground(kind: PackageKind, opts: WorkOptions = {}): Promise<BuiltPackage> {
  const worker = new ExchangeWorker();
  try {
    return await worker.run<BuiltPackage>({ type: 'export', kind }, opts);
  } finally {
    worker.close();
  }
}

/** A package checked in the worker, which keeps it until it is applied or discarded. */
export interface BackgroundImport extends CheckedSummary {
  /** Apply it (applyImport); after a cancel or a failure it can be applied again, until discarded. */
  apply(opts?: WorkOptions): Promise<ImportSummary>;
  /** Let it go without importing. */
  discard(): void;
}

/** Check a package and preview it (checkPackageFile) in the worker. */
export async function checkPackageInBackground(bytes: Uint8Array, fileName: string, opts: WorkOptions = {}): Promise<Result<BackgroundImport>> {
  const worker = new ExchangeWorker();
  try {
    const checked = await worker.run<Result<CheckedSummary>>({ type: 'check', bytes, fileName }, opts);
    if (!checked.ok) {
      worker.close();
      return checked;
    }
    // Let go once imported, or once discarded (an import under way finishes first: leaving the page does not cancel it).
    let applying = false;
    let discarded = false;
    return ok({
      ...checked.value,
      apply: async (applyOpts) => {
        applying = true;
        try {
          const summary = await worker.run<ImportSummary>({ type: 'apply' }, applyOpts);
          discarded = true;
          return summary;
        } finally {
          applying = false;
          if (discarded) worker.close();
        }
      },
      discard: () => {
        discarded = true;
        if (!applying) worker.close();
      },
    });
  } catch (e) {
    worker.close();
    throw e;
  }
}

/**
 * A backup file's bytes (createBackup), made in the worker: at county scale reading, encoding
 * and zipping every table is seconds of work the window must not wait on.
 */
export async function createBackupInBackground(kind: 'manual' | 'auto'): Promise<Uint8Array> {
  const worker = new ExchangeWorker();
  try {
    return await worker.run<Uint8Array>({ type: 'backup', kind });
  } finally {
    worker.close();
  }
}

/** Check and apply in one step (the benchmark); a refusal throws with its message. */
export async function importPackageInBackground(bytes: Uint8Array, fileName: string, opts: WorkOptions = {}): Promise<ImportSummary> {
  const checked = await checkPackageInBackground(bytes, fileName, opts);
  if (!checked.ok) throw new Error(checked.error);
  return checked.value.apply(opts);
}
