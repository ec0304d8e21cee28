// npm run bench: PlaceLens's figures as a table (or JSON with --json), to compare across versions.
// Each figure: { name, value, unit, goal }. Later issues add theirs to FIGURES below.

import initSqlJs from 'sql.js';
import { Engine } from '../../renderer/engine/engine';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readText } from '../paths';
import { syntheticSpendCsv } from './synthetic-spend';
import { demoInput } from '../demo-input';
import { launchChromium, openGuardedPage, startWebShell, waitForMapIdle } from '../e2e/harness';
import { booleanPointInPolygon } from '@turf/turf';
import { WardGrid } from '../../renderer/domain/ward-grid';
import { parseWardsGeoJson, unionBbox, type Ward } from '../../renderer/domain/wards';
import { CAMDEN_WARDS } from '../paths';
import { randomPoints, syntheticWards } from '../fixtures/synthetic-wards';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The goal, as "< 300" style text, or null for context figures. */
  goal: string | null;
  note?: string;
}

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

async function engineFigures(): Promise<Figure[]> {
  const SQL = await initSqlJs();
  const times: number[] = [];
  let lines = 0;
  for (let i = 0; i <= RUNS; i++) {
    const engine = new Engine(SQL);
    const input = demoInput();
    const t0 = performance.now();
    const s = await engine.loadProject(input);
    times.push(performance.now() - t0);
    lines = s.lineCount;
  }
  const [cold, ...warm] = times;
  return [
    { name: 'engine: load demo into sql.js and assign wards (median of 5)', value: round(median(warm)), unit: 'ms', goal: '< 300', note: `${lines} lines` },
    { name: 'engine: the same, first run in a fresh process', value: round(cold!), unit: 'ms', goal: null },
  ];
}

/**
 * Import throughput: parse, locate, classify and store N synthetic lines with coordinates, each size in its own
 * Node process (so peak memory is its own), beside the native sqlite3 CLI's .import of the same CSV.
 */
const IMPORT_RUNS = 3;

function importFigures(): Figure[] {
  const figures: Figure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'placelens-bench-'));
  for (const n of [100_000, 1_000_000]) {
    // Three imports, each in a fresh process: the median time (this machine drifts by a tenth from run to run),
    // and the highest peak memory of the three.
    const runs = Array.from({ length: IMPORT_RUNS }, () => {
      const out = execFileSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', resolve(import.meta.dirname, 'import-run.ts'), String(n)], { encoding: 'utf8', cwd: resolve(import.meta.dirname, '../..') });
      return JSON.parse(out.trim().split('\n').at(-1)!) as { lines: number; ms: number; peakRssMb: number; csvMb: number };
    }).sort((a, b) => a.ms - b.ms);
    const r = runs[Math.floor(runs.length / 2)]!;
    const label = n.toLocaleString('en-GB');
    const times = runs.map((x) => (x.ms / 1000).toFixed(2)).join(', ');
    figures.push({ name: `import ${label} lines with coordinates (parse, locate, classify, store), in Node (median of ${IMPORT_RUNS})`, value: Math.round(r.lines / (r.ms / 1000)), unit: 'lines/s', goal: '> 300000', note: `${(r.ms / 1000).toFixed(2)} s for ${round(r.csvMb)} MB (runs: ${times} s)` });
    if (n === 1_000_000) figures.push({ name: `import ${label} lines: peak memory (highest of ${IMPORT_RUNS})`, value: Math.round(Math.max(...runs.map((x) => x.peakRssMb))), unit: 'MB', goal: '< 1536' });
    let sqliteNote = 'sqlite3 not installed (apt-get install sqlite3)';
    let sqliteRate = 0;
    try {
      const csvPath = join(dir, `spend-${n}.csv`);
      writeFileSync(csvPath, syntheticSpendCsv(n));
      const t0 = performance.now();
      execFileSync('sqlite3', [':memory:', '-cmd', '.mode csv', `.import ${csvPath} spend`, 'SELECT COUNT(*) FROM spend;'], { encoding: 'utf8' });
      const seconds = (performance.now() - t0) / 1000;
      sqliteRate = Math.round(n / seconds);
      sqliteNote = `${round(seconds)} s, stores only`;
    } catch {
      // Reported in the note; the figure stays 0.
    }
    figures.push({ name: `import ${label} lines: native sqlite3 CLI .import of the same CSV`, value: sqliteRate, unit: 'lines/s', goal: null, note: sqliteNote });
    // What storing alone costs in sql.js (the same statement and binding path, nothing parsed, placed or sorted):
    // the floor under the end-to-end figure, whose other work runs beside it in the reading thread or before it.
    const stored = JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', resolve(import.meta.dirname, 'store-run.ts'), String(n)], { encoding: 'utf8', cwd: resolve(import.meta.dirname, '../..') }).trim().split('\n').at(-1)!) as { lines: number; ms: number };
    figures.push({ name: `import ${label} lines: storing alone in sql.js (the engine's INSERT, rows ready-made)`, value: Math.round(stored.lines / (stored.ms / 1000)), unit: 'lines/s', goal: null, note: `${round(stored.ms / 1000)} s` });
  }
  return figures;
}

/**
 * The project file: save and open a project of 1,000,000 located lines, each in its own process. Save is the
 * engine's GeoPackage bytes plus the atomic write the desktop app does; open is reading the file, checking and
 * copying it in, and the map data the first frame needs; then the same file opened in the web shell, timed to the
 * map's first idle with every point drawn.
 */
async function projectFileFigures(): Promise<Figure[]> {
  const n = 1_000_000;
  const file = join(mkdtempSync(join(tmpdir(), 'placelens-bench-')), 'bench.gpkg');
  const run = (...args: string[]) => {
    const out = execFileSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', resolve(import.meta.dirname, 'project-run.ts'), ...args], { encoding: 'utf8', cwd: resolve(import.meta.dirname, '../..') });
    return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
  };
  const saved = run('save', String(n), file);
  const opened = run('open', file);
  const label = n.toLocaleString('en-GB');
  const web = await openInWebShell(file, n);
  return [
    { name: `project file: save ${label} located lines (GeoPackage bytes + atomic write)`, value: round(saved.saveMs! / 1000), unit: 's', goal: '< 3' },
    { name: 'project file: save, process peak memory', value: Math.round(saved.peakRssMb!), unit: 'MB', goal: null, note: 'the import before it included' },
    { name: `project file: size with ${label} lines`, value: Math.round(saved.bytes! / 1e6), unit: 'MB', goal: '< 150' },
    { name: 'project file: open (read, check, copy in)', value: round(opened.openMs! / 1000), unit: 's', goal: null },
    { name: 'project file: open to map data ready (engine)', value: round(opened.mapDataMs! / 1000), unit: 's', goal: null, note: `${Math.round(opened.points!).toLocaleString('en-GB')} points (drawn from the engine's tiles, so none sent), in Node; the goal is the first map idle, below` },
    { name: 'project file: open peak memory', value: Math.round(opened.peakRssMb!), unit: 'MB', goal: null },
    { name: `project file: open ${label} lines in the web shell to the counts shown`, value: round(web.countsMs / 1000), unit: 's', goal: null, note: 'file picker to the filter bar reading the new count' },
    { name: `project file: open ${label} lines in the web shell to first map idle`, value: round(web.idleMs / 1000), unit: 's', goal: '< 4', note: 'points as the engine\'s tiles, one per 2 px; Chromium + SwiftShader, 1280×800' },
    { name: `project file: lines the map's point tiles stand for, ${label}-line project`, value: web.linesOnMap, unit: 'lines', goal: `= ${Math.round(opened.points!).toLocaleString('en-GB')}`, note: `sum of each drawn point's lines; ${web.features.toLocaleString('en-GB')} points drawn` },
    { name: `project file: ${label} lines, a service area switched off, to map idle`, value: round(web.toggleMs / 1000), unit: 's', goal: null, note: 'legend switch to new counts and new tiles drawn' },
  ];
}

/**
 * The project file opened in the web shell, timed to the new counts and to the map settled; the lines its points
 * stand for counted; a service area switched off and timed to the map settled again; then closed.
 */
async function openInWebShell(file: string, n: number): Promise<{ countsMs: number; idleMs: number; linesOnMap: number; features: number; toggleMs: number }> {
  const opened = await projectInWebShell(file, n, 600000);
  try {
    const { page } = opened;
    // Each drawn point stands for n lines (its cell's); over the tiles on screen they add up to the lines shown.
    const onMap = (await page.evaluate(`(() => {
      const fs = window.__placelensMap.querySourceFeatures('spend', { sourceLayer: 'spend' });
      return { lines: fs.reduce((n, f) => n + (f.properties.n ?? 1), 0), features: fs.length };
    })()`)) as { lines: number; features: number };
    mkdirSync(resolve(import.meta.dirname, '../../test-results/screenshots'), { recursive: true });
    await page.screenshot({ path: resolve(import.meta.dirname, '../../test-results/screenshots/bench-project-1m.png') });
    await page.evaluate(() => delete document.documentElement.dataset.mapState);
    const t0 = performance.now();
    await page.getByTestId('toggle-social-care').click();
    await page.waitForFunction((t) => !document.querySelector('[data-testid=filter-count]')?.textContent?.startsWith(t), `${n.toLocaleString('en-GB')} lines`, { timeout: 120000, polling: 50 });
    await waitForMapIdle(page, 120000);
    const toggleMs = performance.now() - t0;
    return { countsMs: opened.countsMs, idleMs: opened.idleMs, linesOnMap: onMap.lines, features: onMap.features, toggleMs };
  } finally {
    await opened.close();
  }
}

/** Filter changes as the explore view makes them: engine figures at 100k and 1M lines, then the map in Chromium at 100k. */
async function exploreFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const n of [100_000, 1_000_000]) {
    const out = execFileSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', resolve(import.meta.dirname, 'explore-run.ts'), String(n)], { encoding: 'utf8', cwd: resolve(import.meta.dirname, '../..') });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as { firstMs: number; changes: number[]; sortMs: number; peakRssMb: number };
    const label = n.toLocaleString('en-GB');
    const note = `${r.changes.length} changes: explore + table page + ward profile, in Node`;
    figures.push({ name: `explore ${label} lines: filter change, engine, median`, value: round(median(r.changes)), unit: 'ms', goal: n === 100_000 ? '< 50' : '< 300', note });
    figures.push({ name: `explore ${label} lines: filter change, engine, 95th percentile`, value: round(p95(r.changes)), unit: 'ms', goal: n === 100_000 ? '< 100' : null });
    figures.push({ name: `explore ${label} lines: first filter after the lines change (reads them into columns)`, value: round(r.firstMs), unit: 'ms', goal: null });
    figures.push({ name: `explore ${label} lines: first sort by another column`, value: round(r.sortMs), unit: 'ms', goal: null });
  }
  figures.push(...(await exploreWebFigures()));
  return figures;
}

/** In Chromium: a 100k-line project opened in the web shell, a filter changed until the map is idle again, and panning. */
async function exploreWebFigures(): Promise<Figure[]> {
  const n = 100_000;
  const { page, close } = await syntheticProjectInWebShell(n);
  try {
    await page.getByTestId('toggle-table').click();
    await page.getByTestId('spend-row').first().waitFor({ timeout: 60000 });
    const departments = ['Youth Services', 'Finance', 'Highways', '', 'Adult Social Care', 'Parks and Open Spaces', ''];
    const changes: number[] = [];
    for (let round_ = 0; round_ < 3; round_++) {
      for (const dept of departments) {
        changes.push(
          // A string, not a function: tsx would wrap named helpers in __name(), which the page does not have.
          Number(await page.evaluate(`(async (dept) => {
            const map = window.__placelensMap;
            const count = () => document.querySelector('[data-testid=filter-count]')?.textContent ?? '';
            // Rows are placeholders from the commit that shows the new count until the table's page arrives.
            const rows = () => document.querySelector('[data-testid=spend-row]') !== null;
            const frame = () => new Promise((r) => requestAnimationFrame(r));
            const before = count();
            const select = document.querySelector('[data-testid=filter-department]');
            const t0 = performance.now();
            select.value = dept;
            select.dispatchEvent(new Event('change', { bubbles: true }));
            while (count() === before || !rows()) await frame();
            // The new style reaches the map in the effect after React's commit; then wait for the map to settle.
            await frame();
            await new Promise((r) => { map.once('idle', () => r()); map.triggerRepaint(); });
            return performance.now() - t0;
          })(${JSON.stringify(dept)})`)),
        );
      }
    }
    // Panning with every point shown: frame intervals while the map is moved continuously.
    await page.getByTestId('clear-filters').click().catch(() => {});
    await waitForMapIdle(page);
    const frames = (await page.evaluate(`(async () => {
      const map = window.__placelensMap;
      const times = [];
      let last = performance.now();
      const onRender = () => { const now = performance.now(); times.push(now - last); last = now; };
      map.on('render', onRender);
      for (const d of [[200, 0], [0, 150], [-200, 0], [0, -150]]) {
        map.panBy(d, { duration: 1000, easing: (t) => t });
        await new Promise((r) => setTimeout(r, 1100));
      }
      map.off('render', onRender);
      return times.slice(2);
    })()`)) as number[];
    const note = 'Chromium with SwiftShader (software WebGL) on 2 cores; a GPU draws far faster';
    return [
      { name: `explore ${n.toLocaleString('en-GB')} lines in the web shell: filter change to map idle, table and counts, median`, value: round(median(changes)), unit: 'ms', goal: '< 50', note },
      { name: `explore ${n.toLocaleString('en-GB')} lines in the web shell: the same, 95th percentile`, value: round(p95(changes)), unit: 'ms', goal: '< 100', note },
      { name: `map frame time while panning, ${n.toLocaleString('en-GB')} points shown, median`, value: round(median(frames)), unit: 'ms', goal: '< 16', note: `${frames.length} frames; ${note}` },
    ];
  } finally {
    await close();
  }
}

/**
 * A synthetic project of n located lines, saved by the engine under Node, then opened in the web shell through
 * File › Open project… as a person would; resolves once its lines are counted and the map has settled.
 */
async function syntheticProjectInWebShell(n: number): Promise<{ page: import('playwright-core').Page; close(): Promise<void> }> {
  const file = join(mkdtempSync(join(tmpdir(), 'placelens-bench-')), `synthetic-${n}.gpkg`);
  execFileSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', resolve(import.meta.dirname, 'project-run.ts'), 'save', String(n), file], { cwd: resolve(import.meta.dirname, '../..') });
  return projectInWebShell(file, n, 300000);
}

/**
 * File › Open project… with the demo on screen; resolves once the n lines are counted and the map has settled, with
 * the time from choosing the file to each.
 */
async function projectInWebShell(file: string, n: number, timeout: number): Promise<{ page: import('playwright-core').Page; close(): Promise<void>; countsMs: number; idleMs: number }> {
  const { server, url } = await startWebShell();
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    await server.close();
  };
  try {
    const { page } = await openGuardedPage(browser, { width: 1280, height: 800 });
    await page.goto(url);
    await waitForMapIdle(page);
    await page.getByTestId('file-menu').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-project').click();
    // Only an idle after the new project counts.
    await page.evaluate(() => delete document.documentElement.dataset.mapState);
    const t0 = performance.now();
    await (await chooser).setFiles(file);
    await page.waitForFunction((t) => document.querySelector('[data-testid=filter-count]')?.textContent?.startsWith(t), `${n.toLocaleString('en-GB')} lines`, { timeout, polling: 50 });
    const countsMs = performance.now() - t0;
    await waitForMapIdle(page, timeout);
    return { page, close, countsMs, idleMs: performance.now() - t0 };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * Workshop stories at 100,000 lines: a three-slide story (borough; one ward with two service areas; closer in with
 * the meeting places), presented, and each move to the next slide timed from the key press to the map idle with the
 * slide's figures in (the flight included).
 */
async function storyFigures(): Promise<Figure[]> {
  const n = 100_000;
  const { page, close } = await syntheticProjectInWebShell(n);
  try {
    type MapWindow = { __placelensMap: import('maplibre-gl').Map };
    const settle = async () => {
      await page.waitForFunction(() => !(window as unknown as MapWindow).__placelensMap.isMoving(), undefined, { timeout: 60000 });
      await waitForMapIdle(page, 60000);
    };
    await page.getByTestId('story-button').click();
    await settle();
    await page.getByTestId('add-slide').click();
    await page.getByTestId('slide-card').first().waitFor();
    await page.getByTestId('ward-picker').selectOption({ index: 2 });
    await page.getByTestId('ward-panel').waitFor();
    for (const off of ['social-care', 'green-spaces', 'other']) await page.getByTestId(`toggle-${off}`).click();
    await settle();
    await page.getByTestId('add-slide').click();
    await page.getByRole('button', { name: 'Close ward panel' }).click();
    for (const on of ['social-care', 'green-spaces', 'other']) await page.getByTestId(`toggle-${on}`).click();
    await page.evaluate(() => {
      const map = (window as unknown as MapWindow).__placelensMap;
      map.jumpTo({ center: map.getCenter(), zoom: map.getZoom() + 1.5 });
    });
    await page.getByTestId('layer-meeting').check();
    await page.getByTestId('meeting-list').or(page.getByTestId('meeting-none')).waitFor({ timeout: 120000 });
    await settle();
    await page.getByTestId('add-slide').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=slide-card]').length === 3);
    await page.keyboard.press('F5');
    await page.getByTestId('present-view').waitFor();
    await settle();
    const times: number[] = [];
    for (let round_ = 0; round_ < 3; round_++) {
      for (const key of ['ArrowRight', 'ArrowRight', 'Home']) {
        const t0 = Date.now();
        await page.keyboard.press(key);
        // The caption changes at once; ready is the map settled with the slide's data asked for and drawn.
        await page.waitForTimeout(50);
        await page.waitForFunction(() => document.querySelector('[data-testid=meeting-progress]') === null, undefined, { timeout: 120000 });
        await settle();
        times.push(Date.now() - t0);
      }
    }
    return [
      {
        name: `workshop story, ${n.toLocaleString('en-GB')} lines, web shell: slide to slide, key press to map idle (median of ${times.length})`,
        value: median(times),
        unit: 'ms',
        goal: '< 1500',
        note: `includes the ${900} ms flight; slowest ${Math.max(...times)} ms; Chromium + SwiftShader, 1280×800`,
      },
    ];
  } finally {
    await close();
  }
}

/** Meeting places: the whole analysis in the engine at 100k and 1M lines, then in the web shell at 100k and 1M. */
async function meetFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const n of process.env.MEET_WEB_ONLY ? [] : [100_000, 1_000_000]) {
    const out = execFileSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', resolve(import.meta.dirname, 'meet-run.ts'), String(n)], { encoding: 'utf8', cwd: resolve(import.meta.dirname, '../..') });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as { considered: number; places: number; candidates: number; runs: number[]; hexMs: number };
    const label = n.toLocaleString('en-GB');
    figures.push({
      name: `meeting places, ${label} lines: whole analysis (places, overlaps, gaps), engine, median of 3`, value: round(median(r.runs)), unit: 'ms', goal: n === 100_000 ? '< 1000' : '< 10000',
      note: `${r.considered.toLocaleString('en-GB')} located lines of the four areas; ${r.candidates.toLocaleString('en-GB')} circles tried; ${r.places} places; in Node`,
    });
    figures.push({ name: `hexes, ${label} lines: resolution 9`, value: round(r.hexMs), unit: 'ms', goal: null });
  }
  for (const n of process.env.MEET_WEB_ONLY ? [100_000] : [100_000, 1_000_000]) figures.push(...(await meetWebFigures(n)));
  return figures;
}

/**
 * In Chromium: a project of n lines opened in the web shell, the meeting-places layer switched on, and the time
 * until the list shows; meanwhile every main-thread task over 50 ms is recorded (Long Tasks API) and the progress
 * bar's updates counted.
 */
async function meetWebFigures(n: number): Promise<Figure[]> {
  const { page, close } = await syntheticProjectInWebShell(n);
  try {
    // A string, not a function (see exploreWebFigures). Long tasks are kept with their start, so those while the
    // worker computes ("meanwhile") are told from the map's own frames before and after.
    const measure = `(async () => {
      const longTasks = [];
      const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push([e.duration, e.startTime]); });
      observer.observe({ type: 'longtask' });
      let updates = 0;
      const seen = new MutationObserver(() => { if (document.querySelector('[data-testid=meeting-progress]')) updates++; });
      seen.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const t0 = performance.now();
      document.querySelector('[data-testid=layer-meeting]').click();
      const mark = (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
      while (!(mark('placelens:meeting-answered') > t0) || !document.querySelector('[data-testid=meeting-list], [data-testid=meeting-none]')) await frame();
      const ms = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 300));
      observer.disconnect();
      seen.disconnect();
      const asked = mark('placelens:meeting-asked');
      const answered = mark('placelens:meeting-answered');
      const meanwhile = longTasks.filter(([d, s]) => s + d > asked && s < answered).map(([d]) => d);
      document.querySelector('[data-testid=layer-meeting]').click();
      return { ms, workerMs: answered - asked, meanwhile, all: longTasks.map(([d]) => d), updates };
    })()`;
    type Run = { ms: number; workerMs: number; meanwhile: number[]; all: number[]; updates: number };
    const withPoints = (await page.evaluate(measure)) as Run;
    await waitForMapIdle(page);
    await page.getByTestId('layer-points').uncheck();
    await waitForMapIdle(page);
    const without = (await page.evaluate(measure)) as Run;
    // The baseline: the longest task when a map layer is switched on and off with the worker idle. Those are
    // MapLibre frames over 100k+ points in SwiftShader; on 2 cores they grow while the worker holds one.
    const baseline = (await page.evaluate(`(async () => {
      const lt = [];
      const o = new PerformanceObserver((l) => { for (const e of l.getEntries()) lt.push(e.duration); });
      o.observe({ type: 'longtask' });
      for (let i = 0; i < 2; i++) {
        document.querySelector('[data-testid=layer-heat]').click();
        await new Promise((r) => setTimeout(r, 1200));
      }
      o.disconnect();
      return lt;
    })()`)) as number[];
    const label = n.toLocaleString('en-GB');
    const longest = (xs: number[]) => round(Math.max(0, ...xs));
    const note = 'Chromium with SwiftShader (software WebGL) on 2 cores; the analysis runs in the engine worker';
    return [
      { name: `meeting places, ${label} lines, web shell: layer switched on to the ranked list shown`, value: round(without.ms), unit: 'ms', goal: n === 100_000 ? '< 1000' : '< 10000', note: `${round(without.workerMs)} ms of it in the worker; ${without.updates} progress-bar updates; spend points off; ${note}` },
      { name: `meeting places, ${label} lines, web shell: longest main-thread task while the worker computes`, value: longest(without.meanwhile), unit: 'ms', goal: '< 100', note: `${without.meanwhile.length} tasks over 50 ms; spend points off` },
      { name: `meeting places, ${label} lines, web shell: the same with every spend point drawn`, value: longest(withPoints.meanwhile), unit: 'ms', goal: null, note: `list in ${round(withPoints.ms)} ms` },
      { name: `web shell, ${label} lines: longest task when a map layer is switched, worker idle (baseline)`, value: longest(baseline), unit: 'ms', goal: null, note: 'MapLibre frames in SwiftShader: the long tasks above are these frames, not the analysis' },
    ];
  } finally {
    await close();
  }
}

/** Area briefs: the command line's batch of every demo ward, each brief's time from its own report, and the whole. */
async function briefFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'placelens-bench-'));
  const engine = new Engine(await initSqlJs());
  await engine.loadProject(demoInput());
  const project = join(dir, 'demo.gpkg');
  writeFileSync(project, await engine.saveProject());
  const t0 = performance.now();
  const out = execFileSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, '../../electron/cli.ts'), 'briefs', project, '--all-wards', '--out', join(dir, 'briefs')], {
    encoding: 'utf8', cwd: resolve(import.meta.dirname, '../..'), env: { ...process.env, PLACELENS_CHROMIUM: process.env.PLACELENS_CHROMIUM ?? '/usr/bin/chromium' },
  });
  const total = performance.now() - t0;
  // "3/20 Emberley (2.4 s)": each brief from asking for it to its PDF written.
  const each = [...out.matchAll(/^\d+\/\d+ .* \(([\d.]+) s\)$/gm)].map((m) => Number(m[1]) * 1000);
  const note = 'headless Chromium with SwiftShader on 2 cores; the first brief also finds the meeting places';
  return [
    { name: 'area brief: one ward to PDF (map, figures, print), median of the batch\'s briefs', value: round(median(each)), unit: 'ms', goal: '< 3000', note: `${each.length} briefs; ${note}` },
    { name: 'area brief: the slowest brief in the batch', value: round(Math.max(...each)), unit: 'ms', goal: null, note: 'the first: it finds the meeting places the rest reuse' },
    { name: `area briefs: batch of all ${each.length} demo wards from the command line, start to index`, value: round(total), unit: 'ms', goal: '< 40000', note: 'includes starting Chromium, the app, and opening the project' },
  ];
}

/** Ward assignment: the grid against a naive loop of turf over every ward, same points, same run. */
function wardAssignmentFigures(): Figure[] {
  const sets: { label: string; wards: Ward[]; naivePoints: number; goal: string }[] = [
    { label: "20 wards (Camden's)", wards: parseWardsGeoJson(readText(CAMDEN_WARDS), 'wards-2022.geojson').wards, naivePoints: 1_000_000, goal: '> 5000000' },
    { label: '700 synthetic wards', wards: syntheticWards(28, 25), naivePoints: 100_000, goal: '> 3000000' },
  ];
  const figures: Figure[] = [];
  for (const set of sets) {
    const { xs, ys } = randomPoints(1_000_000, unionBbox(set.wards.map((w) => w.bbox))!);
    let t0 = performance.now();
    const grid = new WardGrid(set.wards);
    const buildMs = performance.now() - t0;
    const out = new Int32Array(xs.length);
    const runs: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      t0 = performance.now();
      grid.assign(xs, ys, out);
      runs.push(performance.now() - t0);
    }
    const gridRate = xs.length / (median(runs) / 1000);
    t0 = performance.now();
    let mismatches = 0;
    for (let i = 0; i < set.naivePoints; i++) {
      const expected = set.wards.findIndex((w) => booleanPointInPolygon([xs[i]!, ys[i]!], w.geometry));
      if (expected !== out[i]) mismatches++;
    }
    const naiveRate = set.naivePoints / ((performance.now() - t0) / 1000);
    const withBuild = xs.length / ((median(runs) + buildMs) / 1000);
    figures.push(
      { name: `ward assignment, 1M points vs ${set.label}: grid, including building it`, value: Math.round(withBuild), unit: 'points/s', goal: set.goal, note: `grid built in ${round(buildMs)} ms` },
      { name: `ward assignment vs ${set.label}: grid, assignment only (median of 5)`, value: Math.round(gridRate), unit: 'points/s', goal: null, note: `${(grid.boundaryShare * 100).toFixed(1)}% of cells need exact tests` },
      { name: `ward assignment vs ${set.label}: naive turf loop`, value: Math.round(naiveRate), unit: 'points/s', goal: null, note: `${set.naivePoints.toLocaleString('en-GB')} points` },
      { name: `ward assignment vs ${set.label}: points where grid and naive loop differ`, value: mismatches, unit: 'points', goal: '< 1' },
    );
  }
  return figures;
}

async function webFigures(): Promise<Figure[]> {
  const { server, url } = await startWebShell();
  const browser = await launchChromium();
  const cold = { idle: [] as number[], data: [] as number[] };
  const warm = { idle: [] as number[], data: [] as number[] };
  const run = async (page: import('playwright-core').Page, into: { idle: number[]; data: number[] }) => {
    await page.goto(url);
    await waitForMapIdle(page);
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
    into.idle.push(marks['placelens:first-idle']!);
    into.data.push(marks['placelens:map-data']!);
  };
  try {
    // Cold: a fresh browser profile each time (no HTTP or V8 code cache), as on first start.
    for (let i = 0; i < RUNS; i++) {
      const g = await openGuardedPage(browser, { width: 1280, height: 800 });
      await run(g.page, cold);
      if (g.offHost.length) throw new Error(`requests left the machine: ${g.offHost.join(', ')}`);
      await g.page.context().close();
    }
    // Warm: the same profile reloaded, as the desktop app starts the second time (code cache in place).
    const g = await openGuardedPage(browser, { width: 1280, height: 800 });
    await run(g.page, { idle: [], data: [] });
    for (let i = 0; i < RUNS; i++) await run(g.page, warm);
    await g.page.context().close();
  } finally {
    await browser.close();
    await server.close();
  }
  const note = 'Chromium + SwiftShader, 1280×800';
  return [
    { name: 'web shell: navigation to first map idle, demo loaded, cold (median of 5)', value: round(median(cold.idle)), unit: 'ms', goal: '< 2000', note },
    { name: 'web shell: the same, warm reload (median of 5)', value: round(median(warm.idle)), unit: 'ms', goal: null, note },
    { name: 'web shell: navigation to map data ready, cold (median of 5)', value: round(median(cold.data)), unit: 'ms', goal: null },
    { name: 'web shell: navigation to map data ready, warm (median of 5)', value: round(median(warm.data)), unit: 'ms', goal: null },
  ];
}

function meets(f: Figure): string {
  if (!f.goal) return '';
  const m = /^([<>=])\s*([\d.,]+)$/.exec(f.goal);
  if (!m) return '';
  const goal = Number(m[2]!.replace(/,/g, ''));
  const ok = m[1] === '<' ? f.value < goal : m[1] === '>' ? f.value > goal : f.value === goal;
  return ok ? 'yes' : 'NO';
}

async function main() {
  const json = process.argv.includes('--json');
  // --only engine|wards|import|web|project|explore|meet|briefs|story runs one group, for quick checks while working on it.
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const groups: [string, () => Figure[] | Promise<Figure[]>][] = [
    ['engine', engineFigures],
    ['wards', wardAssignmentFigures],
    ['import', importFigures],
    ['web', webFigures],
    ['project', projectFileFigures],
    ['explore', exploreFigures],
    ['meet', meetFigures],
    ['briefs', briefFigures],
    ['story', storyFigures],
  ];
  const figures: Figure[] = [];
  for (const [name, run] of groups) if (!only || only === name) figures.push(...(await run()));
  if (json) {
    console.log(JSON.stringify(figures.map(({ name, value, unit, goal }) => ({ name, value, unit, goal })), null, 2));
    return;
  }
  const rows = figures.map((f) => [f.name, String(f.value), f.unit, f.goal ?? '', meets(f), f.note ?? '']);
  const head = ['figure', 'value', 'unit', 'goal', 'met', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}

await main();
