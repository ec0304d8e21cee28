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
});
