// Spend lines a batch at a time, as they pass from the reading of a file to the engine that stores them: numbers in
// typed arrays, and the words lines repeat (a supplier, a date, a blank) sent once and then by number. A batch can be
// posted between threads without copying its arrays, and the engine looks a repeated word up once, not once a line.

import type { ParsedSpendLine } from './spend-csv';

/** The fields of a line that are words from a small vocabulary, sent by number. */
export const WORD_FIELDS = [
  'date', 'supplier', 'purpose', 'department', 'merchantCategory', 'cpv', 'postcode', 'supplierPostcode', 'uprn', 'placeName', 'wardName', 'wardCode',
] as const;
export type WordField = (typeof WORD_FIELDS)[number];

export interface LineBatch {
  /** Words first used in this batch; their numbers carry on from the batches before. */
  newWords: string[];
  count: number;
  sourceRow: Float64Array;
  amountPence: Float64Array;
  /** NaN where the line has no coordinates. */
  lon: Float64Array;
  lat: Float64Array;
  /** Each word field's numbers, one a line; -1 where the field is null (only a date can be). */
  words: Record<WordField, Int32Array>;
  /**
   * Transaction ids are mostly each line's own: sent as their UTF-8 bytes one after another (line i's end at
   * transactionIdEnds[i], its start at the end before), which pass between threads without a string made for each
   * and go into SQLite as they are.
   */
  transactionIds: Uint8Array;
  transactionIdEnds: Uint32Array;
  /**
   * Each line's ward by its coordinates, found by the reading when it was given the project's wards (ReadRequest):
   * the ward's number among them, -1 outside every ward or without coordinates.
   */
  ward?: Int32Array;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** Line i's transaction id as text. */
export function transactionIdOf(batch: LineBatch, i: number): string {
  const start = i === 0 ? 0 : batch.transactionIdEnds[i - 1]!;
  const end = batch.transactionIdEnds[i]!;
  const bytes = batch.transactionIds;
  if (end - start <= 32) {
    let s = '';
    let k = start;
    for (; k < end && bytes[k]! < 0x80; k++) s += String.fromCharCode(bytes[k]!);
    if (k === end) return s;
  }
  return fromUtf8.decode(bytes.subarray(start, end));
}

/** The typed arrays of a batch, to transfer rather than copy when it is posted. */
export function batchBuffers(batch: LineBatch): ArrayBuffer[] {
  const arrays = [batch.sourceRow, batch.amountPence, batch.lon, batch.lat, batch.transactionIds, batch.transactionIdEnds, ...WORD_FIELDS.map((f) => batch.words[f])];
  if (batch.ward) arrays.push(batch.ward);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/** Packs lines into batches, numbering each word the first time any batch uses it. */
export class LinePacker {
  private readonly numbers = new Map<string, number>();

  pack(lines: readonly ParsedSpendLine[]): LineBatch {
    const builder = this.builder(lines.length);
    for (const l of lines) builder.line(l);
    return builder.finish();
  }

  /** A batch built a line at a time, numbering its words with this packer's numbers. */
  builder(expected = 1024): BatchBuilder {
    return new BatchBuilder(this.numbers, expected);
  }
}

/**
 * One batch, built a line at a time: from a line as read (line()), or field by field by a reader that has its own
 * way to the words' numbers (start(), then words[field][i], transactionIdBytes(), and number() for a new word).
 */
export class BatchBuilder {
  readonly newWords: string[] = [];
  count = 0;
  private capacity: number;
  sourceRow: Float64Array;
  amountPence: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  words: Record<WordField, Int32Array>;
  private ids: Uint8Array;
  private idEnds: Uint32Array;
  private idLength = 0;
  private readonly fields: Record<WordField, FieldNumbers>;

  constructor(private readonly numbers: Map<string, number>, expected: number) {
    const n = (this.capacity = Math.max(16, expected));
    this.sourceRow = new Float64Array(n);
    this.amountPence = new Float64Array(n);
    this.lon = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.words = Object.fromEntries(WORD_FIELDS.map((f) => [f, new Int32Array(n)])) as Record<WordField, Int32Array>;
    this.ids = new Uint8Array(n * 12);
    this.idEnds = new Uint32Array(n);
    // One numberer a field, each remembering the word on the line before (a blank column, a run of one supplier is
    // numbered without a lookup).
    this.fields = Object.fromEntries(WORD_FIELDS.map((f) => [f, new FieldNumbers(numbers, this.newWords)])) as Record<WordField, FieldNumbers>;
  }

  /** A word's number, numbering it if it is new. */
  number(word: string): number {
    let k = this.numbers.get(word);
    if (k === undefined) {
      k = this.numbers.size;
      this.numbers.set(word, k);
      this.newWords.push(word);
    }
    return k;
  }

  /** Starts a line (its words are then set by the caller, in WORD_FIELDS' order if new words come); its index. */
  start(sourceRow: number, amountPence: number, lon: number, lat: number): number {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.sourceRow[i] = sourceRow;
    this.amountPence[i] = amountPence;
    this.lon[i] = lon;
    this.lat[i] = lat;
    return i;
  }

  /** The line just started's transaction id, as UTF-8 bytes from `bytes` (start to end). */
  transactionIdBytes(bytes: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.roomForId(n);
    this.ids.set(bytes.subarray(start, end), this.idLength);
    this.idLength += n;
    this.idEnds[this.count - 1] = this.idLength;
  }

  /** A line as read. Each field is read by name, so every read is of one known property. */
  line(l: ParsedSpendLine): void {
    const i = this.start(l.sourceRow, l.amountPence, l.lon ?? NaN, l.lat ?? NaN);
    const w = this.words, f = this.fields;
    w.date[i] = f.date.of(l.date);
    w.supplier[i] = f.supplier.of(l.supplier);
    w.purpose[i] = f.purpose.of(l.purpose);
    w.department[i] = f.department.of(l.department);
    w.merchantCategory[i] = f.merchantCategory.of(l.merchantCategory);
    w.cpv[i] = f.cpv.of(l.cpv);
    w.postcode[i] = f.postcode.of(l.postcode);
    w.supplierPostcode[i] = f.supplierPostcode.of(l.supplierPostcode);
    w.uprn[i] = f.uprn.of(l.uprn);
    w.placeName[i] = f.placeName.of(l.placeName);
    w.wardName[i] = f.wardName.of(l.wardName);
    w.wardCode[i] = f.wardCode.of(l.wardCode);
    const id = l.transactionId;
    const n = id.length;
    // Room for the worst case (three bytes a UTF-16 unit); most ids are ASCII and copied a character at a time.
    this.roomForId(n * 3);
    const bytes = this.ids;
    const at = this.idLength;
    let k = 0;
    for (; k < n; k++) {
      const c = id.charCodeAt(k);
      if (c >= 0x80) break;
      bytes[at + k] = c;
    }
    this.idLength += k === n ? n : utf8.encodeInto(id, bytes.subarray(at)).written;
    this.idEnds[i] = this.idLength;
  }

  /** The batch: its arrays are views of the builder's, to be posted (transferred) and not built on further. */
  finish(): LineBatch {
    const n = this.count;
    const words = Object.fromEntries(WORD_FIELDS.map((f) => [f, this.words[f].subarray(0, n)])) as Record<WordField, Int32Array>;
    return {
      newWords: this.newWords, count: n, sourceRow: this.sourceRow.subarray(0, n), amountPence: this.amountPence.subarray(0, n),
      lon: this.lon.subarray(0, n), lat: this.lat.subarray(0, n), words, transactionIds: this.ids.subarray(0, this.idLength), transactionIdEnds: this.idEnds.subarray(0, n),
    };
  }

  private roomForId(n: number): void {
    if (this.idLength + n <= this.ids.length) return;
    const bigger = new Uint8Array(Math.max(this.ids.length * 2, this.idLength + n));
    bigger.set(this.ids.subarray(0, this.idLength));
    this.ids = bigger;
  }

  private grow(): void {
    const n = (this.capacity *= 2);
    const grown = <T extends Float64Array | Int32Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.sourceRow = grown(this.sourceRow, (k) => new Float64Array(k));
    this.amountPence = grown(this.amountPence, (k) => new Float64Array(k));
    this.lon = grown(this.lon, (k) => new Float64Array(k));
    this.lat = grown(this.lat, (k) => new Float64Array(k));
    this.idEnds = grown(this.idEnds, (k) => new Uint32Array(k));
    for (const f of WORD_FIELDS) this.words[f] = grown(this.words[f], (k) => new Int32Array(k));
  }
}

/** Numbers one field's words, from the packer's numbering, remembering the last word it was given. */
class FieldNumbers {
  private last: string | null | undefined = undefined;
  private lastNumber = -1;

  constructor(private readonly numbers: Map<string, number>, private readonly newWords: string[]) {}

  of(word: string | null): number {
    if (word === this.last) return this.lastNumber;
    this.last = word;
    if (word === null) return (this.lastNumber = -1);
    let k = this.numbers.get(word);
    if (k === undefined) {
      k = this.numbers.size;
      this.numbers.set(word, k);
      this.newWords.push(word);
    }
    return (this.lastNumber = k);
  }
}

/** Reads batches back into lines: one line object, filled afresh for each line, for code that takes a line. */
/**
 * A line as the unpacker gives it: everything but its transaction id, which placing and sorting never read (it stays
 * in the batch as bytes; transactionIdOf gives it as text).
 */
export type UnpackedLine = Omit<ParsedSpendLine, 'transactionId'>;

export class LineUnpacker {
  /** Every word so far, by number. */
  readonly words: string[] = [];
  readonly line: UnpackedLine = {
    sourceRow: 0, date: null, supplier: '', purpose: '', department: '', amountPence: 0, merchantCategory: '', cpv: '',
    postcode: '', supplierPostcode: '', lon: null, lat: null, uprn: '', placeName: '', wardName: '', wardCode: '',
  };

  /** Takes in a batch's new words; call once per batch, in order, before reading its lines. */
  add(batch: LineBatch): void {
    for (const w of batch.newWords) this.words.push(w);
  }

  /** Line i of the batch, in `this.line` (the same object every time: copy what must outlive the next call). */
  read(batch: LineBatch, i: number): UnpackedLine {
    const l = this.line;
    const w = this.words;
    const k = batch.words;
    l.sourceRow = batch.sourceRow[i]!;
    l.amountPence = batch.amountPence[i]!;
    const lon = batch.lon[i]!, lat = batch.lat[i]!;
    l.lon = Number.isNaN(lon) ? null : lon;
    l.lat = Number.isNaN(lat) ? null : lat;
    const date = k.date[i]!;
    l.date = date < 0 ? null : w[date]!;
    l.supplier = w[k.supplier[i]!]!;
    l.purpose = w[k.purpose[i]!]!;
    l.department = w[k.department[i]!]!;
    l.merchantCategory = w[k.merchantCategory[i]!]!;
    l.cpv = w[k.cpv[i]!]!;
    l.postcode = w[k.postcode[i]!]!;
    l.supplierPostcode = w[k.supplierPostcode[i]!]!;
    l.uprn = w[k.uprn[i]!]!;
    l.placeName = w[k.placeName[i]!]!;
    l.wardName = w[k.wardName[i]!]!;
    l.wardCode = w[k.wardCode[i]!]!;
    return l;
  }
}
