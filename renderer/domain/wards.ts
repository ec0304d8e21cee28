// Ward boundaries: turning a GeoJSON file into wards with a code, a name and a (multi)polygon.

import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { kinks } from '@turf/turf';
import type { InputProblem } from './problems';

/**
 * Checks and mends a ward's rings: every position must be two finite numbers, every ring at least four positions;
 * a ring left open is closed (with a warning) rather than refused, as many tools write them so.
 */
function checkRings(geometry: WardGeometry): { geometry: WardGeometry | null; error?: string; warnings: string[] } {
  const warnings: string[] = [];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) return { geometry: null, error: 'the polygon has no rings', warnings };
  const mended: Position[][][] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return { geometry: null, error: 'a polygon has no rings', warnings };
    const rings: Position[][] = [];
    for (const ring of polygon) {
      if (!Array.isArray(ring) || !ring.every((p) => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]))) {
        return { geometry: null, error: 'coordinates are not pairs of numbers', warnings };
      }
      let closed = ring;
      const first = ring[0], last = ring[ring.length - 1];
      if (ring.length > 0 && (first![0] !== last![0] || first![1] !== last![1])) {
        closed = [...ring, first!];
        warnings.push('a ring was not closed (its last position differs from its first); it was closed');
      }
      if (closed.length < 4) return { geometry: null, error: `a ring has ${ring.length} positions; a polygon ring needs at least four (three corners and the first again)`, warnings };
      rings.push(closed);
    }
    mended.push(rings);
  }
  const out: WardGeometry = geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: mended[0]! } : { type: 'MultiPolygon', coordinates: mended };
  const crossings = kinks(out).features.length;
  if (crossings > 0) warnings.push(`the boundary crosses or touches itself at ${crossings} point${crossings === 1 ? '' : 's'}; check the ward near there`);
  return { geometry: out, warnings };
}

export type WardGeometry = Polygon | MultiPolygon;

export interface Ward {
  code: string;
  name: string;
  geometry: WardGeometry;
  /** [west, south, east, north] */
  bbox: [number, number, number, number];
  /** Residents, when the file has a population column: £ per resident is then offered. */
  population?: number | null;
}

export interface WardsResult {
  wards: Ward[];
  problems: InputProblem[];
  /** Which properties held the code and the name, so the user can see what was understood. */
  codeField: string | null;
  nameField: string | null;
  /** The property read as each ward's population, if any. */
  populationField?: string | null;
}

const NAME_FIELDS = [/^WD\d{2}NM$/i, /^LAD\d{2}NM$/i, /^ward_?name$/i, /^wardname$/i, /^name$/i, /^ward$/i, /^NAME$/];
// ONS mid-year estimates and Census tables name it several ways; a bare "pop" counts too.
const POPULATION_FIELDS = [/^population$/i, /^total_?population$/i, /^usual_?residents$/i, /^residents$/i, /^all_?ages$/i, /^pop(_?\d{4})?$/i, /^population_?\d{4}$/i, /^pop_?est/i];
const CODE_FIELDS = [/^WD\d{2}CD$/i, /^LAD\d{2}CD$/i, /^ward_?code$/i, /^gss_?code$/i, /^code$/i, /^id$/i];

function pickField(keys: string[], patterns: RegExp[]): string | null {
  for (const pattern of patterns) {
    const hit = keys.find((k) => pattern.test(k));
    if (hit) return hit;
  }
  return null;
}

/**
 * Read ward boundaries from GeoJSON text (WGS84 lon/lat, as RFC 7946 requires).
 * Features that cannot be wards are listed as problems, not dropped silently.
 */
export function parseWardsGeoJson(text: string, file: string): WardsResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { wards: [], problems: [{ file, reason: `not valid JSON (${(e as Error).message})`, severity: 'error' }], codeField: null, nameField: null };
  }
  return wardsFromGeoJson(json, file);
}

/** Wards from an already-parsed GeoJSON object (a GeoJSON file, or a shapefile read into features). */
export function wardsFromGeoJson(json: unknown, file: string): WardsResult {
  const fail = (reason: string): WardsResult => ({
    wards: [],
    problems: [{ file, reason, severity: 'error' }],
    codeField: null,
    nameField: null,
  });
  if (!isObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    return fail('expected a GeoJSON FeatureCollection of ward polygons');
  }
  const crsName = isObject(json.crs) && isObject(json.crs.properties) ? String(json.crs.properties.name ?? '') : '';
  if (/27700/.test(crsName)) {
    return fail('the file is in British National Grid (EPSG:27700); open a WGS84 (EPSG:4326) GeoJSON, or import it as a Shapefile with its .prj');
  }
  const fc = json as unknown as FeatureCollection;
  const keys = new Set<string>();
  for (const f of fc.features) if (isObject(f) && isObject(f.properties)) Object.keys(f.properties).forEach((k) => keys.add(k));
  const keyList = [...keys];
  const nameField = pickField(keyList, NAME_FIELDS);
  const codeField = pickField(keyList, CODE_FIELDS.filter((p) => !nameField || !p.test(nameField)));
  const populationField = pickField(keyList, POPULATION_FIELDS);

  const wards: Ward[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  fc.features.forEach((f: Feature, i) => {
    const feature = i + 1;
    const geometry = f?.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
      problems.push({ file, feature, reason: `geometry is ${geometry?.type ?? 'missing'}; a ward must be a Polygon or MultiPolygon`, severity: 'error' });
      return;
    }
    const checked = checkRings(geometry);
    const label = nameField && f.properties?.[nameField] != null ? `${String(f.properties[nameField]).trim()}: ` : '';
    for (const w of checked.warnings) problems.push({ file, feature, reason: label + w, severity: 'warning' });
    if (!checked.geometry) {
      problems.push({ file, feature, reason: label + (checked.error ?? 'the polygon cannot be read'), severity: 'error' });
      return;
    }
    const bbox = bboxOf(checked.geometry);
    if (!bbox) {
      problems.push({ file, feature, reason: 'polygon has no coordinates', severity: 'error' });
      return;
    }
    if (bbox[0] < -180 || bbox[2] > 180 || bbox[1] < -90 || bbox[3] > 90) {
      problems.push({
        file,
        feature,
        reason: `coordinates (${bbox[0].toFixed(0)}, ${bbox[1].toFixed(0)}) are not longitude/latitude; this looks like a projected grid such as British National Grid`,
        severity: 'error',
      });
      return;
    }
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const name = nameField && props[nameField] != null ? String(props[nameField]).trim() : '';
    let code = codeField && props[codeField] != null ? String(props[codeField]).trim() : '';
    if (!name) problems.push({ file, feature, column: nameField ?? undefined, reason: 'ward has no name; shown as its code', severity: 'warning' });
    if (!code) code = name || `ward-${feature}`;
    if (seen.has(code)) {
      problems.push({ file, feature, column: codeField ?? undefined, reason: `ward code "${code}" appears more than once; this feature was not used`, severity: 'error' });
      return;
    }
    seen.add(code);
    let population: number | null = null;
    if (populationField) {
      const raw = props[populationField];
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.replace(/,/g, '')) : NaN;
      if (Number.isFinite(n) && n >= 0) population = Math.round(n);
      else {
        problems.push({
          file, feature, column: populationField,
          reason: `${label}population ${raw === undefined || raw === null || raw === '' ? 'is blank' : `"${String(raw)}" is not a number of people`}; £ per resident leaves this ward out`,
          severity: 'warning',
        });
      }
    }
    wards.push({ code, name: name || code, geometry: checked.geometry, bbox, ...(populationField ? { population } : {}) });
  });
  if (wards.length === 0 && problems.length === 0) problems.push({ file, reason: 'the file holds no features', severity: 'error' });
  return { wards, problems, codeField, nameField, populationField };
}

export function bboxOf(geometry: WardGeometry): [number, number, number, number] | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const visit = (p: Position) => {
    const [x, y] = p as [number, number];
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  };
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const poly of polygons) for (const ring of poly) for (const p of ring) visit(p);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

export function unionBbox(boxes: Iterable<[number, number, number, number]>): [number, number, number, number] | null {
  let out: [number, number, number, number] | null = null;
  for (const b of boxes) {
    out = out ? [Math.min(out[0], b[0]), Math.min(out[1], b[1]), Math.max(out[2], b[2]), Math.max(out[3], b[3])] : [...b];
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
