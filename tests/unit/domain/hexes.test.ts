import { describe, expect, it } from 'vitest';
import { cellToLatLng, getResolution, greatCircleDistance, isPentagon, isValidCell, latLngToCell } from 'h3-js';
import { DEFAULT_HEX_RESOLUTION, hexAggregate, type HexCell } from '../../../renderer/domain/hexes';
import { mixOf } from '../../../renderer/domain/meet';
import { ColumnsBuilder, insideRing, resolveFilter, select, type ColumnRow, type SpendColumns } from '../../../renderer/domain/spend-columns';
import { LOCATE_METHODS, defaultFilter } from '../../../renderer/domain/spend-filter';
import { SERVICE_AREAS, emptyByArea } from '../../../renderer/domain/service-areas';
import { seededRandom } from '../../../data/demo-build/random';

// Central London, near Trafalgar Square: both points sit near the middle of one resolution-9 cell.
const A_LAT = 51.50784;
const A_LON = -0.12571;
const B_LAT = 51.50766; // about 20 m south of A
const FAR_LAT = 51.52584; // about 2 km north of A

type Method = ColumnRow['method'];

function row(id: number, area: string, pence: number, method: Method, lon: number | null, lat: number | null): ColumnRow {
  return { id, wardCode: 'W1', serviceArea: area, missions: '', date: '2024-05-01', pence, supplier: `S${id % 7}`, department: 'D', method, lon, lat };
}

function build(rows: readonly ColumnRow[]): SpendColumns {
  const b = new ColumnsBuilder(['W1'], [], 4);
  for (const r of rows) b.add(r);
  return b.build();
}

const all = (cols: SpendColumns) => new Uint8Array(cols.n).fill(1);
const metres = (lat1: number, lon1: number, lat2: number, lon2: number) => greatCircleDistance([lat1, lon1], [lat2, lon2], 'm');

describe('hexAggregate: hand-made lines', () => {
  it('puts two areas 20 m apart in one resolution-9 cell, where they meet', () => {
    expect(metres(A_LAT, A_LON, B_LAT, A_LON)).toBeGreaterThan(15);
    expect(metres(A_LAT, A_LON, B_LAT, A_LON)).toBeLessThan(25);
    const cell = latLngToCell(A_LAT, A_LON, 9);
    expect(latLngToCell(B_LAT, A_LON, 9)).toBe(cell);

    const cols = build([
      row(1, 'social-care', 10_000, 'coordinates', A_LON, A_LAT),
      row(2, 'youth', 5_000, 'uprn', A_LON, B_LAT),
    ]);
    const hexes = hexAggregate(cols, all(cols), 9);
    expect(hexes).toHaveLength(1);
    const h = hexes[0]!;
    expect(h.cell).toBe(cell);
    expect(h.lines).toBe(2);
    expect(h.total).toBe(15_000);
    expect(h.byArea).toEqual({ ...emptyByArea(), 'social-care': 10_000, youth: 5_000 });
    expect(h.areas).toBe(2);
    // 2:1 split: −(⅔ ln ⅔ + ⅓ ln ⅓) / ln 2 ≈ 0.9183
    expect(h.evenness).toBeCloseTo(-((2 / 3) * Math.log(2 / 3) + (1 / 3) * Math.log(1 / 3)) / Math.log(2), 12);
    expect(h.evenness).toBeCloseTo(0.9183, 4);
    expect(h.approximateShare).toBe(0);
  });

  it('keeps lines about 2 km apart in different cells, each with one area', () => {
    expect(metres(A_LAT, A_LON, FAR_LAT, A_LON)).toBeGreaterThan(1900);
    expect(metres(A_LAT, A_LON, FAR_LAT, A_LON)).toBeLessThan(2100);
    const cols = build([
      row(1, 'social-care', 10_000, 'coordinates', A_LON, A_LAT),
      row(2, 'youth', 5_000, 'coordinates', A_LON, FAR_LAT),
    ]);
    const hexes = hexAggregate(cols, all(cols), 9);
    expect(hexes).toHaveLength(2);
    const byCell = new Map(hexes.map((h) => [h.cell, h]));
    const near = byCell.get(latLngToCell(A_LAT, A_LON, 9));
    const far = byCell.get(latLngToCell(FAR_LAT, A_LON, 9));
    expect(near).toBeDefined();
    expect(far).toBeDefined();
    expect(near!.cell).not.toBe(far!.cell);
    expect([near!.total, near!.lines, near!.areas, near!.evenness]).toEqual([10_000, 1, 1, 0]);
    expect([far!.total, far!.lines, far!.areas, far!.evenness]).toEqual([5_000, 1, 1, 0]);
  });

  it('uses resolution 9 by default and passes the mix parameters on', () => {
    expect(DEFAULT_HEX_RESOLUTION).toBe(9);
    const cols = build([
      row(1, 'estates', 9_600, 'coordinates', A_LON, A_LAT),
      row(2, 'green-spaces', 400, 'coordinates', A_LON, B_LAT), // 4% of the hex
    ]);
    const [h] = hexAggregate(cols, all(cols));
    expect(getResolution(h!.cell)).toBe(9);
    expect(h!.areas).toBe(1);
    expect(h!.evenness).toBe(0);
    const [lower] = hexAggregate(cols, all(cols), 9, { minShare: 0.03 });
    expect(lower!.areas).toBe(2);
    expect(lower!.evenness).toBeCloseTo(-(0.96 * Math.log(0.96) + 0.04 * Math.log(0.04)) / Math.log(2), 12);
  });

  it('counts "other" in the total and lines but not among the meeting areas', () => {
    const cols = build([
      row(1, 'other', 50_000, 'coordinates', A_LON, A_LAT),
      row(2, 'not-a-service-area', 1_000, 'coordinates', A_LON, A_LAT), // read as other
      row(3, 'youth', 2_000, 'coordinates', A_LON, B_LAT),
    ]);
    const [h] = hexAggregate(cols, all(cols), 9);
    expect(h!.total).toBe(53_000);
    expect(h!.lines).toBe(3);
    expect(h!.byArea.other).toBe(51_000);
    expect(h!.areas).toBe(1);
  });

  it('gives approximateShare 1 when all the money is postcode-placed', () => {
    const cols = build([
      row(1, 'youth', 3_000, 'postcode', A_LON, A_LAT),
      row(2, 'estates', 1_000, 'postcode', A_LON, B_LAT),
    ]);
    const hexes = hexAggregate(cols, all(cols), 9);
    expect(hexes).toHaveLength(1);
    expect(hexes[0]!.approximateShare).toBe(1);
  });

  it('weighs approximateShare by absolute amount, so a credit note counts by its size', () => {
    const cols = build([
      row(1, 'youth', 300, 'coordinates', A_LON, A_LAT),
      row(2, 'youth', 100, 'postcode', A_LON, A_LAT),
      row(3, 'estates', -100, 'place', A_LON, B_LAT), // a credit note placed at a named place
      row(4, 'estates', 500, 'uprn', A_LON, FAR_LAT), // another hex: precise
      row(5, 'estates', -200, 'place', A_LON, FAR_LAT),
    ]);
    const byCell = new Map(hexAggregate(cols, all(cols), 9).map((h) => [h.cell, h]));
    const near = byCell.get(latLngToCell(A_LAT, A_LON, 9))!;
    // |100| + |−100| approximate of |300| + |100| + |−100| = 200 / 500.
    expect(near.approximateShare).toBeCloseTo(0.4, 12);
    expect(near.total).toBe(300);
    expect(near.byArea.estates).toBe(-100);
    expect(near.areas).toBe(1); // estates netted negative: not present
    const far = byCell.get(latLngToCell(FAR_LAT, A_LON, 9))!;
    expect(far.approximateShare).toBeCloseTo(200 / 700, 12);
    expect(far.total).toBe(300);
  });

  it('gives approximateShare 0 for a hex whose lines all net to nothing in size', () => {
    const cols = build([row(1, 'youth', 0, 'postcode', A_LON, A_LAT)]);
    const [h] = hexAggregate(cols, all(cols), 9);
    expect(h!.lines).toBe(1);
    expect(h!.approximateShare).toBe(0);
    expect(h!.areas).toBe(0);
  });

  it('leaves out lines without a point and lines outside the mask', () => {
    const cols = build([
      row(1, 'youth', 1_000, 'coordinates', A_LON, A_LAT),
      row(2, 'youth', 2_000, 'ward-name', null, null), // placed by ward name: no point
      row(3, 'youth', 4_000, null, null, null), // unlocated
      row(4, 'estates', 8_000, 'coordinates', A_LON, B_LAT), // not in the mask
      row(5, 'estates', 16_000, 'coordinates', null, A_LAT), // half a point is no point
      row(6, 'estates', 32_000, 'coordinates', A_LON, null),
    ]);
    expect(Number.isNaN(cols.lon[1]!)).toBe(true);
    const mask = Uint8Array.from([1, 1, 1, 0, 1, 1]);
    const hexes = hexAggregate(cols, mask, 9);
    expect(hexes).toHaveLength(1);
    expect(hexes[0]!.total).toBe(1_000);
    expect(hexes[0]!.lines).toBe(1);
    expect(hexes[0]!.byArea).toEqual({ ...emptyByArea(), youth: 1_000 });
    expect(hexAggregate(cols, new Uint8Array(cols.n), 9)).toEqual([]);
  });

  it('follows a mask made by select: only the filtered areas are gathered', () => {
    const cols = build([
      row(1, 'youth', 1_000, 'coordinates', A_LON, A_LAT),
      row(2, 'estates', 2_000, 'coordinates', A_LON, B_LAT),
      row(3, 'youth', 4_000, 'postcode', A_LON, FAR_LAT),
    ]);
    const sel = select(cols, resolveFilter({ ...defaultFilter(), areas: ['youth'] }, cols));
    const hexes = hexAggregate(cols, sel.mask, 9);
    expect(hexes.map((h) => [h.cell, h.total, h.areas, h.approximateShare]).sort()).toEqual(
      [
        [latLngToCell(A_LAT, A_LON, 9), 1_000, 1, 0],
        [latLngToCell(FAR_LAT, A_LON, 9), 4_000, 1, 1],
      ].sort(),
    );
  });

  it('changes cell size with resolution: resolution 7 merges what resolution 10 splits', () => {
    // Two points about 440 m apart near the middle of one resolution-7 cell (about 5 km²).
    const lat1 = 51.5132;
    const lat2 = 51.5092;
    const lon = -0.1102;
    expect(latLngToCell(lat1, lon, 7)).toBe(latLngToCell(lat2, lon, 7));
    expect(latLngToCell(lat1, lon, 10)).not.toBe(latLngToCell(lat2, lon, 10));
    const cols = build([
      row(1, 'youth', 1_000, 'coordinates', lon, lat1),
      row(2, 'green-spaces', 1_000, 'coordinates', lon, lat2),
    ]);
    const coarse = hexAggregate(cols, all(cols), 7);
    expect(coarse).toHaveLength(1);
    expect(getResolution(coarse[0]!.cell)).toBe(7);
    expect(coarse[0]!.lines).toBe(2);
    expect(coarse[0]!.areas).toBe(2);
    expect(coarse[0]!.evenness).toBeCloseTo(1, 12);
    const fine = hexAggregate(cols, all(cols), 10);
    expect(fine).toHaveLength(2);
    for (const h of fine) {
      expect(getResolution(h.cell)).toBe(10);
      expect(h.lines).toBe(1);
      expect(h.areas).toBe(1);
    }
  });

  it('draws each hex as a closed [lon, lat] ring around its own cell', () => {
    const cols = build([row(1, 'youth', 1_000, 'coordinates', A_LON, A_LAT)]);
    const [h] = hexAggregate(cols, all(cols), 9);
    expect(h!.ring).toHaveLength(7);
    expect(h!.ring[0]).toEqual(h!.ring[6]);
    for (const [x, y] of h!.ring) {
      // GeoJSON order: longitude first.
      expect(Math.abs(x - A_LON)).toBeLessThan(0.01);
      expect(Math.abs(y - A_LAT)).toBeLessThan(0.01);
    }
    expect(insideRing(A_LON, A_LAT, h!.ring)).toBe(true);
  });
});

// ---- Invariants over random lines ----

// The demo generator's seeded PRNG (mulberry32): the random cases are the same on every run.
const mulberry32 = seededRandom;

/** Lines scattered over about 10 km × 10 km of London, some in tight clusters so cells hold several. */
function randomRows(count: number, rnd: () => number): ColumnRow[] {
  const areas = [...SERVICE_AREAS, 'unknown-area'];
  const methods: Method[] = [...LOCATE_METHODS, null];
  const clusters = Array.from({ length: 8 }, () => [51.46 + rnd() * 0.09, -0.2 + rnd() * 0.15] as const);
  const rows: ColumnRow[] = [];
  for (let i = 0; i < count; i++) {
    const method = methods[Math.floor(rnd() * methods.length)]!;
    const pointless = method === 'ward-name' || method === null;
    let lat: number;
    let lon: number;
    if (rnd() < 0.5) {
      const [clat, clon] = clusters[Math.floor(rnd() * clusters.length)]!;
      lat = clat + (rnd() - 0.5) * 0.002;
      lon = clon + (rnd() - 0.5) * 0.003;
    } else {
      lat = 51.46 + rnd() * 0.09;
      lon = -0.2 + rnd() * 0.15;
    }
    // Whole pence, about a fifth of them credit notes.
    const pence = Math.round((rnd() - 0.2) * 2_000_000);
    rows.push(row(1000 + 7 * i, areas[Math.floor(rnd() * areas.length)]!, pence, method, pointless ? null : lon, pointless ? null : lat));
  }
  return rows;
}

function shuffled<T>(xs: readonly T[], rnd: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The mask keeping lines whose id is in `keep`. */
function maskOf(cols: SpendColumns, keep: ReadonlySet<number>): Uint8Array {
  return Uint8Array.from(cols.id, (id) => (keep.has(id) ? 1 : 0));
}

function canonical(hexes: readonly HexCell[]) {
  return hexes
    .map((h) => ({ cell: h.cell, total: h.total, lines: h.lines, byArea: h.byArea, areas: h.areas, evenness: h.evenness, approximateShare: h.approximateShare, ring: h.ring }))
    .sort((a, b) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0));
}

describe('hexAggregate: invariants over random lines', () => {
  const RESOLUTIONS = [6, 7, 8, 9, 10, 11];

  it('conserves money and lines, ignores row order, and gives valid cells with closed rings', () => {
    const rnd = mulberry32(20240501);
    let multiLine = 0;
    let multiArea = 0;
    for (let trial = 0; trial < 30; trial++) {
      const rows = randomRows(200 + Math.floor(rnd() * 200), rnd);
      const density = [0, 0.1, 0.5, 0.9, 1][trial % 5]!;
      const keep = new Set(rows.filter(() => rnd() < density).map((r) => r.id));
      const resolution = RESOLUTIONS[trial % RESOLUTIONS.length]!;

      const cols = build(rows);
      const mask = maskOf(cols, keep);
      const hexes = hexAggregate(cols, mask, resolution);

      // Expected from the rows themselves, not from the columns.
      const kept = rows.filter((r) => keep.has(r.id) && r.lon !== null && r.lat !== null);
      const pence = kept.reduce((t, r) => t + r.pence, 0);
      expect(hexes.reduce((t, h) => t + h.total, 0)).toBe(pence);
      expect(hexes.reduce((t, h) => t + h.lines, 0)).toBe(kept.length);
      for (const a of SERVICE_AREAS) {
        const want = kept.reduce((t, r) => t + ((SERVICE_AREAS as readonly string[]).includes(r.serviceArea) ? (r.serviceArea === a ? r.pence : 0) : a === 'other' ? r.pence : 0), 0);
        expect(hexes.reduce((t, h) => t + h.byArea[a], 0)).toBe(want);
      }
      // Each line lands in the cell h3 gives its point.
      const linesByCell = new Map<string, number>();
      for (const r of kept) {
        const c = latLngToCell(r.lat!, r.lon!, resolution);
        linesByCell.set(c, (linesByCell.get(c) ?? 0) + 1);
      }
      expect(new Map(hexes.map((h) => [h.cell, h.lines]))).toEqual(linesByCell);

      expect(new Set(hexes.map((h) => h.cell)).size).toBe(hexes.length);
      for (const h of hexes) {
        expect(isValidCell(h.cell)).toBe(true);
        expect(getResolution(h.cell)).toBe(resolution);
        expect(h.lines).toBeGreaterThan(0);
        expect(h.total).toBe(SERVICE_AREAS.reduce((t, a) => t + h.byArea[a], 0));
        const mix = mixOf(h.byArea);
        expect(h.areas).toBe(mix.count);
        expect(h.evenness).toBe(mix.evenness);
        expect(h.areas).toBeGreaterThanOrEqual(0);
        expect(h.areas).toBeLessThanOrEqual(4);
        expect(h.evenness).toBeGreaterThanOrEqual(0);
        expect(h.evenness).toBeLessThanOrEqual(1 + 1e-12);
        expect(h.approximateShare).toBeGreaterThanOrEqual(0);
        expect(h.approximateShare).toBeLessThanOrEqual(1);
        // Closed ring: a hexagon has 6 vertices + the repeated first, a pentagon 5 + 1.
        expect(h.ring[0]).toEqual(h.ring.at(-1));
        expect(h.ring).toHaveLength(isPentagon(h.cell) ? 6 : 7);
        const [clat, clon] = cellToLatLng(h.cell);
        expect(insideRing(clon, clat, h.ring)).toBe(true);
        if (h.lines > 1) multiLine++;
        if (h.areas > 1) multiArea++;
      }

      // The same lines added in another order give the same hexes.
      const again = build(shuffled(rows, rnd));
      expect(canonical(hexAggregate(again, maskOf(again, keep), resolution))).toEqual(canonical(hexes));
    }
    // The random data did exercise cells holding several lines and several areas.
    expect(multiLine).toBeGreaterThan(20);
    expect(multiArea).toBeGreaterThan(10);
  });

  it('gathers the same money at every resolution', () => {
    const rnd = mulberry32(7);
    const rows = randomRows(400, rnd);
    const cols = build(rows);
    const mask = all(cols);
    const totals = RESOLUTIONS.map((res) => hexAggregate(cols, mask, res).reduce((t, h) => t + h.total, 0));
    expect(new Set(totals).size).toBe(1);
    const counts = RESOLUTIONS.map((res) => hexAggregate(cols, mask, res).length);
    // Finer resolution: never fewer cells.
    for (let k = 1; k < counts.length; k++) expect(counts[k]!).toBeGreaterThanOrEqual(counts[k - 1]!);
    expect(counts.at(-1)!).toBeGreaterThan(counts[0]!);
  });
});
