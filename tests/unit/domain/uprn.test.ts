import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { normaliseUprn, parseUprnTable } from '../../../renderer/domain/uprn';
import { bngToWgs84 } from '../../../renderer/domain/crs';
import { parsePostcodeDirectory } from '../../../renderer/domain/postcodes';
import { parseWardsGeoJson } from '../../../renderer/domain/wards';
import { WardIndex } from '../../../renderer/domain/spatial';
import { Locator, UNLOCATED_LABEL, type LocatableLine } from '../../../renderer/domain/locate';
import { CAMDEN_WARDS, SHARED_DATA, readText } from '../../paths';

const OS_OPEN_UPRN_HEADER = 'UPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE';

/** Metres between two lon/lat points (equirectangular; fine over metres). */
function metres(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const k = Math.PI / 180;
  const x = (b.lon - a.lon) * k * Math.cos(((a.lat + b.lat) / 2) * k);
  return Math.hypot(x, (b.lat - a.lat) * k) * 6371000;
}

describe('normaliseUprn', () => {
  it('reads 1 to 12 digits, whatever leading zeros the file added', () => {
    expect(normaliseUprn('5013')).toBe(5013);
    expect(normaliseUprn(' 000000005013 ')).toBe(5013);
    expect(normaliseUprn('100023336956')).toBe(100023336956);
    expect(normaliseUprn('999999999999')).toBe(999999999999);
    expect(normaliseUprn('0000999999999999')).toBe(999999999999);
  });

  it('refuses anything else', () => {
    for (const bad of ['', '   ', '0', '000', 'N/A', '1000233369561', '1.00023E+11', '10023 3369', '-5', '12a', '100023336956.0']) {
      expect(normaliseUprn(bad), bad).toBeNull();
    }
  });
});

describe('parseUprnTable', () => {
  it('reads an OS Open UPRN extract by its latitude/longitude, not its grid references', () => {
    // The grid columns here point elsewhere (Caister): only the latitude/longitude may be used.
    const d = parseUprnTable(`${OS_OPEN_UPRN_HEADER}\n5013,651409.9,313177.3,51.5194000,-0.1269000\n10023336956,651409.9,313177.3,51.5304,-0.1254\n`, 'osopenuprn.csv');
    expect(d.columns).toEqual({ uprn: 'UPRN', x: 'LONGITUDE', y: 'LATITUDE', system: 'wgs84' });
    expect(d.rows).toBe(2);
    expect(d.problems).toEqual([]);
    expect(d.points.get(5013)).toEqual({ lon: -0.1269, lat: 51.5194 });
    expect(d.points.get(10023336956)).toEqual({ lon: -0.1254, lat: 51.5304 });
  });

  it("converts an LLPG extract's eastings/northings as the postcode directory does (a Camden Code-Point postcode)", () => {
    const codepoint = readText(resolve(SHARED_DATA, 'camden/postcodes-codepoint-2014.csv'));
    const row = Papa.parse<Record<string, string>>(codepoint, { header: true, skipEmptyLines: true }).data.find((r) => r.postcode === 'NW1 0AA')!;
    expect([row.easting, row.northing]).toEqual(['529138', '183621']);
    const d = parseUprnTable(`uprn,easting,northing\r\n00005013,${row.easting},${row.northing}\r\n`, 'llpg.csv');
    expect(d.columns).toEqual({ uprn: 'uprn', x: 'easting', y: 'northing', system: 'british-national-grid' });
    const [lon, lat] = bngToWgs84(529138, 183621);
    expect(d.points.get(5013)).toEqual({ lon, lat });
    expect(d.points.get(5013)).toEqual(parsePostcodeDirectory(codepoint, 'codepoint.csv').points.get('NW10AA'));
    // Axes swapped or left in metres would land far outside the borough.
    const wards = parseWardsGeoJson(readText(CAMDEN_WARDS), 'wards-2022.geojson').wards;
    expect(new WardIndex(wards).wardAt(lon, lat)).not.toBeNull();
  });

  it('reads X_COORDINATE/Y_COORDINATE as the National Grid when there is no latitude/longitude', () => {
    const d = parseUprnTable('UPRN,X_COORDINATE,Y_COORDINATE\n7,529138.00,183621.00\n', 'x.csv');
    expect(d.columns?.system).toBe('british-national-grid');
    const [lon, lat] = bngToWgs84(529138, 183621);
    expect(d.points.get(7)).toEqual({ lon, lat });
  });

  it('lists every row it could not use, with its row and column, and keeps the rest', () => {
    const text = [
      OS_OPEN_UPRN_HEADER, //                   row 1
      '1,0,0,51.5,-0.1', //                     row 2: good
      'N/A,0,0,51.5,-0.1', //                   row 3: not a UPRN
      '1234567890123,0,0,51.5,-0.1', //         row 4: 13 digits
      ',0,0,51.5,-0.1', //                      row 5: no UPRN
      '2,0,0,0,0', //                           row 6: no position (0, 0)
      '3,0,0,,', //                             row 7: blank position
      '4,0,0,not,known', //                     row 8: unreadable position
      '', //                                    row 9: blank line, skipped
      '5,0,0,95,-0.1', //                       row 10: latitude out of range
      '8,0,0,49.766807,-7.557242', //           row 11: the National Grid's (0, 0), converted
      '1,0,0,51.6,-0.2', //                     row 12: repeated with a different position
      '000001,0,0,51.5,-0.1', //                row 13: repeated at the same position: silent
    ].join('\n');
    const d = parseUprnTable(text, 'bad.csv');
    expect([...d.points.keys()]).toEqual([1]);
    expect(d.points.get(1)).toEqual({ lon: -0.1, lat: 51.5 });
    expect(d.rows).toBe(11);
    expect(d.problems.map((p) => [p.row, p.column, p.severity])).toEqual([
      [3, 'UPRN', 'warning'],
      [4, 'UPRN', 'warning'],
      [5, 'UPRN', 'warning'],
      [6, 'LONGITUDE', 'warning'],
      [7, 'LONGITUDE', 'warning'],
      [8, 'LONGITUDE', 'warning'],
      [10, 'LONGITUDE', 'warning'],
      [11, 'LONGITUDE', 'warning'],
      [12, 'UPRN', 'warning'],
    ]);
    expect(d.problems[0]!.reason).toMatch(/"N\/A" is not a UPRN \(1 to 12 digits\)/);
    expect(d.problems[2]!.reason).toBe('no UPRN');
    expect(d.problems[3]!.reason).toMatch(/UPRN 2 has no usable position/);
    expect(d.problems[8]!.reason).toMatch(/UPRN 1 appears again at a different position.*the first is used/);
  });

  it('refuses a file without a UPRN column or a position, saying what it expected and what it found', () => {
    for (const text of ['uprn,address\n1,Town Hall\n', 'easting,northing\n529138,183621\n', 'UPRN,LATITUDE\n1,51.5\n']) {
      const d = parseUprnTable(text, 'x.csv');
      expect(d.points.size).toBe(0);
      expect(d.columns).toBeNull();
      expect(d.problems).toHaveLength(1);
      expect(d.problems[0]).toMatchObject({ file: 'x.csv', row: 1, severity: 'error' });
      expect(d.problems[0]!.reason).toMatch(/UPRN column.*longitude\/latitude or easting\/northing.*found: /);
      expect(d.problems[0]!.reason).toContain(`found: ${text.split('\n')[0]!.split(',').join(', ')}`);
    }
    expect(parseUprnTable('', 'empty.csv').problems[0]!.reason).toMatch(/found: nothing$/);
  });

  it('reads a file that starts with a UTF-8 byte order mark', () => {
    const d = parseUprnTable(`\uFEFF${OS_OPEN_UPRN_HEADER}\n5013,0,0,51.5194,-0.1269\n`, 'bom.csv');
    expect(d.columns?.uprn).toBe('UPRN');
    expect(d.points.get(5013)).toEqual({ lon: -0.1269, lat: 51.5194 });
  });

  it("reads the UPRNs in Camden's published schools register, each row a point or a listed problem", () => {
    const text = readText(resolve(SHARED_DATA, 'camden/places/schools.csv'));
    const d = parseUprnTable(text, 'schools.csv');
    expect(d.columns).toMatchObject({ uprn: 'Unique Property Reference Number', system: 'wgs84' });
    expect(d.rows).toBe(658);
    // 624 rows carry a UPRN; LaSWAP Sixth Form's has no easting/northing (0, 0), so its longitude/latitude is the grid's origin.
    expect(d.points.size).toBe(623);
    expect(d.points.size + d.problems.length).toBe(d.rows);
    expect(d.problems.filter((p) => p.reason === 'no UPRN')).toHaveLength(34);
    expect(d.problems.filter((p) => p.reason !== 'no UPRN').map((p) => p.reason)).toEqual(['UPRN 10029079 has no usable position (-7.557242, 49.766807)']);
    // The same register's eastings/northings, converted, land within a few metres of its longitudes/latitudes.
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    const llpg = ['uprn,easting,northing', ...rows.map((r) => `${r['Unique Property Reference Number']},${r.Easting},${r.Northing}`)].join('\n');
    const grid = parseUprnTable(llpg, 'schools-grid.csv');
    expect([...grid.points.keys()].sort()).toEqual([...d.points.keys()].sort());
    const distances = [...grid.points].map(([uprn, p]) => metres(p, d.points.get(uprn)!)).sort((a, b) => a - b);
    expect(distances[Math.floor(distances.length * 0.95)]).toBeLessThan(5);
  });
});

describe('the locating ladder with UPRNs (Camden 2022 wards)', () => {
  const wards = parseWardsGeoJson(readText(CAMDEN_WARDS), 'wards-2022.geojson').wards;
  const index = new WardIndex(wards);
  const wardName = (code: string) => wards.find((w) => w.code === code)?.name;
  const uprns = parseUprnTable(
    [
      OS_OPEN_UPRN_HEADER,
      '5013,0,0,51.5194,-0.1269', // British Museum: Bloomsbury
      '6000,0,0,51.5079,-0.0877', // London Bridge: outside Camden
    ].join('\n'),
    'uprns.csv',
  );
  const postcodes = parsePostcodeDirectory('pcds,lat,long\nNW1 2QP,51.5304,-0.1254\nSE1 9SG,51.5045,-0.0865\n', 'postcodes.csv'); // St Pancras: King's Cross
  const locator = new Locator(index, wards, { uprns, postcodes });
  const withoutTable = new Locator(index, wards, { postcodes });
  const base: LocatableLine = { lon: null, lat: null, uprn: '', postcode: '', placeName: '', wardName: '', wardCode: '' };

  it('places a line by its UPRN, at the property', () => {
    const loc = locator.locate({ ...base, uprn: '000005013' });
    expect(loc).toMatchObject({ placed: true, method: 'uprn', lon: -0.1269, lat: 51.5194 });
    expect(loc.placed && wardName(loc.wardCode)).toBe('Bloomsbury');
  });

  it('places a line by its coordinates before its UPRN', () => {
    const loc = locator.locate({ ...base, lon: -0.1527, lat: 51.5569, uprn: '5013' });
    expect(loc).toMatchObject({ placed: true, method: 'coordinates' });
    expect(loc.placed && wardName(loc.wardCode)).toBe('Highgate');
  });

  it('tries the UPRN when the coordinates lie outside every ward', () => {
    expect(locator.locate({ ...base, lon: 2.6, lat: 53, uprn: '5013' })).toMatchObject({ placed: true, method: 'uprn' });
    expect(locator.locate({ ...base, lon: 2.6, lat: 53, uprn: '404' })).toEqual({ placed: false, reason: 'outside-wards' });
  });

  it('places a line by its UPRN before its postcode', () => {
    const loc = locator.locate({ ...base, uprn: '5013', postcode: 'NW1 2QP' });
    expect(loc).toMatchObject({ placed: true, method: 'uprn' });
    expect(loc.placed && wardName(loc.wardCode)).toBe('Bloomsbury');
  });

  it('falls through to the postcode, a place or a named ward when the UPRN does not place the line', () => {
    for (const uprn of ['404', '6000', '1234567890123']) {
      const loc = locator.locate({ ...base, uprn, postcode: 'NW1 2QP' });
      expect(loc, uprn).toMatchObject({ placed: true, method: 'postcode' });
      expect(loc.placed && wardName(loc.wardCode)).toBe("King's Cross");
      expect(locator.locate({ ...base, uprn, wardName: 'Highgate' })).toMatchObject({ placed: true, method: 'ward-name' });
    }
    expect(withoutTable.locate({ ...base, uprn: '5013', postcode: 'NW1 2QP' })).toMatchObject({ placed: true, method: 'postcode' });
  });

  it('says why a line with a UPRN could not be placed', () => {
    expect(locator.locate({ ...base, uprn: '404' })).toEqual({ placed: false, reason: 'uprn-not-found' });
    // Not 1 to 12 digits: it cannot be in the table.
    expect(locator.locate({ ...base, uprn: '1234567890123' })).toEqual({ placed: false, reason: 'uprn-not-found' });
    expect(locator.locate({ ...base, uprn: '6000' })).toEqual({ placed: false, reason: 'uprn-outside-wards' });
    expect(withoutTable.locate({ ...base, uprn: '5013' })).toEqual({ placed: false, reason: 'uprn-not-looked-up' });
    for (const reason of ['uprn-not-found', 'uprn-outside-wards', 'uprn-not-looked-up'] as const) expect(UNLOCATED_LABEL[reason]).toMatch(/UPRN/);
  });

  it('keeps the UPRN reason when the rungs below fail too, as the postcode reason is kept above a place', () => {
    expect(locator.locate({ ...base, uprn: '404', postcode: 'ZZ9 9ZZ' })).toEqual({ placed: false, reason: 'uprn-not-found' });
    expect(locator.locate({ ...base, uprn: '6000', postcode: 'SE1 9SG' })).toEqual({ placed: false, reason: 'uprn-outside-wards' });
    expect(withoutTable.locate({ ...base, uprn: '5013', postcode: 'ZZ9 9ZZ', placeName: 'Somers Town' })).toEqual({ placed: false, reason: 'uprn-not-looked-up' });
    expect(locator.locate({ ...base, postcode: 'ZZ9 9ZZ' })).toEqual({ placed: false, reason: 'postcode-not-found' });
  });

  it('treats a placeholder with no digits, or no UPRN at all, as no UPRN', () => {
    expect(locator.locate({ ...base, uprn: 'N/A' })).toEqual({ placed: false, reason: 'no-location' });
    expect(withoutTable.locate({ ...base, uprn: 'unknown', postcode: 'ZZ9 9ZZ' })).toEqual({ placed: false, reason: 'postcode-not-found' });
    const { uprn: _, ...noUprn } = base;
    expect(locator.locate(noUprn)).toEqual({ placed: false, reason: 'no-location' });
  });
});
