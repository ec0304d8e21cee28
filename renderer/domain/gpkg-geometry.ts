// GeoPackage geometry BLOBs (OGC GeoPackage 1.3 §2.1.3): the 'GP' header and the ISO WKB inside, both ways.

import type { Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon, Position } from 'geojson';

/** What a blob decodes to. Never thrown: a damaged blob gives `geometry: null` and `error`. */
export interface DecodedGpkgGeometry {
  /** The header's srs_id (a row of gpkg_spatial_ref_sys); 0 when the header could not be read. */
  srsId: number;
  /**
   * The geometry in the blob's own coordinates, with any Z and M dropped. An empty geometry keeps its type with
   * empty coordinates (an empty point is `{ type: 'Point', coordinates: [] }`), as RFC 7946 §3.1 allows.
   */
  geometry: Geometry | null;
  /** The header's envelope as stored: [minx, maxx, miny, maxy] then [minz, maxz] and/or [minm, maxm]. */
  envelope?: number[];
  /** The header's empty flag. */
  empty?: boolean;
  /** Why the blob could not be read, for a problem shown to the person. */
  error?: string;
}

/** The geometries the encoder writes (every GeoJSON geometry type). */
export type GpkgWritableGeometry = Point | LineString | Polygon | MultiPoint | MultiLineString | MultiPolygon | GeometryCollection;

const WKB_TYPES = ['', 'Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection'] as const;
/** Envelope doubles for each envelope contents indicator (0–4); 5–7 are invalid. */
const ENVELOPE_DOUBLES = [0, 4, 6, 6, 8];
/** GeometryCollections can nest; a limit stops a hostile or corrupt blob from recursing without end. */
const MAX_DEPTH = 64;

// ───────────────────────────── encoding ─────────────────────────────

/** Bytes grow as written; WKB sizes are easy to compute but a growing buffer keeps the writer short. */
class Writer {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  length = 0;
  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    next.set(this.bytes);
    this.bytes = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.room(1);
    this.view.setUint8(this.length, v);
    this.length += 1;
  }
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }
  i32(v: number): void {
    this.room(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }
  f64(v: number): void {
    this.room(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }
  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

function writePosition(w: Writer, p: Position): void {
  w.f64(p[0]!);
  w.f64(p[1]!);
}

function writePositions(w: Writer, ps: Position[]): void {
  w.u32(ps.length);
  for (const p of ps) writePosition(w, p);
}

function writeWkb(w: Writer, g: GpkgWritableGeometry): void {
  w.u8(1); // little-endian
  w.u32(WKB_TYPES.indexOf(g.type));
  switch (g.type) {
    case 'Point':
      // WKB has no empty point; GeoPackage (and GDAL) write NaN coordinates for one.
      if (g.coordinates.length < 2) [NaN, NaN].forEach((v) => w.f64(v));
      else writePosition(w, g.coordinates);
      return;
    case 'LineString':
      writePositions(w, g.coordinates);
      return;
    case 'Polygon':
      w.u32(g.coordinates.length);
      for (const ring of g.coordinates) writePositions(w, ring);
      return;
    case 'MultiPoint':
      w.u32(g.coordinates.length);
      for (const p of g.coordinates) writeWkb(w, { type: 'Point', coordinates: p });
      return;
    case 'MultiLineString':
      w.u32(g.coordinates.length);
      for (const line of g.coordinates) writeWkb(w, { type: 'LineString', coordinates: line });
      return;
    case 'MultiPolygon':
      w.u32(g.coordinates.length);
      for (const poly of g.coordinates) writeWkb(w, { type: 'Polygon', coordinates: poly });
      return;
    case 'GeometryCollection':
      w.u32(g.geometries.length);
      for (const child of g.geometries) writeWkb(w, child as GpkgWritableGeometry);
      return;
  }
}

function eachPosition(g: Geometry, visit: (p: Position) => void): void {
  switch (g.type) {
    case 'Point':
      if (g.coordinates.length >= 2) visit(g.coordinates);
      return;
    case 'LineString':
    case 'MultiPoint':
      g.coordinates.forEach(visit);
      return;
    case 'Polygon':
    case 'MultiLineString':
      for (const ring of g.coordinates) ring.forEach(visit);
      return;
    case 'MultiPolygon':
      for (const poly of g.coordinates) for (const ring of poly) ring.forEach(visit);
      return;
    case 'GeometryCollection':
      for (const child of g.geometries) eachPosition(child, visit);
      return;
  }
}

/**
 * A GeoPackage geometry BLOB: standard binary, little-endian header and WKB (x, y only), with an
 * [minx, maxx, miny, maxy] envelope for everything but points (a point is its own envelope, so the spec's
 * readers need none) and the empty flag set, without an envelope, for empty geometries.
 * @example encodeGpkgGeometry({ type: 'Point', coordinates: [-0.1269, 51.5194] }, 4326)
 */
export function encodeGpkgGeometry(geometry: GpkgWritableGeometry, srsId: number): Uint8Array {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  eachPosition(geometry, (p) => {
    minX = Math.min(minX, p[0]!);
    maxX = Math.max(maxX, p[0]!);
    minY = Math.min(minY, p[1]!);
    maxY = Math.max(maxY, p[1]!);
  });
  const empty = !Number.isFinite(minX);
  const envelope = !empty && geometry.type !== 'Point';
  const w = new Writer();
  w.u8(0x47); // 'G'
  w.u8(0x50); // 'P'
  w.u8(0); // version 1
  w.u8((empty ? 1 << 4 : 0) | ((envelope ? 1 : 0) << 1) | 1);
  w.i32(srsId);
  if (envelope) [minX, maxX, minY, maxY].forEach((v) => w.f64(v));
  writeWkb(w, geometry);
  return w.done();
}

// ───────────────────────────── decoding ─────────────────────────────

/**
 * Raised only inside this module, by the reader when a blob ends early or says something impossible,
 * and turned into an `error` string by `decodeGpkgGeometry`: recursive descent reads clearer with it
 * than with a result checked after every number.
 */
class BlobError extends Error {}

class Reader {
  private readonly view: DataView;
  at = 0;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number, what: string): void {
    if (this.at + n > this.bytes.length) throw new BlobError(`the blob ends early (at byte ${this.bytes.length}, reading ${what})`);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.view.getUint8(this.at++);
  }
  u32(little: boolean, what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.at, little);
    this.at += 4;
    return v;
  }
  i32(little: boolean, what: string): number {
    this.need(4, what);
    const v = this.view.getInt32(this.at, little);
    this.at += 4;
    return v;
  }
  f64(little: boolean, what: string): number {
    this.need(8, what);
    const v = this.view.getFloat64(this.at, little);
    this.at += 8;
    return v;
  }
}

interface WkbType {
  base: number;
  dims: number;
}

/** ISO (1000/2000/3000 offsets) and EWKB (high-bit flags, optional SRID) type codes to base type and dimensions. */
function wkbType(raw: number, r: Reader, little: boolean): WkbType {
  let code = raw;
  let z = false, m = false;
  if (code & 0x80000000) z = true;
  if (code & 0x40000000) m = true;
  if (code & 0x20000000) r.i32(little, 'an EWKB SRID'); // the header's srs_id is the one that counts
  code &= 0x0fffffff;
  const iso = Math.floor(code / 1000);
  if (iso === 1 || iso === 3) z = true;
  if (iso === 2 || iso === 3) m = true;
  const base = code % 1000;
  if (iso > 3 || base < 1 || base > 7) throw new BlobError(`WKB geometry type ${raw} is not one PlaceLens reads (points, lines, polygons, their multi- forms and collections)`);
  return { base, dims: 2 + (z ? 1 : 0) + (m ? 1 : 0) };
}

function readPosition(r: Reader, little: boolean, dims: number): Position {
  const x = r.f64(little, 'a coordinate');
  const y = r.f64(little, 'a coordinate');
  for (let i = 2; i < dims; i++) r.f64(little, 'a Z or M value');
  return [x, y];
}

/** A count of items each at least `min` bytes long, refused if the rest of the blob cannot hold them (a corrupt count would otherwise allocate without end). */
function readCount(r: Reader, little: boolean, min: number, what: string): number {
  const n = r.u32(little, `the number of ${what}`);
  if (n * min > r.bytes.length - r.at) throw new BlobError(`the blob says it holds ${n} ${what} but ends before them`);
  return n;
}

function readPositions(r: Reader, little: boolean, dims: number): Position[] {
  const n = readCount(r, little, dims * 8, 'points');
  const out: Position[] = [];
  for (let i = 0; i < n; i++) out.push(readPosition(r, little, dims));
  return out;
}

function readWkb(r: Reader, depth: number, expect?: number): Geometry {
  if (depth > MAX_DEPTH) throw new BlobError(`geometry collections nest more than ${MAX_DEPTH} deep`);
  const order = r.u8('the WKB byte order');
  if (order > 1) throw new BlobError(`the WKB byte order is ${order}, not 0 or 1; this is not well-known binary`);
  const little = order === 1;
  const { base, dims } = wkbType(r.u32(little, 'the WKB geometry type'), r, little);
  if (expect !== undefined && base !== expect) throw new BlobError(`a ${WKB_TYPES[expect]} part holds a ${WKB_TYPES[base]}`);
  switch (base) {
    case 1: {
      const p = readPosition(r, little, dims);
      return { type: 'Point', coordinates: Number.isNaN(p[0]) && Number.isNaN(p[1]) ? [] : p };
    }
    case 2:
      return { type: 'LineString', coordinates: readPositions(r, little, dims) };
    case 3: {
      const n = readCount(r, little, 4, 'rings');
      const rings: Position[][] = [];
      for (let i = 0; i < n; i++) rings.push(readPositions(r, little, dims));
      return { type: 'Polygon', coordinates: rings };
    }
    case 4:
    case 5:
    case 6: {
      // Each part is a whole WKB geometry (its own byte order and type) of the matching single type.
      const n = readCount(r, little, 9, 'parts');
      const parts: Geometry[] = [];
      for (let i = 0; i < n; i++) parts.push(readWkb(r, depth + 1, base - 3));
      if (base === 4) return { type: 'MultiPoint', coordinates: (parts as Point[]).map((p) => p.coordinates) };
      if (base === 5) return { type: 'MultiLineString', coordinates: (parts as LineString[]).map((p) => p.coordinates) };
      return { type: 'MultiPolygon', coordinates: (parts as Polygon[]).map((p) => p.coordinates) };
    }
    default: {
      const n = readCount(r, little, 9, 'geometries');
      const geometries: Geometry[] = [];
      for (let i = 0; i < n; i++) geometries.push(readWkb(r, depth + 1));
      return { type: 'GeometryCollection', geometries };
    }
  }
}

/**
 * Read a GeoPackage geometry BLOB: either byte order in header and WKB, any envelope (0–4), ISO or EWKB
 * Z/M types (Z and M are dropped), and collections. Never throws: a wrong magic, a truncated blob or an
 * unknown type gives `geometry: null` and an `error` saying which.
 */
export function decodeGpkgGeometry(blob: Uint8Array): DecodedGpkgGeometry {
  const r = new Reader(blob);
  let srsId = 0;
  let envelope: number[] | undefined;
  let empty: boolean | undefined;
  try {
    if (blob.length < 2 || blob[0] !== 0x47 || blob[1] !== 0x50) {
      return { srsId, geometry: null, error: "not a GeoPackage geometry: it does not start with the magic bytes 'GP'" };
    }
    r.at = 2;
    const version = r.u8('the version');
    if (version !== 0) return { srsId, geometry: null, error: `GeoPackage geometry version ${version} is not one PlaceLens reads (only version 0, GeoPackage 1)` };
    const flags = r.u8('the flags');
    if (flags & 0x20) return { srsId, geometry: null, error: 'the geometry is in an extended (non-standard) GeoPackage binary format' };
    empty = (flags & 0x10) !== 0;
    const indicator = (flags >> 1) & 0x07;
    const little = (flags & 1) === 1;
    srsId = r.i32(little, 'the srs_id');
    if (indicator > 4) return { srsId, geometry: null, empty, error: `the envelope indicator is ${indicator}; only 0–4 are defined` };
    if (indicator > 0) {
      envelope = [];
      for (let i = 0; i < ENVELOPE_DOUBLES[indicator]!; i++) envelope.push(r.f64(little, 'the envelope'));
    }
    const geometry = readWkb(r, 0);
    return { srsId, geometry, ...(envelope ? { envelope } : {}), empty };
  } catch (e) {
    if (!(e instanceof BlobError)) throw e;
    return { srsId, geometry: null, ...(envelope ? { envelope } : {}), ...(empty !== undefined ? { empty } : {}), error: e.message };
  }
}
