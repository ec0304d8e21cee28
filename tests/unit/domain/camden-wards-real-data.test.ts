import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { parseWardsGeoJson } from '../../../renderer/domain/wards';
import { WardIndex } from '../../../renderer/domain/spatial';
import { CAMDEN_WARDS, SHARED_DATA, readText } from '../../paths';

const sameName = (a: string) => a.toLowerCase().replace(/['’]/g, '').replace(/&/g, 'and').replace(/[^a-z0-9]+/g, ' ').trim();

describe("Camden's own ward for each polling station", () => {
  it('equals the ward its coordinates fall in for at least 95% of stations (the boundaries are generalised)', () => {
    const index = new WardIndex(parseWardsGeoJson(readText(CAMDEN_WARDS), 'wards-2022.geojson').wards);
    const rows = Papa.parse<Record<string, string>>(readText(resolve(SHARED_DATA, 'camden/places/polling-stations.csv')), { header: true, skipEmptyLines: true }).data;
    const misses: string[] = [];
    let checked = 0;
    for (const r of rows) {
      if (!r.Longitude || !r['Ward Name']) continue;
      checked++;
      const ward = index.wardAt(Number(r.Longitude), Number(r.Latitude));
      if (!ward || sameName(ward.name) !== sameName(r['Ward Name'])) misses.push(`${r.Organisation} (${r['Ward Name']} → ${ward?.name ?? 'no ward'})`);
    }
    expect(checked).toBeGreaterThan(50);
    if (process.env.PLACELENS_REPORT) console.log(`${checked - misses.length}/${checked} match; misses: ${misses.join('; ')}`);
    expect((checked - misses.length) / checked, `misses: ${misses.join('; ')}`).toBeGreaterThanOrEqual(0.95);
  });
});
