import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { RowInserter } from '../../renderer/engine/row-inserter';

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
