import { describe, expect, it } from 'vitest';
import {
  LOCATE_METHODS, NO_DAY, clearChip, dayNumber, defaultFilter, filterChips, financialYear, financialYearRange, financialYearsBetween,
  isDefaultFilter, isoOfDay, monthRange, monthsBetween, type FilterKey, type SpendFilter,
} from '../../../renderer/domain/spend-filter';
import { SERVICE_AREAS } from '../../../renderer/domain/service-areas';

/** One filter per chip, each differing from the default in that condition alone. */
const ONE_CHANGE: Record<FilterKey, Partial<SpendFilter>> = {
  areas: { areas: ['youth', 'green-spaces'] },
  missions: { missions: ['food'] },
  dates: { from: '2023-04-01', to: '2024-03-31' },
  amount: { minPence: 50_000, maxPence: 250_000 },
  supplierText: { supplierText: 'ltd' },
  suppliers: { suppliers: ['Acme Ltd'] },
  departments: { departments: ['Finance'] },
  methods: { methods: ['uprn', 'postcode'] },
  unlocated: { unlocated: false },
  redacted: { redacted: false },
  bbox: { bbox: [-0.2, 51.5, -0.1, 51.6] },
  lasso: { lasso: [[-0.2, 51.5], [-0.1, 51.5], [-0.15, 51.6]] },
  picked: { picked: [12, 7] },
};
const KEYS = Object.keys(ONE_CHANGE) as FilterKey[];

describe('filterChips', () => {
  it('has no chips for the default filter, which is the default', () => {
    expect(filterChips(defaultFilter())).toEqual([]);
    expect(isDefaultFilter(defaultFilter())).toBe(true);
  });

  it.each(KEYS)('gives exactly one chip, keyed %s, for a change to that condition alone', (key) => {
    const f = { ...defaultFilter(), ...ONE_CHANGE[key] };
    expect(filterChips(f).map((c) => c.key)).toEqual([key]);
    expect(isDefaultFilter(f)).toBe(false);
  });

  it('says in plain words what each chip keeps or leaves out', () => {
    const label = (change: Partial<SpendFilter>, missionLabel?: (id: string) => string) => filterChips({ ...defaultFilter(), ...change }, missionLabel)[0]?.label;
    expect(label({ areas: ['youth', 'green-spaces'] })).toBe('Service areas: Youth services, Green spaces');
    expect(label({ areas: [] })).toBe('Service areas: none');
    expect(label({ missions: ['food', 'young-people'] })).toBe('Missions: food, young-people');
    expect(label({ missions: ['food', 'young-people'] }, (id) => id.toUpperCase())).toBe('Missions: FOOD, YOUNG-PEOPLE');
    expect(label({ from: '2023-04-01', to: '2024-03-31' })).toBe('Dates: 2023-04-01 to 2024-03-31');
    expect(label({ from: '2023-04-01' })).toBe('Dates: from 2023-04-01');
    expect(label({ to: '2024-03-31' })).toBe('Dates: up to 2024-03-31');
    expect(label({ minPence: 50_000, maxPence: 250_000 })).toBe('Amount: £500 to £2.5k');
    expect(label({ minPence: 50_000 })).toBe('Amount: at least £500');
    expect(label({ maxPence: 0 })).toBe('Amount: at most £0');
    expect(label({ minPence: -100_000, maxPence: 0 })).toBe('Amount: −£1k to £0');
    expect(label({ supplierText: '  Ltd ' })).toBe('Supplier contains “Ltd”');
    expect(label({ suppliers: ['A Ltd', 'B Ltd'] })).toBe('Suppliers: A Ltd, B Ltd');
    expect(label({ suppliers: ['A Ltd', 'B Ltd', 'C Ltd', 'D Ltd'] })).toBe('Suppliers: A Ltd, B Ltd and 2 more');
    expect(label({ departments: ['Finance', 'Highways', 'Libraries'] })).toBe('Departments: Finance, Highways and 1 more');
    expect(label({ methods: ['uprn', 'ward-name'] })).toBe('Placed by: UPRN, ward name');
    expect(label({ methods: [] })).toBe('Placed lines: none');
    expect(label({ unlocated: false })).toBe('Unlocated lines left out');
    expect(label({ redacted: false })).toBe('Redacted payees left out');
    expect(label({ bbox: [0, 0, 1, 1] })).toBe('Area drawn on the map');
  });

  it('treats a supplier text of only spaces as no filter', () => {
    const f = { ...defaultFilter(), supplierText: '   ' };
    expect(filterChips(f)).toEqual([]);
    expect(isDefaultFilter(f)).toBe(true);
  });

  it('counts an amount range of zero, or a bound of zero, as a filter (zero is not "no bound")', () => {
    expect(filterChips({ ...defaultFilter(), minPence: 0 }).map((c) => c.key)).toEqual(['amount']);
    expect(filterChips({ ...defaultFilter(), maxPence: 0 }).map((c) => c.key)).toEqual(['amount']);
  });

  it('lists every active chip, in a fixed order, when all conditions are set', () => {
    let f = defaultFilter();
    for (const k of [...KEYS].reverse()) f = { ...f, ...ONE_CHANGE[k] };
    expect(filterChips(f).map((c) => c.key)).toEqual(KEYS);
  });
});

describe('clearChip', () => {
  it.each(KEYS)('takes away the %s condition, giving back the default filter when it was the only one', (key) => {
    const f = { ...defaultFilter(), ...ONE_CHANGE[key] };
    const cleared = clearChip(f, key);
    expect(cleared).toEqual(defaultFilter());
    expect(isDefaultFilter(cleared)).toBe(true);
  });

  it.each(KEYS)('takes away only the %s condition, leaving the others', (key) => {
    let f = defaultFilter();
    for (const k of KEYS) f = { ...f, ...ONE_CHANGE[k] };
    const before = structuredClone(f);
    const cleared = clearChip(f, key);
    expect(filterChips(cleared).map((c) => c.key)).toEqual(KEYS.filter((k) => k !== key));
    // The filter it was given is left as it was.
    expect(f).toEqual(before);
  });

  it('clears a one-sided date or amount range whole', () => {
    expect(clearChip({ ...defaultFilter(), from: '2023-01-01' }, 'dates')).toEqual(defaultFilter());
    expect(clearChip({ ...defaultFilter(), to: '2023-01-01' }, 'dates')).toEqual(defaultFilter());
    expect(clearChip({ ...defaultFilter(), minPence: 5 }, 'amount')).toEqual(defaultFilter());
    expect(clearChip({ ...defaultFilter(), maxPence: 5 }, 'amount')).toEqual(defaultFilter());
  });

  it('restores fresh lists, not ones shared with other filters', () => {
    const a = clearChip({ ...defaultFilter(), areas: [] }, 'areas');
    const b = clearChip({ ...defaultFilter(), methods: [] }, 'methods');
    a.areas.pop();
    b.methods.pop();
    expect(defaultFilter().areas).toEqual([...SERVICE_AREAS]);
    expect(defaultFilter().methods).toEqual([...LOCATE_METHODS]);
  });
});

/** The Gregorian calendar counted by hand, to check dayNumber against something that is not Date. */
function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('dayNumber and isoOfDay', () => {
  it('counts days from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2000-01-01')).toBe(10957);
    expect(dayNumber('2000-03-01')).toBe(10957 + 31 + 29);
    expect(dayNumber('2024-02-29')).toBe(19782);
  });

  it('reads only the date of a longer ISO timestamp', () => {
    expect(dayNumber('2024-02-29T23:59:59Z')).toBe(dayNumber('2024-02-29'));
  });

  it.each([null, undefined, '', '2024-2-1', 'not a date', 'yyyy-mm-dd'])('gives NO_DAY for %j', (v) => {
    expect(dayNumber(v)).toBe(NO_DAY);
  });

  it('agrees with a hand-counted calendar day by day from 1899 to 2101, and round-trips through isoOfDay', () => {
    // Start on 1899-01-01, counting the days up to 1970 by hand.
    let day = 0;
    for (let y = 1899; y < 1970; y++) day -= isLeap(y) ? 366 : 365;
    let checked = 0;
    for (let y = 1899; y <= 2101; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= daysInMonth(y, m); d++) {
          const iso = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
          if (dayNumber(iso) !== day || isoOfDay(day) !== iso) expect({ iso, day: dayNumber(iso), back: isoOfDay(day) }).toEqual({ iso, day, back: iso });
          day++;
          checked++;
        }
      }
    }
    // 203 years, 49 of them leap (1900 and 2100 are not; 2000 is).
    expect(checked).toBe(203 * 365 + 49);
  });
});

describe('financialYear', () => {
  it('runs from 1 April to 31 March', () => {
    expect(financialYear(dayNumber('2024-03-31'))).toBe('2023/24');
    expect(financialYear(dayNumber('2024-04-01'))).toBe('2024/25');
    expect(financialYear(dayNumber('2023-04-01'))).toBe('2023/24');
    expect(financialYear(dayNumber('2023-03-31'))).toBe('2022/23');
    expect(financialYear(dayNumber('2024-01-01'))).toBe('2023/24');
    expect(financialYear(dayNumber('2023-12-31'))).toBe('2023/24');
    expect(financialYear(dayNumber('2024-02-29'))).toBe('2023/24');
  });

  it('writes the second year with two digits across a century', () => {
    expect(financialYear(dayNumber('1999-04-01'))).toBe('1999/00');
    expect(financialYear(dayNumber('2000-03-31'))).toBe('1999/00');
    expect(financialYear(dayNumber('2008-06-01'))).toBe('2008/09');
    expect(financialYear(dayNumber('1969-05-01'))).toBe('1969/70');
  });

  it('agrees with the rule for every day of 2015 to 2030', () => {
    for (let day = dayNumber('2015-01-01'); day <= dayNumber('2030-12-31'); day++) {
      const iso = isoOfDay(day);
      const y = Number(iso.slice(0, 4));
      const start = Number(iso.slice(5, 7)) >= 4 ? y : y - 1;
      const expected = `${start}/${pad((start + 1) % 100)}`;
      if (financialYear(day) !== expected) expect({ iso, fy: financialYear(day) }).toEqual({ iso, fy: expected });
    }
  });
});

describe('financialYearRange', () => {
  it('gives the first and last day of the year', () => {
    expect(financialYearRange('2023/24')).toEqual({ from: '2023-04-01', to: '2024-03-31' });
    expect(financialYearRange('1999/00')).toEqual({ from: '1999-04-01', to: '2000-03-31' });
  });

  it('is exactly the days financialYear puts in that year', () => {
    for (const label of ['2019/20', '2023/24', '2024/25']) {
      const { from, to } = financialYearRange(label);
      expect(financialYear(dayNumber(from))).toBe(label);
      expect(financialYear(dayNumber(to))).toBe(label);
      expect(financialYear(dayNumber(from) - 1)).not.toBe(label);
      expect(financialYear(dayNumber(to) + 1)).not.toBe(label);
    }
  });
});

describe('monthRange', () => {
  it.each([
    ['2024-02', '2024-02-29'],
    ['2023-02', '2023-02-28'],
    ['2000-02', '2000-02-29'],
    ['2100-02', '2100-02-28'],
    ['2023-04', '2023-04-30'],
    ['2023-12', '2023-12-31'],
    ['2023-01', '2023-01-31'],
  ])('%s runs from the 1st to %s', (month, last) => {
    expect(monthRange(month)).toEqual({ from: `${month}-01`, to: last });
  });
});

describe('monthsBetween', () => {
  it('lists every month from the first to the last, inclusive, across a new year', () => {
    expect(monthsBetween('2022-11-15', '2023-02-01')).toEqual(['2022-11', '2022-12', '2023-01', '2023-02']);
  });

  it('gives one month when both dates are in it, and none when the range is backwards', () => {
    expect(monthsBetween('2023-05-01', '2023-05-31')).toEqual(['2023-05']);
    expect(monthsBetween('2023-06-01', '2023-05-31')).toEqual([]);
  });

  it('spans the demo years: 36 months from April 2022 to March 2025', () => {
    const months = monthsBetween('2022-04-01', '2025-03-31');
    expect(months).toHaveLength(36);
    expect(months[0]).toBe('2022-04');
    expect(months.at(-1)).toBe('2025-03');
    expect(new Set(months).size).toBe(36);
  });
});

describe('financialYearsBetween', () => {
  it('lists each financial year the dates touch', () => {
    expect(financialYearsBetween('2022-04-01', '2025-03-31')).toEqual(['2022/23', '2023/24', '2024/25']);
    expect(financialYearsBetween('2023-03-31', '2023-04-01')).toEqual(['2022/23', '2023/24']);
    expect(financialYearsBetween('2023-04-01', '2024-03-31')).toEqual(['2023/24']);
    expect(financialYearsBetween('1999-01-01', '2001-01-01')).toEqual(['1998/99', '1999/00', '2000/01']);
  });
});
