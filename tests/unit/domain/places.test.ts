import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import { PlaceMatcher, normalisePlaceName, parsePlacesCsv, parsePlacesGeoJson } from '../../../renderer/domain/places';
import { parseWardsGeoJson } from '../../../renderer/domain/wards';
import { WardIndex } from '../../../renderer/domain/spatial';
import { Locator } from '../../../renderer/domain/locate';
import { DEMO, SHARED_DATA, readText } from '../../paths';

const camdenPlaces = (file: string, kind: string) => parsePlacesCsv(readText(resolve(SHARED_DATA, 'camden/places', file)), file, kind);

describe("Camden's published places", () => {
  it.each([
    ['libraries.csv', 13],
    ['polling-stations.csv', 61],
    ['public-toilets.csv', 39],
    ['reception-centres.csv', 19],
    ['schools.csv', 658],
  ])('%s: every row is a place or a listed problem', (file, rows) => {
    const r = camdenPlaces(file, 'place');
    expect(r.rows).toBe(rows);
    expect(r.places.length + r.problems.filter((p) => p.severity === 'error').length).toBe(rows);
    expect(r.places.length).toBeGreaterThan(rows * 0.9);
  });

  it('reads the kind from the file where it says, names from its own columns, positions from the National Grid', () => {
    const schools = camdenPlaces('schools.csv', 'school');
    expect(schools.places[0]).toMatchObject({ name: 'Ivy House School', kind: 'Other independent school' });
    const libraries = camdenPlaces('libraries.csv', 'library');
    const belsize = libraries.places.find((p) => p.name === 'Belsize Community Library')!;
    expect(belsize.lon).toBeCloseTo(-0.1727, 3);
    expect(belsize.lat).toBeCloseTo(51.5434, 3);
    const stations = camdenPlaces('polling-stations.csv', 'polling station');
    expect(stations.places[0]).toMatchObject({ name: 'ACOL BRIDGE CLUB', kind: 'polling station' });
  });

  it("flags rows whose published lon/lat disagree with their easting/northing", () => {
    const r = parsePlacesCsv('Name,Easting,Northing,Longitude,Latitude\nA,529138,183621,-0.1408,51.5385\nB,529138,183621,0.5,51.5\n', 'x.csv', 'place');
    expect(r.problems.map((p) => [p.row, p.severity])).toEqual([[3, 'warning']]);
    expect(r.problems[0]!.reason).toMatch(/B: longitude\/latitude are \d+ m from the easting\/northing/);
  });
});

describe('the demo places register', () => {
  it('reads estates and parks as polygons with a point inside each, the rest as points', () => {
    const r = parsePlacesGeoJson(readText(resolve(DEMO, 'places.geojson')), 'places.geojson');
    expect(r.problems).toEqual([]);
    const estates = r.places.filter((p) => p.kind === 'estate');
    expect(estates.length).toBeGreaterThan(15);
    for (const e of estates) {
      expect(e.geometry.type).toBe('Polygon');
      expect(booleanPointInPolygon([e.lon, e.lat], e.geometry as never)).toBe(true);
    }
  });
});

describe('PlaceMatcher', () => {
  const place = (name: string, aliases: string[] = []) => ({ name, kind: 'estate', aliases, geometry: { type: 'Point' as const, coordinates: [0.5, 0.5] }, lon: 0.5, lat: 0.5, source: 't' });
  const matcher = new PlaceMatcher([place("St Mary's Court estate", ['Marys Court']), place('Oak House'), place('Oak  House ')]);

  it('matches names and aliases however they are written', () => {
    expect(normalisePlaceName("St. Mary's Court & Gardens")).toBe('saint marys court and gardens');
    expect(matcher.match('saint marys court estate')).toMatchObject({ found: true });
    expect(matcher.match('MARYS COURT')).toMatchObject({ found: true });
  });

  it('never guesses between two places with the same name', () => {
    expect(matcher.match('oak house')).toMatchObject({ found: false, reason: 'ambiguous' });
    expect(matcher.match('Elm House')).toMatchObject({ found: false, reason: 'not-found' });
  });

  it('places a line by its place name, after coordinates and postcode', () => {
    const wards = parseWardsGeoJson(readText(resolve(import.meta.dirname, '../../fixtures/wards/mixed-wards.geojson')), 'mixed.geojson').wards;
    const locator = new Locator(new WardIndex(wards), wards, { places: matcher });
    const base = { lon: null, lat: null, postcode: '', placeName: '', wardName: '', wardCode: '' };
    expect(locator.locate({ ...base, placeName: "St Mary's Court estate" })).toEqual({ placed: true, method: 'place', wardCode: 'W2', lon: 0.5, lat: 0.5, from: 'place name column' });
    expect(locator.locate({ ...base, placeName: 'Oak House' })).toEqual({ placed: false, reason: 'place-ambiguous' });
    expect(locator.locate({ ...base, placeName: 'Elm House' })).toEqual({ placed: false, reason: 'place-not-found' });
  });
});
