// Reading many rows through SQLite's C API as sql.js exports it, with text columns of repeated values turned into
// dictionary indexes from their bytes: each distinct value is decoded into a string once, not once per row.

import type { Database, SqlJsStatic, Statement } from 'sql.js';
import { sqlMemory, type WasmMemory } from './sql-memory';

interface SqliteReads {
  _sqlite3_step(stmt: number): number;
  _sqlite3_column_double(stmt: number, column: number): number;
  _sqlite3_column_text(stmt: number, column: number): number;
  _sqlite3_column_bytes(stmt: number, column: number): number;
  _sqlite3_column_type(stmt: number, column: number): number;
  _sqlite3_sql(stmt: number): number;
  UTF8ToString(pointer: number): string;
}

const SQLITE_ROW = 100;
const SQLITE_NULL = 5;
const decoder = new TextDecoder();

/** The distinct texts of a column, each with its index; recognised by bytes (FNV-1a hash, then compared). */
export class TextDictionary {
  readonly values: string[] = [];
  private readonly bytes: Uint8Array[] = [];
  private readonly byHash = new Map<number, number | number[]>();

  /** The index of the text at heap[start, start + length), added when new. */
  indexOf(heap: Uint8Array, start: number, length: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < start + length; i++) h = Math.imul(h ^ heap[i]!, 0x01000193);
    const found = this.byHash.get(h);
    if (found !== undefined) {
      if (typeof found === 'number') {
        if (this.same(found, heap, start, length)) return found;
      } else {
        for (const k of found) if (this.same(k, heap, start, length)) return k;
      }
    }
    const k = this.values.length;
    const copy = heap.slice(start, start + length);
    this.bytes.push(copy);
    this.values.push(decoder.decode(copy));
    if (found === undefined) this.byHash.set(h, k);
    else if (typeof found === 'number') this.byHash.set(h, [found, k]);
    else found.push(k);
    return k;
  }

  private same(k: number, heap: Uint8Array, start: number, length: number): boolean {
    const b = this.bytes[k]!;
    if (b.length !== length) return false;
    for (let i = 0; i < length; i++) if (b[i] !== heap[start + i]) return false;
    return true;
  }
}

/**
 * One SELECT stepped through directly. Null when this sql.js was not started by startSql (no memory to read) or
 * lacks the calls; the caller then reads through sql.js's own Statement.
 */
export class RowReader {
  private heap: Uint8Array;

  private constructor(
    private readonly calls: SqliteReads,
    private readonly memory: WasmMemory,
    private readonly stmt: Statement,
    private readonly pointer: number,
  ) {
    this.heap = new Uint8Array(memory.buffer);
  }

  static open(SQL: SqlJsStatic, db: Database, sql: string): RowReader | null {
    const memory = sqlMemory(SQL);
    const calls = SQL as unknown as Partial<SqliteReads>;
    const needed: (keyof SqliteReads)[] = ['_sqlite3_step', '_sqlite3_column_double', '_sqlite3_column_text', '_sqlite3_column_bytes', '_sqlite3_column_type', '_sqlite3_sql', 'UTF8ToString'];
    if (!memory || !needed.every((name) => typeof calls[name] === 'function')) return null;
    const stmt = db.prepare(sql);
    // sql.js keeps the SQLite handle under a minified name: the number that is a statement holding this SQL.
    for (const value of Object.values(stmt)) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1024) continue;
      try {
        if ((calls as SqliteReads).UTF8ToString((calls as SqliteReads)._sqlite3_sql(value)) === sql) return new RowReader(calls as SqliteReads, memory, stmt, value);
      } catch {
        // Not a pointer into the wasm memory.
      }
    }
    stmt.free();
    return null;
  }

  /** The next row; false at the end. An error from SQLite is thrown with its message, through sql.js. */
  step(): boolean {
    const rc = this.calls._sqlite3_step(this.pointer);
    if (rc === SQLITE_ROW) {
      // The memory may have grown (and its old buffer detached) during the step.
      if (this.heap.byteLength !== this.memory.buffer.byteLength) this.heap = new Uint8Array(this.memory.buffer);
      return true;
    }
    if (rc !== 101) this.stmt.step();
    return false;
  }

  isNull(column: number): boolean {
    return this.calls._sqlite3_column_type(this.pointer, column) === SQLITE_NULL;
  }

  /** A number column; 0 for NULL (see orNaN). */
  number(column: number): number {
    return this.calls._sqlite3_column_double(this.pointer, column);
  }

  /** A number column, NaN for NULL. */
  orNaN(column: number): number {
    const v = this.calls._sqlite3_column_double(this.pointer, column);
    return v === 0 && this.isNull(column) ? NaN : v;
  }

  /** A text column's index in the dictionary; -1 for NULL. */
  text(column: number, dictionary: TextDictionary): number {
    const p = this.calls._sqlite3_column_text(this.pointer, column);
    if (p === 0) return -1;
    const length = this.calls._sqlite3_column_bytes(this.pointer, column);
    // A number read as text is converted in wasm memory, which may grow (a view of the old buffer then has length 0).
    if (p + length > this.heap.byteLength) this.heap = new Uint8Array(this.memory.buffer);
    return dictionary.indexOf(this.heap, p, length);
  }

  free(): void {
    this.stmt.free();
  }
}
