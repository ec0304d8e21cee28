// Saving and opening a project of N located spend lines, each step in its own process so its memory is its own.
// tsx tests/bench/project-run.ts save N FILE → builds the project, saves it to FILE as the desktop app does
//   (the engine's GeoPackage bytes, then an atomic write); prints {"lines","saveMs","bytes","peakRssMb"}.
// tsx tests/bench/project-run.ts open FILE → opens it and asks for the map data the first map frame needs;
//   prints {"lines","openMs","mapDataMs","peakRssMb"}.

import { startSqlNode } from '../../electron/sql-node';
import { readFileSync } from 'node:fs';
import { Engine } from '../../renderer/engine/engine';
import { writeFileAtomic } from '../../electron/files';
import { loadSyntheticProject } from './synthetic-spend';

const [step, arg1, arg2] = process.argv.slice(2);
let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const SQL = await startSqlNode();
const engine = new Engine(SQL);
const mb = (bytes: number) => bytes / 1048576;

if (step === 'save') {
  const n = Number(arg1);
  await loadSyntheticProject(engine, n);
  const t0 = performance.now();
  const bytes = await engine.saveProject();
  await writeFileAtomic(arg2!, bytes);
  const saveMs = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(timer);
  console.log(JSON.stringify({ lines: n, saveMs, bytes: bytes.length, peakRssMb: mb(peak) }));
} else if (step === 'open') {
  const t0 = performance.now();
  const bytes = new Uint8Array(readFileSync(arg1!));
  const opened = await engine.openProject({ name: 'bench.gpkg', bytes });
  if (!opened.ok) throw new Error(opened.problems.map((p) => p.reason).join('; '));
  const openMs = performance.now() - t0;
  const map = await engine.mapData();
  const mapDataMs = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(timer);
  console.log(JSON.stringify({ lines: opened.summary.lineCount, points: map.pointCount, openMs, mapDataMs, peakRssMb: mb(peak) }));
} else {
  throw new Error('usage: project-run.ts save N FILE | open FILE');
}
