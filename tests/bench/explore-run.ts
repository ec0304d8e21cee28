// Filter changes on a project of N located spend lines, in its own process: what the explore view waits for.
// tsx tests/bench/explore-run.ts N → prints {"lines","firstMs","changes":[ms…],"sortMs","peakRssMb"}.
// One change = explore (map and legend totals) + the table's first page + the open ward's profile, as the app asks.

import { startSqlNode } from '../../electron/sql-node';
import { Engine } from '../../renderer/engine/engine';
import { loadSyntheticProject } from './synthetic-spend';
import { defaultFilter, type SpendFilter } from '../../renderer/domain/spend-filter';
import type { TableSort } from '../../renderer/domain/spend-columns';

const n = Number(process.argv[2]);
let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const SQL = await startSqlNode();
const engine = new Engine(SQL);
const wards = await loadSyntheticProject(engine, n);
const ward = wards[Math.floor(wards.length / 2)]!.code;
const sort: TableSort = { key: 'amount', descending: true };

async function change(filter: SpendFilter): Promise<number> {
  const t0 = performance.now();
  await engine.explore(filter);
  await engine.tableRows(filter, sort, 0, 200);
  await engine.wardDetail(ward, filter);
  return performance.now() - t0;
}

// The first filter after a load also reads the lines into columns (once per change to the lines).
const d = defaultFilter();
const firstMs = await change(d);

// An officer's session: areas on and off, a department, months stepped through, a supplier typed letter by
// letter, an amount floor, confidence, a drawn box, and back to everything.
const script: SpendFilter[] = [];
script.push({ ...d, areas: ['youth', 'estates', 'green-spaces', 'other'] }, { ...d, areas: ['youth'] }, d);
script.push({ ...d, departments: ['Youth Services'] }, { ...d, departments: ['Finance'] }, d);
for (let m = 1; m <= 12; m++) {
  const mm = String(m).padStart(2, '0');
  script.push({ ...d, from: `2023-${mm}-01`, to: `2023-${mm}-28` });
}
for (const text of ['S', 'Su', 'Sup', 'Supp', 'Suppl', 'Supplier 1', 'Supplier 12', 'Supplier 123']) script.push({ ...d, supplierText: text });
script.push({ ...d, minPence: 1_000_000 }, { ...d, minPence: 1_000_000, maxPence: 2_000_000 });
script.push({ ...d, methods: ['coordinates', 'uprn'] }, { ...d, unlocated: false, redacted: false });
script.push({ ...d, bbox: [-0.2, 51.52, -0.15, 51.55] }, { ...d, bbox: [-0.18, 51.53, -0.17, 51.54], areas: ['youth'] });
script.push({ ...d, missions: ['young-people'] }, d);
const changes: number[] = [];
for (const f of script) changes.push(await change(f));

// A sort by another column builds that column's order once.
const t0 = performance.now();
await engine.tableRows(d, { key: 'supplier', descending: false }, 0, 200);
const sortMs = performance.now() - t0;

peak = Math.max(peak, process.memoryUsage().rss);
clearInterval(timer);
console.log(JSON.stringify({ lines: n, firstMs, changes, sortMs, peakRssMb: peak / 1048576 }));
