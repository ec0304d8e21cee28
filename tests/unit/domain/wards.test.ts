import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { parseWardsGeoJson } from '../../../renderer/domain/wards';
import { CAMDEN_WARDS, FIXTURES, readText } from '../../paths';

describe('parseWardsGeoJson', () => {
  it("reads Camden's 20 wards (ONS 2022 codes and names)", () => {
    const r = parseWardsGeoJson(readText(CAMDEN_WARDS), 'wards-2022.geojson');
    // The generalised file's two MultiPolygon wards have slivers that touch their main part: warned, still used.
    expect(r.problems.map((p) => [p.feature, p.severity])).toEqual([[14, 'warning'], [20, 'warning']]);
    expect(r.problems[0]!.reason).toMatch(/crosses or touches itself/);
    expect(r.codeField).toBe('WD22CD');
    expect(r.nameField).toBe('WD22NM');
    expect(r.wards).toHaveLength(20);
    expect(r.wards.map((w) => w.code).sort()[0]).toBe('E05013652');
    expect(r.wards.find((w) => w.code === 'E05013653')!.name).toBe('Bloomsbury');
    expect(r.wards.filter((w) => w.geometry.type === 'MultiPolygon').length).toBe(2);
    for (const w of r.wards) {
      expect(w.bbox[0]).toBeGreaterThan(-0.22);
      expect(w.bbox[2]).toBeLessThan(-0.1);
    }
  });

  it('lists features it cannot use, with their number and why', () => {
    const r = parseWardsGeoJson(readText(resolve(FIXTURES, 'wards/mixed-wards.geojson')), 'mixed.geojson');
    expect(r.wards.map((w) => w.code)).toEqual(['W1', 'W2', 'W4']);
    expect(r.wards[2]!.name).toBe('W4');
    const reasons = r.problems.map((p) => [p.feature, p.severity, p.reason]);
    expect(reasons).toContainEqual([3, 'error', 'geometry is Point; a ward must be a Polygon or MultiPolygon']);
    expect(reasons.find((x) => x[0] === 4)![2]).toMatch(/"W1" appears more than once/);
    expect(reasons.find((x) => x[0] === 5)![1]).toBe('warning');
  });

  it('refuses British National Grid coordinates with a clear message instead of guessing', () => {
    const r = parseWardsGeoJson(readText(resolve(FIXTURES, 'wards/bng-wards.geojson')), 'bng.geojson');
    expect(r.wards).toEqual([]);
    expect(r.problems[0]).toMatchObject({ file: 'bng.geojson', feature: 1, severity: 'error' });
    expect(r.problems[0]!.reason).toMatch(/British National Grid/);
  });

  it.each([
    ['not json', /not valid JSON/],
    ['{"type":"Feature"}', /FeatureCollection/],
    ['{"type":"FeatureCollection","features":[]}', /no features/],
    ['{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},"features":[]}', /EPSG:27700/],
  ])('explains a bad file: %s', (text, message) => {
    const r = parseWardsGeoJson(text, 'bad.geojson');
    expect(r.wards).toEqual([]);
    expect(r.problems[0]!.reason).toMatch(message);
  });
});

describe('ward populations', () => {
  const square = (x: number) => ({ type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] });
  const file = (props: Record<string, unknown>[]) =>
    JSON.stringify({ type: 'FeatureCollection', features: props.map((p, i) => ({ type: 'Feature', properties: { WD22CD: `W${i}`, WD22NM: `Ward ${i}`, ...p }, geometry: square(i) })) });

  it('reads a population column under its usual names, and says which', () => {
    for (const key of ['population', 'Population', 'POP2021', 'usual_residents', 'all_ages', 'pop_est_2023']) {
      const r = parseWardsGeoJson(file([{ [key]: 12345 }, { [key]: '9,876' }]), 'w.geojson');
      expect(r.populationField, key).toBe(key);
      expect(r.wards.map((w) => w.population)).toEqual([12345, 9876]);
    }
  });

  it('leaves a ward without a usable population out of £ per resident, with a warning naming it', () => {
    const r = parseWardsGeoJson(file([{ population: 'n/a' }, { population: '' }, { population: -3 }, { population: 1200 }]), 'w.geojson');
    expect(r.wards.map((w) => w.population)).toEqual([null, null, null, 1200]);
    expect(r.problems.map((p) => [p.feature, p.column, p.severity, p.reason])).toEqual([
      [1, 'population', 'warning', 'Ward 0: population "n/a" is not a number of people; £ per resident leaves this ward out'],
      [2, 'population', 'warning', 'Ward 1: population is blank; £ per resident leaves this ward out'],
      [3, 'population', 'warning', 'Ward 2: population "-3" is not a number of people; £ per resident leaves this ward out'],
    ]);
  });

  it('has no population when the file has no such column', () => {
    const r = parseWardsGeoJson(file([{ other: 1 }]), 'w.geojson');
    expect(r.populationField).toBeNull();
    expect(r.wards[0]!.population).toBeUndefined();
  });
});
