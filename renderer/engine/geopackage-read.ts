// Reading feature layers out of someone's GeoPackage file (QGIS, ogr2ogr, ArcGIS exports) into WGS84 GeoJSON.

import { queryAll } from './sql';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { bngToWgs84 } from '../domain/crs';
import { decodeGpkgGeometry } from '../domain/gpkg-geometry';
import type { InputProblem } from '../domain/problems';
import { crsFromPrj } from '../domain/shapefile';

/** The coordinate systems PlaceLens converts from; anything else is refused at this boundary. */
export type GpkgCrs = 'british-national-grid' | 'wgs84';

/** A feature table, as gpkg_contents, gpkg_geometry_columns and gpkg_spatial_ref_sys describe it. */
export interface GpkgLayer {
  table: string;
  geometryColumn: string;
  /** As declared: POLYGON, MULTIPOLYGON, GEOMETRY… */
  geometryType: string;
  srsId: number;
  srsName: string;
  /** The organisation's code for the srs, such as "EPSG:27700", when it gives one. */
  srsCode?: string;
  /** What PlaceLens makes of the srs; null when it cannot convert from it. */
  crs: GpkgCrs | null;
  /** Rows in the table. */
  count: number;
  /** [west, south, east, north] in WGS84 from gpkg_contents' extent, when recorded and convertible. */
  bbox?: [number, number, number, number];
}

/** A GeoPackage opened from bytes, or why it could not be. The caller closes `db`. */
export interface OpenedGpkg {
  db: Database | null;
  layers: GpkgLayer[];
  problems: InputProblem[];
}

export interface GpkgLayerResult {
  /** Features in row order; a row whose geometry is missing, empty or unreadable has a null geometry, so feature numbers match rows. */
  collection: FeatureCollection<Geometry | null> | null;
  problems: InputProblem[];
}

const all = queryAll;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** application_id values of GeoPackage 1.2+ ('GPKG') and of 1.0 and 1.1 ('GP10', 'GP11'). */
const GPKG_IDS = new Set([0x47504b47, 0x47503130, 0x47503131]);
const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Which of the systems PlaceLens converts an srs is. The definition is trusted first because srs_id numbers are
 * only row ids (GDAL writes 100000 and up for a grid it cannot name); the organisation's code comes next.
 */
export function crsOfSrs(srs: { srsId: number; organization?: string | null; organizationCoordsysId?: number | null; definition?: string | null }): GpkgCrs | null {
  const def = (srs.definition ?? '').trim();
  const w = def.toUpperCase();
  if (def && w !== 'UNDEFINED') {
    if (crsFromPrj(def) === 'british-national-grid') return 'british-national-grid';
    // A grid known only by its parameters (Airy ellipsoid, the National Grid's origin and scale), as GDAL writes one
    // that came from a PROJ string.
    if (/AIRY[ _]1830/.test(w) && /TRANSVERSE[ _]MERCATOR/.test(w) && w.includes('0.9996012717') && /\b400000\b/.test(w) && /-100000\b/.test(w)) return 'british-national-grid';
    const geographic = /^(GEOGCS|GEOGCRS|GEODCRS|GEOGRAPHICCRS)\[/.test(w);
    if (geographic && /WGS[ _]?(19)?84/.test(w)) return 'wgs84';
  }
  const org = (srs.organization ?? '').toUpperCase();
  if (org === 'EPSG' && srs.organizationCoordsysId === 27700) return 'british-national-grid';
  if (org === 'EPSG' && srs.organizationCoordsysId === 4326) return 'wgs84';
  if (org === 'OGC' && /^CRS84$/i.test(String(srs.organizationCoordsysId ?? ''))) return 'wgs84';
  if (!def || w === 'UNDEFINED') {
    if (srs.srsId === 27700) return 'british-national-grid';
    if (srs.srsId === 4326) return 'wgs84';
  }
  return null;
}

function converter(crs: GpkgCrs): (p: Position) => Position {
  return crs === 'british-national-grid' ? (p) => bngToWgs84(p[0]!, p[1]!) : (p) => p;
}

function mapGeometry(g: Geometry, f: (p: Position) => Position): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: g.coordinates.length >= 2 ? f(g.coordinates) : [] };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(f) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map(f) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((r) => r.map(f)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map((r) => r.map(f))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((c) => mapGeometry(c, f)) };
  }
}

const num = (v: SqlValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The feature tables in a GeoPackage, in gpkg_contents order. Reads only the GeoPackage's own tables and a count
 * of each layer's rows; `openGpkg` has already called it once, so a damaged file has been reported by then.
 */
export function listGpkgLayers(db: Database): GpkgLayer[] {
  const rows = all(
    db,
    `SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id, s.srs_name, s.organization, s.organization_coordsys_id, s.definition,
            c.min_x, c.min_y, c.max_x, c.max_y
       FROM gpkg_contents c
       JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
       LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
      WHERE lower(c.data_type) = 'features'
      ORDER BY c.rowid`,
  );
  return rows.map((r) => {
    const table = String(r.table_name);
    const srsId = Number(r.srs_id);
    const crs = crsOfSrs({ srsId, organization: r.organization as string | null, organizationCoordsysId: num(r.organization_coordsys_id), definition: r.definition as string | null });
    const count = Number(all(db, `SELECT count(*) AS n FROM ${quote(table)}`)[0]?.n ?? 0);
    const layer: GpkgLayer = { table, geometryColumn: String(r.column_name), geometryType: String(r.geometry_type_name), srsId, srsName: r.srs_name == null ? `srs ${srsId}` : String(r.srs_name), crs, count };
    if (r.organization != null && !/^none$/i.test(String(r.organization))) layer.srsCode = `${String(r.organization)}:${String(r.organization_coordsys_id)}`;
    const [x0, y0, x1, y1] = [num(r.min_x), num(r.min_y), num(r.max_x), num(r.max_y)];
    if (crs && x0 !== null && y0 !== null && x1 !== null && y1 !== null) {
      // Corners of a grid rectangle are not the corners of its outline in degrees, but near enough for framing a map.
      const corners = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]].map(converter(crs));
      const xs = corners.map((p) => p[0]!), ys = corners.map((p) => p[1]!);
      layer.bbox = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    }
    return layer;
  });
}

/**
 * Open a GeoPackage from its bytes and list its feature layers. Never throws for a bad file: one that is not
 * SQLite, is cut short, or is SQLite but not a GeoPackage gives `db: null` and a problem saying which.
 */
export function openGpkg(SQL: SqlJsStatic, bytes: Uint8Array, file: string): OpenedGpkg {
  const fail = (reason: string): OpenedGpkg => ({ db: null, layers: [], problems: [{ file, reason, severity: 'error' }] });
  const header = String.fromCharCode(...bytes.subarray(0, 16));
  if (bytes.length < 100 || header !== SQLITE_MAGIC) {
    return fail(header === SQLITE_MAGIC ? `the file is cut short: only ${bytes.length} bytes, less than an SQLite header` : 'not a GeoPackage: the file is not an SQLite database');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16, false);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = view.getUint32(28, false);
  // The page count in the header is trusted only when its "valid-for" number matches the change counter (SQLite file format §1.3.7).
  const pagesValid = pages > 0 && view.getUint32(92, false) === view.getUint32(24, false);
  if (pagesValid && bytes.length < pages * pageSize) {
    return fail(`the file is cut short: its header says ${pages * pageSize} bytes but the file has ${bytes.length}; copy it again`);
  }
  if (pageSize >= 512 && bytes.length % pageSize !== 0) {
    return fail(`the file is cut short or damaged: ${bytes.length} bytes is not a whole number of ${pageSize}-byte pages; copy it again`);
  }
  const applicationId = view.getUint32(68, false);
  const problems: InputProblem[] = [];
  if (!GPKG_IDS.has(applicationId)) {
    if (applicationId !== 0) {
      const tag = String.fromCharCode(...bytes.subarray(68, 72));
      return fail(`not a GeoPackage: an SQLite database belonging to another application (application_id ${/^[\x20-\x7e]{4}$/.test(tag) ? `"${tag}"` : `0x${applicationId.toString(16)}`})`);
    }
    // Some writers leave application_id unset; the GeoPackage tables below decide.
    problems.push({ file, reason: "the file does not mark itself as a GeoPackage (its SQLite application_id is not 'GPKG'); read it as one anyway", severity: 'warning' });
  }
  let db: Database | null = null;
  try {
    db = new SQL.Database(bytes);
    const tables = new Set(all(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").map((r) => String(r.name)));
    const missing = ['gpkg_contents', 'gpkg_geometry_columns', 'gpkg_spatial_ref_sys'].filter((t) => !tables.has(t));
    if (missing.length > 0) {
      db.close();
      return fail(`not a GeoPackage: an SQLite database without the GeoPackage table${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`);
    }
    const layers = listGpkgLayers(db);
    if (layers.length === 0) problems.push({ file, reason: 'the GeoPackage holds no feature layers (only tiles or plain tables)', severity: 'error' });
    return { db, layers, problems };
  } catch (e) {
    // sql.js reports a damaged file only when it is first read, as an exception carrying SQLite's message.
    db?.close();
    return fail(`the GeoPackage cannot be read (${(e as Error).message}); it may be damaged or cut short`);
  }
}

/**
 * One feature layer as WGS84 GeoJSON: British National Grid is converted here (with crs.ts), WGS84 kept as it is,
 * and any other coordinate system refused with a problem naming it. Attribute columns become properties; the
 * integer primary key becomes the feature's id. Never throws for bad data.
 * @example wardsFromGeoJson(readGpkgLayer(db, 'wards', 'wards.gpkg').collection, 'wards.gpkg')
 */
export function readGpkgLayer(db: Database, table: string, file: string): GpkgLayerResult {
  const problems: InputProblem[] = [];
  const fail = (reason: string): GpkgLayerResult => ({ collection: null, problems: [...problems, { file, reason, severity: 'error' }] });
  let layers: GpkgLayer[];
  try {
    layers = listGpkgLayers(db);
  } catch (e) {
    return fail(`the GeoPackage cannot be read (${(e as Error).message})`);
  }
  const layer = layers.find((l) => l.table === table);
  if (!layer) return fail(`the GeoPackage has no feature layer "${table}" (it has: ${layers.map((l) => l.table).join(', ') || 'none'})`);
  if (!layer.crs) {
    const code = layer.srsCode ? `, ${layer.srsCode}` : '';
    const undefinedSrs = layer.srsId === 0 || layer.srsId === -1;
    return fail(
      undefinedSrs
        ? `layer "${table}" does not say which coordinate system it uses (srs_id ${layer.srsId}, "${layer.srsName}"); save it in British National Grid (EPSG:27700) or WGS84 (EPSG:4326)`
        : `layer "${table}" is in "${layer.srsName}" (srs_id ${layer.srsId}${code}), which PlaceLens cannot convert; save it in British National Grid (EPSG:27700) or WGS84 (EPSG:4326)`,
    );
  }
  const convert = converter(layer.crs);
  const features: Feature<Geometry | null>[] = [];
  let otherSrs = 0;
  try {
    const columns = all(db, `PRAGMA table_info(${quote(table)})`);
    // The integer primary key is the row's identity, not an attribute; left as a property, "id" would pass for a ward code.
    const pk = columns.filter((c) => Number(c.pk) > 0).length === 1 ? columns.find((c) => Number(c.pk) === 1 && /^INTEGER$/i.test(String(c.type))) : undefined;
    const pkName = pk ? String(pk.name) : null;
    const stmt = db.prepare(`SELECT * FROM ${quote(table)}`);
    try {
      let feature = 0;
      while (stmt.step()) {
        feature++;
        const row = stmt.getAsObject();
        const properties: Record<string, string | number | null> = {};
        for (const [k, v] of Object.entries(row)) {
          if (k === layer.geometryColumn || k === pkName) continue;
          // Other blobs (photos, attachments) have no place in GeoJSON properties.
          if (!(v instanceof Uint8Array)) properties[k] = v;
        }
        const out: Feature<Geometry | null> = { type: 'Feature', properties, geometry: null };
        if (pkName && typeof row[pkName] === 'number') out.id = row[pkName] as number;
        const blob = row[layer.geometryColumn];
        if (blob instanceof Uint8Array) {
          const decoded = decodeGpkgGeometry(blob);
          if (decoded.error) problems.push({ file, feature, reason: `the geometry cannot be read: ${decoded.error}`, severity: 'error' });
          else if (decoded.geometry && !decoded.empty) {
            if (decoded.srsId !== layer.srsId) otherSrs++;
            out.geometry = mapGeometry(decoded.geometry, convert);
          }
        } else if (blob != null) {
          problems.push({ file, feature, reason: `the geometry column holds ${typeof blob === 'string' ? 'text' : 'a number'}, not a GeoPackage geometry`, severity: 'error' });
        }
        features.push(out);
      }
    } finally {
      stmt.free();
    }
  } catch (e) {
    return fail(`layer "${table}" cannot be read (${(e as Error).message}); the file may be damaged`);
  }
  if (otherSrs > 0) {
    // The spec requires each geometry's srs_id to match its column's; the column's is the one a reader can trust.
    problems.push({ file, reason: `${otherSrs} geometr${otherSrs === 1 ? 'y names' : 'ies name'} a different srs_id from layer "${table}" (${layer.srsId}); read as the layer's`, severity: 'warning' });
  }
  return { collection: { type: 'FeatureCollection', features }, problems };
}
