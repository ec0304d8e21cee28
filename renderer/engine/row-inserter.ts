// Inserting many rows through one prepared statement, binding through SQLite's C API as sql.js exports it.
// sql.js's own Statement.run allocates and frees wasm memory for every string it binds and takes the row as an
// array, which was most of the cost of storing a spend line. Here a row's values are bound one by one: strings are
// encoded straight into one reused block of wasm memory, words that repeat (a supplier, a date) are encoded once for
// the whole insert, and a line's point is bound as its GeoPackage blob without a call back into JavaScript.

import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { WGS84_SRS_ID } from './schema';
import { sqlMemory, type WasmMemory } from './sql-memory';

/** The part of sql.js's module that binds directly: exported by sql.js, though not in its typings. */
interface SqliteCalls {
  _sqlite3_bind_text(stmt: number, index: number, pointer: number, bytes: number, destructor: number): number;
  _sqlite3_bind_blob(stmt: number, index: number, pointer: number, bytes: number, destructor: number): number;
  _sqlite3_bind_double(stmt: number, index: number, value: number): number;
  _sqlite3_bind_int(stmt: number, index: number, value: number): number;
  _sqlite3_step(stmt: number): number;
  _sqlite3_reset(stmt: number): number;
  _sqlite3_clear_bindings(stmt: number): number;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  writeArrayToMemory(array: Uint8Array, pointer: number): void;
  _sqlite3_sql(stmt: number): number;
  _sqlite3_errmsg(db: number): number;
  UTF8ToString(pointer: number): string;
}

const SQLITE_DONE = 101;
const SQLITE_OK = 0;
// Tells SQLite the bytes stay put until the statement is stepped, so it need not copy them first.
const SQLITE_STATIC = 0;
/** A GeoPackage point: the 8-byte header (magic, version, flags, srs id; no envelope), then WKB Point. */
const POINT_BYTES = 29;
/** Repeated words kept encoded, at most: beyond it a word is encoded row by row, as any other. */
const SHARED_WORDS_KEPT = 100_000;
const BLOCK_BYTES = 1 << 16;

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

interface Direct {
  calls: SqliteCalls;
  /** The statement's and the connection's SQLite handles. */
  pointer: number;
  db: number;
}

function directCalls(SQL: SqlJsStatic, db: Database, stmt: Statement, sql: string): Direct | null {
  const calls = SQL as unknown as Partial<SqliteCalls>;
  const needed: (keyof SqliteCalls)[] = [
    '_sqlite3_bind_text', '_sqlite3_bind_blob', '_sqlite3_bind_double', '_sqlite3_bind_int', '_sqlite3_step', '_sqlite3_reset',
    '_sqlite3_clear_bindings', '_malloc', '_free', 'writeArrayToMemory', '_sqlite3_sql', '_sqlite3_errmsg', 'UTF8ToString',
  ];
  if (!needed.every((name) => typeof calls[name] === 'function')) return null;
  // sql.js keeps the connection's handle as `db` (a name its minifier keeps): needed to read SQLite's error message.
  const handle = (db as unknown as { db?: unknown }).db;
  if (typeof handle !== 'number') return null;
  const pointer = statementHandle(calls as SqliteCalls, stmt, sql);
  return pointer === null ? null : { calls: calls as SqliteCalls, pointer, db: handle };
}

/** A GeoPackage point blob (srs 4326, no envelope) of a longitude and latitude. */
export function gpkgPointBlob(lon: number, lat: number, into: Uint8Array = new Uint8Array(POINT_BYTES), at = 0): Uint8Array {
  const view = new DataView(into.buffer, into.byteOffset + at, POINT_BYTES);
  view.setUint32(0, 0x47500001, false);
  view.setInt32(4, WGS84_SRS_ID, true);
  view.setUint8(8, 1);
  view.setUint32(9, 1, true);
  view.setFloat64(13, lon, true);
  view.setFloat64(21, lat, true);
  return into;
}

/**
 * One INSERT statement run for many rows. A row is bound value by value (`int`, `real`, `text`, `sharedText`,
 * `point`; an index not bound is NULL) and stored by `insert()`; `run(values)` does both for a row given as an array.
 * Falls back to sql.js's own path when the direct calls are not there (another build of sql.js), and on any SQLite
 * error runs the row again through sql.js so the error is thrown with SQLite's own message.
 */
export class RowInserter {
  private readonly stmt: Statement;
  private readonly direct: Direct | null;
  private readonly memory: WasmMemory | null;
  private readonly encoder = new TextEncoder();
  /** The row's values, on the slow path (sql.js's own Statement.run). */
  private row: SqlValue[] = [];
  private heap8 = new Uint8Array(0);
  private view = new DataView(new ArrayBuffer(0));
  /** Where this row's strings and blobs are written: one block, reused from row to row. */
  private block = 0;
  private blockBytes = 0;
  private used = 0;
  /** Blocks outgrown during this row: SQLite still points into them until the row is stepped. */
  private retired: number[] = [];
  private scratch = new Uint8Array(0);
  /** Repeated words, encoded once: their address and length in wasm memory. */
  private readonly shared = new Map<string, { at: number; bytes: number }>();
  private readonly words: ({ at: number; bytes: number } | undefined)[] = [];
  private kept = 0;
  private sharedBlock = 0;
  private sharedLeft = 0;
  private readonly sharedBlocks: number[] = [];

  constructor(SQL: SqlJsStatic, db: Database, sql: string) {
    this.stmt = db.prepare(sql);
    this.direct = directCalls(SQL, db, this.stmt, sql);
    this.memory = sqlMemory(SQL);
  }

  /** Whether rows go through the direct calls; false means sql.js's own (slower) path. */
  get isDirect(): boolean {
    return this.direct !== null;
  }

  int(index: number, value: number): void {
    if (!this.direct) this.row[index - 1] = value;
    else this.check(value === (value | 0) ? this.direct.calls._sqlite3_bind_int(this.direct.pointer, index, value) : this.direct.calls._sqlite3_bind_double(this.direct.pointer, index, value));
  }

  real(index: number, value: number | null): void {
    if (!this.direct) this.row[index - 1] = value;
    else if (value !== null) this.check(this.direct.calls._sqlite3_bind_double(this.direct.pointer, index, value));
  }

  /** A string, or NULL. */
  text(index: number, value: string | null): void {
    if (!this.direct) {
      this.row[index - 1] = value;
      return;
    }
    if (value === null) return;
    const at = this.reserve(value.length * 3);
    const bytes = this.encode(value, at);
    this.used += bytes;
    this.check(this.direct.calls._sqlite3_bind_text(this.direct.pointer, index, at, bytes, SQLITE_STATIC));
  }

  /** Text given as UTF-8 bytes, `bytes` from `start` to `end`: copied into wasm memory as they are. */
  utf8(index: number, bytes: Uint8Array, start: number, end: number): void {
    if (!this.direct || !this.memory) {
      this.text(index, new TextDecoder().decode(bytes.subarray(start, end)));
      return;
    }
    const n = end - start;
    const at = this.reserve(n);
    this.fresh();
    const heap = this.heap8;
    // Most ids are a few bytes: copied one by one, without a view made for each.
    if (n <= 32) for (let k = 0; k < n; k++) heap[at + k] = bytes[start + k]!;
    else heap.set(bytes.subarray(start, end), at);
    this.used += n;
    this.check(this.direct.calls._sqlite3_bind_text(this.direct.pointer, index, at, n, SQLITE_STATIC));
  }

  /** A string that many rows share (a date, a postcode): encoded into wasm memory once for the whole insert. */
  sharedText(index: number, value: string | null): void {
    if (!this.direct || value === null) {
      this.text(index, value);
      return;
    }
    let known = this.shared.get(value);
    if (known === undefined) {
      const kept = this.keep(value);
      if (kept === null) {
        this.text(index, value);
        return;
      }
      this.shared.set(value, (known = kept));
    }
    this.check(this.direct.calls._sqlite3_bind_text(this.direct.pointer, index, known.at, known.bytes, SQLITE_STATIC));
  }

  /**
   * A shared string the caller knows by a number (a word's number in a file's batches): found by the number, without
   * hashing the string. Numbers must mean the same string for the life of the inserter; a negative one is NULL.
   */
  sharedWord(index: number, key: number, value: string | null): void {
    if (!this.direct || value === null || key < 0) {
      this.text(index, value);
      return;
    }
    let known = this.words[key];
    if (known === undefined) {
      const kept = this.keep(value);
      if (kept === null) {
        this.text(index, value);
        return;
      }
      this.words[key] = known = kept;
    }
    this.check(this.direct.calls._sqlite3_bind_text(this.direct.pointer, index, known.at, known.bytes, SQLITE_STATIC));
  }

  /** A string encoded once into memory kept for the whole insert; null when too many are kept already. */
  private keep(value: string): { at: number; bytes: number } | null {
    if (this.kept >= SHARED_WORDS_KEPT || value.length * 3 > BLOCK_BYTES) return null;
    if (value.length * 3 > this.sharedLeft) {
      this.sharedBlock = this.direct!.calls._malloc(BLOCK_BYTES);
      this.sharedBlocks.push(this.sharedBlock);
      this.sharedLeft = BLOCK_BYTES;
    }
    const at = this.sharedBlock + BLOCK_BYTES - this.sharedLeft;
    const bytes = this.encode(value, at);
    this.sharedLeft -= bytes;
    this.kept++;
    return { at, bytes };
  }

  /** A point as a GeoPackage geometry blob; NULL when either coordinate is missing. */
  point(index: number, lon: number | null, lat: number | null): void {
    if (lon === null || lat === null) {
      if (!this.direct) this.row[index - 1] = null;
      return;
    }
    if (!this.direct) {
      this.row[index - 1] = gpkgPointBlob(lon, lat);
      return;
    }
    const at = this.reserve(POINT_BYTES);
    if (this.memory) {
      this.fresh();
      const v = this.view;
      v.setUint32(at, 0x47500001, false);
      v.setInt32(at + 4, WGS84_SRS_ID, true);
      v.setUint8(at + 8, 1);
      v.setUint32(at + 9, 1, true);
      v.setFloat64(at + 13, lon, true);
      v.setFloat64(at + 21, lat, true);
    } else {
      this.direct.calls.writeArrayToMemory(gpkgPointBlob(lon, lat), at);
    }
    this.used += POINT_BYTES;
    this.check(this.direct.calls._sqlite3_bind_blob(this.direct.pointer, index, at, POINT_BYTES, SQLITE_STATIC));
  }

  /** Bytes, as a blob. */
  blob(index: number, value: Uint8Array): void {
    if (!this.direct) {
      this.row[index - 1] = value;
      return;
    }
    const at = this.reserve(value.length);
    this.direct.calls.writeArrayToMemory(value, at);
    this.used += value.length;
    this.check(this.direct.calls._sqlite3_bind_blob(this.direct.pointer, index, at, value.length, SQLITE_STATIC));
  }

  /** Stores the row bound so far; the next row starts with every value NULL. Throws SQLite's message if it fails. */
  insert(): void {
    if (!this.direct) {
      const row = this.row;
      this.row = [];
      this.stmt.run(Array.from(row, (v) => v ?? null));
      return;
    }
    const { calls, pointer, db } = this.direct;
    const stepped = this.failed === SQLITE_OK ? calls._sqlite3_step(pointer) : this.failed;
    // Read before reset, which may set another.
    const message = stepped === SQLITE_DONE ? null : calls.UTF8ToString(calls._sqlite3_errmsg(db));
    calls._sqlite3_reset(pointer);
    calls._sqlite3_clear_bindings(pointer);
    this.used = 0;
    for (const block of this.retired) calls._free(block);
    this.retired.length = 0;
    this.failed = SQLITE_OK;
    if (message !== null) throw new Error(message);
  }

  /** Binds a row's values by their type (numbers, strings, blobs, nulls) and stores it. */
  run(values: readonly SqlValue[]): void {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === 'number') this.int(i + 1, v);
      else if (typeof v === 'string') this.text(i + 1, v);
      else if (v instanceof Uint8Array) this.blob(i + 1, v);
      else if (!this.direct) this.row[i] = null;
    }
    this.insert();
  }

  free(): void {
    if (this.direct) {
      for (const block of [this.block, ...this.retired, ...this.sharedBlocks]) if (block !== 0) this.direct.calls._free(block);
    }
    this.block = 0;
    this.retired = [];
    this.sharedBlocks.length = 0;
    this.shared.clear();
    this.words.length = 0;
    this.stmt.free();
  }

  /** The first binding's error in this row, else SQLITE_OK. */
  private failed = SQLITE_OK;

  private check(rc: number): void {
    if (rc !== SQLITE_OK && this.failed === SQLITE_OK) this.failed = rc;
  }

  /** The typed view of wasm memory, made again when the memory has grown (growing detaches the old buffer). */
  private fresh(): void {
    if (this.heap8.byteLength === 0 && this.memory) {
      this.heap8 = new Uint8Array(this.memory.buffer);
      this.view = new DataView(this.memory.buffer);
    }
  }

  /** Room for `bytes` more in this row's block; the address to write at. */
  private reserve(bytes: number): number {
    const calls = this.direct!.calls;
    // Never address 0: SQLite binds a NULL pointer as NULL, even for an empty string.
    if (this.block === 0 || this.used + bytes > this.blockBytes) {
      if (this.block !== 0) {
        if (this.used > 0) this.retired.push(this.block);
        else calls._free(this.block);
      }
      this.blockBytes = Math.max(BLOCK_BYTES, 2 * (this.used + bytes));
      this.block = calls._malloc(this.blockBytes);
      // The earlier values of this row stay in the retired block, where they were bound.
      this.used = 0;
    }
    return this.block + this.used;
  }

  /** Writes a string's UTF-8 at an address in wasm memory; its length in bytes. */
  private encode(value: string, at: number): number {
    if (value.length === 0) return 0;
    if (this.memory) {
      this.fresh();
      // Most words are short and ASCII: copied byte by byte, without a view made for each.
      const heap = this.heap8;
      const n = value.length;
      if (n <= 64) {
        let i = 0;
        for (; i < n; i++) {
          const c = value.charCodeAt(i);
          if (c >= 0x80) break;
          heap[at + i] = c;
        }
        if (i === n) return n;
      }
      return this.encoder.encodeInto(value, heap.subarray(at, at + n * 3)).written;
    }
    if (this.scratch.length < value.length * 3) this.scratch = new Uint8Array(Math.max(4096, value.length * 3));
    const written = this.encoder.encodeInto(value, this.scratch).written;
    this.direct!.calls.writeArrayToMemory(this.scratch.subarray(0, written), at);
    return written;
  }
}
