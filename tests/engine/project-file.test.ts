// The project file: a GeoPackage that reopens equal, that GDAL reads cleanly, and that refuses what it cannot trust.
import initSqlJs, { type Database } from 'sql.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../renderer/engine/engine';
import { SCHEMA_VERSION, TABLES } from '../../renderer/engine/schema';
import { decodeGpkgGeometry } from '../../renderer/domain/gpkg-geometry';
import { demoInput } from '../demo-input';
import { CAMDEN_WARDS, FIXTURES, SHARED_DATA, readBytes, readText } from '../paths';
import type { ProjectInput } from '../../renderer/engine/contract';

const SQL = await initSqlJs();
const camden = (path: string) => ({ name: path.split('/').pop()!, bytes: readBytes(resolve(SHARED_DATA, 'camden', path)) });

/** Camden's wards, postcodes and three places registers, with spend placed every way the ladder allows. */
function camdenInput(): ProjectInput {
  const spend = [
    'Payment Date,Beneficiary Name,Purpose,Organisational Unit,Amount GBP,Unique Identifier,Postcode,Place Name,Longitude,Latitude',
    '02/04/2025,Heronway Youth Trust,Detached youth work,Youth Services,"1,250.00",T1,,,-0.1426,51.5390',
    '03/04/2025,Camden Care Co,Home care,Adult Social Care,980.10,T2,NW1 0AA,,,',
    '04/04/2025,Leaf & Branch,Tree works,Parks and Open Spaces,640.00,T3,,Camden Town Library,,',
    '05/04/2025,Estate Lifts Ltd,Lift maintenance,Housing - Estate Management,(120.00),T4,ZZ9 9ZZ,,,',
    '06/04/2025,Nowhere Ltd,Audit fees,Finance,55.00,T5,,Atlantis Youth Club,,',
    'bad date,Broken Row Ltd,Nothing,Finance,,T6,,,,',
  ].join('\n');
  return {
    name: 'Camden round trip',
    boundaryVintage: 'May 2022',
    wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) },
    postcodes: camden('postcodes-codepoint-2014.csv'),
    places: [camden('places/libraries.csv'), camden('places/public-toilets.csv'), camden('places/polling-stations.csv')],
    spend: [{ name: 'camden-spend.csv', bytes: new TextEncoder().encode(spend) }],
  };
}

/** Every table's rows, in row order, leaving out only what a save itself stamps (when it happened). */
function tableRows(bytes: Uint8Array): Record<string, unknown[][]> {
  const db = new SQL.Database(bytes);
  try {
    const out: Record<string, unknown[][]> = {};
    for (const table of TABLES) {
      const where = table === 'meta' ? " WHERE key <> 'saved_at'" : '';
      const columns = table === 'gpkg_contents' ? 'table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id' : '*';
      const order = table === 'postcodes' || table === 'uprns' ? '1' : table === 'spend_line_wards' ? '1, 2' : 'rowid';
      out[table] = db.exec(`SELECT ${columns} FROM ${table}${where} ORDER BY ${order}`)[0]?.values ?? [];
    }
    return out;
  } finally {
    db.close();
  }
}

async function roundTrip(input: ProjectInput) {
  const engine = new Engine(SQL);
  await engine.loadProject(input);
  // A rule edited by hand and a column profile saved by an import: the person's own work must come back.
  const rules = await engine.ruleSet();
  rules.rules.find((r) => r.id === 'department-youth')!.keywords.push('play service');
  rules.missions.push({ id: 'night-time', label: 'Night-time economy' });
  expect((await engine.setRuleSet(rules)).ok).toBe(true);
  const extra = await engine.importSpend({ name: 'extra-spend.csv', bytes: readBytes(resolve(FIXTURES, 'spend/extra-spend.csv')) }, undefined, undefined, { profileName: 'Quarterly returns' });
  expect(extra.ok).toBe(true);
  // And an answer in the review list of place names (kept even when no line waits on it now).
  const places = await engine.placeReview();
  await engine.decidePlaceMatch('a made up phrase', { name: 'Somewhere', source: 'places.csv row 2' }, 'reject', '2026-11-27T08:00:00.000Z');
  expect((await engine.placeReview()).decided).toHaveLength(places.decided.length + 1);
  const saved = engine.exportBytes();
  const reopened = new Engine(SQL);
  const opened = await reopened.openProject({ name: 'round-trip.gpkg', bytes: saved.slice() });
  expect(opened.ok).toBe(true);
  return { engine, reopened, saved, resaved: reopened.exportBytes() };
}

describe('Saving and opening a project', () => {
  it('gives back every row, rule, profile and ledger entry of a Camden project, and the same answers', async () => {
    const { engine, reopened, saved, resaved } = await roundTrip(camdenInput());
    expect(tableRows(resaved)).toEqual(tableRows(saved));
    expect(await reopened.summary()).toEqual(await engine.summary());
    expect(await reopened.ruleSet()).toEqual(await engine.ruleSet());
    expect(await reopened.profiles()).toEqual(await engine.profiles());
    expect(await reopened.placeReview()).toEqual(await engine.placeReview());
    expect(tableRows(resaved).place_match_decisions).toEqual([['a made up phrase', 'Somewhere', 'places.csv row 2', 'reject', '2026-11-27T08:00:00.000Z']]);
    expect(await reopened.mapData()).toEqual(await engine.mapData());
    expect(await reopened.wardDetail('E05013656')).toEqual(await engine.wardDetail('E05013656'));
    const summary = await reopened.summary();
    expect(summary.sources.map((s) => s.kind)).toEqual(['wards', 'postcodes', 'places', 'places', 'places', 'spend', 'spend']);
    expect(summary.ledger.some((e) => e.status === 'excluded')).toBe(true);
    expect(summary.ledger.some((e) => e.status === 'unlocated')).toBe(true);
  });

  it('keeps every ward boundary to 1e-7 degrees of the file it came from', async () => {
    const { resaved } = await roundTrip(camdenInput());
    const source = JSON.parse(readText(CAMDEN_WARDS)) as { features: { properties: { WD22CD: string }; geometry: { type: string; coordinates: unknown } }[] };
    const db = new SQL.Database(resaved);
    const stored = new Map(db.exec('SELECT code, geom FROM wards')[0]!.values.map(([code, geom]) => [code as string, decodeGpkgGeometry(geom as Uint8Array)]));
    db.close();
    expect(stored.size).toBe(20);
    for (const f of source.features) {
      const g = stored.get(f.properties.WD22CD)!;
      expect(g.srsId).toBe(4326);
      expect(g.geometry?.type).toBe('MultiPolygon');
      const want = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as number[][][][];
      const got = (g.geometry as { coordinates: number[][][][] }).coordinates;
      expect(got.length).toBe(want.length);
      want.forEach((polygon, p) => polygon.forEach((ring, r) => {
        // Rings are stored closed; the file's may already be.
        ring.forEach((pos, i) => {
          expect(Math.abs(got[p]![r]![i]![0]! - pos[0]!)).toBeLessThan(1e-7);
          expect(Math.abs(got[p]![r]![i]![1]! - pos[1]!)).toBeLessThan(1e-7);
        });
      }));
    }
  });

  it('round-trips the demo project with its polygon places', async () => {
    const { saved, resaved, reopened, engine } = await roundTrip(demoInput());
    expect(tableRows(resaved)).toEqual(tableRows(saved));
    expect(await reopened.summary()).toEqual(await engine.summary());
    const db = new SQL.Database(resaved);
    const types = new Set(db.exec('SELECT geom FROM places')[0]!.values.map(([g]) => decodeGpkgGeometry(g as Uint8Array).geometry?.type));
    db.close();
    expect(types.has('Polygon') || types.has('MultiPolygon')).toBe(true);
  });

  it('writes a GeoPackage: application id, version, feature tables with counts and extents, WGS84, a point per located line', async () => {
    const engine = new Engine(SQL);
    const summary = await engine.loadProject(demoInput());
    const db = new SQL.Database(engine.exportBytes());
    const one = (sql: string) => db.exec(sql)[0]!.values[0]!;
    expect(one('PRAGMA application_id')[0]).toBe(0x47504b47);
    expect(one('PRAGMA user_version')[0]).toBe(10300);
    expect(db.exec("SELECT table_name, data_type, srs_id FROM gpkg_contents ORDER BY table_name")[0]!.values).toEqual([
      ['annotations', 'features', 4326], ['places', 'features', 4326], ['sources', 'attributes', null], ['spend_lines', 'features', 4326], ['wards', 'features', 4326],
    ]);
    expect(db.exec('SELECT table_name, feature_count FROM gpkg_ogr_contents ORDER BY table_name')[0]!.values).toEqual([
      ['annotations', 0], ['places', 78], ['spend_lines', summary.lineCount], ['wards', 20],
    ]);
    expect(one("SELECT count(*) FROM spend_lines WHERE geom IS NOT NULL")[0]).toBe(summary.placedLines);
    const [minX, minY, maxX, maxY] = one("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'spend_lines'") as number[];
    const [lon, lat, geom] = one('SELECT lon, lat, geom FROM spend_lines WHERE geom IS NOT NULL LIMIT 1') as [number, number, Uint8Array];
    expect(decodeGpkgGeometry(geom).geometry).toEqual({ type: 'Point', coordinates: [lon, lat] });
    expect(lon).toBeGreaterThanOrEqual(minX!);
    expect(lat).toBeLessThanOrEqual(maxY!);
    expect(minY).toBeLessThan(maxY!);
    expect(maxX).toBeGreaterThan(minX!);
    db.close();
  });

  it('ogrinfo lists the four feature layers (workshop notes the fourth) with their counts in EPSG:4326, without a warning or an error', async () => {
    const engine = new Engine(SQL);
    const summary = await engine.loadProject(demoInput());
    const dir = mkdtempSync(join(tmpdir(), 'placelens-gpkg-'));
    const path = join(dir, 'demo.gpkg');
    writeFileSync(path, engine.exportBytes());
    const listed = spawnSync('ogrinfo', ['-ro', path], { encoding: 'utf8' });
    if (listed.error) throw new Error(`ogrinfo is needed for this test (Debian: apt-get install gdal-bin): ${listed.error.message}`);
    expect(listed.status).toBe(0);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toMatch(/1: wards \(Multi Polygon\)\n2: places\n3: spend_lines \(Point\)\n4: annotations\n5: sources \(None\)\n$/);
    const detail = spawnSync('ogrinfo', ['-ro', '-so', '-al', path], { encoding: 'utf8' });
    expect(detail.stderr).toBe('');
    const layers = detail.stdout.split(/\nLayer name: /).slice(1);
    const layer = (name: string) => layers.find((l) => l.startsWith(`${name}\n`))!;
    expect(layer('annotations')).toContain('Feature Count: 0\n');
    for (const [name, count] of [['wards', 20], ['places', 78], ['spend_lines', summary.lineCount]] as const) {
      expect(layer(name)).toContain(`Feature Count: ${count}\n`);
      expect(layer(name)).toMatch(/ID\["EPSG",4326\]\]/);
      expect(layer(name)).toMatch(/Extent: \(2\.5\d+, 53\.0\d+\) - \(2\.6\d+, 53\.0\d+\)/);
    }
    // GDAL's own validator of the GeoPackage standard, where python3-gdal is installed (CI installs it).
    const validator = '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py';
    const validated = spawnSync('python3', [validator, path], { encoding: 'utf8' });
    expect(`${validated.stdout}${validated.stderr}`).toBe('');
    expect(validated.status).toBe(0);
  });

  it('opens a format-1 project (before GeoPackage) and migrates it in memory, leaving the file as it was', async () => {
    const path = resolve(FIXTURES, 'projects/demo-schema-1.placelens.sqlite');
    const bytes = readBytes(path);
    const before = readFileSync(path);
    const old = new SQL.Database(bytes);
    const count = (db: Database, table: string) => db.exec(`SELECT count(*) FROM ${table}`)[0]!.values[0]![0];
    const engine = new Engine(SQL);
    const opened = await engine.openProject({ name: 'demo-schema-1.placelens.sqlite', bytes: bytes.slice() });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.migratedFrom).toBe(1);
    expect(readFileSync(path).equals(before)).toBe(true);
    const migrated = new SQL.Database(engine.exportBytes());
    for (const table of ['sources', 'wards', 'spend_lines', 'excluded_rows', 'places', 'postcodes', 'column_profiles', 'problems', 'ledger_groups']) {
      expect([table, count(migrated, table)]).toEqual([table, count(old, table)]);
    }
    expect(migrated.exec("SELECT value FROM meta WHERE key = 'schema_version'")[0]!.values[0]![0]).toBe(String(SCHEMA_VERSION));
    expect(migrated.exec("SELECT value FROM meta WHERE key = 'rule_set'")[0]!.values).toEqual(old.exec("SELECT value FROM meta WHERE key = 'rule_set'")[0]!.values);
    expect(migrated.exec('SELECT name FROM column_profiles')[0]!.values).toEqual([['Fenmarsh extra']]);
    // Same lines, same places, same sums; the points are the old lon/lat.
    const lines = (db: Database) => db.exec('SELECT id, amount_pence, ward_code, locate_method, service_area, lon, lat FROM spend_lines ORDER BY id')[0]!.values;
    expect(lines(migrated)).toEqual(lines(old));
    const points = migrated.exec('SELECT lon, lat, geom FROM spend_lines WHERE lon IS NOT NULL')[0]!.values;
    for (const [lon, lat, geom] of points) expect(decodeGpkgGeometry(geom as Uint8Array).geometry).toEqual({ type: 'Point', coordinates: [lon, lat] });
    const oldWard = JSON.parse(old.exec("SELECT geometry FROM wards LIMIT 1")[0]!.values[0]![0] as string) as { type: string; coordinates: unknown };
    const newWard = decodeGpkgGeometry(migrated.exec('SELECT geom FROM wards ORDER BY fid LIMIT 1')[0]!.values[0]![0] as Uint8Array).geometry as { coordinates: unknown };
    expect(newWard.coordinates).toEqual(oldWard.type === 'Polygon' ? [oldWard.coordinates] : oldWard.coordinates);
    expect((await engine.summary()).lineCount).toBe(count(old, 'spend_lines'));
    old.close();
    migrated.close();
  });

  it('opens a format-2 project and gives every line a CPV column, contract awards their codes', async () => {
    const path = resolve(FIXTURES, 'projects/demo-schema-2.gpkg');
    const old = new SQL.Database(readBytes(path));
    const engine = new Engine(SQL);
    const opened = await engine.openProject({ name: 'demo-schema-2.gpkg', bytes: readBytes(path) });
    expect(opened.ok && opened.migratedFrom).toBe(2);
    const migrated = new SQL.Database(engine.exportBytes());
    const cpvs = migrated.exec("SELECT line_kind, cpv, count(*) FROM spend_lines GROUP BY 1, 2 ORDER BY 1")[0]!.values;
    expect(cpvs).toEqual([['contract award', '50100000', 1], ['payment', '', 407]]);
    const lines = (db: Database) => db.exec('SELECT id, amount_pence, ward_code, locate_method, service_area, rule_id, missions, hex(geom) FROM spend_lines ORDER BY id')[0]!.values;
    expect(lines(migrated)).toEqual(lines(old));
    expect(migrated.exec("SELECT value FROM meta WHERE key = 'schema_version'")[0]!.values[0]![0]).toBe(String(SCHEMA_VERSION));
    // A migrated table is laid out as a new one: the same columns in the same order.
    const columns = (db: Database, table: string) => db.exec(`SELECT name FROM pragma_table_info('${table}')`)[0]!.values.flat();
    const fresh = new Engine(SQL);
    await fresh.newProject('x');
    const made = new SQL.Database(fresh.exportBytes());
    for (const table of ['spend_lines', 'wards']) expect(columns(migrated, table)).toEqual(columns(made, table));
    // Format 4's ward populations: none known for a project made before them.
    expect(migrated.exec('SELECT count(*) FROM wards WHERE population IS NULL')[0]!.values[0]![0]).toBe(old.exec('SELECT count(*) FROM wards')[0]!.values[0]![0]);
    old.close();
    migrated.close();
  });

  it('opens a format-3 project and gives its wards a population column, none known', async () => {
    const path = resolve(FIXTURES, 'projects/demo-schema-3.gpkg');
    const old = new SQL.Database(readBytes(path));
    const engine = new Engine(SQL);
    const opened = await engine.openProject({ name: 'demo-schema-3.gpkg', bytes: readBytes(path) });
    expect(opened.ok && opened.migratedFrom).toBe(3);
    const migrated = new SQL.Database(engine.exportBytes());
    const wards = (db: Database) => db.exec('SELECT code, name, hex(geom) FROM wards ORDER BY fid')[0]!.values;
    expect(wards(migrated)).toEqual(wards(old));
    expect(migrated.exec('SELECT count(*) FROM wards WHERE population IS NULL')[0]!.values[0]![0]).toBe(20);
    const lines = (db: Database) => db.exec('SELECT id, amount_pence, ward_code, cpv, hex(geom) FROM spend_lines ORDER BY id')[0]!.values;
    expect(lines(migrated)).toEqual(lines(old));
    expect(migrated.exec("SELECT value FROM meta WHERE key = 'schema_version'")[0]!.values[0]![0]).toBe(String(SCHEMA_VERSION));
    old.close();
    migrated.close();
  });

  it('opens a format-5 project and gives its spend lines a supplier postcode column, none known, keeping its story and notes', async () => {
    const path = resolve(FIXTURES, 'projects/demo-schema-5.gpkg');
    const old = new SQL.Database(readBytes(path));
    const engine = new Engine(SQL);
    const opened = await engine.openProject({ name: 'demo-schema-5.gpkg', bytes: readBytes(path) });
    expect(opened.ok && opened.migratedFrom).toBe(5);
    const migrated = new SQL.Database(engine.exportBytes());
    const lines = (db: Database) => db.exec('SELECT id, amount_pence, ward_code, cpv, hex(geom) FROM spend_lines ORDER BY id')[0]!.values;
    expect(lines(migrated)).toEqual(lines(old));
    expect(migrated.exec("SELECT count(*) FROM spend_lines WHERE supplier_postcode = ''")[0]!.values[0]![0]).toBe(lines(old).length);
    // Which field placed each line, as far as the method says.
    const from = migrated.exec('SELECT locate_method, located_from, count(*) FROM spend_lines GROUP BY 1, 2 ORDER BY 1')[0]!.values;
    expect(from.every(([method, field]) => (method === null) === (field === null))).toBe(true);
    expect(from.find(([method]) => method === 'coordinates')?.[1]).toBe('coordinate columns');
    const columns = (db: Database, table: string) => db.exec(`SELECT name FROM pragma_table_info('${table}')`)[0]!.values.flat();
    const fresh = new Engine(SQL);
    await fresh.newProject('x');
    expect(columns(migrated, 'spend_lines')).toEqual(columns(new SQL.Database(fresh.exportBytes()), 'spend_lines'));
    expect((await engine.story()).slides.map((s) => s.title)).toEqual(['Youth and estates']);
    expect((await engine.annotations()).map((a) => a.note)).toEqual(['A note kept from format 5']);
    expect(await engine.placeReview()).toEqual({ pending: [], decided: [] });
    expect(migrated.exec("SELECT value FROM meta WHERE key = 'schema_version'")[0]!.values[0]![0]).toBe(String(SCHEMA_VERSION));
    old.close();
    migrated.close();
  });

  it('opens a format-6 project and gives it the table of lines divided between wards, keeping every line as it was', async () => {
    const path = resolve(FIXTURES, 'projects/demo-schema-6.gpkg');
    const old = new SQL.Database(readBytes(path));
    const engine = new Engine(SQL);
    const opened = await engine.openProject({ name: 'demo-schema-6.gpkg', bytes: readBytes(path) });
    expect(opened.ok && opened.migratedFrom).toBe(6);
    const migrated = new SQL.Database(engine.exportBytes());
    const lines = (db: Database) => db.exec('SELECT id, amount_pence, ward_code, locate_method, located_from, supplier_postcode, hex(geom) FROM spend_lines ORDER BY id')[0]!.values;
    expect(lines(migrated)).toEqual(lines(old));
    const columns = (db: Database, table: string) => db.exec(`SELECT name FROM pragma_table_info('${table}')`)[0]!.values.flat();
    const fresh = new Engine(SQL);
    await fresh.newProject('x');
    expect(columns(migrated, 'spend_line_wards')).toEqual(columns(new SQL.Database(fresh.exportBytes()), 'spend_line_wards'));
    // None of this project's outlined places with spend crosses a ward boundary, so nothing is divided.
    expect(migrated.exec('SELECT COUNT(*) FROM spend_line_wards')[0]!.values[0]![0]).toBe(0);
    expect((await engine.story()).slides.map((s) => s.title)).toEqual(['Youth and estates']);
    expect(migrated.exec("SELECT value FROM meta WHERE key = 'schema_version'")[0]!.values[0]![0]).toBe(String(SCHEMA_VERSION));
    old.close();
    migrated.close();
  });

  it('opens a format-7 project and stores its lines with numbers for their words, every line, part and award as it was', async () => {
    const path = resolve(FIXTURES, 'projects/demo-schema-7.gpkg');
    const old = new SQL.Database(readBytes(path));
    const engine = new Engine(SQL);
    const opened = await engine.openProject({ name: 'demo-schema-7.gpkg', bytes: readBytes(path) });
    expect(opened.ok && opened.migratedFrom).toBe(7);
    const migrated = new SQL.Database(engine.exportBytes());
    const every = (db: Database, sql: string) => db.exec(sql)[0]?.values ?? [];
    // The whole layer as QGIS reads it: every column of every line, geometry included.
    const layer = 'SELECT *, hex(geom) FROM spend_lines ORDER BY id';
    expect(every(migrated, layer)).toEqual(every(old, layer));
    expect(every(migrated, layer).length).toBe(2001);
    expect(every(migrated, "SELECT type FROM sqlite_schema WHERE name = 'spend_lines'")).toEqual([['view']]);
    // The six lines at an estate that crosses a ward boundary keep their parts; the contract award keeps its line.
    expect(every(migrated, 'SELECT * FROM spend_line_wards ORDER BY 1, 2')).toEqual(every(old, 'SELECT * FROM spend_line_wards ORDER BY 1, 2'));
    expect(every(migrated, 'SELECT COUNT(DISTINCT line_id) FROM spend_line_wards')).toEqual([[6]]);
    expect(every(migrated, 'SELECT * FROM contract_awards')).toEqual(every(old, 'SELECT * FROM contract_awards'));
    expect(every(migrated, "SELECT sql LIKE '%REFERENCES spend_line_rows(id)%' FROM sqlite_schema WHERE name IN ('contract_awards', 'spend_line_wards')")).toEqual([[1], [1]]);
    expect(every(migrated, 'PRAGMA foreign_key_check')).toEqual([]);
    // Each word once: a line's supplier is a number, and the words are those the old table had.
    expect(every(migrated, 'SELECT typeof(supplier), typeof(service_area) FROM spend_line_rows LIMIT 1')).toEqual([['integer', 'integer']]);
    expect(every(migrated, 'SELECT COUNT(*) FROM spend_texts')).toEqual(every(old, `SELECT COUNT(*) FROM (${['supplier', 'purpose', 'department', 'service_area', 'rule_id', 'missions', 'mission_rules', 'ward_code', 'locate_method', 'unlocated_reason', 'line_kind', 'located_from'].map((c) => `SELECT ${c} FROM spend_lines WHERE ${c} IS NOT NULL`).join(' UNION ')})`));
    // The same answers as before, and new lines store their words beside the old ones.
    const summary = await engine.summary();
    expect(summary.lineCount).toBe(2001);
    const more = await engine.importSpend({ name: 'extra-spend.csv', bytes: readBytes(resolve(FIXTURES, 'spend/extra-spend.csv')) });
    expect(more.ok).toBe(true);
    const after = new SQL.Database(engine.exportBytes());
    expect(every(after, 'SELECT COUNT(*) FROM spend_lines WHERE supplier IS NULL OR service_area IS NULL OR line_kind IS NULL')).toEqual([[0]]);
    expect(every(after, 'SELECT COUNT(*) FROM spend_line_rows')).toEqual(every(after, 'SELECT COUNT(*) FROM spend_lines'));
    old.close();
    migrated.close();
    after.close();
  });

  it('refuses a project from a newer PlaceLens, keeping the open project', async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput());
    const result = await engine.openProject({ name: 'from-the-future.gpkg', bytes: readBytes(resolve(FIXTURES, 'projects/future-schema-99.gpkg')) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]!.reason).toMatch(new RegExp(`it was saved by a newer PlaceLens \\(project format 99\\); this one reads formats up to ${SCHEMA_VERSION}\\. Nothing was changed`));
    expect(await engine.summary()).toEqual(before);
  });

  it('refuses cut-off, damaged and foreign files with the reason, keeping the open project', async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput());
    const good = engine.exportBytes();
    const open = async (name: string, bytes: Uint8Array) => {
      const r = await engine.openProject({ name, bytes });
      expect(r.ok).toBe(false);
      expect(await engine.summary()).toEqual(before);
      return r.ok ? null : r;
    };
    expect((await open('cut.gpkg', good.slice(0, Math.floor(good.length / 2))))!.problems[0]!.reason).toMatch(/the file is cut short: it holds [\d,]+ bytes of the [\d,]+ it says it has/);
    const damaged = good.slice();
    for (let i = 40 * 4096; i < 44 * 4096; i++) damaged[i] = (i * 7) & 0xff;
    expect((await open('damaged.gpkg', damaged))!.problems[0]!.reason).toMatch(/the file is damaged/);
    expect((await open('notes.gpkg', new TextEncoder().encode('not a database at all'.repeat(20))))!.problems[0]!.reason).toMatch(/the file is not a PlaceLens project or GeoPackage/);
    const foreign = await open('bng-wards.gpkg', readBytes(resolve(FIXTURES, 'wards/bng-wards.gpkg')));
    expect(foreign!.geopackage).toBe(true);
    expect(foreign!.problems[0]!.reason).toMatch(/the file is a GeoPackage but not a PlaceLens project/);
  });

  it('starts a new, empty project that saves and opens', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    const empty = await engine.newProject('Untitled project');
    expect([empty.name, empty.wardCount, empty.lineCount, empty.sources]).toEqual(['Untitled project', 0, 0, []]);
    const again = new Engine(SQL);
    const opened = await again.openProject({ name: 'untitled.gpkg', bytes: engine.exportBytes() });
    expect(opened.ok && opened.summary.name).toBe('Untitled project');
  });
});

// Keeps the fixture honest: it is what the current code writes, with only its format number raised.
describe('the future-format fixture', () => {
  it('differs from a current project only in its schema version', () => {
    const db = new SQL.Database(readBytes(resolve(FIXTURES, 'projects/future-schema-99.gpkg')));
    expect(db.exec("SELECT value FROM meta WHERE key = 'schema_version'")[0]!.values[0]![0]).toBe('99');
    expect(db.exec("SELECT count(*) FROM gpkg_contents")[0]!.values[0]![0]).toBe(4);
    db.close();
  });
});

describe('a GeoPackage that is not a project', () => {
  it('lists its layers with what each can be read as, and adds one as a places register', async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput({ places: false }));
    const file = { name: 'bng-wards.gpkg', bytes: readBytes(resolve(FIXTURES, 'wards/bng-wards.gpkg')) };
    const listed = await engine.geopackageLayers(file);
    expect(listed.ok && listed.layers.map((l) => [l.table, l.features, l.usableAs])).toEqual([
      ['bng_wards', 1, ['wards', 'places']],
      ['demo_wards_bng', 20, ['wards', 'places']],
    ]);
    // Ward polygons have no "name" field (theirs is ward_name): refused with the reason, nothing stored.
    const unnamed = await engine.addReference('places', file, undefined, { layer: 'demo_wards_bng' });
    expect(unnamed.ok ? [] : [...new Set(unnamed.problems.map((p) => p.reason))]).toEqual(['place has no name (expected a "name" property)']);
    // Another project's places layer, read from its GeoPackage like any other.
    const other = new Engine(SQL);
    await other.loadProject(demoInput());
    const added = await engine.addReference('places', { name: 'other-project.gpkg', bytes: other.exportBytes() }, undefined, { layer: 'places' });
    expect(added.ok ? [] : added.problems).toEqual([]);
    if (!added.ok) return;
    const source = added.summary.sources.at(-1)!;
    expect([source.kind, source.rows, source.encoding]).toEqual(['places', 78, 'GeoPackage, layer "places"']);
    expect(added.newlyPlaced).toBeGreaterThan(0);
    expect(added.summary.lineCount).toBe(before.lineCount);
    const missing = await engine.addReference('places', file, undefined, { layer: 'parks' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problems.at(-1)!.reason).toBe('the GeoPackage has no layer "parks" (layers: "bng_wards" (POLYGON), "demo_wards_bng" (POLYGON))');
  });
});
