// Spend at a place drawn as an area that crosses a ward boundary: divided between the wards by area, to the penny,
// shown and said wherever ward figures are, and kept through saving, reopening and placing again.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { Engine } from '../../renderer/engine/engine';
import { FORMAT_7_SPEND_LINES } from '../../renderer/engine/schema';
import { defaultFilter } from '../../renderer/domain/spend-filter';
import { caveatsOf } from '../../renderer/domain/brief';
import { CAMDEN_WARDS, readBytes, readText } from '../paths';

const SQL = await initSqlJs();
const camden = JSON.parse(readText(CAMDEN_WARDS)) as FeatureCollection<Polygon | MultiPolygon, Record<string, string>>;

/** A box round [x, y], about 300 m by 200 m, a little off centre. */
function boxAt(x: number, y: number): Polygon {
  return { type: 'Polygon', coordinates: [[[x - 0.0025, y - 0.0007], [x + 0.0018, y - 0.0007], [x + 0.0018, y + 0.0011], [x - 0.0025, y + 0.0011], [x - 0.0025, y - 0.0007]]] };
}

/** Each ward's share of the outline, by counting a grid of points in it: a method independent of the one under test. */
function sampledShares(outline: Polygon, steps = 200): Map<string, number> {
  const counts = new Map<string, number>();
  let total = 0;
  const ring = outline.coordinates[0]! as [number, number][];
  const [w, s] = ring[0]!;
  const [e, n] = ring[2]!;
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      const p: [number, number] = [w! + ((e! - w!) * (i + 0.5)) / steps, s! + ((n! - s!) * (j + 0.5)) / steps];
      const ward = camden.features.find((f) => booleanPointInPolygon(p, f.geometry));
      if (!ward) continue;
      total++;
      counts.set(ward.properties.WD22CD!, (counts.get(ward.properties.WD22CD!) ?? 0) + 1);
    }
  }
  return new Map([...counts].map(([k, v]) => [k, v / total]));
}

/** An estate drawn over a boundary two wards share, each holding a fair part of it and no third ward any. */
function estateOnBoundary(): { outline: Polygon; at: [number, number]; codes: [string, string] } {
  const wardsAt = new Map<string, Set<string>>();
  for (const f of camden.features) {
    const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    for (const ring of rings) for (const [x, y] of ring) {
      const key = `${x},${y}`;
      wardsAt.set(key, (wardsAt.get(key) ?? new Set()).add(f.properties.WD22CD!));
    }
  }
  for (const [key, wards] of wardsAt) {
    if (wards.size !== 2) continue;
    const [x, y] = key.split(',').map(Number) as [number, number];
    const shares = sampledShares(boxAt(x, y), 40);
    if (shares.size === 2 && [...shares.values()].every((v) => v > 0.2)) return { outline: boxAt(x, y), at: [x, y], codes: [...wards] as [string, string] };
  }
  throw new Error('no boundary to draw an estate over');
}

const { outline: OUTLINE, at: [cx, cy], codes } = estateOnBoundary();
const PLACES = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'Boundary Road Estate', kind: 'estate' }, geometry: OUTLINE },
    { type: 'Feature', properties: { name: 'Corner Youth Club', kind: 'youth-centre' }, geometry: { type: 'Point', coordinates: [cx, cy] } },
  ],
});

const SPEND = [
  'Payment Date,Supplier Name,Amount,Purpose,Place',
  '01/06/2023,Estate Repairs Ltd,"10,000.00",Roof repairs,Boundary Road Estate',
  '02/06/2023,Estate Repairs Ltd,333.33,Door entry system,Boundary Road Estate',
  '03/06/2023,Estate Repairs Ltd,-120.01,Credit: door entry system,Boundary Road Estate',
  '04/06/2023,Youth Works,2500.00,Summer programme,Corner Youth Club',
].join('\r\n');

async function project(): Promise<Engine> {
  const engine = new Engine(SQL);
  await engine.loadProject({
    name: 'Camden estate on a boundary',
    wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) },
    places: [{ name: 'estates.geojson', bytes: new TextEncoder().encode(PLACES) }],
    spend: [{ name: 'spend.csv', bytes: new TextEncoder().encode(SPEND) }],
  });
  return engine;
}

describe('spend at a place crossing a ward boundary', () => {
  it('divides each line between the wards by the share of the place in each, to the penny', async () => {
    const engine = await project();
    const sampled = sampledShares(OUTLINE);
    expect([...sampled.keys()].sort()).toEqual([...codes].sort());
    const db = new SQL.Database(engine.exportBytes());
    const parts = db.exec('SELECT l.amount_pence, p.ward_code, p.share, p.pence, p.place FROM spend_line_wards p JOIN spend_lines l ON l.id = p.line_id ORDER BY l.id, p.share DESC')[0]!.values;
    db.close();
    // Three estate lines, two wards each; the youth club (a point) is not divided.
    expect(parts).toHaveLength(6);
    for (const [amount, ward, share, pence, place] of parts as [number, string, number, number, string][]) {
      expect(place).toBe('Boundary Road Estate');
      expect(Math.abs(share - sampled.get(ward)!)).toBeLessThan(0.01);
      expect(Math.abs(pence - amount * share)).toBeLessThanOrEqual(1);
    }
    for (const amount of [1_000_000, 33_333, -12_001]) {
      expect((parts as number[][]).filter((p) => p[0] === amount).reduce((t, p) => t + p[3]!, 0)).toBe(amount);
    }
  });

  it('counts the parts in the ward totals, which still add up to the placed spend exactly', async () => {
    const engine = await project();
    const explored = await engine.explore(defaultFilter());
    const map = await engine.mapData();
    const estate = 1_000_000 + 33_333 - 12_001;
    const sampled = sampledShares(OUTLINE);
    const db = new SQL.Database(engine.exportBytes());
    const clubWard = db.exec('SELECT ward_code FROM spend_lines WHERE amount_pence = 250000')[0]!.values[0]![0];
    db.close();
    for (const code of codes) {
      const ward = explored.wards.find((w) => w.code === code)!;
      const youth = clubWard === code ? 250_000 : 0;
      // The estate's part here, within a penny a line of its area share; the youth club's whole amount where it is.
      const estatePart = ward.total - youth;
      expect(Math.abs(estatePart - estate * sampled.get(code)!)).toBeLessThan(estate * 0.01);
      // The SQL totals (map data, the command line) and the explorer's agree exactly.
      expect(map.wards.features.find((f) => f.properties.code === code)!.properties.total).toBe(ward.total);
      expect(ward.lines).toBeGreaterThanOrEqual(3);
    }
    expect((await engine.summary()).dividedByArea).toEqual({ lines: 3, pence: estate, places: 1 });
    const sumOfWards = explored.wards.reduce((t, w) => t + w.total, 0);
    expect(sumOfWards).toBe(explored.placedPence);
    expect(sumOfWards).toBe(estate + 250_000);
  });

  it('says so in the ward panel and in a ward brief, and lists each ward\'s part in the CSV export', async () => {
    const engine = await project();
    const [a, b] = codes;
    const detail = (await engine.wardDetail(a))!;
    expect(detail.sharedPlaces).toHaveLength(1);
    const shared = detail.sharedPlaces[0]!;
    expect(shared.place).toBe('Boundary Road Estate');
    expect(shared.lines).toBe(3);
    expect(shared.otherWards).toEqual([(await engine.wardDetail(b))!.name]);
    expect(shared.pence + (await engine.wardDetail(b))!.sharedPlaces[0]!.pence).toBe(1_000_000 + 33_333 - 12_001);
    // The ward's breakdowns count the same part: by method and by supplier.
    expect(detail.byMethod.find((m) => m.method === 'place')!.pence).toBe(detail.totalPence);
    const facts = (await engine.briefFacts({ kind: 'ward', code: a }, defaultFilter(), '2026-11-27'))!;
    expect(facts.totalPence).toBe(detail.totalPence);
    const caveat = caveatsOf(facts).find((c) => c.text.includes('cross ward boundaries'));
    expect(caveat?.text).toMatch(new RegExp(`Boundary Road Estate \\([\\d.]+% of its area is here; the rest in ${shared.otherWards[0]}\\)`));
    // A brief of both wards holds the whole estate and says nothing is shared outside them.
    const both = (await engine.briefFacts({ kind: 'wards', codes: [a, b] }, defaultFilter(), '2026-11-27'))!;
    expect(both.sharedPlaces[0]!.share).toBeCloseTo(1, 9);
    expect(both.sharedPlaces[0]!.pence).toBe(1_000_000 + 33_333 - 12_001);
    // The spend table's rows carry the parts, for the ward cell's tooltip.
    const rows = (await engine.tableRows(defaultFilter(), { key: 'amount', descending: true }, 0, 10)).rows;
    const roofRow = rows.find((r) => r.purpose === 'Roof repairs')!;
    expect(roofRow.wardShares!.map((w) => w.name).sort()).toEqual([detail.name, shared.otherWards[0]].sort());
    expect(roofRow.wardShares!.reduce((t, w) => t + w.pence, 0)).toBe(1_000_000);
    expect(rows.find((r) => r.purpose === 'Summer programme')!.wardShares).toBeUndefined();
    const csv = await engine.exportCsv(defaultFilter(), { key: 'amount', descending: true });
    const roof = csv.split('\r\n').find((l) => l.includes('Roof repairs'))!;
    expect(roof).toMatch(new RegExp(`${a} \\d+\\.\\d% \\d+\\.\\d\\d; ${b} \\d+\\.\\d% \\d+\\.\\d\\d|${b} \\d+\\.\\d% \\d+\\.\\d\\d; ${a} \\d+\\.\\d% \\d+\\.\\d\\d`));
  });

  it('keeps the parts through saving and reopening, and makes them again when the lines are placed again', async () => {
    const engine = await project();
    const before = (await engine.explore(defaultFilter())).wards.map((w) => [w.code, w.total]);
    const bytes = engine.exportBytes();
    const reopened = new Engine(SQL);
    expect((await reopened.openProject({ name: 'p.gpkg', bytes })).ok).toBe(true);
    expect((await reopened.explore(defaultFilter())).wards.map((w) => [w.code, w.total])).toEqual(before);
    // Placing every line again (the supplier-address choice turned on and off) gives the same parts, not twice.
    await reopened.setPlaceBySupplierAddress(true);
    await reopened.setPlaceBySupplierAddress(false);
    const db = new SQL.Database(reopened.exportBytes());
    expect(db.exec('SELECT COUNT(*) FROM spend_line_wards')[0]!.values[0]![0]).toBe(6);
    db.close();
    expect((await reopened.explore(defaultFilter())).wards.map((w) => [w.code, w.total])).toEqual(before);
  });

  it('divides the spend of a project saved before format 7 when it is opened', async () => {
    const engine = await project();
    const before = (await engine.explore(defaultFilter())).wards.map((w) => [w.code, w.total]);
    // The same project as format 6 wrote it: no parts table, all of each line in its point's ward.
    const db = new SQL.Database(engine.exportBytes());
    db.run(`CREATE TEMP TABLE lines AS SELECT * FROM spend_lines; DROP VIEW spend_lines; ${FORMAT_7_SPEND_LINES};
      INSERT INTO spend_lines SELECT * FROM temp.lines; DROP TABLE spend_line_rows; DROP TABLE spend_texts;
      DROP TABLE spend_line_wards; UPDATE meta SET value = '6' WHERE key = 'schema_version'`);
    const old = db.export();
    db.close();
    const reopened = new Engine(SQL);
    const opened = await reopened.openProject({ name: 'old.gpkg', bytes: old });
    expect(opened.ok && opened.migratedFrom).toBe(6);
    expect((await reopened.explore(defaultFilter())).wards.map((w) => [w.code, w.total])).toEqual(before);
  });
});
