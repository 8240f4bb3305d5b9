import Dexie from 'dexie';
import type { AuditEntry } from '../../../../shared/domain/records';
import { chainVerifier, type ChainCheck } from '../../../../shared/security/audit';
import { db } from '../instance';
import { chainHead, trailSchoolNames } from './trail';

export interface ChainReport {
  chainId: string;
  /** This installation's own chain: every entry must be there, up to the recorded end. */
  own: boolean;
  /** The school whose installation wrote the chain, and its name. */
  schoolId: string;
  schoolName: string;
  check: ChainCheck;
}

const CHUNK = 2000;

/**
 * Verify every chain in the trail, reading it in chunks in chain order. This installation's
 * chain must be whole up to its recorded end; chains from elsewhere (a restored backup of
 * another computer, attendance entries from packages) are checked entry by entry and
 * between neighbouring entries.
 */
export async function verifyTrail(onProgress: (done: number) => void = () => {}): Promise<ChainReport[]> {
  const d = db();
  const head = await chainHead(d);
  const chains = new Map<string, { schoolId: string; verifier: ReturnType<typeof chainVerifier> }>();
  let after: [string, number] | null = null;
  let done = 0;
  for (;;) {
    const chunk: AuditEntry[] = await d.audit
      .where('[chainId+n]')
      .above(after ?? [Dexie.minKey, Dexie.minKey])
      .limit(CHUNK)
      .toArray();
    for (const entry of chunk) {
      let chain = chains.get(entry.chainId);
      if (!chain) {
        const own = entry.chainId === head?.chainId;
        chain = { schoolId: entry.schoolId, verifier: chainVerifier({ complete: own, head: own ? head : null }) };
        chains.set(entry.chainId, chain);
      }
      chain.verifier.push(entry);
    }
    done += chunk.length;
    onProgress(done);
    if (chunk.length < CHUNK) break;
    const last = chunk[chunk.length - 1]!;
    after = [last.chainId, last.n];
  }
  const reports: Omit<ChainReport, 'schoolName'>[] = [...chains].map(([chainId, c]) => ({
    chainId, own: chainId === head?.chainId, schoolId: c.schoolId, check: c.verifier.finish(),
  }));
  // Own chain recorded but every entry of it gone.
  if (head && !reports.some((r) => r.own)) {
    reports.push({
      chainId: head.chainId,
      own: true,
      schoolId: String((await d.meta.get('selfSchoolId'))?.value ?? ''),
      check: { ok: false, count: 0, break: { kind: 'truncated', n: 1, entry: null, message: `全部 ${head.n} 条记录缺失` } },
    });
  }
  const names = await trailSchoolNames(reports.map((r) => r.schoolId), d);
  return reports
    .map((r) => ({ ...r, schoolName: names.get(r.schoolId)! }))
    .sort((a, b) => Number(b.own) - Number(a.own) || a.schoolName.localeCompare(b.schoolName, 'zh-CN'));
}
