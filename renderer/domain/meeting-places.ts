// Meeting places: where spend lines of different service areas lie within a chosen distance of each other, grouped,
// ranked by a documented score and told in one sentence; plus overlapping outlined places, and mission-lens gaps.
//
// The method, in the words the "Why is this a meeting place?" panel uses:
// 1. Only located lines of the four meeting areas count (Other meets nothing). Distances are metres on a local flat
//    projection, exact to well under a metre across a borough.
// 2. Candidate centres: in every square of a quarter of the distance, the heaviest line (largest amount; ties by id).
// 3. Each candidate's circle holds the lines within the distance of it. It is a meeting if at least two areas each
//    have `minShare` of the circle's money. Its score (below) ranks it.
// 4. Best first: the best circle becomes a meeting place; its lines are taken, so no line is in two places; circles
//    that lost lines are scored again before they can win. Stops at `maxPlaces`.
// 5. A line of the centre's own area stays only if a line of another area in the place is within the distance of
//    it; every other line has the centre line as that partner. So every line in a meeting place is within the
//    distance of a line of another service area in it.

import KDBush from 'kdbush';
import { booleanIntersects, booleanPointInPolygon, circle } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { SpendColumns } from './spend-columns';
import { LOCATE_METHODS, NO_DAY } from './spend-filter';
import { SERVICE_AREAS, SERVICE_AREA_LABEL, type ServiceArea } from './service-areas';
import { MEETING_AREAS, mixOf } from './meet';
import { formatCompact, type Pence } from './money';

export type MeetingArea = (typeof MEETING_AREAS)[number];

export interface ScoreWeights {
  /** Points per service area present. */
  areas: number;
  /** Points for perfectly even spend (Pielou's evenness, 0–1, times this). */
  balance: number;
  /** Points per tenfold of money (log10 of the place's £ across the meeting areas, times this). */
  money: number;
  /** The score is multiplied by 1 − confidence × (share of the money placed only at a postcode's centre or a named place). */
  confidence: number;
}

/** A mission-lens gap: places with heavy spend in one area and none in a related one nearby. */
export interface GapLens {
  mission: string;
  heavy: MeetingArea;
  missing: MeetingArea;
}

export interface MeetParams {
  /** Lines of different areas within this many metres of each other meet. */
  distance: number;
  /** An area counts as present when it has at least this share of a place's money (0–1). */
  minShare: number;
  /** The most meeting places listed. */
  maxPlaces: number;
  weights: ScoreWeights;
  /** H3 resolution of the hex view (7–10). */
  hexResolution: number;
  gaps: GapLens[];
  /** A circle is "heavy" in an area when its money in that area is in this top share of all circles with any (0–1). */
  gapTopShare: number;
}

export const DEFAULT_MEET_PARAMS: MeetParams = {
  distance: 250,
  minShare: 0.05,
  maxPlaces: 100,
  weights: { areas: 1, balance: 1, money: 0.5, confidence: 0.5 },
  hexResolution: 9,
  gaps: [
    { mission: 'young-people', heavy: 'estates', missing: 'youth' },
    { mission: 'young-people', heavy: 'social-care', missing: 'youth' },
    { mission: 'estates', heavy: 'estates', missing: 'green-spaces' },
  ],
  gapTopShare: 0.1,
};

const MEETING_INDEX = MEETING_AREAS.map((a) => SERVICE_AREAS.indexOf(a));
const APPROXIMATE = new Set<number>([LOCATE_METHODS.indexOf('postcode'), LOCATE_METHODS.indexOf('place')]);
/** A line placed at its supplier's address says nothing of where services meet. */
const SUPPLIER_ADDRESS = LOCATE_METHODS.indexOf('supplier-address');
const EARTH_M = 6_371_008.8;
/** Outlines are drawn this far around a place's lines, so a place of one or two spots still shows. */
export const OUTLINE_MARGIN_METRES = 20;
const NEAR_POINT_METRES = 100;

export interface NamedPlace {
  name: string;
  kind: string;
  geometry: Geometry;
}

export interface AreaFigure {
  pence: Pence;
  lines: number;
}

export interface MeetingPlace {
  kind: 'nearby' | 'overlap';
  score: number;
  scoreParts: { areas: number; balance: number; money: number; confidenceFactor: number };
  centre: [number, number];
  outline: Polygon | MultiPolygon;
  byArea: Record<MeetingArea, AreaFigure>;
  /** Areas present (≥ minShare), most money first. */
  present: MeetingArea[];
  evenness: number;
  total: Pence;
  lines: number;
  approximateShare: number;
  suppliers: number;
  /** Suppliers paid in more than one of the place's areas. */
  sharedSuppliers: { name: string; areas: MeetingArea[] }[];
  /** Named places the outline touches, biggest spend first where known. */
  touches: { name: string; kind: string }[];
  /** Wards the place's lines lie in, most money first (indexes into cols.wardCodes). */
  wards: { ward: number; pence: Pence }[];
  /** Months (YYYY-MM) in which two or more of the present areas spent there. */
  overlapMonths: string[];
  /** What the sentence calls it: "Somers Town Estate", "Kilburn ward". */
  title: string;
  sentence: string;
  /** Column indexes of the place's lines. */
  members: number[];
}

export interface Gap {
  lens: GapLens;
  centre: [number, number];
  outline: Polygon;
  heavyPence: Pence;
  heavyLines: number;
  title: string;
  sentence: string;
}

export interface MeetResult {
  places: MeetingPlace[];
  gaps: Gap[];
  /** Located lines of the meeting areas the analysis looked at, and how many ended in a place. */
  considered: number;
  placed: number;
  /** Candidate centres tried. */
  candidates: number;
}

export interface MeetInput {
  cols: SpendColumns;
  mask: Uint8Array;
  /** Named places (the places register), for "touches" and overlapping outlines. */
  places?: readonly NamedPlace[];
  /** Ward names, aligned with cols.wardCodes. */
  wardNames?: readonly string[];
  /** Mission labels by id, for the gap sentences. */
  missionLabels?: Readonly<Record<string, string>>;
  params?: MeetParams;
  /** Called now and then with the fraction done (0–1). */
  progress?: (fraction: number) => void;
}

export function scorePlace(present: number, evenness: number, total: Pence, approximateShare: number, w: ScoreWeights) {
  const areas = w.areas * present;
  const balance = w.balance * evenness;
  const money = w.money * Math.log10(Math.max(1, total / 100));
  const confidenceFactor = Math.max(0, 1 - w.confidence * approximateShare);
  return { score: (areas + balance + money) * confidenceFactor, parts: { areas, balance, money, confidenceFactor } };
}

/** Local flat metres around a latitude: x east, y north. */
class Flat {
  private readonly kx: number;
  private readonly ky = (Math.PI / 180) * EARTH_M;
  constructor(lat0: number) {
    this.kx = Math.cos((lat0 * Math.PI) / 180) * this.ky;
  }
  x(lon: number): number { return lon * this.kx; }
  y(lat: number): number { return lat * this.ky; }
  lon(x: number): number { return x / this.kx; }
  lat(y: number): number { return y / this.ky; }
}

/** The lines a meeting analysis looks at, projected and indexed. */
interface Prepared {
  idx: Uint32Array;
  x: Float64Array;
  y: Float64Array;
  /** 0–3: index into MEETING_AREAS. */
  area: Uint8Array;
  pence: Float64Array;
  /** 1 for a line placed only at a postcode's centre or a named place. */
  approximate: Uint8Array;
  flat: Flat;
  tree: KDBush;
}

function prepare(cols: SpendColumns, mask: Uint8Array): Prepared | null {
  const areaOf = new Int8Array(SERVICE_AREAS.length).fill(-1);
  MEETING_INDEX.forEach((s, m) => (areaOf[s] = m));
  let keep: number[] = [];
  let latSum = 0;
  for (let i = 0; i < cols.n; i++) {
    if (!mask[i] || areaOf[cols.area[i]!]! < 0 || cols.method[i] === SUPPLIER_ADDRESS) continue;
    const lon = cols.lon[i]!;
    const lat = cols.lat[i]!;
    if (lon !== lon || lat !== lat) continue;
    keep.push(i);
    latSum += lat;
  }
  if (keep.length === 0) return null;
  // The projection's latitude is rounded so it does not drift with which lines are kept, or in what order.
  const flat = new Flat(Math.round((latSum / keep.length) * 10) / 10);
  // Near lines near in memory too (by 500 m squares): each circle then reads a few runs of the arrays, not a
  // scatter over all of them, which at a million lines is most of the time saved. Buckets, so it stays linear.
  const buckets = new Map<number, number[]>();
  for (const i of keep) {
    const key = cellKey(flat.x(cols.lon[i]!), flat.y(cols.lat[i]!), 500);
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = []));
    b.push(i);
  }
  keep = [...buckets.keys()].sort((a, b) => a - b).flatMap((key) => buckets.get(key)!);
  const m = keep.length;
  const idx = Uint32Array.from(keep);
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  const area = new Uint8Array(m);
  const pence = new Float64Array(m);
  const approximate = new Uint8Array(m);
  const tree = new KDBush(m);
  for (let k = 0; k < m; k++) {
    const i = idx[k]!;
    x[k] = flat.x(cols.lon[i]!);
    y[k] = flat.y(cols.lat[i]!);
    area[k] = areaOf[cols.area[i]!]!;
    pence[k] = cols.pence[i]!;
    approximate[k] = APPROXIMATE.has(cols.method[i]!) ? 1 : 0;
    tree.add(x[k]!, y[k]!);
  }
  tree.finish();
  return { idx, x, y, area, pence, approximate, flat, tree };
}

/** One number for the square of side `size` metres holding (x, y): exact for any place on Earth and squares ≥ 1 m. */
function cellKey(x: number, y: number, size: number): number {
  return (Math.floor(y / size) + 2 ** 25) * 2 ** 26 + (Math.floor(x / size) + 2 ** 25);
}

/** In each square of a quarter of the distance, the heaviest line: the circles tried, in a fixed order. */
function candidateCentres(p: Prepared, cols: SpendColumns, distance: number): number[] {
  const cell = distance / 4;
  const best = new Map<number, number>();
  for (let k = 0; k < p.idx.length; k++) {
    const key = cellKey(p.x[k]!, p.y[k]!, cell);
    const b = best.get(key);
    if (b === undefined || heavier(cols, p.idx[k]!, p.idx[b]!)) best.set(key, k);
  }
  return [...best.values()].sort((a, b) => cols.id[p.idx[a]!]! - cols.id[p.idx[b]!]!);
}

function heavier(cols: SpendColumns, i: number, j: number): boolean {
  const a = Math.abs(cols.pence[i]!);
  const b = Math.abs(cols.pence[j]!);
  return a !== b ? a > b : cols.id[i]! < cols.id[j]!;
}

interface CircleSums {
  pence: Float64Array;
  lines: Uint32Array;
  absolute: number;
  approximate: number;
}

function circleSums(p: Prepared, members: readonly number[]): CircleSums {
  const pence = new Float64Array(MEETING_AREAS.length);
  const lines = new Uint32Array(MEETING_AREAS.length);
  let absolute = 0;
  let approximate = 0;
  for (const k of members) {
    const v = p.pence[k]!;
    const a = p.area[k]!;
    pence[a]! += v;
    lines[a]!++;
    const abs = v < 0 ? -v : v;
    absolute += abs;
    if (p.approximate[k]) approximate += abs;
  }
  return { pence, lines, absolute, approximate };
}

function byAreaRecord(pence: Float64Array) {
  const r = { 'social-care': 0, youth: 0, estates: 0, 'green-spaces': 0, other: 0 } as Record<ServiceArea, number>;
  MEETING_AREAS.forEach((a, m) => (r[a] = pence[m]!));
  return r;
}

function scoreSums(s: CircleSums, params: MeetParams) {
  const mix = mixOf(byAreaRecord(s.pence), { minShare: params.minShare });
  if (mix.count < 2) return null;
  const approximateShare = s.absolute > 0 ? s.approximate / s.absolute : 0;
  return { mix, approximateShare, ...scorePlace(mix.count, mix.evenness, mix.total, approximateShare, params.weights) };
}

/** A max-heap of candidates by score; ties by candidate order, so the result never depends on input order. */
class Heap {
  private readonly items: { k: number; order: number; score: number; epoch: number }[] = [];
  get size(): number { return this.items.length; }
  push(item: { k: number; order: number; score: number; epoch: number }): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop() {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
  private before(x: { order: number; score: number }, y: { order: number; score: number }): boolean {
    return x.score !== y.score ? x.score > y.score : x.order < y.order;
  }
}

/** The whole analysis: meeting places (nearby and overlapping outlines, ranked together) and mission-lens gaps. */
export function findMeetingPlaces(input: MeetInput): MeetResult {
  const { cols, mask } = input;
  const params = input.params ?? DEFAULT_MEET_PARAMS;
  const progress = input.progress ?? (() => {});
  const p = prepare(cols, mask);
  if (!p) return { places: [], gaps: [], considered: 0, placed: 0, candidates: 0 };
  const d = params.distance;
  const centres = candidateCentres(p, cols, d);
  progress(0.05);

  // Every candidate's circle, scored on all lines; the sums are kept for the gaps.
  const heap = new Heap();
  const initial: CircleSums[] = [];
  centres.forEach((k, order) => {
    const s = circleSums(p, p.tree.within(p.x[k]!, p.y[k]!, d));
    initial.push(s);
    const scored = scoreSums(s, params);
    if (scored) heap.push({ k, order, score: scored.score, epoch: 0 });
    if (order % 2000 === 0) progress(0.05 + 0.45 * (order / centres.length));
  });
  progress(0.5);

  const claimed = new Uint8Array(p.idx.length);
  const places: MeetingPlace[] = [];
  let epoch = 0;
  while (heap.size > 0 && places.length < params.maxPlaces) {
    const top = heap.pop();
    if (claimed[top.k]) continue;
    const members = p.tree.within(p.x[top.k]!, p.y[top.k]!, d).filter((k) => !claimed[k]);
    if (top.epoch !== epoch) {
      const scored = scoreSums(circleSums(p, members), params);
      if (scored) heap.push({ ...top, score: scored.score, epoch });
      continue;
    }
    const kept = pruneToPartners(p, members, top.k, d);
    const sums = circleSums(p, kept);
    const scored = scoreSums(sums, params);
    if (!scored) continue;
    for (const k of kept) claimed[k] = 1;
    epoch++;
    places.push(describe(input, params, p, 'nearby', kept.map((k) => p.idx[k]!), sums, scored, [p.flat.lon(p.x[top.k]!), p.flat.lat(p.y[top.k]!)], outlineOf(p, kept)));
    progress(0.5 + 0.3 * (places.length / params.maxPlaces));
  }

  const overlaps = overlappingPlaces(input, params, p);
  progress(0.9);
  const ranked = [...places, ...overlaps].sort((a, b) => b.score - a.score || a.centre[0] - b.centre[0] || a.centre[1] - b.centre[1]).slice(0, params.maxPlaces);
  const gaps = findGaps(input, params, p, centres, initial);
  progress(1);
  // Lines in a listed nearby place: one cut from the list by overlapping places counts for nothing.
  let placed = 0;
  for (const m of ranked) if (m.kind === 'nearby') placed += m.members.length;
  return { places: ranked, gaps, considered: p.idx.length, placed, candidates: centres.length };
}

/** Keeps the lines that have a partner of another area within `d`: see step 5 of the method. */
function pruneToPartners(p: Prepared, members: readonly number[], centre: number, d: number): number[] {
  const own = p.area[centre]!;
  const others = members.filter((k) => p.area[k] !== own);
  if (others.length === 0) return [];
  const d2 = d * d;
  return members.filter((k) => {
    if (p.area[k] !== own) return true;
    const x = p.x[k]!;
    const y = p.y[k]!;
    for (const o of others) {
      const dx = p.x[o]! - x;
      const dy = p.y[o]! - y;
      if (dx * dx + dy * dy <= d2) return true;
    }
    return false;
  });
}

function describe(
  input: MeetInput, params: MeetParams, p: Prepared, kind: MeetingPlace['kind'], members: number[], sums: CircleSums,
  scored: NonNullable<ReturnType<typeof scoreSums>>, centre: [number, number], shape: Polygon | MultiPolygon,
  named: { name: string; kind: string }[] = [],
): MeetingPlace {
  const { cols } = input;
  const byArea = {} as Record<MeetingArea, AreaFigure>;
  MEETING_AREAS.forEach((a, m) => (byArea[a] = { pence: sums.pence[m]!, lines: sums.lines[m]! }));
  const present = scored.mix.present as MeetingArea[];

  const supplierAreas = new Map<number, number>();
  const wardPence = new Map<number, number>();
  const monthAreas = new Map<number, number>();
  const presentBits = present.reduce((bits, a) => bits | (1 << MEETING_AREAS.indexOf(a)), 0);
  const areaBit = new Int8Array(SERVICE_AREAS.length).fill(-1);
  MEETING_INDEX.forEach((s, m) => (areaBit[s] = m));
  for (const i of members) {
    const bit = 1 << areaBit[cols.area[i]!]!;
    supplierAreas.set(cols.supplier[i]!, (supplierAreas.get(cols.supplier[i]!) ?? 0) | bit);
    if (cols.ward[i]! >= 0) wardPence.set(cols.ward[i]!, (wardPence.get(cols.ward[i]!) ?? 0) + cols.pence[i]!);
    const day = cols.day[i]!;
    if (day !== NO_DAY && cols.pence[i]! > 0 && bit & presentBits) {
      const date = new Date(day * 86_400_000);
      const month = date.getUTCFullYear() * 12 + date.getUTCMonth();
      monthAreas.set(month, (monthAreas.get(month) ?? 0) | bit);
    }
  }
  const sharedSuppliers = [...supplierAreas]
    .filter(([s, bits]) => popcount(bits) > 1 && !cols.supplierRedacted[s])
    .map(([s, bits]) => ({ name: cols.suppliers[s]!, areas: MEETING_AREAS.filter((_, m) => bits & (1 << m)) }))
    .sort((a, b) => b.areas.length - a.areas.length || a.name.localeCompare(b.name));
  const overlapMonths = [...monthAreas].filter(([, bits]) => popcount(bits) >= 2).map(([m]) => m).sort((a, b) => a - b)
    .map((m) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
  const wards = [...wardPence].map(([ward, pence]) => ({ ward, pence })).sort((a, b) => b.pence - a.pence || a.ward - b.ward);

  const touches = named.length > 0 ? named : touchedPlaces(input.places ?? [], shape, centre);
  const wardName = (w: number) => input.wardNames?.[w] ?? cols.wardCodes[w] ?? '';
  const title = touches[0]?.name ?? (wards.length > 1 ? `the edge of ${wardName(wards[0]!.ward)} and ${wardName(wards[1]!.ward)} wards` : wards.length === 1 ? `${wardName(wards[0]!.ward)} ward` : 'this spot');
  const amounts = present.map((a) => `${SERVICE_AREA_LABEL[a].toLowerCase()} (${formatCompact(byArea[a].pence)})`);
  const areasText = amounts.length <= 1 ? amounts.join('') : `${amounts.slice(0, -1).join(', ')} and ${amounts.at(-1)}`;
  const where = kind === 'overlap' ? `Where ${touches[0]?.name ?? 'two places'} meets ${touches[1]?.name ?? 'another'}` : `Around ${title}`;
  const within = kind === 'overlap' ? 'meet' : `meet within ${params.distance} m`;
  const supplierCount = supplierAreas.size;
  const shared = sharedSuppliers.length;
  const supplierText = shared === 0
    ? `none of the ${supplierCount} ${supplierCount === 1 ? 'supplier works' : 'suppliers works'} in more than one of them`
    : `${shared} of the ${supplierCount} suppliers ${shared === 1 ? 'works' : 'work'} in more than one of them`;
  const sentence = `${where}, ${areasText} ${within}; ${supplierText}.`;

  return {
    kind, score: scored.score, scoreParts: scored.parts, centre, outline: shape, byArea, present,
    evenness: scored.mix.evenness, total: scored.mix.total, lines: members.length, approximateShare: scored.approximateShare,
    suppliers: supplierCount, sharedSuppliers, touches, wards, overlapMonths, title: kind === 'overlap' ? touches.map((t) => t.name).join(' and ') : title,
    sentence, members,
  };
}

function popcount(bits: number): number {
  let c = 0;
  for (let b = bits; b; b &= b - 1) c++;
  return c;
}

/**
 * The lines' convex hull grown by a margin (the hull of circles round its corners), so one or two spots still make
 * a shape. Built in flat metres: turf's hull and buffer took milliseconds a place.
 */
function outlineOf(p: Prepared, members: readonly number[]): Polygon {
  const corners = convexHull(members.map((k) => [p.x[k]!, p.y[k]!] as [number, number]));
  const STEPS = 12;
  const grown: [number, number][] = [];
  for (const [x, y] of corners) {
    for (let s = 0; s < STEPS; s++) {
      const a = (2 * Math.PI * s) / STEPS;
      grown.push([x + OUTLINE_MARGIN_METRES * Math.cos(a), y + OUTLINE_MARGIN_METRES * Math.sin(a)]);
    }
  }
  const ring = convexHull(grown).map(([x, y]) => [p.flat.lon(x), p.flat.lat(y)] as [number, number]);
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Andrew's monotone chain: the hull's corners anticlockwise, without repeating the first. */
export function convexHull(points: readonly [number, number][]): [number, number][] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const unique = pts.filter((q, i) => i === 0 || q[0] !== pts[i - 1]![0] || q[1] !== pts[i - 1]![1]);
  if (unique.length <= 2) return unique;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const q of unique) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: [number, number][] = [];
  for (let i = unique.length - 1; i >= 0; i--) {
    const q = unique[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0) upper.pop();
    upper.push(q);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

function touchedPlaces(places: readonly NamedPlace[], outline: Polygon | MultiPolygon, centre: [number, number]): { name: string; kind: string }[] {
  const out: { name: string; kind: string; distance: number }[] = [];
  const shape: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, geometry: outline };
  const kx = Math.cos((centre[1] * Math.PI) / 180);
  for (const pl of places) {
    const g = pl.geometry;
    let touches = false;
    let at: [number, number] = centre;
    if (g.type === 'Point') {
      at = g.coordinates as [number, number];
      touches = booleanPointInPolygon(at, shape) || metresBetween(at, centre, kx) <= NEAR_POINT_METRES;
    } else if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      touches = booleanIntersects(shape, { type: 'Feature', properties: {}, geometry: g });
      if (touches && booleanPointInPolygon(centre, { type: 'Feature', properties: {}, geometry: g })) at = centre;
      else if (touches) at = firstVertex(g);
    }
    if (touches) out.push({ name: pl.name, kind: pl.kind, distance: metresBetween(at, centre, kx) });
  }
  return out.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name)).map(({ name, kind }) => ({ name, kind }));
}

function firstVertex(g: Polygon | MultiPolygon): [number, number] {
  return (g.type === 'Polygon' ? g.coordinates[0]![0]! : g.coordinates[0]![0]![0]!) as [number, number];
}

function metresBetween(a: readonly [number, number], b: readonly [number, number], kx: number): number {
  const k = (Math.PI / 180) * EARTH_M;
  const dx = (a[0] - b[0]) * kx * k;
  const dy = (a[1] - b[1]) * k;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Outlined places (estates, parks) that overlap or touch, each with spend, and together with two or more areas. */
function overlappingPlaces(input: MeetInput, params: MeetParams, p: Prepared): MeetingPlace[] {
  const polygons = (input.places ?? []).filter((pl): pl is NamedPlace & { geometry: Polygon | MultiPolygon } =>
    pl.geometry.type === 'Polygon' || pl.geometry.type === 'MultiPolygon');
  if (polygons.length < 2) return [];
  const inside = polygons.map((pl) => {
    const [w, s, e, n] = bounds(pl.geometry);
    const feature: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, geometry: pl.geometry };
    const members = p.tree.range(p.flat.x(w), p.flat.y(s), p.flat.x(e), p.flat.y(n))
      .filter((k) => booleanPointInPolygon([input.cols.lon[p.idx[k]!]!, input.cols.lat[p.idx[k]!]!], feature));
    return { place: pl, box: [w, s, e, n] as const, members };
  }).filter((x) => x.members.length > 0);
  const out: MeetingPlace[] = [];
  for (let a = 0; a < inside.length; a++) {
    for (let b = a + 1; b < inside.length; b++) {
      const A = inside[a]!;
      const B = inside[b]!;
      if (A.box[0] > B.box[2] || B.box[0] > A.box[2] || A.box[1] > B.box[3] || B.box[1] > A.box[3]) continue;
      if (!booleanIntersects(A.place.geometry, B.place.geometry)) continue;
      const members = [...new Set([...A.members, ...B.members])].sort((x, y) => x - y);
      const sums = circleSums(p, members);
      const scored = scoreSums(sums, params);
      if (!scored) continue;
      const outline: MultiPolygon = { type: 'MultiPolygon', coordinates: [...polygonsOf(A.place.geometry), ...polygonsOf(B.place.geometry)] };
      const [w, s, e, n] = [Math.min(A.box[0], B.box[0]), Math.min(A.box[1], B.box[1]), Math.max(A.box[2], B.box[2]), Math.max(A.box[3], B.box[3])];
      const ordered = [A.place, B.place].sort((x, y) => x.name.localeCompare(y.name));
      out.push(describe(input, params, p, 'overlap', members.map((k) => p.idx[k]!), sums, scored, [(w + e) / 2, (s + n) / 2], outline,
        ordered.map((pl) => ({ name: pl.name, kind: pl.kind }))));
    }
  }
  return out;
}

function polygonsOf(g: Polygon | MultiPolygon): Polygon['coordinates'][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function bounds(g: Polygon | MultiPolygon): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const poly of polygonsOf(g)) {
    for (const [x, y] of poly[0]! as [number, number][]) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  }
  return [w, s, e, n];
}

const GAPS_PER_LENS = 10;

/**
 * Circles heavy in one area (in the top `gapTopShare` of circles with any of it) with no line at all of the
 * related area within the distance; the heaviest first, none closer than twice the distance to one already listed.
 */
function findGaps(input: MeetInput, params: MeetParams, p: Prepared, centres: readonly number[], sums: readonly CircleSums[]): Gap[] {
  const d = params.distance;
  const out: Gap[] = [];
  const linesOf = new Uint32Array(MEETING_AREAS.length);
  for (const a of p.area) linesOf[a]!++;
  for (const lens of params.gaps) {
    const h = MEETING_AREAS.indexOf(lens.heavy);
    const m = MEETING_AREAS.indexOf(lens.missing);
    // With no line of the missing area in view at all (filtered out, or never imported), every place would be a gap.
    if (h < 0 || m < 0 || h === m || linesOf[m] === 0) continue;
    const withHeavy = centres.map((_, c) => c).filter((c) => sums[c]!.pence[h]! > 0);
    if (withHeavy.length === 0) continue;
    const sorted = withHeavy.map((c) => sums[c]!.pence[h]!).sort((a, b) => b - a);
    const threshold = sorted[Math.max(0, Math.ceil(sorted.length * params.gapTopShare) - 1)]!;
    const chosen: number[] = [];
    const ordered = withHeavy.filter((c) => sums[c]!.pence[h]! >= threshold && sums[c]!.lines[m] === 0)
      .sort((a, b) => sums[b]!.pence[h]! - sums[a]!.pence[h]! || a - b);
    for (const c of ordered) {
      const k = centres[c]!;
      if (chosen.some((j) => Math.hypot(p.x[centres[j]!]! - p.x[k]!, p.y[centres[j]!]! - p.y[k]!) < 2 * d)) continue;
      chosen.push(c);
      if (chosen.length >= GAPS_PER_LENS) break;
    }
    for (const c of chosen) {
      const k = centres[c]!;
      const centre: [number, number] = [p.flat.lon(p.x[k]!), p.flat.lat(p.y[k]!)];
      const outline = circle(centre, d / 1000, { units: 'kilometers', steps: 32 }).geometry;
      const touches = touchedPlaces(input.places ?? [], outline, centre);
      const ward = input.cols.ward[p.idx[k]!]!;
      const title = touches[0]?.name ?? (ward >= 0 ? `${input.wardNames?.[ward] ?? input.cols.wardCodes[ward]} ward` : 'this spot');
      const mission = input.missionLabels?.[lens.mission] ?? lens.mission;
      const heavyPence = sums[c]!.pence[h]!;
      out.push({
        lens, centre, outline, heavyPence, heavyLines: sums[c]!.lines[h]!, title,
        sentence: `Around ${title}, ${SERVICE_AREA_LABEL[lens.heavy].toLowerCase()} spends ${formatCompact(heavyPence)} within ${d} m, but no ${SERVICE_AREA_LABEL[lens.missing].toLowerCase()} spend is placed within ${d} m: a gap for the ${mission} mission.`,
      });
    }
  }
  return out;
}


const clamp = (v: unknown, min: number, max: number, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;

export const DISTANCE_RANGE = { min: 25, max: 2000 } as const;

/**
 * Parameters as stored in a project or typed in the panel, made safe: numbers out of range are brought into it,
 * missing ones take the defaults, lenses naming an unknown area are dropped.
 */
export function normaliseMeetParams(value: unknown): MeetParams {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof MeetParams, unknown>>;
  const w = (typeof v.weights === 'object' && v.weights !== null ? v.weights : {}) as Partial<Record<keyof ScoreWeights, unknown>>;
  const D = DEFAULT_MEET_PARAMS;
  const isArea = (a: unknown): a is MeetingArea => (MEETING_AREAS as readonly unknown[]).includes(a);
  const gaps = Array.isArray(v.gaps)
    ? v.gaps.filter((g): g is GapLens => typeof g === 'object' && g !== null && typeof (g as GapLens).mission === 'string'
      && isArea((g as GapLens).heavy) && isArea((g as GapLens).missing) && (g as GapLens).heavy !== (g as GapLens).missing)
      .map((g) => ({ mission: g.mission, heavy: g.heavy, missing: g.missing }))
    : D.gaps.map((g) => ({ ...g }));
  return {
    distance: Math.round(clamp(v.distance, DISTANCE_RANGE.min, DISTANCE_RANGE.max, D.distance)),
    minShare: clamp(v.minShare, 0, 0.5, D.minShare),
    maxPlaces: Math.round(clamp(v.maxPlaces, 1, 1000, D.maxPlaces)),
    weights: {
      areas: clamp(w.areas, 0, 10, D.weights.areas),
      balance: clamp(w.balance, 0, 10, D.weights.balance),
      money: clamp(w.money, 0, 10, D.weights.money),
      confidence: clamp(w.confidence, 0, 1, D.weights.confidence),
    },
    hexResolution: Math.round(clamp(v.hexResolution, 7, 10, D.hexResolution)),
    gaps,
    gapTopShare: clamp(v.gapTopShare, 0.01, 1, D.gapTopShare),
  };
}

/** How a meeting place is found and scored, in the words the "Why is this a meeting place?" panel shows. */
export function explainMethod(params: MeetParams): string[] {
  const w = params.weights;
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  return [
    `Only spend lines with a point on the map, in social care, youth services, estate management or green spaces, count; "Other" meets nothing.`,
    `Lines of different service areas meet when they are within ${params.distance} m of each other. Circles of ${params.distance} m are tried around the largest payment in every ${Math.round(params.distance / 4)} m square; a circle is a meeting when at least two areas each have ${pct(params.minShare)} or more of its money.`,
    `The best circle becomes a meeting place and keeps its lines, so no line is counted in two; the next best is then scored again without them, and so on, up to ${params.maxPlaces} places.`,
    `A line of the same area as the centre's payment stays only if a line of another area is within ${params.distance} m of it, so every line in a place is within ${params.distance} m of a line of another service area in it.`,
    `Outlined places (estates, parks) that overlap or touch, each with spend inside, are meeting places too when together they hold two or more areas.`,
    `Score = (${w.areas} × areas present + ${w.balance} × evenness + ${w.money} × log10(£ spent)) × (1 − ${w.confidence} × share of the money placed only at a postcode's centre or a named place). Evenness is Pielou's: 1 when the areas have equal money, near 0 when one dominates.`,
  ];
}
