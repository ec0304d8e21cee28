// The places register: estates, parks, youth centres, care homes, libraries, schools… with names, kinds and
// aliases, from GeoJSON (points or polygons) or CSV (lon/lat or National Grid); and matching place names to them.

import Papa from 'papaparse';
import { booleanPointInPolygon, centerOfMass, pointOnFeature } from '@turf/turf';
import type { MultiPolygon, Point, Polygon } from 'geojson';
import { bngToWgs84 } from './crs';
import type { InputProblem } from './problems';

export interface Place {
  name: string;
  kind: string;
  aliases: string[];
  geometry: Point | Polygon | MultiPolygon;
  /** A point inside the place, where lines matched to it are drawn. */
  lon: number;
  lat: number;
  /** Which file and row or feature it came from. */
  source: string;
}

export interface PlacesResult {
  places: Place[];
  problems: InputProblem[];
  rows: number;
}

/** How place names are compared: case, punctuation, "&"/"and" and "St"/"Saint" do not matter. */
export function normalisePlaceName(name: string): string {
  return name
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bst\b/g, 'saint')
    .trim();
}

function representativePoint(geometry: Polygon | MultiPolygon): [number, number] {
  const centre = centerOfMass(geometry).geometry.coordinates as [number, number];
  return booleanPointInPolygon(centre, geometry) ? centre : (pointOnFeature(geometry).geometry.coordinates as [number, number]);
}

function splitAliases(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).map((s) => s.trim()).filter(Boolean);
  if (typeof value === 'string') return value.split(/[;|]/).map((s) => s.trim()).filter(Boolean);
  return [];
}

const NAME_KEYS = ['name', 'place_name', 'site_name', 'site', 'title', 'establishment name', 'reception name', 'organisation'];
const KIND_KEYS = ['kind', 'type', 'category', 'place_type', 'type of establishment'];

function pick(props: Record<string, unknown>, keys: string[]): unknown {
  const lower = new Map(Object.keys(props).map((k) => [k.toLowerCase().replace(/_/g, ' '), k]));
  for (const k of keys) {
    const hit = lower.get(k.replace(/_/g, ' '));
    if (hit !== undefined && props[hit] != null && String(props[hit]).trim() !== '') return props[hit];
  }
  return undefined;
}

/** Places from a GeoJSON FeatureCollection of points and polygons (WGS84). */
export function parsePlacesGeoJson(text: string, file: string, defaultKind = 'place'): PlacesResult {
  const out: PlacesResult = { places: [], problems: [], rows: 0 };
  let json: { type?: string; features?: { properties?: Record<string, unknown>; geometry?: { type: string; coordinates: unknown } }[] };
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, '')) as typeof json;
  } catch (e) {
    out.problems.push({ file, reason: `not valid JSON (${(e as Error).message})`, severity: 'error' });
    return out;
  }
  if (json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    out.problems.push({ file, reason: 'expected a GeoJSON FeatureCollection of places', severity: 'error' });
    return out;
  }
  out.rows = json.features.length;
  json.features.forEach((f, i) => {
    const feature = i + 1;
    const props = f.properties ?? {};
    const name = String(pick(props, NAME_KEYS) ?? '').trim();
    const g = f.geometry;
    if (!name) return out.problems.push({ file, feature, reason: 'place has no name (expected a "name" property)', severity: 'error' });
    if (!g || !['Point', 'Polygon', 'MultiPolygon'].includes(g.type)) {
      return out.problems.push({ file, feature, reason: `${name}: geometry is ${g?.type ?? 'missing'}; expected a Point, Polygon or MultiPolygon`, severity: 'error' });
    }
    const geometry = g as Point | Polygon | MultiPolygon;
    const [lon, lat] = geometry.type === 'Point' ? (geometry.coordinates as [number, number]) : representativePoint(geometry);
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
      return out.problems.push({ file, feature, reason: `${name}: coordinates are not longitude/latitude`, severity: 'error' });
    }
    out.places.push({ name, kind: String(pick(props, KIND_KEYS) ?? defaultKind), aliases: splitAliases(props.aliases ?? props.alias), geometry, lon, lat, source: `${file} feature ${feature}` });
  });
  return out;
}

/**
 * Places from a CSV with a name column and longitude/latitude or National Grid easting/northing.
 * Where a row has both and they disagree by more than 250 m, the row is listed and the grid reference used,
 * since published lon/lat columns are often derived from it (and sometimes wrongly).
 */
export function parsePlacesCsv(text: string, file: string, defaultKind: string): PlacesResult {
  const out: PlacesResult = { places: [], problems: [], rows: 0 };
  const rows = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' }).data;
  out.rows = rows.length;
  rows.forEach((r, i) => {
    const row = i + 2;
    const name = String(pick(r, NAME_KEYS) ?? '').trim();
    if (!name) return out.problems.push({ file, row, reason: 'no place name', severity: 'error' });
    const num = (keys: string[]) => {
      const v = pick(r, keys);
      return v === undefined ? NaN : Number(v);
    };
    const e = num(['easting', 'eastings', 'x']);
    const n = num(['northing', 'northings', 'y']);
    const lonIn = num(['longitude', 'long', 'lon', 'lng']);
    const latIn = num(['latitude', 'lat']);
    const gridOk = e > 0 && n > 0 && e <= 700000 && n <= 1300000;
    const lonLatOk = Math.abs(lonIn) <= 180 && Math.abs(latIn) <= 90 && !(lonIn === 0 && latIn === 0);
    let at: [number, number] | null = null;
    if (gridOk) {
      at = bngToWgs84(e, n);
      if (lonLatOk) {
        const metres = Math.hypot((lonIn - at[0]) * 111320 * Math.cos((at[1] * Math.PI) / 180), (latIn - at[1]) * 110540);
        if (metres > 250) out.problems.push({ file, row, reason: `${name}: longitude/latitude are ${Math.round(metres)} m from the easting/northing; the easting/northing is used`, severity: 'warning' });
      }
    } else if (lonLatOk) at = [lonIn, latIn];
    if (!at) return out.problems.push({ file, row, reason: `${name}: no usable position (expected longitude/latitude or easting/northing)`, severity: 'error' });
    out.places.push({
      name,
      kind: String(pick(r, KIND_KEYS) ?? defaultKind),
      aliases: splitAliases(pick(r, ['aliases', 'alias', 'also known as'])),
      geometry: { type: 'Point', coordinates: at },
      lon: at[0],
      lat: at[1],
      source: `${file} row ${row}`,
    });
  });
  return out;
}

export type PlaceMatch = { found: true; place: Place } | { found: false; reason: 'not-found' | 'ambiguous'; candidates: Place[] };

/** Finds places by name or alias. A name shared by two places is ambiguous and never guessed. */
export class PlaceMatcher {
  private readonly byName = new Map<string, Place[]>();

  constructor(readonly places: readonly Place[]) {
    for (const p of places) {
      for (const n of new Set([p.name, ...p.aliases].map(normalisePlaceName))) {
        if (!n) continue;
        const list = this.byName.get(n) ?? [];
        list.push(p);
        this.byName.set(n, list);
      }
    }
  }

  match(name: string): PlaceMatch {
    const hits = this.byName.get(normalisePlaceName(name)) ?? [];
    if (hits.length === 1) return { found: true, place: hits[0]! };
    return { found: false, reason: hits.length === 0 ? 'not-found' : 'ambiguous', candidates: hits };
  }
}
