import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import { readKml, readKmz } from '../../../renderer/domain/kml';
import { parseWardsGeoJson, wardsFromGeoJson } from '../../../renderer/domain/wards';
import { CAMDEN_WARDS, readText } from '../../paths';

const square = (x: number, y: number, size = 1) => `${x},${y},0 ${x + size},${y},0 ${x + size},${y + size},0 ${x},${y + size},0 ${x},${y},0`;
const polygon = (outer: string, ...holes: string[]) =>
  `<Polygon><outerBoundaryIs><LinearRing><coordinates>${outer}</coordinates></LinearRing></outerBoundaryIs>${holes
    .map((h) => `<innerBoundaryIs><LinearRing><coordinates>${h}</coordinates></LinearRing></innerBoundaryIs>`)
    .join('')}</Polygon>`;

/** Two wards with Data-style ExtendedData, one a MultiGeometry, one with a hole, inside nested folders, plus a point. */
const WARDS_KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document>
  <name>Test borough</name>
  <Folder><name>North</name>
    <Folder><name>Deeper</name>
      <Placemark>
        <name>Hilltop</name>
        <description><![CDATA[<b>Hill</b> &amp; dale]]></description>
        <ExtendedData>
          <Data name="WD22CD"><value>E05000101</value></Data>
          <Data name="WD22NM"><value>Hilltop &amp; Dale</value></Data>
        </ExtendedData>
        ${polygon(square(-0.2, 51.5, 0.1), '-0.17,51.53 -0.13,51.53 -0.13,51.57 -0.17,51.57 -0.17,51.53')}
      </Placemark>
    </Folder>
  </Folder>
  <Placemark>
    <name>A library</name>
    <Point><coordinates>-0.15,51.45</coordinates></Point>
  </Placemark>
  <Folder><name>Islands</name>
    <Placemark>
      <name>Two Isles</name>
      <ExtendedData>
        <Data name="WD22CD"><value>E05000102</value></Data>
        <Data name="WD22NM"><value>Two Isles</value></Data>
      </ExtendedData>
      <MultiGeometry>
        ${polygon(square(-0.1, 51.5, 0.05))}
        ${polygon(square(0, 51.5, 0.05))}
      </MultiGeometry>
    </Placemark>
  </Folder>
</Document>
</kml>`;

describe('KML ward boundaries', () => {
  it('reads polygon placemarks in nested folders, with ExtendedData, a hole and a MultiGeometry, and counts the point it skipped', () => {
    const r = readKml(WARDS_KML, 'wards.kml');
    expect(r.collection!.features).toHaveLength(2);
    expect(r.problems).toEqual([{ file: 'wards.kml', reason: '1 placemark holds no polygon and was skipped: "A library" (Point)', severity: 'warning' }]);
    const [hill, isles] = r.collection!.features;
    expect(hill!.properties).toEqual({ name: 'Hilltop', description: '<b>Hill</b> &amp; dale', WD22CD: 'E05000101', WD22NM: 'Hilltop & Dale' });
    expect(isles!.properties).toEqual({ name: 'Two Isles', WD22CD: 'E05000102', WD22NM: 'Two Isles' });
    const wards = wardsFromGeoJson(r.collection, 'wards.kml');
    expect(wards.problems).toEqual([]);
    expect(wards.codeField).toBe('WD22CD');
    expect(wards.nameField).toBe('WD22NM');
    expect(wards.wards.map((w) => [w.code, w.name, w.geometry.type])).toEqual([
      ['E05000101', 'Hilltop & Dale', 'Polygon'],
      ['E05000102', 'Two Isles', 'MultiPolygon'],
    ]);
    const hilltop = wards.wards[0]!.geometry as Polygon;
    expect(hilltop.coordinates).toHaveLength(2); // outer ring and the hole
    expect(hilltop.coordinates[0]![2]).toEqual([-0.1, 51.6]); // altitude dropped
    expect(booleanPointInPolygon([-0.19, 51.51], hilltop)).toBe(true);
    expect(booleanPointInPolygon([-0.15, 51.55], hilltop)).toBe(false); // in the hole
    expect((wards.wards[1]!.geometry as MultiPolygon).coordinates).toHaveLength(2);
    expect(wards.wards[1]!.bbox).toEqual([-0.1, 51.5, 0.05, 51.55]);
  });

  it('takes SchemaData, kml: prefixes, spaces after commas, and a name alone as the ward', () => {
    const kml = `<kml:kml xmlns:kml="http://www.opengis.net/kml/2.2"><kml:Document><kml:Placemark>
      <kml:name>Riverside</kml:name>
      <kml:ExtendedData><kml:SchemaData schemaUrl="#wards"><kml:SimpleData name="ward_code">012</kml:SimpleData></kml:SchemaData></kml:ExtendedData>
      <kml:Polygon><kml:outerBoundaryIs><kml:LinearRing><kml:coordinates>
        1, 2  2, 2
        2, 3  1, 3  1, 2
      </kml:coordinates></kml:LinearRing></kml:outerBoundaryIs></kml:Polygon>
    </kml:Placemark></kml:Document></kml:kml>`;
    const r = readKml(kml, 'schema.kml');
    expect(r.problems).toEqual([]);
    expect(r.collection!.features[0]!.properties).toEqual({ name: 'Riverside', ward_code: '012' });
    const wards = wardsFromGeoJson(r.collection, 'schema.kml');
    expect(wards.wards.map((w) => [w.code, w.name])).toEqual([['012', 'Riverside']]);
    expect(wards.wards[0]!.geometry).toEqual({ type: 'Polygon', coordinates: [[[1, 2], [2, 2], [2, 3], [1, 3], [1, 2]]] });
  });

  it('says what is wrong, rather than throwing, for bad input', () => {
    const reason = (text: string) => readKml(text, 'bad.kml').problems.map((p) => p.reason);
    expect(readKml('{"type":"FeatureCollection"}', 'bad.kml').collection).toBeNull();
    expect(reason('{"type":"FeatureCollection"}')[0]).toMatch(/^not a readable KML file: the XML is broken at line 1/);
    expect(reason('<kml><Document></kml>')[0]).toMatch(/XML is broken.*Document/);
    expect(reason('')[0]).toMatch(/not a readable KML file/);
    expect(reason('<gpx><trk/></gpx>')).toEqual(['not a KML file: it is XML whose top element is <gpx>, not <kml>']);
    expect(reason('<kml><Document/></kml>')).toEqual(['the KML holds no Placemarks']);
    expect(reason(`<kml><Placemark><name>Stop</name><Point><coordinates>1,2</coordinates></Point></Placemark>
      <Placemark><LineString><coordinates>1,2 3,4</coordinates></LineString></Placemark></kml>`)).toEqual([
      '2 placemarks hold no polygon and were skipped: "Stop" (Point), placemark 2 (LineString)',
      'the KML holds no Placemark polygons that could be read, so there are no ward boundaries',
    ]);
  });

  it('names the placemark, by name and number, whose coordinates are not numbers, and keeps the others', () => {
    const kml = `<kml><Document>
      <Placemark><name>Good</name>${polygon(square(1, 1))}</Placemark>
      <Placemark><name>Smudged</name>${polygon('1,1 2,1 two,2 1,1')}</Placemark>
      <Placemark>${polygon('1,1 2,1,0,9 1,1')}</Placemark>
      <Placemark><name>Hollow</name><Polygon><innerBoundaryIs><LinearRing><coordinates>${square(1, 1)}</coordinates></LinearRing></innerBoundaryIs></Polygon></Placemark>
    </Document></kml>`;
    const r = readKml(kml, 'smudged.kml');
    expect(r.collection!.features.map((f) => f.properties!.name)).toEqual(['Good']);
    expect(r.problems).toEqual([
      { file: 'smudged.kml', feature: 2, reason: 'placemark 2 "Smudged": coordinates "two,2" are not numbers (KML expects longitude,latitude[,altitude]); the placemark was not used', severity: 'error' },
      { file: 'smudged.kml', feature: 3, reason: 'placemark 3: coordinates "2,1,0,9" are not numbers (KML expects longitude,latitude[,altitude]); the placemark was not used', severity: 'error' },
      { file: 'smudged.kml', feature: 4, reason: 'placemark 4 "Hollow": a Polygon has no outer boundary; the placemark was not used', severity: 'error' },
    ]);
  });

  it('keeps the polygons of a MultiGeometry that also holds a point, saying what it left out', () => {
    const kml = `<kml><Placemark><name>Park</name><MultiGeometry><Point><coordinates>1.5,1.5</coordinates></Point>${polygon(square(1, 1))}</MultiGeometry></Placemark></kml>`;
    const r = readKml(kml, 'park.kml');
    expect(r.collection!.features[0]!.geometry.type).toBe('Polygon');
    expect(r.problems).toEqual([{ file: 'park.kml', feature: 1, reason: 'placemark 1 "Park": a part that is not a polygon (Point) was left out', severity: 'warning' }]);
  });
});

describe('KMZ ward boundaries', () => {
  it('reads doc.kml from a KMZ and hands it to the ward reader', () => {
    const kmz = zipSync({ 'files/icon.png': new Uint8Array([137, 80, 78, 71]), 'doc.kml': strToU8(WARDS_KML) });
    const r = readKmz(kmz, 'wards.kmz');
    const wards = wardsFromGeoJson(r.collection, 'wards.kmz');
    expect(wards.wards.map((w) => w.code)).toEqual(['E05000101', 'E05000102']);
    expect(r.problems.map((p) => p.file)).toEqual(['wards.kmz › doc.kml']);
  });

  it('reads another .kml when there is no doc.kml, and says which of several it read', () => {
    const r = readKmz(zipSync({ 'a/old.kml': strToU8('<kml/>'), 'wards.kml': strToU8(WARDS_KML) }), 'other.kmz');
    expect(r.collection!.features).toHaveLength(2);
    expect(r.problems[0]).toEqual({ file: 'other.kmz', reason: 'the KMZ holds 2 .kml files; wards.kml was read', severity: 'warning' });
  });

  it('says what is wrong with an empty KMZ, one without a .kml, and one that is not a zip', () => {
    const reason = (bytes: Uint8Array) => readKmz(bytes, 'x.kmz').problems.map((p) => p.reason);
    expect(reason(zipSync({}))).toEqual(['the KMZ is empty: it holds no files']);
    expect(reason(zipSync({ 'readme.txt': strToU8('hi'), 'pic.png': new Uint8Array([1]) }))).toEqual(['the KMZ holds no .kml file (it holds: readme.txt, pic.png)']);
    expect(reason(new Uint8Array([80, 75, 3, 4, 0, 0]))[0]).toMatch(/^not a readable KMZ \(zip\) file/);
    expect(reason(strToU8(WARDS_KML))[0]).toMatch(/^not a readable KMZ \(zip\) file/);
  });
});

/** A KML as QGIS or ogr2ogr writes one: SchemaData attributes, MultiGeometry for multipolygons. */
function toKml(collection: FeatureCollection<Polygon | MultiPolygon>): string {
  const ring = (r: Position[]) => `<LinearRing><coordinates>${r.map((p) => `${p[0]},${p[1]}`).join(' ')}</coordinates></LinearRing>`;
  const poly = (rings: Position[][]) => `<Polygon><outerBoundaryIs>${ring(rings[0]!)}</outerBoundaryIs>${rings.slice(1).map((h) => `<innerBoundaryIs>${ring(h)}</innerBoundaryIs>`).join('')}</Polygon>`;
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const placemarks = collection.features.map((f) => {
    const data = Object.entries(f.properties ?? {}).map(([k, v]) => `<SimpleData name="${k}">${escape(String(v))}</SimpleData>`).join('');
    const g = f.geometry;
    const geometry = g.type === 'Polygon' ? poly(g.coordinates) : `<MultiGeometry>${g.coordinates.map(poly).join('')}</MultiGeometry>`;
    return `<Placemark><name>${escape(String(f.properties?.WD22NM))}</name><ExtendedData><SchemaData schemaUrl="#wards">${data}</SchemaData></ExtendedData>${geometry}</Placemark>`;
  });
  return `<?xml version="1.0" encoding="utf-8" ?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><name>wards</name>\n${placemarks.join('\n')}\n</Folder></Document></kml>`;
}

describe("Camden's real 2022 wards through KML", () => {
  it('round-trips all 20 wards with their codes, names and identical coordinates', () => {
    const text = readText(CAMDEN_WARDS);
    const original = parseWardsGeoJson(text, 'wards-2022.geojson');
    expect(original.wards).toHaveLength(20);
    const r = readKml(toKml(JSON.parse(text) as FeatureCollection<Polygon | MultiPolygon>), 'camden.kml');
    expect(r.problems).toEqual([]);
    const back = wardsFromGeoJson(r.collection, 'camden.kml');
    expect(back.codeField).toBe('WD22CD');
    expect(back.nameField).toBe('WD22NM');
    expect(back.wards).toHaveLength(20);
    back.wards.forEach((w, i) => {
      const o = original.wards[i]!;
      expect([w.code, w.name]).toEqual([o.code, o.name]);
      expect(w.geometry, o.name).toEqual(o.geometry);
      expect(w.bbox).toEqual(o.bbox);
    });
    expect(back.wards.some((w) => w.geometry.type === 'MultiPolygon')).toBe(true);
  });
});
