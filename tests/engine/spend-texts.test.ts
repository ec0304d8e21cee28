import { describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { SpendTexts } from '../../renderer/engine/spend-texts';

const SQL = await initSqlJs();

describe('SpendTexts', () => {
  it('numbers each new word one past the highest, as SQLite would, once per word, and again after a rollback', () => {
    const db = new SQL.Database();
    db.run('CREATE TABLE spend_texts (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)');
    db.run("INSERT INTO spend_texts(id, text) VALUES (1, 'payment'), (7, 'Acme')");
    const texts = new SpendTexts(() => db, () => SQL);
    expect(texts.id('Acme')).toBe(7);
    expect(texts.id('')).toBe(8);
    expect(texts.id('Café £ Ltd')).toBe(9);
    expect(texts.id('')).toBe(8);
    db.run('BEGIN');
    expect(texts.id('rolled back')).toBe(10);
    db.run('ROLLBACK');
    texts.forget();
    expect(texts.id('after')).toBe(10);
    const stored = db.exec('SELECT id, text, typeof(text) FROM spend_texts ORDER BY id')[0]!.values;
    expect(stored).toEqual([[1, 'payment', 'text'], [7, 'Acme', 'text'], [8, '', 'text'], [9, 'Café £ Ltd', 'text'], [10, 'after', 'text']]);
    // Another database becoming current is read afresh.
    const other = new SQL.Database();
    other.run('CREATE TABLE spend_texts (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)');
    const switching = new SpendTexts(() => other, () => SQL);
    expect(switching.id('Acme')).toBe(1);
  });
});
