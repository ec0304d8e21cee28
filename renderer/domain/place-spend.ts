// How much of a ward's spend lies at each named place in it: inside an estate's or park's outline, or close to a
// youth centre, school or other place given as a point.

import { booleanPointInPolygon } from '@turf/turf';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import type { SpendColumns } from './spend-columns';
import { SERVICE_AREAS, emptyByArea, type ByArea } from './service-areas';
import type { Pence } from './money';

export interface PlaceInWard {
  name: string;
  kind: string;
  geometry: Geometry;
  lon: number;
  lat: number;
}

export interface PlaceSpend {
  name: string;
  kind: string;
  pence: Pence;
  lines: number;
  byArea: ByArea<Pence>;
  /** How "at this place" was decided, in words for the panel. */
  rule: 'inside its outline' | 'within 100 m';
}

/** Lines within this distance of a place given only as a point are counted as spend at it. */
export const NEAR_POINT_METRES = 100;
const EARTH_M = 6_371_008.8;

/**
 * Spend at each place, over the lines `mask` keeps in ward `ward`; places with none are left out, most money
 * first. A line can count at two places when their outlines overlap (an estate inside a regeneration area).
 */
export function placeSpend(cols: SpendColumns, mask: Uint8Array, ward: number, places: readonly PlaceInWard[]): PlaceSpend[] {
  const inWard: number[] = [];
  for (let i = 0; i < cols.n; i++) if (mask[i] && cols.ward[i] === ward && cols.lon[i] === cols.lon[i]) inWard.push(i);
  const out: PlaceSpend[] = [];
  for (const p of places) {
    const polygon = p.geometry.type === 'Polygon' || p.geometry.type === 'MultiPolygon' ? (p.geometry as Polygon | MultiPolygon) : null;
    const t: PlaceSpend = { name: p.name, kind: p.kind, pence: 0, lines: 0, byArea: emptyByArea(), rule: polygon ? 'inside its outline' : 'within 100 m' };
    const [w, s, e, n] = polygon ? bbox(polygon) : [0, 0, 0, 0];
    const cosLat = Math.cos((p.lat * Math.PI) / 180);
    for (const i of inWard) {
      const x = cols.lon[i]!;
      const y = cols.lat[i]!;
      let at: boolean;
      if (polygon) at = x >= w && x <= e && y >= s && y <= n && booleanPointInPolygon([x, y], polygon);
      else {
        // Equirectangular distance: exact enough at 100 m.
        const dx = ((x - p.lon) * Math.PI) / 180 * cosLat * EARTH_M;
        const dy = ((y - p.lat) * Math.PI) / 180 * EARTH_M;
        at = dx * dx + dy * dy <= NEAR_POINT_METRES * NEAR_POINT_METRES;
      }
      if (!at) continue;
      const pence = cols.pence[i]!;
      t.pence += pence;
      t.lines++;
      t.byArea[SERVICE_AREAS[cols.area[i]!]!] += pence;
    }
    if (t.lines > 0) out.push(t);
  }
  return out.sort((a, b) => b.pence - a.pence || a.name.localeCompare(b.name));
}

function bbox(g: Polygon | MultiPolygon): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const rings = g.type === 'Polygon' ? [g.coordinates[0]!] : g.coordinates.map((p) => p[0]!);
  for (const ring of rings) {
    for (const [x, y] of ring as [number, number][]) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  }
  return [w, s, e, n];
}
