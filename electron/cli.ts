// The command line: the same domain and engine as the app, under plain Node (no Electron, no browser).
// npm run placelens -- import --wards FILE --spend FILE [--spend FILE…] [--postcodes FILE] [--uprns FILE] [--places FILE…]
//                             [--name NAME] [--profile NAME] [--out FILE.gpkg] [--json]
// npm run placelens -- info FILE.gpkg [--json]

import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync, fchmodSync } from 'node:fs';
import { briefIndex, findChromium, runBriefBatch } from './briefs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SqlJsStatic } from 'sql.js';
import { startSqlNode } from './sql-node';
import { nodeSpendReader } from './spend-reader-node';
import { Engine } from '../renderer/engine/engine';
import type { FileInput, ProjectSummary, SourceSummary } from '../renderer/engine/contract';
import { FEATURE_TABLES, GPKG_APPLICATION_ID, SCHEMA_VERSION } from '../renderer/engine/schema';
import { queryAll } from '../renderer/engine/sql';
import { describeProblem, type InputProblem } from '../renderer/domain/problems';
import { formatPounds } from '../renderer/domain/money';

export const USAGE = `PlaceLens command line

  npm run placelens -- import --wards FILE --spend FILE [--spend FILE ...]
                              [--postcodes FILE] [--uprns FILE] [--places FILE ...] [--name NAME]
                              [--profile NAME] [--place-by-supplier-address] [--out FILE.gpkg] [--json]

  Reads the files with the same code as the app, places and classifies every spend line,
  and prints the ledger: every row and every penny, placed or not and why.
  --json prints the project summary (ledger, sources, problems) as JSON.
  --out saves the project as a GeoPackage (.gpkg) the app opens and QGIS reads; an earlier
        file of that name is replaced only once the new one is completely written.
  --profile saves the spend files' columns under this name, for the next file with the same header.
  --place-by-supplier-address places lines that nothing else places at their supplier's own postcode
        (a supplier postcode or address column, found in the postcode directory), labelled as such.

  npm run placelens -- briefs FILE.gpkg (--all-wards | --ward CODE [--ward CODE ...]) --out FOLDER
                              [--landscape] [--chromium PATH]

  Prints each ward's area brief to FOLDER as "Ward name (CODE).pdf", with index.html and
  index.csv, using the app's own pages (built by npm run build:renderer, or npm test) in a
  headless Chromium or Chrome: PLACELENS_CHROMIUM or --chromium names one, else the usual
  places are tried. Ctrl+C stops after the brief in hand; the PDFs written are complete.

  npm run placelens -- info FILE.gpkg [--json]

  Opens a saved project and prints its name, file format, layers (features and extent),
  sources and ledger. --json prints the same as JSON.

Exit status: 0 done; 1 a file could not be used, read or written (file and reason on stderr); 2 usage.`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): Uint8Array;
}

const nodeIo: CliIo = {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
  readFile: (p) => new Uint8Array(readFileSync(p)),
};

const count = new Intl.NumberFormat('en-GB');

/** Warnings printed after an import, after every error: the rest are counted. */
const WARNINGS_PRINTED = 20;

function ledgerTable(s: ProjectSummary): string {
  const lines = [
    `${s.name}: ${s.wardCount} wards, ${count.format(s.lineCount)} spend lines, ${formatPounds(s.totalPence)}`,
    `placed ${count.format(s.placedLines)} lines, ${formatPounds(s.placedPence)}`,
    '',
    ...s.ledger.map((e) => `  ${e.status.padEnd(10)} ${e.reason.padEnd(28)} ${count.format(e.rows).padStart(8)} rows  ${e.pence !== null ? formatPounds(e.pence) : e.stated !== undefined ? `(states ${formatPounds(e.stated)}, not counted)` : ''}`),
    '',
    ...s.sources.map((x) => `  source ${x.kind.padEnd(9)} ${x.file} (${count.format(x.rows)} rows, ${x.encoding})${x.refused ? ' REFUSED' : ''}`),
  ];
  return lines.join('\n');
}

/** "1.2 MB, 1,234,567 bytes". */
function formatSize(bytes: number): string {
  const exact = `${count.format(bytes)} bytes`;
  if (bytes < 1000) return exact;
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'kB'] : bytes < 1e9 ? [bytes / 1e6, 'MB'] : [bytes / 1e9, 'GB'];
  return `${value.toFixed(1)} ${unit}, ${exact}`;
}

const errorCode = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

/** Why writing `path` failed, in plain words. */
function writeFailure(e: unknown, path: string): string {
  const code = errorCode(e);
  const reason = ({
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EACCES: 'not allowed to write in that folder',
    EPERM: 'not allowed to write in that folder',
    EROFS: 'the drive is read-only',
    ENOENT: `the folder ${dirname(path)} does not exist`,
    ENOTDIR: `${dirname(path)} is not a folder`,
    EISDIR: 'there is a folder of that name',
    ENAMETOOLONG: 'the name or the folder path is too long',
  } as Record<string, string>)[code ?? ''] ?? (e instanceof Error ? e.message : String(e));
  return `could not save ${path}: ${reason}${code ? ` (${code})` : ''}. Nothing was written there; an earlier file of that name is untouched.`;
}

/**
 * Writes a file so that a crash or a full disk leaves the old file or the new one, never half of each: a temporary
 * file beside it, flushed to disk, then renamed over it. On failure the temporary file is removed and this throws.
 * `afterFlush` is a test seam: it runs between the flush and the rename.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array, afterFlush?: () => void): void {
  const folder = dirname(path);
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx');
    // Keep an earlier file's permissions, so a shared project stays readable by the same people.
    const existing = statSync(path, { throwIfNoEntry: false });
    if (existing?.isFile()) fchmodSync(fd, existing.mode & 0o777);
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    afterFlush?.();
    renameSync(temp, path);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(temp, { force: true });
    throw e;
  }
  // Flush the folder too, so the rename survives a power cut; best effort (not every system can open a folder).
  try {
    const dir = openSync(folder, 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // The file is in place already; failing here would wrongly say it was not saved.
  }
}

/** A problem as one line, without naming the file twice when the reason already starts with its name. */
function problemLine(p: InputProblem): string {
  return p.reason.startsWith(p.file) && p.row === undefined && p.feature === undefined && p.column === undefined ? p.reason : describeProblem(p);
}

/** Runs one command; returns the exit status. */
export async function runCli(argv: string[], io: CliIo = nodeIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'import') return runImport(rest, io);
  if (command === 'info') return runInfo(rest, io);
  if (command === 'briefs') return runBriefs(rest, io);
  io.err(`placelens: unknown command "${command}"\n\n${USAGE}`);
  return 2;
}

/** The bytes of a file, or why it cannot be read. */
function readInput(io: CliIo, path: string): FileInput | string {
  try {
    return { name: basename(path), bytes: io.readFile(path) };
  } catch (e) {
    return `${path}: cannot be read (${errorCode(e) ?? (e as Error).message})`;
  }
}

async function runImport(args: string[], io: CliIo): Promise<number> {
  let values: {
    wards?: string; spend?: string[]; postcodes?: string; uprns?: string; places?: string[]; name?: string; profile?: string; json?: boolean; out?: string;
    'place-by-supplier-address'?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        wards: { type: 'string' },
        spend: { type: 'string', multiple: true },
        postcodes: { type: 'string' },
        uprns: { type: 'string' },
        places: { type: 'string', multiple: true },
        name: { type: 'string' },
        profile: { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        'place-by-supplier-address': { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (e) {
    io.err(`placelens: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!values.wards || !values.spend?.length) {
    io.err(`placelens: import needs --wards and at least one --spend\n\n${USAGE}`);
    return 2;
  }
  if (values.out !== undefined && !/\.gpkg$/i.test(values.out)) {
    io.err(`placelens: --out must name a GeoPackage file ending in .gpkg (the format the app saves projects in), not "${values.out}"`);
    return 2;
  }
  if (values.profile !== undefined && !values.profile.trim()) {
    io.err('placelens: --profile needs a name for the spend files\' columns');
    return 2;
  }
  const out = values.out === undefined ? null : resolve(values.out);
  if (out) {
    // Said before the import, which can take a while, rather than after it.
    const folder = statSync(dirname(out), { throwIfNoEntry: false });
    if (!folder?.isDirectory()) {
      io.err(`placelens: ${writeFailure(Object.assign(new Error('no folder'), { code: folder ? 'ENOTDIR' : 'ENOENT' }), out)}`);
      return 1;
    }
  }
  const files = [values.wards, ...values.spend, ...(values.postcodes ? [values.postcodes] : []), ...(values.uprns ? [values.uprns] : []), ...(values.places ?? [])].map((p) => readInput(io, p));
  const unreadable = files.filter((f): f is string => typeof f === 'string');
  if (unreadable.length) {
    for (const u of unreadable) io.err(`placelens: ${u}`);
    return 1;
  }
  const [wards, ...others] = files as FileInput[];
  const spend = others.slice(0, values.spend.length);
  let next = values.spend.length;
  const postcodes = values.postcodes ? others[next++] : undefined;
  const uprns = values.uprns ? others[next++] : undefined;
  const places = others.slice(next);

  const SQL = await startSqlNode();
  // Spend files are read in a worker thread, as the app reads them in a Web Worker, while the engine stores.
  const engine = new Engine(SQL, nodeSpendReader());
  const input = { name: values.name ?? basename(values.wards), wards: wards!, postcodes, uprns, places };
  const refused: string[] = [];
  let summary: ProjectSummary;
  if (values.profile === undefined) {
    summary = await engine.loadProject({ ...input, spend });
  } else {
    // Each spend file imported as the app's Import spend does, which saves its columns under the profile name. The
    // lines are placed and classified as loadProject would; a file with no usable columns is refused before it is
    // stored, so it is reported here rather than listed among the sources.
    await engine.loadProject({ ...input, spend: [] });
    for (const file of spend) {
      const result = await engine.importSpend(file, undefined, undefined, { profileName: values.profile });
      if (!result.ok) {
        for (const p of result.problems) io.err(problemLine(p));
        refused.push(file.name);
      }
    }
    summary = await engine.summary();
  }
  if (values['place-by-supplier-address']) summary = (await engine.setPlaceBySupplierAddress(true)).summary;
  refused.unshift(...summary.sources.filter((s) => s.refused).map((s) => s.file));
  // Errors, every one the summary holds; then the first warnings (a US-looking date can be on every line).
  const errors = summary.problems.filter((p) => p.severity === 'error');
  const warnings = summary.problems.filter((p) => p.severity !== 'error').slice(0, WARNINGS_PRINTED);
  for (const p of errors) io.err(describeProblem(p));
  for (const p of warnings) io.err(`warning: ${describeProblem(p)}`);
  if (summary.problemCount > errors.length + warnings.length) {
    io.err(`…and ${count.format(summary.problemCount - errors.length - warnings.length)} more problems (${count.format(summary.problemCount)} in all; --json gives the first ${summary.problems.length}, the project file keeps every one)`);
  }

  let saved: { file: string; bytes: number } | null = null;
  let saveError: string | null = null;
  if (out && refused.length) {
    saveError = `nothing was saved to ${out}, because not every input could be used`;
  } else if (out) {
    try {
      const bytes = engine.exportBytes();
      writeFileAtomic(out, bytes);
      saved = { file: out, bytes: bytes.length };
    } catch (e) {
      saveError = writeFailure(e, out);
    }
  }
  if (values.json) io.out(JSON.stringify(saved ? { ...summary, saved } : summary, null, 2));
  else io.out(ledgerTable(summary) + (saved ? `\n\nsaved ${saved.file} (${formatSize(saved.bytes)})` : ''));
  if (refused.length) io.err(`placelens: could not use ${refused.join(', ')}`);
  if (saveError) io.err(`placelens: ${saveError}`);
  return refused.length || saveError ? 1 : 0;
}

/** A feature table of a GeoPackage, as gpkg_contents and GDAL's gpkg_ogr_contents record it. */
export interface LayerInfo {
  table: string;
  geometryType: string | null;
  features: number;
  /** [west, south, east, north], or null when the layer has no geometries. */
  extent: [number, number, number, number] | null;
}

export interface ProjectInfo {
  file: string;
  bytes: number;
  name: string;
  format: {
    /** The PlaceLens project format the file is in. */
    schemaVersion: number;
    /** The format this PlaceLens writes. */
    currentVersion: number;
    /** Set when the file is in an older format, migrated in memory when opened and written in the current one when saved. */
    migratedFrom: number | null;
    /** "1.3.0" from the file's PRAGMA user_version; null when the file is not a GeoPackage (project format 1). */
    geopackage: string | null;
  };
  savedAt: string | null;
  layers: LayerInfo[];
  sources: SourceSummary[];
  summary: ProjectSummary;
  /** The workshop story and notes kept in the project. */
  story: { name: string; slides: string[]; notes: number };
  /** Place names in lines' words: phrases waiting for an answer, and the answers given. */
  placeNames: { waiting: number; accepted: number; rejected: number };
}

/** What the file itself records: its GeoPackage version, layers and saving time, read apart from the engine's copy. */
function readFileFacts(SQL: SqlJsStatic, bytes: Uint8Array): { geopackage: string | null; layers: LayerInfo[]; savedAt: string | null } {
  const db = new SQL.Database(bytes);
  try {
    const tables = new Set(queryAll(db, "SELECT name FROM sqlite_schema WHERE type = 'table'").map((r) => String(r.name)));
    const applicationId = Number(queryAll(db, 'PRAGMA application_id')[0]?.application_id);
    const userVersion = Number(queryAll(db, 'PRAGMA user_version')[0]?.user_version);
    const geopackage = applicationId === GPKG_APPLICATION_ID && tables.has('gpkg_contents')
      ? `${Math.floor(userVersion / 10000)}.${Math.floor(userVersion / 100) % 100}.${userVersion % 100}`
      : null;
    const savedAt = tables.has('meta') ? ((queryAll(db, "SELECT value FROM meta WHERE key = 'saved_at'")[0]?.value as string | undefined) ?? null) : null;
    if (!tables.has('gpkg_contents')) return { geopackage, layers: [], savedAt };
    const counts = new Map(tables.has('gpkg_ogr_contents') ? queryAll(db, 'SELECT table_name, feature_count FROM gpkg_ogr_contents').map((r) => [String(r.table_name), r.feature_count]) : []);
    const types = new Map(tables.has('gpkg_geometry_columns') ? queryAll(db, 'SELECT table_name, geometry_type_name FROM gpkg_geometry_columns').map((r) => [String(r.table_name), String(r.geometry_type_name)]) : []);
    const order = (t: string) => {
      const i = FEATURE_TABLES.findIndex((f) => f.table === t);
      return i < 0 ? FEATURE_TABLES.length : i;
    };
    const layers = queryAll(db, "SELECT table_name, min_x, min_y, max_x, max_y FROM gpkg_contents WHERE data_type = 'features'")
      .map((r): LayerInfo => {
        const table = String(r.table_name);
        const recorded = counts.get(table);
        // GDAL leaves the count NULL when something else changed the table; then it is counted.
        const features = typeof recorded === 'number' ? recorded : Number(queryAll(db, `SELECT count(*) AS n FROM "${table.replace(/"/g, '""')}"`)[0]?.n ?? 0);
        const box = [r.min_x, r.min_y, r.max_x, r.max_y];
        const extent = box.every((v) => typeof v === 'number') ? (box as [number, number, number, number]) : null;
        return { table, geometryType: types.get(table) ?? null, features, extent };
      })
      .sort((a, b) => order(a.table) - order(b.table) || a.table.localeCompare(b.table));
    return { geopackage, layers, savedAt };
  } finally {
    db.close();
  }
}

function infoText(i: ProjectInfo): string {
  const f = i.format;
  const format = f.migratedFrom === null
    ? `PlaceLens project format ${f.schemaVersion} (current)`
    : `PlaceLens project format ${f.schemaVersion}, older than this PlaceLens's ${f.currentVersion}: migrated from format ${f.migratedFrom} when opened, written in format ${f.currentVersion} when saved (the file itself is unchanged)`;
  const width = Math.max(...i.layers.map((l) => l.table.length), 0);
  const coordinate = (v: number) => v.toFixed(5);
  const layers = i.layers.length
    ? i.layers.map((l) => `  ${l.table.padEnd(width)}  ${(l.geometryType ?? '').padEnd(12)} ${count.format(l.features).padStart(9)} features  ${
      l.extent ? `extent ${coordinate(l.extent[0])}, ${coordinate(l.extent[1])} to ${coordinate(l.extent[2])}, ${coordinate(l.extent[3])} (lon, lat)` : 'no extent (no feature has a geometry)'}`)
    : ['  none recorded: the file is not a GeoPackage (project format 1 kept plain SQLite tables)'];
  return [
    `project  ${i.name}`,
    `file     ${i.file} (${formatSize(i.bytes)})${i.savedAt ? `, saved ${i.savedAt}` : ''}`,
    `format   ${format}`,
    `         ${f.geopackage ? `GeoPackage ${f.geopackage}` : 'not a GeoPackage'}`,
    '',
    'layers',
    ...layers,
    '',
    `story    ${i.story.slides.length === 0 ? 'no slides' : `${i.story.name}: ${i.story.slides.length} slide${i.story.slides.length === 1 ? '' : 's'} (${i.story.slides.map((t, k) => `${k + 1}. ${t}`).join('; ')})`}`,
    `notes    ${i.story.notes === 0 ? 'none' : `${count.format(i.story.notes)} from workshops (the annotations layer)`}`,
    `places   place names in lines' words: ${count.format(i.placeNames.waiting)} waiting for an answer, ${count.format(i.placeNames.accepted)} accepted, ${count.format(i.placeNames.rejected)} rejected`,
    `         ${i.summary.placeBySupplierAddress ? "lines nothing else places are placed at their supplier's postcode" : "suppliers' addresses never place a line"}`,
    `         ${i.summary.dividedByArea.lines === 0 ? 'no line is at an outlined place crossing ward boundaries' : `${count.format(i.summary.dividedByArea.lines)} lines at ${count.format(i.summary.dividedByArea.places)} outlined places crossing ward boundaries, divided between the wards by area`}`,
    '',
    ledgerTable(i.summary),
  ].join('\n');
}

async function storyFacts(engine: Engine): Promise<ProjectInfo['story']> {
  const story = await engine.story();
  return { name: story.name, slides: story.slides.map((sl) => sl.title), notes: (await engine.annotations()).length };
}

async function placeNameFacts(engine: Engine): Promise<ProjectInfo['placeNames']> {
  const review = await engine.placeReview();
  return {
    waiting: review.pending.length,
    accepted: review.decided.filter((d) => d.decision === 'accept').length,
    rejected: review.decided.filter((d) => d.decision === 'reject').length,
  };
}

async function runInfo(args: string[], io: CliIo): Promise<number> {
  let values: { json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true }));
  } catch (e) {
    io.err(`placelens: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (positionals.length !== 1) {
    io.err(`placelens: info needs exactly one project file\n\n${USAGE}`);
    return 2;
  }
  const path = positionals[0]!;
  const file = readInput(io, path);
  if (typeof file === 'string') {
    io.err(`placelens: ${file}`);
    return 1;
  }
  const SQL = await startSqlNode();
  const engine = new Engine(SQL);
  const opened = await engine.openProject(file);
  if (!opened.ok) {
    for (const p of opened.problems) io.err(problemLine(p));
    if (opened.geopackage) io.err(`placelens: ${path} is not a PlaceLens project; to use its wards: import --wards ${path} --spend FILE`);
    else io.err(`placelens: ${path} is not a PlaceLens project that can be opened`);
    return 1;
  }
  const facts = readFileFacts(SQL, file.bytes);
  const { summary, migratedFrom } = opened;
  const info: ProjectInfo = {
    file: resolve(path),
    bytes: file.bytes.length,
    name: summary.name,
    format: { schemaVersion: migratedFrom ?? SCHEMA_VERSION, currentVersion: SCHEMA_VERSION, migratedFrom, geopackage: facts.geopackage },
    savedAt: facts.savedAt,
    layers: facts.layers,
    sources: summary.sources,
    summary,
    story: await storyFacts(engine),
    placeNames: await placeNameFacts(engine),
  };
  io.out(values.json ? JSON.stringify(info, null, 2) : infoText(info));
  return 0;
}

/** Where the built app is, beside this file's project. */
export const BUILT_APP = resolve(import.meta.dirname, '../dist/renderer');

async function runBriefs(args: string[], io: CliIo, app = BUILT_APP, signal?: AbortSignal): Promise<number> {
  let values: { 'all-wards'?: boolean; ward?: string[]; out?: string; landscape?: boolean; chromium?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'all-wards': { type: 'boolean' }, ward: { type: 'string', multiple: true }, out: { type: 'string' }, landscape: { type: 'boolean' }, chromium: { type: 'string' } },
    }));
  } catch (e) {
    io.err(`placelens briefs: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [project] = positionals;
  if (!project || !values.out || (!values['all-wards'] && !values.ward?.length) || (values['all-wards'] && values.ward?.length)) {
    io.err(`placelens briefs: give one project, --out FOLDER, and either --all-wards or --ward CODE\n\n${USAGE}`);
    return 2;
  }
  if (!existsSync(project)) {
    io.err(`${project}: cannot be read (no such file)`);
    return 1;
  }
  if (!existsSync(join(app, 'index.html'))) {
    io.err(`The app's pages are not built (${app}): run npm run build:renderer first.`);
    return 1;
  }
  const chromium = findChromium({ ...process.env, ...(values.chromium ? { PLACELENS_CHROMIUM: values.chromium } : {}) }, process.platform, existsSync);
  if (!chromium) {
    io.err(values.chromium || process.env.PLACELENS_CHROMIUM
      ? `No browser at ${values.chromium ?? process.env.PLACELENS_CHROMIUM}: briefs are printed with Chromium or Chrome.`
      : 'No Chromium or Chrome found to print the briefs with: install one (e.g. apt-get install chromium) or name it with --chromium PATH or PLACELENS_CHROMIUM. In the desktop app, Export PDF… needs neither.');
    return 1;
  }
  const out = resolve(values.out);
  try {
    mkdirSync(out, { recursive: true });
  } catch (e) {
    io.err(`${out}: ${writeFailure(e, out)}`);
    return 1;
  }
  const stop = new AbortController();
  const onSigint = () => {
    io.err('Stopping after the brief in hand…');
    stop.abort();
  };
  process.once('SIGINT', onSigint);
  signal?.addEventListener('abort', () => stop.abort());
  try {
    const started = performance.now();
    const result = await runBriefBatch({
      project: resolve(project), out, wards: values['all-wards'] ? 'all' : values.ward!, landscape: values.landscape ?? false, chromium, app,
      write: (path, bytes) => writeFileAtomic(path, bytes),
      progress: (done, total, ward, ms) => io.out(`${done}/${total} ${ward} (${(ms / 1000).toFixed(1)} s)`),
      signal: stop.signal,
    });
    const index = briefIndex(basename(project), result.written, result.cancelled ? result.written.length : null);
    writeFileAtomic(join(out, 'index.html'), new TextEncoder().encode(index.html));
    writeFileAtomic(join(out, 'index.csv'), new TextEncoder().encode(index.csv));
    for (const code of result.unknown) io.err(`${basename(project)}: no ward ${code}; no brief made for it`);
    io.out(`${result.written.length} briefs in ${out} (${((performance.now() - started) / 1000).toFixed(1)} s)${result.cancelled ? ', stopped before the rest' : ''}; index.html lists them.`);
    return result.unknown.length > 0 ? 1 : 0;
  } catch (e) {
    io.err(`placelens briefs: ${(e as Error).message}`);
    return 1;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

// Run when started as a program, not when imported by the tests.
if (process.argv[1] && /cli\.[cm]?[jt]s$/.test(process.argv[1])) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
