// Synthetic spend CSVs for the import figures: Transparency-Code columns, coordinates over Camden, deterministic.

import { seededRandom, syntheticWards } from '../fixtures/synthetic-wards';
import type { Engine } from '../../renderer/engine/engine';

const DEPARTMENTS = ['Adult Social Care', 'Youth Services', 'Housing - Estate Management', 'Parks and Open Spaces', 'Finance', 'Highways'];
const PURPOSES = ['Home care', 'Youth club sessions', 'Communal repairs', 'Tree works', 'Audit fees', 'Road resurfacing'];

export function syntheticSpendCsv(n: number, seed = 5): string {
  const random = seededRandom(seed);
  const parts: string[] = ['Payment Date,Beneficiary Name,Purpose,Organisational Unit,Amount GBP,Unique Identifier,Longitude,Latitude'];
  for (let i = 0; i < n; i++) {
    const d = 1 + Math.floor(random() * 28);
    const m = 1 + Math.floor(random() * 12);
    const k = Math.floor(random() * DEPARTMENTS.length);
    const pence = 50000 + Math.floor(random() * 5000000);
    const lon = -0.215 + random() * 0.11;
    const lat = 51.51 + random() * 0.065;
    parts.push(`${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/2023,Supplier ${Math.floor(random() * 2000)} Ltd,${PURPOSES[k]},${DEPARTMENTS[k]},${(pence / 100).toFixed(2)},T${i},${lon.toFixed(6)},${lat.toFixed(6)}`);
  }
  return parts.join('\n') + '\n';
}

/**
 * A project of n synthetic lines with coordinates, over wards tiling their box (so every line is located), loaded
 * into the engine; throws if any line is left unplaced. Returns the wards.
 */
export async function loadSyntheticProject(engine: Engine, n: number) {
  const wards = syntheticWards(6, 5, 7, -0.216, 51.509, 0.112, 0.067);
  const geojson = { type: 'FeatureCollection', features: wards.map((w) => ({ type: 'Feature', properties: { code: w.code, name: w.name }, geometry: w.geometry })) };
  const summary = await engine.loadProject({
    name: 'bench',
    wards: { name: 'wards.geojson', bytes: new TextEncoder().encode(JSON.stringify(geojson)) },
    spend: [{ name: 'spend.csv', bytes: new TextEncoder().encode(syntheticSpendCsv(n)) }],
  });
  if (summary.placedLines !== n) throw new Error(`expected ${n} located lines, got ${summary.placedLines}`);
  return wards;
}
