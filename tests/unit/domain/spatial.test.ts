import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import { parseWardsGeoJson } from '../../../renderer/domain/wards';
import { WardIndex, labelPoint } from '../../../renderer/domain/spatial';
import { Locator } from '../../../renderer/domain/locate';
import { CAMDEN_WARDS, readText } from '../../paths';

const { wards } = parseWardsGeoJson(readText(CAMDEN_WARDS), 'wards-2022.geojson');
const index = new WardIndex(wards);

describe('WardIndex.wardAt (Camden 2022 wards)', () => {
  it.each([
    [-0.1269, 51.5194, 'Bloomsbury'], // British Museum
    [-0.1527, 51.5569, 'Highgate'], // Parliament Hill area
    [-0.1254, 51.5304, "King's Cross"], // St Pancras
  ])('(%f, %f) is in %s', (lon, lat, name) => {
    expect(index.wardAt(lon, lat)?.name).toBe(name);
  });

  it('returns null outside the borough', () => {
    expect(index.wardAt(-0.0877, 51.5079)).toBeNull(); // London Bridge
    expect(index.wardAt(2.6, 53.05)).toBeNull();
  });

  it('agrees with a brute-force test over every ward for a grid of points', () => {
    let checked = 0;
    for (let lon = -0.215; lon <= -0.105; lon += 0.004) {
      for (let lat = 51.51; lat <= 51.575; lat += 0.003) {
        const brute = wards.find((w) => booleanPointInPolygon([lon, lat], w.geometry)) ?? null;
        expect(index.wardAt(lon, lat)?.code ?? null).toBe(brute?.code ?? null);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('puts every label inside its ward', () => {
    for (const w of wards) expect(booleanPointInPolygon(labelPoint(w), w.geometry)).toBe(true);
  });
});

describe('Locator', () => {
  const locator = new Locator(index, wards);
  const base = { lon: null, lat: null, postcode: '', placeName: '', wardName: '', wardCode: '' };
  it('places by coordinates first', () => {
    expect(locator.locate({ ...base, lon: -0.1269, lat: 51.5194, wardName: 'Highgate' })).toMatchObject({ placed: true, method: 'coordinates' });
  });
  it('falls back to a ward named in the data', () => {
    expect(locator.locate({ ...base, wardName: 'kings cross' })).toMatchObject({ placed: true, method: 'ward-name', lon: null });
    expect(locator.locate({ ...base, wardCode: 'e05013653' })).toMatchObject({ placed: true, wardCode: 'E05013653' });
  });
  it('says why a line could not be placed', () => {
    expect(locator.locate({ ...base, lon: 2.6, lat: 53 })).toEqual({ placed: false, reason: 'outside-wards' });
    expect(locator.locate({ ...base, postcode: 'NW1 2AB' })).toEqual({ placed: false, reason: 'postcode-not-looked-up' });
    expect(locator.locate({ ...base, placeName: 'Somers Town estate' })).toEqual({ placed: false, reason: 'place-not-looked-up' });
    expect(locator.locate(base)).toEqual({ placed: false, reason: 'no-location' });
  });
});
