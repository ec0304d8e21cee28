// One import of N synthetic spend lines through the engine, in its own process so its peak memory is its own.
// Usage: tsx tests/bench/import-run.ts N  → prints {"lines", "ms", "peakRssMb", "csvMb"} as JSON.

import { startSqlNode } from '../../electron/sql-node';
import { nodeSpendReader } from '../../electron/spend-reader-node';
import { Engine } from '../../renderer/engine/engine';
import { CAMDEN_WARDS, readBytes } from '../paths';
import { syntheticSpendCsv } from './synthetic-spend';

const n = Number(process.argv[2] ?? 100000);
const csv = new TextEncoder().encode(syntheticSpendCsv(n));
let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const SQL = await startSqlNode();
// As the command line runs it: the file read in a worker thread while the engine stores.
const reader = nodeSpendReader();
const engine = new Engine(SQL, reader);
// The reading worker starts with the engine, as the app's does when it opens; an import begins with it loaded.
await reader.ready?.();
const t0 = performance.now();
const summary = await engine.loadProject({ name: 'bench', wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) }, spend: [{ name: 'spend.csv', bytes: csv }] });
const ms = performance.now() - t0;
peak = Math.max(peak, process.memoryUsage().rss);
clearInterval(timer);
if (summary.lineCount !== n) throw new Error(`expected ${n} lines, got ${summary.lineCount}`);
console.log(JSON.stringify({ lines: n, ms, peakRssMb: peak / 1048576, csvMb: csv.length / 1048576, placed: summary.placedLines }));
