// Which ward is a point in: a bounding-box index first, then an exact point-in-polygon test.

import Flatbush from 'flatbush';
import { booleanPointInPolygon, centerOfMass, pointOnFeature, area, polygon as turfPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { Ward } from './wards';

export class WardIndex {
  private readonly index: Flatbush | null;

  constructor(private readonly wards: readonly Ward[]) {
    if (wards.length === 0) {
      this.index = null;
      return;
    }
    const index = new Flatbush(wards.length);
    for (const w of wards) index.add(w.bbox[0], w.bbox[1], w.bbox[2], w.bbox[3]);
    index.finish();
    this.index = index;
  }

  /** The ward containing [lon, lat], or null when it lies outside every ward. On a shared edge the first ward wins. */
  wardAt(lon: number, lat: number): Ward | null {
    if (!this.index) return null;
    const hits = this.index.search(lon, lat, lon, lat);
    if (hits.length === 0) return null;
    hits.sort((a, b) => a - b);
    for (const i of hits) {
      const ward = this.wards[i]!;
      if (booleanPointInPolygon([lon, lat], ward.geometry)) return ward;
    }
    return null;
  }
}

/**
 * Where to write a ward's name: the centre of its largest part when that lies inside it,
 * otherwise a point guaranteed to be inside (crescent-shaped wards).
 */
export function labelPoint(ward: Ward): [number, number] {
  const parts: Polygon[] =
    ward.geometry.type === 'Polygon'
      ? [ward.geometry]
      : ward.geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
  let largest = parts[0]!;
  let largestArea = -1;
  for (const p of parts) {
    const a = area(p);
    if (a > largestArea) {
      largest = p;
      largestArea = a;
    }
  }
  const feature = turfPolygon(largest.coordinates);
  const centre = centerOfMass(feature).geometry.coordinates as [number, number];
  if (booleanPointInPolygon(centre, feature)) return centre;
  return pointOnFeature(feature).geometry.coordinates as [number, number];
}
