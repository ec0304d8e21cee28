import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import { WardGrid, pointInFlatWard } from '../../../renderer/domain/ward-grid';
import { parseWardsGeoJson, unionBbox, type Ward } from '../../../renderer/domain/wards';
import { CAMDEN_WARDS, readText } from '../../paths';
import { randomPoints, syntheticWards } from '../../fixtures/synthetic-wards';

/** The plain method: every ward in file order, turf's test, boundaries inside. */
function naive(wards: readonly Ward[], x: number, y: number): number {
  return wards.findIndex((w) => booleanPointInPolygon([x, y], w.geometry));
}

const camden = parseWardsGeoJson(readText(CAMDEN_WARDS), 'wards-2022.geojson').wards;

describe('WardGrid', () => {
  it("agrees with the naive turf loop on 50,000 random points over Camden's wards", () => {
    const grid = new WardGrid(camden);
    const { xs, ys } = randomPoints(50000, unionBbox(camden.map((w) => w.bbox))!);
    let inside = 0;
    for (let i = 0; i < xs.length; i++) {
      const expected = naive(camden, xs[i]!, ys[i]!);
      expect(grid.indexAt(xs[i]!, ys[i]!)).toBe(expected);
      if (expected >= 0) inside++;
    }
    expect(inside).toBeGreaterThan(15000);
    expect(grid.boundaryShare).toBeLessThan(0.2);
  });

  it('agrees on every vertex of every ward: shared corners go to the first ward in the file', () => {
    const grid = new WardGrid(camden);
    let checked = 0;
    for (const w of camden) {
      const polygons = w.geometry.type === 'Polygon' ? [w.geometry.coordinates] : w.geometry.coordinates;
      for (const poly of polygons) for (const ring of poly) for (const [x, y] of ring as [number, number][]) {
        expect(grid.indexAt(x, y)).toBe(naive(camden, x, y));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(480);
  });

  it('agrees with the naive loop against 700 synthetic wards', () => {
    const wards = syntheticWards(28, 25);
    expect(wards).toHaveLength(700);
    const grid = new WardGrid(wards);
    const { xs, ys } = randomPoints(20000, unionBbox(wards.map((w) => w.bbox))!, 3);
    for (let i = 0; i < xs.length; i++) expect(grid.indexAt(xs[i]!, ys[i]!)).toBe(naive(wards, xs[i]!, ys[i]!));
  });

  it('puts a point in an enclave in the ward that fills the hole, not the one around it', () => {
    const outer: Ward = {
      code: 'A', name: 'A', bbox: [0, 0, 10, 10],
      geometry: { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] },
    };
    const enclave: Ward = { code: 'B', name: 'B', bbox: [4, 4, 6, 6], geometry: { type: 'Polygon', coordinates: [[[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] } };
    const grid = new WardGrid([outer, enclave], { maxCells: 400 });
    expect(grid.indexAt(5, 5)).toBe(1);
    expect(grid.indexAt(1, 1)).toBe(0);
    expect(grid.indexAt(4, 5)).toBe(0); // on the shared edge: the first ward in the file
    expect(grid.indexAt(11, 5)).toBe(-1);
    expect(grid.indexAt(Number.NaN, 5)).toBe(-1);
    expect(grid.indexAt(10, 10)).toBe(0); // the outermost corner is still inside the grid
  });

  it('assigns arrays of points in one call', () => {
    const grid = new WardGrid(camden);
    const out = grid.assign(Float64Array.of(-0.1269, 2.6), Float64Array.of(51.5194, 53.05));
    expect(camden[out[0]!]!.name).toBe('Bloomsbury');
    expect(out[1]).toBe(-1);
  });

  it('tests points on edges as inside and copes with unclosed rings', () => {
    const ring = { rings: [Float64Array.of(0, 0, 2, 0, 2, 2, 0, 2, 0, 0)] };
    expect(pointInFlatWard(ring, 1, 0)).toBe(true);
    expect(pointInFlatWard(ring, 1, 1)).toBe(true);
    expect(pointInFlatWard(ring, 3, 1)).toBe(false);
    const open: Ward = { code: 'O', name: 'O', bbox: [0, 0, 2, 2], geometry: { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2]]] } };
    expect(new WardGrid([open]).indexAt(1, 1.9)).toBe(0);
  });

  it('builds the same grid a row at a time as by testing cell by cell, overlaps, holes and open rings included', () => {
    const square = (code: string, x0: number, y0: number, x1: number, y1: number): Ward => ({
      code, name: code, bbox: [x0, y0, x1, y1], geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
    });
    const holed: Ward = {
      code: 'H', name: 'H', bbox: [0, 0, 10, 10],
      geometry: { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] },
    };
    const open: Ward = { code: 'O', name: 'O', bbox: [9, 0, 13, 3], geometry: { type: 'Polygon', coordinates: [[[9, 0], [13, 0], [13, 3], [9, 3]]] } };
    const sets: [string, readonly Ward[], number][] = [
      ['Camden', camden, 1 << 16],
      ['700 synthetic wards', syntheticWards(28, 25), 1 << 16],
      // Wards that overlap (two hold the same centres), an enclave, a ring left open, a box larger than its ward.
      ['overlapping', [holed, square('E', 4, 4, 6, 6), square('X', 2, 2, 8, 8), open, { ...square('B', 1, 11, 3, 13), bbox: [0, 10, 14, 14] }], 4096],
      ['coarse Camden', camden, 64],
    ];
    type Inside = { cells: Int32Array; offsets: Int32Array; items: Int32Array };
    for (const [name, wards, maxCells] of sets) {
      const rows = new WardGrid(wards, { maxCells }) as unknown as Inside;
      const cells = new WardGrid(wards, { maxCells, cellByCell: true }) as unknown as Inside;
      expect([...rows.cells], name).toEqual([...cells.cells]);
      expect([...rows.offsets], name).toEqual([...cells.offsets]);
      expect([...rows.items], name).toEqual([...cells.items]);
    }
    // The overlapping set, as a person would check it: the first ward in the file wins where two overlap.
    const overlapping = new WardGrid(sets[2]![1], { maxCells: 4096 });
    expect(overlapping.indexAt(5, 5)).toBe(1);
    expect(overlapping.indexAt(3, 3)).toBe(0);
    expect(overlapping.indexAt(7.5, 5)).toBe(0);
    expect(overlapping.indexAt(12, 1)).toBe(3);
    expect(overlapping.indexAt(2, 12)).toBe(4);
  });
});
