// Which ward is a point in, and where to write a ward's name.

import { booleanPointInPolygon, centerOfMass, pointOnFeature, area, polygon as turfPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { Ward } from './wards';
import { WardGrid } from './ward-grid';

export class WardIndex {
  private readonly grid: WardGrid;

  /**
   * @param expectedPoints how many points will be looked up, when known: a grid costs time to build in proportion
   * to its cells, so a few thousand points get a coarser grid (the demo's 20,000 built 65,536 cells in ~12 ms and
   * looked them up in ~3).
   */
  constructor(private readonly wards: readonly Ward[], expectedPoints?: number) {
    const maxCells = expectedPoints === undefined ? undefined : Math.min(1 << 16, Math.max(1 << 12, 2 ** Math.ceil(Math.log2(Math.max(1, expectedPoints)))));
    this.grid = new WardGrid(wards, { maxCells });
  }

  /** The ward containing [lon, lat], or null when it lies outside every ward. On a shared edge the first ward in the file wins. */
  wardAt(lon: number, lat: number): Ward | null {
    const i = this.grid.indexAt(lon, lat);
    return i < 0 ? null : this.wards[i]!;
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
