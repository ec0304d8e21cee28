// File › Open wards… with a GeoPackage, KML or KMZ: the same wards, the same spend placed, bad files refused.
import initSqlJs from 'sql.js';
import { resolve } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../renderer/engine/engine';
import { demoInput } from '../demo-input';
import { DEMO, FIXTURES, readBytes, readText } from '../paths';

const SQL = await initSqlJs();
const GPKG = resolve(FIXTURES, 'wards/bng-wards.gpkg');

/** The demo's wards written as KML by hand, as another tool would export them. */
function demoWardsKml(): string {
  const wards = JSON.parse(readText(resolve(DEMO, 'wards.geojson'))) as FeatureCollection<Polygon>;
  const placemarks = wards.features.map((f) => {
    const ring = f.geometry.coordinates[0]!.map((p) => `${p[0]},${p[1]},0`).join(' ');
    const data = Object.entries(f.properties ?? {}).map(([k, v]) => `<Data name="${k}"><value>${String(v)}</value></Data>`).join('');
    return `<Placemark><ExtendedData>${data}</ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>${ring}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder>${placemarks.join('\n')}</Folder></Document></kml>`;
}

async function demoEngine() {
  const engine = new Engine(SQL);
  const before = await engine.loadProject(demoInput());
  return { engine, before };
}

describe('Open wards from a GeoPackage, KML or KMZ', () => {
  it('reads the ward layer of a GeoPackage in the National Grid and places the demo spend as its own wards do', async () => {
    const { engine, before } = await demoEngine();
    const result = await engine.replaceWards({ name: 'bng-wards.gpkg', bytes: readBytes(GPKG) }, undefined, { layer: 'demo_wards_bng' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary.wardCount).toBe(20);
    expect(result.summary.sources.find((s) => s.kind === 'wards')).toMatchObject({ file: 'bng-wards.gpkg', encoding: 'GeoPackage, layer "demo_wards_bng"' });
    expect(result.summary.problems.map((p) => p.reason)).toContain('read the wards from layer "demo_wards_bng"; the file also has "bng_wards"');
    // Converted to the grid and back (within a metre): a point may fall the other side of a boundary only if it lay within a metre of it.
    expect(Math.abs(result.summary.placedLines - before.placedLines)).toBeLessThanOrEqual(2);
    expect(result.summary.totalPence).toBe(before.totalPence);
  });

  it('picks the layer named for wards when not told, and says which', async () => {
    const { engine } = await demoEngine();
    const result = await engine.replaceWards({ name: 'bng-wards.gpkg', bytes: readBytes(GPKG) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary.wardCount).toBe(1);
    expect(result.summary.problems.map((p) => p.reason)).toContain('read the wards from layer "bng_wards"; the file also has "demo_wards_bng"');
  });

  it('reads KML and KMZ, with the same wards and the same placing as the GeoJSON', async () => {
    const kml = demoWardsKml();
    for (const file of [
      { name: 'wards.kml', bytes: strToU8(kml) },
      { name: 'wards.kmz', bytes: zipSync({ 'doc.kml': strToU8(kml) }) },
    ]) {
      const { engine, before } = await demoEngine();
      const result = await engine.replaceWards(file);
      expect(result.ok, file.name).toBe(true);
      if (!result.ok) return;
      expect(result.summary.wardCount).toBe(before.wardCount);
      expect(result.summary.placedLines).toBe(before.placedLines);
      expect(result.summary.placedPence).toBe(before.placedPence);
    }
  });

  it('refuses a truncated GeoPackage with a message, keeping the wards it had', async () => {
    const { engine, before } = await demoEngine();
    const bytes = readBytes(GPKG);
    const result = await engine.replaceWards({ name: 'cut.gpkg', bytes: bytes.slice(0, Math.floor(bytes.length / 3)) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ file: 'cut.gpkg', severity: 'error' });
    const after = await engine.summary();
    expect(after.wardCount).toBe(before.wardCount);
    expect(after.placedLines).toBe(before.placedLines);
  });
});
