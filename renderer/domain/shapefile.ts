// Zipped ESRI Shapefiles of ward boundaries: .shp polygons and .dbf attributes, in the CRS their .prj names.

import { unzipSync } from 'fflate';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { bngToWgs84, looksLikeBng } from './crs';
import type { InputProblem } from './problems';
import { textDecoder } from './text';

export type ShapefileCrs = 'british-national-grid' | 'wgs84';

export interface ShapefileResult {
  /** Features in record order (an empty shape has a null geometry, so feature numbers match the file's records). */
  collection: FeatureCollection<Polygon | MultiPolygon | null> | null;
  crs: ShapefileCrs | null;
  problems: InputProblem[];
  /**
   * Set when the file has no .prj and its numbers look like National Grid metres: PlaceLens asks rather than
   * guesses, and the caller reads it again with `assumeCrs` once the person has said yes.
   */
  question: string | null;
}

/** What a .prj's WKT says, for the systems PlaceLens can convert; null for anything else. */
export function crsFromPrj(wkt: string): ShapefileCrs | null {
  const w = wkt.toUpperCase();
  if (/BRITISH_NATIONAL_GRID|OSGB[ _]?1936[^\]]*NATIONAL GRID|EPSG[",]+27700/.test(w) || (w.includes('OSGB') && w.includes('TRANSVERSE_MERCATOR'))) return 'british-national-grid';
  if (!w.startsWith('PROJCS') && /WGS[ _]?(19)?84/.test(w)) return 'wgs84';
  return null;
}

/** Positive for a clockwise ring (x east, y north), as shapefiles draw outer boundaries. */
function clockwise(ring: Position[]): boolean {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += (ring[i + 1]![0]! - ring[i]![0]!) * (ring[i + 1]![1]! + ring[i]![1]!);
  return sum > 0;
}

function ringContains(ring: Position[], p: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > p[1]! !== yj > p[1]! && p[0]! < ((xj - xi) * (p[1]! - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Shapefile rings are clockwise for outer boundaries and anticlockwise for holes; holes join the ring around them. */
function ringsToGeometry(rings: Position[][]): Polygon | MultiPolygon | null {
  const outers: Position[][][] = [];
  const holes: Position[][] = [];
  for (const r of rings) {
    if (clockwise(r)) outers.push([r]);
    else holes.push(r);
  }
  if (outers.length === 0) {
    // Some tools write every ring anticlockwise: then a ring inside no other ring is an outer boundary.
    for (const r of holes.splice(0)) {
      if (rings.some((o) => o !== r && ringContains(o, r[0]!))) holes.push(r);
      else outers.push([r]);
    }
  }
  if (outers.length === 0) return null;
  for (const h of holes) {
    const home = outers.find((o) => ringContains(o[0]!, h[0]!)) ?? outers[0]!;
    home.push(h);
  }
  return outers.length === 1 ? { type: 'Polygon', coordinates: outers[0]! } : { type: 'MultiPolygon', coordinates: outers };
}

function readShp(bytes: Uint8Array, file: string, problems: InputProblem[]): { index: number; rings: Position[][] | null }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: { index: number; rings: Position[][] | null }[] = [];
  if (bytes.length < 100 || view.getInt32(0, false) !== 9994) {
    problems.push({ file, reason: 'the .shp is not a shapefile (its header is missing or damaged)', severity: 'error' });
    return out;
  }
  const type = view.getInt32(32, true);
  if (![0, 5, 15, 25].includes(type)) {
    problems.push({ file, reason: `the shapefile holds ${type === 1 ? 'points' : type === 3 ? 'lines' : `shape type ${type}`}, not polygons`, severity: 'error' });
    return out;
  }
  let offset = 100;
  let index = 0;
  while (offset + 12 <= bytes.length) {
    const length = view.getInt32(offset + 4, false) * 2;
    const start = offset + 8;
    const shapeType = view.getInt32(start, true);
    index++;
    if (start + length > bytes.length) {
      problems.push({ file, feature: index, reason: 'the .shp ends part-way through this shape (the file is cut short)', severity: 'error' });
      break;
    }
    if (shapeType === 0) out.push({ index, rings: null });
    else {
      const numParts = view.getInt32(start + 36, true);
      const numPoints = view.getInt32(start + 40, true);
      const partsAt = start + 44;
      const pointsAt = partsAt + numParts * 4;
      if (numParts < 1 || numPoints < 1 || pointsAt + numPoints * 16 > start + length) {
        problems.push({ file, feature: index, reason: 'this shape\u2019s parts or points do not fit its record', severity: 'error' });
        out.push({ index, rings: null });
      } else {
        const rings: Position[][] = [];
        for (let p = 0; p < numParts; p++) {
          const from = view.getInt32(partsAt + p * 4, true);
          const to = p + 1 < numParts ? view.getInt32(partsAt + (p + 1) * 4, true) : numPoints;
          const ring: Position[] = [];
          for (let i = from; i < to; i++) ring.push([view.getFloat64(pointsAt + i * 16, true), view.getFloat64(pointsAt + i * 16 + 8, true)]);
          rings.push(ring);
        }
        out.push({ index, rings });
      }
    }
    offset = start + length;
  }
  return out;
}

function readDbf(bytes: Uint8Array, encoding: string): Record<string, string>[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 32) return [];
  const records = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const decoder = textDecoder(encoding);
  const fields: { name: string; length: number }[] = [];
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const name = decoder.decode(bytes.subarray(at, at + 11)).replace(/\0.*$/s, '').trim();
    fields.push({ name, length: bytes[at + 16]! });
  }
  const rows: Record<string, string>[] = [];
  for (let r = 0; r < records; r++) {
    const at = headerLength + r * recordLength;
    if (at + recordLength > bytes.length) break;
    if (bytes[at] === 0x2a) continue; // deleted record
    const row: Record<string, string> = {};
    let pos = at + 1;
    for (const f of fields) {
      row[f.name] = decoder.decode(bytes.subarray(pos, pos + f.length)).trim();
      pos += f.length;
    }
    rows.push(row);
  }
  return rows;
}

function encodingFromCpg(cpg: string | undefined): string {
  const c = (cpg ?? '').trim().toUpperCase();
  if (c === 'UTF-8' || c === 'UTF8' || c === '65001') return 'utf-8';
  if (/8859-1|LATIN1|1252/.test(c)) return 'windows-1252';
  return c ? 'windows-1252' : 'utf-8';
}

/**
 * Read a zipped shapefile. National Grid coordinates are converted to WGS84 here, at the ingest boundary.
 * @param options.assumeCrs the person's answer when the .prj is missing
 */
export function readShapefileZip(bytes: Uint8Array, file: string, options: { assumeCrs?: ShapefileCrs } = {}): ShapefileResult {
  const result: ShapefileResult = { collection: null, crs: null, problems: [], question: null };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    result.problems.push({ file, reason: `not a readable zip file (${(e as Error).message})`, severity: 'error' });
    return result;
  }
  const names = Object.keys(entries).filter((n) => !n.startsWith('__MACOSX/'));
  const shps = names.filter((n) => /\.shp$/i.test(n));
  if (shps.length === 0) {
    result.problems.push({ file, reason: `the zip holds no .shp file (it holds: ${names.join(', ') || 'nothing'})`, severity: 'error' });
    return result;
  }
  if (shps.length > 1) result.problems.push({ file, reason: `the zip holds ${shps.length} shapefiles; ${shps[0]} was read`, severity: 'warning' });
  const stem = shps[0]!.replace(/\.shp$/i, '');
  const part = (ext: string) => names.find((n) => n.toLowerCase() === `${stem}.${ext}`.toLowerCase());
  const dbfName = part('dbf');
  const prjName = part('prj');
  const cpgName = part('cpg');
  const text = (name: string | undefined) => (name ? new TextDecoder().decode(entries[name]) : undefined);
  const shapes = readShp(entries[shps[0]!]!, `${file} › ${shps[0]}`, result.problems);
  const attributes = dbfName ? readDbf(entries[dbfName]!, encodingFromCpg(text(cpgName))) : [];
  if (!dbfName) result.problems.push({ file, reason: `no .dbf beside ${shps[0]}: the wards will have no names or codes`, severity: 'warning' });

  let crs: ShapefileCrs | null = options.assumeCrs ?? null;
  if (prjName) {
    const wkt = text(prjName)!;
    crs = crsFromPrj(wkt);
    if (!crs) {
      result.problems.push({ file, reason: `the .prj names a coordinate system PlaceLens cannot convert (${wkt.slice(0, 80)}…); save the boundaries in WGS84 or British National Grid`, severity: 'error' });
      return result;
    }
  } else if (!crs) {
    const first = shapes.find((s) => s.rings)?.rings?.[0]?.[0];
    if (first && looksLikeBng(first[0]!, first[1]!)) {
      result.question = `${file} has no .prj file saying which coordinate system it uses. Its numbers (${Math.round(first[0]!)}, ${Math.round(first[1]!)}) look like British National Grid metres. Read it as British National Grid?`;
      return result;
    }
    if (first && Math.abs(first[0]!) <= 180 && Math.abs(first[1]!) <= 90) crs = 'wgs84';
    else {
      result.problems.push({ file, reason: 'no .prj file, and the coordinates are neither longitude/latitude nor British National Grid', severity: 'error' });
      return result;
    }
  }
  result.crs = crs;
  const convert = crs === 'british-national-grid' ? (p: Position) => bngToWgs84(p[0]!, p[1]!) : (p: Position) => [p[0]!, p[1]!];
  const features: Feature<Polygon | MultiPolygon | null>[] = [];
  for (const s of shapes) {
    const properties = attributes[s.index - 1] ?? {};
    // Orientation is read in the file's own coordinates, before conversion.
    const geometry = s.rings ? ringsToGeometry(s.rings) : null;
    if (!geometry) {
      if (s.rings) result.problems.push({ file, feature: s.index, reason: 'the shape has only holes, no outer ring', severity: 'error' });
      features.push({ type: 'Feature', properties, geometry: null });
      continue;
    }
    const converted: Polygon | MultiPolygon =
      geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: geometry.coordinates.map((r) => r.map(convert)) }
        : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map((r) => r.map(convert))) };
    features.push({ type: 'Feature', properties, geometry: converted });
  }
  result.collection = { type: 'FeatureCollection', features };
  return result;
}
