import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { MIN_WARD_SHARE, splitPence, wardSharesOf } from '../../../renderer/domain/ward-shares';
import type { Ward } from '../../../renderer/domain/wards';

function box(w: number, s: number, e: number, n: number): Polygon {
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

function ward(code: string, w: number, s: number, e: number, n: number): Ward {
  return { code, name: code, geometry: { type: 'MultiPolygon', coordinates: [box(w, s, e, n).coordinates] }, bbox: [w, s, e, n] };
}

// Two wards side by side, split at longitude -0.14 (near enough to the equal-area case at this size).
const WEST = ward('W', -0.16, 51.5, -0.14, 51.52);
const EAST = ward('E', -0.14, 51.5, -0.12, 51.52);

describe('a place drawn as an area, divided between the wards it crosses', () => {
  it('gives each ward its share of the place by area, largest first, adding up to 1', () => {
    // Three quarters of the place lies west of the boundary.
    const shares = wardSharesOf(box(-0.146, 51.505, -0.138, 51.51), [EAST, WEST])!;
    expect(shares.map((s) => s.wardCode)).toEqual(['W', 'E']);
    expect(shares[0]!.share).toBeCloseTo(0.75, 3);
    expect(shares[1]!.share).toBeCloseTo(0.25, 3);
    expect(shares[0]!.share + shares[1]!.share).toBeCloseTo(1, 12);
  });

  it('does not divide a point, or an area inside one ward', () => {
    expect(wardSharesOf({ type: 'Point', coordinates: [-0.15, 51.51] }, [WEST, EAST])).toBeNull();
    expect(wardSharesOf(box(-0.158, 51.505, -0.15, 51.51), [WEST, EAST])).toBeNull();
  });

  it('leaves out a sliver over the boundary and scales the rest, so a hand-drawn outline does not split every payment', () => {
    // 1% of the place is over the boundary: below MIN_WARD_SHARE.
    expect(MIN_WARD_SHARE).toBeGreaterThan(0.01);
    expect(wardSharesOf(box(-0.1499, 51.505, -0.1399, 51.51), [WEST, EAST])).toBeNull();
  });

  it('finds a neighbouring ward that pokes into the place between its corners, though every corner is in one ward', () => {
    // East has a spike reaching west into the place; West is cut round it.
    const spike: [number, number][] = [[-0.14, 51.505], [-0.145, 51.5075], [-0.14, 51.51]];
    const west: Ward = { ...WEST, geometry: { type: 'MultiPolygon', coordinates: [[[[-0.16, 51.5], [-0.14, 51.5], ...spike, [-0.14, 51.52], [-0.16, 51.52], [-0.16, 51.5]]]] } };
    const east: Ward = { ...EAST, bbox: [-0.145, 51.5, -0.12, 51.52], geometry: { type: 'MultiPolygon', coordinates: [[[[-0.14, 51.5], [-0.12, 51.5], [-0.12, 51.52], [-0.14, 51.52], ...[...spike].reverse(), [-0.14, 51.5]]]] } };
    const shares = wardSharesOf(box(-0.147, 51.504, -0.1405, 51.511), [west, east])!;
    expect(shares.map((s) => s.wardCode)).toEqual(['W', 'E']);
    // The spike inside the place: a triangle of 0.0045 × 0.005 / 2 (less the sliver east of -0.1405) of a 0.0065 × 0.007 place.
    expect(shares[1]!.share).toBeGreaterThan(0.2);
    expect(shares[1]!.share).toBeLessThan(0.25);
  });

  it('ignores the part of a place outside every ward (beyond the borough)', () => {
    const shares = wardSharesOf(box(-0.17, 51.505, -0.12, 51.51), [WEST, EAST])!;
    // 0.01° of it lies west of the borough; the rest is half and half.
    expect(shares.map((s) => s.share.toFixed(3))).toEqual(['0.500', '0.500']);
  });
});

describe('dividing pence by shares', () => {
  it('adds up to the amount exactly, the odd pennies going to the largest remainders', () => {
    expect(splitPence(100, [{ share: 1 / 3 }, { share: 1 / 3 }, { share: 1 / 3 }])).toEqual([34, 33, 33]);
    expect(splitPence(1000, [{ share: 0.666 }, { share: 0.334 }])).toEqual([666, 334]);
    expect(splitPence(1, [{ share: 0.4 }, { share: 0.6 }])).toEqual([0, 1]);
  });

  it('divides a credit note the same way, negative, with no negative zero', () => {
    expect(splitPence(-100, [{ share: 1 / 3 }, { share: 1 / 3 }, { share: 1 / 3 }])).toEqual([-34, -33, -33]);
    expect(Object.is(splitPence(-1, [{ share: 0.4 }, { share: 0.6 }])[0], 0)).toBe(true);
  });

  it('never loses a penny over many awkward amounts and shares', () => {
    const shares = [{ share: 0.123456 }, { share: 0.3 }, { share: 0.576544 }];
    for (let amount = -5000; amount <= 5000; amount += 37) {
      expect(splitPence(amount, shares).reduce((t, p) => t + p, 0)).toBe(amount);
    }
  });
});
