// The engine's point tiles: every kept line counted once per zoom, nothing invented, the largest drawn; picks exact.

import { describe, expect, it } from 'vitest';
import { ColumnsBuilder, type SpendColumns } from '../../renderer/domain/spend-columns';
import { FULL_ZOOM, PointIndex, TILE_EXTENT, clusterIndex, clusterTile, encodePointLayer, heatWeight, linesIn, spendTile } from '../../renderer/engine/spend-tiles';
import { CLUSTER_MAX_ZOOM, CLUSTER_TILE_LAYER, type SpendTilePointProperties } from '../../renderer/engine/contract';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { decodeSpendTile, tileOf } from '../tiles';
import { SERVICE_AREAS } from '../../renderer/domain/service-areas';

/** A seeded generator, so a failure can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const BOX = { w: -0.2, s: 51.5, e: -0.1, n: 51.56 };

/** n lines over a box of north London: most placed, some without a point, some in no ward, a crowd on one spot. */
function columns(n: number): SpendColumns {
  const rnd = random(7);
  const b = new ColumnsBuilder(['W1', 'W2'], ['food'], n);
  for (let i = 0; i < n; i++) {
    const kind = rnd();
    const crowd = i % 10 === 0;
    b.add({
      id: i + 1,
      wardCode: kind < 0.05 ? null : rnd() < 0.5 ? 'W1' : 'W2',
      serviceArea: SERVICE_AREAS[Math.floor(rnd() * SERVICE_AREAS.length)]!,
      missions: '',
      date: '2024-05-01',
      // Long-tailed, with credit notes.
      pence: Math.round((rnd() < 0.05 ? -1 : 1) * 10 ** (2 + rnd() * 6)),
      supplier: `S${i % 40}`,
      department: 'D',
      method: 'coordinates',
      lon: kind > 0.97 ? null : crowd ? -0.15 : BOX.w + rnd() * (BOX.e - BOX.w),
      lat: kind > 0.97 ? null : crowd ? 51.53 : BOX.s + rnd() * (BOX.n - BOX.s),
    });
  }
  return b.build();
}

function tileRange(z: number): { x0: number; x1: number; y0: number; y1: number } {
  const nw = tileOf(BOX.w, BOX.n, z);
  const se = tileOf(BOX.e, BOX.s, z);
  return { x0: nw.x, x1: se.x, y0: nw.y, y1: se.y };
}

interface Decoded extends Required<SpendTilePointProperties> {
  id: number;
  lon: number;
  lat: number;
}

function decode(bytes: Uint8Array, z: number, x: number, y: number): Decoded[] {
  return decodeSpendTile(bytes, z, x, y).map((p) => {
    expect(p.extent).toBe(TILE_EXTENT);
    expect(p.type).toBe(1);
    return { ...p.properties, id: p.id, lon: p.lon, lat: p.lat };
  });
}

function isPlaced(cols: SpendColumns, i: number): boolean {
  return cols.ward[i]! >= 0 && !Number.isNaN(cols.lon[i]!) && !Number.isNaN(cols.lat[i]!);
}

describe('spend point tiles', () => {
  const cols = columns(6000);
  const index = new PointIndex(cols);
  const rnd = random(11);
  const mask = new Uint8Array(cols.n).map(() => (rnd() < 0.7 ? 1 : 0));
  const row = new Map<number, number>();
  for (let i = 0; i < cols.n; i++) row.set(cols.id[i]!, i);
  const kept = [...Array(cols.n).keys()].filter((i) => mask[i] && isPlaced(cols, i));

  it('indexes exactly the lines the map can draw', () => {
    expect(index.size).toBe([...Array(cols.n).keys()].filter((i) => isPlaced(cols, i)).length);
    expect(index.size).toBeLessThan(cols.n);
  });

  for (const z of [9, 12, 14, FULL_ZOOM]) {
    it(`counts every kept line once over the tiles of zoom ${z}, and only kept lines`, () => {
      const { x0, x1, y0, y1 } = tileRange(z);
      const all: Decoded[] = [];
      for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) all.push(...decode(spendTile(cols, mask, index, z, x, y), z, x, y));
      expect(all.reduce((n, f) => n + f.n, 0)).toBe(kept.length);
      const heat = kept.reduce((h, i) => h + heatWeight(cols.pence[i]!), 0);
      // Summed cells' heat is sent as 32-bit floats.
      expect(all.reduce((h, f) => h + f.hw, 0)).toBeCloseTo(heat, 2);
      for (const f of all) {
        const i = row.get(f.id)!;
        expect(mask[i]).toBe(1);
        expect(f.area).toBe(SERVICE_AREAS[cols.area[i]!]);
        expect(f.pence).toBe(cols.pence[i]);
        // Where the line is, to within a tile unit.
        const unit = 360 / 2 ** z / TILE_EXTENT;
        expect(Math.abs(f.lon - cols.lon[i]!)).toBeLessThan(unit * 1.01);
        expect(Math.abs(f.lat - cols.lat[i]!)).toBeLessThan(unit * 1.01);
      }
      if (z === FULL_ZOOM) {
        // Every line its own feature.
        expect(all.length).toBe(kept.length);
        expect(new Set(all.map((f) => f.id)).size).toBe(kept.length);
      } else {
        // Thinned: the crowd on one spot (every tenth line) is one feature, the largest of them by amount.
        expect(all.length).toBeLessThan(kept.length);
        const crowd = kept.filter((i) => cols.lon[i] === -0.15 && cols.lat[i] === 51.53);
        const largest = Math.max(...crowd.map((i) => Math.abs(cols.pence[i]!)));
        const drawn = all.filter((f) => Math.abs(f.lon + 0.15) < 1e-3 && Math.abs(f.lat - 51.53) < 1e-3 && f.n >= crowd.length);
        expect(drawn).toHaveLength(1);
        expect(Math.abs(drawn[0]!.pence)).toBe(largest);
      }
    });
  }

  it('draws smaller amounts first, so the largest circles are on top', () => {
    const z = 12;
    const { x0, y0 } = tileRange(z);
    const f = decode(spendTile(cols, mask, index, z, x0, y0), z, x0, y0).map((d) => Math.abs(d.pence));
    expect(f.length).toBeGreaterThan(10);
    expect(f).toEqual([...f].sort((a, b) => a - b));
  });

  it('gives an empty tile where no kept line is', () => {
    expect(spendTile(cols, mask, index, 12, 0, 0)).toHaveLength(0);
    expect(spendTile(cols, new Uint8Array(cols.n), index, 10, tileRange(10).x0, tileRange(10).y0)).toHaveLength(0);
    expect(encodePointLayer('spend', [])).toHaveLength(0);
  });

  for (const z of [10, 13, CLUSTER_MAX_ZOOM + 1]) {
    it(`clusters the kept lines so that, over the tiles of zoom ${z}, clusters and lone lines count each once`, () => {
      const clusters = clusterIndex(cols, mask, index);
      const { x0, x1, y0, y1 } = tileRange(z);
      const counts = new Map<number, number>();
      const lone = new Set<number>();
      for (let x = x0; x <= x1; x++) {
        for (let y = y0; y <= y1; y++) {
          const bytes = clusterTile(clusters, z, x, y);
          if (bytes.length === 0) continue;
          const layer = new VectorTile(new PbfReader(bytes)).layers[CLUSTER_TILE_LAYER]!;
          for (let i = 0; i < layer.length; i++) {
            const f = layer.feature(i);
            const p = f.properties as { cluster_id?: number; point_count?: number; area?: string };
            // A cluster near a tile's edge is in both tiles' buffers: counted once by its id.
            if (p.cluster_id !== undefined) counts.set(p.cluster_id, p.point_count!);
            else {
              expect(mask[row.get(f.id!)!]).toBe(1);
              expect(p.area).toBe(SERVICE_AREAS[cols.area[row.get(f.id!)!]!]);
              lone.add(f.id!);
            }
          }
        }
      }
      const lines = [...counts.values()].reduce((a, b) => a + b, 0) + lone.size;
      expect(lines).toBe(kept.length);
      if (z > CLUSTER_MAX_ZOOM) expect(counts.size).toBe(0);
      else expect(counts.size).toBeGreaterThan(0);
    });
  }

  it('picks exactly the kept lines in a box', () => {
    const bbox: [number, number, number, number] = [-0.16, 51.52, -0.14, 51.535];
    const expected = kept.filter((i) => cols.lon[i]! >= bbox[0] && cols.lon[i]! <= bbox[2] && cols.lat[i]! >= bbox[1] && cols.lat[i]! <= bbox[3]).map((i) => cols.id[i]!).sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(100);
    expect(linesIn(cols, mask, index, bbox)).toEqual(expected);
  });

  it('copes with a project whose lines have no points', () => {
    const b = new ColumnsBuilder(['W1'], [], 1);
    b.add({ id: 1, wardCode: 'W1', serviceArea: 'other', missions: '', date: null, pence: 100, supplier: 'S', department: 'D', method: 'ward-name', lon: null, lat: null });
    const none = b.build();
    const empty = new PointIndex(none);
    expect(empty.size).toBe(0);
    expect(spendTile(none, new Uint8Array([1]), empty, 3, 3, 2)).toHaveLength(0);
    expect(linesIn(none, new Uint8Array([1]), empty, [-180, -85, 180, 85])).toEqual([]);
  });
});
