import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import Papa from 'papaparse';
import { resolve } from 'node:path';
import { area, booleanPointInPolygon, feature, featureCollection, intersect } from '@turf/turf';
import type { Polygon } from 'geojson';
import { Engine } from '../../renderer/engine/engine';
import { decodeSpendTile, tileOf } from '../tiles';
import { FULL_ZOOM } from '../../renderer/engine/contract';
import { defaultFilter } from '../../renderer/domain/spend-filter';
import { SERVICE_AREAS } from '../../renderer/domain/service-areas';
import { queryAll } from '../../renderer/engine/sql';
import { SCHEMA_VERSION } from '../../renderer/engine/schema';
import type { ProjectSummary } from '../../renderer/engine/contract';
import { demoInput } from '../demo-input';
import { makeXlsx } from '../fixtures/xlsx';
import { syntheticSpendCsv } from '../bench/synthetic-spend';
import { parseWardsGeoJson } from '../../renderer/domain/wards';
import { parsePlacesGeoJson } from '../../renderer/domain/places';
import { CAMDEN_WARDS, DEMO, FIXTURES, SHARED_DATA, readBytes, readText } from '../paths';
import { unzipSync, zipSync } from 'fflate';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

/**
 * The demo's spend summed by ward without the engine: its own CSV reading, integer pence, brute-force
 * point-in-polygon, and the same ladder (coordinates, then the postcode's centre).
 */
function independentWardTotals(): { byWard: Map<string, number>; allPence: number; rows: number; byPostcode: number; byPlace: number } {
  const wards = parseWardsGeoJson(readText(resolve(DEMO, 'wards.geojson')), 'wards.geojson').wards;
  const postcodes = new Map(
    Papa.parse<Record<string, string>>(readText(resolve(DEMO, 'postcodes.csv')), { header: true, skipEmptyLines: true }).data.map((r) => [r.pcds!, [Number(r.long), Number(r.lat)] as [number, number]]),
  );
  const placeList = parsePlacesGeoJson(readText(resolve(DEMO, 'places.geojson')), 'places.geojson').places;
  const places = new Map(placeList.map((p) => [p.name, [p.lon, p.lat] as [number, number]]));
  // An outlined place's spend is divided between the wards by area: each ward's share of the place's area inside the
  // borough, wards under 2% left out and the rest scaled; pence by largest remainder (the earlier share on a tie).
  const sharesOf = new Map(placeList.filter((p) => p.geometry.type !== 'Point').map((p) => {
    const areas = wards.map((w) => {
      const cut = intersect(featureCollection([feature(p.geometry as Polygon), feature(w.geometry)]));
      return { code: w.code, area: cut ? area(cut) : 0 };
    }).filter((a) => a.area > 0);
    const whole = areas.reduce((t, a) => t + a.area, 0);
    const kept = areas.filter((a) => a.area / whole >= 0.02).sort((a, b) => b.area - a.area || a.code.localeCompare(b.code));
    const keptArea = kept.reduce((t, a) => t + a.area, 0);
    return [p.name, kept.length > 1 ? kept.map((a) => ({ code: a.code, share: a.area / keptArea })) : null];
  }));
  const divide = (value: number, shares: { code: string; share: number }[]): [string, number][] => {
    const whole = Math.abs(value);
    const exact = shares.map((s) => whole * s.share);
    const parts = exact.map(Math.floor);
    let left = whole - parts.reduce((t, x) => t + x, 0);
    for (const { i } of exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i)) if (left-- > 0) parts[i]!++;
    return shares.map((s, k) => [s.code, Math.sign(value) * parts[k]!]);
  };
  const rows = Papa.parse<Record<string, string>>(readText(resolve(DEMO, 'spend.csv')), { header: true, skipEmptyLines: true }).data;
  const byWard = new Map<string, number>();
  let byPlace = 0;
  const wardOf = (p: [number, number]) => wards.find((w) => booleanPointInPolygon(p, w.geometry));
  let allPence = 0;
  let byPostcode = 0;
  for (const r of rows) {
    const [pounds, pence = '00'] = r['Amount GBP']!.replace('-', '').split('.');
    const value = (Number(pounds) * 100 + Number(pence.padEnd(2, '0'))) * (r['Amount GBP']!.startsWith('-') ? -1 : 1);
    allPence += value;
    let ward = r.Longitude ? wardOf([Number(r.Longitude), Number(r.Latitude)]) : undefined;
    if (!ward && r.Postcode && postcodes.has(r.Postcode)) {
      ward = wardOf(postcodes.get(r.Postcode)!);
      if (ward) byPostcode++;
    }
    if (!ward && r['Place Name'] && places.has(r['Place Name'])) {
      ward = wardOf(places.get(r['Place Name'])!);
      if (ward) byPlace++;
      const shares = ward ? sharesOf.get(r['Place Name']) : null;
      if (shares) {
        for (const [code, part] of divide(value, shares)) byWard.set(code, (byWard.get(code) ?? 0) + part);
        continue;
      }
    }
    if (ward) byWard.set(ward.code, (byWard.get(ward.code) ?? 0) + value);
  }
  return { byWard, allPence, rows: rows.length, byPostcode, byPlace };
}

describe('Engine on the demo project', () => {
  let engine: Engine;
  let summary: ProjectSummary;
  const progress: number[] = [];
  beforeAll(async () => {
    engine = new Engine(SQL);
    summary = await engine.loadProject(demoInput(), (p) => progress.push(p.fraction));
  });

  it('creates the schema', () => {
    const db = new SQL.Database(engine.exportBytes());
    const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]!.values.flat();
    expect(tables).toEqual([
      'annotations', 'column_profiles', 'contract_awards', 'excluded_rows', 'gpkg_contents', 'gpkg_geometry_columns', 'gpkg_ogr_contents', 'gpkg_spatial_ref_sys',
      'ledger_groups', 'meta', 'place_match_decisions', 'places', 'postcodes', 'problems', 'sources', 'spend_line_rows', 'spend_line_wards', 'spend_texts', 'story_slides', 'uprns', 'wards',
    ]);
    // The layer QGIS reads is a view over the stored rows.
    expect(db.exec("SELECT name FROM sqlite_master WHERE type = 'view'")[0]!.values.flat()).toEqual(['spend_lines']);
    expect(db.exec("SELECT value FROM meta WHERE key = 'schema_version'")[0]!.values[0]![0]).toBe(String(SCHEMA_VERSION));
    db.close();
  });

  it('keeps the ledger counts in step with the lines they count', () => {
    expectLedgerInStep(engine);
  });

  it('loads every demo row and says so', () => {
    const expected = independentWardTotals();
    expect(summary.name).toBe('Fenmarsh (demo)');
    expect(summary.notice).toBe('Demo data — fictional');
    expect(summary.wardCount).toBeGreaterThanOrEqual(15);
    expect(summary.wardCount).toBeLessThanOrEqual(25);
    expect(summary.lineCount).toBe(expected.rows);
    expect(summary.lineCount).toBeGreaterThan(18000);
    expect(summary.totalPence).toBe(expected.allPence);
    expect(summary.firstDate! >= '2022-04-01' && summary.lastDate! <= '2025-03-31').toBe(true);
    expect(progress.at(-1)).toBe(1);
  });

  it('ward totals equal the sum of the demo lines in each ward, to the penny', async () => {
    const expected = independentWardTotals();
    const data = await engine.mapData();
    for (const f of data.wards.features) {
      expect(f.properties.total, f.properties.name).toBe(expected.byWard.get(f.properties.code) ?? 0);
      const areas = f.properties['social-care'] + f.properties.youth + f.properties.estates + f.properties['green-spaces'] + f.properties.other;
      expect(areas).toBe(f.properties.total);
    }
    const placed = data.wards.features.reduce((s, f) => s + f.properties.total, 0);
    expect(placed).toBe(summary.placedPence);
  });

  it('says which rule sorted how much into which service area, adding up to every line and penny', () => {
    expect(summary.classification.reduce((n, c) => n + c.lines, 0)).toBe(summary.lineCount);
    expect(summary.classification.reduce((n, c) => n + c.pence, 0)).toBe(summary.totalPence);
    expect(summary.classification[0]).toMatchObject({ ruleId: 'department-social-care', serviceArea: 'social-care' });
    expect(summary.classification.find((c) => c.ruleId === null)?.serviceArea).toBe('other');
  });

  it('accounts for every row and every penny in the ledger', () => {
    const lines = summary.ledger.filter((e) => e.status !== 'excluded');
    expect(lines.reduce((s, e) => s + e.rows, 0)).toBe(summary.lineCount);
    expect(lines.reduce((s, e) => s + (e.pence ?? 0), 0)).toBe(summary.totalPence);
    const reasons = summary.ledger.map((e) => `${e.status}:${e.reason}`);
    expect(reasons).toContain('placed:coordinates');
    expect(reasons).toContain('placed:postcode');
    expect(summary.ledger.find((e) => e.reason === 'postcode')!.rows).toBe(independentWardTotals().byPostcode);
    expect(summary.ledger.find((e) => e.reason === 'place')!.rows).toBe(independentWardTotals().byPlace);
    expect(reasons).toContain('unlocated:no-location');
  });

  it('gives a ward its totals, line count and top five suppliers', async () => {
    const data = await engine.mapData();
    const ward = data.wards.features[0]!.properties;
    const detail = (await engine.wardDetail(ward.code))!;
    expect(detail.totalPence).toBe(ward.total);
    expect(detail.lines).toBe(ward.lines);
    expect(detail.topSuppliers).toHaveLength(5);
    expect(detail.topSuppliers.every((s) => !/REDACTED/.test(s.supplier))).toBe(true);
    for (let i = 1; i < 5; i++) expect(detail.topSuppliers[i - 1]!.pence).toBeGreaterThanOrEqual(detail.topSuppliers[i]!.pence);
    expect(detail.byMethod.reduce((n, m) => n + m.pence, 0)).toBe(detail.totalPence);
    expect(detail.byMethod.reduce((n, m) => n + m.lines, 0)).toBe(detail.lines);
    expect(detail.byMethod.map((m) => m.method)).toContain('coordinates');
    expect(detail.byMission.map((m) => m.label)).toEqual(['Estates', 'Food', 'Diversity', 'Young people']);
    for (const m of detail.byMission) expect(m.pence, m.label).not.toBe(0);
    expect(detail.byMission.every((m) => m.lines <= detail.lines)).toBe(true);
    expect(await engine.wardDetail('nope')).toBeNull();
  });

  it('draws one point per line with coordinates inside a ward, each with its service area', async () => {
    const data = await engine.mapData();
    const placedByCoordinates = summary.ledger.find((e) => e.status === 'placed' && e.reason === 'coordinates')!.rows;
    const placedByPostcode = summary.ledger.find((e) => e.status === 'placed' && e.reason === 'postcode')!.rows;
    const placedByPlace = summary.ledger.find((e) => e.status === 'placed' && e.reason === 'place')!.rows;
    expect(data.pointCount).toBe(placedByCoordinates + placedByPostcode + placedByPlace);
    // One tile holds the whole borough at zoom 8; its points stand for every line the map can draw.
    const [w, s, e, n] = data.bounds!;
    const { x, y } = tileOf((w + e) / 2, (s + n) / 2, 8);
    const points = decodeSpendTile(await engine.spendTile(defaultFilter(), 8, x, y), 8, x, y);
    expect(points.reduce((sum, p) => sum + p.properties.n, 0)).toBe(data.pointCount);
    expect([...new Set(points.map((p) => p.properties.area))].sort()).toEqual(['estates', 'green-spaces', 'other', 'social-care', 'youth']);
    expect(data.labels.features).toHaveLength(summary.wardCount);
  });

  it('gives each line its own point in the tiles from FULL_ZOOM, with its service area, amount and place', async () => {
    const db = new SQL.Database(engine.exportBytes());
    const row = queryAll(db, "SELECT id, service_area, amount_pence, lon, lat FROM spend_lines WHERE locate_method = 'coordinates' ORDER BY id LIMIT 1 OFFSET 100")[0]!;
    const { x, y } = tileOf(row.lon as number, row.lat as number, FULL_ZOOM);
    const point = decodeSpendTile(await engine.spendTile(defaultFilter(), FULL_ZOOM, x, y), FULL_ZOOM, x, y).find((p) => p.id === row.id)!;
    expect([point.properties.area, point.properties.pence, point.properties.n]).toEqual([row.service_area, row.amount_pence, 1]);
    expect(point.lon).toBeCloseTo(row.lon as number, 5);
    expect(point.lat).toBeCloseTo(row.lat as number, 5);
    // Kept out when the filter drops its service area.
    const others = { ...defaultFilter(), areas: SERVICE_AREAS.filter((a) => a !== row.service_area) };
    const filtered = decodeSpendTile(await engine.spendTile(others, FULL_ZOOM, x, y), FULL_ZOOM, x, y);
    expect(filtered.some((p) => p.id === row.id)).toBe(false);
    // A Shift-click's box round it picks it.
    const d = 1e-5;
    expect(await engine.linesIn(defaultFilter(), [(row.lon as number) - d, (row.lat as number) - d, (row.lon as number) + d, (row.lat as number) + d])).toContain(row.id);
  });
});

describe('Engine.replaceWards', () => {
  it("re-assigns spend to Camden's real wards: 20 wards, and the demo's points fall outside them all", async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput({ postcodes: false, places: false }));
    const result = await engine.replaceWards({ name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary.wardCount).toBe(20);
    expect(result.summary.wardsFile).toBe('wards-2022.geojson');
    expect(result.summary.lineCount).toBe(before.lineCount);
    expect(result.summary.totalPence).toBe(before.totalPence);
    expect(result.summary.placedLines).toBe(0);
    expectLedgerInStep(engine);
    const withCoordinates = before.ledger.filter((e) => e.reason === 'coordinates' || e.reason === 'outside-wards').reduce((n, e) => n + e.rows, 0);
    expect(result.summary.ledger.find((e) => e.reason === 'outside-wards')!.rows).toBe(withCoordinates);
    const data = await engine.mapData();
    expect(data.labels.features.map((f) => f.properties.name)).toContain('Bloomsbury');
  });

  it('keeps using the postcode directory and places register when the wards change', async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput());
    const result = await engine.replaceWards({ name: 'wards.geojson', bytes: readBytes(resolve(DEMO, 'wards.geojson')) });
    expect(result.ok && result.summary.ledger).toEqual(before.ledger);
  });

  it("opens a zipped Shapefile in British National Grid: London's 33 boroughs", async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    const result = await engine.replaceWards({ name: 'boroughs-2022-bng-shapefile.zip', bytes: readBytes(resolve(SHARED_DATA, 'london/boroughs-2022-bng-shapefile.zip')) });
    expect(result.ok && result.summary.wardCount).toBe(33);
    expect(result.ok && result.summary.sources.find((x) => x.kind === 'wards')).toMatchObject({ file: 'boroughs-2022-bng-shapefile.zip', rows: 33, encoding: 'binary' });
  });

  it('passes on the question when a shapefile has no .prj, and reads it once answered', async () => {
    const entries = unzipSync(readBytes(resolve(SHARED_DATA, 'london/boroughs-2022-bng-shapefile.zip')));
    delete entries['london-2021-lad22-gen20.prj'];
    const file = { name: 'no-prj.zip', bytes: zipSync(entries) };
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput());
    const asked = await engine.replaceWards(file);
    expect(asked).toMatchObject({ ok: false, question: expect.stringMatching(/British National Grid/) });
    expect((await engine.summary()).wardCount).toBe(before.wardCount);
    const answered = await engine.replaceWards(file, undefined, { assumeCrs: 'british-national-grid' });
    expect(answered.ok && answered.summary.wardCount).toBe(33);
  });

  it('keeps the current wards when the new file cannot be used, and says why', async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput());
    const result = await engine.replaceWards({ name: 'bng.geojson', bytes: readBytes(resolve(FIXTURES, 'wards/bng-wards.geojson')) });
    expect(result).toMatchObject({ ok: false, problems: [{ file: 'bng.geojson', feature: 1, severity: 'error' }] });
    const after = await engine.summary();
    expect(after.wardCount).toBe(before.wardCount);
    expect(after.placedPence).toBe(before.placedPence);
  });
});

describe('Engine with a messy spend file', () => {
  it('records excluded rows and problems with file, row and column', async () => {
    const engine = new Engine(SQL);
    const csv = 'Spend over £500\r\nPayment Date,Beneficiary Name,Organisational Unit,Amount GBP,Longitude,Latitude\r\n01/04/2024,A Ltd,Youth Services,£10.00,0.5,0.5\r\n02/04/2024,B Ltd,Parks,oops,,\r\nTotal,,,£10.00,,\r\n';
    const s = await engine.loadProject({
      name: 'messy',
      wards: { name: 'mixed.geojson', bytes: readBytes(resolve(FIXTURES, 'wards/mixed-wards.geojson')) },
      spend: [{ name: 'messy.csv', bytes: new TextEncoder().encode(csv) }],
    });
    expect(s.lineCount).toBe(1);
    expect(s.placedPence).toBe(1000);
    expect(s.ledger.filter((e) => e.status === 'excluded').map((e) => [e.reason, e.rows])).toEqual([
      ['amount not readable', 1],
      ['total row', 1],
    ]);
    // The total row's own total is kept beside it, apart from the money counted (its money is the line above it).
    expect(s.ledger.find((e) => e.reason === 'total row')).toEqual({ status: 'excluded', reason: 'total row', rows: 1, pence: null, stated: 1000 });
    expect(s.ledger.reduce((sum, e) => sum + (e.pence ?? 0), 0)).toBe(s.totalPence);
    expect(s.problems).toContainEqual({ file: 'messy.csv', row: 4, column: 'Amount GBP', feature: undefined, severity: 'error', reason: '"oops" is not an amount (expected e.g. 1234.56 or £1,234.56)' });
    expect(s.problems.some((p) => p.file === 'mixed.geojson' && p.feature === 3)).toBe(true);
    expect(s.sources.map((x) => [x.file, x.kind, x.rows])).toEqual([
      ['mixed.geojson', 'wards', 3],
      ['messy.csv', 'spend', 3],
    ]);
  });
});

describe("Engine holding a file's total rows against its lines", () => {
  const load = (rows: string[]) => new Engine(SQL).loadProject({
    name: 'totals',
    wards: { name: 'mixed.geojson', bytes: readBytes(resolve(FIXTURES, 'wards/mixed-wards.geojson')) },
    spend: [{ name: 'totals.csv', bytes: new TextEncoder().encode(['Payment Date,Beneficiary Name,Amount GBP', ...rows].join('\n')) }],
  });
  const totalWarnings = (s: Awaited<ReturnType<typeof load>>) => s.problems.filter((p) => p.reason.startsWith('the total row says'));

  it('says nothing when the total is the lines above it, or a subtotal of those since the last total', async () => {
    const s = await load(['01/04/2024,A,10.00', '02/04/2024,B,5.50', 'Total April,,15.50', '01/05/2024,C,1.00', 'Total May,,£1.00', 'Grand total,,"£16.50"']);
    expect(s.lineCount).toBe(3);
    expect(totalWarnings(s)).toEqual([]);
  });

  it('warns, at the total row, when the lines above do not add up to it (a line could not be read)', async () => {
    const s = await load(['01/04/2024,A,10.00', '02/04/2024,B,five pounds', '03/04/2024,C,2.25', 'Total,,17.25', '04/04/2024,D,1.00']);
    expect(totalWarnings(s)).toEqual([{
      file: 'totals.csv', row: 5, column: undefined, feature: undefined, severity: 'warning',
      reason: 'the total row says £17.25, but the 2 spend lines above it add up to £12.25, £5.00 less; rows whose amount could not be read are listed in the ledger as not spend lines',
    }]);
    // The line below the total is counted in the project, not against the total.
    expect(s.totalPence).toBe(1325);
  });
});

describe('Engine.previewSpend and importSpend', () => {
  const file = () => ({ name: 'extra-spend.csv', bytes: readBytes(resolve(FIXTURES, 'spend/extra-spend.csv')) });

  it('previews a file: header after the preamble, detected columns, the first lines, with nothing stored', async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput());
    const p = await engine.previewSpend(file());
    expect(p).toMatchObject({ headerRow: 4, dataRows: 8, encoding: 'windows-1252' });
    expect(p.columns).toMatchObject({ date: 0, supplier: 1, purpose: 3, amount: 4, postcode: 5, longitude: 6, latitude: 7 });
    expect(p.columns.department).toBeUndefined();
    expect(p.sampleLines[0]).toMatchObject({ supplier: 'Heronway Youth Trust', amountPence: 125000, date: '2025-04-02' });
    expect((await engine.summary()).lineCount).toBe(before.lineCount);
  });

  it('imports with the chosen columns, placing and classifying the lines like the rest, every penny accounted for', async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput());
    const p = await engine.previewSpend(file());
    const result = await engine.importSpend(file(), { ...p.columns, department: 2 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const after = result.summary;
    expect(after.lineCount).toBe(before.lineCount + 6);
    expectLedgerInStep(engine);
    expect(after.totalPence - before.totalPence).toBe(1223075);
    expect(after.placedPence - before.placedPence).toBe(1223075);
    expect(after.sources.at(-1)).toMatchObject({ file: 'extra-spend.csv', kind: 'spend', rows: 8, encoding: 'windows-1252' });
    expect(after.ledger.filter((e) => e.status === 'excluded').reduce((n, e) => n + e.rows, 0)).toBe(2);
    const youth = (await engine.mapData()).wards.features.reduce((n, f) => n + f.properties.youth, 0);
    const engine2 = new Engine(SQL);
    await engine2.loadProject(demoInput());
    const youthBefore = (await engine2.mapData()).wards.features.reduce((n, f) => n + f.properties.youth, 0);
    expect(youth - youthBefore).toBe(125000 + 240050 + 98025);
  });

  it('remembers the columns chosen for a header and applies them to the next file with that header', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    const first = await engine.previewSpend(file());
    expect(first.profile).toBeNull();
    await engine.importSpend(file(), { ...first.columns, department: 2 });
    const next = await engine.previewSpend({ name: 'next-quarter.csv', bytes: readBytes(resolve(FIXTURES, 'spend/extra-spend.csv')) });
    // Unnamed, a profile takes the file's name without its extension.
    expect(next.profile).toBe('extra-spend');
    expect(next.columns.department).toBe(2);
    expect(next.sampleLines[0]!.department).toBe('Youth Services');
    const other = await engine.previewSpend({ name: 'other.csv', bytes: new TextEncoder().encode('Date,Supplier,Amount\n01/04/2024,A Ltd,5\n') });
    expect(other.profile).toBeNull();
  });

  it('saves the columns under the name given, lists the profile, and applies it by name to the next file with that header', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    expect(await engine.profiles()).toEqual([]);
    const first = await engine.previewSpend(file());
    await engine.importSpend(file(), { ...first.columns, department: 2 }, undefined, { profileName: '  Quarterly spend (Camden) ' });
    const profiles = await engine.profiles();
    expect(profiles).toEqual([{ name: 'Quarterly spend (Camden)', header: first.header, savedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }]);
    const next = await engine.previewSpend({ name: 'next-quarter.csv', bytes: readBytes(resolve(FIXTURES, 'spend/extra-spend.csv')) });
    expect(next.profile).toBe('Quarterly spend (Camden)');
    expect(next.columns.department).toBe(2);
    // Imported again without a name, the profile keeps the one it has: one profile per header.
    await engine.importSpend({ name: 'next-quarter.csv', bytes: readBytes(resolve(FIXTURES, 'spend/extra-spend.csv')) });
    expect((await engine.profiles()).map((p) => p.name)).toEqual(['Quarterly spend (Camden)']);
  });

  it('stops a running import when cancelled, adding nothing', async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput());
    const big = { name: 'big.csv', bytes: new TextEncoder().encode(syntheticSpendCsv(30000)) };
    let asked = false;
    const result = await engine.importSpend(big, undefined, (p) => {
      if (p.fraction > 0 && !asked) {
        asked = true;
        void engine.cancel();
      }
    });
    expect(asked).toBe(true);
    expect(result).toEqual({ ok: false, cancelled: true, problems: [] });
    const after = await engine.summary();
    expect(after.lineCount).toBe(before.lineCount);
    expect(after.sources.map((x) => x.file)).toEqual(before.sources.map((x) => x.file));
    // And the next import runs normally.
    const again = await engine.importSpend(file());
    expect(again.ok).toBe(true);
  });

  it('refuses a file with no amount column, saying what it expected, and stores nothing', async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput());
    const result = await engine.importSpend({ name: 'notes.csv', bytes: new TextEncoder().encode('a,b\n1,2\n') });
    expect(result).toMatchObject({ ok: false, problems: [{ file: 'notes.csv', severity: 'error' }] });
    expect((await engine.summary()).lineCount).toBe(before.lineCount);
  });
});

describe('Engine with Excel spend', () => {
  it('previews and imports the first sheet of an .xlsx like a CSV', async () => {
    const bytes = makeXlsx([
      {
        name: 'Payments',
        rows: [
          ['Payment Date', 'Beneficiary Name', 'Organisational Unit', 'Amount GBP', 'Longitude', 'Latitude'],
          [{ date: '2025-04-02' }, 'Heronway Youth Trust', 'Youth Services', 1250, 2.626946, 53.052472],
          [{ date: '2025-04-03' }, 'Greenway Grounds Ltd', 'Parks and Open Spaces', 310.5, 2.60719, 53.030424],
        ],
      },
    ]);
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput());
    const preview = await engine.previewSpend({ name: 'q1.xlsx', bytes });
    expect(preview).toMatchObject({ headerRow: 1, dataRows: 2, encoding: 'xlsx, sheet "Payments"', sheets: ['Payments'], sheet: 'Payments' });
    const result = await engine.importSpend({ name: 'q1.xlsx', bytes });
    expect(result.ok && result.summary.placedPence - before.placedPence).toBe(156050);
  });

  // A cover sheet first, as councils often publish: the spend is on the second sheet.
  const twoSheets = () => ({
    name: 'q2.xlsx',
    bytes: makeXlsx([
      { name: 'About', rows: [['Payments over £500, published under the Transparency Code'], ['Contact: finance@example.gov.uk']] },
      {
        name: 'Q2 payments',
        rows: [
          ['Payment Date', 'Beneficiary Name', 'Organisational Unit', 'Amount GBP', 'Longitude', 'Latitude'],
          [{ date: '2025-07-01' }, 'Heronway Youth Trust', 'Youth Services', 400, 2.626946, 53.052472],
          [{ date: '2025-07-02' }, 'Greenway Grounds Ltd', 'Parks and Open Spaces', 99.99, 2.60719, 53.030424],
          [{ date: '2025-07-03' }, 'Greenway Grounds Ltd', 'Parks and Open Spaces', 0.01, 2.60719, 53.030424],
        ],
      },
    ]),
  });

  it("lists a workbook's sheets, reads the first unless told, and reads and imports the sheet named", async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput());
    const first = await engine.previewSpend(twoSheets());
    expect(first).toMatchObject({ sheets: ['About', 'Q2 payments'], sheet: 'About', headerRow: 0 });
    expect(first.problems.map((p) => p.reason)).toContain('the workbook has 2 sheets (About, Q2 payments); "About" was read');
    const second = await engine.previewSpend(twoSheets(), undefined, { sheet: 'Q2 payments' });
    expect(second).toMatchObject({ sheets: ['About', 'Q2 payments'], sheet: 'Q2 payments', headerRow: 1, dataRows: 3, encoding: 'xlsx, sheet "Q2 payments"' });
    expect(second.columns).toMatchObject({ date: 0, supplier: 1, amount: 3 });
    // Chosen, not guessed: no warning that another sheet exists.
    expect(second.problems).toEqual([]);
    expect(second.sampleLines.map((l) => l.amountPence)).toEqual([40000, 9999, 1]);
    const result = await engine.importSpend(twoSheets(), second.columns, undefined, { sheet: 'Q2 payments' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary.lineCount - before.lineCount).toBe(3);
    expect(result.summary.placedPence - before.placedPence).toBe(50000);
    expect(result.summary.sources.at(-1)).toMatchObject({ file: 'q2.xlsx', kind: 'spend', rows: 3, encoding: 'xlsx, sheet "Q2 payments"' });
    expectLedgerInStep(engine);
  });

  it('names the sheets there are when asked for one that is not, and imports nothing', async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput());
    const missing = { file: 'q2.xlsx', reason: 'no sheet called "Q3 payments" (sheets: About, Q2 payments)', severity: 'error' };
    const preview = await engine.previewSpend(twoSheets(), undefined, { sheet: 'Q3 payments' });
    expect(preview).toMatchObject({ sheets: ['About', 'Q2 payments'], sheet: null, headerRow: 0, encoding: 'xlsx' });
    expect(preview.problems).toEqual([missing]);
    const result = await engine.importSpend(twoSheets(), undefined, undefined, { sheet: 'Q3 payments' });
    expect(result).toEqual({ ok: false, problems: [missing] });
    expect((await engine.summary()).lineCount).toBe(before.lineCount);
  });

  it('has no sheets for a CSV', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    const preview = await engine.previewSpend({ name: 'extra-spend.csv', bytes: readBytes(resolve(FIXTURES, 'spend/extra-spend.csv')) }, undefined, { sheet: 'ignored' });
    expect(preview).toMatchObject({ sheets: [], sheet: null, headerRow: 4 });
  });
});

describe('a CPV column in a spend file', () => {
  it('is detected and sorts lines by the CPV rules when nothing else does, kept with each line', async () => {
    const csv = [
      'Payment Date,Supplier,Service,Amount,CPV Code,Longitude,Latitude',
      '15/06/2024,Home Help Ltd,Commissioning,100.00,85311000-2 Social work services with accommodation,-0.1269,51.5194',
      '15/06/2024,Tree Care Ltd,Commissioning,200.00,77340000,-0.1269,51.5194',
      '15/06/2024,Stationery Ltd,Commissioning,50.00,,-0.1269,51.5194',
    ].join('\n');
    const engine = new Engine(SQL);
    const preview = await engine.previewSpend({ name: 'cpv.csv', bytes: new TextEncoder().encode(csv) });
    expect(preview.columns.cpv).toBe(4);
    expect(preview.sampleLines.map((l) => l.cpv)).toEqual(['85311000-2', '77340000', '']);
    await engine.loadProject({ name: 'cpv', wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) }, spend: [{ name: 'cpv.csv', bytes: new TextEncoder().encode(csv) }] });
    const db = new SQL.Database(engine.exportBytes());
    expect(db.exec('SELECT supplier, cpv, service_area, rule_id FROM spend_lines ORDER BY id')[0]!.values).toEqual([
      ['Home Help Ltd', '85311000-2', 'social-care', 'cpv-social-care'],
      ['Tree Care Ltd', '77340000', 'green-spaces', 'cpv-green-spaces'],
      ['Stationery Ltd', '', 'other', null],
    ]);
    db.close();
  });
});

describe('data health: suspected duplicates and spend before the boundaries', () => {
  const csv = [
    'Payment Date,Beneficiary Name,Amount GBP,Unique Identifier,Longitude,Latitude',
    '15/06/2021,Camden Care Ltd,100.00,T1,-0.1269,51.5194',
    '15/06/2021,Camden Care Ltd,100.00,T1,-0.1269,51.5194',
    '15/06/2021,camden care ltd ,100.00,T1,-0.1269,51.5194',
    '15/06/2021,Camden Care Ltd,100.00,T2,-0.1269,51.5194',
    '15/06/2021,REDACTED,50.00,,-0.1269,51.5194',
    '15/06/2021,REDACTED,50.00,,-0.1269,51.5194',
    '01/07/2023,Later Ltd,70.00,T3,-0.1269,51.5194',
  ].join('\n');

  it('flags lines repeating supplier, date, amount and transaction id, without removing them', async () => {
    const engine = new Engine(SQL);
    const s = await engine.loadProject({ name: 'dup', wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) }, spend: [{ name: 'dup.csv', bytes: new TextEncoder().encode(csv) }] });
    expect(s.lineCount).toBe(7);
    expect(s.duplicates).toMatchObject({ lines: 2, pence: 20000, groups: 1 });
    expect(s.duplicates.examples[0]).toMatchObject({ supplier: 'Camden Care Ltd', date: '2021-06-15', amountPence: 10000, copies: 3, where: ['dup.csv row 2', 'dup.csv row 3', 'dup.csv row 4'] });
  });

  it('counts them again after each import (the count is kept between imports and in the saved file)', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject({ name: 'dup', wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) }, spend: [{ name: 'dup.csv', bytes: new TextEncoder().encode(csv) }] });
    const again = await engine.importSpend({ name: 'again.csv', bytes: new TextEncoder().encode(csv) });
    // Six copies of one line (5 beyond the first), two of another, two of the 2023 line; REDACTED never.
    expect(again.ok && again.summary.duplicates).toMatchObject({ lines: 7, groups: 3 });
    const reopened = new Engine(SQL);
    const opened = await reopened.openProject({ name: 'dup.gpkg', bytes: engine.exportBytes() });
    expect(opened.ok && opened.summary.duplicates).toEqual(again.ok && again.summary.duplicates);
  });

  it('finds the same duplicates while a project loads as the project\'s own count finds after an import', async () => {
    // Many lines sharing few suppliers, dates and amounts, with names differing only by case, spaces and tabs,
    // redacted payees, blank dates and negative amounts: the finder (loadProject) and SQL (importSpend) must agree.
    const suppliers = ['Camden Care Ltd', 'camden care ltd', '  Camden Care Ltd ', '\tCamden Care Ltd', 'ÉCOLE Ltd', 'école Ltd', 'REDACTED', 'Redacted person', 'Ünïcode 🏠 Ltd', ' '];
    const file = (seed: number, n: number) => {
      const rows = ['Payment Date,Beneficiary Name,Amount GBP,Unique Identifier,Longitude,Latitude'];
      let x = seed;
      const next = (k: number) => ((x = (x * 1103515245 + 12345) % 2147483648), x % k);
      for (let i = 0; i < n; i++) {
        const date = next(9) === 0 ? '' : `0${1 + next(3)}/06/2023`;
        const amount = (next(2) ? '' : '-') + String(10 + next(6)) + '.00';
        rows.push(`${date},"${suppliers[next(suppliers.length)]}",${amount},${next(3) === 0 ? '' : `T${next(4)}`},-0.1269,51.5194`);
      }
      return { name: `dup-${seed}.csv`, bytes: new TextEncoder().encode(rows.join('\n')) };
    };
    const [a, b] = [file(1, 1500), file(2, 1500)];
    const wards = { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) };
    const loaded = await new Engine(SQL).loadProject({ name: 'dup', wards, spend: [a, b] });
    const engine = new Engine(SQL);
    await engine.loadProject({ name: 'dup', wards, spend: [a] });
    const imported = await engine.importSpend(b);
    expect(imported.ok).toBe(true);
    const counted = imported.ok ? imported.summary.duplicates : null;
    expect(loaded.duplicates.groups).toBeGreaterThan(20);
    expect(loaded.duplicates).toEqual(counted);
  });

  it("warns when placed spend is dated before the boundaries (Camden's WD22 wards: 2022)", async () => {
    const engine = new Engine(SQL);
    const s = await engine.loadProject({ name: 'vintage', wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) }, spend: [{ name: 'dup.csv', bytes: new TextEncoder().encode(csv) }] });
    expect(s.boundaryVintage).toBe('2022 (from the WD22CD field name)');
    expect(s.beforeVintage).toEqual({ vintage: '2022 (from the WD22CD field name)', since: '2022-01-01', lines: 6, pence: 50000 });
  });

  it('has nothing to warn about on the demo: its spend starts when its boundaries do', async () => {
    const engine = new Engine(SQL);
    const s = await engine.loadProject(demoInput());
    expect(s.boundaryVintage).toBe('April 2022');
    expect(s.beforeVintage).toBeNull();
  });
});

/** The ledger's stored counts equal a fresh count of the lines. */
function expectLedgerInStep(engine: Engine): void {
  const db = new SQL.Database(engine.exportBytes());
  const counted = db.exec(`SELECT source_id, placed, locate_method, unlocated_reason, rule_id, service_area, lines, pence, first_date, last_date
    FROM ledger_groups ORDER BY 1, 2, 3, 4, 5, 6`)[0]!.values;
  const fresh = db.exec(`SELECT source_id, ward_code IS NOT NULL, locate_method, unlocated_reason, rule_id, service_area, COUNT(*), SUM(amount_pence),
    MIN(payment_date), MAX(payment_date) FROM spend_lines GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`)[0]!.values;
  expect(counted).toEqual(fresh);
  // No index on the lines: ward totals come from the explorer's columns (see OLD_WARD_INDEX).
  expect(db.exec("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'spend_line_rows'")[0]!.values[0]![0]).toBe(0);
  db.close();
}
