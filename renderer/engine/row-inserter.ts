// Inserting many rows through one prepared statement, binding through SQLite's C API as sql.js exports it.
// sql.js's own Statement.run allocates and frees wasm memory for every string it binds, which was most of the
// cost of storing a spend line; here each row's strings are encoded once into one reused buffer.

import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';

/** The part of sql.js's module that binds directly: exported by sql.js, though not in its typings. */
interface SqliteCalls {
  _sqlite3_bind_text(stmt: number, index: number, pointer: number, bytes: number, destructor: number): number;
  _sqlite3_bind_double(stmt: number, index: number, value: number): number;
  _sqlite3_bind_int(stmt: number, index: number, value: number): number;
  _sqlite3_step(stmt: number): number;
  _sqlite3_reset(stmt: number): number;
  _sqlite3_clear_bindings(stmt: number): number;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  writeArrayToMemory(array: Uint8Array, pointer: number): void;
  _sqlite3_sql(stmt: number): number;
  UTF8ToString(pointer: number): string;
}

const SQLITE_DONE = 101;
const SQLITE_OK = 0;
// Tells SQLite the text stays put until the statement is stepped, so it need not copy it first.
const SQLITE_STATIC = 0;

/**
 * The statement's SQLite handle. sql.js keeps it in a property whose name its minifier chose, so it is found by
 * asking SQLite which of the statement's numbers is a statement holding this very SQL.
 */
function statementHandle(calls: SqliteCalls, stmt: Statement, sql: string): number | null {
  for (const value of Object.values(stmt)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1024) continue;
    try {
      if (calls.UTF8ToString(calls._sqlite3_sql(value)) === sql) return value;
    } catch {
      // Not a pointer into the wasm memory: not the handle.
    }
  }
  return null;
}

function directCalls(SQL: SqlJsStatic, stmt: Statement, sql: string): { calls: SqliteCalls; pointer: number } | null {
  const calls = SQL as unknown as Partial<SqliteCalls>;
  const needed: (keyof SqliteCalls)[] = [
    '_sqlite3_bind_text', '_sqlite3_bind_double', '_sqlite3_bind_int', '_sqlite3_step', '_sqlite3_reset',
    '_sqlite3_clear_bindings', '_malloc', '_free', 'writeArrayToMemory', '_sqlite3_sql', 'UTF8ToString',
  ];
  if (!needed.every((name) => typeof calls[name] === 'function')) return null;
  const pointer = statementHandle(calls as SqliteCalls, stmt, sql);
  return pointer === null ? null : { calls: calls as SqliteCalls, pointer };
}

/**
 * One INSERT statement run for many rows of numbers, strings and nulls. Falls back to sql.js's own path when the
 * direct calls are not there (another build of sql.js), and on any SQLite error re-runs the row through sql.js
 * so the error is thrown with SQLite's message.
 */
export class RowInserter {
  private readonly stmt: Statement;
  private readonly direct: { calls: SqliteCalls; pointer: number } | null;
  private readonly encoder = new TextEncoder();
  private scratch = new Uint8Array(4096);
  private heap = 0;
  private heapBytes = 0;
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];

  constructor(SQL: SqlJsStatic, db: Database, sql: string) {
    this.stmt = db.prepare(sql);
    this.direct = directCalls(SQL, this.stmt, sql);
  }

  /** Whether rows go through the direct calls; false means sql.js's own (slower) path. */
  get isDirect(): boolean {
    return this.direct !== null;
  }

  run(values: readonly SqlValue[]): void {
    if (!this.direct) {
      this.stmt.run(values as SqlValue[]);
      return;
    }
    const { calls, pointer } = this.direct;
    let used = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'string') continue;
      // UTF-8 takes at most three bytes per UTF-16 unit.
      if (used + v.length * 3 > this.scratch.length) {
        const grown = new Uint8Array(Math.max(this.scratch.length * 2, used + v.length * 3));
        grown.set(this.scratch.subarray(0, used));
        this.scratch = grown;
      }
      this.offsets[i] = used;
      const written = v.length === 0 ? 0 : this.encoder.encodeInto(v, this.scratch.subarray(used)).written;
      this.lengths[i] = written;
      used += written;
    }
    if (used > this.heapBytes || this.heap === 0) {
      if (this.heap !== 0) calls._free(this.heap);
      this.heapBytes = Math.max(used, 4096, this.heapBytes * 2);
      this.heap = calls._malloc(this.heapBytes);
    }
    if (used > 0) calls.writeArrayToMemory(this.scratch.subarray(0, used), this.heap);
    let rc = SQLITE_OK;
    for (let i = 0; i < values.length && rc === SQLITE_OK; i++) {
      const v = values[i];
      if (typeof v === 'string') rc = calls._sqlite3_bind_text(pointer, i + 1, this.heap + this.offsets[i]!, this.lengths[i]!, SQLITE_STATIC);
      else if (typeof v === 'number') rc = v === (v | 0) ? calls._sqlite3_bind_int(pointer, i + 1, v) : calls._sqlite3_bind_double(pointer, i + 1, v);
      else if (v === null || v === undefined) continue;
      else {
        // A blob: rare here, and sql.js binds it properly.
        rc = -1;
      }
    }
    const stepped = rc === SQLITE_OK ? calls._sqlite3_step(pointer) : rc;
    calls._sqlite3_reset(pointer);
    calls._sqlite3_clear_bindings(pointer);
    if (stepped !== SQLITE_DONE) this.stmt.run(values as SqlValue[]);
  }

  free(): void {
    if (this.direct && this.heap !== 0) this.direct.calls._free(this.heap);
    this.heap = 0;
    this.stmt.free();
  }
}
