// UPRN tables (OS Open UPRN, a council's LLPG extract) as a lookup from Unique Property Reference Number to a point.

import Papa from 'papaparse';
import { bngToWgs84 } from './crs';
import type { InputProblem } from './problems';
import { findColumn, type PostcodePoint } from './postcodes';

/** Where a property is, in WGS84: the same shape as a postcode's centre. */
export type UprnPoint = PostcodePoint;

export interface UprnDirectory {
  file: string;
  /** Keyed by normaliseUprn(): a UPRN has at most 12 digits, so a double holds it exactly and costs less than a string. */
  points: Map<number, UprnPoint>;
  rows: number;
  /** Which columns were read, and in which coordinate system, for the user to check. */
  columns: { uprn: string; x: string; y: string; system: 'british-national-grid' | 'wgs84' } | null;
  problems: InputProblem[];
}

const MAX_UPRN = 999_999_999_999;

/**
 * Where a National Grid (0, 0) lands, in the sea off Scilly. Published registers (Get Information about Schools, for
 * one) give a missing easting/northing as 0, 0 and its converted longitude/latitude as this point.
 */
const [GRID_ORIGIN_LON, GRID_ORIGIN_LAT] = bngToWgs84(0, 0);

/**
 * "000010023336956" and "10023336956" are the same UPRN: spreadsheets and some exports pad or strip leading zeros.
 * Anything that is not 1–12 digits once the zeros are gone (a blank, "N/A", Excel's "1.00023E+11") is not a UPRN.
 */
export function normaliseUprn(raw: string): number | null {
  const s = raw.trim();
  if (!/^[0-9]+$/.test(s)) return null;
  // Number() drops leading zeros; more than 12 significant digits lands above MAX_UPRN, however it rounds.
  const n = Number(s);
  return n >= 1 && n <= MAX_UPRN ? n : null;
}

const UPRN_HEADERS = ['uprn', 'unique property reference number', 'unique property reference', 'property uprn'];
const EASTING_HEADERS = ['x coordinate', 'easting', 'eastings', 'x', 'east', 'x coord'];
const NORTHING_HEADERS = ['y coordinate', 'northing', 'northings', 'y', 'north', 'y coord'];
const LON_HEADERS = ['longitude', 'long', 'lon', 'lng'];
const LAT_HEADERS = ['latitude', 'lat'];


function headerProblem(file: string, row: number, header: string[]): InputProblem {
  return {
    file,
    row,
    reason: `expected a header with a UPRN column (UPRN) and either longitude/latitude or easting/northing (X_COORDINATE/Y_COORDINATE); found: ${header.join(', ') || 'nothing'}`,
    severity: 'error',
  };
}

/**
 * Read a UPRN table. Longitude/latitude columns are used when present (OS Open UPRN has both, and its
 * latitude/longitude are ETRS89, within a metre of WGS84); otherwise National Grid eastings/northings are converted.
 * Rows without a usable UPRN or position are listed, never dropped silently.
 */
export function parseUprnTable(text: string, file: string): UprnDirectory {
  const directory: UprnDirectory = { file, points: new Map(), rows: 0, columns: null, problems: [] };
  const { points, problems } = directory;
  let header: string[] | null = null;
  let id = -1, xi = -1, yi = -1;
  let wgs = false;
  let line = 0;
  // Row by row rather than all rows at once: a borough's extract is 100k+ rows, and only the points are kept.
  Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    header: false,
    skipEmptyLines: false,
    step: ({ data: r }, parser) => {
      line++;
      if (r.every((c) => c.trim() === '')) return;
      if (header === null) {
        header = r;
        id = findColumn(r, UPRN_HEADERS);
        const lon = findColumn(r, LON_HEADERS), lat = findColumn(r, LAT_HEADERS);
        const east = findColumn(r, EASTING_HEADERS), north = findColumn(r, NORTHING_HEADERS);
        wgs = lon >= 0 && lat >= 0;
        if (id < 0 || (!wgs && (east < 0 || north < 0))) {
          problems.push(headerProblem(file, line, r));
          parser.abort();
          return;
        }
        xi = wgs ? lon : east;
        yi = wgs ? lat : north;
        directory.columns = { uprn: r[id]!, x: r[xi]!, y: r[yi]!, system: wgs ? 'wgs84' : 'british-national-grid' };
        return;
      }
      directory.rows++;
      const raw = r[id] ?? '';
      const key = normaliseUprn(raw);
      if (key === null) {
        problems.push({ file, row: line, column: header[id], reason: raw.trim() ? `"${raw.trim().slice(0, 40)}" is not a UPRN (1 to 12 digits)` : 'no UPRN', severity: 'warning' });
        return;
      }
      const xText = r[xi] ?? '';
      const yText = r[yi] ?? '';
      // Number('') is 0, which the range checks reject, so a blank cell needs no case of its own.
      const x = Number(xText);
      const y = Number(yText);
      const valid = wgs
        ? Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 180 && Math.abs(y) <= 90 && !(x === 0 && y === 0) &&
          !(Math.abs(x - GRID_ORIGIN_LON) < 0.001 && Math.abs(y - GRID_ORIGIN_LAT) < 0.001)
        : Number.isFinite(x) && Number.isFinite(y) && x > 0 && y > 0 && x <= 700000 && y <= 1300000;
      if (!valid) {
        problems.push({ file, row: line, column: header[xi], reason: `UPRN ${raw.trim()} has no usable position (${xText}, ${yText})`, severity: 'warning' });
        return;
      }
      let plon = x, plat = y;
      if (!wgs) [plon, plat] = bngToWgs84(x, y);
      const seen = points.get(key);
      if (seen) {
        // LLPG extracts repeat a UPRN once per address record; only a second, different position is worth a word.
        if (Math.abs(seen.lon - plon) > 1e-5 || Math.abs(seen.lat - plat) > 1e-5) {
          problems.push({ file, row: line, column: header[id], reason: `UPRN ${key} appears again at a different position (${xText}, ${yText}); the first is used`, severity: 'warning' });
        }
        return;
      }
      points.set(key, { lon: plon, lat: plat });
    },
  });
  if (directory.columns === null && problems.length === 0) problems.push(headerProblem(file, 1, []));
  return directory;
}
