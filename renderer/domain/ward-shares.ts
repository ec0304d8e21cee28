// Spend at a place drawn as an area (an estate, a park) that crosses ward boundaries: each ward it crosses gets the
// share of the money that its share of the place's area is, so a ward's total is not decided by where a label sits.

import { area, bboxClip, booleanPointInPolygon, feature } from '@turf/turf';
// polygon-clipping rather than turf's intersect (polyclip-ts, exact arithmetic through bignumber.js): the same
// answers on these shapes at a fifteenth of the time, which was a tenth of loading the demo.
import polygonClipping, { type Geom } from 'polygon-clipping';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import type { Pence } from './money';
import { bboxOf, type Ward } from './wards';

export interface WardShare {
  wardCode: string;
  /** Of the place's area that lies in any ward; the shares of one place add up to 1. */
  share: number;
}

/**
 * Wards holding less than this share of a place are left out and the rest scaled up: ward boundaries are generalised
 * and registers are digitised by hand, so a park drawn a few metres over its boundary road would otherwise hand a
 * neighbouring ward a sliver of every payment.
 */
export const MIN_WARD_SHARE = 0.02;

/**
 * The wards a place crosses, with each one's share of its area, largest first; null for a point, or an area lying in
 * one ward (after slivers are dropped), whose spend simply belongs to the ward its point is in.
 */
export function wardSharesOf(geometry: Point | Polygon | MultiPolygon, wards: readonly Ward[]): WardShare[] | null {
  if (geometry.type === 'Point') return null;
  const box = bboxOf(geometry);
  if (!box) return null;
  const [w, s, e, n] = box;
  const near = wards.filter(({ bbox: [ww, ws, we, wn] }) => !(ww > e || we < w || ws > n || wn < s));
  if (withinOneWard(geometry, [w, s, e, n], near)) return null;
  const parts: { wardCode: string; area: number }[] = [];
  for (const ward of near) {
    // The ward cut to the place's box first: a rectangle cut is linear, and the clipper then works on a few corners
    // rather than the whole boundary.
    const local = bboxClip(feature(ward.geometry), [w, s, e, n]) as Feature<Polygon | MultiPolygon>;
    if (local.geometry.coordinates.length === 0) continue;
    let inside: MultiPolygon;
    try {
      inside = { type: 'MultiPolygon', coordinates: polygonClipping.intersection(geometry.coordinates as Geom, local.geometry.coordinates as Geom) };
    } catch {
      // An invalid ring (self-crossing) the clipper cannot cut: judged by its bounding box instead, so the place
      // still spreads rather than failing the import.
      inside = local.geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [local.geometry.coordinates] } : local.geometry;
    }
    const a = area(inside);
    if (a > 0) parts.push({ wardCode: ward.code, area: a });
  }
  const whole = parts.reduce((t, p) => t + p.area, 0);
  const kept = parts.filter((p) => p.area / whole >= MIN_WARD_SHARE);
  if (kept.length < 2) return null;
  const keptArea = kept.reduce((t, p) => t + p.area, 0);
  return kept
    .map((p) => ({ wardCode: p.wardCode, share: p.area / keptArea }))
    .sort((a, b) => b.share - a.share || a.wardCode.localeCompare(b.wardCode));
}

/**
 * An amount in whole pence divided by shares, the pennies left by rounding going to the largest remainders (ties to
 * the earlier share), so the parts add up to the amount exactly. A credit note divides the same way, negative.
 */
export function splitPence(amount: Pence, shares: readonly { share: number }[]): Pence[] {
  const sign = amount < 0 ? -1 : 1;
  const whole = Math.abs(amount);
  const exact = shares.map((s) => whole * s.share);
  const parts = exact.map(Math.floor);
  let left = whole - parts.reduce((t, p) => t + p, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0 && k < order.length; k++, left--) parts[order[k]!.i]!++;
  // Shares that add up to a little under 1 (floating point) can leave more pennies than there are parts.
  if (left > 0) parts[0]! += left;
  return parts.map((p) => sign * p + 0);
}

/**
 * True when the place surely lies in one ward, found without clipping (which costs a millisecond or more a ward): all
 * its corners are in the same ward and no ward boundary has a corner within the place's bounding box. A boundary
 * could then only cross the place as a straight chord, and a chord cuts some corner of the place off into another ward.
 */
function withinOneWard(geometry: Polygon | MultiPolygon, [w, s, e, n]: [number, number, number, number], near: readonly Ward[]): boolean {
  for (const ward of near) {
    const wardRings = ward.geometry.type === 'Polygon' ? ward.geometry.coordinates : ward.geometry.coordinates.flat();
    for (const ring of wardRings) for (const [x, y] of ring) if (x! >= w && x! <= e && y! >= s && y! <= n) return false;
  }
  let home: Ward | null = null;
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings) {
    for (const corner of ring) {
      const at = corner as [number, number];
      if (home && booleanPointInPolygon(at, home.geometry)) continue;
      if (home) return false;
      home = near.find((ward) => booleanPointInPolygon(at, ward.geometry)) ?? null;
      if (!home) return false;
    }
  }
  return home !== null;
}
