// Suspected duplicate payments, found while lines are read: the same supplier, payment date and amount, and the same
// transaction id where lines have one. Flagged for a person to look at, never removed.

export interface DuplicateSummary {
  /** Lines beyond the first in each group. */
  lines: number;
  pence: number;
  groups: number;
  examples: { supplier: string; date: string; amountPence: number; copies: number; where: string[] }[];
}

export const NO_DUPLICATES: DuplicateSummary = { lines: 0, pence: 0, groups: 0, examples: [] };

/** How many groups are given as examples, and how many places each. */
const EXAMPLES = 10;
const PLACES_PER_EXAMPLE = 5;

/**
 * A supplier's name as lines are compared by it, or null for lines never compared: no name, or a redacted payee
 * (many different people share the word REDACTED). Spaces at either end are dropped and ASCII letters lowered, as
 * SQLite's trim() and lower() do, so the project's SQL count (engine.ts) and this one agree.
 */
export function supplierKey(supplier: string): string | null {
  let start = 0;
  let end = supplier.length;
  while (start < end && supplier.charCodeAt(start) === 32) start++;
  while (end > start && supplier.charCodeAt(end - 1) === 32) end--;
  if (supplier.length === 0) return null;
  const key = supplier.slice(start, end).replace(/[A-Z]+/g, (s) => s.toLowerCase());
  return key.includes('redacted') ? null : key;
}

/** Orders strings by code point, as SQLite orders UTF-8 text (JavaScript's < orders UTF-16 units). */
function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!, y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * Collects lines one at a time and says which look like copies of each other. Only lines sharing an amount can be
 * copies, so each line's parts are kept compactly and the keys are built, at the end, only for lines whose amount
 * another line has too.
 */
/** A power of two at least twice `n`: an open-addressed table that full stays short to probe. */
function tableSize(n: number): number {
  return Math.max(16, 2 ** Math.ceil(Math.log2(2 * n + 1)));
}

/** A whole number of pence (to ±2^53) mixed into 32 bits. */
function hashAmount(a: number): number {
  const low = a | 0;
  const high = Math.floor(a / 4294967296) | 0;
  let h = Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1);
  h ^= h >>> 15;
  return Math.imul(h, 0x27d4eb2d) ^ (h >>> 13);
}

function hashTriple(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.imul(h, 0x27d4eb2d) ^ (h >>> 15);
}

/** A growable column of numbers in a typed array: a million lines' parts kept without a million boxed values. */
class Column<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(public values: T) {}

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new (this.values.constructor as new (n: number) => T)(Math.max(1024, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/**
 * Collects lines one at a time and says which look like copies of each other. Only lines sharing an amount can be
 * copies, so each line's parts are kept compactly and the keys are built, at the end, only for lines whose amount
 * another line has too.
 */
export class DuplicateFinder {
  private readonly amounts = new Column(new Float64Array(0));
  private readonly suppliers = new Column(new Int32Array(0));
  private readonly dates = new Column(new Int32Array(0));
  private readonly files = new Column(new Int32Array(0));
  private readonly rows = new Column(new Float64Array(0));
  private readonly transactionIds: string[] = [];
  private readonly words: string[] = [];
  private readonly wordIds = new Map<string, number>();
  /** Per word id: its supplier key; null when lines with that supplier are never compared; undefined until asked. */
  private readonly keys: (string | null | undefined)[] = [];

  /** `expectedLines`, when known, sizes the table of amounts at once rather than by growing it (a fifth of the work). */
  constructor(expectedLines = 0) {
    const size = tableSize(expectedLines);
    this.amountLine = new Int32Array(size).fill(-1);
    this.amountCount = new Int32Array(size);
  }

  /** The finder's number for a word (a supplier, a date, a file name), for addNumbered. */
  word(text: string): number {
    let id = this.wordIds.get(text);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(text);
      this.wordIds.set(text, id);
      this.keys.push(undefined);
    }
    return id;
  }

  /** One line: its supplier as written, payment date (null when it has none), pence, transaction id and where it came from. */
  add(supplier: string, date: string | null, amountPence: number, transactionId: string, file: string, row: number): void {
    this.addNumbered(this.word(supplier), date === null ? -1 : this.word(date), amountPence, transactionId, this.word(file), row);
  }

  /** add, with the supplier, date (-1 for none) and file given by their numbers from word(): no lookup per line. */
  addNumbered(supplier: number, date: number, amountPence: number, transactionId: string, file: number, row: number): void {
    if (date < 0) return;
    let key = this.keys[supplier];
    if (key === undefined) this.keys[supplier] = key = supplierKey(this.words[supplier]!);
    if (key === null) return;
    this.amounts.push(amountPence);
    this.suppliers.push(supplier);
    this.dates.push(date);
    this.transactionIds.push(transactionId);
    this.files.push(file);
    this.rows.push(row);
    this.countAmount(this.amounts.length - 1, amountPence);
  }

  /**
   * Each amount's first line and count, in an open-addressed table of typed arrays (no map of a million amounts),
   * kept as lines come so that the end has only the lines sharing an amount left to group.
   */
  private amountLine: Int32Array;
  private amountCount: Int32Array;
  private amountsKnown = 0;
  /** Lines whose amount another line has too, as they were found to be (not in line order). */
  private readonly sharedLines = new Column(new Int32Array(0));

  private countAmount(line: number, amount: number): void {
    if (2 * (this.amountsKnown + 1) > this.amountLine.length) this.growAmounts();
    const mask = this.amountLine.length - 1;
    const lines = this.amountLine, counts = this.amountCount, amounts = this.amounts.values;
    for (let h = hashAmount(amount) & mask; ; h = (h + 1) & mask) {
      const first = lines[h]!;
      if (first < 0) {
        lines[h] = line;
        counts[h] = 1;
        this.amountsKnown++;
        return;
      }
      if (amounts[first] === amount) {
        const count = (counts[h] = counts[h]! + 1);
        // The amount's first line becomes shared with its second.
        if (count === 2) this.sharedLines.push(first);
        this.sharedLines.push(line);
        return;
      }
    }
  }

  private growAmounts(): void {
    const oldLines = this.amountLine, oldCounts = this.amountCount, amounts = this.amounts.values;
    const size = oldLines.length * 2;
    const mask = size - 1;
    this.amountLine = new Int32Array(size).fill(-1);
    this.amountCount = new Int32Array(size);
    for (let k = 0; k < oldLines.length; k++) {
      const first = oldLines[k]!;
      if (first < 0) continue;
      let h = hashAmount(amounts[first]!) & mask;
      while (this.amountLine[h]! >= 0) h = (h + 1) & mask;
      this.amountLine[h] = first;
      this.amountCount[h] = oldCounts[k]!;
    }
  }

  summary(): DuplicateSummary {
    const n = this.amounts.length;
    const amounts = this.amounts.values, suppliers = this.suppliers.values, dates = this.dates.values;
    // Suppliers compared by their key: one number per key.
    const keyNumbers = new Map<string, number>();
    const keyOf = new Int32Array(this.words.length).fill(-1);
    // Lines with a shared amount, in line order, by amount, supplier and date, chained in the order they came: a
    // table of each group's first and last line and its size, and each line's next.
    const shared = this.sharedLines.values.slice(0, this.sharedLines.length).sort();
    const groupMask = tableSize(shared.length) - 1;
    const groupFirst = new Int32Array(groupMask + 1).fill(-1);
    const groupLast = new Int32Array(groupMask + 1);
    const groupSize = new Int32Array(groupMask + 1);
    const next = new Int32Array(n).fill(-1);
    for (const i of shared) {
      const amount = amounts[i]!;
      const s = suppliers[i]!;
      let k = keyOf[s]!;
      if (k < 0) {
        const key = this.keys[s]!;
        k = keyNumbers.get(key) ?? keyNumbers.size;
        keyNumbers.set(key, k);
        keyOf[s] = k;
      }
      const d = dates[i]!;
      let h = hashTriple(hashAmount(amount), k, d) & groupMask;
      for (;;) {
        const g = groupFirst[h]!;
        if (g < 0) {
          groupFirst[h] = groupLast[h] = i;
          groupSize[h] = 1;
          break;
        }
        if (amounts[g] === amount && keyOf[suppliers[g]!] === k && dates[g] === d) {
          next[groupLast[h]!] = i;
          groupLast[h] = i;
          groupSize[h] = groupSize[h]! + 1;
          break;
        }
        h = (h + 1) & groupMask;
      }
    }
    // Transaction ids are compared only within those groups.
    const found: number[][] = [];
    for (let h = 0; h <= groupMask; h++) {
      if (groupSize[h]! < 2) continue;
      const byTransaction = new Map<string, number[]>();
      for (let i = groupFirst[h]!; i >= 0; i = next[i]!) {
        const same = byTransaction.get(this.transactionIds[i]!);
        if (same) same.push(i);
        else byTransaction.set(this.transactionIds[i]!, [i]);
      }
      for (const g of byTransaction.values()) if (g.length > 1) found.push(g);
    }
    // In the order each group's first line came, as the lines were given.
    found.sort((a, b) => a[0]! - b[0]!);
    let lines = 0;
    let pence = 0;
    for (const m of found) {
      lines += m.length - 1;
      pence += amounts[m[0]!]! * (m.length - 1);
    }
    const weight = (m: number[]) => Math.abs(amounts[m[0]!]!) * (m.length - 1);
    const examples = found
      .map((m, order) => ({ m, order, weight: weight(m) }))
      .sort((a, b) => b.weight - a.weight || a.order - b.order)
      .slice(0, EXAMPLES)
      .map(({ m }) => ({
        supplier: m.map((i) => this.words[suppliers[i]!]!).sort(byCodePoint)[0]!,
        date: this.words[dates[m[0]!]!]!,
        amountPence: amounts[m[0]!]!,
        copies: m.length,
        where: m.slice(0, PLACES_PER_EXAMPLE).map((i) => `${this.words[this.files.values[i]!]!} row ${this.rows.values[i]!}`),
      }));
    return { lines, pence, groups: found.length, examples };
  }
}
