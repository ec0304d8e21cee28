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
export class DuplicateFinder {
  private readonly amounts: number[] = [];
  private readonly suppliers: number[] = [];
  private readonly dates: number[] = [];
  private readonly transactionIds: string[] = [];
  private readonly files: number[] = [];
  private readonly rows: number[] = [];
  private readonly words: string[] = [];
  private readonly wordIds = new Map<string, number>();
  /** Per word id: its supplier key; null when lines with that supplier are never compared; undefined until asked. */
  private readonly keys: (string | null | undefined)[] = [];

  private word(text: string): number {
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
    if (date === null) return;
    const s = this.word(supplier);
    if (this.keys[s] === undefined) this.keys[s] = supplierKey(supplier);
    if (this.keys[s] === null) return;
    this.amounts.push(amountPence);
    this.suppliers.push(s);
    this.dates.push(this.word(date));
    this.transactionIds.push(transactionId);
    this.files.push(this.word(file));
    this.rows.push(row);
  }

  summary(): DuplicateSummary {
    const counts = new Map<number, number>();
    for (const pence of this.amounts) counts.set(pence, (counts.get(pence) ?? 0) + 1);
    const groups = new Map<string, number[]>();
    for (let i = 0; i < this.amounts.length; i++) {
      if (counts.get(this.amounts[i]!)! < 2) continue;
      const key = `${this.keys[this.suppliers[i]!]!}\u0000${this.words[this.dates[i]!]!}\u0000${this.amounts[i]!}\u0000${this.transactionIds[i]!}`;
      const members = groups.get(key);
      if (members) members.push(i);
      else groups.set(key, [i]);
    }
    const found = [...groups.values()].filter((m) => m.length > 1);
    let lines = 0;
    let pence = 0;
    for (const m of found) {
      lines += m.length - 1;
      pence += this.amounts[m[0]!]! * (m.length - 1);
    }
    const weight = (m: number[]) => Math.abs(this.amounts[m[0]!]!) * (m.length - 1);
    const examples = found
      .map((m, order) => ({ m, order, weight: weight(m) }))
      .sort((a, b) => b.weight - a.weight || a.order - b.order)
      .slice(0, EXAMPLES)
      .map(({ m }) => ({
        supplier: m.map((i) => this.words[this.suppliers[i]!]!).sort(byCodePoint)[0]!,
        date: this.words[this.dates[m[0]!]!]!,
        amountPence: this.amounts[m[0]!]!,
        copies: m.length,
        where: m.slice(0, PLACES_PER_EXAMPLE).map((i) => `${this.words[this.files[i]!]!} row ${this.rows[i]!}`),
      }));
    return { lines, pence, groups: found.length, examples };
  }
}
