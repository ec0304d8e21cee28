import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../data/demo-build/random';
import {
  classColour,
  classify,
  equalIntervalClasses,
  metricFormat,
  naturalBreaksClasses,
  quantileClasses,
  CHOROPLETH_COLOURS,
  CLASS_METHOD_LABEL,
  NO_SPEND_COLOUR,
  WARD_METRIC_LABEL,
  type ChoroplethClass,
  type ClassMethod, mixClasses } from '../../../renderer/domain/choropleth';

describe('quantileClasses', () => {
  it('makes five classes covering every positive value, with £ labels', () => {
    const values = Array.from({ length: 20 }, (_, i) => (i + 1) * 100_000_00);
    const c = quantileClasses(values);
    expect(c).toHaveLength(5);
    expect(c[0]!.from).toBe(100_000_00);
    expect(c[4]!.to).toBe(2_000_000_00);
    for (let i = 1; i < c.length; i++) expect(c[i]!.from).toBe(c[i - 1]!.to + 1);
    expect(c[0]!.label).toBe('£100k – £400k');
    for (const v of values) expect(CHOROPLETH_COLOURS).toContain(classColour(c, v));
  });
  it('gives no empty classes when values repeat, and none at all with no spend', () => {
    expect(quantileClasses([5, 5, 5, 0])).toHaveLength(1);
    expect(quantileClasses([0, 0])).toEqual([]);
    expect(classColour([], 0)).toBe(NO_SPEND_COLOUR);
  });
  it('still takes k alone, and a formatter for other metrics', () => {
    const values = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(quantileClasses(values, 3).map((c) => [c.from, c.to])).toEqual([[1, 4], [5, 8], [9, 12]]);
    expect(quantileClasses(values, 3, metricFormat('lines')).map((c) => c.label)).toEqual(['1 – 4', '5 – 8', '9 – 12']);
  });
});

// -- shared checks ------------------------------------------------------------------------------------------------

const METHODS: ClassMethod[] = ['quantiles', 'equal-intervals', 'natural-breaks'];

// The ramp positions used for n classes, written out rather than recomputed.
const SPREAD: Record<number, number[]> = { 1: [2], 2: [0, 4], 3: [0, 2, 4], 4: [0, 1, 3, 4], 5: [0, 1, 2, 3, 4] };

const tag = (v: number) => `<${v}>`;

/** Everything a legend relies on, whatever the method. */
function expectWellFormed(classes: ChoroplethClass[], values: readonly number[], k: number) {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) {
    expect(classes).toEqual([]);
    return;
  }
  expect(classes.length).toBeGreaterThanOrEqual(1);
  expect(classes.length).toBeLessThanOrEqual(Math.min(k, CHOROPLETH_COLOURS.length));
  expect(classes[0]!.from).toBe(Math.min(...positive));
  expect(classes[classes.length - 1]!.to).toBe(Math.max(...positive));
  for (const [i, c] of classes.entries()) {
    expect(Number.isInteger(c.from) && Number.isInteger(c.to)).toBe(true);
    expect(c.from).toBeLessThanOrEqual(c.to);
    // Ascending and touching: no gap and no overlap between neighbours.
    if (i > 0) expect(c.from).toBe(classes[i - 1]!.to + 1);
    expect(c.label).toBe(c.from === c.to ? tag(c.to) : `${tag(c.from)} – ${tag(c.to)}`);
  }
  expect(classes.map((c) => c.colour)).toEqual(SPREAD[classes.length]!.map((i) => CHOROPLETH_COLOURS[i]));
  for (const v of positive) {
    const holding = classes.filter((c) => c.from <= v && v <= c.to);
    expect(holding, `value ${v}`).toHaveLength(1);
    expect(classColour(classes, v)).toBe(holding[0]!.colour);
  }
  for (const v of values.filter((x) => x <= 0)) expect(classColour(classes, v)).toBe(NO_SPEND_COLOUR);
}

// The demo generator's seeded PRNG (mulberry32): the random cases are the same on every run.
const mulberry32 = seededRandom;

/** Sum of squared deviations from the mean (two-pass, for accuracy). */
function ssd(group: readonly number[]): number {
  if (group.length === 0) return 0;
  const mean = group.reduce((s, v) => s + v, 0) / group.length;
  return group.reduce((s, v) => s + (v - mean) ** 2, 0);
}

/** The within-class sum of squared deviations of the values under these classes. */
function classesSsd(classes: readonly ChoroplethClass[], values: readonly number[]): number {
  return classes.reduce((s, c) => s + ssd(values.filter((v) => v > 0 && c.from <= v && v <= c.to)), 0);
}

/** Brute force: the least SSD over every split of the sorted values into exactly `groups` contiguous, non-empty runs. */
function bruteForceMinSsd(values: readonly number[], groups: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  let best = Infinity;
  const walk = (start: number, left: number, acc: number) => {
    if (left === 1) {
      best = Math.min(best, acc + ssd(sorted.slice(start)));
      return;
    }
    // Leave at least one value for each later run.
    for (let end = start + 1; end <= sorted.length - (left - 1); end++) walk(end, left - 1, acc + ssd(sorted.slice(start, end)));
  };
  walk(0, groups, 0);
  return best;
}

describe.each(METHODS)('classify by %s', (method) => {
  it('covers every positive value exactly once, ascending, with spread colours and the given labels', () => {
    const rnd = mulberry32(METHODS.indexOf(method) + 11);
    for (let trial = 0; trial < 150; trial++) {
      const n = 1 + Math.floor(rnd() * 40);
      const k = 1 + Math.floor(rnd() * 5);
      const scale = [10, 1000, 5_000_000_00][trial % 3]!;
      const values = Array.from({ length: n }, () => Math.floor(rnd() * scale) - (rnd() < 0.1 ? scale : 0));
      expectWellFormed(classify(values, method, k, tag), values, k);
    }
  });

  it('handles the degenerate cases', () => {
    const one = classify([7, 7, 7], method, 5, tag);
    expect(one).toEqual([{ from: 7, to: 7, colour: CHOROPLETH_COLOURS[2], label: '<7>' }]);
    expect(classify([42], method, 5, tag)).toEqual([{ from: 42, to: 42, colour: CHOROPLETH_COLOURS[2], label: '<42>' }]);
    expect(classify([], method)).toEqual([]);
    expect(classify([0, -5, 0, -1_000_00], method)).toEqual([]);
    expect(classify([1, 2, 3], method, 0)).toEqual([]);
    // More classes than the ramp has colours: capped at the ramp, every class coloured.
    const many = classify(Array.from({ length: 50 }, (_, i) => i + 1), method, 9, tag);
    expect(many).toHaveLength(CHOROPLETH_COLOURS.length);
    expectWellFormed(many, Array.from({ length: 50 }, (_, i) => i + 1), 9);
  });

  it('labels in pounds by default', () => {
    const c = classify([100_00, 250_000_00, 1_200_000_00], method, 1);
    expect(c).toEqual([{ from: 100_00, to: 1_200_000_00, colour: CHOROPLETH_COLOURS[2], label: '£100 – £1.2m' }]);
  });

  it('rounds fractional values up to whole units, and colours them by those bounds', () => {
    const values = [0.4, 1240.3, 1240.9, 5000.5, 9999.01, 12_345.6];
    const c = classify(values, method, 3, tag);
    expectWellFormed(c, values.map(Math.ceil), 3);
    for (const v of values) {
      const holding = c.find((x) => x.from - 1 < v && v <= x.to)!;
      expect(classColour(c, v)).toBe(holding.colour);
    }
  });
});

describe('classify', () => {
  it('dispatches to the method named and describes each in plain English', () => {
    const values = [1, 2, 3, 10, 11, 12, 50, 51, 52, 100];
    expect(classify(values, 'quantiles', 3)).toEqual(quantileClasses(values, 3));
    expect(classify(values, 'equal-intervals', 3)).toEqual(equalIntervalClasses(values, 3));
    expect(classify(values, 'natural-breaks', 3)).toEqual(naturalBreaksClasses(values, 3));
    // The three methods really do differ on skewed data.
    const tos = METHODS.map((m) => classify(values, m, 3).map((c) => c.to).join(','));
    expect(new Set(tos).size).toBe(3);
    expect(CLASS_METHOD_LABEL).toEqual({
      quantiles: 'Quantiles (same number of wards in each class)',
      'equal-intervals': 'Equal intervals',
      'natural-breaks': 'Natural breaks (Jenks)',
    });
  });
});

describe('equalIntervalClasses', () => {
  it('splits 1..100 into five classes of twenty', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(equalIntervalClasses(values, 5, tag).map((c) => [c.from, c.to, c.label])).toEqual([
      [1, 20, '<1> – <20>'],
      [21, 40, '<21> – <40>'],
      [41, 60, '<41> – <60>'],
      [61, 80, '<61> – <80>'],
      [81, 100, '<81> – <100>'],
    ]);
  });
  it('keeps classes that no ward falls in, as equal widths must', () => {
    // Breaks at 40 and 70: the middle class holds nothing but is part of the scale.
    expect(equalIntervalClasses([10, 11, 100, 0], 3).map((c) => [c.from, c.to])).toEqual([[10, 40], [41, 70], [71, 100]]);
  });
  it('puts a value on a break in the lower class', () => {
    // Width 2 from 1 to 11: breaks at 3, 5, 7, 9.
    expect(equalIntervalClasses([1, 3, 5, 11], 5).map((c) => [c.from, c.to])).toEqual([[1, 3], [4, 5], [6, 7], [8, 9], [10, 11]]);
  });
  it('drops classes narrower than one unit instead of giving from > to', () => {
    // Breaks at 1.4, 1.8, 2.2, 2.6 floor to 1, 1, 2, 2.
    const c = equalIntervalClasses([1, 2, 3], 5, tag);
    expect(c.map((x) => [x.from, x.to])).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(c.map((x) => x.colour)).toEqual([CHOROPLETH_COLOURS[0], CHOROPLETH_COLOURS[2], CHOROPLETH_COLOURS[4]]);
  });
  it('with fewer distinct values than classes, still divides the range evenly', () => {
    // Range 3..9 in widths of 1.2: breaks at 4.2, 5.4, 6.6, 7.8.
    expect(equalIntervalClasses([3, 3, 9, 9], 5).map((c) => [c.from, c.to])).toEqual([[3, 4], [5, 5], [6, 6], [7, 7], [8, 9]]);
  });
  it('keeps integer bounds for large pence totals', () => {
    const c = equalIntervalClasses([123_456_789, 987_654_321, 500_000_000], 3);
    expect(c.map((x) => [x.from, x.to])).toEqual([
      [123_456_789, 411_522_633],
      [411_522_634, 699_588_477],
      [699_588_478, 987_654_321],
    ]);
  });
});

describe('naturalBreaksClasses', () => {
  it('finds the breaks between clear clusters', () => {
    const c = naturalBreaksClasses([52, 1, 11, 2, 50, 3, 10, 12, 51], 3, tag);
    expect(c.map((x) => [x.from, x.to, x.label])).toEqual([
      [1, 3, '<1> – <3>'],
      [4, 12, '<4> – <12>'],
      [13, 52, '<13> – <52>'],
    ]);
  });
  it('isolates an outlier rather than splitting the bulk evenly', () => {
    expect(naturalBreaksClasses([1, 2, 3, 4, 5, 6, 7, 8, 1000], 2).map((c) => c.to)).toEqual([8, 1000]);
  });
  it('gives fewer classes, never empty ones, with fewer distinct values than classes', () => {
    const c = naturalBreaksClasses([3, 3, 9, 9, 9, 0], 5, tag);
    expect(c.map((x) => [x.from, x.to])).toEqual([[3, 3], [4, 9]]);
    expect(c.map((x) => x.colour)).toEqual([CHOROPLETH_COLOURS[0], CHOROPLETH_COLOURS[4]]);
    expect(naturalBreaksClasses([4, 8, 8, 15], 5).map((x) => x.to)).toEqual([4, 8, 15]);
  });
  it('is optimal: its squared deviations equal the least over every contiguous grouping (brute force)', () => {
    const rnd = mulberry32(2024);
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + Math.floor(rnd() * 9);
      const k = 1 + Math.floor(rnd() * 4);
      // Small integers make ties common; every third case uses pence in the hundreds of millions.
      const scale = trial % 3 === 2 ? 500_000_000_00 : 20;
      const values = Array.from({ length: n }, () => 1 + Math.floor(rnd() * scale));
      const c = naturalBreaksClasses(values, k);
      const distinct = new Set(values).size;
      expect(c).toHaveLength(Math.min(k, distinct));
      const best = bruteForceMinSsd(values, Math.min(k, n));
      const mine = classesSsd(c, values);
      expect(Math.abs(mine - best), `values ${values.join(',')} k ${k}: ${mine} vs ${best}`).toBeLessThanOrEqual(1e-9 * Math.max(1, best));
    }
  });
  it('never groups worse than quantiles or equal intervals, and copes with a London-wide set of wards', () => {
    const rnd = mulberry32(680);
    // Skewed like ward totals: most modest, a few very large.
    const values = Array.from({ length: 680 }, () => Math.round(Math.exp(rnd() * 12) * 1000_00));
    const c = naturalBreaksClasses(values);
    expect(c).toHaveLength(5);
    expectWellFormed(naturalBreaksClasses(values, 5, tag), values, 5);
    const jenks = classesSsd(c, values);
    expect(jenks).toBeLessThanOrEqual(classesSsd(quantileClasses(values), values));
    expect(jenks).toBeLessThanOrEqual(classesSsd(equalIntervalClasses(values), values));
  });
});

describe('metricFormat', () => {
  it('writes totals compactly in pounds', () => {
    const f = metricFormat('pence');
    expect(f(1_234_567_00)).toBe('£1.2m');
    expect(f(95_000)).toBe('£950');
  });
  it('writes spend per resident to the penny under £100, compactly above', () => {
    const f = metricFormat('per-resident');
    expect(f(1240)).toBe('£12.40');
    expect(f(5)).toBe('£0.05');
    expect(f(9999)).toBe('£99.99');
    expect(f(1240.4)).toBe('£12.40');
    expect(f(100_00)).toBe('£100');
    expect(f(1_234_567)).toBe('£12.3k');
  });
  it('writes counts of lines with en-GB grouping', () => {
    const f = metricFormat('lines');
    expect(f(7)).toBe('7');
    expect(f(1234)).toBe('1,234');
    expect(f(1_234_567)).toBe('1,234,567');
  });
  it('names each metric for the legend', () => {
    expect(WARD_METRIC_LABEL).toEqual({ pence: 'Total spend (£)', 'per-resident': 'Spend per resident (£)', lines: 'Number of spend lines', mix: 'Service areas that meet (ward mix)' });
  });
  it('classes the ward mix by its counts, 1 to 4, whatever the wards hold', () => {
    const c = mixClasses(['#0', '#1', '#2', '#3', '#4']);
    expect(c.map((x) => [x.from, x.to, x.colour, x.label])).toEqual([
      [1, 1, '#1', '1 service area'], [2, 2, '#2', '2 service areas'], [3, 3, '#3', '3 service areas'], [4, 4, '#4', '4 service areas'],
    ]);
  });
  it('labels a class legend in the metric’s own terms', () => {
    const c = classify([1240, 1500, 2500, 40_000], 'natural-breaks', 2, metricFormat('per-resident'));
    expect(c.map((x) => x.label)).toEqual(['£12.40 – £25.00', '£25.01 – £400']);
  });
});
