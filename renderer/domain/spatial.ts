// Which ward is a point in, and where to write a ward's name.

import { booleanPointInPolygon, centerOfMass, pointOnFeature, area, polygon as turfPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { Ward } from './wards';
import { gridCells, WardGrid, type WardShapes } from './ward-grid';

export class WardIndex {
  /** Built when first asked: an import whose points were all placed in the reading worker never needs it here. */
  private grid: WardGrid | null = null;

  /** @param expectedPoints how many points will be looked up, when known (see gridCells). */
  constructor(private readonly wards: readonly Ward[], private readonly expectedPoints?: number) {}

  /** The ward containing [lon, lat], or null when it lies outside every ward. On a shared edge the first ward in the file wins. */
  wardAt(lon: number, lat: number): Ward | null {
    const i = (this.grid ??= new WardGrid(this.wards, { maxCells: gridCells(this.expectedPoints) })).indexAt(lon, lat);
    return i < 0 ? null : this.wards[i]!;
  }

  /** Ward i, by its place in the wards the index was made with (as WardGrid.indexAt numbers them). */
  ward(i: number): Ward {
    return this.wards[i]!;
  }

  get shapes(): WardShapes {
    return { shapes: this.wards.map((w) => ({ geometry: w.geometry, bbox: w.bbox })), expectedPoints: this.expectedPoints };
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
