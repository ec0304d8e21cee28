// The spend points as vector tiles (Mapbox Vector Tile 2.1), made here from the explorer's columns for the current
// filter. A million GeoJSON points took MapLibre's worker and SwiftShader half a minute to cut and draw; a tile holds
// at most one point per two screen pixels, so the map draws what the eye can tell apart.

import KDBush from 'kdbush';
import { PbfWriter } from 'pbf';
import type { SpendColumns } from '../domain/spend-columns';
import { SERVICE_AREAS } from '../domain/service-areas';

import { FULL_ZOOM, SPEND_TILE_LAYER } from './contract';

export { FULL_ZOOM, SPEND_TILE_LAYER };
/** Tile coordinates per side (MVT's usual extent; MapLibre draws a tile 512 pixels wide, so 8 units a pixel). */
export const TILE_EXTENT = 4096;
/**
 * Below FULL_ZOOM, lines that fall in the same cell of CELL units (two pixels) are drawn as the largest of them,
 * carrying how many lines and how much heat the cell holds.
 */
const CELL = 16;
const SIDE = TILE_EXTENT / CELL;

/** A line's weight in the heat map: its pounds on a log scale, 0 at £0 and 1 from £1m, as the style draws it. */
export function heatWeight(pence: number): number {
  const w = Math.log10(1 + Math.abs(pence) / 100) / 6;
  return w < 0 ? 0 : w > 1 ? 1 : w;
}

function mercatorX(lon: number): number {
  return (lon + 180) / 360;
}

function mercatorY(lat: number): number {
  const s = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}

/** The placed lines' points in Web Mercator (0..1 each way), indexed for the range a tile or a pick covers. */
export class PointIndex {
  /** Row in the columns of each indexed point. */
  readonly rows: Uint32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  private readonly tree: KDBush;

  constructor(cols: SpendColumns) {
    let n = 0;
    for (let i = 0; i < cols.n; i++) if (placed(cols, i)) n++;
    this.rows = new Uint32Array(n);
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.tree = new KDBush(Math.max(n, 1), 64, Float64Array);
    let k = 0;
    for (let i = 0; i < cols.n; i++) {
      if (!placed(cols, i)) continue;
      this.rows[k] = i;
      this.x[k] = mercatorX(cols.lon[i]!);
      this.y[k] = mercatorY(cols.lat[i]!);
      this.tree.add(this.x[k]!, this.y[k]!);
      k++;
    }
    // KDBush wants as many points as it was made for.
    if (n === 0) this.tree.add(-1, -1);
    this.tree.finish();
  }

  get size(): number {
    return this.rows.length;
  }

  /** Indexes (into rows, x, y) of the points in the box, edges included. */
  range(minX: number, minY: number, maxX: number, maxY: number): number[] {
    if (this.rows.length === 0) return [];
    return this.tree.range(minX, minY, maxX, maxY);
  }
}

/** A line the map can draw: it has a point and lies in a ward. */
export function placed(cols: SpendColumns, i: number): boolean {
  const lon = cols.lon[i]!;
  const lat = cols.lat[i]!;
  return lon === lon && lat === lat && cols.ward[i]! >= 0;
}

/**
 * One tile of the kept lines' points. Each feature's id is a spend line's id (the largest by amount in its cell
 * below FULL_ZOOM) with properties `area`, `pence` (that line's) and, for a cell of more than one line, `n` (how
 * many) and `hw` (their summed heat weight), so counts and heat add up over a zoom's tiles to exactly the kept lines.
 */
export function spendTile(cols: SpendColumns, mask: Uint8Array, index: PointIndex, z: number, x: number, y: number): Uint8Array {
  const scale = 2 ** z;
  const x0 = x / scale;
  const y0 = y / scale;
  const found = index.range(x0, y0, (x + 1) / scale, (y + 1) / scale);
  const thin = z < FULL_ZOOM;
  // For each cell: the index (into found) of its largest line, how many lines and how much heat.
  const best = thin ? new Int32Array(SIDE * SIDE).fill(-1) : null;
  const count = thin ? new Uint32Array(SIDE * SIDE) : null;
  const heat = thin ? new Float64Array(SIDE * SIDE) : null;
  const tx = new Int32Array(found.length);
  const ty = new Int32Array(found.length);
  const out: TileFeature[] = [];
  const cells: number[] = [];
  for (let f = 0; f < found.length; f++) {
    const k = found[f]!;
    const row = index.rows[k]!;
    if (!mask[row]) continue;
    const px = Math.floor((index.x[k]! * scale - x) * TILE_EXTENT);
    const py = Math.floor((index.y[k]! * scale - y) * TILE_EXTENT);
    // A point on the tile's right or bottom edge belongs to the next tile, so none is counted twice.
    if (px < 0 || py < 0 || px >= TILE_EXTENT || py >= TILE_EXTENT) continue;
    tx[f] = px;
    ty[f] = py;
    const pence = cols.pence[row]!;
    if (!best || !count || !heat) {
      out.push({ f, n: 1, hw: heatWeight(pence) });
      continue;
    }
    const cell = Math.floor(py / CELL) * SIDE + Math.floor(px / CELL);
    const held = best[cell]!;
    count[cell]!++;
    heat[cell]! += heatWeight(pence);
    if (held < 0) {
      best[cell] = f;
      cells.push(cell);
      continue;
    }
    const heldRow = index.rows[found[held]!]!;
    const heldPence = Math.abs(cols.pence[heldRow]!);
    // The largest amount is drawn (it is the largest circle); the lowest id among equals, so tiles are stable.
    if (Math.abs(pence) > heldPence || (Math.abs(pence) === heldPence && cols.id[row]! < cols.id[heldRow]!)) best[cell] = f;
  }
  if (best && count && heat) for (const cell of cells) out.push({ f: best[cell]!, n: count[cell]!, hw: heat[cell]! });
  // Smaller amounts first, so the largest circles are drawn on top where they overlap.
  const penceOf = (t: TileFeature) => Math.abs(cols.pence[index.rows[found[t.f]!]!]!);
  out.sort((a, b) => penceOf(a) - penceOf(b));
  return encodeTile(
    out.map((t) => {
      const row = index.rows[found[t.f]!]!;
      return { id: cols.id[row]!, x: tx[t.f]!, y: ty[t.f]!, area: SERVICE_AREAS[cols.area[row]!]!, pence: cols.pence[row]!, n: t.n, hw: t.hw };
    }),
  );
}

interface TileFeature {
  f: number;
  n: number;
  hw: number;
}

/** Ids of the kept lines whose points lie in [west, south, east, north], in id order. */
export function linesIn(cols: SpendColumns, mask: Uint8Array, index: PointIndex, bbox: readonly [number, number, number, number]): number[] {
  const [w, s, e, n] = bbox;
  const ids: number[] = [];
  for (const k of index.range(mercatorX(w), mercatorY(n), mercatorX(e), mercatorY(s))) {
    const row = index.rows[k]!;
    if (mask[row]) ids.push(cols.id[row]!);
  }
  return ids.sort((a, b) => a - b);
}

export interface PointFeature {
  id: number;
  /** Tile coordinates, 0..TILE_EXTENT-1. */
  x: number;
  y: number;
  area: string;
  pence: number;
  n: number;
  hw: number;
}

const KEYS = ['area', 'pence', 'n', 'hw'] as const;

/**
 * The features as one MVT layer named SPEND_TILE_LAYER (the protobuf schema of the Mapbox Vector Tile 2.1 spec).
 * Kept small, since MapLibre's worker reads every byte before the first frame: the line's id only as the feature's
 * id, n and hw only where a point stands for more than one line, hw as a 32-bit float.
 */
export function encodeTile(features: readonly PointFeature[]): Uint8Array {
  if (features.length === 0) return new Uint8Array(0);
  const values: (string | number)[] = [];
  const valueIndex = new Map<string | number, number>();
  const valueOf = (v: string | number) => {
    let i = valueIndex.get(v);
    if (i === undefined) {
      valueIndex.set(v, (i = values.length));
      values.push(v);
    }
    return i;
  };
  const tags = features.map((f) => (f.n > 1 ? [0, valueOf(f.area), 1, valueOf(f.pence), 2, valueOf(f.n), 3, valueOf(Math.fround(f.hw))] : [0, valueOf(f.area), 1, valueOf(f.pence)]));
  const floats = new Set(features.filter((f) => f.n > 1).map((f) => Math.fround(f.hw)));
  const pbf = new PbfWriter();
  pbf.writeMessage(3, (_: null, layer: PbfWriter) => {
    layer.writeVarintField(15, 2);
    layer.writeStringField(1, SPEND_TILE_LAYER);
    features.forEach((f, i) => {
      layer.writeMessage(2, (_: null, feature: PbfWriter) => {
        feature.writeVarintField(1, f.id);
        feature.writePackedVarint(2, tags[i]!);
        feature.writeVarintField(3, 1);
        // One MoveTo of one point, then its zigzag-coded x and y.
        feature.writePackedVarint(4, [9, zigzag(f.x), zigzag(f.y)]);
      }, null);
    });
    for (const key of KEYS) layer.writeStringField(3, key);
    for (const v of values) {
      layer.writeMessage(4, (_: null, value: PbfWriter) => {
        if (typeof v === 'string') value.writeStringField(1, v);
        else if (Number.isInteger(v) && v >= 0) value.writeVarintField(5, v);
        else if (Number.isInteger(v)) value.writeSVarintField(6, v);
        else if (floats.has(v)) value.writeFloatField(2, v);
        else value.writeDoubleField(3, v);
      }, null);
    }
    layer.writeVarintField(5, TILE_EXTENT);
  }, null);
  return pbf.finish();
}

function zigzag(n: number): number {
  return (n << 1) ^ (n >> 31);
}
