// The map's point filter must keep exactly the lines the engine's select() keeps: the same filter, two evaluators.
// The MapLibre expression is compiled and run by the style spec's own featureFilter, on features built as MapLibre
// builds them for a GeoJSON source (tile coordinates, a canonical tile id), so `within` is evaluated for real.

import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { featureFilter, type Feature, type FilterSpecification, type ICanonicalTileID } from '@maplibre/maplibre-gl-style-spec';
import { Engine } from '../../../renderer/engine/engine';
import type { PointProperties } from '../../../renderer/engine/contract';
import { pointFilterExpression } from '../../../renderer/map/style';
import { LOCATE_METHODS, defaultFilter, type SpendFilter } from '../../../renderer/domain/spend-filter';
import { SERVICE_AREAS } from '../../../renderer/domain/service-areas';
import { demoInput } from '../../demo-input';

const EXTENT = 8192;
/** MapLibre's GeoJSON sources tile down to zoom 18 (their default maxzoom); deeper zooms reuse those tiles. */
const MAX_TILE_ZOOM = 18;

interface TiledPoint {
  id: number;
  lon: number;
  lat: number;
  properties: PointProperties;
  /** The feature and its tile at each zoom evaluated. */
  at: Map<number, { feature: Feature; canonical: ICanonicalTileID }>;
}

/** Web Mercator as geojson-vt and supercluster project it, 0..1 across the world. */
const mercX = (lon: number) => lon / 360 + 0.5;
function mercY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}

/** A point feature as MapLibre hands it to a layer filter: integer coordinates within its tile, and that tile's id. */
function tiled(lon: number, lat: number, z: number, properties: PointProperties): { feature: Feature; canonical: ICanonicalTileID } {
  const z2 = 2 ** z;
  const X = mercX(lon) * z2;
  const Y = mercY(lat) * z2;
  const tx = Math.floor(X);
  const ty = Math.floor(Y);
  const point = { x: Math.round(EXTENT * (X - tx)), y: Math.round(EXTENT * (Y - ty)) };
  const canonical = { z, x: tx, y: ty, key: `${z}/${tx}/${ty}` } as unknown as ICanonicalTileID;
  return { feature: { type: 1, properties, geometry: [[point]] } as unknown as Feature, canonical };
}

/** Degrees of longitude and latitude one tile unit spans at zoom z, near this latitude (an upper bound for latitude). */
function tileUnit(z: number, lat: number): { lon: number; lat: number } {
  const lon = 360 / (2 ** z * EXTENT);
  return { lon, lat: lon * Math.cos((lat * Math.PI) / 180) };
}

// A few lines the demo lacks: undated ones with a point (a date filter must drop them from the map too), one placed by
// ward name alone (counted, never drawn), a withheld payee, and a supplier whose name starts with the text searched.
const EXTRA_CSV = [
  'Payment Date,Beneficiary Name,Organisational Unit,Purpose,Amount GBP,Longitude,Latitude,Ward Name',
  ',Undated Works Ltd,Youth Services,Youth club sessions,120.00,2.626946,53.052472,',
  ',Undated Works Ltd,Housing Repairs,Estate repairs,-45.50,2.607190,53.030424,',
  ',REDACTED,Adult Social Care,Home care,75.00,2.596018,53.068234,',
  '01/05/2024,Wardname Only Ltd,Finance,Audit fees,300.00,,,Marrowgate',
  '02/05/2024,Ltc Partners,Finance,Audit fees,12.00,2.588099,53.029764,',
].join('\r\n');

let engine: Engine;
let points: TiledPoint[];

beforeAll(async () => {
  const SQL = await initSqlJs();
  engine = new Engine(SQL);
  await engine.loadProject(demoInput());
  const imported = await engine.importSpend({ name: 'extra.csv', bytes: new TextEncoder().encode(EXTRA_CSV) });
  if (!imported.ok) throw new Error(`extra.csv was refused: ${JSON.stringify(imported.problems)}`);
  const data = await engine.mapData();
  points = data.points.features.map((f) => {
    const [lon, lat] = f.geometry.coordinates as [number, number];
    const p: TiledPoint = { id: f.properties.id, lon, lat, properties: f.properties, at: new Map() };
    for (const z of [MAX_TILE_ZOOM, 12]) p.at.set(z, tiled(lon, lat, z, f.properties));
    return p;
  });
}, 60_000);

/** The ids of the lines with a point that the engine's own selection keeps (its table lists every kept line). */
async function engineKeeps(filter: SpendFilter): Promise<Set<number>> {
  const page = await engine.tableRows(filter, { key: 'amount', descending: true }, 0, 1e7);
  const explored = await engine.explore(filter);
  expect(page.total).toBe(explored.lines);
  expect(page.rows).toHaveLength(page.total);
  return new Set(page.rows.filter((r) => r.lon !== null).map((r) => r.id));
}

function mapKeeps(expression: FilterSpecification, z = MAX_TILE_ZOOM): Set<number> {
  const compiled = featureFilter(expression, 'filter');
  const kept = new Set<number>();
  for (const p of points) {
    const { feature, canonical } = p.at.get(z)!;
    if (compiled.filter({ zoom: z }, feature, canonical)) kept.add(p.id);
  }
  return kept;
}

const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

/** A box whose edges are more than two tile units (at the deepest zoom) from every point, so rounding cannot decide. */
function clearBox(west: number, south: number, east: number, north: number): [number, number, number, number] {
  const unit = tileUnit(MAX_TILE_ZOOM, 53);
  for (const p of points) {
    if (Math.min(Math.abs(p.lon - west), Math.abs(p.lon - east)) <= 2 * unit.lon) throw new Error(`point ${p.id} lies on the box's west or east edge`);
    if (Math.min(Math.abs(p.lat - south), Math.abs(p.lat - north)) <= 2 * unit.lon) throw new Error(`point ${p.id} lies on the box's south or north edge`);
  }
  return [west, south, east, north];
}

function f(change: Partial<SpendFilter>): SpendFilter {
  return { ...defaultFilter(), ...change };
}

describe('the demo and its extra lines', () => {
  it('has a point for every located line and for nothing else', async () => {
    const all = await engineKeeps(defaultFilter());
    expect(points.length).toBeGreaterThan(19_000);
    expect(sorted(new Set(points.map((p) => p.id)))).toEqual(sorted(all));
    // The undated lines and the withheld payee have points; the line placed by ward name has none.
    const rows = (await engine.tableRows(f({ supplierText: 'Undated Works' }), { key: 'amount', descending: false }, 0, 100)).rows;
    expect(rows.map((r) => [r.date, r.lon !== null])).toEqual([[null, true], [null, true]]);
    const byWard = (await engine.tableRows(f({ suppliers: ['Wardname Only Ltd'] }), { key: 'amount', descending: false }, 0, 100)).rows;
    expect(byWard.map((r) => [r.method, r.lon])).toEqual([['ward-name', null]]);
  });
});

describe('pointFilterExpression keeps exactly the points select() keeps', () => {
  it('keeps every point with no filter at all', () => {
    expect(mapKeeps(pointFilterExpression(null)).size).toBe(points.length);
  });

  const cases: [string, () => Partial<SpendFilter>, ('some' | 'none' | 'all')?][] = [
    ['the default filter', () => ({}), 'all'],
    ['two service areas', () => ({ areas: ['youth', 'green-spaces'] })],
    ['one service area', () => ({ areas: ['other'] })],
    ['no service areas', () => ({ areas: [] }), 'none'],
    ['one mission', () => ({ missions: ['food'] })],
    ['any of two missions', () => ({ missions: ['diversity', 'young-people'] })],
    ['a mission the project does not have', () => ({ missions: ['no-such-mission'] }), 'none'],
    ['an unknown mission beside a known one', () => ({ missions: ['no-such-mission', 'estates'] })],
    ['a financial year (undated points left out)', () => ({ from: '2023-04-01', to: '2024-03-31' })],
    ['from a date', () => ({ from: '2024-10-01' })],
    ['up to a date', () => ({ to: '2022-06-30' })],
    ['a single day', () => ({ from: '2023-11-15', to: '2023-11-15' })],
    ['at least an amount', () => ({ minPence: 500_000 })],
    ['at most an amount (credit notes kept)', () => ({ maxPence: 10_000 })],
    ['credit notes only', () => ({ maxPence: -1 })],
    ['an amount range', () => ({ minPence: 50_000, maxPence: 250_000 })],
    ['supplier text', () => ({ supplierText: 'lt' })],
    ['supplier text in another case, with spaces', () => ({ supplierText: '  STONE ' })],
    ['supplier text matching nothing', () => ({ supplierText: 'zzzz' }), 'none'],
    ['exact suppliers', () => ({ suppliers: ['Copperstone Support Services', 'REDACTED', 'Ltc Partners'] })],
    ['exact suppliers with text', () => ({ suppliers: ['Copperstone Support Services', 'Kitewater Lifts Ltd'], supplierText: 'lifts' })],
    ['departments', () => ({ departments: ['Youth Services', 'Housing Repairs'] })],
    ['methods: postcode and place', () => ({ methods: ['postcode', 'place'] })],
    ['methods: coordinates, unlocated left out', () => ({ methods: ['coordinates'], unlocated: false })],
    ['methods: ward name only (never drawn)', () => ({ methods: ['ward-name'] }), 'none'],
    ['no methods (unlocated only)', () => ({ methods: [] }), 'none'],
    ['unlocated left out (changes no point)', () => ({ unlocated: false }), 'all'],
    ['redacted payees left out', () => ({ redacted: false })],
    ['a box drawn on the map', () => ({ bbox: clearBox(2.5900005, 53.0400005, 2.6300005, 53.0700005) })],
    ['lines picked by id', () => ({ picked: points.filter((_, i) => i % 997 === 0).map((p) => p.id) })],
    ['a thin box', () => ({ bbox: clearBox(2.6100005, 53.0200005, 2.6120005, 53.0800005) })],
    ['a box around everything', () => ({ bbox: clearBox(2.4, 52.9, 2.8, 53.2) }), 'all'],
    ['a box away from everything', () => ({ bbox: clearBox(3.0000005, 54.0000005, 3.1000005, 54.1000005) }), 'none'],
    ['a box, a supplier text and a date range', () => ({ bbox: clearBox(2.5500005, 53.0300005, 2.6500005, 53.0800005), supplierText: 'ltd', from: '2022-09-01', to: '2024-08-31' })],
    ['a mission, an amount range and redacted left out', () => ({ missions: ['young-people'], minPence: 0, maxPence: 300_000, redacted: false })],
    ['areas, methods and departments', () => ({ areas: ['social-care', 'estates'], methods: ['coordinates', 'place'], departments: ['Adult Social Care', 'Housing - Estate Management', 'Housing Repairs'] })],
    [
      'every dimension at once',
      () => ({
        areas: ['social-care', 'youth', 'estates'], missions: ['young-people', 'diversity', 'food'], from: '2022-06-01', to: '2025-01-31', minPence: -100_000, maxPence: 900_000,
        supplierText: 'a', suppliers: [], departments: ["Children's Social Care", 'Adult Social Care', 'Youth Services', 'Early Help and Youth'],
        methods: ['coordinates', 'postcode'], unlocated: false, redacted: false, bbox: clearBox(2.5600005, 53.0250005, 2.6600005, 53.0850005),
      }),
    ],
  ];

  it.each(cases)('%s', async (_name, change, expect_ = 'some') => {
    const filter = f(change());
    const explored = await engine.explore(filter);
    const want = await engineKeeps(filter);
    const got = mapKeeps(pointFilterExpression(explored.resolved));
    if (expect_ === 'all') expect(want.size).toBe(points.length);
    else if (expect_ === 'none') expect(want.size).toBe(0);
    else {
      // Non-trivial, so a filter that kept everything or nothing would fail.
      expect(want.size).toBeGreaterThan(0);
      expect(want.size).toBeLessThan(points.length);
    }
    expect(sorted(got)).toEqual(sorted(want));
  });

  it('a freehand shape: the same points, except any within a metre of its edge (tile rounding, as for boxes)', async () => {
    const ring: [number, number][] = [[2.5800005, 53.0300005], [2.6400005, 53.0300005], [2.6100005, 53.0800005]];
    const filter = f({ lasso: ring });
    const want = await engineKeeps(filter);
    const got = mapKeeps(pointFilterExpression((await engine.explore(filter)).resolved));
    expect(want.size).toBeGreaterThan(1000);
    const differ = [...want].filter((id) => !got.has(id)).concat([...got].filter((id) => !want.has(id)));
    expect(differ.length).toBeLessThan(5);
    const metresToEdge = (x: number, y: number) =>
      Math.min(...ring.map((a, i) => {
        const b = ring[(i + 1) % ring.length]!;
        const k = Math.cos((y * Math.PI) / 180) * 111_320;
        const [ax, ay, bx, by, px, py] = [a[0] * k, a[1] * 110_574, b[0] * k, b[1] * 110_574, x * k, y * 110_574];
        const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
        return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
      }));
    for (const id of differ) {
      const p = points.find((q) => q.id === id)!;
      expect(metresToEdge(p.lon, p.lat)).toBeLessThan(1);
    }
  });

  it('agrees for 40 random combinations of the demo\'s own values', async () => {
    let seed = 20261127;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const some = <T,>(xs: readonly T[], p: number): T[] => xs.filter(() => rnd() < p);
    const options = await engine.filterOptions();
    const suppliers = [...new Set(points.map((p) => p.properties.s))];
    const explored = await engine.explore(defaultFilter());
    const supplierNames = (await engine.searchSuppliers('e', 500)).map((s) => s.supplier);
    expect(supplierNames.length).toBeGreaterThan(50);
    expect(suppliers.length).toBeGreaterThan(50);
    const months = ['2022-04-01', '2022-10-01', '2023-04-01', '2023-10-01', '2024-04-01', '2024-10-01', '2025-03-31'];
    let nonTrivial = 0;
    for (let t = 0; t < 40; t++) {
      const on = (p = 0.35) => rnd() < p;
      const from = on() ? pick(months) : null;
      const to = on() ? pick(months) : null;
      let bbox: [number, number, number, number] | null = null;
      if (on(0.3)) {
        const x = [2.53 + rnd() * 0.13, 2.53 + rnd() * 0.13].map((v) => Math.round(v * 1e4) / 1e4 + 5e-7).sort();
        const y = [53.02 + rnd() * 0.065, 53.02 + rnd() * 0.065].map((v) => Math.round(v * 1e4) / 1e4 + 5e-7).sort();
        try {
          bbox = clearBox(x[0]!, y[0]!, x[1]!, y[1]!);
        } catch {
          bbox = null;
        }
      }
      const filter = f({
        areas: on() ? some(SERVICE_AREAS, 0.6) : [...SERVICE_AREAS],
        missions: on() ? some(options.missions.map((m) => m.id), 0.5) : [],
        from,
        to,
        minPence: on(0.25) ? pick([-50_000, 0, 20_000, 100_000]) : null,
        maxPence: on(0.25) ? pick([0, 50_000, 500_000, 2_000_000]) : null,
        supplierText: on(0.25) ? pick(['ltd', 'CARE', ' way', 'stone ', 'lt', 'q']) : '',
        suppliers: on(0.2) ? some(supplierNames, 0.1) : [],
        departments: on(0.25) ? some(options.departments.map((d) => d.name), 0.4) : [],
        methods: on() ? some(LOCATE_METHODS, 0.6) : [...LOCATE_METHODS],
        unlocated: !on(0.3),
        redacted: !on(0.3),
        bbox,
      });
      const resolved = (await engine.explore(filter)).resolved;
      const want = await engineKeeps(filter);
      const got = mapKeeps(pointFilterExpression(resolved));
      if (want.size > 0 && want.size < points.length) nonTrivial++;
      if (sorted(got).join() !== sorted(want).join()) expect({ filter, got: sorted(got) }).toEqual({ filter, got: sorted(want) });
    }
    expect(explored.lines).toBeGreaterThan(points.length);
    expect(nonTrivial).toBeGreaterThan(25);
  }, 60_000);

  it('differs, at a shallow zoom, only for points within a tile unit of the box (MapLibre rounds to tile coordinates)', async () => {
    const z = 12;
    const unit = tileUnit(z, 53);
    const bbox: [number, number, number, number] = [2.5900005, 53.0400005, 2.6300005, 53.0700005];
    const filter = f({ bbox });
    const want = await engineKeeps(filter);
    const got = mapKeeps(pointFilterExpression((await engine.explore(filter)).resolved), z);
    const differ = points.filter((p) => want.has(p.id) !== got.has(p.id));
    for (const p of differ) {
      const near = Math.min(Math.abs(p.lon - bbox[0]), Math.abs(p.lon - bbox[2])) <= unit.lon || Math.min(Math.abs(p.lat - bbox[1]), Math.abs(p.lat - bbox[3])) <= unit.lon;
      expect({ id: p.id, near }).toEqual({ id: p.id, near: true });
    }
    expect(differ.length).toBeLessThan(want.size / 50);
  });
});

describe('pointFilterExpression, as MapLibre reads it', () => {
  it('compiles for every filter and needs geometry only for a drawn box', async () => {
    const plain = (await engine.explore(f({ missions: ['food'], supplierText: 'ltd' }))).resolved;
    expect(featureFilter(pointFilterExpression(plain), 'filter').needGeometry).toBe(false);
    const boxed = (await engine.explore(f({ bbox: [2.5, 53, 2.6, 53.1] }))).resolved;
    expect(featureFilter(pointFilterExpression(boxed), 'filter').needGeometry).toBe(true);
  });

  it('leaves a point out of a drawn box when it has no tile to be placed in', async () => {
    const boxed = (await engine.explore(f({ bbox: [-180, -85, 180, 85] }))).resolved;
    const compiled = featureFilter(pointFilterExpression(boxed), 'filter');
    const p = points[0]!;
    const { feature, canonical } = p.at.get(MAX_TILE_ZOOM)!;
    expect(compiled.filter({ zoom: MAX_TILE_ZOOM }, feature, canonical)).toBe(true);
    // Without a canonical tile MapLibre's `within` is false: the filter must only ever run on tiled features.
    expect(compiled.filter({ zoom: MAX_TILE_ZOOM }, feature)).toBe(false);
  });
});
