/**
 * What the exchange keeps in `meta`: the installation's mode (a school that sends packages, or
 * the county office that gathers them), the exchange settings, and this school's own chain of
 * exported packages with how far the county has acknowledged it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { z } from 'zod';
import { sha256HexSchema } from '../../../../shared/package/format';
import { generateExchangeCode, parseExchangeCode } from '../../../../shared/package/hash';
import { requireCan } from '../auth/permissions';
import type { DxDatabase } from '../db';
import { db } from '../instance';

export const MODE_KEY = 'mode';
const SETTINGS_KEY = 'exchangeSettings';
const OWN_KEY = 'exchangeOwn';

export const modeSchema = z.enum(['school', 'county']);
export type ExchangeMode = z.infer<typeof modeSchema>;

const settingsSchema = z.object({
  /** The county's exchange code (交换码): signs packages and keys trainees' identities. */
  code: z.string().nullable(),
  /** Send trainees' full ID numbers; otherwise a keyed hash and the last four characters. */
  allowIdNumbers: z.boolean(),
  /** County: a school whose last package is older than this many days is listed as late. */
  staleDays: z.number().int().min(1).max(365),
});
export type ExchangeSettings = z.infer<typeof settingsSchema>;
export const DEFAULT_EXCHANGE_SETTINGS: ExchangeSettings = { code: null, allowIdNumbers: false, staleDays: 30 };

const ownSchema = z.object({
  /** The number of the last package this installation exported (0: none yet). */
  sequence: z.number().int().min(0),
  lastHash: sha256HexSchema.nullable(),
  /** The county holds every change of this installation up to this seq (from its receipts). */
  ackSeq: z.number().int().min(0),
  ackAt: z.number().nullable(),
  /** Who sent the last receipt. */
  ackBy: z.string().nullable(),
});
export type OwnExchangeState = z.infer<typeof ownSchema>;
const NO_EXPORTS: OwnExchangeState = { sequence: 0, lastHash: null, ackSeq: 0, ackAt: null, ackBy: null };

async function readMeta<T>(d: DxDatabase, key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const parsed = schema.safeParse((await d.meta.get(key))?.value);
  return parsed.success ? parsed.data : fallback;
}

export const getMode = (d: DxDatabase = db()) => readMeta(d, MODE_KEY, modeSchema, 'school');
export const getExchangeSettings = (d: DxDatabase = db()) => readMeta(d, SETTINGS_KEY, settingsSchema, DEFAULT_EXCHANGE_SETTINGS);
export const getOwnState = (d: DxDatabase = db()) => readMeta(d, OWN_KEY, ownSchema, NO_EXPORTS);

export async function putOwnState(d: DxDatabase, state: OwnExchangeState): Promise<void> {
  await d.meta.put({ key: OWN_KEY, value: ownSchema.parse(state) });
}

export const useMode = () => useLiveQuery(() => getMode());
export const useExchangeSettings = () => useLiveQuery(() => getExchangeSettings());
export const useOwnState = () => useLiveQuery(() => getOwnState());

export async function saveExchangeSettings(change: Partial<Omit<ExchangeSettings, 'code'>>): Promise<void> {
  await requireCan('settings.edit');
  const d = db();
  await d.transaction('rw', d.meta, async () => {
    const next = settingsSchema.parse({ ...(await getExchangeSettings(d)), ...change });
    await d.meta.put({ key: SETTINGS_KEY, value: next });
  });
}

/** Set the code a school received from its county; refuses a mistyped one. Returns the canonical form. */
export async function enterExchangeCode(input: string): Promise<string> {
  await requireCan('settings.edit');
  const parsed = await parseExchangeCode(input);
  if (!parsed.ok) throw new Error(parsed.error);
  const d = db();
  await d.transaction('rw', d.meta, async () => {
    const current = await getExchangeSettings(d);
    await d.meta.put({ key: SETTINGS_KEY, value: { ...current, code: parsed.value } });
  });
  return parsed.value;
}

/**
 * Switch between school and county mode. The county's code is generated once, the first time
 * it becomes the county, and kept: every school's packages and identity keys depend on it.
 */
export async function setMode(mode: ExchangeMode): Promise<void> {
  await requireCan('settings.edit');
  const d = db();
  const fresh = await generateExchangeCode();
  await d.transaction('rw', d.meta, async () => {
    const settings = await getExchangeSettings(d);
    if (mode === 'county' && !settings.code) await d.meta.put({ key: SETTINGS_KEY, value: { ...settings, code: fresh } });
    await d.meta.put({ key: MODE_KEY, value: mode });
  });
}

/** The code, or a message saying where to enter it. */
export async function requireCode(d: DxDatabase = db()): Promise<string> {
  const { code } = await getExchangeSettings(d);
  if (!code) throw new Error('本机还没有交换码：请在“数据交换 → 交换设置”中填写市委党校下发的交换码（市委党校切换到“市（县）汇总”模式后自动生成）。');
  return code;
}
