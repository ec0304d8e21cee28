// The fixtures were made with GDAL's ogr2ogr; tests/fixtures/wards/README.md has the commands. Tests never need GDAL.

import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { resolve } from 'node:path';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { crsOfSrs, listGpkgLayers, openGpkg, readGpkgLayer } from '../../renderer/engine/geopackage-read';
import { parseWardsGeoJson, wardsFromGeoJson } from '../../renderer/domain/wards';
import { DEMO, FIXTURES, readBytes, readText } from '../paths';

const BNG_GPKG = resolve(FIXTURES, 'wards/bng-wards.gpkg');
const MIXED_GPKG = resolve(FIXTURES, 'wards/mixed-wards.gpkg');

/**
 * ogr2ogr's own WGS84 for the bng_wards polygon, with the OSGB36→WGS84 Helmert of EPSG:1314 (the one crs.ts uses):
 * `ogr2ogr -f GeoJSON -s_srs "$BNG_HELMERT" -t_srs EPSG:4326 -lco COORDINATE_PRECISION=9 /vsistdout/ bng-wards.gpkg bng_wards`
 */
const GRIDTON_BY_OGR2OGR: Position[] = [
  [-0.156428252, 51.522420476],
  [-0.142022585, 51.522193177],
  [-0.141656715, 51.531179868],
  [-0.156065215, 51.53140724],
  [-0.156428252, 51.522420476],
];

/** Metres between two lon/lat positions, near enough at London's latitude for a 1 m check. */
function metres(a: Position, b: Position): number {
  const lat = (a[1]! * Math.PI) / 180;
  return Math.hypot((a[0]! - b[0]!) * 111320 * Math.cos(lat), (a[1]! - b[1]!) * 110574);
}

function positions(g: Geometry): Position[] {
  if (g.type === 'Polygon') return g.coordinates.flat();
  if (g.type === 'MultiPolygon') return g.coordinates.flat(2);
  throw new Error(`unexpected ${g.type}`);
}

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

describe('GeoPackage feature layers', () => {
  it('lists the layers with their geometry types, srs and row counts', () => {
    const opened = openGpkg(SQL, readBytes(BNG_GPKG), 'bng-wards.gpkg');
    expect(opened.problems).toEqual([]);
    const layers = opened.layers.map(({ bbox: _bbox, ...rest }) => rest);
    expect(layers).toEqual([
      { table: 'bng_wards', geometryColumn: 'geom', geometryType: 'POLYGON', srsId: 27700, srsName: 'OSGB36 / British National Grid', srsCode: 'EPSG:27700', crs: 'british-national-grid', count: 1 },
      // GDAL names a grid known only from a PROJ string "unknown"; its definition still says National Grid.
      { table: 'demo_wards_bng', geometryColumn: 'geom', geometryType: 'POLYGON', srsId: 100000, srsName: 'unknown', crs: 'british-national-grid', count: 20 },
    ]);
    const gridton = opened.layers[0]!.bbox!;
    expect(metres([gridton[0], gridton[1]], GRIDTON_BY_OGR2OGR[0]!)).toBeLessThan(30); // corner of the grid square, west-south
    expect(listGpkgLayers(opened.db!)).toEqual(opened.layers);
    opened.db!.close();

    const mixed = openGpkg(SQL, readBytes(MIXED_GPKG), 'mixed-wards.gpkg');
    expect(mixed.layers).toEqual([
      { table: 'mixed_wards', geometryColumn: 'geom', geometryType: 'GEOMETRY', srsId: 4326, srsName: 'WGS 84 geodetic', srsCode: 'EPSG:4326', crs: 'wgs84', count: 5, bbox: [0, 0, 7.1, 7.1].map((v) => expect.closeTo(v, 9)) },
    ]);
    mixed.db!.close();
  });

  it('converts British National Grid to WGS84 within a metre of what ogr2ogr gives', () => {
    const opened = openGpkg(SQL, readBytes(BNG_GPKG), 'bng-wards.gpkg');
    const r = readGpkgLayer(opened.db!, 'bng_wards', 'bng-wards.gpkg');
    opened.db!.close();
    expect(r.problems).toEqual([]);
    const f = r.collection!.features[0]!;
    expect(f.id).toBe(1);
    expect(f.properties).toEqual({ WD22CD: 'E05000001', WD22NM: 'Gridton' });
    const got = positions(f.geometry!);
    expect(got).toHaveLength(5);
    got.forEach((p, i) => expect(metres(p, GRIDTON_BY_OGR2OGR[i]!), `corner ${i}`).toBeLessThan(1));
    const wards = wardsFromGeoJson(r.collection, 'bng-wards.gpkg');
    expect(wards.problems).toEqual([]);
    expect(wards.wards.map((w) => [w.code, w.name])).toEqual([['E05000001', 'Gridton']]);
  });

  it("brings the demo's 20 wards back from the National Grid within a metre of the originals", () => {
    const opened = openGpkg(SQL, readBytes(BNG_GPKG), 'bng-wards.gpkg');
    const r = readGpkgLayer(opened.db!, 'demo_wards_bng', 'bng-wards.gpkg');
    opened.db!.close();
    expect(r.problems).toEqual([]);
    const back = wardsFromGeoJson(r.collection, 'bng-wards.gpkg');
    const original = parseWardsGeoJson(readText(resolve(DEMO, 'wards.geojson')), 'wards.geojson');
    expect(back.problems).toEqual(original.problems);
    expect(back.wards.map((w) => [w.code, w.name, w.geometry.type])).toEqual(original.wards.map((w) => [w.code, w.name, w.geometry.type]));
    let worst = 0;
    back.wards.forEach((w, i) => {
      const a = positions(w.geometry), b = positions(original.wards[i]!.geometry);
      expect(a.length, w.name).toBe(b.length);
      a.forEach((p, j) => (worst = Math.max(worst, metres(p, b[j]!))));
    });
    expect(worst).toBeLessThan(1);
  });

  it('keeps WGS84 as it is, every row in order, for the ward reader to judge', () => {
    const opened = openGpkg(SQL, readBytes(MIXED_GPKG), 'mixed-wards.gpkg');
    const r = readGpkgLayer(opened.db!, 'mixed_wards', 'mixed-wards.gpkg');
    opened.db!.close();
    expect(r.problems).toEqual([]);
    const geojson = JSON.parse(readText(resolve(FIXTURES, 'wards/mixed-wards.geojson'))) as FeatureCollection;
    // A column with no value is null, where the GeoJSON feature simply lacked the key.
    const expected = geojson.features.map((f) => [{ ward_code: null, ward_name: null, ...f.properties }, f.geometry]);
    expect(r.collection!.features.map((f) => [f.properties, f.geometry])).toEqual(expected);
    // The same wards, and the same complaints (a point, a repeated code), as from the GeoJSON itself.
    expect(wardsFromGeoJson(r.collection, 'mixed-wards.geojson')).toEqual(parseWardsGeoJson(readText(resolve(FIXTURES, 'wards/mixed-wards.geojson')), 'mixed-wards.geojson'));
  });

  it('refuses a coordinate system it cannot convert, naming it, and a layer that is not there', () => {
    const opened = openGpkg(SQL, readBytes(MIXED_GPKG), 'utm.gpkg');
    const db = opened.db!;
    db.run(`INSERT INTO gpkg_spatial_ref_sys(srs_name, srs_id, organization, organization_coordsys_id, definition)
            VALUES ('WGS 84 / UTM zone 30N', 32630, 'EPSG', 32630, 'PROJCS["WGS 84 / UTM zone 30N",GEOGCS["WGS 84",DATUM["WGS_1984"]],PROJECTION["Transverse_Mercator"]]')`);
    db.run("UPDATE gpkg_geometry_columns SET srs_id = 32630; UPDATE gpkg_contents SET srs_id = 32630");
    expect(readGpkgLayer(db, 'mixed_wards', 'utm.gpkg')).toEqual({
      collection: null,
      problems: [{ file: 'utm.gpkg', reason: 'layer "mixed_wards" is in "WGS 84 / UTM zone 30N" (srs_id 32630, EPSG:32630), which PlaceLens cannot convert; save it in British National Grid (EPSG:27700) or WGS84 (EPSG:4326)', severity: 'error' }],
    });
    db.run('UPDATE gpkg_geometry_columns SET srs_id = 0; UPDATE gpkg_contents SET srs_id = 0');
    expect(readGpkgLayer(db, 'mixed_wards', 'utm.gpkg').problems[0]!.reason).toMatch(/does not say which coordinate system it uses \(srs_id 0, "Undefined geographic SRS"\)/);
    expect(readGpkgLayer(db, 'wards', 'utm.gpkg').problems[0]!.reason).toBe('the GeoPackage has no feature layer "wards" (it has: mixed_wards)');
    db.close();
  });

  it('reports unreadable geometries by feature number, keeping the row', () => {
    const opened = openGpkg(SQL, readBytes(MIXED_GPKG), 'damaged.gpkg');
    const db = opened.db!;
    db.run("UPDATE mixed_wards SET geom = X'4750000100000000' WHERE fid = 2"); // a header and no WKB
    db.run("UPDATE mixed_wards SET geom = 'POLYGON((0 0,1 0,1 1,0 0))' WHERE fid = 4");
    const r = readGpkgLayer(db, 'mixed_wards', 'damaged.gpkg');
    db.close();
    expect(r.collection!.features.map((f) => f.geometry?.type ?? null)).toEqual(['Polygon', null, 'Point', null, 'MultiPolygon']);
    expect(r.problems).toEqual([
      { file: 'damaged.gpkg', feature: 2, reason: 'the geometry cannot be read: the blob ends early (at byte 8, reading the WKB byte order)', severity: 'error' },
      { file: 'damaged.gpkg', feature: 4, reason: 'the geometry column holds text, not a GeoPackage geometry', severity: 'error' },
    ]);
  });
});

describe('GeoPackage files that cannot be opened', () => {
  const reason = (bytes: Uint8Array) => {
    const opened = openGpkg(SQL, bytes, 'x.gpkg');
    expect(opened.db).toBeNull();
    expect(opened.layers).toEqual([]);
    return opened.problems.map((p) => p.reason);
  };

  it('says a truncated copy is cut short, at any length', () => {
    const bytes = readBytes(BNG_GPKG);
    expect(reason(bytes.slice(0, bytes.length / 2))).toEqual([`the file is cut short: its header says ${bytes.length} bytes but the file has ${bytes.length / 2}; copy it again`]);
    expect(reason(bytes.slice(0, 60))).toEqual(['the file is cut short: only 60 bytes, less than an SQLite header']);
    for (const n of [100, 1000, 1024, 5000, bytes.length - 1]) expect(reason(bytes.slice(0, n))[0], `${n} bytes`).toMatch(/cut short/);
  });

  it('says random bytes, text and an empty file are not GeoPackages', () => {
    let seed = 42;
    const random = Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
    expect(reason(random)).toEqual(['not a GeoPackage: the file is not an SQLite database']);
    expect(reason(new TextEncoder().encode('{"type":"FeatureCollection","features":[]}'))).toEqual(['not a GeoPackage: the file is not an SQLite database']);
    expect(reason(new Uint8Array())).toEqual(['not a GeoPackage: the file is not an SQLite database']);
  });

  it("accepts GeoPackage 1.0 and 1.1 application ids, refuses another application's SQLite, and asks the tables when the id is unset", () => {
    const withId = (id: string | number[]) => {
      const b = readBytes(BNG_GPKG).slice();
      b.set(typeof id === 'string' ? [...id].map((c) => c.charCodeAt(0)) : id, 68);
      return b;
    };
    for (const id of ['GP10', 'GP11']) {
      const opened = openGpkg(SQL, withId(id), 'old.gpkg');
      expect(opened.problems).toEqual([]);
      expect(opened.layers).toHaveLength(2);
      opened.db!.close();
    }
    expect(reason(withId('FOSL'))).toEqual(['not a GeoPackage: an SQLite database belonging to another application (application_id "FOSL")']);
    const unset = openGpkg(SQL, withId([0, 0, 0, 0]), 'unset.gpkg');
    expect(unset.layers).toHaveLength(2);
    expect(unset.problems[0]!.severity).toBe('warning');
    unset.db!.close();
  });

  it('says a plain SQLite database is not a GeoPackage, and a damaged one cannot be read', () => {
    const plain = new SQL.Database();
    plain.run('CREATE TABLE wards(code TEXT, name TEXT); INSERT INTO wards VALUES (1, 2)');
    const bytes = plain.export();
    plain.close();
    expect(reason(bytes)).toEqual(['not a GeoPackage: an SQLite database without the GeoPackage tables gpkg_contents, gpkg_geometry_columns, gpkg_spatial_ref_sys']);

    const damaged = readBytes(BNG_GPKG).slice();
    damaged.fill(0xa5, 1024, damaged.length); // every page after the first overwritten
    expect(reason(damaged)[0]).toMatch(/^the GeoPackage cannot be read \(.+\); it may be damaged or cut short$/);
  });
});

describe('which coordinate system an srs is', () => {
  it('trusts the definition, then the organisation code, then the srs_id', () => {
    expect(crsOfSrs({ srsId: 7, definition: 'PROJCS["British_National_Grid",GEOGCS["GCS_OSGB_1936"],PROJECTION["Transverse_Mercator"]]' })).toBe('british-national-grid');
    expect(crsOfSrs({ srsId: 7, organization: 'epsg', organizationCoordsysId: 27700, definition: 'undefined' })).toBe('british-national-grid');
    expect(crsOfSrs({ srsId: 27700, definition: '' })).toBe('british-national-grid');
    expect(crsOfSrs({ srsId: 4326, definition: 'GEOGCRS["WGS 84",DATUM["World Geodetic System 1984"]]' })).toBe('wgs84');
    expect(crsOfSrs({ srsId: 32630, organization: 'EPSG', organizationCoordsysId: 32630, definition: 'PROJCRS["WGS 84 / UTM zone 30N",BASEGEOGCRS["WGS 84"]]' })).toBeNull();
    // A number alone is not trusted against a definition that says otherwise.
    expect(crsOfSrs({ srsId: 27700, definition: 'PROJCS["ETRS89 / UTM zone 31N"]' })).toBeNull();
  });
});
