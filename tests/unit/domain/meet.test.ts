import { describe, expect, it } from 'vitest';
import { DEFAULT_MIX, MEETING_AREAS, listAreas, mixOf } from '../../../renderer/domain/meet';
import { SERVICE_AREA_LABEL, emptyByArea, type ByArea } from '../../../renderer/domain/service-areas';

/** A ByArea with the given pence, zero elsewhere. */
function spend(parts: Partial<ByArea<number>>): ByArea<number> {
  return { ...emptyByArea(), ...parts };
}

/** Pielou's evenness by hand: Shannon entropy of the shares ÷ ln(number of shares). */
function pielou(...shares: number[]): number {
  let h = 0;
  for (const q of shares) h -= q * Math.log(q);
  return h / Math.log(shares.length);
}

describe('mixOf', () => {
  it('finds nothing in a place with no spend', () => {
    expect(mixOf(emptyByArea())).toEqual({ present: [], count: 0, evenness: 0, total: 0 });
  });

  it('counts one area with evenness 0', () => {
    expect(mixOf(spend({ youth: 12_345 }))).toEqual({ present: ['youth'], count: 1, evenness: 0, total: 12_345 });
  });

  it('gives evenness 1 for two equal areas', () => {
    const m = mixOf(spend({ estates: 500, 'green-spaces': 500 }));
    expect(m.count).toBe(2);
    expect(m.present).toEqual(expect.arrayContaining(['estates', 'green-spaces']));
    expect(m.evenness).toBeCloseTo(1, 12);
    expect(m.total).toBe(1000);
  });

  it('gives evenness 1 for four equal areas', () => {
    const m = mixOf(spend({ 'social-care': 250, youth: 250, estates: 250, 'green-spaces': 250 }));
    expect(m.count).toBe(4);
    expect([...m.present].sort()).toEqual([...MEETING_AREAS].sort());
    expect(m.evenness).toBeCloseTo(1, 12);
    expect(m.total).toBe(1000);
  });

  it('computes Pielou evenness for a 3:1 split', () => {
    // −(.75 ln .75 + .25 ln .25) / ln 2, written out by hand.
    const expected = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(2);
    expect(expected).toBeCloseTo(0.8113, 4);
    const m = mixOf(spend({ 'social-care': 7_500, 'green-spaces': 2_500 }));
    expect(m.present).toEqual(['social-care', 'green-spaces']);
    expect(m.count).toBe(2);
    expect(m.evenness).toBeCloseTo(expected, 12);
    expect(m.evenness).toBeCloseTo(0.8112781, 6);
  });

  it('computes Pielou evenness for a 50:30:20 split', () => {
    // −(.5 ln .5 + .3 ln .3 + .2 ln .2) / ln 3 ≈ 1.02965 / 1.09861 ≈ 0.93723
    const m = mixOf(spend({ youth: 3_000, estates: 2_000, 'social-care': 5_000 }));
    expect(m.present).toEqual(['social-care', 'youth', 'estates']);
    expect(m.count).toBe(3);
    expect(m.evenness).toBeCloseTo(0.93723, 4);
    expect(m.evenness).toBeCloseTo(pielou(0.5, 0.3, 0.2), 12);
    expect(m.evenness).toBeGreaterThan(0);
    expect(m.evenness).toBeLessThan(1);
  });

  it('leaves out an area below minShare (5% by default) but keeps it in the total', () => {
    expect(DEFAULT_MIX.minShare).toBe(0.05);
    const byArea = spend({ 'social-care': 9_600, youth: 400 }); // youth is 4%
    const atDefault = mixOf(byArea);
    expect(atDefault).toEqual({ present: ['social-care'], count: 1, evenness: 0, total: 10_000 });
    const lower = mixOf(byArea, { minShare: 0.03 });
    expect(lower.present).toEqual(['social-care', 'youth']);
    expect(lower.count).toBe(2);
    expect(lower.evenness).toBeCloseTo(pielou(0.96, 0.04), 12);
    expect(lower.evenness).toBeCloseTo(0.2423, 4);
    expect(lower.total).toBe(10_000);
  });

  it('counts an area at exactly minShare as present', () => {
    const m = mixOf(spend({ estates: 95, youth: 5 }));
    expect(m.present).toEqual(['estates', 'youth']);
    expect(mixOf(spend({ estates: 951, youth: 49 })).present).toEqual(['estates']);
  });

  it('measures evenness over the areas present only', () => {
    // 60:36:4 — the 4% area drops out, and evenness is that of 60:36 (= 62.5% : 37.5%).
    const m = mixOf(spend({ 'social-care': 60, youth: 36, 'green-spaces': 4 }));
    expect(m.present).toEqual(['social-care', 'youth']);
    expect(m.evenness).toBeCloseTo(pielou(0.625, 0.375), 12);
    expect(m.total).toBe(100);
  });

  it('never counts "other", in the areas or the total', () => {
    const m = mixOf(spend({ other: 1_000_000, youth: 10 }));
    expect(m).toEqual({ present: ['youth'], count: 1, evenness: 0, total: 10 });
    expect(mixOf(spend({ other: 1_000_000 }))).toEqual({ present: [], count: 0, evenness: 0, total: 0 });
  });

  it('treats an area netted negative by credit notes as none, without reducing the total', () => {
    const m = mixOf(spend({ 'social-care': -5_000, youth: 300, estates: 100 }));
    expect(m.present).toEqual(['youth', 'estates']);
    expect(m.count).toBe(2);
    expect(m.total).toBe(400);
    expect(m.evenness).toBeCloseTo(pielou(0.75, 0.25), 12);
    // All net negative or zero: nothing meets.
    expect(mixOf(spend({ 'social-care': -1, youth: -200, estates: 0 }))).toEqual({ present: [], count: 0, evenness: 0, total: 0 });
  });

  it('orders present areas by money, most first', () => {
    const m = mixOf(spend({ 'social-care': 10, youth: 20, estates: 30, 'green-spaces': 50 }));
    expect(m.present).toEqual(['green-spaces', 'estates', 'youth', 'social-care']);
    expect(m.count).toBe(4);
    expect(m.total).toBe(110);
  });

  it('does not change its input', () => {
    const byArea = spend({ 'social-care': -5, youth: 7, other: 3 });
    const copy = { ...byArea };
    mixOf(byArea);
    expect(byArea).toEqual(copy);
  });
});

describe('listAreas', () => {
  it('names one area alone, in lower case', () => {
    expect(listAreas(['estates'], SERVICE_AREA_LABEL)).toBe('estate management');
  });

  it('joins two areas with "and"', () => {
    expect(listAreas(['youth', 'green-spaces'], SERVICE_AREA_LABEL)).toBe('youth services and green spaces');
  });

  it('lists three areas with commas and a final "and", in the order given', () => {
    expect(listAreas(['estates', 'youth', 'green-spaces'], SERVICE_AREA_LABEL)).toBe('estate management, youth services and green spaces');
    expect(listAreas(['green-spaces', 'social-care', 'youth'], SERVICE_AREA_LABEL)).toBe('green spaces, social care and youth services');
  });

  it('gives an empty string for no areas', () => {
    expect(listAreas([], SERVICE_AREA_LABEL)).toBe('');
  });
});
