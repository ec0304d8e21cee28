import initSqlJs from 'sql.js';
import { readFileSync } from 'node:fs';
import { Engine } from '../renderer/engine/engine';
const SQL = await initSqlJs();
const rd = (f: string) => ({ name: f, bytes: new Uint8Array(readFileSync('/work/main/data/demo/' + f)) });
const times: number[] = [];
for (let i = 0; i < 6; i++) {
  const e = new Engine(SQL);
  const t = performance.now();
  await e.loadProject({ name: 'x', wards: rd('wards.geojson'), spend: [rd('spend.csv')] });
  times.push(performance.now() - t);
}
console.log(times.map((t) => t.toFixed(0)).join(' '));
