// Excel workbooks (.xlsx) as rows of text, so a spend sheet goes through the same reading as a CSV.

import readXlsxFile from 'read-excel-file/universal';
import type { InputProblem } from './problems';

export interface SheetRows {
  sheet: string;
  sheets: string[];
  rows: string[][];
  problems: InputProblem[];
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Dates come from date-formatted cells as UTC midnight; written the ISO way the date reader knows.
    return value.toISOString().slice(0, 10);
  }
  // Excel keeps 15 significant digits; beyond that is binary noise from formulas (1234.5600000000002).
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** Reads one sheet (the first, unless named) of an .xlsx file. */
export async function readXlsxRows(bytes: Uint8Array, file: string, sheet?: string): Promise<SheetRows> {
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(bytes.slice().buffer)) as { sheet: string; data: unknown[][] }[];
  } catch (e) {
    return { sheet: '', sheets: [], rows: [], problems: [{ file, reason: `not a readable Excel workbook (${(e as Error).message})`, severity: 'error' }] };
  }
  const names = sheets.map((s) => s.sheet);
  const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.sheet === sheet);
  if (!chosen) {
    return { sheet: sheet ?? '', sheets: names, rows: [], problems: [{ file, reason: sheet ? `no sheet called "${sheet}" (sheets: ${names.join(', ')})` : 'the workbook has no sheets', severity: 'error' }] };
  }
  // Said only when PlaceLens picked the sheet: a sheet named by the person was no surprise.
  const problems: InputProblem[] =
    names.length > 1 && sheet === undefined ? [{ file, reason: `the workbook has ${names.length} sheets (${names.join(', ')}); "${chosen.sheet}" was read`, severity: 'warning' }] : [];
  return { sheet: chosen.sheet, sheets: names, rows: chosen.data.map((r) => r.map(cellText)), problems };
}
