/**
 * Pinyin initials of names, stored with a trainee (`py`) when it is saved or imported. Kept
 * apart from search.ts: pinyin-pro carries a dictionary of some 280 KB, which the lists that
 * search the stored initials should not have to load.
 */
import { pinyin } from 'pinyin-pro';

/** Pinyin initials of a name, lower case (张三 → zs); other characters pass through as they are. */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
}
