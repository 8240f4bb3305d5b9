/**
 * Whether a package may follow what this installation already imported from its source: the
 * hash chain and the change ranges (docs/package-format.md, "Sequence and chain").
 */
import { fail, ok, type Result } from '../result';
import type { Manifest } from './format';

/** What an importer remembers of one source. */
export interface SourceState {
  lastSequence: number;
  lastHash: string;
  /** Every change of the source up to this sequence number is held here. */
  importedToSeq: number;
}

const numbers = (from: number, to: number) => (from === to ? `第 ${from} 号` : `第 ${from}–${to} 号`);
const ASK_FULL = '请先导入缺少的数据包，或请该校导出一个“完整数据包”。未做任何改动。';

/**
 * Accepts the next package of the chain, or a later one that still starts within what is held
 * (an incremental package covers everything since the last receipt, so it also carries what an
 * unsent earlier one held). Refuses a replay, a broken chain and a gap, naming the numbers.
 */
export function checkSequence(manifest: Manifest, state: SourceState | undefined): Result<void> {
  const { sequence, previous, range } = manifest;
  const name = `「${manifest.source.name}」`;
  if (!state) {
    if (range.fromSeq === 0) return ok(undefined);
    return fail(`这是${name}的第 ${sequence} 号数据包，只含该校较近的变化，而本机还没有导入过该校的数据：缺少${numbers(1, sequence - 1)}数据包。${ASK_FULL}`);
  }
  if (sequence <= state.lastSequence) {
    return fail(`${name}的第 ${sequence} 号数据包已经导入过（本机已导入到该校第 ${state.lastSequence} 号数据包），不能重复导入。未做任何改动。`);
  }
  if (sequence === state.lastSequence + 1 && previous?.hash !== state.lastHash) {
    return fail(
      `${name}的第 ${sequence} 号数据包与本机已导入的第 ${state.lastSequence} 号数据包衔接不上（前一数据包的哈希值不符）：` +
        '它可能不是该校在那之后导出的，或该校的数据曾恢复到旧的备份。请该校导出一个“完整数据包”。未做任何改动。',
    );
  }
  if (range.fromSeq > state.importedToSeq) {
    const gap = `不含本机已导入的第 ${state.lastSequence} 号数据包之后的全部变化。${ASK_FULL}`;
    if (sequence === state.lastSequence + 1) return fail(`${name}的第 ${sequence} 号数据包${gap}`);
    return fail(`缺少${name}的${numbers(state.lastSequence + 1, sequence - 1)}数据包：收到的第 ${sequence} 号数据包${gap}`);
  }
  return ok(undefined);
}
