// Council spend files (CSV/TSV, Transparency Code style) into spend lines, with every other row accounted for.

import Papa from 'papaparse';
import { parseAmount, type Pence } from './money';
import { parseDate, type DateResult } from './dates';
import type { InputProblem } from './problems';
import { bngToWgs84, looksLikeBng } from './crs';
import { postcodeIn } from './postcodes';

export type ColumnRole =
  | 'date' | 'supplier' | 'amount' | 'purpose' | 'department' | 'transactionId' | 'merchantCategory' | 'cpv'
  | 'postcode' | 'supplierPostcode' | 'longitude' | 'latitude' | 'easting' | 'northing' | 'uprn' | 'placeName' | 'wardName' | 'wardCode';

// Header synonyms seen in English councils' spend-over-£500 files; matched on a normalised header.
const ROLE_HEADERS: Record<ColumnRole, string[]> = {
  date: ['payment date', 'date paid', 'transaction date', 'date', 'paid date', 'invoice date', 'posting date'],
  supplier: ['beneficiary name', 'supplier name', 'supplier', 'beneficiary', 'payee', 'payee name', 'vendor name', 'vendor', 'merchant name'],
  amount: ['amount gbp', 'amount', 'net amount', 'amount paid', 'value', 'amount excl vat', 'total', 'net value', 'amount £', 'line amount'],
  purpose: ['purpose', 'expense type', 'description', 'summary of purpose', 'expenditure category', 'expense description', 'service category label', 'purpose of spend'],
  department: ['organisational unit', 'department', 'service area', 'directorate', 'service', 'service label', 'cost centre', 'service division'],
  transactionId: ['unique identifier', 'transaction number', 'transaction id', 'transaction no', 'reference', 'invoice number', 'payment reference'],
  merchantCategory: ['merchant category', 'merchant category code', 'mcc'],
  cpv: ['cpv', 'cpv code', 'cpv codes', 'main cpv code', 'cpv main code', 'common procurement vocabulary', 'common procurement vocabulary code'],
  postcode: ['postcode', 'post code', 'delivery postcode', 'site postcode'],
  // Where the supplier is, not where the service was: never used to place a line unless the user says so.
  supplierPostcode: ['supplier postcode', 'supplier post code', 'beneficiary postcode', 'payee postcode', 'vendor postcode', 'supplier address', 'beneficiary address', 'payee address', 'vendor address'],
  longitude: ['longitude', 'lon', 'lng', 'long'],
  latitude: ['latitude', 'lat'],
  easting: ['easting', 'eastings', 'x coordinate', 'grid easting'],
  northing: ['northing', 'northings', 'y coordinate', 'grid northing'],
  uprn: ['uprn', 'unique property reference number', 'unique property reference', 'property uprn', 'property reference'],
  placeName: ['place name', 'place', 'site', 'site name', 'location', 'premises'],
  wardName: ['ward name', 'ward'],
  wardCode: ['ward code', 'ward gss code'],
};

export type ColumnMap = Partial<Record<ColumnRole, number>>;

function normaliseHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').toLowerCase().replace(/[_\s]+/g, ' ').replace(/[^a-z0-9£ ]/g, '').trim();
}

/** Which column plays which role, from the header text. Exact synonyms win over partial ones. */
export function detectColumns(header: readonly string[]): ColumnMap {
  const norm = header.map(normaliseHeader);
  const map: ColumnMap = {};
  const taken = new Set<number>();
  for (const exact of [true, false]) {
    for (const role of Object.keys(ROLE_HEADERS) as ColumnRole[]) {
      if (map[role] !== undefined) continue;
      for (const synonym of ROLE_HEADERS[role]) {
        const i = norm.findIndex((h, j) => !taken.has(j) && (exact ? h === synonym : synonym.length > 3 && h.startsWith(synonym + ' ')));
        if (i >= 0) {
          map[role] = i;
          taken.add(i);
          break;
        }
      }
    }
  }
  return map;
}

export interface ParsedSpendLine {
  /** 1-based row in the file, counting the header and any preamble, as a spreadsheet shows it. */
  sourceRow: number;
  date: string | null;
  supplier: string;
  purpose: string;
  department: string;
  amountPence: Pence;
  transactionId: string;
  /** A purchase-card line's merchant category as written (trimmed), text or an MCC; '' when the file has none. */
  merchantCategory: string;
  /** A CPV (Common Procurement Vocabulary) code, "85311000" or "85311000-2"; '' when the file has none. */
  cpv: string;
  postcode: string;
  /** The supplier's own postcode ("NW1 2AB"), from its address; '' when the data gives none. */
  supplierPostcode: string;
  lon: number | null;
  lat: number | null;
  /** The UPRN as written in the file (trimmed), '' when there is none; locating normalises it. */
  uprn: string;
  placeName: string;
  wardName: string;
  wardCode: string;
}

export type ExcludedReason = 'blank row' | 'total row' | 'amount not readable' | 'more fields than the header';

export interface ExcludedRow {
  sourceRow: number;
  reason: ExcludedReason;
  detail: string;
  /** The row as it stood, so nothing is lost. */
  raw: string[];
}

export interface SpendFileResult {
  file: string;
  header: string[];
  headerRow: number;
  columns: ColumnMap;
  lines: ParsedSpendLine[];
  excluded: ExcludedRow[];
  problems: InputProblem[];
  /** Data rows after the header that were read: lines + excluded. */
  rowCount: number;
  /** All data rows after the header in the file, read or not (a preview reads only some). */
  dataRows: number;
  /** The first few data rows as they stand in the file, for a preview. */
  sampleRows: string[][];
}

const REQUIRED: ColumnRole[] = ['amount', 'supplier', 'date'];

function findHeaderRow(rows: string[][]): number {
  // The header is the first row, within the first 30, where at least two required roles are recognised.
  const limit = Math.min(rows.length, 30);
  for (let i = 0; i < limit; i++) {
    const cols = detectColumns(rows[i]!);
    const found = REQUIRED.filter((r) => cols[r] !== undefined).length;
    if (found >= 2) return i;
  }
  return -1;
}

function parseCoordinate(raw: string | undefined, min: number, max: number): number | null | 'bad' {
  if (raw === undefined || raw.trim() === '') return null;
  const n = Number(raw.trim());
  if (!Number.isFinite(n) || n < min || n > max) return 'bad';
  return n;
}

/** What the person importing chose, where it differs from what was detected. */
export interface SpendParseOptions {
  /** Column roles to use instead of the detected ones (by column index in the header). */
  columns?: ColumnMap;
  /** Stop after this many data rows: for a preview. */
  limitRows?: number;
}

export const COLUMN_ROLES = Object.keys(ROLE_HEADERS) as ColumnRole[];

export const COLUMN_ROLE_LABEL: Record<ColumnRole, string> = {
  date: 'Payment date',
  supplier: 'Supplier (beneficiary)',
  amount: 'Amount',
  purpose: 'Purpose / description',
  department: 'Department / organisational unit',
  transactionId: 'Transaction id',
  merchantCategory: 'Merchant category',
  cpv: 'CPV code',
  postcode: 'Postcode',
  supplierPostcode: "Supplier's postcode or address",
  longitude: 'Longitude',
  latitude: 'Latitude',
  easting: 'Easting (National Grid)',
  northing: 'Northing (National Grid)',
  uprn: 'UPRN',
  placeName: 'Place name',
  wardName: 'Ward name',
  wardCode: 'Ward code',
};

/** The code out of a CPV cell ("85311000-2 Social work services" → "85311000-2"), else the cell as written. */
function cpvCode(text: string): string {
  return /\b\d{8}(?:-\d)?\b/.exec(text)?.[0] ?? text;
}

export function parseSpendCsv(text: string, file: string, options: SpendParseOptions = {}): SpendFileResult {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: false, delimiter: '' });
  const rows = parsed.data;
  const parseProblems: InputProblem[] = parsed.errors
    .filter((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes')
    .map((e) => ({ file, row: (e.row ?? 0) + 1, reason: `${e.message}: the file may be cut short or a quote may be missing; the rest of the file was read as one field`, severity: 'error' as const }));
  // Papaparse reports a final empty line as a row of one empty cell; that is the file's last newline, not data.
  if (rows.length > 0 && rows[rows.length - 1]!.length === 1 && rows[rows.length - 1]![0] === '') rows.pop();
  return parseSpendRows(rows, file, options, parseProblems);
}

/** Spend from rows of cells however they were read (CSV, a spreadsheet sheet): header, columns, lines, exclusions. */
export function parseSpendRows(rows: string[][], file: string, options: SpendParseOptions = {}, earlierProblems: InputProblem[] = []): SpendFileResult {
  const problems: InputProblem[] = [...earlierProblems];
  const base: SpendFileResult = { file, header: [], headerRow: 0, columns: {}, lines: [], excluded: [], problems, rowCount: 0, dataRows: 0, sampleRows: [] };
  const headerIndex = findHeaderRow(rows);
  if (headerIndex < 0) {
    problems.push({ file, row: 1, reason: 'no header row found: expected columns for the payment date, the supplier (beneficiary) and the amount', severity: 'error' });
    return base;
  }
  const header = rows[headerIndex]!.map((h) => h.trim());
  const columns = options.columns ?? detectColumns(header);
  // A supplier's address repeats on each of its lines; the postcode is read out of each text once.
  const supplierPostcodes = new Map<string, string>();
  const supplierPostcodeOf = (text: string): string => {
    let found = supplierPostcodes.get(text);
    if (found === undefined) supplierPostcodes.set(text, (found = postcodeIn(text)));
    return found;
  };
  for (const role of REQUIRED) {
    if (columns[role] === undefined) {
      problems.push({ file, row: headerIndex + 1, reason: `no ${role} column found in the header (${header.join(', ')})`, severity: role === 'amount' ? 'error' : 'warning' });
    }
  }
  base.header = header;
  base.headerRow = headerIndex + 1;
  base.columns = columns;
  base.dataRows = rows.length - headerIndex - 1;
  base.sampleRows = rows.slice(headerIndex + 1, headerIndex + 6);
  if (base.dataRows === 0) problems.push({ file, row: headerIndex + 1, reason: 'the file has a header but no rows below it', severity: 'warning' });
  const seenHeaders = new Map<string, number>();
  header.forEach((h, i) => {
    const key = h.toLowerCase();
    if (key && seenHeaders.has(key)) {
      problems.push({ file, row: headerIndex + 1, column: h, reason: `two columns are called "${h}" (columns ${seenHeaders.get(key)! + 1} and ${i + 1}); check which one is used`, severity: 'warning' });
    } else seenHeaders.set(key, i);
  });
  if (columns.amount === undefined) return base;

  const cell = (row: string[], role: ColumnRole): string => {
    const i = columns[role];
    return i === undefined ? '' : (row[i] ?? '').trim();
  };
  const columnName = (role: ColumnRole) => header[columns[role]!] ?? role;

  // Files repeat the same few hundred dates thousands of times: read each once.
  const dates = new Map<string, DateResult>();
  const end = options.limitRows === undefined ? rows.length : Math.min(rows.length, headerIndex + 1 + options.limitRows);
  for (let i = headerIndex + 1; i < end; i++) {
    const row = rows[i]!;
    const sourceRow = i + 1;
    base.rowCount++;
    if (row.every((c) => c.trim() === '')) {
      base.excluded.push({ sourceRow, reason: 'blank row', detail: 'the row is empty', raw: row });
      continue;
    }
    if (row.length > header.length && row.slice(header.length).some((c) => c.trim() !== '')) {
      // Usually a different delimiter or an unquoted comma: the cells no longer line up with the header.
      const detail = `the row has ${row.length} fields but the header has ${header.length}`;
      base.excluded.push({ sourceRow, reason: 'more fields than the header', detail, raw: row });
      problems.push({ file, row: sourceRow, reason: `${detail}; the cells may not line up with the columns, so the row was not read`, severity: 'error' });
      continue;
    }
    const long = row.findIndex((c) => c.length > 10000);
    if (long >= 0) problems.push({ file, row: sourceRow, column: header[long], reason: `a field of ${row[long]!.length.toLocaleString('en-GB')} characters; kept, but check the file`, severity: 'warning' });
    const supplier = cell(row, 'supplier');
    const amountText = cell(row, 'amount');
    if (!supplier && /\btotal\b/.test(row.slice(0, 3).join(' ').toLowerCase())) {
      base.excluded.push({ sourceRow, reason: 'total row', detail: `a total row (${amountText || 'no amount'}); its money is the sum of the lines above`, raw: row });
      continue;
    }
    const amount = parseAmount(amountText);
    if (!amount.ok) {
      base.excluded.push({ sourceRow, reason: 'amount not readable', detail: amount.reason, raw: row });
      problems.push({ file, row: sourceRow, column: columnName('amount'), reason: amount.reason, severity: 'error' });
      continue;
    }
    if (/^[=+\-@\t\r]/.test(supplier)) {
      problems.push({ file, row: sourceRow, column: columnName('supplier'), reason: `the supplier "${supplier.slice(0, 40)}" starts with ${JSON.stringify(supplier[0])}, which spreadsheets run as a formula; kept as text and escaped on export`, severity: 'warning' });
    }
    let date: string | null = null;
    const dateText = cell(row, 'date');
    if (columns.date !== undefined) {
      let d = dates.get(dateText);
      if (d === undefined) dates.set(dateText, (d = parseDate(dateText)));
      if (d.ok) date = d.iso;
      else problems.push({ file, row: sourceRow, column: columnName('date'), reason: `${d.reason}; the line is kept without a date`, severity: 'warning' });
    }
    let lon = parseCoordinate(cell(row, 'longitude') || undefined, -180, 180);
    let lat = parseCoordinate(cell(row, 'latitude') || undefined, -90, 90);
    if (lon === 'bad' || lat === 'bad' || (lon === null) !== (lat === null)) {
      problems.push({
        file,
        row: sourceRow,
        column: lon === 'bad' || lon === null ? columnName('longitude') : columnName('latitude'),
        reason: `coordinates "${cell(row, 'longitude')}, ${cell(row, 'latitude')}" are not a WGS84 longitude and latitude pair; the line is kept without them`,
        severity: 'warning',
      });
      lon = null;
      lat = null;
    }
    if (lon === null && (columns.easting !== undefined || columns.northing !== undefined)) {
      // National Grid metres, converted here so that only WGS84 goes further (the same Helmert as postcodes).
      const e = cell(row, 'easting'), n = cell(row, 'northing');
      if (e !== '' || n !== '') {
        const x = Number(e), y = Number(n);
        if (e !== '' && n !== '' && Number.isFinite(x) && Number.isFinite(y) && x > 0 && y > 0 && looksLikeBng(x, y)) {
          [lon, lat] = bngToWgs84(x, y);
        } else {
          problems.push({
            file,
            row: sourceRow,
            column: columnName(e === '' || !(x > 0 && x <= 700000) ? 'easting' : 'northing'),
            reason: `"${e}, ${n}" is not a National Grid easting and northing in metres (0–700000, 0–1300000); the line is kept without them`,
            severity: 'warning',
          });
        }
      }
    }
    base.lines.push({
      sourceRow,
      date,
      supplier,
      purpose: cell(row, 'purpose'),
      department: cell(row, 'department'),
      amountPence: amount.pence,
      transactionId: cell(row, 'transactionId'),
      merchantCategory: cell(row, 'merchantCategory'),
      cpv: cpvCode(cell(row, 'cpv')),
      postcode: cell(row, 'postcode').toUpperCase(),
      supplierPostcode: columns.supplierPostcode === undefined ? '' : supplierPostcodeOf(cell(row, 'supplierPostcode')),
      lon,
      lat,
      uprn: cell(row, 'uprn'),
      placeName: cell(row, 'placeName'),
      wardName: cell(row, 'wardName'),
      wardCode: cell(row, 'wardCode'),
    });
  }
  return base;
}
