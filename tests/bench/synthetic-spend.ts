// Synthetic spend CSVs for the import figures: Transparency-Code columns, coordinates over Camden, deterministic.

import { seededRandom } from '../fixtures/synthetic-wards';

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
