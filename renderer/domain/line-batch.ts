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

/** The lines' transaction ids' bytes one after another, as transactionIds and transactionIdEnds hold them. */
function packTransactionIds(lines: readonly ParsedSpendLine[]): { bytes: Uint8Array; ends: Uint32Array } {
  let chars = 0;
  for (const l of lines) chars += l.transactionId.length;
  // Room for the worst case (three bytes a UTF-16 unit); most ids are ASCII and copied a character at a time.
  const bytes = new Uint8Array(chars * 3);
  const ends = new Uint32Array(lines.length);
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    const id = lines[i]!.transactionId;
    const n = id.length;
    let k = 0;
    for (; k < n; k++) {
      const c = id.charCodeAt(k);
      if (c >= 0x80) break;
      bytes[at + k] = c;
    }
    at += k === n ? n : utf8.encodeInto(id, bytes.subarray(at)).written;
    ends[i] = at;
  }
  return { bytes: bytes.subarray(0, at), ends };
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
    const n = lines.length;
    const newWords: string[] = [];
    const words = Object.fromEntries(WORD_FIELDS.map((f) => [f, new Int32Array(n)])) as Record<WordField, Int32Array>;
    const { bytes: transactionIds, ends: transactionIdEnds } = packTransactionIds(lines);
    const batch: LineBatch = {
      newWords, count: n, sourceRow: new Float64Array(n), amountPence: new Float64Array(n), lon: new Float64Array(n), lat: new Float64Array(n),
      words, transactionIds, transactionIdEnds,
    };
    // One numberer a field, each remembering the word on the line before (a blank column, a run of one supplier is
    // numbered without a lookup). Each field is read by name, so every read is of one known property.
    const field = () => new FieldNumbers(this.numbers, newWords);
    const date = field(), supplier = field(), purpose = field(), department = field(), merchantCategory = field(), cpv = field();
    const postcode = field(), supplierPostcode = field(), uprn = field(), placeName = field(), wardName = field(), wardCode = field();
    const w = words;
    for (let i = 0; i < n; i++) {
      const l = lines[i]!;
      batch.sourceRow[i] = l.sourceRow;
      batch.amountPence[i] = l.amountPence;
      batch.lon[i] = l.lon ?? NaN;
      batch.lat[i] = l.lat ?? NaN;
      w.date[i] = date.of(l.date);
      w.supplier[i] = supplier.of(l.supplier);
      w.purpose[i] = purpose.of(l.purpose);
      w.department[i] = department.of(l.department);
      w.merchantCategory[i] = merchantCategory.of(l.merchantCategory);
      w.cpv[i] = cpv.of(l.cpv);
      w.postcode[i] = postcode.of(l.postcode);
      w.supplierPostcode[i] = supplierPostcode.of(l.supplierPostcode);
      w.uprn[i] = uprn.of(l.uprn);
      w.placeName[i] = placeName.of(l.placeName);
      w.wardName[i] = wardName.of(l.wardName);
      w.wardCode[i] = wardCode.of(l.wardCode);
    }
    return batch;
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
