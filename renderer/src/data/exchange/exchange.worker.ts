/**
 * The app's background worker: builds packages, checks and applies imports, and writes
 * backups, off the window's thread (background.ts is its other end). It opens the window's database and acts for the account
 * signed in there: the data layer reads that account afresh for every check, so the same
 * permissions and the same audit trail apply as in the window.
 */
import { ok, type Result } from '../../../../shared/result';
import type { PackageKind } from '../../../../shared/package/format';
import { setSession, type SessionState } from '../auth/session';
import { createBackup } from '../backup';
import { openDatabase } from '../db';
import { setDb } from '../instance';
import { buildPackage, type BuiltPackage } from './export';
import { applyImport, checkPackageFile, type CheckedImport, type ImportSummary } from './import';
import type { WorkOptions } from './progress';

export type Job =
  | { type: 'export'; kind: PackageKind }
  | { type: 'check'; bytes: Uint8Array; fileName: string }
  | { type: 'apply' }
  | { type: 'backup'; kind: 'manual' | 'auto' };

/** A job for the worker with the window's database and account, or 'cancel' for the one running (it stops before its transaction commits). */
export type WorkerRequest = 'cancel' | (Job & { dbName: string; session: SessionState });

/** What the window learns of a checked package; the package itself stays in the worker until it is applied. */
export type CheckedSummary = Pick<CheckedImport, 'fileName' | 'preview'> & Pick<CheckedImport['pkg'], 'manifest' | 'hash' | 'size'>;

export type WorkerReply =
  | { type: 'progress'; fraction: number; phase: string }
  | { type: 'done'; value: BuiltPackage | Result<CheckedSummary> | ImportSummary | Uint8Array }
  | { type: 'failed'; name: string; message: string };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(reply: WorkerReply, options?: { transfer: Transferable[] }): void;
};

let database: Promise<void> | null = null;
let checked: CheckedImport | null = null;
let controller: AbortController | null = null;

/** Options for one job: progress posted once per whole percent (the window need not hear more), and a cancel. */
function workOptions(): WorkOptions {
  controller = new AbortController();
  let shown = -1;
  return {
    signal: controller.signal,
    onProgress: (fraction, phase) => {
      const percent = Math.floor(fraction * 100);
      if (percent === shown) return;
      shown = percent;
      scope.postMessage({ type: 'progress', fraction, phase });
    },
  };
}

async function run(request: Exclude<WorkerRequest, 'cancel'>): Promise<void> {
  database ??= openDatabase(request.dbName).then(setDb);
  await database;
  setSession(request.session);
  const opts = workOptions();
  if (request.type === 'export') {
    const built = await buildPackage(request.kind, opts);
    scope.postMessage({ type: 'done', value: built }, { transfer: [built.bytes.buffer] });
  } else if (request.type === 'backup') {
    const { bytes } = await createBackup(request.kind);
    scope.postMessage({ type: 'done', value: bytes }, { transfer: [bytes.buffer] });
  } else if (request.type === 'check') {
    const result = await checkPackageFile(request.bytes, request.fileName, opts);
    checked = result.ok ? result.value : null;
    if (!result.ok) return scope.postMessage({ type: 'done', value: result });
    const { pkg, fileName, preview } = result.value;
    scope.postMessage({ type: 'done', value: ok({ fileName, preview, manifest: pkg.manifest, hash: pkg.hash, size: pkg.size }) });
  } else {
    if (!checked) throw new Error('请先选择并检查数据包。');
    scope.postMessage({ type: 'done', value: await applyImport(checked, opts) });
  }
}

scope.onmessage = ({ data }) => {
  if (data === 'cancel') return controller?.abort();
  run(data).catch((e: unknown) => {
    scope.postMessage({ type: 'failed', name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) });
  });
};
