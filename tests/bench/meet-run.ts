// Meeting places on a project of N located spend lines, in its own process: the whole analysis as the worker runs it.
// tsx tests/bench/meet-run.ts N → prints {"lines","considered","places","gaps","runs":[ms…],"hexMs","peakRssMb"}.

import initSqlJs from 'sql.js';
import { Engine } from '../../renderer/engine/engine';
import { loadSyntheticProject } from './synthetic-spend';
import { defaultFilter } from '../../renderer/domain/spend-filter';

const n = Number(process.argv[2]);
let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const engine = new Engine(await initSqlJs());
await loadSyntheticProject(engine, n);
const filter = defaultFilter();
// Reading the lines into columns happens once per change to the lines, and is the explore figures' business.
await engine.explore(filter);
const runs: number[] = [];
let last = await engine.meetingPlaces(filter);
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  last = await engine.meetingPlaces(filter);
  runs.push(performance.now() - t0);
}
const t0 = performance.now();
await engine.hexes(filter, 9);
const hexMs = performance.now() - t0;
peak = Math.max(peak, process.memoryUsage().rss);
clearInterval(timer);
console.log(JSON.stringify({ lines: n, considered: last.considered, places: last.places.length, gaps: last.gaps.length, candidates: last.candidates, runs, hexMs, peakRssMb: peak / 1048576 }));
