import { describe, expect, it } from 'vitest';
import {
  ColumnsBuilder, SORT_KEYS, resolveFilter, select, sortOrder, tableOrder, wardBreakdown, wardTotalsOf,
  type ColumnRow, type SortKey, type SpendColumns,
} from '../../../renderer/domain/spend-columns';
import { LOCATE_METHODS, NO_DAY, UNLOCATED, defaultFilter, type SpendFilter } from '../../../renderer/domain/spend-filter';
import { SERVICE_AREAS, type ServiceArea } from '../../../renderer/domain/service-areas';
import type { LocateMethod } from '../../../renderer/domain/locate';
import { seededRandom } from '../../../data/demo-build/random';

const MISSIONS = ['estates', 'food', 'diversity', 'young-people'];

function row(id: number, wardCode: string | null, serviceArea: string, missions: string, date: string | null, pence: number, supplier: string, department: string, method: string | null, point: [number, number] | null = null): ColumnRow {
  return { id, wardCode, serviceArea, missions, date, pence, supplier, department, method, lon: point?.[0] ?? null, lat: point?.[1] ?? null };
}

function build(rows: readonly ColumnRow[], wardCodes: readonly string[], missionIds: readonly string[] = MISSIONS, expected?: number): SpendColumns {
  const b = new ColumnsBuilder(wardCodes, missionIds, expected);
  for (const r of rows) b.add(r);
  return b.build();
}

const f = (change: Partial<SpendFilter> = {}): SpendFilter => ({ ...defaultFilter(), ...change });

// A small borough by hand. Rows are added out of id order, and "ACME LTD" (102) is met before "Acme Ltd" (101).
const WARDS = ['W1', 'W2', 'W3'];
const WARD_NAMES = ['Zeta Ward', 'alpha ward', 'Mid Ward'];
const FIXTURE: ColumnRow[] = [
  row(105, 'W3', 'green-spaces', '', '2022-12-25', 1234, 'Personal data withheld', 'Parks', 'ward-name'),
  row(102, 'W1', 'youth', ',food,young-people,', '2023-03-31', 25000, 'ACME LTD', 'Youth Services', 'postcode', [0.2, 51.2]),
  row(110, 'W2', 'youth', ',unknown-mission,', '2024-04-01', 300000, 'Gamma Ltd', 'Youth Services', 'postcode', [0.25, 51.25]),
  row(103, 'W2', 'social-care', '', '2024-02-29', -5000, 'REDACTED', 'Adult Social Care', 'uprn', [0.3, 51.3]),
  row(101, 'W1', 'youth', ',young-people,', '2023-04-01', 10000, 'Acme Ltd', 'Youth Services', 'coordinates', [0.1, 51.1]),
  row(107, 'W1', 'not-an-area', ',diversity,', '2023-04-02', 50000, 'Beta & Co', 'Finance', 'coordinates', [0.15, 51.15]),
  row(104, 'W2', 'estates', ',estates,', null, 70000, 'Keyway Builders', 'Housing', 'place', [0.4, 51.4]),
  row(109, 'W3', 'social-care', ',diversity,young-people,', '2025-03-31', 0, 'xxxx', 'Adult Social Care', 'coordinates', [0.35, 51.35]),
  row(106, null, 'other', '', '2023-06-01', 999, 'Acme Ltd ', 'Finance', null),
  // In a ward the columns do not know (boundaries replaced since, say): counted, never as placed.
  row(108, 'W9', 'youth', '', '2023-05-05', 100, 'Beta & Co', 'Youth Services', 'coordinates', [0.5, 51.5]),
];
const cols = build(FIXTURE, WARDS);

function keptIds(c: SpendColumns, filter: SpendFilter): number[] {
  const sel = select(c, resolveFilter(filter, c));
  const ids: number[] = [];
  for (let i = 0; i < c.n; i++) if (sel.mask[i]) ids.push(c.id[i]!);
  return ids.sort((a, b) => a - b);
}

describe('ColumnsBuilder', () => {
  it('stores each row as typed columns, strings as indexes into dictionaries in the order first met', () => {
    expect(cols.n).toBe(10);
    expect([...cols.id]).toEqual(FIXTURE.map((r) => r.id));
    expect(cols.wardCodes).toEqual(WARDS);
    expect(cols.missionIds).toEqual(MISSIONS);
    expect(cols.suppliers).toEqual(['Personal data withheld', 'ACME LTD', 'Gamma Ltd', 'REDACTED', 'Acme Ltd', 'Beta & Co', 'Keyway Builders', 'xxxx', 'Acme Ltd ']);
    expect([...cols.supplierRedacted]).toEqual([1, 0, 0, 1, 0, 0, 0, 1, 0]);
    expect(cols.departments).toEqual(['Parks', 'Youth Services', 'Adult Social Care', 'Finance', 'Housing']);
    expect([...cols.ward]).toEqual([2, 0, 1, 1, 0, 0, 1, 2, -1, -1]);
    // An area the app does not know is Other.
    expect([...cols.area]).toEqual(['green-spaces', 'youth', 'youth', 'social-care', 'youth', 'other', 'estates', 'social-care', 'other', 'youth'].map((a) => SERVICE_AREAS.indexOf(a as ServiceArea)));
    // Missions as bits over MISSIONS; one the columns do not know is no bit.
    expect([...cols.missions]).toEqual([0, 0b1010, 0, 0, 0b1000, 0b0100, 0b0001, 0b1100, 0, 0]);
    expect(cols.day[6]).toBe(NO_DAY);
    expect(cols.day[4]).toBe(Date.UTC(2023, 3, 1) / 86_400_000);
    expect([...cols.method]).toEqual([4, 2, 2, 1, 0, 0, 3, 0, UNLOCATED, 0]);
    expect(Number.isNaN(cols.lon[0]!) && Number.isNaN(cols.lat[0]!) && Number.isNaN(cols.lon[8]!)).toBe(true);
    expect([cols.lon[1], cols.lat[1]]).toEqual([0.2, 51.2]);
    expect([...cols.pence]).toEqual(FIXTURE.map((r) => r.pence));
  });

  it('grows past its initial capacity without losing or changing a row', () => {
    const rows = randomRows(1000, 7);
    const small = build(rows, RANDOM_WARDS, MISSIONS, 1);
    const roomy = build(rows, RANDOM_WARDS, MISSIONS, 5000);
    expect(small.n).toBe(1000);
    expect(small).toEqual(roomy);
    expect([...small.id]).toEqual(rows.map((r) => r.id));
    expect([...small.pence]).toEqual(rows.map((r) => r.pence));
    expect(Array.from(small.supplier, (s) => small.suppliers[s])).toEqual(rows.map((r) => r.supplier));
    expect(Array.from(small.department, (d) => small.departments[d])).toEqual(rows.map((r) => r.department));
    expect(Array.from(small.lon, (x) => (Number.isNaN(x) ? null : x))).toEqual(rows.map((r) => r.lon));
    expect(Array.from(small.lat, (x) => (Number.isNaN(x) ? null : x))).toEqual(rows.map((r) => r.lat));
    expect(Array.from(small.method, (m) => (m === UNLOCATED ? null : LOCATE_METHODS[m]))).toEqual(rows.map((r) => ((LOCATE_METHODS as readonly string[]).includes(r.method ?? '') ? r.method : null)));
    // Trimmed to the rows added, not the capacity.
    expect(small.day.length).toBe(1000);
    expect(new ColumnsBuilder([], [], 0).build().n).toBe(0);
  });

  it('keeps the 32nd mission (the sign bit) and drops missions beyond 32 rather than wrapping them onto others', () => {
    const many = Array.from({ length: 34 }, (_, i) => `m${i}`);
    const c = build([
      row(1, null, 'other', ',m31,', null, 1, 'A', '', null),
      row(2, null, 'other', ',m32,', null, 2, 'A', '', null),
      row(3, null, 'other', ',m0,m33,', null, 3, 'A', '', null),
    ], [], many);
    expect(c.missionIds).toEqual(many.slice(0, 32));
    expect([...c.missions]).toEqual([2 ** 31, 0, 1]);
    expect(keptIds(c, f({ missions: ['m31'] }))).toEqual([1]);
    expect(keptIds(c, f({ missions: ['m32'] }))).toEqual([]);
    expect(keptIds(c, f({ missions: ['m33'] }))).toEqual([]);
    expect(keptIds(c, f({ missions: ['m0'] }))).toEqual([3]);
    const sel = select(c, resolveFilter(f(), c));
    const b = wardBreakdown(c, sel, -1);
    expect(b.byMission.find((m) => m.mission === 'm31')).toEqual({ mission: 'm31', pence: 1, lines: 1 });
  });
});

describe('resolveFilter', () => {
  it('turns the default filter into every area and method, and no other condition', () => {
    expect(resolveFilter(defaultFilter(), cols)).toEqual({
      areas: [0, 1, 2, 3, 4], missionMask: 0, missions: [], fromDay: null, toDay: null, minPence: null, maxPence: null,
      suppliers: null, departments: null, methods: [0, 1, 2, 3, 4, 5, UNLOCATED], redacted: true, bbox: null, lasso: null, picked: null,
    });
  });

  it('puts each condition in the columns\' terms', () => {
    const r = resolveFilter(f({
      areas: ['other', 'youth'], missions: ['young-people', 'nope', 'food'], from: '1970-01-11', to: '1970-02-01', minPence: -5, maxPence: 0,
      supplierText: ' acme ', suppliers: [], departments: ['Finance', 'Nowhere', 'Parks'], methods: ['postcode', 'coordinates'], unlocated: false,
      redacted: false, bbox: [1, 2, 3, 4],
    }), cols);
    expect(r).toEqual({
      areas: [1, 4], missionMask: 0b1010, missions: ['young-people', 'nope', 'food'], fromDay: 10, toDay: 31, minPence: -5, maxPence: 0,
      suppliers: [1, 4, 8], departments: [0, 3], methods: [0, 2], redacted: false, bbox: [1, 2, 3, 4], lasso: null, picked: null,
    });
  });

  it('gives no supplier indexes, not "no supplier filter", when nothing matches', () => {
    expect(resolveFilter(f({ supplierText: 'zzz' }), cols).suppliers).toEqual([]);
    expect(resolveFilter(f({ suppliers: ['Nobody'] }), cols).suppliers).toEqual([]);
    expect(resolveFilter(f({ departments: ['Nowhere'] }), cols).departments).toEqual([]);
  });
});

describe('select on the hand-made borough', () => {
  it('keeps everything under the default filter, with totals by area and ward', () => {
    const sel = select(cols, resolveFilter(defaultFilter(), cols));
    expect([...sel.mask]).toEqual(Array(10).fill(1));
    expect(sel.lines).toBe(10);
    expect(sel.pence).toBe(452333);
    // 106 is in no ward and 108 in one the columns do not know.
    expect(sel.placedLines).toBe(8);
    expect(sel.placedPence).toBe(452333 - 999 - 100);
    expect(sel.byArea).toEqual({ 'social-care': -5000, youth: 335100, estates: 70000, 'green-spaces': 1234, other: 50999 });
    expect(sel.linesByArea).toEqual({ 'social-care': 2, youth: 4, estates: 1, 'green-spaces': 1, other: 2 });
    const A = SERVICE_AREAS.length;
    const expected = new Float64Array(3 * A);
    const at = (w: number, a: ServiceArea) => w * A + SERVICE_AREAS.indexOf(a);
    expected[at(0, 'youth')] = 35000;
    expected[at(0, 'other')] = 50000;
    expected[at(1, 'social-care')] = -5000;
    expected[at(1, 'estates')] = 70000;
    expected[at(1, 'youth')] = 300000;
    expected[at(2, 'green-spaces')] = 1234;
    expect([...sel.wardAreaPence]).toEqual([...expected]);
    expect(sel.wardAreaLines[at(2, 'social-care')]).toBe(1);
    expect(sel.wardAreaLines[at(0, 'youth')]).toBe(2);
    expect(wardTotalsOf(cols, sel, 1)).toMatchObject({ wardCode: 'W2', totalPence: 365000, lines: 3, byArea: { 'social-care': -5000, estates: 70000, youth: 300000 } });
  });

  it.each<[string, Partial<SpendFilter>, number[]]>([
    ['areas', { areas: ['youth', 'other'] }, [101, 102, 106, 107, 108, 110]],
    ['no areas', { areas: [] }, []],
    ['one mission', { missions: ['food'] }, [102]],
    ['a mission served with another', { missions: ['young-people'] }, [101, 102, 109]],
    ['any of two missions', { missions: ['diversity', 'estates'] }, [104, 107, 109]],
    ['a mission the columns do not know, though a line carries it', { missions: ['unknown-mission'] }, []],
    ['an unknown mission matches nothing', { missions: ['no-such-mission'] }, []],
    ['an unknown mission beside a known one', { missions: ['no-such-mission', 'food'] }, [102]],
    ['from a date (undated 104 left out)', { from: '2023-04-01' }, [101, 103, 106, 107, 108, 109, 110]],
    ['up to a date (undated 104 left out)', { to: '2023-03-31' }, [102, 105]],
    ['a financial year', { from: '2023-04-01', to: '2024-03-31' }, [101, 103, 106, 107, 108]],
    ['one day, 29 February', { from: '2024-02-29', to: '2024-02-29' }, [103]],
    ['at least zero (the credit note left out)', { minPence: 0 }, [101, 102, 104, 105, 106, 107, 108, 109, 110]],
    ['at most zero', { maxPence: 0 }, [103, 109]],
    ['credit notes only', { maxPence: -1 }, [103]],
    ['exactly the credit note', { minPence: -5000, maxPence: -5000 }, [103]],
    ['an amount range, both ends inclusive', { minPence: 1234, maxPence: 50000 }, [101, 102, 105, 107]],
    ['supplier text, any case', { supplierText: 'acme' }, [101, 102, 106]],
    ['supplier text, trimmed', { supplierText: '  ACME  ' }, [101, 102, 106]],
    ['supplier text in the middle', { supplierText: 'ltd' }, [101, 102, 106, 110]],
    ['exact supplier, case and spaces matter', { suppliers: ['Acme Ltd'] }, [101]],
    ['exact suppliers', { suppliers: ['Acme Ltd', 'Beta & Co'] }, [101, 107, 108]],
    ['exact suppliers that must also contain the text', { supplierText: 'gamma', suppliers: ['Acme Ltd', 'Gamma Ltd'] }, [110]],
    ['exact suppliers none of which contain the text', { supplierText: 'beta', suppliers: ['Acme Ltd'] }, []],
    ['a supplier not in the data', { suppliers: ['Nobody'] }, []],
    ['a department', { departments: ['Finance'] }, [106, 107]],
    ['departments', { departments: ['Finance', 'Parks'] }, [105, 106, 107]],
    ['a department not in the data', { departments: ['Nowhere'] }, []],
    ['one method, unlocated kept', { methods: ['coordinates'] }, [101, 106, 107, 108, 109]],
    ['one method, unlocated left out', { methods: ['coordinates'], unlocated: false }, [101, 107, 108, 109]],
    ['unlocated only', { methods: [] }, [106]],
    ['no methods and no unlocated', { methods: [], unlocated: false }, []],
    ['methods without a point', { methods: ['ward-name', 'uprn'], unlocated: false }, [103, 105]],
    ['redacted payees left out', { redacted: false }, [101, 102, 104, 106, 107, 108, 110]],
    ['a box, edges inclusive, lines without a point left out', { bbox: [0.15, 51.15, 0.3, 51.3] }, [102, 103, 107, 110]],
    ['the whole world: every line with a point', { bbox: [-180, -90, 180, 90] }, [101, 102, 103, 104, 107, 108, 109, 110]],
    ['several at once', { areas: ['youth'], unlocated: false, bbox: [-180, -90, 180, 90], from: '2023-04-01' }, [101, 108, 110]],
    ['a freehand shape just around the same box keeps the same lines', { lasso: [[0.149, 51.149], [0.301, 51.149], [0.301, 51.301], [0.149, 51.301]] }, [102, 103, 107, 110]],
    ['lines picked by id, duplicates and unknown ids harmless', { picked: [110, 101, 101, 999] }, [101, 110]],
  ])('%s', (_name, change, expected) => {
    expect(keptIds(cols, f(change))).toEqual(expected);
  });

  it('totals only the kept lines', () => {
    const sel = select(cols, resolveFilter(f({ from: '2023-04-01', to: '2024-03-31' }), cols));
    // 101, 103, 106, 107, 108: 106 in no ward and 108 in an unknown one.
    expect(sel.lines).toBe(5);
    expect(sel.pence).toBe(10000 - 5000 + 999 + 50000 + 100);
    expect(sel.placedLines).toBe(3);
    expect(sel.placedPence).toBe(10000 - 5000 + 50000);
    expect(sel.byArea).toEqual({ 'social-care': -5000, youth: 10100, estates: 0, 'green-spaces': 0, other: 50999 });
    expect(sel.linesByArea).toEqual({ 'social-care': 1, youth: 2, estates: 0, 'green-spaces': 0, other: 2 });
  });
});

describe('wardBreakdown', () => {
  const sel = select(cols, resolveFilter(defaultFilter(), cols));

  it('ranks a ward\'s suppliers by money (exact names, so case differs), with missions, methods and financial years', () => {
    expect(wardBreakdown(cols, sel, 0)).toEqual({
      suppliers: [
        { supplier: 'Beta & Co', pence: 50000, lines: 1, redacted: false },
        { supplier: 'ACME LTD', pence: 25000, lines: 1, redacted: false },
        { supplier: 'Acme Ltd', pence: 10000, lines: 1, redacted: false },
      ],
      supplierCount: 3,
      byMission: [
        { mission: 'estates', pence: 0, lines: 0 },
        { mission: 'food', pence: 25000, lines: 1 },
        { mission: 'diversity', pence: 50000, lines: 1 },
        { mission: 'young-people', pence: 35000, lines: 2 },
      ],
      byMethod: [
        { method: 'coordinates', pence: 60000, lines: 2 },
        { method: 'postcode', pence: 25000, lines: 1 },
      ],
      // 31 March 2023 is in 2022/23; 1 and 2 April 2023 in 2023/24.
      byYear: [
        { year: '2022/23', pence: 25000, lines: 1 },
        { year: '2023/24', pence: 60000, lines: 2 },
      ],
      undated: { pence: 0, lines: 0 },
    });
  });

  it('leaves redacted payees out of the ranking but counts them, pooled, as one payee; undated lines apart', () => {
    expect(wardBreakdown(cols, sel, 1)).toEqual({
      suppliers: [
        { supplier: 'Gamma Ltd', pence: 300000, lines: 1, redacted: false },
        { supplier: 'Keyway Builders', pence: 70000, lines: 1, redacted: false },
      ],
      supplierCount: 3,
      byMission: [
        { mission: 'estates', pence: 70000, lines: 1 },
        { mission: 'food', pence: 0, lines: 0 },
        { mission: 'diversity', pence: 0, lines: 0 },
        { mission: 'young-people', pence: 0, lines: 0 },
      ],
      byMethod: [
        { method: 'postcode', pence: 300000, lines: 1 },
        { method: 'place', pence: 70000, lines: 1 },
        { method: 'uprn', pence: -5000, lines: 1 },
      ],
      byYear: [
        { year: '2023/24', pence: -5000, lines: 1 },
        { year: '2024/25', pence: 300000, lines: 1 },
      ],
      undated: { pence: 70000, lines: 1 },
    });
  });

  it('pools two different redacted names as one payee', () => {
    const b = wardBreakdown(cols, sel, 2);
    expect(b.suppliers).toEqual([]);
    expect(b.supplierCount).toBe(1);
    expect(b.byMethod).toEqual([
      { method: 'ward-name', pence: 1234, lines: 1 },
      { method: 'coordinates', pence: 0, lines: 1 },
    ]);
    expect(b.byYear).toEqual([
      { year: '2022/23', pence: 1234, lines: 1 },
      { year: '2024/25', pence: 0, lines: 1 },
    ]);
    expect(b.byMission.filter((m) => m.lines > 0)).toEqual([
      { mission: 'diversity', pence: 0, lines: 1 },
      { mission: 'young-people', pence: 0, lines: 1 },
    ]);
  });

  it('counts only the lines the filter keeps, and as many suppliers as asked for', () => {
    const dated = select(cols, resolveFilter(f({ from: '2023-04-01' }), cols));
    const b = wardBreakdown(cols, dated, 1);
    expect(b.undated).toEqual({ pence: 0, lines: 0 });
    expect(b.suppliers.map((s) => s.supplier)).toEqual(['Gamma Ltd']);
    expect(b.supplierCount).toBe(2);
    expect(wardBreakdown(cols, sel, 0, 2).suppliers.map((s) => s.supplier)).toEqual(['Beta & Co', 'ACME LTD']);
  });

  it('pools names that differ only in surrounding spaces, and breaks ties in money by name', () => {
    const c = build([
      row(1, 'W1', 'other', '', '2023-01-01', 500, 'Acme Ltd', '', 'coordinates', [0, 0]),
      row(2, 'W1', 'other', '', '2023-01-01', 300, ' Acme Ltd ', '', 'coordinates', [0, 0]),
      row(3, 'W1', 'other', '', '2023-01-01', 800, 'Zed Ltd', '', 'coordinates', [0, 0]),
      row(4, 'W1', 'other', '', '2023-01-01', 800, 'Bee Ltd', '', 'coordinates', [0, 0]),
    ], ['W1']);
    const b = wardBreakdown(c, select(c, resolveFilter(defaultFilter(), c)), 0);
    expect(b.suppliers).toEqual([
      { supplier: 'Acme Ltd', pence: 800, lines: 2, redacted: false },
      { supplier: 'Bee Ltd', pence: 800, lines: 1, redacted: false },
      { supplier: 'Zed Ltd', pence: 800, lines: 1, redacted: false },
    ]);
    expect(b.supplierCount).toBe(3);
  });
});

describe('sortOrder and tableOrder on the hand-made borough', () => {
  const asc: Record<SortKey, number[]> = {
    amount: [103, 109, 108, 106, 105, 101, 102, 107, 104, 110],
    // Undated lines first.
    date: [104, 105, 102, 101, 107, 108, 106, 103, 110, 109],
    // Case-insensitive; "Acme Ltd" and "ACME LTD" tie, so by id; "Acme Ltd " (a trailing space) after them.
    supplier: [101, 102, 106, 107, 108, 110, 104, 105, 103, 109],
    department: [103, 109, 106, 107, 104, 105, 101, 102, 108, 110],
    // In the order of SERVICE_AREAS.
    area: [103, 109, 101, 102, 108, 110, 104, 105, 106, 107],
    // By ward name (alpha ward, Mid Ward, Zeta Ward), lines in no known ward last.
    ward: [103, 104, 110, 105, 109, 101, 102, 107, 106, 108],
    // Most precise first, unlocated last.
    method: [101, 107, 108, 109, 103, 102, 110, 104, 105, 106],
  };
  const ids = (order: Uint32Array) => Array.from(order, (i) => cols.id[i]!);

  it.each(SORT_KEYS)('orders every line by %s, ties by id, and reverses it for descending', (key) => {
    const order = sortOrder(cols, key, WARD_NAMES);
    expect(ids(order)).toEqual(asc[key]);
    const all = new Uint8Array(cols.n).fill(1);
    expect(ids(tableOrder(order, all, cols.n, false))).toEqual(asc[key]);
    expect(ids(tableOrder(order, all, cols.n, true))).toEqual([...asc[key]].reverse());
  });

  it('sorts by ward code when no names are given', () => {
    expect(ids(sortOrder(cols, 'ward'))).toEqual([101, 102, 107, 103, 104, 110, 105, 109, 106, 108]);
  });

  it('walks only the kept lines, in order', () => {
    const sel = select(cols, resolveFilter(f({ redacted: false }), cols));
    expect(sel.lines).toBe(7);
    const order = sortOrder(cols, 'amount');
    expect(ids(tableOrder(order, sel.mask, sel.lines, true))).toEqual([110, 104, 107, 102, 101, 106, 108]);
    expect(ids(tableOrder(order, sel.mask, sel.lines, false))).toEqual([108, 106, 101, 102, 107, 104, 110]);
    const none = select(cols, resolveFilter(f({ areas: [] }), cols));
    expect(tableOrder(order, none.mask, none.lines, false)).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Against a brute-force reference over random lines.

// The demo generator's seeded PRNG (mulberry32): the random cases are the same on every run.
const mulberry32 = seededRandom;

const RANDOM_WARDS = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6'];
const RANDOM_WARD_NAMES = ['Holborn', 'camden Town', 'Belsize', 'Kilburn', 'highgate', 'Belsize'];
/** Supplier names with whether PlaceLens should treat each as a withheld payee, decided by hand. */
const SUPPLIERS: [string, boolean][] = [
  ['Acme Ltd', false], ['ACME LTD', false], ['acme ltd', false], ['Acme Ltd ', false], ['Beta & Co', false], ['Gamma Services', false],
  ['Delta Care Homes Ltd', false], ['Ömega Öko GmbH', false], ['Xavier Xu', false], ['Lt Gardens', false], ['Saltings Trust', false],
  ['REDACTED', true], ['Redacted - personal data', true], ['Personal Data', true], ['Withheld', true], ['xxxx', true], ['XXX', true], ['', true], ['   ', true],
];
const REDACTED_NAME = new Map(SUPPLIERS);
const DEPARTMENTS = ['Adult Social Care', 'Finance', 'finance', 'Youth Services', 'Parks', ''];
const ROW_MISSIONS = [...MISSIONS, 'not-in-columns'];
const AREAS_OR_NOT = [...SERVICE_AREAS, 'not-an-area'];
const METHODS_OR_NONE: (LocateMethod | null | 'bogus')[] = [...LOCATE_METHODS, null, 'bogus'];
const FIRST_DAY = Date.UTC(2021, 0, 1);
const isoAt = (k: number) => new Date(FIRST_DAY + k * 86_400_000).toISOString().slice(0, 10);

function randomRows(count: number, seed: number): ColumnRow[] {
  const rnd = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // Ids unique, in no order, so ties broken by id mean something.
  const ids = Array.from({ length: count }, (_, i) => 3 * i + 1);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.map((id) => {
    const method = pick(METHODS_OR_NONE);
    const hasPoint = method !== null && method !== 'ward-name' && method !== 'bogus';
    const missions = ROW_MISSIONS.filter(() => rnd() < 0.25);
    // Amounts cluster on a few values so amount ties happen, with credit notes and zeros.
    const pence = rnd() < 0.3 ? pick([0, 100, 50_000, -50_000]) : Math.round((rnd() - 0.1) * 1_000_000);
    return {
      id,
      wardCode: pick([...RANDOM_WARDS, null, 'E-unknown']),
      serviceArea: pick(AREAS_OR_NOT),
      missions: missions.length ? `,${missions.join(',')},` : '',
      date: rnd() < 0.1 ? null : isoAt(Math.floor(rnd() * 1826)),
      pence,
      supplier: pick(SUPPLIERS)[0],
      department: pick(DEPARTMENTS),
      method,
      lon: hasPoint ? Math.round(rnd() * 1e6) / 1e6 : null,
      lat: hasPoint ? 51 + Math.round(rnd() * 1e6) / 1e6 : null,
    };
  });
}

function randomFilter(rnd: () => number): SpendFilter {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const some = <T,>(xs: readonly T[], p: number): T[] => xs.filter(() => rnd() < p);
  const on = (p = 0.3) => rnd() < p;
  const day = () => isoAt(Math.floor(rnd() * 1900) - 30);
  const amount = () => pick([0, 100, -50_000, 50_000, Math.round((rnd() - 0.2) * 1_000_000)]);
  const text = () => {
    const [name] = pick(SUPPLIERS);
    if (name.trim() === '' || on(0.1)) return pick(['zzz', 'ltd', ' LTD ', 'ö', 'x']);
    const start = Math.floor(rnd() * name.length);
    const piece = name.slice(start, start + 1 + Math.floor(rnd() * 5));
    return on(0.5) ? piece.toUpperCase() : ` ${piece} `;
  };
  const x1 = rnd(), x2 = rnd(), y1 = 51 + rnd(), y2 = 51 + rnd();
  return {
    areas: on() ? some(SERVICE_AREAS, 0.5) : [...SERVICE_AREAS],
    missions: on() ? some([...ROW_MISSIONS, 'no-such-mission'], 0.35) : [],
    from: on() ? day() : null,
    to: on() ? day() : null,
    minPence: on(0.2) ? amount() : null,
    maxPence: on(0.2) ? amount() : null,
    supplierText: on(0.25) ? text() : '',
    suppliers: on(0.2) ? [...some(SUPPLIERS.map(([s]) => s), 0.3), ...(on(0.2) ? ['Not A Supplier'] : [])] : [],
    departments: on(0.2) ? [...some(DEPARTMENTS, 0.4), ...(on(0.2) ? ['Nowhere'] : [])] : [],
    methods: on() ? some(LOCATE_METHODS, 0.5) : [...LOCATE_METHODS],
    unlocated: !on(0.25),
    redacted: !on(0.25),
    bbox: on(0.2) ? [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)] : null,
  };
}

/** What the filter's own words say, read straight off a row's strings, knowing nothing of the columns. */
function reference(r: ColumnRow, flt: SpendFilter, missionIds: readonly string[]): boolean {
  const area = (SERVICE_AREAS as readonly string[]).includes(r.serviceArea) ? r.serviceArea : 'other';
  if (!(flt.areas as string[]).includes(area)) return false;
  if (flt.missions.length > 0) {
    const serves = r.missions.split(',').filter(Boolean);
    if (!flt.missions.some((m) => missionIds.includes(m) && serves.includes(m))) return false;
  }
  if (flt.from || flt.to) {
    if (r.date === null) return false;
    if (flt.from && r.date < flt.from) return false;
    if (flt.to && r.date > flt.to) return false;
  }
  if (flt.minPence !== null && r.pence < flt.minPence) return false;
  if (flt.maxPence !== null && r.pence > flt.maxPence) return false;
  const text = flt.supplierText.trim().toLowerCase();
  if (text && !r.supplier.toLowerCase().includes(text)) return false;
  if (flt.suppliers.length > 0 && !flt.suppliers.includes(r.supplier)) return false;
  if (flt.departments.length > 0 && !flt.departments.includes(r.department)) return false;
  const placedBy = (LOCATE_METHODS as readonly (string | null)[]).includes(r.method) ? (r.method as LocateMethod) : null;
  if (placedBy ? !flt.methods.includes(placedBy) : !flt.unlocated) return false;
  if (!flt.redacted && REDACTED_NAME.get(r.supplier)) return false;
  if (flt.bbox) {
    const [w, s, e, n] = flt.bbox;
    if (r.lon === null || r.lat === null || r.lon < w || r.lon > e || r.lat < s || r.lat > n) return false;
  }
  return true;
}

function financialYearOf(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 4 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

describe('select against a brute-force reference, 2,000 random lines', () => {
  const rows = randomRows(2000, 20240401);
  const rc = build(rows, RANDOM_WARDS, MISSIONS, 64);

  it('sees the supplier names as the test does', () => {
    expect(rc.suppliers.map((s) => rc.supplierRedacted[rc.suppliers.indexOf(s)] === 1)).toEqual(rc.suppliers.map((s) => REDACTED_NAME.get(s)));
  });

  it('keeps exactly the lines the reference keeps, with the same totals, for 400 random filters', () => {
    const rnd = mulberry32(99);
    const A = SERVICE_AREAS.length;
    let nonTrivial = 0;
    for (let t = 0; t < 400; t++) {
      const flt = randomFilter(rnd);
      const sel = select(rc, resolveFilter(flt, rc));
      const want = rows.map((r) => reference(r, flt, MISSIONS));
      const got = Array.from(sel.mask, (m) => m === 1);
      if (got.some((g, i) => g !== want[i])) {
        const i = got.findIndex((g, k) => g !== want[k]);
        expect({ filter: flt, row: rows[i], kept: got[i] }).toEqual({ filter: flt, row: rows[i], kept: want[i] });
      }
      const kept = rows.filter((_, i) => want[i]);
      if (kept.length > 0 && kept.length < rows.length) nonTrivial++;
      const placed = kept.filter((r) => r.wardCode !== null && RANDOM_WARDS.includes(r.wardCode));
      const areaOf = (r: ColumnRow) => ((SERVICE_AREAS as readonly string[]).includes(r.serviceArea) ? (r.serviceArea as ServiceArea) : 'other');
      const wardArea = new Float64Array(RANDOM_WARDS.length * A);
      const wardAreaLines = new Uint32Array(RANDOM_WARDS.length * A);
      for (const r of placed) {
        const k = RANDOM_WARDS.indexOf(r.wardCode!) * A + SERVICE_AREAS.indexOf(areaOf(r));
        wardArea[k]! += r.pence;
        wardAreaLines[k]!++;
      }
      const sum = (xs: ColumnRow[]) => xs.reduce((n, r) => n + r.pence, 0);
      expect({
        lines: sel.lines, pence: sel.pence, placedLines: sel.placedLines, placedPence: sel.placedPence, byArea: sel.byArea, linesByArea: sel.linesByArea,
        wardAreaPence: [...sel.wardAreaPence], wardAreaLines: [...sel.wardAreaLines],
      }).toEqual({
        lines: kept.length, pence: sum(kept), placedLines: placed.length, placedPence: sum(placed),
        byArea: Object.fromEntries(SERVICE_AREAS.map((a) => [a, sum(kept.filter((r) => areaOf(r) === a))])),
        linesByArea: Object.fromEntries(SERVICE_AREAS.map((a) => [a, kept.filter((r) => areaOf(r) === a).length])),
        wardAreaPence: [...wardArea], wardAreaLines: [...wardAreaLines],
      });
    }
    // The filters must mostly keep some lines and leave out others, or the comparison proves little.
    expect(nonTrivial).toBeGreaterThan(250);
  });

  it('breaks each ward down as the reference does, for 40 random filters', () => {
    const rnd = mulberry32(7);
    for (let t = 0; t < 40; t++) {
      const flt = t === 0 ? defaultFilter() : randomFilter(rnd);
      const sel = select(rc, resolveFilter(flt, rc));
      RANDOM_WARDS.forEach((code, wi) => {
        const inWard = rows.filter((r) => r.wardCode === code && reference(r, flt, MISSIONS));
        const pooled = new Map<string, { supplier: string; pence: number; lines: number; redacted: boolean }>();
        for (const r of inWard) {
          const redacted = REDACTED_NAME.get(r.supplier)!;
          const key = redacted ? '(redacted)' : r.supplier.trim();
          const p = pooled.get(key) ?? { supplier: redacted ? 'Redacted payees' : key, pence: 0, lines: 0, redacted };
          p.pence += r.pence;
          p.lines++;
          pooled.set(key, p);
        }
        const years = new Map<string, { pence: number; lines: number }>();
        for (const r of inWard) {
          if (r.date === null) continue;
          const y = years.get(financialYearOf(r.date)) ?? { pence: 0, lines: 0 };
          y.pence += r.pence;
          y.lines++;
          years.set(financialYearOf(r.date), y);
        }
        const undated = inWard.filter((r) => r.date === null);
        const byMethod = LOCATE_METHODS.map((method) => {
          const xs = inWard.filter((r) => r.method === method);
          return { method, pence: xs.reduce((n, r) => n + r.pence, 0), lines: xs.length };
        }).filter((m) => m.lines > 0);
        byMethod.sort((a, b) => b.pence - a.pence || LOCATE_METHODS.indexOf(a.method) - LOCATE_METHODS.indexOf(b.method));
        expect(wardBreakdown(rc, sel, wi, 4)).toEqual({
          suppliers: [...pooled.values()].filter((s) => !s.redacted).sort((a, b) => b.pence - a.pence || a.supplier.localeCompare(b.supplier)).slice(0, 4),
          supplierCount: pooled.size,
          byMission: MISSIONS.map((mission) => {
            const xs = inWard.filter((r) => r.missions.includes(`,${mission},`));
            return { mission, pence: xs.reduce((n, r) => n + r.pence, 0), lines: xs.length };
          }),
          byMethod,
          byYear: [...years.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([year, v]) => ({ year, ...v })),
          undated: { pence: undated.reduce((n, r) => n + r.pence, 0), lines: undated.length },
        });
      });
    }
  });

  it.each(SORT_KEYS)('orders the kept lines by %s as the reference does, ascending and descending, ties by id', (key) => {
    const lower = (s: string) => s.toLocaleLowerCase('en-GB');
    const cmpText = (a: string, b: string) => (lower(a) < lower(b) ? -1 : lower(a) > lower(b) ? 1 : 0);
    const areaRank = (r: ColumnRow) => SERVICE_AREAS.indexOf((SERVICE_AREAS as readonly string[]).includes(r.serviceArea) ? (r.serviceArea as ServiceArea) : 'other');
    const methodRank = (r: ColumnRow) => {
      const k = (LOCATE_METHODS as readonly (string | null)[]).indexOf(r.method);
      return k < 0 ? LOCATE_METHODS.length : k;
    };
    const wardName = (r: ColumnRow) => (r.wardCode !== null && RANDOM_WARDS.includes(r.wardCode) ? RANDOM_WARD_NAMES[RANDOM_WARDS.indexOf(r.wardCode)]! : null);
    const byKey: Record<SortKey, (a: ColumnRow, b: ColumnRow) => number> = {
      // Undated lines before every date.
      date: (a, b) => (a.date === b.date ? 0 : a.date === null ? -1 : b.date === null ? 1 : a.date < b.date ? -1 : 1),
      amount: (a, b) => a.pence - b.pence,
      supplier: (a, b) => cmpText(a.supplier, b.supplier),
      department: (a, b) => cmpText(a.department, b.department),
      area: (a, b) => areaRank(a) - areaRank(b),
      // Lines in no known ward after every ward.
      ward: (a, b) => {
        const x = wardName(a), y = wardName(b);
        return x === y ? 0 : x === null ? 1 : y === null ? -1 : cmpText(x, y);
      },
      method: (a, b) => methodRank(a) - methodRank(b),
    };
    const ascending = [...rows].sort((a, b) => byKey[key](a, b) || a.id - b.id);
    const order = sortOrder(rc, key, RANDOM_WARD_NAMES);
    const ids = (o: Uint32Array) => Array.from(o, (i) => rc.id[i]!);
    expect(ids(order)).toEqual(ascending.map((r) => r.id));
    const rnd = mulberry32(SORT_KEYS.indexOf(key) + 1);
    for (let t = 0; t < 10; t++) {
      const flt = randomFilter(rnd);
      const sel = select(rc, resolveFilter(flt, rc));
      const kept = ascending.filter((r) => reference(r, flt, MISSIONS)).map((r) => r.id);
      expect(ids(tableOrder(order, sel.mask, sel.lines, false))).toEqual(kept);
      expect(ids(tableOrder(order, sel.mask, sel.lines, true))).toEqual([...kept].reverse());
    }
  });
});
