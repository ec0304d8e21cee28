// Reading the engine's spend tiles back in tests: which tile holds a place, and a tile's points with their places.

import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { SPEND_TILE_LAYER, type SpendTilePointProperties } from '../renderer/engine/contract';

/** The Web Mercator tile at zoom z holding [lon, lat]. */
export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const scale = 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return { x: Math.floor(((lon + 180) / 360) * scale), y: Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale) };
}

export interface DecodedPoint {
  /** The feature's own id (MVT's), which must be the line's. */
  featureId: number | undefined;
  properties: SpendTilePointProperties;
  lon: number;
  lat: number;
  extent: number;
  type: number;
}

/** A spend tile's points, in the order they are drawn; none for empty bytes. */
export function decodeSpendTile(bytes: Uint8Array, z: number, x: number, y: number): DecodedPoint[] {
  if (bytes.length === 0) return [];
  const layer = new VectorTile(new PbfReader(bytes)).layers[SPEND_TILE_LAYER];
  if (!layer) throw new Error(`the tile has no ${SPEND_TILE_LAYER} layer`);
  const out: DecodedPoint[] = [];
  for (let i = 0; i < layer.length; i++) {
    const f = layer.feature(i);
    const [lon, lat] = (f.toGeoJSON(x, y, z).geometry as unknown as { coordinates: [number, number] }).coordinates;
    out.push({ featureId: f.id, properties: f.properties as unknown as SpendTilePointProperties, lon, lat, extent: layer.extent, type: f.type });
  }
  return out;
}
