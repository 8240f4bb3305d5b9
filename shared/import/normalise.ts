/**
 * Cell clean-up for spreadsheets typed in Chinese offices: Chinese IMEs produce full-width
 * digits, letters and spaces (１９６５, ＡＢ, U+3000), copied text brings zero-width characters,
 * and cells wrapped with Alt+Enter hold line breaks.
 */

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space (U+3000) → their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** One cell as clean text: half-width ASCII, trimmed, inner whitespace runs collapsed to one space. */
export function normaliseCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return toHalfWidth(String(value))
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
