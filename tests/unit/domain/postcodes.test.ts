import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { isPostcodeShaped, normalisePostcode, parsePostcodeDirectory, postcodeIn } from '../../../renderer/domain/postcodes';
import { parseWardsGeoJson } from '../../../renderer/domain/wards';
import { WardIndex } from '../../../renderer/domain/spatial';
import { CAMDEN_WARDS, SHARED_DATA, readText } from '../../paths';

describe('postcodes', () => {
  it('normalises and recognises postcodes', () => {
    expect(normalisePostcode(' nw1  2ab ')).toBe('NW12AB');
    expect(isPostcodeShaped('NW1 2AB')).toBe(true);
    expect(isPostcodeShaped('EC1A 1BB')).toBe(true);
    expect(isPostcodeShaped('W1A 0AX')).toBe(true);
    expect(isPostcodeShaped('Camden')).toBe(false);
  });

  it('finds the postcode at the end of an address, written with one space, and nothing in text without one', () => {
    expect(postcodeIn('One America Square, 17 Crosswall, London EC3N 2LB')).toBe('EC3N 2LB');
    expect(postcodeIn('nw12ab')).toBe('NW1 2AB');
    expect(postcodeIn('W1A 0AX')).toBe('W1A 0AX');
    // The last wins: a PO box or a former address comes before the postcode.
    expect(postcodeIn('formerly B17 0TP; now 2 Road, London NW1 0AA')).toBe('NW1 0AA');
    expect(postcodeIn('Unit 12A, Trading Estate')).toBe('');
    expect(postcodeIn('Flat 1A2 3BCD')).toBe('');
    expect(postcodeIn('')).toBe('');
  });

  it('reads an ONSPD-style directory with longitude/latitude, listing rows without a position', () => {
    const d = parsePostcodeDirectory('pcds,lat,long\nFN1 1AB,53.05,2.6\nFN1 1AD,99.999999,0.000000\n,53,2\n', 'onspd.csv');
    expect(d.columns?.system).toBe('wgs84');
    expect(d.points.get('FN11AB')).toEqual({ lon: 2.6, lat: 53.05 });
    expect(d.points.size).toBe(1);
    expect(d.problems.map((p) => p.row)).toEqual([3, 4]);
  });

  it('refuses a file without postcode and position columns, saying what it expected', () => {
    const d = parsePostcodeDirectory('a,b\n1,2\n', 'x.csv');
    expect(d.points.size).toBe(0);
    expect(d.problems[0]!.reason).toMatch(/postcode column.*longitude\/latitude or easting\/northing/);
  });

  it("places Camden's Code-Point Open postcodes (National Grid) inside Camden's 2022 wards: at least 99.5%", () => {
    const d = parsePostcodeDirectory(readText(resolve(SHARED_DATA, 'camden/postcodes-codepoint-2014.csv')), 'postcodes-codepoint-2014.csv');
    expect(d.columns).toMatchObject({ postcode: 'postcode', system: 'british-national-grid' });
    const rows = Papa.parse(readText(resolve(SHARED_DATA, 'camden/postcodes-codepoint-2014.csv')), { header: true, skipEmptyLines: true }).data.length;
    // Every row is either in the lookup or listed with its reason.
    expect(d.points.size + d.problems.length).toBe(rows);
    const wards = parseWardsGeoJson(readText(CAMDEN_WARDS), 'wards-2022.geojson').wards;
    const index = new WardIndex(wards);
    let inside = 0;
    for (const p of d.points.values()) if (index.wardAt(p.lon, p.lat)) inside++;
    const share = inside / d.points.size;
    expect(d.points.size).toBeGreaterThan(8000);
    expect(share, `${d.points.size - inside} postcodes fall outside every ward`).toBeGreaterThanOrEqual(0.995);
  });
});
