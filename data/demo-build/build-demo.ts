// Builds the bundled demo project: a fictional borough with wards, places, postcodes and ~20,000 spend lines.
// Deterministic (fixed seed): running it again gives byte-identical files. Usage: npm run demo:build

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { Engine } from '../../renderer/engine/engine';
import type { ProjectManifest } from '../../renderer/store/store';
import { resolve } from 'node:path';
import { voronoi, intersect, booleanPointInPolygon, featureCollection, point, polygon, bbox as turfBbox } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { seededRandom } from './random';

const OUT = process.argv[2] ? resolve(process.argv[2]) : resolve(import.meta.dirname, '../demo');
const SEED = 20221;
const BOROUGH = 'Fenmarsh';
// In the open North Sea: over no real council, so nobody mistakes it for their own borough.
const CENTRE: [number, number] = [2.6, 53.05];
const WARD_COUNT = 20;
const LINE_COUNT = 20000;
const PROJECT_FILE = 'fenmarsh.gpkg';
/** When the demo's project says it was saved: the end of its last financial year. */
const BUILT_AT = '2025-03-31T00:00:00.000Z';

// --- deterministic randomness -------------------------------------------------------------
const random = seededRandom(SEED);
const between = (a: number, b: number) => a + (b - a) * random();
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
function normal(): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
function weighted<T>(items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((s, w) => s + w, 0);
  let r = random() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r <= 0) return items[i]!;
  }
  return items[items.length - 1]!;
}
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

// --- geography ------------------------------------------------------------------------------
const KM_LON = 1 / (111.32 * Math.cos((CENTRE[1] * Math.PI) / 180));
const KM_LAT = 1 / 110.57;

function boroughOutline(): Feature<Polygon> {
  const ring: Position[] = [];
  const n = 36;
  const phase = [between(0, 6), between(0, 6), between(0, 6)];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const wobble = 1 + 0.1 * Math.sin(2 * t + phase[0]!) + 0.07 * Math.sin(3 * t + phase[1]!) + 0.04 * Math.sin(5 * t + phase[2]!);
    ring.push([round6(CENTRE[0] + 4.8 * KM_LON * Math.cos(t) * wobble), round6(CENTRE[1] + 3.6 * KM_LAT * Math.sin(t) * wobble)]);
  }
  ring.push(ring[0]!);
  return polygon([ring]);
}

function randomPointIn(area: Feature<Polygon | MultiPolygon>): [number, number] {
  const [w, s, e, n] = turfBbox(area);
  for (;;) {
    const p: [number, number] = [between(w, e), between(s, n)];
    if (booleanPointInPolygon(p, area)) return p;
  }
}

const WARD_NAMES = [
  'Marrowgate', 'Quillon Heath', 'Tansy Row', 'Wexcombe', 'Larkhollow', 'Brackenmere', 'Saltings', 'Corvin Fields',
  'Hollin Cross', 'Emberley', 'Ravelstone', 'Otterbrook Vale', 'Pellham Green', 'Kestrel Quay', 'Stonecrop',
  'Wyndle', 'Thistledown', 'Fenwick Common', 'Gallows Lea', 'Silverdyke',
];

interface DemoWard {
  code: string;
  name: string;
  feature: Feature<Polygon | MultiPolygon>;
  population: number;
  /** How much more spend lands here than in an average ward: need is not even. */
  need: number;
}

function buildWards(outline: Feature<Polygon>): DemoWard[] {
  const seeds: [number, number][] = [];
  while (seeds.length < WARD_COUNT) {
    const p = randomPointIn(outline);
    const far = seeds.every((q) => Math.hypot((p[0] - q[0]) / KM_LON, (p[1] - q[1]) / KM_LAT) > 1.2);
    if (far) seeds.push(p);
  }
  const [w, s, e, n] = turfBbox(outline);
  const cells = voronoi(featureCollection(seeds.map((p) => point(p))), { bbox: [w - 0.01, s - 0.01, e + 0.01, n + 0.01] });
  const order = seeds.map((p, i) => ({ p, i })).sort((a, b) => b.p[1] - a.p[1] || a.p[0] - b.p[0]);
  return order.map(({ i }, k) => {
    const clipped = intersect(featureCollection([cells.features[i]!, outline]))!;
    const geometry = clipped.geometry;
    const rounded = JSON.parse(JSON.stringify(geometry), (_k, v: unknown) => (typeof v === 'number' ? round6(v) : v)) as Polygon | MultiPolygon;
    return {
      code: `X05${String(9001 + k).padStart(6, '0')}`,
      name: WARD_NAMES[k]!,
      feature: { type: 'Feature', properties: {}, geometry: rounded },
      population: Math.round(between(9000, 15500) / 10) * 10,
      need: Math.exp(normal() * 0.55),
    };
  });
}

// --- places register ----------------------------------------------------------------------------
type PlaceKind = 'estate' | 'park' | 'youth-centre' | 'care-home' | 'library' | 'school';
interface DemoPlace {
  name: string;
  kind: PlaceKind;
  ward: DemoWard;
  centre: [number, number];
  /** Estates and parks have a footprint; the rest are points. */
  footprint?: Position[][];
}

const PLACE_STEMS = ['Alder', 'Birch', 'Cedar', 'Damson', 'Elm', 'Furze', 'Gorse', 'Hazel', 'Ivy', 'Juniper', 'Larch', 'Medlar', 'Nettle', 'Oak', 'Poplar', 'Quince', 'Rowan', 'Sorrel', 'Teasel', 'Willow', 'Yew', 'Aspen', 'Bramble', 'Clover', 'Dogrose', 'Fennel'];

function footprint(centre: [number, number], halfWidthM: number, halfHeightM: number): Position[][] {
  const ring: Position[] = [];
  for (let i = 0; i < 12; i++) {
    const t = (2 * Math.PI * i) / 12;
    const r = 1 + 0.15 * Math.sin(3 * t);
    ring.push([round6(centre[0] + (halfWidthM / 1000) * KM_LON * Math.cos(t) * r), round6(centre[1] + (halfHeightM / 1000) * KM_LAT * Math.sin(t) * r)]);
  }
  ring.push(ring[0]!);
  return [ring];
}

function buildPlaces(wards: DemoWard[]): DemoPlace[] {
  const places: DemoPlace[] = [];
  const used = new Set<string>();
  const uniqueName = (make: () => string) => {
    for (;;) {
      const name = make();
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  for (const ward of wards) {
    const estates = ward.need > 1.1 ? 2 : 1;
    for (let i = 0; i < estates; i++) {
      const centre = randomPointIn(ward.feature);
      places.push({ name: uniqueName(() => `${pick(PLACE_STEMS)} ${pick(['Court', 'Gardens', 'House', 'Rise', 'Walk'])} estate`), kind: 'estate', ward, centre, footprint: footprint(centre, between(90, 180), between(70, 140)) });
    }
    const park = randomPointIn(ward.feature);
    places.push({ name: uniqueName(() => `${ward.name.split(' ')[0]} ${pick(['Park', 'Green', 'Fields', 'Rec', 'Gardens'])}`), kind: 'park', ward, centre: park, footprint: footprint(park, between(120, 260), between(100, 220)) });
    if (random() < 0.6) places.push({ name: uniqueName(() => `${pick(PLACE_STEMS)} Youth Centre`), kind: 'youth-centre', ward, centre: randomPointIn(ward.feature) });
    if (random() < 0.55) places.push({ name: uniqueName(() => `${pick(PLACE_STEMS)} Lodge care home`), kind: 'care-home', ward, centre: randomPointIn(ward.feature) });
    if (random() < 0.3) places.push({ name: uniqueName(() => `${ward.name.split(' ')[0]} Library`), kind: 'library', ward, centre: randomPointIn(ward.feature) });
    if (random() < 0.5) places.push({ name: uniqueName(() => `${pick(PLACE_STEMS)} Primary School`), kind: 'school', ward, centre: randomPointIn(ward.feature) });
  }
  return places;
}

// --- postcodes (fictional FN district) -------------------------------------------------------
interface DemoPostcode {
  postcode: string;
  at: [number, number];
  ward: DemoWard;
}

function buildPostcodes(wards: DemoWard[]): DemoPostcode[] {
  const out: DemoPostcode[] = [];
  const letters = 'ABDEFGHJLNPQRSTUWXYZ';
  const seen = new Set<string>();
  wards.forEach((ward, i) => {
    const district = `FN${1 + Math.floor(i / 4)}`;
    for (let k = 0; k < 18; k++) {
      let postcode: string;
      do postcode = `${district} ${1 + Math.floor(random() * 9)}${pick([...letters])}${pick([...letters])}`;
      while (seen.has(postcode));
      seen.add(postcode);
      out.push({ postcode, at: randomPointIn(ward.feature), ward });
    }
  });
  return out;
}

/**
 * Where the suppliers are based: a postcode each, most in the borough, some in a fictional district beyond it (FX,
 * added to the directory so those suppliers are known not to be local), a few with no address given. Drawn from a
 * stream of its own, so the rest of the demo is the same as before suppliers had addresses.
 */
const addressRandom = seededRandom(SEED + 1);

function buildElsewhere(): string[] {
  return Array.from({ length: 12 }, (_, k) => `FX${1 + (k % 3)} ${1 + (k % 9)}${'ABDEFGHJLNPQ'[k]}${'RSTUWXYZABDE'[k]}`);
}

function supplierAddresses(suppliers: Record<string, Supplier[]>, local: DemoPostcode[], elsewhere: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const list of Object.values(suppliers)) {
    list.forEach((s, i) => {
      if (out.has(s.name)) return;
      const r = addressRandom();
      const pick = <T,>(xs: T[]) => xs[Math.floor(addressRandom() * xs.length)]!;
      // The largest firms are the least often local.
      const localShare = i < 4 ? 0.3 : 0.7;
      out.set(s.name, r < 0.08 ? '' : r < 0.08 + 0.92 * localShare ? pick(local).postcode : pick(elsewhere));
    });
  }
  return out;
}

// --- suppliers and spend --------------------------------------------------------------------------
type Area = 'social-care' | 'youth' | 'estates' | 'green-spaces' | 'other';

const AREA_SHARE: Record<Area, number> = { 'social-care': 0.33, estates: 0.24, 'green-spaces': 0.12, youth: 0.11, other: 0.2 };
const DEPARTMENTS: Record<Area, string[]> = {
  'social-care': ['Adult Social Care', 'Adults and Health - Care Services', "Children's Social Care"],
  youth: ['Youth Services', 'Early Help and Youth'],
  estates: ['Housing - Estate Management', 'Housing Repairs'],
  'green-spaces': ['Parks and Open Spaces', 'Grounds Maintenance'],
  other: ['Highways', 'Libraries and Culture', 'Corporate ICT', 'Waste and Recycling', 'Legal Services', 'Finance'],
};
const PURPOSES: Record<Area, string[]> = {
  'social-care': ['Home care', 'Residential care', 'Nursing care', 'Supported living', 'Day care services', 'Direct payments', 'Respite care', 'Meals on wheels', 'Interpreting services'],
  youth: ['Youth club sessions', 'Detached youth work', 'Mentoring programme', 'Holiday activities', 'Youth centre running costs', 'Holiday activities with meals', 'Youth inclusion project'],
  estates: ['Communal repairs', 'Caretaking', 'Lift maintenance', 'Void works', 'Door entry systems', 'Roof repairs', 'Cleaning of communal areas', 'Estate community kitchen'],
  'green-spaces': ['Grounds maintenance', 'Tree works', 'Playground repairs', 'Planting', 'Litter picking in parks', 'Sports pitch maintenance', 'Allotments maintenance', 'Community food growing'],
  other: ['Road resurfacing', 'Book stock', 'Software licences', 'Waste collection', 'Legal fees', 'Professional services', 'Street lighting', 'Printing', 'School meals', 'Food bank grant', 'Community cohesion grants', 'Equalities training'],
};
const MEDIAN_POUNDS: Record<Area, number> = { 'social-care': 1900, youth: 950, estates: 2600, 'green-spaces': 1400, other: 1700 };
const PLACE_FOR_AREA: Record<Area, { kinds: PlaceKind[]; share: number }> = {
  'social-care': { kinds: ['care-home'], share: 0.35 },
  youth: { kinds: ['youth-centre', 'school', 'park'], share: 0.6 },
  estates: { kinds: ['estate'], share: 0.75 },
  'green-spaces': { kinds: ['park', 'estate'], share: 0.7 },
  other: { kinds: ['library', 'school'], share: 0.2 },
};

const NAME_A = ['Bright', 'Key', 'Green', 'North', 'River', 'Oak', 'Harbour', 'Meridian', 'Beacon', 'Crescent', 'Summit', 'Willow', 'Anchor', 'Fen', 'Marsh', 'Kite', 'Heron', 'Lantern', 'Copper', 'Harvest'];
const NAME_B = ['water', 'stone', 'way', 'gate', 'field', 'bridge', 'wood', 'light', 'point', 'side'];
const SUFFIX: Record<Area, string[]> = {
  'social-care': ['Care Ltd', 'Homecare Ltd', 'Care Homes Ltd', 'Support Services', 'Living Ltd'],
  youth: ['Youth Trust', 'Youth Project CIC', 'Mentoring CIC', 'Sports Foundation', 'Arts Collective'],
  estates: ['Property Services Ltd', 'Building Contractors Ltd', 'Lifts Ltd', 'Roofing Ltd', 'Facilities Ltd'],
  'green-spaces': ['Grounds Ltd', 'Tree Surgeons Ltd', 'Landscapes Ltd', 'Horticulture Ltd', 'Play Ltd'],
  other: ['Consulting LLP', 'Software Ltd', 'Highways Ltd', 'Print Ltd', 'Solicitors LLP', 'Waste Services Ltd'],
};

interface Supplier {
  name: string;
  weight: number;
  scale: number;
}

function buildSuppliers(): Record<Area, Supplier[]> {
  const used = new Set<string>();
  const out = {} as Record<Area, Supplier[]>;
  for (const area of Object.keys(AREA_SHARE) as Area[]) {
    const list: Supplier[] = [];
    const count = area === 'other' ? 90 : 55;
    for (let i = 0; i < count; i++) {
      let name: string;
      do name = `${pick(NAME_A)}${pick(NAME_B)} ${pick(SUFFIX[area])}`;
      while (used.has(name));
      used.add(name);
      // Zipf-like: a few large suppliers take most lines, and their invoices are larger.
      list.push({ name, weight: 1 / Math.pow(i + 1, 1.1), scale: i < 4 ? 2.4 : i < 12 ? 1.3 : 0.8 });
    }
    out[area] = list;
  }
  // Facilities firms that work across estates and green spaces: the kind of overlap PlaceLens looks for.
  const shared = out.estates.slice(0, 3).map((s) => ({ ...s, weight: s.weight * 0.3 }));
  out['green-spaces'].push(...shared);
  return out;
}

function businessDay(from: number, to: number): string {
  for (;;) {
    const d = new Date(from + Math.floor(random() * (to - from)));
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  }
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function jitter(p: [number, number], metres: number): [number, number] {
  const r = (metres / 1000) * Math.sqrt(random());
  const t = 2 * Math.PI * random();
  return [p[0] + r * KM_LON * Math.cos(t), p[1] + r * KM_LAT * Math.sin(t)];
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const outline = boroughOutline();
  const wards = buildWards(outline);
  const places = buildPlaces(wards);
  const postcodes = buildPostcodes(wards);
  const suppliers = buildSuppliers();
  const elsewhere = buildElsewhere();
  const addresses = supplierAddresses(suppliers, postcodes, elsewhere);
  const areas = Object.keys(AREA_SHARE) as Area[];
  const from = Date.UTC(2022, 3, 1);
  const to = Date.UTC(2025, 3, 1);

  const rows: string[] = [
    ['Payment Date', 'Beneficiary Name', 'Purpose', 'Organisational Unit', 'Amount GBP', 'Irrecoverable VAT Amount GBP', 'Unique Identifier', 'Postcode', 'Longitude', 'Latitude', 'Place Name', 'Supplier Postcode'].join(','),
  ];
  const nearestPostcode = (p: [number, number]) => {
    let best = postcodes[0]!;
    let bestD = Infinity;
    for (const pc of postcodes) {
      const d = Math.hypot((pc.at[0] - p[0]) / KM_LON, (pc.at[1] - p[1]) / KM_LAT);
      if (d < bestD) {
        best = pc;
        bestD = d;
      }
    }
    return best.postcode;
  };
  for (let i = 0; i < LINE_COUNT; i++) {
    const area = weighted(areas, areas.map((a) => AREA_SHARE[a]));
    const supplier = weighted(suppliers[area], suppliers[area].map((s) => s.weight));
    const redacted = area === 'social-care' && random() < 0.12;
    let pounds = MEDIAN_POUNDS[area] * supplier.scale * Math.exp(normal() * 1.05);
    pounds = Math.max(500 + random() * 40, Math.min(pounds, 2_400_000));
    let pence = Math.round(pounds * 100);
    if (random() < 0.015) pence = -Math.round(pence * between(0.1, 1));
    const vat = area === 'other' && random() < 0.1 ? Math.round(Math.abs(pence) * 0.2) : 0;

    const placeRule = PLACE_FOR_AREA[area];
    const candidates = places.filter((p) => placeRule.kinds.includes(p.kind));
    const ward = weighted(wards, wards.map((w) => w.need * (area === 'social-care' || area === 'estates' ? w.need : 1)));
    const place = random() < placeRule.share && candidates.length > 0 ? weighted(candidates, candidates.map((p) => (p.ward === ward ? 12 : 1))) : null;
    const at = place ? jitter(place.centre, place.footprint ? 140 : 60) : randomPointIn(ward.feature);
    const mode = random();
    let postcode = '', lon = '', lat = '', placeName = '';
    if (mode < 0.86) {
      lon = round6(at[0]).toFixed(6);
      lat = round6(at[1]).toFixed(6);
      postcode = random() < 0.5 ? nearestPostcode(at) : '';
    } else if (mode < 0.93) postcode = nearestPostcode(at);
    else if (mode < 0.98 && place) placeName = place.name;
    else if (mode < 0.98) postcode = nearestPostcode(at);

    const amount = (pence / 100).toFixed(2);
    rows.push(
      [
        businessDay(from, to),
        redacted ? 'REDACTED' : supplier.name,
        pick(PURPOSES[area]),
        pick(DEPARTMENTS[area]),
        amount,
        (vat / 100).toFixed(2),
        `FEN-${String(100000 + i)}`,
        postcode,
        lon,
        lat,
        placeName,
        redacted ? '' : addresses.get(supplier.name) ?? '',
      ].map(csvCell).join(','),
    );
  }

  const wardsGeoJson = {
    type: 'FeatureCollection',
    name: `${BOROUGH} wards (fictional)`,
    features: wards.map((w) => ({
      type: 'Feature',
      properties: { ward_code: w.code, ward_name: w.name, population: w.population, borough: `${BOROUGH} (fictional)` },
      geometry: w.feature.geometry,
    })),
  };
  const placesGeoJson = {
    type: 'FeatureCollection',
    name: `${BOROUGH} places register (fictional)`,
    features: places.map((p) => ({
      type: 'Feature',
      properties: { name: p.name, kind: p.kind, ward_code: p.ward.code },
      geometry: p.footprint ? { type: 'Polygon', coordinates: p.footprint } : { type: 'Point', coordinates: [round6(p.centre[0]), round6(p.centre[1])] },
    })),
  };
  // The FX district lies east of the borough, outside every ward.
  const [, , east, north] = turfBbox(outline);
  const postcodeRows = ['pcds,lat,long,osward', ...postcodes.map((p) => `${p.postcode},${round6(p.at[1]).toFixed(6)},${round6(p.at[0]).toFixed(6)},${p.ward.code}`),
    ...elsewhere.map((pc, k) => `${pc},${round6(north - 0.004 * k).toFixed(6)},${round6(east + 0.03 + 0.005 * (k % 3)).toFixed(6)},`)];

  writeFileSync(resolve(OUT, 'wards.geojson'), JSON.stringify(wardsGeoJson) + '\n');
  writeFileSync(resolve(OUT, 'places.geojson'), JSON.stringify(placesGeoJson) + '\n');
  writeFileSync(resolve(OUT, 'postcodes.csv'), postcodeRows.join('\n') + '\n');
  writeFileSync(resolve(OUT, 'spend.csv'), rows.join('\r\n') + '\r\n');
  writeFileSync(
    resolve(OUT, 'project.json'),
    JSON.stringify(
      {
        name: `${BOROUGH} (demo)`,
        notice: 'Demo data — fictional',
        boundaryVintage: 'April 2022',
        wards: 'wards.geojson',
        spend: ['spend.csv'],
        places: 'places.geojson',
        postcodes: 'postcodes.csv',
        project: PROJECT_FILE,
        generatedBy: 'data/demo-build/build-demo.ts',
        seed: SEED,
      },
      null,
      2,
    ) + '\n',
  );
  await writeProject();
  console.log(`Wrote ${wards.length} wards, ${places.length} places, ${postcodes.length} postcodes and ${LINE_COUNT} spend lines to ${OUT}, and the project made from them`);
}

/**
 * The demo as a saved project, made from the files just written by the engine's own import (as File › Import would),
 * so the app opens it as it opens anyone's project rather than importing 20,000 lines at every start. The times the
 * engine stamps are set to the demo's date so that a rebuild gives the same bytes.
 */
async function writeProject(): Promise<void> {
  const manifest = JSON.parse(readFileSync(resolve(OUT, 'project.json'), 'utf8')) as ProjectManifest;
  const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(resolve(OUT, name))) });
  const SQL = await initSqlJs();
  const engine = new Engine(SQL);
  await engine.loadProject({
    name: manifest.name, notice: manifest.notice, boundaryVintage: manifest.boundaryVintage,
    wards: file(manifest.wards), spend: manifest.spend.map(file), postcodes: manifest.postcodes ? file(manifest.postcodes) : undefined,
    places: ([] as string[]).concat(manifest.places ?? []).map(file),
  });
  const db = new SQL.Database(engine.exportBytes());
  db.run('UPDATE sources SET loaded_at = ?', [BUILT_AT]);
  db.run("UPDATE meta SET value = ? WHERE key = 'saved_at'", [BUILT_AT]);
  db.run('UPDATE gpkg_contents SET last_change = ?', [BUILT_AT]);
  // The replaced times would otherwise linger in the pages' free space.
  db.run('VACUUM');
  writeFileSync(resolve(OUT, PROJECT_FILE), db.export());
  db.close();
}

await main();
