// Ward assignment at millions of points a second: decide once per grid cell, test exactly only near boundaries.

import Flatbush from 'flatbush';
import type { Ward } from './wards';

/**
 * The boundary rule, the same as testing every ward in file order with boundaries counted as inside:
 * a point on an edge shared by two wards belongs to the ward that comes first in the boundary file.
 */
export const SHARED_EDGE_RULE = 'A point exactly on a boundary belongs to the first ward in the boundary file that has it inside or on its edge.';

/** What the grid reads of a ward: its outline and bounding box. */
export type WardShape = Pick<Ward, 'geometry' | 'bbox'>;

/**
 * The grid's size for a number of points: a grid costs time to build in proportion to its cells, so a few thousand
 * points get a coarser grid (the demo's 20,000 built 65,536 cells in ~12 ms and looked them up in ~3).
 */
export function gridCells(expectedPoints?: number): number | undefined {
  return expectedPoints === undefined ? undefined : Math.min(1 << 16, Math.max(1 << 12, 2 ** Math.ceil(Math.log2(Math.max(1, expectedPoints)))));
}

/** What a ward index is built from, to build the same one elsewhere (the reading worker): its wards' shapes, in order. */
export interface WardShapes {
  shapes: WardShape[];
  expectedPoints?: number;
}

/** Rings of one ward as flat [x0, y0, x1, y1, …] arrays, first point repeated at the end. */
interface FlatWard {
  rings: Float64Array[];
}

function flatten(ward: WardShape): FlatWard {
  const polygons = ward.geometry.type === 'Polygon' ? [ward.geometry.coordinates] : ward.geometry.coordinates;
  const rings: Float64Array[] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const n = ring.length;
      const closed = n > 0 && (ring[0]![0] !== ring[n - 1]![0] || ring[0]![1] !== ring[n - 1]![1]) ? n + 1 : n;
      const flat = new Float64Array(closed * 2);
      for (let i = 0; i < closed; i++) {
        const p = ring[i % n]!;
        flat[2 * i] = p[0]!;
        flat[2 * i + 1] = p[1]!;
      }
      rings.push(flat);
    }
  }
  return { rings };
}

/**
 * Exact point-in-(multi)polygon with boundaries inclusive, by the even-odd rule over all rings,
 * so holes (an enclave that is another ward) are outside.
 */
export function pointInFlatWard(ward: FlatWard, x: number, y: number): boolean {
  let inside = false;
  for (const r of ward.rings) {
    for (let i = 0; i + 3 < r.length; i += 2) {
      const ax = r[i]!, ay = r[i + 1]!, bx = r[i + 2]!, by = r[i + 3]!;
      // On the edge: collinear and within the segment's box.
      const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
      if (cross === 0 && x >= Math.min(ax, bx) && x <= Math.max(ax, bx) && y >= Math.min(ay, by) && y <= Math.max(ay, by)) return true;
      if (ay > y !== by > y) {
        const xCross = ((bx - ax) * (y - ay)) / (by - ay) + ax;
        if (x < xCross) inside = !inside;
      }
    }
  }
  return inside;
}

export interface WardGridOptions {
  /** Upper bound on grid cells (4 bytes each). More cells: fewer points need an exact test. */
  maxCells?: number;
}

/**
 * A uniform grid over the wards. Cells that no boundary touches are decided once, when the grid is built;
 * a point there costs one array read. Cells that a boundary touches keep the short list of wards that can
 * contain their points, and only those are tested exactly.
 */
export class WardGrid {
  readonly nx: number;
  readonly ny: number;
  private readonly minX: number;
  private readonly minY: number;
  private readonly invW: number;
  private readonly invH: number;
  /** ≥ 0 ward index; -1 no ward; ≤ -2 list number -(v + 2) in offsets/items. */
  private readonly cells: Int32Array;
  private readonly offsets: Int32Array;
  /** ward index × 2 + 1 when the ward holds the whole cell (no test needed), + 0 when it must be tested. */
  private readonly items: Int32Array;
  private readonly flat: FlatWard[];
  /** Cells needing exact tests, as a share of all cells: a figure for the benchmark. */
  readonly boundaryShare: number;

  constructor(wards: readonly WardShape[], options: WardGridOptions = {}) {
    this.flat = wards.map(flatten);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const w of wards) {
      minX = Math.min(minX, w.bbox[0]);
      minY = Math.min(minY, w.bbox[1]);
      maxX = Math.max(maxX, w.bbox[2]);
      maxY = Math.max(maxY, w.bbox[3]);
    }
    if (wards.length === 0) minX = minY = maxX = maxY = 0;
    // A margin so points on the outermost edges still fall inside the grid.
    const pad = Math.max(maxX - minX, maxY - minY, 1e-9) * 1e-6;
    minX -= pad;
    minY -= pad;
    maxX += pad;
    maxY += pad;
    const width = maxX - minX;
    const height = maxY - minY;
    // Measured on Camden's 20 wards, the demo's 20 and 700 synthetic ones (1M points, best of 5): 65,536 cells
    // build in ~5 ms (20 wards) to ~35 ms (700) and give the best throughput including the build; finer grids
    // cost more to build than they save, and a project is loaded far more often than it holds a million points.
    const maxCells = options.maxCells ?? 1 << 16;
    const nx = Math.max(1, Math.round(Math.sqrt((maxCells * width) / height)));
    const ny = Math.max(1, Math.floor(maxCells / nx));
    this.nx = nx;
    this.ny = ny;
    this.minX = minX;
    this.minY = minY;
    this.invW = nx / width;
    this.invH = ny / height;
    const cellW = width / nx;
    const cellH = height / ny;

    // 1. Every cell a ward's boundary touches, with the wards whose boundary it is: a linked list per cell
    // in typed arrays (head → node → next), which keeps millions of cells free of garbage.
    const head = new Int32Array(nx * ny).fill(-1);
    let nodeWard = new Int32Array(1 << 16);
    let nodeNext = new Int32Array(1 << 16);
    let nodes = 0;
    let boundaryCells = 0;
    const stamp = (cx: number, cy: number, w: number) => {
      for (let dy = -1; dy <= 1; dy++) {
        const y = cy + dy;
        if (y < 0 || y >= ny) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const x = cx + dx;
          if (x < 0 || x >= nx) continue;
          const c = y * nx + x;
          const first = head[c]!;
          if (first >= 0 && nodeWard[first] === w) continue;
          if (first < 0) boundaryCells++;
          if (nodes === nodeWard.length) {
            const grownWard = new Int32Array(nodes * 2);
            grownWard.set(nodeWard);
            nodeWard = grownWard;
            const grownNext = new Int32Array(nodes * 2);
            grownNext.set(nodeNext);
            nodeNext = grownNext;
          }
          nodeWard[nodes] = w;
          nodeNext[nodes] = first;
          head[c] = nodes++;
        }
      }
    };
    this.flat.forEach((fw, w) => {
      for (const r of fw.rings) {
        for (let i = 0; i + 3 < r.length; i += 2) {
          const ax = (r[i]! - minX) * this.invW, ay = (r[i + 1]! - minY) * this.invH;
          const bx = (r[i + 2]! - minX) * this.invW, by = (r[i + 3]! - minY) * this.invH;
          // Samples a quarter of a cell apart, each marking its 3×3 block: every cell the edge touches is marked,
          // whatever the rounding at cell borders.
          const steps = Math.ceil(Math.max(Math.abs(bx - ax), Math.abs(by - ay)) * 4) + 1;
          let lastCx = -2, lastCy = -2;
          for (let k = 0; k <= steps; k++) {
            const t = k / steps;
            const cx = Math.floor(ax + (bx - ax) * t);
            const cy = Math.floor(ay + (by - ay) * t);
            if (cx === lastCx && cy === lastCy) continue;
            lastCx = cx;
            lastCy = cy;
            stamp(cx, cy, w);
          }
        }
      }
    });

    // Wards by bounding box, to find which can hold a given point.
    const index = new Flatbush(Math.max(1, wards.length));
    for (const w of wards) index.add(w.bbox[0], w.bbox[1], w.bbox[2], w.bbox[3]);
    if (wards.length === 0) index.add(0, 0, 0, 0);
    index.finish();
    /** The first ward in file order, other than those crossing cell `skipCell`, holding (x, y); -1 if none. */
    const firstContaining = (x: number, y: number, skipCell = -1): number => {
      if (wards.length === 0) return -1;
      const hits = index.search(x, y, x, y);
      if (hits.length > 1) hits.sort((a, b) => a - b);
      for (const w of hits) {
        let crossing = false;
        for (let n = skipCell >= 0 ? head[skipCell]! : -1; n >= 0; n = nodeNext[n]!) if (nodeWard[n] === w) crossing = true;
        if (!crossing && pointInFlatWard(this.flat[w]!, x, y)) return w;
      }
      return -1;
    };

    // 2. Cells no boundary touches: one test per run of such cells along a row, since no edge separates them.
    const cells = new Int32Array(nx * ny);
    const offsets: number[] = [0];
    const items: number[] = [];
    for (let y = 0; y < ny; y++) {
      const cy = minY + (y + 0.5) * cellH;
      let runValue = -1;
      let inRun = false;
      for (let x = 0; x < nx; x++) {
        const c = y * nx + x;
        if (head[c]! >= 0) {
          inRun = false;
          // 3. Boundary cells: the crossing wards to test, in file order, up to the first ward (if any) that holds the
          // whole cell; no ward after that one can win.
          const whole = firstContaining(minX + (x + 0.5) * cellW, cy, c);
          const start = items.length;
          for (let n = head[c]!; n >= 0; n = nodeNext[n]!) {
            const w = nodeWard[n]!;
            if ((whole < 0 || w < whole) && !items.includes(w * 2, start)) items.push(w * 2);
          }
          if (items.length - start > 1) {
            const sorted = items.splice(start).sort((a, b) => a - b);
            items.push(...sorted);
          }
          if (whole >= 0) items.push(whole * 2 + 1);
          offsets.push(items.length);
          cells[c] = -(offsets.length - 2) - 2;
          continue;
        }
        if (!inRun) {
          runValue = firstContaining(minX + (x + 0.5) * cellW, cy);
          inRun = true;
        }
        cells[c] = runValue;
      }
    }
    this.cells = cells;
    this.offsets = Int32Array.from(offsets);
    this.items = Int32Array.from(items);
    this.boundaryShare = boundaryCells / (nx * ny);
  }

  /** The index of the ward holding (x, y) by SHARED_EDGE_RULE, or -1 outside every ward (and for NaN). */
  indexAt(x: number, y: number): number {
    const cx = Math.floor((x - this.minX) * this.invW);
    const cy = Math.floor((y - this.minY) * this.invH);
    if (!(cx >= 0 && cx < this.nx && cy >= 0 && cy < this.ny)) return -1;
    const v = this.cells[cy * this.nx + cx]!;
    if (v >= -1) return v;
    const list = -v - 2;
    for (let k = this.offsets[list]!, end = this.offsets[list + 1]!; k < end; k++) {
      const item = this.items[k]!;
      const w = item >> 1;
      if (item & 1 || pointInFlatWard(this.flat[w]!, x, y)) return w;
    }
    return -1;
  }

  /** Ward indices for many points at once (-1 outside), e.g. a whole import. */
  assign(xs: Float64Array, ys: Float64Array, out: Int32Array = new Int32Array(xs.length)): Int32Array {
    for (let i = 0; i < xs.length; i++) out[i] = this.indexAt(xs[i]!, ys[i]!);
    return out;
  }
}
