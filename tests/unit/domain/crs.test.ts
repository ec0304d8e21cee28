import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { resolve } from 'node:path';
import { bngToWgs84, gridToOsgb36, looksLikeBng } from '../../../renderer/domain/crs';
import { SHARED_DATA, readText } from '../../paths';

const deg = (d: number, m: number, s: number) => d + m / 60 + s / 3600;

/** Metres between two lon/lat points (equirectangular; fine over metres). */
function metres(a: [number, number], b: [number, number]): number {
  const k = Math.PI / 180;
  const x = (b[0] - a[0]) * k * Math.cos(((a[1] + b[1]) / 2) * k);
  const y = (b[1] - a[1]) * k;
  return Math.hypot(x, y) * 6371000;
}

describe('British National Grid to WGS84', () => {
  it("inverts the projection as in the Ordnance Survey's worked example (Caister water tower)", () => {
    const [lat, lon] = gridToOsgb36(651409.903, 313177.27);
    expect((lat * 180) / Math.PI).toBeCloseTo(deg(52, 39, 27.2531), 7);
    expect((lon * 180) / Math.PI).toBeCloseTo(deg(1, 43, 4.5177), 7);
  });

  it("matches the longitude/latitude Camden publishes beside each polling station's easting/northing, within 5 m", () => {
    const rows = Papa.parse<Record<string, string>>(readText(resolve(SHARED_DATA, 'camden/places/polling-stations.csv')), { header: true, skipEmptyLines: true }).data;
    const distances = rows
      .filter((r) => r.Easting && r.Longitude)
      .map((r) => metres(bngToWgs84(Number(r.Easting), Number(r.Northing)), [Number(r.Longitude), Number(r.Latitude)]));
    expect(distances.length).toBeGreaterThan(50);
    const sorted = [...distances].sort((a, b) => a - b);
    // Camden rounds to 5–6 decimal places (about a metre); the Helmert transform is good to a few metres.
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(3);
    expect(sorted[Math.floor(sorted.length * 0.95)]).toBeLessThan(5);
  });

  it('is not the naive reprojection that ignores the datum shift (about 100 m off)', () => {
    const [lat, lon] = gridToOsgb36(530050, 183321);
    const naive: [number, number] = [(lon * 180) / Math.PI, (lat * 180) / Math.PI];
    expect(metres(naive, bngToWgs84(530050, 183321))).toBeGreaterThan(80);
  });

  it('tells grid metres from degrees', () => {
    expect(looksLikeBng(529138, 183621)).toBe(true);
    expect(looksLikeBng(-0.13, 51.5)).toBe(false);
    expect(looksLikeBng(2_000_000, 100)).toBe(false);
  });
});
