// Reading the engine's spend tiles back in tests: which tile holds a place, and a tile's points with their places.

import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { SPEND_TILE_LAYER, type SpendTilePointProperties } from '../renderer/engine/contract';
import { heatWeight } from '../renderer/engine/spend-tiles';

/** The Web Mercator tile at zoom z holding [lon, lat]. */
export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const scale = 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return { x: Math.floor(((lon + 180) / 360) * scale), y: Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale) };
}

export interface DecodedPoint {
  /** The line's id (the feature's own, in MVT). */
  id: number;
  /** As the tile has them, with a single line's n (1) and heat weight filled in. */
  properties: Required<SpendTilePointProperties>;
  lon: number;
  lat: number;
  extent: number;
  type: number;
}

/** A spend tile's points, in the order they are drawn; none for empty bytes. Every point must carry its line's id. */
export function decodeSpendTile(bytes: Uint8Array, z: number, x: number, y: number): DecodedPoint[] {
  if (bytes.length === 0) return [];
  const layer = new VectorTile(new PbfReader(bytes)).layers[SPEND_TILE_LAYER];
  if (!layer) throw new Error(`the tile has no ${SPEND_TILE_LAYER} layer`);
  const out: DecodedPoint[] = [];
  for (let i = 0; i < layer.length; i++) {
    const f = layer.feature(i);
    const [lon, lat] = (f.toGeoJSON(x, y, z).geometry as unknown as { coordinates: [number, number] }).coordinates;
    if (f.id === undefined) throw new Error(`point ${i} of the tile has no id`);
    const p = f.properties as unknown as SpendTilePointProperties;
    out.push({ id: f.id, properties: { ...p, n: p.n ?? 1, hw: p.hw ?? heatWeight(p.pence) }, lon, lat, extent: layer.extent, type: f.type });
  }
  return out;
}
