// Postcode directories (OS Code-Point Open, ONS Postcode Directory and similar) as a lookup from postcode to a point.

import Papa from 'papaparse';
import { bngToWgs84 } from './crs';
import type { InputProblem } from './problems';

export interface PostcodePoint {
  lon: number;
  lat: number;
}

export interface PostcodeDirectory {
  file: string;
  /** Keyed by normalisePostcode(). */
  points: Map<string, PostcodePoint>;
  rows: number;
  /** Which columns were read, and in which coordinate system, for the user to check. */
  columns: { postcode: string; x: string; y: string; system: 'british-national-grid' | 'wgs84' } | null;
  problems: InputProblem[];
}

/** "nw1 2ab", "NW12AB" and " NW1  2AB " are the same postcode. */
export function normalisePostcode(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** A UK postcode's shape (after normalising): outward code of 2–4 characters, inward code digit + two letters. */
export function isPostcodeShaped(raw: string): boolean {
  return /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/.test(normalisePostcode(raw));
}

/**
 * The postcode in a piece of an address ("One America Square, London EC3N 2LB" → "EC3N 2LB"), written with one space
 * before the inward code; '' when there is none. The last one wins: an address ends with its postcode. Capitals are
 * tried first, so that a line break lost in publishing ("LondonnE1W 1AW") still parts the town from the postcode;
 * then the text in any case ("nw1 2ab").
 */
export function postcodeIn(text: string): string {
  const last = (t: string, shape: RegExp) => [...t.matchAll(shape)].at(-1);
  const found = last(text, /(?<![A-Z0-9])([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})(?![A-Za-z0-9])/g) ?? last(text.toUpperCase(), /(?<![A-Z0-9])([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})(?![A-Z0-9])/g);
  return found ? `${found[1]} ${found[2]}` : '';
}

const POSTCODE_HEADERS = ['postcode', 'pcds', 'pcd', 'pcd2', 'post code'];
const EASTING_HEADERS = ['easting', 'eastings', 'oseast1m', 'east'];
const NORTHING_HEADERS = ['northing', 'northings', 'osnrth1m', 'north'];
const LON_HEADERS = ['long', 'longitude', 'lon', 'lng'];
const LAT_HEADERS = ['lat', 'latitude'];

/** The first column whose header (any case, underscores as spaces) is one of names, in the order names are given. */
export function findColumn(header: string[], names: string[]): number {
  const norm = header.map((h) => h.trim().toLowerCase().replace(/_/g, ' '));
  for (const n of names) {
    const i = norm.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * Read a postcode directory. Longitude/latitude columns are used when present; otherwise National Grid
 * eastings/northings are converted. Rows without a usable position (Code-Point gives 0,0 for some) are listed.
 */
export function parsePostcodeDirectory(text: string, file: string): PostcodeDirectory {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: 'greedy' });
  const rows = parsed.data;
  const directory: PostcodeDirectory = { file, points: new Map(), rows: Math.max(0, rows.length - 1), columns: null, problems: [] };
  const header = rows[0] ?? [];
  const pc = findColumn(header, POSTCODE_HEADERS);
  const lon = findColumn(header, LON_HEADERS);
  const lat = findColumn(header, LAT_HEADERS);
  const east = findColumn(header, EASTING_HEADERS);
  const north = findColumn(header, NORTHING_HEADERS);
  const wgs = lon >= 0 && lat >= 0;
  if (pc < 0 || (!wgs && (east < 0 || north < 0))) {
    directory.problems.push({
      file,
      row: 1,
      reason: `expected a header with a postcode column (postcode or pcds) and either longitude/latitude or easting/northing; found: ${header.join(', ') || 'nothing'}`,
      severity: 'error',
    });
    return directory;
  }
  directory.columns = wgs
    ? { postcode: header[pc]!, x: header[lon]!, y: header[lat]!, system: 'wgs84' }
    : { postcode: header[pc]!, x: header[east]!, y: header[north]!, system: 'british-national-grid' };
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    const key = normalisePostcode(r[pc] ?? '');
    const x = Number(r[wgs ? lon : east]);
    const y = Number(r[wgs ? lat : north]);
    if (!key) {
      directory.problems.push({ file, row: i + 1, column: header[pc], reason: 'no postcode', severity: 'warning' });
      continue;
    }
    const valid = wgs
      ? Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 180 && Math.abs(y) <= 90 && !(x === 0 && y === 0) && !(y > 99)
      : Number.isFinite(x) && Number.isFinite(y) && x > 0 && y > 0 && x <= 700000 && y <= 1300000;
    if (!valid) {
      directory.problems.push({ file, row: i + 1, column: directory.columns.x, reason: `${r[pc]} has no usable position (${r[wgs ? lon : east]}, ${r[wgs ? lat : north]})`, severity: 'warning' });
      continue;
    }
    const [plon, plat] = wgs ? [x, y] : bngToWgs84(x, y);
    directory.points.set(key, { lon: plon, lat: plat });
  }
  return directory;
}
