// The project file: the working database written out as one GeoPackage, read back, checked and migrated.
// The working copy lives in SQLite's temp schema with exactly the file's layout, so saving and opening are page
// copies (SQLite's backup), not a row-by-row rewrite: 1,000,000 lines rewritten row by row took half a minute.

import type { Database, SqlJsStatic } from 'sql.js';
import type { Geometry } from 'geojson';
import { decodeGpkgGeometry, encodeGpkgGeometry, type GpkgWritableGeometry } from '../domain/gpkg-geometry';
import type { InputProblem } from '../domain/problems';
import { FEATURE_TABLES, GPKG_APPLICATION_ID, SCHEMA_VERSION, OLD_WARD_INDEX, STORY_SLIDES_TABLE, ANNOTATIONS_TABLE, PLACE_DECISIONS_TABLE, LINE_WARDS_TABLE, WGS84_SRS_ID, featureTableRegistration, schemaSql, CODED_LINE_COLUMNS, LINE_COLUMNS, SPEND_LINE_ROWS_TABLES, SPEND_LINES_VIEW, FORMAT_7_SPEND_LINES } from './schema';
import { queryAll } from './sql';

/** What sql.js has beyond its typings: the connection's pointer, its in-memory file, and the C calls for backup. */
interface SqlJsInternals {
  _sqlite3_backup_init(dest: number, destName: number, src: number, srcName: number): number;
  _sqlite3_backup_step(backup: number, pages: number): number;
  _sqlite3_backup_finish(backup: number): number;
  _sqlite3_errmsg(db: number): number;
  stringToNewUTF8(s: string): number;
  UTF8ToString(pointer: number): string;
  _free(pointer: number): void;
}
type DatabaseInternals = Database & { db: number; filename: string };

const SQLITE_OK = 0;
const SQLITE_DONE = 101;
const SQLITE_HEADER = 'SQLite format 3\u0000';

/** Copies one whole database (schema name) of a connection over another's, page by page. */
function backup(SQL: SqlJsStatic, dest: Database, destName: string, src: Database, srcName: string): void {
  const c = SQL as unknown as SqlJsInternals;
  const destPointer = (dest as DatabaseInternals).db;
  const d = c.stringToNewUTF8(destName);
  const s = c.stringToNewUTF8(srcName);
  try {
    const handle = c._sqlite3_backup_init(destPointer, d, (src as DatabaseInternals).db, s);
    if (!handle) throw new Error(`copying the project failed: ${c.UTF8ToString(c._sqlite3_errmsg(destPointer))}`);
    const stepped = c._sqlite3_backup_step(handle, -1);
    const finished = c._sqlite3_backup_finish(handle);
    if (stepped !== SQLITE_DONE || finished !== SQLITE_OK) throw new Error(`copying the project failed: ${c.UTF8ToString(c._sqlite3_errmsg(destPointer))}`);
  } finally {
    c._free(d);
    c._free(s);
  }
}

/**
 * `gpkg_point(lon, lat)`: a GeoPackage point BLOB (little-endian header with srs 4326 and no envelope, then WKB), or
 * NULL when either is NULL. A SQL function so every statement that moves a line also moves its geometry.
 */
export function registerGpkgPoint(db: Database): void {
  const blob = new Uint8Array(29);
  const view = new DataView(blob.buffer);
  blob.set([0x47, 0x50, 0, 1]);
  view.setInt32(4, WGS84_SRS_ID, true);
  view.setUint8(8, 1);
  view.setUint32(9, 1, true);
  // sql.js copies the returned bytes into SQLite before the next call, so one buffer serves every row.
  db.create_function('gpkg_point', (lon: unknown, lat: unknown) => {
    if (typeof lon !== 'number' || typeof lat !== 'number') return null;
    view.setFloat64(13, lon, true);
    view.setFloat64(21, lat, true);
    return blob;
  });
}

/** A geometry PlaceLens itself stored; a blob it cannot read means the file was damaged. */
export function storedGeometry(blob: unknown, what: string): Geometry {
  if (!(blob instanceof Uint8Array)) throw new DamagedProject(`${what} has no geometry`);
  const decoded = decodeGpkgGeometry(blob);
  if (!decoded.geometry) throw new DamagedProject(`the geometry of ${what} cannot be read (${decoded.error ?? 'unknown reason'})`);
  return decoded.geometry;
}

/** The file's content is not what PlaceLens wrote: reported to the person as a damaged file, never as a crash. */
export class DamagedProject extends Error {}

/** A connection set up as the engine's working database, without tables: the caller creates or copies them in. */
export function workingDatabase(SQL: SqlJsStatic): Database {
  const db = new SQL.Database();
  // The database lives in memory until it is saved: no rollback journal file to write and delete on every commit.
  db.run('PRAGMA foreign_keys = ON; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;');
  registerGpkgPoint(db);
  return db;
}

/** Brings the GeoPackage bookkeeping (extents, feature counts, last change) up to date before a save. */
function refreshContents(db: Database): void {
  const now = new Date().toISOString().replace(/\.(\d{3})\d*Z$/, '.$1Z');
  const extent = (table: string, sql: string) => {
    const [row] = queryAll(db, sql);
    db.run('UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, last_change = ? WHERE table_name = ?', [
      row?.min_x ?? null, row?.min_y ?? null, row?.max_x ?? null, row?.max_y ?? null, now, table,
    ]);
  };
  extent('wards', 'SELECT min(min_x) AS min_x, min(min_y) AS min_y, max(max_x) AS max_x, max(max_y) AS max_y FROM wards');
  extent('spend_lines', 'SELECT min(lon) AS min_x, min(lat) AS min_y, max(lon) AS max_x, max(lat) AS max_y FROM spend_line_rows');
  // Places and annotations may be polygons: their extent is their geometries', not their representative points'.
  for (const table of ['places', 'annotations']) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const r of queryAll(db, `SELECT geom FROM ${table}`)) {
      const e = decodeGpkgGeometry(r.geom as Uint8Array);
      const visit = (p: number[]) => {
        minX = Math.min(minX, p[0]!); maxX = Math.max(maxX, p[0]!); minY = Math.min(minY, p[1]!); maxY = Math.max(maxY, p[1]!);
      };
      const g = e.geometry;
      if (g?.type === 'Point') visit(g.coordinates);
      else if (g?.type === 'Polygon') g.coordinates.flat().forEach(visit);
      else if (g?.type === 'MultiPolygon') g.coordinates.flat(2).forEach(visit);
    }
    const any = Number.isFinite(minX);
    db.run('UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, last_change = ? WHERE table_name = ?', [
      any ? minX : null, any ? minY : null, any ? maxX : null, any ? maxY : null, now, table,
    ]);
  }
  // spend_lines is a view: its rows are spend_line_rows' (counting through the view would look up every word).
  for (const f of FEATURE_TABLES) db.run(`UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) FROM ${f.table === 'spend_lines' ? 'spend_line_rows' : f.table}) WHERE table_name = ?`, [f.table]);
  db.run("INSERT INTO meta(key, value) VALUES ('saved_at', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [now]);
}

/** An empty one-page database image: the header a presized file starts with. */
let emptyPage: Uint8Array | null = null;

/**
 * The project as GeoPackage bytes. The copy goes into a file sized in advance: sql.js grows an in-memory file an
 * eighth at a time, copying it whole each time, which made a 200 MB save take seconds more.
 */
export function saveProjectBytes(SQL: SqlJsStatic, db: Database): Uint8Array {
  refreshContents(db);
  if (!emptyPage) {
    const seed = new SQL.Database();
    seed.run('PRAGMA user_version = 1');
    emptyPage = seed.export();
    seed.close();
  }
  // temp's own page count: the bare pragma functions read main, which is empty.
  const pages = Number(queryAll(db, 'PRAGMA temp.page_count')[0]?.page_count ?? 0);
  const pageSize = Number(queryAll(db, 'PRAGMA temp.page_size')[0]?.page_size ?? 4096);
  const template = new Uint8Array(Math.max(pages * pageSize, emptyPage.length));
  template.set(emptyPage);
  const out = new SQL.Database(template);
  try {
    out.run('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF');
    backup(SQL, out, 'main', db, 'temp');
    return out.export();
  } finally {
    out.close();
  }
}

/** What opening a file found. */
export type ReadProjectResult =
  | { ok: true; db: Database; migratedFrom: number | null; name: string }
  | { ok: false; problems: InputProblem[]; /** A GeoPackage, but not a PlaceLens project: its layers can be imported. */ geopackage?: boolean };

const problem = (file: string, reason: string): InputProblem => ({ file, reason, severity: 'error' });

/** Checks the bytes are a whole SQLite file before SQLite reads them (it reports a cut-off file only much later). */
function checkHeader(bytes: Uint8Array): string | null {
  if (bytes.length < 100 || new TextDecoder('latin1').decode(bytes.subarray(0, 16)) !== SQLITE_HEADER) {
    return `the file is not a PlaceLens project or GeoPackage: it does not start as an SQLite database does`;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = view.getUint32(28);
  // The page count in the header is only kept when these two counters agree (SQLite ≥ 3.7.0 writes it so).
  const countValid = pages > 0 && view.getUint32(24) === view.getUint32(92);
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return `the file is damaged: its header gives a page size of ${rawPageSize}`;
  if (countValid && pages * pageSize > bytes.length) {
    return `the file is cut short: it holds ${bytes.length.toLocaleString('en-GB')} bytes of the ${(pages * pageSize).toLocaleString('en-GB')} it says it has (probably stopped while being copied or downloaded). Nothing was changed; use an earlier copy or the recovery file.`;
  }
  if (bytes.length % pageSize !== 0) return `the file is damaged: its length is not a whole number of ${pageSize}-byte pages`;
  return null;
}

/**
 * Reads a project file into a new working database, leaving the caller's untouched until it is whole. A project
 * from an older PlaceLens is migrated in memory (the file on disk changes only when it is saved); one from a newer
 * PlaceLens is refused rather than misread.
 */
export function readProjectBytes(SQL: SqlJsStatic, bytes: Uint8Array, file: string): ReadProjectResult {
  const headerProblem = checkHeader(bytes);
  if (headerProblem) return { ok: false, problems: [problem(file, headerProblem)] };
  const src = new SQL.Database(bytes);
  let db: Database | null = null;
  try {
    let tables: Set<string>;
    try {
      // spend_lines is a table up to format 7 and a view after.
      tables = new Set(queryAll(src, "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')").map((r) => r.name as string));
    } catch (e) {
      return { ok: false, problems: [problem(file, `the file cannot be read as a database (${(e as Error).message}). Nothing was changed.`)] };
    }
    if (!tables.has('meta') || !tables.has('spend_lines')) {
      if (tables.has('gpkg_contents')) {
        return { ok: false, geopackage: true, problems: [problem(file, `the file is a GeoPackage but not a PlaceLens project: its polygon layers can be read as wards (File › Open wards…)`)] };
      }
      return { ok: false, problems: [problem(file, `the file is an SQLite database but neither a PlaceLens project nor a GeoPackage`)] };
    }
    const version = Number(queryAll(src, "SELECT value FROM meta WHERE key = 'schema_version'")[0]?.value ?? NaN);
    if (!Number.isInteger(version) || version < 1) return { ok: false, problems: [problem(file, `the file is damaged: it gives no readable schema version`)] };
    if (version > SCHEMA_VERSION) {
      return {
        ok: false,
        problems: [problem(file, `it was saved by a newer PlaceLens (project format ${version}); this one reads formats up to ${SCHEMA_VERSION}. Nothing was changed: update PlaceLens to open it.`)],
      };
    }
    const check = queryAll(src, 'PRAGMA quick_check').map((r) => String(r.quick_check));
    if (check.length !== 1 || check[0] !== 'ok') {
      return { ok: false, problems: [problem(file, `the file is damaged (${check.slice(0, 3).join('; ')}). Nothing was changed; use an earlier copy or the recovery file.`)] };
    }
    if (queryAll(src, "SELECT 1 AS x FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE%' LIMIT 1").length > 0) {
      return {
        ok: false,
        problems: [problem(file, `the file has a spatial index added by another program (a virtual table), which PlaceLens cannot keep up to date. Nothing was changed.`)],
      };
    }
    db = workingDatabase(SQL);
    if (version >= 2) {
      db.run('CREATE TEMP TABLE placeholder(x)');
      backup(SQL, db, 'temp', src, 'main');
      // GDAL adds triggers keeping its feature counts when QGIS edits a layer: harmless, but PlaceLens keeps the
      // counts itself at every save, so they go rather than slow every import.
      for (const r of queryAll(db, "SELECT name FROM temp.sqlite_schema WHERE type = 'trigger' AND name LIKE 'trigger_%_feature_count_%'")) db.run(`DROP TRIGGER temp."${String(r.name).replace(/"/g, '""')}"`);
    } else {
      migrateFrom1(db, src);
    }
    if (version < SCHEMA_VERSION) upgrade(db, version);
    // Not part of any format's meaning, so dropped from projects of any format that carry it (see OLD_WARD_INDEX).
    db.run(`DROP INDEX IF EXISTS temp.${OLD_WARD_INDEX}`);
    const migratedFrom = version < SCHEMA_VERSION ? version : null;
    const application = Number(queryAll(db, 'PRAGMA temp.application_id')[0]?.application_id);
    if (application !== GPKG_APPLICATION_ID) db.run(`PRAGMA temp.application_id = ${GPKG_APPLICATION_ID}`);
    const name = String(queryAll(db, "SELECT value FROM meta WHERE key = 'name'")[0]?.value ?? '');
    const opened = db;
    db = null;
    return { ok: true, db: opened, migratedFrom, name };
  } catch (e) {
    if (e instanceof DamagedProject) return { ok: false, problems: [problem(file, `the file is damaged: ${e.message}. Nothing was changed.`)] };
    const message = (e as Error).message;
    if (/malformed|not a database|corrupt/i.test(message)) return { ok: false, problems: [problem(file, `the file is damaged (${message}). Nothing was changed.`)] };
    throw e;
  } finally {
    db?.close();
    src.close();
  }
}

/**
 * The steps after format 2, in the working copy (the file itself changes only when saved). Format 1 arrives here
 * already in the current tables (migrateFrom1 builds them), so only its data steps apply to it.
 */
function upgrade(db: Database, from: number): void {
  // 7 → 8 rebuilds tables whose foreign keys name spend_lines, which becomes a view; the keys are checked after.
  db.run('PRAGMA foreign_keys = OFF');
  db.run('BEGIN');
  try {
    // 2 → 3: every line has a CPV column; contract awards' codes move in from contract_awards.
    if (from === 2) db.run("ALTER TABLE temp.spend_lines ADD COLUMN cpv TEXT NOT NULL DEFAULT ''");
    if (from < 3) db.run("UPDATE temp.spend_lines SET cpv = (SELECT cpv FROM temp.contract_awards WHERE line_id = spend_lines.id) WHERE line_kind = 'contract award'");
    // 3 → 4: wards may carry their population (none known for older projects).
    if (from === 2 || from === 3) db.run('ALTER TABLE temp.wards ADD COLUMN population INTEGER');
    // 4 → 5: workshop stories (none in older projects). Format 1 was rebuilt with every current table already.
    if (from >= 2 && from < 5) {
      db.run(STORY_SLIDES_TABLE.replace('CREATE TABLE ', 'CREATE TABLE temp.'));
      db.run(ANNOTATIONS_TABLE.replace('CREATE TABLE ', 'CREATE TABLE temp.'));
      db.run(featureTableRegistration(FEATURE_TABLES.find((f) => f.table === 'annotations')!).replace(/INSERT INTO /g, 'INSERT INTO temp.'));
    }
    // 5 → 6: lines may carry their supplier's postcode (none known for older projects); the review list's decisions.
    if (from >= 2 && from < 6) {
      db.run("ALTER TABLE temp.spend_lines ADD COLUMN supplier_postcode TEXT NOT NULL DEFAULT ''");
      db.run('ALTER TABLE temp.spend_lines ADD COLUMN located_from TEXT');
      db.run(PLACE_DECISIONS_TABLE.replace('CREATE TABLE ', 'CREATE TABLE temp.'));
    }
    // Older projects did not say which field placed a line; the method says as much as is known.
    if (from < 6) {
      db.run(`UPDATE temp.spend_lines SET located_from = CASE locate_method WHEN 'coordinates' THEN 'coordinate columns' WHEN 'uprn' THEN 'UPRN column'
        WHEN 'postcode' THEN 'postcode column' WHEN 'place' THEN 'place name column' WHEN 'ward-name' THEN 'ward code or name column' END`);
    }
    // 6 → 7: spend at places crossing ward boundaries, divided by area (the engine divides older projects' on opening).
    if (from >= 2 && from < 7) db.run(LINE_WARDS_TABLE.replace('CREATE TABLE ', 'CREATE TABLE temp.'));
    // 7 → 8: the lines' repeated words become numbers into spend_texts, behind a spend_lines view.
    if (from < 8) codeSpendLines(db);
    const broken = queryAll(db, 'PRAGMA temp.foreign_key_check');
    if (broken.length > 0) throw new DamagedProject(`${broken.length.toLocaleString('en-GB')} rows of ${String(broken[0]!.table)} refer to rows that are not there`);
    db.run("UPDATE temp.meta SET value = ? WHERE key = 'schema_version'", [String(SCHEMA_VERSION)]);
    db.run('COMMIT');
  } catch (e) {
    db.run('ROLLBACK');
    throw e;
  } finally {
    db.run('PRAGMA foreign_keys = ON');
  }
}

/**
 * Format 7's spend_lines table (words in every column) → spend_line_rows and spend_texts behind the spend_lines view,
 * and the tables whose foreign keys named the table made again naming spend_line_rows. Row ids are kept.
 */
function codeSpendLines(db: Database): void {
  const temp = (sql: string) => sql.replace(/CREATE (TABLE|VIEW) /g, 'CREATE $1 temp.');
  db.run(temp(SPEND_LINE_ROWS_TABLES));
  db.run(`INSERT INTO temp.spend_texts(text) ${CODED_LINE_COLUMNS.map((c) => `SELECT ${c} FROM temp.spend_lines WHERE ${c} IS NOT NULL`).join(' UNION ')}`);
  const columns = LINE_COLUMNS.map((c) => ((CODED_LINE_COLUMNS as readonly string[]).includes(c) ? `(SELECT id FROM temp.spend_texts WHERE text = l.${c})` : `l.${c}`));
  db.run(`INSERT INTO temp.spend_line_rows(${LINE_COLUMNS.join(', ')}) SELECT ${columns.join(', ')} FROM temp.spend_lines l ORDER BY l.id`);
  db.run('DROP TABLE temp.spend_lines');
  db.run(temp(SPEND_LINES_VIEW));
  for (const r of queryAll(db, "SELECT name, sql FROM temp.sqlite_schema WHERE type = 'table' AND sql LIKE '%REFERENCES spend_lines(%'")) {
    const name = String(r.name);
    db.run(`ALTER TABLE temp.${name} RENAME TO ${name}_format_7`);
    db.run(temp(String(r.sql).replace(/REFERENCES spend_lines\(/g, 'REFERENCES spend_line_rows(')));
    db.run(`INSERT INTO temp.${name} SELECT * FROM temp.${name}_format_7`);
    db.run(`DROP TABLE temp.${name}_format_7`);
  }
}

/**
 * Format 1 → the current tables. Format 1 (before projects were saved as GeoPackages) kept geometries as GeoJSON
 * text and had no GeoPackage tables; every row carries over, geometries are encoded as GeoPackage blobs.
 */
function migrateFrom1(db: Database, src: Database): void {
  db.run(schemaSql('temp'));
  // Contract awards name spend_line_rows, which is filled only after the copy.
  db.run('PRAGMA foreign_keys = OFF');
  // The lines are copied as format 7 kept them, and given their numbers by the same step as a format-7 project's.
  db.run('DROP VIEW temp.spend_lines; DROP TABLE temp.spend_line_rows; DROP TABLE temp.spend_texts;');
  db.run(FORMAT_7_SPEND_LINES.replace('CREATE TABLE ', 'CREATE TABLE temp.'));
  db.run(`ATTACH DATABASE '/${(src as DatabaseInternals).filename}' AS old`);
  try {
    db.run('BEGIN');
    const copy = (table: string, columns: string, from = columns) => db.run(`INSERT INTO temp.${table}(${columns}) SELECT ${from} FROM old.${table}`);
    db.run('DELETE FROM temp.meta');
    copy('meta', 'key, value');
    copy('sources', 'id, kind, file, rows, encoding, header_row, loaded_at, refused');
    const insertWard = db.prepare('INSERT INTO temp.wards(geom, code, name, min_x, min_y, max_x, max_y, label_x, label_y) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const insertPlace = db.prepare('INSERT INTO temp.places(id, geom, name, kind, aliases, lon, lat, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    try {
      for (const r of queryAll(src, 'SELECT code, name, geometry, min_x, min_y, max_x, max_y, label_x, label_y FROM wards ORDER BY rowid')) {
        const g = parseStoredJson(r.geometry, `ward ${String(r.code)}`) as Geometry;
        const multi = g.type === 'Polygon' ? { type: 'MultiPolygon' as const, coordinates: [g.coordinates] } : g;
        if (multi.type !== 'MultiPolygon') throw new DamagedProject(`ward ${String(r.code)} is a ${g.type}, not a polygon`);
        insertWard.run([encodeBlob(multi), r.code!, r.name!, r.min_x!, r.min_y!, r.max_x!, r.max_y!, r.label_x!, r.label_y!]);
      }
      for (const r of queryAll(src, 'SELECT id, name, kind, aliases, geometry, lon, lat, source FROM places ORDER BY id')) {
        const g = parseStoredJson(r.geometry, `place ${String(r.name)}`) as Geometry;
        insertPlace.run([r.id!, encodeBlob(g), r.name!, r.kind!, r.aliases!, r.lon!, r.lat!, r.source!]);
      }
    } finally {
      insertWard.free();
      insertPlace.free();
    }
    const lineColumns = `id, source_id, source_row, payment_date, supplier, purpose, department, amount_pence, transaction_id,
      merchant_category, postcode, uprn, place_name, ward_name_given, ward_code_given, lon_given, lat_given, service_area, rule_id,
      missions, mission_rules, ward_code, locate_method, unlocated_reason, lon, lat, line_kind`;
    copy('spend_lines', `${lineColumns}, geom`, `${lineColumns}, gpkg_point(lon, lat)`);
    copy('contract_awards', `line_id, ocid, award_id, buyer, title, cpv, cpv_description, suitable_for_sme, suitable_for_vcse,
      supplier_sme, supplier_vcse, award_date, contract_start, contract_end`);
    copy('ledger_groups', 'source_id, placed, locate_method, unlocated_reason, rule_id, service_area, lines, pence, first_date, last_date');
    copy('excluded_rows', 'id, source_id, source_row, reason, detail, raw, amount_pence');
    copy('postcodes', 'postcode, lon, lat');
    copy('uprns', 'uprn, lon, lat');
    copy('column_profiles', 'header_key, name, header, columns, saved_at');
    copy('problems', 'id, file, row, feature, column_name, severity, reason');
    db.run('COMMIT');
  } catch (e) {
    db.run('ROLLBACK');
    throw e;
  } finally {
    db.run('DETACH DATABASE old');
    db.run('PRAGMA foreign_keys = ON');
  }
}

function parseStoredJson(text: unknown, what: string): unknown {
  try {
    return JSON.parse(String(text));
  } catch {
    throw new DamagedProject(`the geometry of ${what} is not readable GeoJSON`);
  }
}

function encodeBlob(g: Geometry): Uint8Array {
  return encodeGpkgGeometry(g as GpkgWritableGeometry, WGS84_SRS_ID);
}
