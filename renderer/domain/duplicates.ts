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
  }

  summary(): DuplicateSummary {
    const n = this.amounts.length;
    const amounts = this.amounts.values;
    // The amounts more than one line has, found by sorting them (no map of a million amounts).
    const sorted = amounts.slice(0, n).sort();
    const shared = new Set<number>();
    for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1]) shared.add(sorted[i]!);
    const suppliers = this.suppliers.values, dates = this.dates.values;
    // Suppliers compared by their key: one number per key, so a line's supplier and date make one number.
    const keyNumbers = new Map<string, number>();
    const keyOf = new Int32Array(this.words.length).fill(-1);
    // Lines with a shared amount, by amount, then by supplier and date; transaction ids are compared only within those.
    const byAmount = new Map<number, Map<number, number[]>>();
    for (let i = 0; i < n; i++) {
      const amount = amounts[i]!;
      if (!shared.has(amount)) continue;
      const s = suppliers[i]!;
      let k = keyOf[s]!;
      if (k < 0) {
        const key = this.keys[s]!;
        k = keyNumbers.get(key) ?? keyNumbers.size;
        keyNumbers.set(key, k);
        keyOf[s] = k;
      }
      let bySupplierDate = byAmount.get(amount);
      if (bySupplierDate === undefined) byAmount.set(amount, (bySupplierDate = new Map()));
      // Exact: fewer than 2^26 keys and dates each.
      const supplierDate = k * 67108864 + dates[i]!;
      const members = bySupplierDate.get(supplierDate);
      if (members) members.push(i);
      else bySupplierDate.set(supplierDate, [i]);
    }
    const groups: number[][] = [];
    for (const bySupplierDate of byAmount.values()) {
      for (const members of bySupplierDate.values()) {
        if (members.length < 2) continue;
        const byTransaction = new Map<string, number[]>();
        for (const i of members) {
          const same = byTransaction.get(this.transactionIds[i]!);
          if (same) same.push(i);
          else byTransaction.set(this.transactionIds[i]!, [i]);
        }
        for (const g of byTransaction.values()) groups.push(g);
      }
    }
    // In the order each group's first line came, as the lines were given.
    groups.sort((a, b) => a[0]! - b[0]!);
    const found = groups.filter((m) => m.length > 1);
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
