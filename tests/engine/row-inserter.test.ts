import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { RowInserter } from '../../renderer/engine/row-inserter';
import { registerGpkgPoint } from '../../renderer/engine/project-file';
import { startSqlNode } from '../../electron/sql-node';

const SQL = await initSqlJs();

function table() {
  const db = new SQL.Database();
  db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, x REAL, s TEXT NOT NULL, b BLOB)');
  return db;
}

const rows = [
  [1, 1.5, 'plain', null],
  [-2147483649, -0.000001, '', null],
  [9007199254740991, 51.123456789, 'Café £ — 中文 🏠', null],
  [0, 0, 'x'.repeat(20000), null],
  [null, null, 'nulls bind as NULL', null],
  [3, 2, 'a blob goes the slow way', new Uint8Array([1, 2, 3])],
] as const;

describe('RowInserter', () => {
  it('binds directly, and stores exactly what sql.js itself stores', () => {
    const direct = table();
    const inserter = new RowInserter(SQL, direct, 'INSERT INTO t(n, x, s, b) VALUES (?, ?, ?, ?)');
    expect(inserter.isDirect).toBe(true);
    for (const r of rows) inserter.run([...r]);
    inserter.free();
    const own = table();
    const stmt = own.prepare('INSERT INTO t(n, x, s, b) VALUES (?, ?, ?, ?)');
    for (const r of rows) stmt.run([...r]);
    stmt.free();
    const read = (db: typeof own) => db.exec('SELECT n, typeof(n), x, s, b FROM t ORDER BY id')[0]!.values;
    expect(read(direct)).toEqual(read(own));
    expect(read(direct)[2]![3]).toBe('Café £ — 中文 🏠');
    direct.close();
    own.close();
  });

  it("throws SQLite's own message when a row breaks a constraint, and goes on afterwards", () => {
    const db = table();
    const inserter = new RowInserter(SQL, db, 'INSERT INTO t(n, x, s, b) VALUES (?, ?, ?, ?)');
    expect(() => inserter.run([1, 1, null, null])).toThrow(/NOT NULL constraint failed: t\.s/);
    inserter.run([2, 2, 'after', null]);
    inserter.free();
    expect(db.exec('SELECT n, s FROM t')[0]!.values).toEqual([[2, 'after']]);
    db.close();
  });
});

describe('RowInserter, value by value', () => {
  const point = (db: { exec(sql: string): { values: unknown[][] }[] }) => db.exec('SELECT hex(p) FROM t ORDER BY id')[0]!.values.map((r) => r[0]);

  for (const [label, start] of [['with its wasm memory in hand', () => startSqlNode()], ['through sql.js’s own memory copy', () => Promise.resolve(SQL)]] as const) {
    it(`stores shared words, row words, points and NULLs as sql.js stores them, ${label}`, async () => {
      const sql = await start();
      const db = new sql.Database();
      db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, x REAL, s TEXT, w TEXT, p BLOB, u TEXT)');
      registerGpkgPoint(db);
      const inserter = new RowInserter(sql, db, 'INSERT INTO t(n, x, s, w, p, u) VALUES (?, ?, ?, ?, ?, ?)');
      const words = ['', 'Camden', 'Café £ — 中文 🏠', 'y'.repeat(70000)];
      const expected = new sql.Database();
      expected.run('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, x REAL, s TEXT, w TEXT, p BLOB, u TEXT)');
      registerGpkgPoint(expected);
      const own = expected.prepare('INSERT INTO t(n, x, s, w, p, u) VALUES (?, ?, ?, ?, gpkg_point(?, ?), ?)');
      // Enough rows, and long enough words, that the block is outgrown and wasm memory grows under the inserter.
      for (let i = 0; i < 3000; i++) {
        const shared = words[i % words.length]!;
        const own_ = i % 7 === 0 ? null : `row ${i} ${'z'.repeat(i % 500)}`;
        const lon = i % 5 === 0 ? null : -0.1 - i / 1e5;
        inserter.int(1, i % 3 === 0 ? i * 1e6 : i);
        if (i % 4 !== 0) inserter.real(2, i / 3);
        inserter.sharedText(3, shared);
        inserter.text(4, own_);
        inserter.point(5, lon, 51.5 + i / 1e5);
        // Text as UTF-8 bytes, from the middle of a larger buffer: short and long, ASCII and not, empty.
        const id = i % 11 === 0 ? '' : i % 3 === 0 ? `Ü-${i}-🏠` : `T${i}${'x'.repeat(i % 50)}`;
        const bytes = new TextEncoder().encode(`pre${id}post`);
        inserter.utf8(6, bytes, 3, bytes.length - 4);
        inserter.insert();
        own.run([i % 3 === 0 ? i * 1e6 : i, i % 4 !== 0 ? i / 3 : null, shared, own_, lon, lon === null ? null : 51.5 + i / 1e5, id]);
      }
      inserter.free();
      own.free();
      const read = (d: typeof db) => d.exec('SELECT n, typeof(n), x, s, w, hex(p), u, typeof(u) FROM t ORDER BY id')[0]!.values;
      expect(read(db)).toEqual(read(expected));
      expect(point(db)[1]).toBe(point(expected)[1]);
      db.close();
      expected.close();
    });
  }

  it("a row that breaks a constraint throws SQLite's message, and the next row starts clean", () => {
    const db = table();
    const inserter = new RowInserter(SQL, db, 'INSERT INTO t(n, x, s, b) VALUES (?, ?, ?, ?)');
    inserter.int(1, 5);
    expect(() => inserter.insert()).toThrow(/NOT NULL constraint failed: t\.s/);
    inserter.text(3, 'second');
    inserter.insert();
    inserter.free();
    expect(db.exec('SELECT n, s FROM t')[0]!.values).toEqual([[null, 'second']]);
    db.close();
  });
});

describe('RowInserter, first row', () => {
  it("binds an empty string as '' even before any memory is set aside (SQLite reads address 0 as NULL)", () => {
    const db = table();
    const inserter = new RowInserter(SQL, db, 'INSERT INTO t(n, s) VALUES (?, ?)');
    inserter.int(1, 1);
    inserter.text(2, '');
    inserter.insert();
    inserter.free();
    expect(db.exec('SELECT n, s, typeof(s) FROM t')[0]!.values).toEqual([[1, '', 'text']]);
    db.close();
  });
});
