// The spend points as vector tiles (Mapbox Vector Tile 2.1), made here from the explorer's columns for the current
// filter. A million GeoJSON points took MapLibre's worker and SwiftShader half a minute to cut and draw; a tile holds
// at most one point per two screen pixels, so the map draws what the eye can tell apart.

import KDBush from 'kdbush';
import { PbfWriter } from 'pbf';
import type { SpendColumns } from '../domain/spend-columns';
import { SERVICE_AREAS } from '../domain/service-areas';

import Supercluster, { type ClusterProperties } from 'supercluster';
import type { Feature, Point } from 'geojson';
import { CLUSTER_MAX_ZOOM, CLUSTER_TILE_LAYER, FULL_ZOOM, SPEND_TILE_LAYER } from './contract';

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
  // Kept small, since MapLibre's worker reads every byte before the first frame: the line's id only as the feature's
  // id, n and hw only where a point stands for more than one line, hw as a 32-bit float.
  return encodePointLayer(
    SPEND_TILE_LAYER,
    out.map((t) => {
      const row = index.rows[found[t.f]!]!;
      const properties: LayerPoint['properties'] = { area: SERVICE_AREAS[cols.area[row]!]!, pence: cols.pence[row]! };
      if (t.n > 1) Object.assign(properties, { n: t.n, hw: Math.fround(t.hw) });
      return { id: cols.id[row]!, x: tx[t.f]!, y: ty[t.f]!, properties };
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

/** A point of a vector tile layer: tile coordinates (may reach past the edges by a buffer), an id when it has one. */
export interface LayerPoint {
  id?: number;
  x: number;
  y: number;
  properties: Record<string, string | number>;
}

/**
 * Points as one MVT layer (the protobuf schema of the Mapbox Vector Tile 2.1 spec). Numbers that are exact 32-bit
 * floats are written as floats, other fractions as doubles; empty bytes for no points.
 */
export function encodePointLayer(name: string, points: readonly LayerPoint[]): Uint8Array {
  if (points.length === 0) return new Uint8Array(0);
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const values: (string | number)[] = [];
  const valueIndex = new Map<string | number, number>();
  const index = <T>(list: T[], at: Map<T, number>, v: T) => {
    let i = at.get(v);
    if (i === undefined) {
      at.set(v, (i = list.length));
      list.push(v);
    }
    return i;
  };
  const tags = points.map((p) => Object.entries(p.properties).flatMap(([k, v]) => [index(keys, keyIndex, k), index(values, valueIndex, v)]));
  const pbf = new PbfWriter();
  pbf.writeMessage(3, (_: null, layer: PbfWriter) => {
    layer.writeVarintField(15, 2);
    layer.writeStringField(1, name);
    points.forEach((p, i) => {
      layer.writeMessage(2, (_: null, feature: PbfWriter) => {
        if (p.id !== undefined) feature.writeVarintField(1, p.id);
        feature.writePackedVarint(2, tags[i]!);
        feature.writeVarintField(3, 1);
        // One MoveTo of one point, then its zigzag-coded x and y.
        feature.writePackedVarint(4, [9, zigzag(p.x), zigzag(p.y)]);
      }, null);
    });
    for (const key of keys) layer.writeStringField(3, key);
    for (const v of values) {
      layer.writeMessage(4, (_: null, value: PbfWriter) => {
        if (typeof v === 'string') value.writeStringField(1, v);
        else if (Number.isInteger(v) && v >= 0) value.writeVarintField(5, v);
        else if (Number.isInteger(v)) value.writeSVarintField(6, v);
        else if (Math.fround(v) === v) value.writeFloatField(2, v);
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

/** The kept lines' points, clustered as MapLibre clusters a GeoJSON source (40 pixels, up to CLUSTER_MAX_ZOOM). */
export function clusterIndex(cols: SpendColumns, mask: Uint8Array, index: PointIndex): Supercluster<ClusterPointProperties> {
  const points: Feature<Point, ClusterPointProperties>[] = [];
  for (let k = 0; k < index.size; k++) {
    const row = index.rows[k]!;
    if (!mask[row]) continue;
    points.push({ type: 'Feature', id: cols.id[row]!, properties: { area: SERVICE_AREAS[cols.area[row]!]!, pence: cols.pence[row]! }, geometry: { type: 'Point', coordinates: [cols.lon[row]!, cols.lat[row]!] } });
  }
  // The radius is in tile units: 40 of a 512-pixel tile's pixels.
  return new Supercluster<ClusterPointProperties>({ radius: (40 * TILE_EXTENT) / 512, extent: TILE_EXTENT, maxZoom: CLUSTER_MAX_ZOOM }).load(points);
}

interface ClusterPointProperties {
  area: string;
  pence: number;
}

/**
 * One tile of clusters (layer CLUSTER_TILE_LAYER): a cluster carries cluster_id, point_count and
 * point_count_abbreviated; a lone line is its own point, its id the line's, with its area and pence.
 */
export function clusterTile(clusters: Supercluster<ClusterPointProperties>, z: number, x: number, y: number): Uint8Array {
  const tile = clusters.getTile(z, x, y);
  if (!tile) return new Uint8Array(0);
  return encodePointLayer(
    CLUSTER_TILE_LAYER,
    tile.features.map((f): LayerPoint => {
      const [px, py] = f.geometry[0]!;
      const tags = f.tags as Partial<ClusterProperties> & Partial<ClusterPointProperties>;
      if (tags.cluster) return { x: px, y: py, properties: { cluster_id: tags.cluster_id!, point_count: tags.point_count!, point_count_abbreviated: String(tags.point_count_abbreviated!) } };
      return { id: Number(f.id), x: px, y: py, properties: { area: tags.area!, pence: tags.pence! } };
    }),
  );
}
