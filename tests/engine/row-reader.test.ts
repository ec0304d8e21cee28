// Reading the lines by their bytes (sql.js started with its memory kept) gives exactly the columns sql.js's own
// reading gives, whatever the text: accents, pound signs, emoji, empty strings, NULLs and a point on the meridian.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../renderer/engine/engine';
import { Explorer } from '../../renderer/engine/explore';
import { RowReader, TextDictionary } from '../../renderer/engine/row-reader';
import { startSqlNode } from '../../electron/sql-node';
import { demoInput } from '../demo-input';

const fast = await startSqlNode();
const plain = await initSqlJs();

const ODD = [
  'Date,Supplier,Amount,Purpose,Department,Longitude,Latitude',
  '01/06/2023,Café Ñandú £ Ltd,10.00,Café lunch club,Youth Services,0,51.5',
  '02/06/2023,Café Ñandú £ Ltd,-2.50,Refund,Youth Services,-0.1,51.52',
  '03/06/2023,🌳 Tree Friends,99.99,Tree works,,-0.12,51.51',
  ',No Date Ltd,5.00,Something,Parks,,',
  '05/06/2023,Café Ñandú £ Ltd,1.00,,Youth Services,200,95',
].join('\n');

// Two wards either side of the Greenwich meridian, so a line can be placed at longitude 0 exactly.
const WARDS = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { code: 'W1', name: 'West' }, geometry: { type: 'Polygon', coordinates: [[[-0.2, 51.45], [-0.05, 51.45], [-0.05, 51.55], [-0.2, 51.55], [-0.2, 51.45]]] } },
    { type: 'Feature', properties: { code: 'E1', name: 'East' }, geometry: { type: 'Polygon', coordinates: [[[-0.05, 51.45], [0.1, 51.45], [0.1, 51.55], [-0.05, 51.55], [-0.05, 51.45]]] } },
  ],
});

async function project(demo: boolean): Promise<Uint8Array> {
  const engine = new Engine(fast);
  if (demo) await engine.loadProject(demoInput());
  else await engine.loadProject({ name: 'Meridian', wards: { name: 'wards.geojson', bytes: new TextEncoder().encode(WARDS) }, spend: [] });
  expect((await engine.importSpend({ name: 'odd.csv', bytes: new TextEncoder().encode(ODD) })).ok).toBe(true);
  return engine.exportBytes();
}

const missions = () => [{ id: 'estates', label: 'Estates' }, { id: 'food', label: 'Food' }, { id: 'diversity', label: 'Diversity' }, { id: 'young-people', label: 'Young people' }];

/** The explorer's columns read both ways from the same saved project. */
function bothWays(bytes: Uint8Array) {
  const dbFast = new fast.Database(bytes);
  const dbPlain = new plain.Database(bytes);
  try {
    // With no sql.js module to read through, the explorer reads through sql.js's own statements.
    return { byBytes: new Explorer(() => dbFast, missions, () => fast).columns(), byStrings: new Explorer(() => dbPlain, missions).columns() };
  } finally {
    dbFast.close();
    dbPlain.close();
  }
}

describe('reading the lines by their bytes', () => {
  it('is used when sql.js was started with its memory kept', () => {
    const db = new fast.Database();
    const reader = RowReader.open(fast, db, 'SELECT 1');
    expect(reader).not.toBeNull();
    reader!.free();
    db.close();
  });

  it('gives the explorer exactly the columns sql.js reading gives, on awkward text and a point on the meridian', async () => {
    const { byBytes, byStrings } = bothWays(await project(false));
    expect(byBytes.n).toBe(5);
    expect(byBytes).toEqual(byStrings);
    expect(byBytes.suppliers).toEqual(['Café Ñandú £ Ltd', '🌳 Tree Friends', 'No Date Ltd']);
    expect(byBytes.departments).toContain('');
    // Longitude 0 is a place, not a missing point; the line at 200, 95 is not placed.
    expect([...byBytes.lon]).toEqual([0, -0.1, -0.12, NaN, NaN]);
    expect([...byBytes.ward]).toEqual([1, 0, 0, -1, -1]);
  });

  it('gives the same columns on the demo with its places, postcodes and a second file', async () => {
    const { byBytes, byStrings } = bothWays(await project(true));
    expect(byBytes.n).toBe(20_005);
    expect(byBytes).toEqual(byStrings);
  });
});

describe('a dictionary of texts by their bytes', () => {
  it('gives the same index to the same bytes and a new one to any other, over many near-identical values', () => {
    const d = new TextDictionary();
    const enc = new TextEncoder();
    const heap = new Uint8Array(64);
    const indexOf = (text: string) => {
      const b = enc.encode(text);
      heap.fill(0);
      heap.set(b, 7);
      return d.indexOf(heap, 7, b.length);
    };
    const texts = Array.from({ length: 5000 }, (_, k) => `Supplier ${k}`).concat(['', 'a', 'b', 'ab', 'ba', '£', 'é']);
    const first = texts.map(indexOf);
    expect(new Set(first).size).toBe(texts.length);
    expect(texts.map(indexOf)).toEqual(first);
    expect(d.values).toEqual(texts);
  });
});
