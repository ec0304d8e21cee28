import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import { parseWardsGeoJson } from '../../../renderer/domain/wards';
import { WardIndex, labelPoint } from '../../../renderer/domain/spatial';
import { Locator } from '../../../renderer/domain/locate';
import { gridCells, WardGrid } from '../../../renderer/domain/ward-grid';
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
  it('places a line with nothing but a point (or none) by the point alone exactly as the ladder does', () => {
    expect(locator.pointDecidesBareLines).toBe(true);
    // A project with a postcode directory and the supplier's-address rung still decides bare lines by their point.
    const postcodes = { file: 'p.csv', rows: 0, columns: null, problems: [], points: new Map() };
    const withLookups = new Locator(index, wards, { postcodes, bySupplierAddress: true });
    let placed = 0;
    let outside = 0;
    for (let lon = -0.25; lon <= -0.08; lon += 0.005) {
      for (let lat = 51.49; lat <= 51.59; lat += 0.004) {
        const at = locator.atPoint(lon, lat);
        expect(at).toEqual(locator.locate({ ...base, lon, lat }));
        expect(withLookups.atPoint(lon, lat)).toEqual(withLookups.locate({ ...base, lon, lat, supplierPostcode: '' }));
        if (at.placed) placed++;
        else outside++;
      }
    }
    expect(placed).toBeGreaterThan(100);
    expect(outside).toBeGreaterThan(100);
    expect(locator.atPoint(NaN, NaN)).toEqual(locator.locate(base));
  });

  it('places a point by its ward found elsewhere, by a grid built from the wards it hands out, as atPoint does', () => {
    const { shapes, expectedPoints } = locator.wardShapes;
    expect(shapes.map((s) => s.bbox)).toEqual(wards.map((w) => w.bbox));
    // A grid of another size, as a reading worker sized for its file builds: the wards it finds are the same.
    const elsewhere = new WardGrid(structuredClone(shapes), { maxCells: gridCells(expectedPoints ?? 5000) });
    let placed = 0;
    for (let lon = -0.25; lon <= -0.08; lon += 0.005) {
      for (let lat = 51.49; lat <= 51.59; lat += 0.004) {
        const at = locator.atWard(elsewhere.indexAt(lon, lat), lon, lat);
        expect(at).toEqual(locator.atPoint(lon, lat));
        if (at.placed) placed++;
      }
    }
    expect(placed).toBeGreaterThan(100);
    expect(locator.atWard(elsewhere.indexAt(NaN, NaN), NaN, NaN)).toEqual(locator.locate(base));
  });

  it('says why a line could not be placed', () => {
    expect(locator.locate({ ...base, lon: 2.6, lat: 53 })).toEqual({ placed: false, reason: 'outside-wards' });
    expect(locator.locate({ ...base, postcode: 'NW1 2AB' })).toEqual({ placed: false, reason: 'postcode-not-looked-up' });
    expect(locator.locate({ ...base, placeName: 'Somers Town estate' })).toEqual({ placed: false, reason: 'place-not-looked-up' });
    expect(locator.locate(base)).toEqual({ placed: false, reason: 'no-location' });
  });
});

describe("Locator and the supplier's address", () => {
  const base = { lon: null, lat: null, postcode: '', placeName: '', wardName: '', wardCode: '' };
  // NW1 0AA at a point in Camden (Regent's Park ward); B17 0TP far outside it.
  const postcodes = { file: 'p.csv', rows: 2, columns: null, problems: [], points: new Map([['NW10AA', { lon: -0.1456, lat: 51.5319 }], ['B170TP', { lon: -1.95, lat: 52.46 }]]) };
  const off = new Locator(index, wards, { postcodes });
  const on = new Locator(index, wards, { postcodes, bySupplierAddress: true });

  it('never uses it unless asked', () => {
    expect(off.locate({ ...base, supplierPostcode: 'NW1 0AA' })).toEqual({ placed: false, reason: 'no-location' });
  });

  it('when asked, places a line nothing else places at its supplier\'s postcode, labelled as such', () => {
    const at = on.locate({ ...base, supplierPostcode: 'nw1 0aa' });
    expect(at).toMatchObject({ placed: true, method: 'supplier-address', lon: -0.1456, lat: 51.5319 });
    expect(at.placed && index.wardAt(-0.1456, 51.5319)?.code).toBe(at.placed ? at.wardCode : null);
  });

  it('comes after every other rung, the ward named in the data included, and keeps their reason when it cannot place', () => {
    expect(on.locate({ ...base, wardName: 'kings cross', supplierPostcode: 'NW1 0AA' })).toMatchObject({ method: 'ward-name' });
    expect(on.locate({ ...base, lon: -0.1269, lat: 51.5194, supplierPostcode: 'NW1 0AA' })).toMatchObject({ method: 'coordinates' });
    expect(on.locate({ ...base, postcode: 'ZZ1 1ZZ', supplierPostcode: 'B17 0TP' })).toEqual({ placed: false, reason: 'postcode-not-found' });
    expect(on.locate({ ...base, supplierPostcode: 'SW1A 1AA' })).toEqual({ placed: false, reason: 'no-location' });
  });
});
