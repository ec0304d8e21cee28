// Located spend gathered into H3 hexagons (stable cell ids other tools read), with how many service areas meet in each.

import { cellToBoundary, latLngToCell } from 'h3-js';
import type { SpendColumns } from './spend-columns';
import { LOCATE_METHODS } from './spend-filter';
import { SERVICE_AREAS, emptyByArea, type ByArea } from './service-areas';
import { DEFAULT_MIX, mixOf, type MixParams } from './meet';
import type { Pence } from './money';

export const DEFAULT_HEX_RESOLUTION = 9;

export interface HexCell {
  /** The H3 cell index, e.g. "89195da49a3ffff". */
  cell: string;
  byArea: ByArea<Pence>;
  lines: number;
  total: Pence;
  /** Meeting areas present (0–4), as mixOf counts them. */
  areas: number;
  evenness: number;
  /** Share of the hex's money (by absolute amount) placed only approximately: at a postcode's centre or a named place. */
  approximateShare: number;
  /** [lon, lat] ring, closed, as GeoJSON wants it. */
  ring: [number, number][];
}

const APPROXIMATE = new Set<number>([LOCATE_METHODS.indexOf('postcode'), LOCATE_METHODS.indexOf('place'), LOCATE_METHODS.indexOf('supplier-address')]);

/** The lines `mask` keeps that have a point, by hex at `resolution` (0–15; 9 is about 0.1 km², a city block or two). */
export function hexAggregate(cols: SpendColumns, mask: Uint8Array, resolution: number = DEFAULT_HEX_RESOLUTION, params: MixParams = DEFAULT_MIX): HexCell[] {
  const A = SERVICE_AREAS.length;
  const index = new Map<string, number>();
  const pence: number[] = [];
  const absolute: number[] = [];
  const approximate: number[] = [];
  const lines: number[] = [];
  const cells: string[] = [];
  for (let i = 0; i < cols.n; i++) {
    if (!mask[i]) continue;
    const lon = cols.lon[i]!;
    const lat = cols.lat[i]!;
    if (lon !== lon || lat !== lat) continue;
    const cell = latLngToCell(lat, lon, resolution);
    let k = index.get(cell);
    if (k === undefined) {
      k = cells.length;
      index.set(cell, k);
      cells.push(cell);
      for (let a = 0; a < A; a++) pence.push(0);
      absolute.push(0);
      approximate.push(0);
      lines.push(0);
    }
    const p = cols.pence[i]!;
    pence[k * A + cols.area[i]!]! += p;
    absolute[k]! += Math.abs(p);
    if (APPROXIMATE.has(cols.method[i]!)) approximate[k]! += Math.abs(p);
    lines[k]!++;
  }
  return cells.map((cell, k) => {
    const byArea = emptyByArea();
    let total = 0;
    SERVICE_AREAS.forEach((a, j) => {
      byArea[a] = pence[k * A + j]!;
      total += byArea[a];
    });
    const mix = mixOf(byArea, params);
    const ring = cellToBoundary(cell, true) as [number, number][];
    return {
      cell, byArea, lines: lines[k]!, total, areas: mix.count, evenness: mix.evenness,
      approximateShare: absolute[k]! > 0 ? approximate[k]! / absolute[k]! : 0,
      ring,
    };
  });
}
