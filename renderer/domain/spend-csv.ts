// Council spend files (CSV/TSV, Transparency Code style) into spend lines, with every other row accounted for.

import Papa from 'papaparse';
import { parseAmount, plainPence, type Pence } from './money';
import { plainDecimal } from './plain-decimal';
import { parseDate, type DateResult } from './dates';
import type { InputProblem } from './problems';
import { bngToWgs84, looksLikeBng } from './crs';
import { postcodeIn } from './postcodes';
import type { TextInParts } from './text';

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
  /** A total row's own total, when it can be read (its money is the lines above: never counted again). */
  amountPence?: number | null;
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
  if (raw === undefined) return null;
  let n = plainDecimal(raw);
  if (n !== n) {
    const trimmed = raw.trim();
    if (trimmed === '') return null;
    n = Number(trimmed);
  }
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
export function cpvCode(text: string): string {
  return /\b\d{8}(?:-\d)?\b/.exec(text)?.[0] ?? text;
}

export function parseSpendCsv(text: string, file: string, options: SpendParseOptions = {}): SpendFileResult {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: false, delimiter: '' });
  const rows = parsed.data;
  // Papaparse reports a final empty line as a row of one empty cell; that is the file's last newline, not data.
  if (rows.length > 0 && rows[rows.length - 1]!.length === 1 && rows[rows.length - 1]![0] === '') rows.pop();
  return parseSpendRows(rows, file, options, quoteProblems(parsed.errors, file, 0));
}

/**
 * The start of a delimited spend file read as the whole file would be (its first `rows` rows): header, columns, first
 * lines and their problems. dataRows counts only the rows read.
 */
export function parseSpendCsvStart(text: string, file: string, options: SpendParseOptions, rows: number): SpendFileResult {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: false, delimiter: '', preview: rows });
  return parseSpendRows(parsed.data, file, options, quoteProblems(parsed.errors, file, 0));
}

/** Papaparse's complaints about quotes, which mean the rest of the file was read as one field. */
export function quoteProblems(errors: readonly Papa.ParseError[], file: string, firstRow: number): InputProblem[] {
  return errors
    .filter((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes')
    .map((e) => ({ file, row: firstRow + (e.row ?? 0) + 1, reason: `${e.message}: the file may be cut short or a quote may be missing; the rest of the file was read as one field`, severity: 'error' as const }));
}

/** A cell's text, trimmed; '' for a column the file has not (-1) or a short row. */
function cellAt(row: string[], i: number): string {
  if (i < 0) return '';
  const v = row[i];
  return v === undefined ? '' : v.trim();
}

function isBlank(row: readonly string[]): boolean {
  for (const c of row) if (c.trim() !== '') return false;
  return true;
}

/** Characters that make a spreadsheet read a cell as a formula: = + - @ tab and carriage return. */
export const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);

/** The start of a file its delimiter and line break are guessed from. */
export const SNIFF_CHARS = 4 << 20;

/** Rows read before the header is looked for: the header must be among the first 30. */
export const HEADER_SEARCH_ROWS = 30;

/** A piece of a file read in pieces: its lines, and the rows excluded and problems met since the piece before. */
export interface SpendPiece {
  lines: ParsedSpendLine[];
  excluded: ExcludedRow[];
  problems: InputProblem[];
  /** How much of the file has been read, 0–1. */
  fraction: number;
}

/**
 * A spend file read a piece at a time, for imports too big to hold as rows: `piece` is called with each piece as it
 * is read, in order (the last when the file is read, perhaps with no lines), and the result returned at the end has
 * every other part of the reading (header, columns, counts, and all excluded rows and problems again) but no lines.
 * The same reading as parseSpendCsv, row for row.
 */
export function readSpendCsvInPieces(
  source: string | TextInParts, file: string, options: SpendParseOptions, piece: (piece: SpendPiece) => void, pieceChars = 1 << 20,
): SpendFileResult {
  // Pieces are read from the text's head while they lie within it; the whole is decoded when a piece reaches past it.
  let text = typeof source === 'string' ? source : source.head;
  let whole = typeof source === 'string' || source.headIsWhole;
  /** Makes sure the text in hand reaches `end` (or is the whole). */
  const within = (end: number) => {
    if (!whole && end > text.length) {
      text = (source as TextInParts).whole().text;
      whole = true;
    }
  };
  const reader = new SpendRowReader(file, options, []);
  let waiting: string[][] = [];
  let rowsRead = 0;
  let started = false;
  let problemsSent = 0;
  let excludedSent = 0;
  const send = (lines: ParsedSpendLine[], fraction: number, last: boolean) => {
    const { problems, excluded } = reader.result;
    if (!last && lines.length === 0 && problems.length === problemsSent && excluded.length === excludedSent) return;
    piece({ lines, problems: problems.slice(problemsSent), excluded: excluded.slice(excludedSent), fraction });
    problemsSent = problems.length;
    excludedSent = excluded.length;
  };
  const take = (rows: string[][], fraction: number, last: boolean) => {
    if (!started) {
      waiting.push(...rows);
      if (waiting.length < HEADER_SEARCH_ROWS && !last) return;
      rows = waiting;
      waiting = [];
      started = true;
      reader.begin(rows);
    }
    const lines: ParsedSpendLine[] = [];
    for (let i = 0; i < rows.length; i++) {
      const line = reader.row(rows[i]!, rowsRead + i);
      if (line) lines.push(line);
    }
    rowsRead += rows.length;
    if (!last) send(lines, fraction, false);
    else {
      const result = reader.end(rowsRead);
      send(lines, 1, true);
      return result;
    }
    return null;
  };
  // A head is never the whole and plain ASCII, so it has no byte-order mark to take off.
  if (whole) text = text.replace(/^\uFEFF/, '');
  within(SNIFF_CHARS);
  const config = sniffDelimited(text);
  const ensure = (end: number) => {
    within(end);
    return text;
  };
  for (const p of papaPieces(ensure, config, pieceChars)) {
    reader.addProblems(quoteProblems(p.errors, file, rowsRead + (started ? 0 : waiting.length)));
    const result = take(p.rows, Math.min(1, p.end / Math.max(1, whole ? text.length : (source as TextInParts).bytes)), p.last);
    if (result) return result;
  }
  throw new Error('unreachable: the last piece returns');
}

/** How a delimited file is split: its delimiter and line break, as papaparse guesses them from the file's start. */
export type DelimitedConfig = Pick<Papa.ParseConfig, 'delimiter' | 'newline' | 'quoteChar'>;

/** The delimiter and line break guessed from the start of a file (its first SNIFF_CHARS), as a whole-file parse guesses them. */
export function sniffDelimited(text: string): DelimitedConfig {
  const sniffed = Papa.parse<string[]>(text.slice(0, SNIFF_CHARS), { header: false, skipEmptyLines: false, delimiter: '', preview: 10 }).meta;
  return { delimiter: sniffed.delimiter, newline: sniffed.linebreak as Papa.ParseConfig['newline'], quoteChar: '"' };
}

/** A piece of a file as papaparse read it: its whole rows, its complaints, and how far into the text it reached. */
export interface PapaPiece {
  rows: string[][];
  errors: Papa.ParseError[];
  end: number;
  last: boolean;
}

/**
 * papaparse's own parser over a text piece after piece, each ending at the last whole row, the rest carried over.
 * `text(end)` gives the text in hand, which must reach `end` or be the whole.
 */
export function* papaPieces(text: (end: number) => string, config: DelimitedConfig, pieceChars = 1 << 20): Generator<PapaPiece> {
  let carried = '';
  let cursor = 0;
  for (let at = 0; ;) {
    // A row longer than a piece is carried whole into the next: the pieces grow with it, so it is read a few times, not once per piece.
    // The first piece is an eighth of the rest: its lines reach the engine while the reading's code is still cold.
    const size = Math.max(at === 0 ? Math.max(1, pieceChars >> 3) : pieceChars, carried.length);
    // One past the piece: whether it is the last is known only from the whole.
    const t = text(at + size + 1);
    const last = at + size >= t.length;
    const input = carried + t.slice(at, at + size);
    at += size;
    const results = new Papa.Parser(config).parse(input, cursor, !last);
    const rows = results.data as unknown as string[][];
    if (last) {
      // Papaparse reports a final empty line as a row of one empty cell; that is the file's last newline, not data.
      if (rows.length > 0 && rows[rows.length - 1]!.length === 1 && rows[rows.length - 1]![0] === '') rows.pop();
    } else {
      carried = input.substring(results.meta.cursor - cursor);
      cursor = results.meta.cursor;
    }
    // A complaint about the row carried over is made again when that row is read whole in the next piece.
    const errors = last ? results.errors : results.errors.filter((e: Papa.ParseError) => e.row === undefined || e.row < rows.length);
    yield { rows, errors, end: at, last };
    if (last) return;
  }
}

/** Spend from rows of cells however they were read (CSV, a spreadsheet sheet): header, columns, lines, exclusions. */
export function parseSpendRows(rows: string[][], file: string, options: SpendParseOptions = {}, earlierProblems: InputProblem[] = []): SpendFileResult {
  const reader = new SpendRowReader(file, options, earlierProblems);
  reader.begin(rows);
  const end = options.limitRows === undefined ? rows.length : Math.min(rows.length, reader.firstDataRow + options.limitRows);
  const lines: ParsedSpendLine[] = [];
  for (let i = reader.firstDataRow; i < end && reader.readsLines; i++) {
    const line = reader.row(rows[i]!, i);
    if (line) lines.push(line);
  }
  const result = reader.end(rows.length);
  result.lines = lines;
  if (result.headerRow > 0) result.sampleRows = rows.slice(reader.firstDataRow, reader.firstDataRow + 5);
  return result;
}

/**
 * Reads a spend file's rows in order: `begin` with its first rows (to find the header), then `row` for every row
 * from the first (rows before the data are passed over), then `end` with how many rows the file has.
 */
export class SpendRowReader {
  private readonly base: SpendFileResult;

  /** The reading so far (lines aside, which the caller keeps). */
  get result(): SpendFileResult {
    return this.base;
  }

  private readonly problems: InputProblem[];
  private header: string[] = [];
  private columns: ColumnMap = {};
  /** Index of the first row below the header; rows before it are not data. */
  firstDataRow = Number.MAX_SAFE_INTEGER;
  /** Whether rows become lines: a header with an amount column was found. */
  readsLines = false;
  // A supplier's address repeats on each of its lines; the postcode is read out of each text once.
  private readonly supplierPostcodes = new Map<string, string>();
  // Files repeat the same few hundred dates thousands of times: read each once.
  private readonly dates = new Map<string, DateResult>();

  constructor(private readonly file: string, private readonly options: SpendParseOptions, earlierProblems: InputProblem[]) {
    this.problems = [...earlierProblems];
    this.base = { file, header: [], headerRow: 0, columns: {}, lines: [], excluded: [], problems: this.problems, rowCount: 0, dataRows: 0, sampleRows: [] };
  }

  addProblems(problems: readonly InputProblem[]): void {
    this.problems.push(...problems);
  }

  begin(rows: string[][]): void {
    const { file, options, problems, base } = this;
    const headerIndex = findHeaderRow(rows);
    if (headerIndex < 0) {
      problems.push({ file, row: 1, reason: 'no header row found: expected columns for the payment date, the supplier (beneficiary) and the amount', severity: 'error' });
      return;
    }
    const header = rows[headerIndex]!.map((h) => h.trim());
    const columns = options.columns ?? detectColumns(header);
    for (const role of REQUIRED) {
      if (columns[role] === undefined) {
        problems.push({ file, row: headerIndex + 1, reason: `no ${role} column found in the header (${header.join(', ')})`, severity: role === 'amount' ? 'error' : 'warning' });
      }
    }
    this.header = header;
    this.columns = columns;
    this.at = Object.fromEntries(COLUMN_ROLES.map((r) => [r, columns[r] ?? -1])) as Record<ColumnRole, number>;
    this.firstDataRow = headerIndex + 1;
    base.header = header;
    base.headerRow = headerIndex + 1;
    base.columns = columns;
    const seenHeaders = new Map<string, number>();
    header.forEach((h, i) => {
      const key = h.toLowerCase();
      if (key && seenHeaders.has(key)) {
        problems.push({ file, row: headerIndex + 1, column: h, reason: `two columns are called "${h}" (columns ${seenHeaders.get(key)! + 1} and ${i + 1}); check which one is used`, severity: 'warning' });
      } else seenHeaders.set(key, i);
    });
    this.readsLines = columns.amount !== undefined;
  }

  /** Finishes the reading: `rows` is how many rows the whole file has (the header and any rows above it included). */
  end(rows: number): SpendFileResult {
    const base = this.base;
    if (base.headerRow === 0) return base;
    base.dataRows = rows - this.firstDataRow;
    if (base.dataRows === 0) this.problems.push({ file: this.file, row: base.headerRow, reason: 'the file has a header but no rows below it', severity: 'warning' });
    return base;
  }

  /** Each role's column index, -1 when the file has none: one object of one shape, read a dozen times a row. */
  private at: Record<ColumnRole, number> = Object.fromEntries(COLUMN_ROLES.map((r) => [r, -1])) as Record<ColumnRole, number>;

  private columnName(role: ColumnRole): string {
    return this.header[this.columns[role]!] ?? role;
  }

  /** What a reading over bytes needs to decide a plain row as row() decides it (see spend-bytes.ts). */
  get layout(): { at: Readonly<Record<ColumnRole, number>>; columns: Readonly<ColumnMap>; headerLength: number; sampleRowsWanted: boolean } {
    return { at: this.at, columns: this.columns, headerLength: this.header.length, sampleRowsWanted: this.base.sampleRows.length < 5 };
  }

  /** A data row read as a line elsewhere, as row() would have read it (see spend-bytes.ts). */
  countLine(): void {
    this.base.rowCount++;
  }

  /** A date cell read once per text, as row() reads it. */
  dateOf(text: string): DateResult {
    let d = this.dates.get(text);
    if (d === undefined) this.dates.set(text, (d = parseDate(text)));
    return d;
  }

  supplierPostcodeOf(text: string): string {
    let found = this.supplierPostcodes.get(text);
    if (found === undefined) this.supplierPostcodes.set(text, (found = postcodeIn(text)));
    return found;
  }

  /** Row `index` (0-based, in the whole file) as a line, or null when it is not data, or is excluded (and said why). */
  row(row: string[], index: number): ParsedSpendLine | null {
    const { file, problems, base, columns, header, at } = this;
    if (index < this.firstDataRow) return null;
    if (base.sampleRows.length < 5) base.sampleRows.push(row);
    if (!this.readsLines) return null;
    const sourceRow = index + 1;
    base.rowCount++;
    if (isBlank(row)) {
      base.excluded.push({ sourceRow, reason: 'blank row', detail: 'the row is empty', raw: row });
      return null;
    }
    if (row.length > header.length && row.slice(header.length).some((c) => c.trim() !== '')) {
      // Usually a different delimiter or an unquoted comma: the cells no longer line up with the header.
      const detail = `the row has ${row.length} fields but the header has ${header.length}`;
      base.excluded.push({ sourceRow, reason: 'more fields than the header', detail, raw: row });
      problems.push({ file, row: sourceRow, reason: `${detail}; the cells may not line up with the columns, so the row was not read`, severity: 'error' });
      return null;
    }
    let long = -1;
    for (let i = 0; i < row.length && long < 0; i++) if (row[i]!.length > 10000) long = i;
    if (long >= 0) problems.push({ file, row: sourceRow, column: header[long], reason: `a field of ${row[long]!.length.toLocaleString('en-GB')} characters; kept, but check the file`, severity: 'warning' });
    const supplier = cellAt(row, at.supplier);
    const amountText = cellAt(row, at.amount);
    if (!supplier && /\btotal\b/.test(row.slice(0, 3).join(' ').toLowerCase())) {
      const stated = parseAmount(amountText);
      base.excluded.push({ sourceRow, reason: 'total row', detail: `a total row (${amountText || 'no amount'}); its money is the sum of the lines above`, raw: row, amountPence: stated.ok ? stated.pence : null });
      return null;
    }
    let pence = plainPence(amountText);
    if (pence !== pence) {
      const amount = parseAmount(amountText);
      if (!amount.ok) {
        base.excluded.push({ sourceRow, reason: 'amount not readable', detail: amount.reason, raw: row });
        problems.push({ file, row: sourceRow, column: this.columnName('amount'), reason: amount.reason, severity: 'error' });
        return null;
      }
      pence = amount.pence;
    }
    if (supplier !== '' && FORMULA_START.has(supplier.charCodeAt(0))) {
      problems.push({ file, row: sourceRow, column: this.columnName('supplier'), reason: `the supplier "${supplier.slice(0, 40)}" starts with ${JSON.stringify(supplier[0])}, which spreadsheets run as a formula; kept as text and escaped on export`, severity: 'warning' });
    }
    let date: string | null = null;
    const dateText = cellAt(row, at.date);
    if (columns.date !== undefined) {
      const d = this.dateOf(dateText);
      if (d.ok) date = d.iso;
      else problems.push({ file, row: sourceRow, column: this.columnName('date'), reason: `${d.reason}; the line is kept without a date`, severity: 'warning' });
    }
    let lon = parseCoordinate(cellAt(row, at.longitude) || undefined, -180, 180);
    let lat = parseCoordinate(cellAt(row, at.latitude) || undefined, -90, 90);
    if (lon === 'bad' || lat === 'bad' || (lon === null) !== (lat === null)) {
      problems.push({
        file,
        row: sourceRow,
        column: lon === 'bad' || lon === null ? this.columnName('longitude') : this.columnName('latitude'),
        reason: `coordinates "${cellAt(row, at.longitude)}, ${cellAt(row, at.latitude)}" are not a WGS84 longitude and latitude pair; the line is kept without them`,
        severity: 'warning',
      });
      lon = null;
      lat = null;
    }
    if (lon === null && (columns.easting !== undefined || columns.northing !== undefined)) {
      // National Grid metres, converted here so that only WGS84 goes further (the same Helmert as postcodes).
      const e = cellAt(row, at.easting), n = cellAt(row, at.northing);
      if (e !== '' || n !== '') {
        const x = Number(e), y = Number(n);
        if (e !== '' && n !== '' && Number.isFinite(x) && Number.isFinite(y) && x > 0 && y > 0 && looksLikeBng(x, y)) {
          [lon, lat] = bngToWgs84(x, y);
        } else {
          problems.push({
            file,
            row: sourceRow,
            column: this.columnName(e === '' || !(x > 0 && x <= 700000) ? 'easting' : 'northing'),
            reason: `"${e}, ${n}" is not a National Grid easting and northing in metres (0–700000, 0–1300000); the line is kept without them`,
            severity: 'warning',
          });
        }
      }
    }
    return {
      sourceRow,
      date,
      supplier,
      purpose: cellAt(row, at.purpose),
      department: cellAt(row, at.department),
      amountPence: pence,
      transactionId: cellAt(row, at.transactionId),
      merchantCategory: cellAt(row, at.merchantCategory),
      cpv: at.cpv < 0 ? '' : cpvCode(cellAt(row, at.cpv)),
      postcode: cellAt(row, at.postcode).toUpperCase(),
      supplierPostcode: columns.supplierPostcode === undefined ? '' : this.supplierPostcodeOf(cellAt(row, at.supplierPostcode)),
      lon,
      lat,
      uprn: cellAt(row, at.uprn),
      placeName: cellAt(row, at.placeName),
      wardName: cellAt(row, at.wardName),
      wardCode: cellAt(row, at.wardCode),
    };
  }
}
