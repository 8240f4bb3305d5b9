import { fail, ok, type Result } from '../../../shared/result';
import { decodeText, neutraliseCell } from '../../../shared/security/text';
import { checkZipSizes } from '../../../shared/security/zip';

/**
 * Reading and writing the spreadsheets offices exchange: .xlsx (what every office uses) and
 * .csv (UTF-8 or the GBK that Chinese Excel writes). exceljs is large, so it loads only when
 * a spreadsheet is actually read or written.
 */

/** Largest unpacked size of an .xlsx we read; more is a damaged file or a zip bomb. */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
const MAX_ROWS = 200_000;
/** A county's whole roster is a few MB; a file far larger is not a roster (and would freeze the window). */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

const loadExcel = async () => (await import('exceljs')).default;

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOleXls = (b: Uint8Array) => b.length > 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

export { decodeText, neutraliseCell };

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (field !== '' || row.length) endRow();
  return rows;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the importers expect it: text, dates as YYYY-MM-DD, formulas by their result. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // exceljs gives dates as UTC midnight of the day shown in Excel.
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<Result<string[][]>> {
  // Sizes are measured by inflating, not taken from the headers a zip bomb lies in.
  const sizes = checkZipSizes(bytes, MAX_UNPACKED_BYTES);
  if (sizes === 'too-large') return fail('文件解压后过大，可能已损坏或是恶意文件，未读取。');
  if (sizes === 'damaged') return fail('文件已损坏，无法作为 Excel (.xlsx) 读取。');
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    return fail('文件内容不是有效的 Excel (.xlsx) 文件，或已损坏。');
  }
  if (workbook.worksheets.length === 0) return fail('文件内容不是有效的 Excel (.xlsx) 文件，或已损坏。');
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return fail('Excel 文件中没有数据。');
  if (sheet.rowCount > MAX_ROWS) return fail(`表格超过 ${MAX_ROWS} 行，请拆分后再导入。`);
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      // A merged range (a title across the sheet) holds its value once, in its first cell.
      cells.push(cell.isMerged && cell.master !== cell ? '' : cellText(cell.value));
    }
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    rows.push(cells);
  }
  return ok(rows);
}

/** Read an .xlsx or .csv file into rows of text cells, or say in Chinese why it can't be read. */
export async function readSpreadsheet(bytes: Uint8Array, fileName: string): Promise<Result<string[][]>> {
  if (bytes.length === 0) return fail('文件是空的。');
  if (bytes.length > MAX_FILE_BYTES) {
    return fail(`文件过大（${(bytes.length / 1048576).toFixed(1)} MB），表格文件最大 ${MAX_FILE_BYTES / 1048576} MB，请拆分后再导入。`);
  }
  const ext = fileName.toLowerCase().split('.').pop();
  if (isZip(bytes)) return readXlsx(bytes);
  if (isOleXls(bytes)) return fail('这是旧版 Excel (.xls) 文件，请在 Excel 中“另存为” .xlsx 后再导入。');
  if (ext === 'xlsx') return fail('文件内容不是有效的 Excel (.xlsx) 文件，或已损坏。');
  if (bytes.includes(0)) return fail('文件内容不是文本表格（CSV），无法读取。');
  const rows = parseCsv(decodeText(bytes).replace(/^\uFEFF/, ''));
  if (rows.length > MAX_ROWS) return fail(`表格超过 ${MAX_ROWS} 行，请拆分后再导入。`);
  return ok(rows);
}

export interface SheetColumn {
  header: string;
  /** Width in characters (a Chinese character counts about 2). */
  width?: number;
}
export type SheetCell = string | number | null;
export interface Sheet {
  title: string;
  columns: SheetColumn[];
  rows: SheetCell[][];
}


/** An .xlsx with a title row, bold headers, column widths and frozen headers. */
export async function writeXlsx(sheet: Sheet): Promise<Uint8Array> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheet.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '), {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: sheet.columns.length > 7 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = sheet.columns.map((c) => ({ width: c.width ?? Math.max(10, c.header.length * 2 + 4) }));
  const title = ws.addRow([sheet.title]);
  ws.mergeCells(1, 1, 1, Math.max(1, sheet.columns.length));
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  title.height = 24;
  const header = ws.addRow(sheet.columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of sheet.rows) ws.addRow(row.map(neutraliseCell));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** CSV in UTF-8 with a BOM, so Excel opens the Chinese correctly. */
export function writeCsv(columns: SheetColumn[], rows: SheetCell[][]): Uint8Array {
  const field = (v: SheetCell) => {
    const s = v === null ? '' : String(neutraliseCell(v));
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.map((c) => field(c.header)), ...rows.map((r) => r.map(field))].map((r) => r.join(','));
  return new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n');
}
