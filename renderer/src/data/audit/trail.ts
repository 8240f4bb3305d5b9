import Dexie from 'dexie';
import type { AuditEntry } from '../../../../shared/domain/records';
import type { Account } from '../../../../shared/security/account';
import { accountLabel } from '../../../../shared/security/account';
import { sealEntry } from '../../../../shared/security/audit';
import type { AuditAction } from '../../../../shared/security/auditActions';
import type { DxDatabase } from '../db';
import { db } from '../instance';
import { getSession } from '../auth/session';
import { sources } from '../exchange/tables';
import { allocateSeq, newId } from '../write';

/** What a caller says about an event; who and when are filled in. */
export interface AuditInput {
  action: AuditAction;
  /** The synced table ('trainees' …) or another subject ('accounts', 'settings', 'backup'). */
  table?: string;
  recordId?: string;
  /** One line a person reads in the trail, e.g. 「学员 张三」. */
  summary: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string;
}

/** Who an entry is by: an account, or the app itself before any account existed. */
export interface AuditActor {
  id: string;
  name: string;
  role: Account['role'] | null;
}

export const SYSTEM_ACTOR: AuditActor = { id: '', name: '系统', role: null };
export const actorOf = (a: Account): AuditActor => ({ id: a.id, name: accountLabel(a), role: a.role });

/** Where this installation's chain ends, kept beside the trail so entries cut off its end are noticed. */
export interface ChainHead {
  chainId: string;
  n: number;
  hash: string;
}
export const HEAD_KEY = 'auditHead';

export async function chainHead(d: DxDatabase = db()): Promise<ChainHead | null> {
  return ((await d.device.get(HEAD_KEY))?.value as ChainHead | undefined) ?? null;
}

/** The signed-in account as stored now (null when nobody is signed in or the account was disabled). */
export async function signedInAccount(d: DxDatabase = db()): Promise<Account | null> {
  const { accountId } = getSession();
  const account = accountId ? await d.accounts.get(accountId) : undefined;
  return account && !account.disabled ? account : null;
}

/**
 * Append entries to this installation's chain. Runs inside the caller's transaction when
 * there is one (every read-write transaction holds the trail's tables, see db.ts), so an
 * event and its entry are written together or not at all.
 */
export async function writeAudit(inputs: readonly AuditInput[], actor?: AuditActor): Promise<AuditEntry[]> {
  const d = db();
  if (inputs.length === 0) return [];
  return d.transaction('rw', [d.meta, d.audit, d.device, d.accounts], async () => {
    const account = actor ? null : await signedInAccount(d);
    const by: AuditActor = actor ?? (account ? actorOf(account) : SYSTEM_ACTOR);
    const head = await chainHead(d);
    const chainId = head?.chainId ?? newId();
    const schoolId = (await d.meta.get('selfSchoolId'))?.value;
    let previous = head && { n: head.n, hash: head.hash };
    let seq = await allocateSeq(d, inputs.length);
    const at = Date.now();
    const entries = inputs.map((input) => {
      const entry = sealEntry(
        {
          id: newId(),
          schoolId: typeof schoolId === 'string' ? schoolId : chainId,
          createdAt: at,
          updatedAt: at,
          deletedAt: null,
          seq: seq++,
          chainId,
          at,
          actorId: by.id,
          actorName: by.name.slice(0, 100),
          actorRole: by.role,
          action: input.action,
          table: input.table ?? '',
          recordId: input.recordId ?? '',
          summary: input.summary.slice(0, 500),
          before: input.before ?? null,
          after: input.after ?? null,
          reason: (input.reason ?? '').trim().slice(0, 500),
        },
        previous,
      );
      previous = { n: entry.n, hash: entry.hash };
      return entry;
    });
    await d.audit.bulkAdd(entries);
    await d.device.put({ key: HEAD_KEY, value: { chainId, ...previous! } satisfies ChainHead });
    return entries;
  });
}

/**
 * Record an event in the audit trail as the signed-in user: an export, a reveal, a
 * correction with its reason … Call it inside the transaction of the change it describes.
 */
export async function appendAudit(input: AuditInput | readonly AuditInput[]): Promise<void> {
  await writeAudit(Array.isArray(input) ? input : [input as AuditInput]);
}

export interface AuditFilter {
  /** Inclusive range of `at`, in ms. */
  from?: number;
  to?: number;
  actorId?: string;
  actions?: readonly AuditAction[];
  table?: string;
  /** The school whose installation wrote the entry (its schoolId). */
  schoolId?: string;
  /** Words in the summary, the reason or the account name. */
  text?: string;
}

function matcher(filter: AuditFilter): (e: AuditEntry) => boolean {
  const actions = filter.actions?.length ? new Set(filter.actions) : null;
  const text = filter.text?.trim().toLowerCase();
  return (e) =>
    (!filter.actorId || e.actorId === filter.actorId) &&
    (!filter.schoolId || e.schoolId === filter.schoolId) &&
    (!actions || actions.has(e.action)) &&
    (!filter.table || e.table === filter.table) &&
    (!text || `${e.summary} ${e.reason} ${e.actorName}`.toLowerCase().includes(text));
}

const inRange = (filter: AuditFilter) =>
  db().audit.where('at').between(filter.from ?? Dexie.minKey, filter.to ?? Dexie.maxKey, true, true).reverse();

/** One page of the trail, newest first, read by the time index. */
export async function queryAudit(filter: AuditFilter, page: number, pageSize: number): Promise<{ total: number; rows: AuditEntry[] }> {
  const match = matcher(filter);
  const [total, rows] = await Promise.all([
    inRange(filter).filter(match).count(),
    inRange(filter).filter(match).offset((page - 1) * pageSize).limit(pageSize).toArray(),
  ]);
  return { total, rows };
}

/** Every entry the filter matches, newest first (export and print). */
export function auditEntries(filter: AuditFilter): Promise<AuditEntry[]> {
  return inRange(filter).filter(matcher(filter)).toArray();
}

/** A school whose entries the trail holds. */
export interface TrailSchool {
  id: string;
  name: string;
  /** This installation's own school. */
  own: boolean;
}

/**
 * Names for the schools that wrote entries: the school registry, else what its packages
 * called it (a school passing on another's entries may not send that school's record).
 */
export async function trailSchoolNames(ids: Iterable<string>, d: DxDatabase = db()): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  const [schools, known] = await Promise.all([d.schools.bulkGet(wanted), sources(d).bulkGet(wanted)]);
  return new Map(wanted.map((id, i) => [id, schools[i]?.name ?? known[i]?.name ?? '未登记的党校']));
}

/**
 * The schools whose entries the trail holds, this one first, then by name. An installation
 * writes one chain, so this reads the two ends of each chain by the [chainId+n] index: a
 * county's few dozen chains, never its every entry.
 */
export async function trailSchools(d: DxDatabase = db()): Promise<TrailSchool[]> {
  const ids = new Set<string>();
  const chains = () => d.audit.where('[chainId+n]');
  let first = await chains().above([Dexie.minKey, Dexie.minKey]).first();
  while (first) {
    const { chainId } = first;
    const last = await chains().between([chainId, Dexie.minKey], [chainId, Dexie.maxKey]).last();
    ids.add(first.schoolId).add(last?.schoolId ?? first.schoolId);
    first = await chains().above([chainId, Dexie.maxKey]).first();
  }
  const self = (await d.meta.get('selfSchoolId'))?.value;
  const names = await trailSchoolNames(ids, d);
  return [...names]
    .map(([id, name]) => ({ id, name, own: id === self }))
    .sort((a, b) => Number(b.own) - Number(a.own) || a.name.localeCompare(b.name, 'zh-CN'));
}
