// Reading a delimited spend file straight from its bytes, for imports: rows are found by their delimiters and line
// breaks, and a plain row (ASCII, no field needing a second look) is read field by field from its bytes, its words
// numbered by their bytes, into the batch the engine stores. No string is made for a cell whose word has been seen
// before, no row of cells and no line object. Any other row is decoded and read by SpendRowReader.row, as
// readSpendCsvInPieces reads it; a row whose quotes papaparse would read its own way hands the rest of the file to
// papaparse. The lines, excluded rows and problems are the same as readSpendCsvInPieces gives, row for row
// (tests/unit/domain/spend-bytes.test.ts compares them).

import type { BatchBuilder, LinePacker, LineBatch, WordField } from './line-batch';
import { parseAmount, plainPenceBytes } from './money';
import { plainDecimalBytes } from './plain-decimal';
import { bngToWgs84, looksLikeBng } from './crs';
import { cpvCode, FORMULA_START, HEADER_SEARCH_ROWS, papaPieces, quoteProblems, readSpendCsvInPieces, SNIFF_CHARS, sniffDelimited, SpendRowReader, type ColumnRole, type ExcludedRow, type SpendFileResult, type SpendParseOptions } from './spend-csv';
import type { InputProblem } from './problems';
import type { DateResult } from './dates';
import { textDecoder, type TextInParts } from './text';

/** A piece of a file read: its lines as a batch, and the rows excluded and problems met since the piece before. */
export interface BatchPiece {
  batch: LineBatch;
  excluded: ExcludedRow[];
  problems: InputProblem[];
  /** How much of the file has been read, 0–1. */
  fraction: number;
}

/** row() warns of a field longer than this: such a row is read there. */
const LONG_FIELD = 10000;
/** Bytes a line is guessed to take, to size a batch before it is read. */
const BYTES_A_LINE = 60;

/** A field's flags: quoted with "" inside (read by papaparse as one "), and holding a byte above 0x7F. */
const ESCAPED = 1;
const HIGH = 2;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Whether byte b is one String.prototype.trim takes off (its ASCII white space and line terminators). */
function isSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/**
 * Words of one field by their bytes: an open-addressed table of FNV-1a hashes, each entry the bytes' place in an
 * arena and a number the caller gives (a word's number in the batches, or an entry of its own).
 */
export class ByteWords {
  private slots = new Int32Array(1024).fill(-1);
  private hashes = new Int32Array(256);
  private starts = new Int32Array(256);
  private lengths = new Int32Array(256);
  private values = new Int32Array(256);
  private arena = new Uint8Array(4096);
  private used = 0;
  private count = 0;

  static hash(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    return h;
  }

  /** The value for the bytes, or -1 when they are new. */
  get(bytes: Uint8Array, start: number, end: number, h: number): number {
    const mask = this.slots.length - 1;
    const n = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s]!;
      if (e < 0) return -1;
      if (this.hashes[e] !== h || this.lengths[e] !== n) continue;
      const at = this.starts[e]!;
      let k = 0;
      while (k < n && this.arena[at + k] === bytes[start + k]) k++;
      if (k === n) return this.values[e]!;
    }
  }

  set(bytes: Uint8Array, start: number, end: number, h: number, value: number): void {
    const n = end - start;
    if (this.count === this.hashes.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.hashes = grow(this.hashes);
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
      this.values = grow(this.values);
    }
    if (this.used + n > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.used + n));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    const e = this.count++;
    this.hashes[e] = h;
    this.starts[e] = this.used;
    this.lengths[e] = n;
    this.values[e] = value;
    this.arena.set(bytes.subarray(start, end), this.used);
    this.used += n;
    if (2 * this.count > this.slots.length) this.rehash();
    else this.place(e);
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let s = this.hashes[e]! & mask;
    while (this.slots[s]! >= 0) s = (s + 1) & mask;
    this.slots[s] = e;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let e = 0; e < this.count; e++) this.place(e);
  }
}

/** ASCII bytes as a string. */
function ascii(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > 64) return asciiDecoder.decode(bytes.subarray(start, end));
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}
const asciiDecoder = new TextDecoder('utf-8');

/** The word fields read from a column, with how the column's text becomes the word (as SpendRowReader.row does it). */
type Shaping = 'as written' | 'upper case' | 'cpv' | 'supplier postcode';
const SHAPING: Record<Exclude<WordField, 'date'>, Shaping> = {
  supplier: 'as written', purpose: 'as written', department: 'as written', merchantCategory: 'as written', cpv: 'cpv', postcode: 'upper case',
  supplierPostcode: 'supplier postcode', uprn: 'as written', placeName: 'as written', wardName: 'as written', wardCode: 'as written',
};
/** The word fields after the date, in WORD_FIELDS' order: the order a line's new words are numbered in. */
const TEXT_FIELDS = ['supplier', 'purpose', 'department', 'merchantCategory', 'cpv', 'postcode', 'supplierPostcode', 'uprn', 'placeName', 'wardName', 'wardCode'] as const;

/**
 * Reads a delimited spend file from its bytes, a piece at a time (see readSpendCsvInPieces, whose reading it gives):
 * `piece` is called with each piece's lines as a batch, numbered by `packer`; the file's result (no lines, and every
 * excluded row and problem again) and its encoding are returned. A file in UTF-16, or one whose delimiter or line break
 * is not a single ASCII byte, is read by readSpendCsvInPieces itself.
 */
export function readSpendBytesInPieces(
  bytes: Uint8Array, decoded: TextInParts, file: string, options: SpendParseOptions, packer: LinePacker, piece: (piece: BatchPiece) => void, pieceBytes = 1 << 20,
): { result: SpendFileResult; encoding: string } {
  const known = decoded.headIsWhole ? decoded.whole().encoding : null;
  // Guessed from the same characters readSpendCsvInPieces guesses from (a head shorter than those is only a test's).
  const head = known !== null ? decoded.head.replace(/^\uFEFF/, '') : decoded.head.length < SNIFF_CHARS ? decoded.whole().text.replace(/^\uFEFF/, '') : decoded.head;
  const config = sniffDelimited(head);
  const delimiter = typeof config.delimiter === 'string' && config.delimiter.length === 1 ? config.delimiter.charCodeAt(0) : -1;
  const newline = config.newline;
  if (known === 'utf-16le' || known === 'utf-16be' || delimiter < 0 || delimiter >= 0x80 || delimiter === QUOTE || delimiter === CR || delimiter === LF || (newline !== '\n' && newline !== '\r\n' && newline !== '\r')) {
    return readByPapaparse(decoded, file, options, packer, piece, pieceBytes);
  }
  return new BytesReading(bytes, decoded, known, file, options, packer, piece, pieceBytes, delimiter, newline, config).read();
}

/** The whole file by readSpendCsvInPieces, its lines packed into batches. */
function readByPapaparse(decoded: TextInParts, file: string, options: SpendParseOptions, packer: LinePacker, piece: (piece: BatchPiece) => void, pieceChars: number) {
  const result = readSpendCsvInPieces(decoded, file, options, (p) => piece({ batch: packer.pack(p.lines), excluded: p.excluded, problems: p.problems, fraction: p.fraction }), pieceChars);
  return { result, encoding: decoded.whole().encoding };
}

class BytesReading {
  private readonly reader: SpendRowReader;
  private readonly length: number;
  /** Where the rows start: after a UTF-8 byte-order mark. */
  private readonly first: number;
  private pos: number;
  private encoding: string | null;
  private decoder: { decode(bytes: Uint8Array): string } | null = null;
  /** Whether any row had a byte above 0x7F (then the whole file's encoding is decided as decodeText decides it). */
  private anyHigh = false;

  // The row being read: its fields as byte ranges, whether each was quoted with "" inside or has a byte above 0x7F,
  // and where the row ends.
  private fields = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  /** Each field's ESCAPED and HIGH bits. */
  private flags = new Uint8Array(64);
  private rowEnd = 0;

  private rowIndex = 0;
  private builder: BatchBuilder;
  private pieceStart: number;
  private problemsSent = 0;
  private excludedSent = 0;

  // The header's layout, once it is found.
  private at: Readonly<Record<ColumnRole, number>> = {} as Record<ColumnRole, number>;
  private headerLength = 0;
  private hasDate = false;
  private hasGrid = false;
  private readonly dates = new ByteWords();
  private readonly dateEntries: { result: DateResult; number: number }[] = [];
  /** Each text field's words by their bytes, its column (-1 for none), and its number for a blank cell (-1 until first used). */
  private readonly words = TEXT_FIELDS.map(() => new ByteWords());
  private readonly columnOf = new Int32Array(TEXT_FIELDS.length);
  private readonly blankNumbers = new Int32Array(TEXT_FIELDS.length).fill(-1);
  /** Whether the reader still keeps sample rows (the first five data rows, as written): until then it reads every row. */
  private samplesWanted = true;
  /** The trimmed range of each text field on the row being read, in TEXT_FIELDS' order. */
  private readonly ranges = new Int32Array(TEXT_FIELDS.length * 2);

  constructor(
    private readonly bytes: Uint8Array,
    private readonly decoded: TextInParts,
    known: string | null,
    private readonly file: string,
    private readonly options: SpendParseOptions,
    private readonly packer: LinePacker,
    private readonly piece: (piece: BatchPiece) => void,
    private readonly pieceBytes: number,
    private readonly delimiter: number,
    private readonly newline: '\n' | '\r\n' | '\r',
    private readonly config: ReturnType<typeof sniffDelimited>,
  ) {
    this.reader = new SpendRowReader(file, options, []);
    this.length = bytes.length;
    this.encoding = known;
    this.first = known === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    this.pos = this.pieceStart = this.first;
    this.builder = packer.builder(Math.ceil((pieceBytes >> 3) / BYTES_A_LINE));
  }

  read(): { result: SpendFileResult; encoding: string } {
    // The header is looked for among the first rows, decoded, as readSpendCsvInPieces looks for it.
    const firstRows: string[][] = [];
    while (firstRows.length < HEADER_SEARCH_ROWS && this.pos < this.length) {
      if (!this.scanRow()) return readByPapaparse(this.decoded, this.file, this.options, this.packer, this.piece, this.pieceBytes);
      firstRows.push(this.cells());
      this.pos = this.rowEnd;
    }
    const reader = this.reader;
    reader.begin(firstRows);
    for (const row of firstRows) this.rowByReader(row);
    const layout = reader.layout;
    this.at = layout.at;
    this.headerLength = layout.headerLength;
    this.hasDate = layout.columns.date !== undefined;
    this.hasGrid = layout.columns.easting !== undefined || layout.columns.northing !== undefined;
    TEXT_FIELDS.forEach((f, k) => (this.columnOf[k] = layout.at[f]));
    this.pieceDone(false);
    while (this.pos < this.length) {
      if (!this.scanRow()) return this.restByPapaparse();
      if (!reader.readsLines || !this.plainRow()) this.rowByReader(this.cells());
      this.pos = this.rowEnd;
      this.pieceDone(false);
    }
    const result = reader.end(this.rowIndex);
    this.pieceDone(true);
    return { result, encoding: this.fileEncoding() };
  }

  /** Posts the piece read so far when it is big enough, or is the last. */
  private pieceDone(last: boolean): void {
    const size = this.pieceStart === this.first ? Math.max(1, this.pieceBytes >> 3) : this.pieceBytes;
    if (!last && this.pos - this.pieceStart < size) return;
    const { problems, excluded } = this.reader.result;
    const lines = this.builder.count;
    if (!last && lines === 0 && problems.length === this.problemsSent && excluded.length === this.excludedSent) return;
    this.pieceStart = this.pos;
    const batch = this.builder.finish();
    this.builder = this.packer.builder(Math.ceil(this.pieceBytes / BYTES_A_LINE));
    this.piece({ batch, problems: problems.slice(this.problemsSent), excluded: excluded.slice(this.excludedSent), fraction: last ? 1 : Math.min(1, this.pos / Math.max(1, this.length)) });
    this.problemsSent = problems.length;
    this.excludedSent = excluded.length;
  }

  /**
   * Finds the row at `pos`: its fields and where it ends (rowEnd). False when a quote in it is one papaparse reads
   * its own way (a quote inside an unquoted field, text after a closing quote, a quote never closed).
   */
  private scanRow(): boolean {
    const bytes = this.bytes, length = this.length, d = this.delimiter;
    // The byte that may end a row: a line feed for "\n", a carriage return for "\r\n" (with a line feed after) and "\r".
    const stop = this.newline === '\n' ? LF : CR;
    const pair = this.newline === '\r\n';
    let p = this.pos;
    let rowHigh = 0;
    this.fields = 0;
    for (;;) {
      let start: number, end: number, escaped = 0, high = 0;
      if (p < length && bytes[p] === QUOTE) {
        start = p + 1;
        for (let q = start; ; ) {
          q = bytes.indexOf(QUOTE, q);
          if (q < 0) return false;
          if (q + 1 < length && bytes[q + 1] === QUOTE) {
            escaped = 1;
            q += 2;
            continue;
          }
          end = q;
          p = q + 1;
          break;
        }
        for (let k = start; k < end; k++) high |= bytes[k]!;
        if (p < length && bytes[p] !== d && !(bytes[p] === stop && (!pair || bytes[p + 1] === LF))) return false;
      } else {
        start = p;
        for (; p < length; p++) {
          const b = bytes[p]!;
          if (b === d || (b === stop && (!pair || bytes[p + 1] === LF))) break;
          if (b === QUOTE) return false;
          high |= b;
        }
        end = p;
      }
      this.addField(start, end, escaped | (high & 0x80 ? HIGH : 0));
      rowHigh |= high;
      if (p >= length) {
        this.rowEnd = length;
        break;
      }
      if (bytes[p] === d) {
        p++;
        continue;
      }
      this.rowEnd = p + (pair ? 2 : 1);
      break;
    }
    if (rowHigh & 0x80) this.anyHigh = true;
    return true;
  }

  private addField(start: number, end: number, flags: number): void {
    const k = this.fields++;
    if (k === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T) => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts, (n) => new Int32Array(n));
      this.ends = grow(this.ends, (n) => new Int32Array(n));
      this.flags = grow(this.flags, (n) => new Uint8Array(n));
    }
    this.starts[k] = start;
    this.ends[k] = end;
    this.flags[k] = flags;
  }

  /** The row just scanned as text, cell by cell, as papaparse gives it. */
  private cells(): string[] {
    const out: string[] = new Array(this.fields);
    for (let k = 0; k < this.fields; k++) {
      const s = this.starts[k]!, e = this.ends[k]!;
      let text = this.text(k, s, e);
      if (this.flags[k]! & ESCAPED) text = text.replaceAll('""', '"');
      out[k] = text;
    }
    return out;
  }

  /** Bytes [s, e) of field k as text. */
  private text(k: number, s: number, e: number): string {
    if (!(this.flags[k]! & HIGH)) return ascii(this.bytes, s, e);
    return (e - s <= 64 && this.latin1Text(s, e)) || this.textDecoder().decode(this.bytes.subarray(s, e));
  }

  /**
   * A short field whose characters are all in Latin-1 ("£1,234.56", "Café"), as its decoder would give it, made
   * without one: in UTF-8 each such character above ASCII is the pair C2/C3 and a continuation byte, in Windows-1252
   * a byte from A0 (where it agrees with Latin-1). '' for any other field (not a field's text: a field with a byte
   * above 0x7F is never empty).
   */
  private latin1Text(s: number, e: number): string {
    const bytes = this.bytes;
    const utf8 = (this.encoding ??= this.decoded.whole().encoding) === 'utf-8';
    let text = '';
    for (let i = s; i < e; i++) {
      const b = bytes[i]!;
      if (b < 0x80) text += String.fromCharCode(b);
      else if (!utf8) {
        if (b < 0xa0) return '';
        text += String.fromCharCode(b);
      } else {
        const next = bytes[i + 1]!;
        if ((b !== 0xc2 && b !== 0xc3) || i + 1 >= e || (next & 0xc0) !== 0x80) return '';
        text += String.fromCharCode(((b & 0x1f) << 6) | (next & 0x3f));
        i++;
      }
    }
    return text;
  }

  /** The file's encoding, as decodeText decides it: a row with a byte above 0x7F needs the whole file's answer. */
  private textDecoder(): { decode(bytes: Uint8Array): string } {
    return (this.decoder ??= textDecoder(this.encoding ??= this.decoded.whole().encoding, { ignoreBOM: true }));
  }

  private fileEncoding(): string {
    // Plain ASCII throughout (every row was scanned) reads as UTF-8.
    return this.encoding ?? (this.anyHigh ? this.decoded.whole().encoding : 'utf-8');
  }

  /** A row read by SpendRowReader.row, as readSpendCsvInPieces reads it. */
  private rowByReader(row: string[]): void {
    const line = this.reader.row(row, this.rowIndex++);
    if (line) this.builder.line(line);
  }

  /** The rest of the file, from the row at `pos`, read by papaparse (as readSpendCsvInPieces reads it). */
  private restByPapaparse(): { result: SpendFileResult; encoding: string } {
    const rest = this.textDecoder().decode(this.bytes.subarray(this.pos));
    const from = this.pos;
    const reader = this.reader;
    for (const p of papaPieces(() => rest, this.config, this.pieceBytes)) {
      reader.addProblems(quoteProblems(p.errors, this.file, this.rowIndex));
      for (const row of p.rows) this.rowByReader(row);
      // Characters, not bytes, past `from`: near enough for a progress bar.
      this.pos = Math.min(this.length, from + p.end);
      if (p.last) break;
      this.pieceDone(false);
    }
    this.pos = this.length;
    const result = reader.end(this.rowIndex);
    this.pieceDone(true);
    return { result, encoding: this.fileEncoding() };
  }

  /** Field k of the row, trimmed as String.prototype.trim trims ASCII: its range into out[slot], out[slot + 1]. */
  private trimmed(k: number, out: Int32Array, slot: number): void {
    if (k < 0 || k >= this.fields) {
      out[slot] = out[slot + 1] = 0;
      return;
    }
    let s = this.starts[k]!, e = this.ends[k]!;
    const bytes = this.bytes;
    while (s < e && isSpace(bytes[s]!)) s++;
    while (e > s && isSpace(bytes[e - 1]!)) e--;
    out[slot] = s;
    out[slot + 1] = e;
  }

  /** Whether field k is empty or ASCII white space. */
  private blank(k: number): boolean {
    if (this.flags[k]! & HIGH) return false;
    for (let i = this.starts[k]!; i < this.ends[k]!; i++) if (!isSpace(this.bytes[i]!)) return false;
    return true;
  }

  /** Whether field k (-1 for a column the file has not) has a byte above 0x7F. */
  private high(k: number): boolean {
    return k >= 0 && k < this.fields && (this.flags[k]! & HIGH) !== 0;
  }

  /**
   * Field k trimmed, into out[slot], out[slot + 1]; false when a byte above 0x7F is at either end of what is left
   * (it may start a space that String.prototype.trim takes off, such as a no-break space).
   */
  private plainEnds(k: number, out: Int32Array, slot: number): boolean {
    this.trimmed(k, out, slot);
    if (!this.high(k)) return true;
    const s = out[slot]!, e = out[slot + 1]!;
    return this.bytes[s]! < 0x80 && this.bytes[e - 1]! < 0x80;
  }

  private readonly cell = new Int32Array(2);

  /**
   * The row just scanned read as SpendRowReader.row reads a line with nothing to say about it, straight into the
   * batch; false (nothing done) for a row row() must read itself: one with a "" inside quotes, more fields than the
   * header that are not blank, a long field, no supplier, a supplier a spreadsheet would run, an amount, date or position it would
   * complain of, a field starting or ending in a character above ASCII, or while the reading still keeps sample rows.
   */
  private plainRow(): boolean {
    const reader = this.reader;
    if (this.samplesWanted && (this.samplesWanted = reader.layout.sampleRowsWanted)) return false;
    for (let k = 0; k < this.fields; k++) if (this.flags[k]! & ESCAPED || this.ends[k]! - this.starts[k]! > LONG_FIELD) return false;
    // Fields past the header's are read only when blank (spreadsheets often end every row with a few commas).
    for (let k = this.headerLength; k < this.fields; k++) if (!this.blank(k)) return false;
    const at = this.at, bytes = this.bytes, cell = this.cell, ranges = this.ranges, columnOf = this.columnOf;
    for (let f = 0; f < TEXT_FIELDS.length; f++) if (!this.plainEnds(columnOf[f]!, ranges, 2 * f)) return false;
    const supplierStart = ranges[0]!;
    if (supplierStart === ranges[1] || FORMULA_START.has(bytes[supplierStart]!)) return false;
    this.trimmed(at.amount, cell, 0);
    let pence = this.high(at.amount) ? NaN : plainPenceBytes(bytes, cell[0]!, cell[1]!);
    if (pence !== pence) {
      // "£1,234.56", "(1,234.56)": as row() reads them, from the cell's text.
      const k = at.amount;
      if (k < 0 || k >= this.fields) return false;
      const amount = parseAmount(this.text(k, this.starts[k]!, this.ends[k]!).trim());
      if (!amount.ok) return false;
      pence = amount.pence;
    }
    let date: { result: DateResult; number: number } | null = null;
    if (this.hasDate) {
      if (this.high(at.date)) return false;
      this.trimmed(at.date, cell, 0);
      const s = cell[0]!, e = cell[1]!;
      const h = ByteWords.hash(bytes, s, e);
      let entry = this.dates.get(bytes, s, e, h);
      if (entry < 0) {
        entry = this.dateEntries.length;
        this.dateEntries.push({ result: reader.dateOf(ascii(bytes, s, e)), number: -1 });
        this.dates.set(bytes, s, e, h, entry);
      }
      date = this.dateEntries[entry]!;
      if (!date.result.ok) return false;
    }
    let lon = this.coordinate(at.longitude, -180, 180);
    let lat = this.coordinate(at.latitude, -90, 90);
    if (lon !== lon || lat !== lat) return false;
    if ((lon === Infinity) !== (lat === Infinity)) return false;
    if (lon === Infinity && this.hasGrid) {
      if (this.high(at.easting) || this.high(at.northing)) return false;
      this.trimmed(at.easting, cell, 0);
      const es = cell[0]!, ee = cell[1]!;
      this.trimmed(at.northing, cell, 0);
      const ns = cell[0]!, ne = cell[1]!;
      if (es !== ee || ns !== ne) {
        if (es === ee || ns === ne) return false;
        const x = this.number(es, ee), y = this.number(ns, ne);
        if (!(x > 0 && y > 0 && looksLikeBng(x, y))) return false;
        [lon, lat] = bngToWgs84(x, y);
      }
    }
    // A transaction id goes into the batch as UTF-8: as it stands in a UTF-8 file, else only when it is ASCII.
    if (!this.plainEnds(at.transactionId, cell, 0)) return false;
    if (this.high(at.transactionId) && (this.encoding ??= this.decoded.whole().encoding) !== 'utf-8') return false;
    const idStart = cell[0]!, idEnd = cell[1]!;
    // A plain line: counted, and its fields stored, its new words numbered in WORD_FIELDS' order.
    reader.countLine();
    const b = this.builder;
    const i = b.start(this.rowIndex + 1, pence, lon === Infinity ? NaN : lon, lat === Infinity ? NaN : lat);
    this.rowIndex++;
    const w = b.words;
    w.date[i] = date === null ? -1 : date.number >= 0 ? date.number : (date.number = b.number((date.result as { iso: string }).iso));
    w.supplier[i] = this.wordNumber(0, ranges[0]!, ranges[1]!);
    w.purpose[i] = this.wordNumber(1, ranges[2]!, ranges[3]!);
    w.department[i] = this.wordNumber(2, ranges[4]!, ranges[5]!);
    w.merchantCategory[i] = this.wordNumber(3, ranges[6]!, ranges[7]!);
    w.cpv[i] = this.wordNumber(4, ranges[8]!, ranges[9]!);
    w.postcode[i] = this.wordNumber(5, ranges[10]!, ranges[11]!);
    w.supplierPostcode[i] = this.wordNumber(6, ranges[12]!, ranges[13]!);
    w.uprn[i] = this.wordNumber(7, ranges[14]!, ranges[15]!);
    w.placeName[i] = this.wordNumber(8, ranges[16]!, ranges[17]!);
    w.wardName[i] = this.wordNumber(9, ranges[18]!, ranges[19]!);
    w.wardCode[i] = this.wordNumber(10, ranges[20]!, ranges[21]!);
    b.transactionIdBytes(bytes, idStart, idEnd);
    return true;
  }

  /**
   * A longitude or latitude cell read as row() reads it: Infinity for none (a blank cell, no column), NaN for one
   * row() must read (not plain, or out of range: it has a problem to say).
   */
  private coordinate(k: number, min: number, max: number): number {
    const cell = this.cell;
    this.trimmed(k, cell, 0);
    if (cell[0] === cell[1]) return Infinity;
    if (this.high(k)) return NaN;
    const n = this.number(cell[0]!, cell[1]!);
    return n >= min && n <= max ? n : NaN;
  }

  /** ASCII bytes [s, e), not empty, as Number() reads them ("-0.127758299999999", "5.3e5" too): read by character when plain. */
  private number(s: number, e: number): number {
    const n = plainDecimalBytes(this.bytes, s, e);
    return n === n ? n : Number(ascii(this.bytes, s, e));
  }

  /** The number of text field f's word, its bytes [s, e) of the row shaped as row() shapes that field. */
  private wordNumber(f: number, s: number, e: number): number {
    const field = TEXT_FIELDS[f]!;
    if (s === e) {
      const known = this.blankNumbers[f]!;
      return known >= 0 ? known : (this.blankNumbers[f] = this.builder.number(this.shape(field, '')));
    }
    const bytes = this.bytes;
    const table = this.words[f]!;
    const h = ByteWords.hash(bytes, s, e);
    let k = table.get(bytes, s, e, h);
    if (k < 0) {
      k = this.builder.number(this.shape(field, this.text(this.columnOf[f]!, s, e)));
      table.set(bytes, s, e, h, k);
    }
    return k;
  }

  private shape(field: (typeof TEXT_FIELDS)[number], text: string): string {
    switch (SHAPING[field]) {
      case 'as written':
        return text;
      case 'upper case':
        return text.toUpperCase();
      case 'cpv':
        return this.at.cpv < 0 ? '' : cpvCode(text);
      case 'supplier postcode':
        return this.at.supplierPostcode < 0 ? '' : this.reader.supplierPostcodeOf(text);
    }
  }
}
