import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEFAULT_MEET_PARAMS,
  DISTANCE_RANGE,
  convexHull,
  findMeetingPlaces,
  normaliseMeetParams,
  scorePlace,
  type MeetResult,
  type MeetingPlace,
  type NamedPlace,
  type ScoreWeights,
} from '../../../renderer/domain/meeting-places';
import { ColumnsBuilder, resolveFilter, select, type ColumnRow, type SpendColumns } from '../../../renderer/domain/spend-columns';
import { defaultFilter } from '../../../renderer/domain/spend-filter';
import { FIXTURES, readText } from '../../paths';

// ---- Golden scenarios: tests/fixtures/meet/*.json ----

interface FixtureLine {
  id: number;
  /** The metre offsets the coordinates were computed from. */
  note: string;
  area: string;
  pence: number;
  lon: number | null;
  lat: number | null;
  ward: string | null;
  supplier: string;
  date: string | null;
  method: string | null;
}

interface ExpectedPlace {
  kind: 'nearby' | 'overlap';
  /** The id of the line a nearby place is centred on; null for an overlap place. */
  centreLine: number | null;
  present: string[];
  lineIds: number[];
  wards: string[];
  sharedSuppliers: { name: string; areas: string[] }[];
  touches: string[];
  overlapMonths: string[];
  approximateShare: number;
  total: number;
  score: number;
  title: string;
  sentence: string;
}

interface ExpectedGap {
  mission: string;
  heavy: string;
  missing: string;
  centreLine: number;
  heavyPence: number;
  heavyLines: number;
  title: string;
  sentence: string;
}

interface FixtureRun {
  label: string;
  /** Partial parameters, made whole by normaliseMeetParams. */
  params: Record<string, unknown>;
  /** Every line placed this way in this run. */
  method?: string;
  /** Then these lines placed this way, by id. */
  methodById?: Record<string, string>;
  /** Lines added to the layout in this run. */
  extraLines?: FixtureLine[];
  expect: { considered: number; placed: number; places: ExpectedPlace[]; gaps: ExpectedGap[] };
}

interface Fixture {
  description: string;
  wards: string[];
  wardNames?: string[];
  missionLabels?: Record<string, string>;
  places: (NamedPlace & { note?: string })[];
  lines: FixtureLine[];
  runs: FixtureRun[];
}

const MEET_DIR = resolve(FIXTURES, 'meet');
const FIXTURE_NAMES = readdirSync(MEET_DIR).filter((f) => f.endsWith('.json')).sort();

function loadFixture(name: string): Fixture {
  const f = JSON.parse(readText(resolve(MEET_DIR, name))) as Fixture;
  // A typo in a fixture should fail loudly rather than test nothing.
  expect(Array.isArray(f.lines) && Array.isArray(f.runs) && Array.isArray(f.wards) && Array.isArray(f.places)).toBe(true);
  expect(f.runs.length).toBeGreaterThan(0);
  return f;
}

function rowsOf(f: Fixture, run: FixtureRun): ColumnRow[] {
  return [...f.lines, ...(run.extraLines ?? [])].map((l) => ({
    id: l.id,
    wardCode: l.ward,
    serviceArea: l.area,
    missions: '',
    date: l.date,
    pence: l.pence,
    supplier: l.supplier,
    department: 'D',
    method: run.methodById?.[String(l.id)] ?? run.method ?? l.method,
    lon: l.lon,
    lat: l.lat,
  }));
}

function build(wards: readonly string[], rows: readonly ColumnRow[]): SpendColumns {
  const b = new ColumnsBuilder(wards, [], rows.length);
  for (const r of rows) b.add(r);
  return b.build();
}

function runFixture(f: Fixture, run: FixtureRun, order: (rows: ColumnRow[]) => ColumnRow[] = (rows) => rows) {
  const cols = build(f.wards, order(rowsOf(f, run)));
  const mask = select(cols, resolveFilter(defaultFilter(), cols)).mask;
  const result = findMeetingPlaces({
    cols, mask, places: f.places, wardNames: f.wardNames, missionLabels: f.missionLabels, params: normaliseMeetParams(run.params),
  });
  return { cols, mask, result };
}

const idsOf = (cols: SpendColumns, members: readonly number[]) => members.map((i) => cols.id[i]!).sort((a, b) => a - b);
const indexOfId = (cols: SpendColumns, id: number) => cols.id.indexOf(id);

/** A place in the fixture's terms, score and centre aside. */
function described(cols: SpendColumns, p: MeetingPlace): Omit<ExpectedPlace, 'score' | 'centreLine'> {
  return {
    kind: p.kind,
    present: p.present,
    lineIds: idsOf(cols, p.members),
    wards: p.wards.map((w) => cols.wardCodes[w.ward]!),
    sharedSuppliers: p.sharedSuppliers,
    touches: p.touches.map((t) => t.name),
    overlapMonths: p.overlapMonths,
    approximateShare: p.approximateShare,
    total: p.total,
    title: p.title,
    sentence: p.sentence,
  };
}

function canonical(cols: SpendColumns, r: MeetResult) {
  return {
    considered: r.considered,
    placed: r.placed,
    candidates: r.candidates,
    places: r.places.map((p) => ({ ...described(cols, p), score: p.score, centre: p.centre })),
    gaps: r.gaps.map((g) => ({ lens: g.lens, heavyPence: g.heavyPence, heavyLines: g.heavyLines, title: g.title, sentence: g.sentence, centre: g.centre })),
  };
}

describe('findMeetingPlaces: golden scenarios', () => {
  it('finds the scenario files', () => {
    expect(FIXTURE_NAMES).toEqual([
      'gap-estates-without-youth.json',
      'low-confidence.json',
      'overlapping-estate-and-park.json',
      'own-area-line-left-out.json',
      'shared-supplier.json',
      'straddles-two-wards.json',
      'two-services-200m.json',
    ]);
  });

  for (const name of FIXTURE_NAMES) {
    const f = loadFixture(name);
    describe(name, () => {
      for (const run of f.runs) {
        it(`${run.label}: matches the expected places and gaps exactly`, () => {
          const { cols, result } = runFixture(f, run);
          const want = run.expect;
          expect(result.considered).toBe(want.considered);
          expect(result.placed).toBe(want.placed);

          expect(result.places.map((p) => described(cols, p))).toEqual(want.places.map(({ score: _s, centreLine: _c, ...rest }) => rest));
          result.places.forEach((p, k) => {
            const w = want.places[k]!;
            expect(p.score).toBeCloseTo(w.score, 9);
            expect(p.score).toBeCloseTo((p.scoreParts.areas + p.scoreParts.balance + p.scoreParts.money) * p.scoreParts.confidenceFactor, 12);
            expect(p.lines).toBe(w.lineIds.length);
            if (w.centreLine !== null) {
              const i = indexOfId(cols, w.centreLine);
              expect(p.centre[0]).toBeCloseTo(cols.lon[i]!, 9);
              expect(p.centre[1]).toBeCloseTo(cols.lat[i]!, 9);
            }
            expect(p.outline.type).toBe(p.kind === 'overlap' ? 'MultiPolygon' : 'Polygon');
          });

          expect(result.gaps.map((g) => ({
            mission: g.lens.mission, heavy: g.lens.heavy, missing: g.lens.missing, heavyPence: g.heavyPence, heavyLines: g.heavyLines, title: g.title, sentence: g.sentence,
          }))).toEqual(want.gaps.map(({ centreLine: _c, ...rest }) => rest));
          result.gaps.forEach((g, k) => {
            const i = indexOfId(cols, want.gaps[k]!.centreLine);
            expect(g.centre[0]).toBeCloseTo(cols.lon[i]!, 9);
            expect(g.centre[1]).toBeCloseTo(cols.lat[i]!, 9);
          });
        });

        it(`${run.label}: gives the same answer with the lines in reverse order`, () => {
          const forward = runFixture(f, run);
          const backward = runFixture(f, run, (rows) => [...rows].reverse());
          expect(canonical(backward.cols, backward.result)).toEqual(canonical(forward.cols, forward.result));
        });
      }
    });
  }

  it('lowers the score of an approximately placed place by exactly the confidence factor', () => {
    const f = loadFixture('low-confidence.json');
    const scoreOf = (label: string) => {
      const run = f.runs.find((r) => r.label === label)!;
      const { result } = runFixture(f, run);
      expect(result.places).toHaveLength(1);
      return result.places[0]!;
    };
    const precise = scoreOf('placed by coordinates');
    const { confidence } = DEFAULT_MEET_PARAMS.weights;
    for (const [label, share] of [['placed at postcode centres', 1], ['placed at named places', 1], ['one line by coordinates, one by postcode', 0.5]] as const) {
      const rough = scoreOf(label);
      expect(rough.approximateShare).toBe(share);
      expect(rough.scoreParts.confidenceFactor).toBeCloseTo(1 - confidence * share, 12);
      expect(rough.score).toBeCloseTo(precise.score * (1 - confidence * share), 12);
      expect(rough.score).toBeLessThan(precise.score);
      // Only the confidence factor differs.
      expect({ ...rough.scoreParts, confidenceFactor: 1 }).toEqual({ ...precise.scoreParts, confidenceFactor: 1 });
    }
  });

  it('tells the shared-supplier place in one sentence', () => {
    const f = loadFixture('shared-supplier.json');
    const { result } = runFixture(f, f.runs[0]!);
    expect(result.places[0]!.sentence).toBe(
      'Around Somers Town Community Centre, estate management (£2k), green spaces (£1.9k) and youth services (£1k) meet within 250 m; 1 of the 3 suppliers works in more than one of them.',
    );
  });
});

// ---- Hand-made cases beyond the goldens ----

const LAT0 = 51.53;
const LON0 = -0.14;
const M_LAT = 1 / 111195;
const M_LON = 1 / (111195 * Math.cos((LAT0 * Math.PI) / 180));

function row(id: number, area: string, pence: number, east: number, north: number, supplier = `S${id}`, method: string | null = 'coordinates'): ColumnRow {
  return { id, wardCode: 'W1', serviceArea: area, missions: '', date: '2024-05-01', pence, supplier, department: 'D', method, lon: LON0 + east * M_LON, lat: LAT0 + north * M_LAT };
}

const allOf = (cols: SpendColumns) => new Uint8Array(cols.n).fill(1);

describe('findMeetingPlaces: hand-made cases', () => {
  it('returns nothing for no located meeting-area lines', () => {
    const cols = build(['W1'], [row(1, 'other', 1000, 0, 0), { ...row(2, 'youth', 1000, 0, 0), lon: null, lat: null, method: 'ward-name' }]);
    expect(findMeetingPlaces({ cols, mask: allOf(cols) })).toEqual({ places: [], gaps: [], considered: 0, placed: 0, candidates: 0 });
    const empty = build(['W1'], []);
    expect(findMeetingPlaces({ cols: empty, mask: new Uint8Array(0) }).places).toEqual([]);
  });

  it('leaves out lines outside the mask', () => {
    const cols = build(['W1'], [row(1, 'estates', 1000, 0, 0), row(2, 'youth', 1000, 0, 50)]);
    expect(findMeetingPlaces({ cols, mask: allOf(cols) }).places).toHaveLength(1);
    const result = findMeetingPlaces({ cols, mask: Uint8Array.from([1, 0]) });
    expect(result.places).toEqual([]);
    expect(result.considered).toBe(1);
  });

  it('does not list a redacted payee among the suppliers working in two areas', () => {
    const cols = build(['W1'], [
      row(1, 'estates', 50_000, 0, 0, 'REDACTED - personal data'),
      row(2, 'youth', 40_000, 0, 50, 'REDACTED - personal data'),
      row(3, 'youth', 10_000, 50, 0, 'Open Door CIC'),
      row(4, 'estates', 10_000, 50, 50, 'Open Door CIC'),
    ]);
    const [place] = findMeetingPlaces({ cols, mask: allOf(cols) }).places;
    expect(place!.sharedSuppliers).toEqual([{ name: 'Open Door CIC', areas: ['youth', 'estates'] }]);
  });

  it('needs each present area to have minShare of the money', () => {
    const cols = build(['W1'], [row(1, 'estates', 96_000, 0, 0), row(2, 'green-spaces', 4_000, 0, 50)]);
    expect(findMeetingPlaces({ cols, mask: allOf(cols), params: normaliseMeetParams({ minShare: 0.05 }) }).places).toEqual([]);
    const [place] = findMeetingPlaces({ cols, mask: allOf(cols), params: normaliseMeetParams({ minShare: 0.04 }) }).places;
    expect(place!.present).toEqual(['estates', 'green-spaces']);
  });

  it('lists at most maxPlaces places, the best first', () => {
    // Three separate pairs 1 km apart, each richer than the last.
    const rows = [0, 1, 2].flatMap((k) => [row(10 * k + 1, 'estates', 10_000 * 10 ** k, 1000 * k, 0), row(10 * k + 2, 'youth', 10_000 * 10 ** k, 1000 * k, 50)]);
    const cols = build(['W1'], rows);
    const all = findMeetingPlaces({ cols, mask: allOf(cols) });
    expect(all.places.map((p) => idsOf(cols, p.members))).toEqual([[21, 22], [11, 12], [1, 2]]);
    const top = findMeetingPlaces({ cols, mask: allOf(cols), params: normaliseMeetParams({ maxPlaces: 2 }) });
    expect(top.places.map((p) => idsOf(cols, p.members))).toEqual([[21, 22], [11, 12]]);
    expect(top.placed).toBe(4);
  });

  describe('when overlap places push a nearby place off a full list', () => {
    // Estates and youth 10 m apart meet within 50 m; social care 100 m east is too far for that, but all three lie
    // in two overlapping outlines, so the overlap place (three areas) outscores the nearby one (two).
    const cols = build(['W1'], [row(1, 'estates', 100_000, 50, 50), row(2, 'youth', 100_000, 60, 50), row(3, 'social-care', 100_000, 150, 50)]);
    const rect = (name: string, w: number, e: number): NamedPlace => {
      const at = (east: number, north: number): [number, number] => [LON0 + east * M_LON, LAT0 + north * M_LAT];
      return { name, kind: 'estate', geometry: { type: 'Polygon', coordinates: [[at(w, 0), at(e, 0), at(e, 100), at(w, 100), at(w, 0)]] } };
    };
    const run = (maxPlaces: number) => findMeetingPlaces({
      cols, mask: allOf(cols), places: [rect('West Estate', 0, 120), rect('East Estate', 100, 200)], params: normaliseMeetParams({ distance: 50, maxPlaces }),
    });

    it('lists the best places only', () => {
      expect(run(2).places.map((p) => [p.kind, idsOf(cols, p.members)])).toEqual([['overlap', [1, 2, 3]], ['nearby', [1, 2]]]);
      expect(run(2).placed).toBe(2);
      expect(run(1).places.map((p) => [p.kind, idsOf(cols, p.members)])).toEqual([['overlap', [1, 2, 3]]]);
    });

    // The nearby place cut from the list by the overlap holds lines, but they are in no listed place.
    it('counts in `placed` only the lines of the listed nearby places', () => {
      expect(run(1).placed).toBe(0);
    });
  });

  it('reports progress, ending at 1', () => {
    const cols = build(['W1'], [row(1, 'estates', 1000, 0, 0), row(2, 'youth', 1000, 0, 50)]);
    const seen: number[] = [];
    findMeetingPlaces({ cols, mask: allOf(cols), progress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    for (let k = 1; k < seen.length; k++) expect(seen[k]!).toBeGreaterThanOrEqual(seen[k - 1]!);
  });
});

// ---- convexHull ----

describe('convexHull', () => {
  it('gives the four corners of a square, anticlockwise from the lowest-left, leaving out points inside and on edges', () => {
    const pts: [number, number][] = [[0.5, 0.5], [1, 1], [0, 1], [0.2, 0.7], [1, 0], [0, 0], [0.5, 0], [1, 0.5], [0.9, 0.1]];
    expect(convexHull(pts)).toEqual([[0, 0], [1, 0], [1, 1], [0, 1]]);
  });

  it('gives the two ends of collinear points', () => {
    expect(convexHull([[2, 2], [0, 0], [3, 3], [1, 1]])).toEqual([[0, 0], [3, 3]]);
    expect(convexHull([[0, 5], [0, 1], [0, 3]])).toEqual([[0, 1], [0, 5]]);
  });

  it('counts repeated points once', () => {
    expect(convexHull([[0, 0], [1, 0], [0, 0], [0, 1], [1, 0], [0, 1]])).toEqual([[0, 0], [1, 0], [0, 1]]);
    expect(convexHull([[4, 4], [4, 4], [4, 4]])).toEqual([[4, 4]]);
    expect(convexHull([[3, 1], [1, 2], [3, 1]])).toEqual([[1, 2], [3, 1]]);
    expect(convexHull([])).toEqual([]);
  });

  it('does not change its input', () => {
    const pts: [number, number][] = [[1, 1], [0, 0], [1, 0]];
    convexHull(pts);
    expect(pts).toEqual([[1, 1], [0, 0], [1, 0]]);
  });
});

// ---- scorePlace ----

describe('scorePlace', () => {
  const w: ScoreWeights = { areas: 1.5, balance: 2, money: 0.25, confidence: 0.4 };

  it('is (areas·present + balance·evenness + money·log10(£)) × (1 − confidence·approximateShare)', () => {
    const { score, parts } = scorePlace(3, 0.8, 1_234_500, 0.25, w);
    expect(parts.areas).toBe(4.5);
    expect(parts.balance).toBeCloseTo(1.6, 12);
    expect(parts.money).toBeCloseTo(0.25 * Math.log10(12_345), 12);
    expect(parts.confidenceFactor).toBeCloseTo(0.9, 12);
    expect(score).toBeCloseTo((4.5 + 1.6 + 0.25 * Math.log10(12_345)) * 0.9, 12);
  });

  it('uses the default weights as documented', () => {
    const { score } = scorePlace(2, 1, 200_000, 0, DEFAULT_MEET_PARAMS.weights);
    expect(score).toBeCloseTo(2 + 1 + 0.5 * Math.log10(2000), 12);
    expect(scorePlace(2, 1, 200_000, 1, DEFAULT_MEET_PARAMS.weights).score).toBeCloseTo((2 + 1 + 0.5 * Math.log10(2000)) / 2, 12);
  });

  it('gives no money points below £1, and never a negative confidence factor', () => {
    expect(scorePlace(2, 0.5, 50, 0, w).parts.money).toBe(0);
    expect(scorePlace(2, 0.5, 100, 0, w).parts.money).toBe(0);
    expect(scorePlace(2, 0.5, 1000, 0, w).parts.money).toBeCloseTo(0.25, 12);
    const all = scorePlace(4, 1, 1e9, 1, { ...w, confidence: 1 });
    expect(all.parts.confidenceFactor).toBe(0);
    expect(all.score).toBe(0);
    expect(scorePlace(4, 1, 1e9, 1, { ...w, confidence: 3 }).parts.confidenceFactor).toBe(0);
  });

  it('grows with each term', () => {
    const base = scorePlace(2, 0.5, 100_000, 0.2, w).score;
    expect(scorePlace(3, 0.5, 100_000, 0.2, w).score).toBeGreaterThan(base);
    expect(scorePlace(2, 0.9, 100_000, 0.2, w).score).toBeGreaterThan(base);
    expect(scorePlace(2, 0.5, 1_000_000, 0.2, w).score).toBeGreaterThan(base);
    expect(scorePlace(2, 0.5, 100_000, 0.6, w).score).toBeLessThan(base);
  });
});

// ---- normaliseMeetParams ----

describe('normaliseMeetParams', () => {
  it('gives the defaults for nothing, null or garbage', () => {
    for (const v of [undefined, null, 'garbage', 42, [], true]) expect(normaliseMeetParams(v)).toEqual(DEFAULT_MEET_PARAMS);
    expect(normaliseMeetParams({ distance: 'far', minShare: null, maxPlaces: NaN, weights: 'heavy', hexResolution: Infinity, gaps: 'none', gapTopShare: {} }))
      .toEqual(DEFAULT_MEET_PARAMS);
  });

  it('returns copies, so changing them leaves the defaults alone', () => {
    const p = normaliseMeetParams(null);
    p.gaps[0]!.missing = 'green-spaces';
    p.gaps.pop();
    p.weights.areas = 9;
    expect(DEFAULT_MEET_PARAMS.gaps).toHaveLength(3);
    expect(DEFAULT_MEET_PARAMS.gaps[0]!.missing).toBe('youth');
    expect(DEFAULT_MEET_PARAMS.weights.areas).toBe(1);
  });

  it('clamps the distance to 25–2000 m and rounds it to whole metres', () => {
    expect(DISTANCE_RANGE).toEqual({ min: 25, max: 2000 });
    expect(normaliseMeetParams({ distance: 5 }).distance).toBe(25);
    expect(normaliseMeetParams({ distance: -100 }).distance).toBe(25);
    expect(normaliseMeetParams({ distance: 99_999 }).distance).toBe(2000);
    expect(normaliseMeetParams({ distance: 2000 }).distance).toBe(2000);
    expect(normaliseMeetParams({ distance: 25 }).distance).toBe(25);
    expect(normaliseMeetParams({ distance: 123.6 }).distance).toBe(124);
    expect(normaliseMeetParams({ distance: NaN }).distance).toBe(250);
    expect(normaliseMeetParams({ distance: Infinity }).distance).toBe(250);
    expect(normaliseMeetParams({ distance: '300' }).distance).toBe(250);
  });

  it('clamps the other numbers into range', () => {
    const lo = normaliseMeetParams({ minShare: -1, maxPlaces: 0, hexResolution: 2, gapTopShare: 0, weights: { areas: -1, balance: -5, money: -2, confidence: -0.5 } });
    expect([lo.minShare, lo.maxPlaces, lo.hexResolution, lo.gapTopShare]).toEqual([0, 1, 7, 0.01]);
    expect(lo.weights).toEqual({ areas: 0, balance: 0, money: 0, confidence: 0 });
    const hi = normaliseMeetParams({ minShare: 0.9, maxPlaces: 5000, hexResolution: 15, gapTopShare: 2, weights: { areas: 50, balance: 11, money: 99, confidence: 2 } });
    expect([hi.minShare, hi.maxPlaces, hi.hexResolution, hi.gapTopShare]).toEqual([0.5, 1000, 10, 1]);
    expect(hi.weights).toEqual({ areas: 10, balance: 10, money: 10, confidence: 1 });
    expect(normaliseMeetParams({ maxPlaces: 12.4, hexResolution: 8.6 })).toMatchObject({ maxPlaces: 12, hexResolution: 9 });
  });

  it('keeps given weights and fills the missing ones', () => {
    expect(normaliseMeetParams({ weights: { money: 2, confidence: 'high' } }).weights).toEqual({ ...DEFAULT_MEET_PARAMS.weights, money: 2 });
  });

  it('drops lenses naming an unknown area, other, no mission, or the same area twice', () => {
    const p = normaliseMeetParams({
      gaps: [
        { mission: 'young-people', heavy: 'estates', missing: 'youth', colour: 'red' },
        { mission: 'x', heavy: 'estates', missing: 'estates' },
        { mission: 'x', heavy: 'estates', missing: 'libraries' },
        { mission: 'x', heavy: 'other', missing: 'youth' },
        { heavy: 'social-care', missing: 'youth' },
        { mission: 7, heavy: 'social-care', missing: 'youth' },
        null,
        'estates',
        { mission: 'green', heavy: 'green-spaces', missing: 'social-care' },
      ],
    });
    expect(p.gaps).toEqual([
      { mission: 'young-people', heavy: 'estates', missing: 'youth' },
      { mission: 'green', heavy: 'green-spaces', missing: 'social-care' },
    ]);
    expect(normaliseMeetParams({ gaps: [] }).gaps).toEqual([]);
  });

  it('leaves valid parameters as they are', () => {
    const p = {
      distance: 400, minShare: 0.1, maxPlaces: 20, weights: { areas: 2, balance: 0.5, money: 1, confidence: 0.25 }, hexResolution: 8,
      gaps: [{ mission: 'estates', heavy: 'estates', missing: 'green-spaces' }], gapTopShare: 0.2,
    } as const;
    expect(normaliseMeetParams(p)).toEqual(p);
    expect(normaliseMeetParams(normaliseMeetParams(p))).toEqual(p);
  });
});
