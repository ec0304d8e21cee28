import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { booleanPointInPolygon } from '@turf/turf';
import { crsFromPrj, readShapefileZip } from '../../../renderer/domain/shapefile';
import { parseWardsGeoJson, wardsFromGeoJson } from '../../../renderer/domain/wards';
import { labelPoint } from '../../../renderer/domain/spatial';
import { CAMDEN_WARDS, SHARED_DATA, readBytes, readText } from '../../paths';

const LONDON = resolve(SHARED_DATA, 'london/boroughs-2022-bng-shapefile.zip');

/** The London zip with its parts changed: for the missing-.prj and damaged-file cases. */
function londonZipWith(change: (entries: Record<string, Uint8Array>) => void): Uint8Array {
  const entries = unzipSync(readBytes(LONDON));
  change(entries);
  return zipSync(entries);
}

describe('zipped shapefiles', () => {
  it("reads London's 33 boroughs from British National Grid into WGS84, with their names and codes", () => {
    const r = readShapefileZip(readBytes(LONDON), 'boroughs.zip');
    expect(r.crs).toBe('british-national-grid');
    expect(r.question).toBeNull();
    const wards = wardsFromGeoJson(r.collection, 'boroughs.zip');
    expect(wards.wards).toHaveLength(33);
    expect(wards.codeField).toBe('LAD22CD');
    expect(wards.nameField).toBe('LAD22NM');
    const camden = wards.wards.find((w) => w.name === 'Camden')!;
    expect(camden.code).toBe('E09000007');
    expect(booleanPointInPolygon([-0.1269, 51.5194], camden.geometry)).toBe(true); // British Museum
    expect(booleanPointInPolygon([-0.0877, 51.5079], camden.geometry)).toBe(false); // London Bridge
    // Every one of Camden's 2022 wards has its label point inside the converted Camden borough.
    for (const w of parseWardsGeoJson(readText(CAMDEN_WARDS), 'wards-2022.geojson').wards) expect(booleanPointInPolygon(labelPoint(w), camden.geometry), w.name).toBe(true);
  });

  it('asks, rather than guesses, when the .prj is missing and the numbers look like National Grid', () => {
    const bytes = londonZipWith((e) => delete e['london-2021-lad22-gen20.prj']);
    const asked = readShapefileZip(bytes, 'no-prj.zip');
    expect(asked.collection).toBeNull();
    expect(asked.question).toMatch(/no-prj\.zip has no \.prj file.*look like British National Grid metres/);
    const answered = readShapefileZip(bytes, 'no-prj.zip', { assumeCrs: 'british-national-grid' });
    expect(answered.collection?.features).toHaveLength(33);
  });

  it('refuses a coordinate system it cannot convert, naming it', () => {
    const bytes = londonZipWith((e) => (e['london-2021-lad22-gen20.prj'] = new TextEncoder().encode('PROJCS["WGS_1984_UTM_Zone_30N",GEOGCS["GCS_WGS_1984"]]')));
    const r = readShapefileZip(bytes, 'utm.zip');
    expect(r.collection).toBeNull();
    expect(r.problems[0]!.reason).toMatch(/cannot convert \(PROJCS\["WGS_1984_UTM_Zone_30N"/);
  });

  it('says what is wrong with a zip without a .shp, a cut-short .shp, or not a zip at all', () => {
    expect(readShapefileZip(zipSync({ 'readme.txt': new Uint8Array([65]) }), 'a.zip').problems[0]!.reason).toMatch(/no \.shp file \(it holds: readme\.txt\)/);
    const cut = londonZipWith((e) => (e['london-2021-lad22-gen20.shp'] = e['london-2021-lad22-gen20.shp']!.subarray(0, 60000)));
    const r = readShapefileZip(cut, 'cut.zip');
    expect(r.problems.some((p) => /cut short/.test(p.reason) && p.severity === 'error')).toBe(true);
    expect(r.collection!.features.length).toBeLessThan(33);
    expect(readShapefileZip(new Uint8Array([80, 75, 3, 4, 0, 0]), 'x.zip').problems[0]!.reason).toMatch(/not a readable zip/);
  });

  it('reads the coordinate systems named in .prj files', () => {
    expect(crsFromPrj(readText(resolve(import.meta.dirname, '../../fixtures/wards/british-national-grid.prj')))).toBe('british-national-grid');
    expect(crsFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]]]')).toBe('wgs84');
    expect(crsFromPrj('PROJCS["ETRS89 / UTM zone 31N"]')).toBeNull();
  });
});
