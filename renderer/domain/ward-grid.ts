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
  /** Decide every cell by testing wards one by one, as the grid first did: slower, kept to check the usual build against. */
  cellByCell?: boolean;
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
    // build in ~5 ms warm, ~18 ms cold (20 wards) to ~40 ms cold (700) and give the best throughput including the build; finer grids
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

    // 2. Which wards hold each cell's centre, a row at a time: where each ward's edges cross the row's centre line
    // (the crossings pointInFlatWard counts, by the same sums), and between them, by the even-odd rule, its cells.
    // A row's cells are then decided from these counts; only a boundary cell whose centre two wards hold (an overlap,
    // or a centre on an edge) is decided by testing the wards one by one.
    const holders = new Int32Array(nx);
    const firstHolder = new Int32Array(nx);
    const crossings: number[] = [];
    const cellCentreX = (x: number) => minX + (x + 0.5) * cellW;
    const holdersOfRow = (cy: number) => {
      holders.fill(0);
      firstHolder.fill(-1);
      for (let w = 0; w < wards.length; w++) {
        const box = wards[w]!.bbox;
        // As the bounding-box index would: a ward is only a candidate for centres inside its box.
        if (!(cy >= box[1] && cy <= box[3])) continue;
        crossings.length = 0;
        for (const r of this.flat[w]!.rings) {
          for (let i = 0; i + 3 < r.length; i += 2) {
            const ax = r[i]!, ay = r[i + 1]!, bx = r[i + 2]!, by = r[i + 3]!;
            if (ay > cy !== by > cy) crossings.push(((bx - ax) * (cy - ay)) / (by - ay) + ax);
          }
        }
        crossings.sort((a, b) => a - b);
        // A centre x is inside when an odd number of crossings lie beyond it: x in [c0, c1), [c2, c3), …
        for (let k = 0; k + 1 < crossings.length; k += 2) {
          const from = Math.max(crossings[k]!, box[0]);
          const to = crossings[k + 1]!;
          let x = Math.max(0, Math.floor((from - minX) / cellW - 0.5) - 1);
          while (x < nx && cellCentreX(x) < from) x++;
          for (; x < nx; x++) {
            const centre = cellCentreX(x);
            if (!(centre < to && centre <= box[2])) break;
            if (holders[x] === 0) firstHolder[x] = w;
            holders[x]!++;
          }
        }
      }
    };

    // Cells no boundary touches take the first ward holding their centre; boundary cells keep the crossing wards to test.
    const cells = new Int32Array(nx * ny);
    const offsets = new Int32Array(boundaryCells + 1);
    let lists = 0;
    let items = new Int32Array(Math.max(16, boundaryCells * 2));
    let used = 0;
    for (let y = 0; y < ny; y++) {
      const cy = minY + (y + 0.5) * cellH;
      if (options.cellByCell) holders.fill(2);
      else holdersOfRow(cy);
      for (let x = 0; x < nx; x++) {
        const c = y * nx + x;
        const held = holders[x]!;
        if (head[c]! >= 0) {
          // 3. Boundary cells: the crossing wards to test, in file order, up to the first ward (if any) that holds the
          // whole cell (one that holds its centre and whose boundary does not cross it); no ward after that one can win.
          let whole = -1;
          if (held === 1) {
            whole = firstHolder[x]!;
            for (let n = head[c]!; n >= 0 && whole >= 0; n = nodeNext[n]!) if (nodeWard[n] === whole) whole = -1;
          } else if (held > 1) whole = firstContaining(cellCentreX(x), cy, c);
          let n = 0;
          for (let k = head[c]!; k >= 0; k = nodeNext[k]!) n++;
          if (used + n + 1 > items.length) {
            const grown = new Int32Array(Math.max(items.length * 2, used + n + 1));
            grown.set(items);
            items = grown;
          }
          // Inserted in file order, each ward once.
          const start = used;
          for (let k = head[c]!; k >= 0; k = nodeNext[k]!) {
            const w = nodeWard[k]!;
            if (whole >= 0 && w >= whole) continue;
            let at = used;
            while (at > start && items[at - 1]! > w * 2) at--;
            if (at > start && items[at - 1] === w * 2) continue;
            items.copyWithin(at + 1, at, used);
            items[at] = w * 2;
            used++;
          }
          if (whole >= 0) items[used++] = whole * 2 + 1;
          offsets[++lists] = used;
          cells[c] = -(lists - 1) - 2;
          continue;
        }
        cells[c] = held === 0 ? -1 : held === 1 ? firstHolder[x]! : firstContaining(cellCentreX(x), cy);
      }
    }
    this.cells = cells;
    this.offsets = offsets;
    this.items = items.slice(0, used);
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
