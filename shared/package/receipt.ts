/** The receipt (回执) an importer sends back: which of the source's changes it now holds. */
import { strToU8, zipSync } from 'fflate';
import { fail, ok, type Result } from '../result';
import { inflateEntry, listEntries, readJsonEntry, signature, signatureMatches } from './container';
import {
  FORMAT_VERSION, MANIFEST_PATH, RECEIPT_FORMAT, RECEIPT_PATH, RECEIPT_SIG_PATH, formatHeaderSchema, receiptSchema,
  type Receipt,
} from './format';
import { keyIdOf } from './hash';

export async function writeReceipt(receipt: Receipt, code: string): Promise<Uint8Array> {
  const bytes = strToU8(JSON.stringify(receipt, null, 1));
  return zipSync({ [RECEIPT_PATH]: bytes, [RECEIPT_SIG_PATH]: strToU8(await signature(code, bytes)) }, { level: 6 });
}

const NOT_A_RECEIPT = '这不是党校教务通的回执文件（或文件已损坏），未做任何改动。';

/** A receipt checked for form, version, exchange code and signature; whom it is for is the caller's check. */
export async function openReceipt(bytes: Uint8Array, code: string): Promise<Result<Receipt>> {
  const listed = listEntries(bytes);
  if (!listed.ok) return listed;
  if (listed.value.has(MANIFEST_PATH)) return fail('这是一个数据包，不是回执：请在“导入数据”页打开它。未做任何改动。');
  const read = readJsonEntry(bytes, listed.value, RECEIPT_PATH);
  if (!read || !listed.value.has(RECEIPT_SIG_PATH)) return fail(NOT_A_RECEIPT);
  const { bytes: receiptBytes, json: raw } = read;
  const header = formatHeaderSchema.safeParse(raw);
  if (!header.success || header.data.format !== RECEIPT_FORMAT) return fail(NOT_A_RECEIPT);
  if (header.data.formatVersion > FORMAT_VERSION) return fail('此回执由更新版本的党校教务通生成，请先升级本程序。未做任何改动。');
  const parsed = receiptSchema.safeParse(raw);
  if (!parsed.success) return fail(NOT_A_RECEIPT);
  const receipt = parsed.data;
  if (receipt.keyId !== (await keyIdOf(code))) return fail(`这份回执来自「${receipt.from.name}」，使用的交换码与本机不同，未做任何改动。`);
  if (!(await signatureMatches(code, receiptBytes, inflateEntry(bytes, RECEIPT_SIG_PATH)))) {
    return fail(`这份回执的签名不符，可能被改动过，未做任何改动。`);
  }
  return ok(receipt);
}
