import { SCHEMA_VERSION } from '../../../renderer/engine/schema';
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import initSqlJs from 'sql.js';
import { runCli, writeFileAtomic, type CliIo, type ProjectInfo } from '../../../electron/cli';
import { CAMDEN_WARDS, DEMO, FIXTURES, ROOT } from '../../paths';
import type { ProjectSummary } from '../../../renderer/engine/contract';

function io(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), readFile: (p) => new Uint8Array(readFileSync(p)) };
}

const demo = (f: string) => resolve(DEMO, f);

describe('npm run placelens -- import', () => {
  it('imports the demo files and prints the ledger as JSON: every row and penny accounted for', async () => {
    const cli = io();
    const code = await runCli(['import', '--wards', demo('wards.geojson'), '--spend', demo('spend.csv'), '--postcodes', demo('postcodes.csv'), '--places', demo('places.geojson'), '--json'], cli);
    expect(code).toBe(0);
    const summary = JSON.parse(cli.stdout.join('\n')) as ProjectSummary;
    expect(summary.lineCount).toBe(20000);
    const lines = summary.ledger.filter((e) => e.status !== 'excluded');
    expect(lines.reduce((n, e) => n + e.rows, 0)).toBe(summary.lineCount);
    expect(lines.reduce((n, e) => n + (e.pence ?? 0), 0)).toBe(summary.totalPence);
    expect(summary.ledger.map((e) => e.reason)).toEqual(expect.arrayContaining(['coordinates', 'postcode', 'place']));
  });

  it('takes a UPRN table with the postcodes and places, each file to its own place', async () => {
    const dir = mkdtempSync(resolve(tmpdir(), 'placelens-cli-'));
    const uprns = resolve(dir, 'uprns.csv');
    writeFileSync(uprns, 'UPRN,X_COORDINATE,Y_COORDINATE\n1,529138,183621\n');
    const cli = io();
    const code = await runCli(['import', '--wards', demo('wards.geojson'), '--spend', demo('spend.csv'), '--postcodes', demo('postcodes.csv'), '--uprns', uprns, '--places', demo('places.geojson'), '--json'], cli);
    expect(code).toBe(0);
    const summary = JSON.parse(cli.stdout.join('\n')) as ProjectSummary;
    expect(summary.sources.map((s) => [s.kind, s.file])).toEqual([
      ['wards', 'wards.geojson'], ['postcodes', 'postcodes.csv'], ['uprns', 'uprns.csv'], ['places', 'places.geojson'], ['spend', 'spend.csv'],
    ]);
  });

  it("places lines at their supplier's postcode only with --place-by-supplier-address, and says so in the ledger", async () => {
    const dir = mkdtempSync(resolve(tmpdir(), 'placelens-cli-'));
    const spend = resolve(dir, 'suppliers.csv');
    const [postcode] = readFileSync(demo('postcodes.csv'), 'utf8').split('\n')[1]!.split(',');
    writeFileSync(spend, `Payment Date,Supplier Name,Amount,Purpose,Supplier Address\n01/06/2024,Local Care Ltd,250.00,Home care,"1 High St, ${postcode}"\n`);
    const run = async (...extra: string[]) => {
      const cli = io();
      expect(await runCli(['import', '--wards', demo('wards.geojson'), '--spend', spend, '--postcodes', demo('postcodes.csv'), '--json', ...extra], cli)).toBe(0);
      return (JSON.parse(cli.stdout.join('\n')) as ProjectSummary).ledger.map((e) => [e.status, e.reason, e.rows, e.pence]);
    };
    expect(await run()).toEqual([['unlocated', 'no-location', 1, 25000]]);
    expect(await run('--place-by-supplier-address')).toEqual([['placed', 'supplier-address', 1, 25000]]);
  });

  it("prints a file's warnings after its errors, such as a total row the lines above do not add up to, and still exits 0", async () => {
    const dir = mkdtempSync(resolve(tmpdir(), 'placelens-cli-'));
    const spend = resolve(dir, 'short.csv');
    writeFileSync(spend, 'Payment Date,Supplier Name,Amount\n01/06/2024,A Ltd,250.00\n02/06/2024,B Ltd,lots\nTotal,,300.00\n');
    const cli = io();
    expect(await runCli(['import', '--wards', demo('wards.geojson'), '--spend', spend], cli)).toBe(0);
    expect(cli.stderr).toEqual([
      'short.csv, row 3, column "Amount": "lots" is not an amount (expected e.g. 1234.56 or £1,234.56)',
      'warning: short.csv, row 4: the total row says £300.00, but the 1 spend line above it adds up to £250.00, £50.00 less; rows whose amount could not be read are listed in the ledger as not spend lines',
    ]);
  });

  it('exits 1 naming the file, row and reason when an input cannot be used', async () => {
    const cli = io();
    const code = await runCli(['import', '--wards', CAMDEN_WARDS, '--spend', resolve(FIXTURES, 'bad/no-amount-column.csv')], cli);
    expect(code).toBe(1);
    expect(cli.stderr.join('\n')).toMatch(/no-amount-column\.csv, row 1: no amount column found/);
    expect(cli.stderr.join('\n')).toMatch(/could not use no-amount-column\.csv/);
  });

  it('exits 1 for a file that cannot be read, and 2 for bad usage', async () => {
    const missing = io();
    expect(await runCli(['import', '--wards', CAMDEN_WARDS, '--spend', '/nonexistent/spend.csv'], missing)).toBe(1);
    expect(missing.stderr.join('\n')).toMatch(/\/nonexistent\/spend\.csv: cannot be read \(ENOENT\)/);
    expect(await runCli([], io())).toBe(2);
    expect(await runCli(['import', '--wards', CAMDEN_WARDS], io())).toBe(2);
    expect(await runCli(['import', '--bogus'], io())).toBe(2);
  });

  it('saves the project with --out as a GeoPackage that info reads back with the same counts and ledger', async () => {
    const dir = mkdtempSync(resolve(tmpdir(), 'placelens-cli-'));
    const out = resolve(dir, 'fenmarsh.gpkg');
    const inputs = ['--wards', demo('wards.geojson'), '--spend', demo('spend.csv'), '--postcodes', demo('postcodes.csv'), '--places', demo('places.geojson')];
    const plain = io();
    expect(await runCli(['import', ...inputs, '--json'], plain)).toBe(0);
    const imported = io();
    expect(await runCli(['import', ...inputs, '--profile', 'Fenmarsh payments', '--out', out, '--json'], imported)).toBe(0);
    const summary = JSON.parse(imported.stdout.join('\n')) as ProjectSummary & { saved: { file: string; bytes: number } };
    expect(summary.saved).toEqual({ file: out, bytes: readFileSync(out).length });
    // Importing through the named profile places and classifies every line as before.
    const { saved: _saved, ...withoutSaved } = summary;
    expect(withoutSaved).toEqual(JSON.parse(plain.stdout.join('\n')));
    expect(readdirSync(dir)).toEqual(['fenmarsh.gpkg']);

    const SQL = await initSqlJs();
    const db = new SQL.Database(readFileSync(out));
    try {
      expect(db.exec('SELECT name FROM column_profiles')[0]?.values).toEqual([['Fenmarsh payments']]);
    } finally {
      db.close();
    }

    const shown = io();
    expect(await runCli(['info', out, '--json'], shown)).toBe(0);
    const info = JSON.parse(shown.stdout.join('\n')) as ProjectInfo;
    expect(info.format).toEqual({ schemaVersion: SCHEMA_VERSION, currentVersion: SCHEMA_VERSION, migratedFrom: null, geopackage: '1.3.0' });
    expect(info.name).toBe(summary.name);
    const places = summary.sources.find((s) => s.kind === 'places')!.rows;
    expect(info.layers.map((l) => [l.table, l.features])).toEqual([['wards', summary.wardCount], ['places', places], ['spend_lines', summary.lineCount], ['annotations', 0]]);
    // An empty layer has no extent to give.
    for (const l of info.layers) if (l.features > 0) expect(l.extent, l.table).toHaveLength(4); else expect(l.extent, l.table).toBeNull();
    expect(info.summary.ledger).toEqual(summary.ledger);
    expect(info.sources).toEqual(summary.sources);
    expect(info.summary.totalPence).toBe(summary.totalPence);

    const text = io();
    expect(await runCli(['info', out], text)).toBe(0);
    expect(text.stdout.join('\n')).toMatch(`project format ${SCHEMA_VERSION} (current)`);
    expect(text.stdout.join('\n')).toMatch(/spend_lines\s+POINT\s+20,000 features\s+extent /);
    expect(text.stdout.join('\n')).toContain(`${summary.name}: ${summary.wardCount} wards, 20,000 spend lines`);

    // GDAL (and so QGIS) reads it without a warning.
    const ogr = spawnSync('ogrinfo', ['-ro', '-al', '-so', out], { encoding: 'utf8' });
    expect(ogr.error).toBeUndefined();
    expect(ogr.stderr).toBe('');
    expect(ogr.status).toBe(0);
    expect(ogr.stdout).toMatch(new RegExp(`Layer name: wards[\\s\\S]*?Feature Count: ${summary.wardCount}\\n`));
    expect(ogr.stdout).toMatch(/Layer name: spend_lines[\s\S]*?Feature Count: 20000\n/);
  }, 30000);

  it('prints where the project was saved and its size, replacing an earlier file', async () => {
    const dir = mkdtempSync(resolve(tmpdir(), 'placelens-cli-'));
    const out = resolve(dir, 'camden.gpkg');
    writeFileSync(out, 'an earlier file');
    const cli = io();
    expect(await runCli(['import', '--wards', CAMDEN_WARDS, '--spend', resolve(FIXTURES, 'spend/extra-spend.csv'), '--out', out], cli)).toBe(0);
    const size = readFileSync(out).length;
    expect(cli.stdout.join('\n')).toContain(`saved ${out} (`);
    expect(cli.stdout.join('\n')).toContain(`${new Intl.NumberFormat('en-GB').format(size)} bytes)`);
    expect(readdirSync(dir)).toEqual(['camden.gpkg']);
    expect(await runCli(['info', out], io())).toBe(0);
  });

  it('exits 1 naming the file and the reason when --out cannot be written, leaving an earlier file untouched', async () => {
    const dir = mkdtempSync(resolve(tmpdir(), 'placelens-cli-'));
    const missing = io();
    const nowhere = resolve(dir, 'no-such-folder', 'p.gpkg');
    expect(await runCli(['import', '--wards', CAMDEN_WARDS, '--spend', resolve(FIXTURES, 'spend/extra-spend.csv'), '--out', nowhere], missing)).toBe(1);
    expect(missing.stderr.join('\n')).toContain(`could not save ${nowhere}: the folder ${resolve(dir, 'no-such-folder')} does not exist (ENOENT)`);
    expect(existsSync(resolve(dir, 'no-such-folder'))).toBe(false);

    // Fails at the rename: a folder stands where the file would go. Nothing is left beside it.
    const folder = resolve(dir, 'taken.gpkg');
    mkdirSync(folder);
    const taken = io();
    expect(await runCli(['import', '--wards', CAMDEN_WARDS, '--spend', resolve(FIXTURES, 'spend/extra-spend.csv'), '--out', folder], taken)).toBe(1);
    expect(taken.stderr.join('\n')).toMatch(/could not save .*taken\.gpkg: there is a folder of that name \(EISDIR\)/);
    expect(readdirSync(dir).sort()).toEqual(['taken.gpkg']);

    // A full disk between writing and renaming: the earlier file keeps its bytes, the temporary file is removed.
    const earlier = resolve(dir, 'earlier.gpkg');
    writeFileSync(earlier, 'the earlier project');
    const full = () => {
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    };
    expect(() => writeFileAtomic(earlier, new Uint8Array(1000), full)).toThrow(/no space left/);
    expect(readFileSync(earlier, 'utf8')).toBe('the earlier project');
    expect(readdirSync(dir).sort()).toEqual(['earlier.gpkg', 'taken.gpkg']);
  });

  it('refuses an --out that is not a .gpkg, and a blank --profile, with exit 2', async () => {
    const dir = mkdtempSync(resolve(tmpdir(), 'placelens-cli-'));
    const cli = io();
    expect(await runCli(['import', '--wards', CAMDEN_WARDS, '--spend', demo('spend.csv'), '--out', resolve(dir, 'p.sqlite')], cli)).toBe(2);
    expect(cli.stderr.join('\n')).toMatch(/--out must name a GeoPackage file ending in \.gpkg/);
    expect(readdirSync(dir)).toEqual([]);
    const blank = io();
    expect(await runCli(['import', '--wards', CAMDEN_WARDS, '--spend', demo('spend.csv'), '--profile', ' '], blank)).toBe(2);
    expect(blank.stderr.join('\n')).toMatch(/--profile needs a name/);
  });

  it('saves nothing when an input cannot be used', async () => {
    const dir = mkdtempSync(resolve(tmpdir(), 'placelens-cli-'));
    const cli = io();
    const out = resolve(dir, 'p.gpkg');
    expect(await runCli(['import', '--wards', CAMDEN_WARDS, '--spend', resolve(FIXTURES, 'bad/no-amount-column.csv'), '--out', out], cli)).toBe(1);
    expect(cli.stderr.join('\n')).toMatch(/nothing was saved to .*p\.gpkg/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('npm run placelens -- info', () => {
  it('exits 1 for a GeoPackage that is not a PlaceLens project, saying so', async () => {
    const cli = io();
    expect(await runCli(['info', resolve(FIXTURES, 'wards/bng-wards.gpkg')], cli)).toBe(1);
    expect(cli.stderr.join('\n')).toMatch(/bng-wards\.gpkg: the file is a GeoPackage but not a PlaceLens project/);
    expect(cli.stdout).toEqual([]);
  });

  it('reports a format 1 project as migrated from format 1', async () => {
    const file = resolve(FIXTURES, 'projects/demo-schema-1.placelens.sqlite');
    const text = io();
    expect(await runCli(['info', file], text)).toBe(0);
    expect(text.stdout.join('\n')).toMatch(new RegExp(`project format 1, older than this PlaceLens's ${SCHEMA_VERSION}: migrated from format 1`));
    expect(text.stdout.join('\n')).toMatch(/not a GeoPackage/);
    expect(text.stdout.join('\n')).toMatch(/^project {2}Fenmarsh \(demo\)$/m);
    const json = io();
    expect(await runCli(['info', file, '--json'], json)).toBe(0);
    const info = JSON.parse(json.stdout.join('\n')) as ProjectInfo;
    expect(info.format).toEqual({ schemaVersion: 1, currentVersion: SCHEMA_VERSION, migratedFrom: 1, geopackage: null });
    expect(info.layers).toEqual([]);
    expect(info.summary.lineCount).toBeGreaterThan(0);
  });

  it('exits 1 for a file that cannot be read or is newer, and 2 for bad usage', async () => {
    const missing = io();
    expect(await runCli(['info', '/nonexistent/p.gpkg'], missing)).toBe(1);
    expect(missing.stderr.join('\n')).toMatch(/\/nonexistent\/p\.gpkg: cannot be read \(ENOENT\)/);
    const newer = io();
    expect(await runCli(['info', resolve(FIXTURES, 'projects/future-schema-99.gpkg')], newer)).toBe(1);
    expect(newer.stderr.join('\n')).toMatch(/newer PlaceLens \(project format 99\)/);
    expect(await runCli(['info'], io())).toBe(2);
    expect(await runCli(['info', 'a.gpkg', 'b.gpkg'], io())).toBe(2);
    expect(await runCli(['info', 'a.gpkg', '--bogus'], io())).toBe(2);
  });
});

describe('npm run placelens (as a program)', () => {
  it('runs as a program under plain Node', () => {
    const stdout = execFileSync(
      process.execPath,
      [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), resolve(ROOT, 'electron/cli.ts'), 'import', '--wards', CAMDEN_WARDS, '--spend', resolve(FIXTURES, 'spend/extra-spend.csv')],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(stdout).toMatch(/wards-2022\.geojson: 20 wards, 6 spend lines, £12,230\.75/);
  }, 30000);
});

describe('npm run placelens -- info: the workshop story', () => {
  it('names the story’s slides and counts the notes', async () => {
    const { Engine } = await import('../../../renderer/engine/engine');
    const { demoInput } = await import('../../demo-input');
    const { defaultFilter } = await import('../../../renderer/domain/spend-filter');
    const engine = new Engine(await initSqlJs());
    await engine.loadProject(demoInput());
    const view = { centre: [2.6, 53.05] as [number, number], zoom: 12, bearing: 0, pitch: 0 };
    const state = { filter: defaultFilter(), layers: {}, wardMetric: 'pence' as const, selectedWard: null, meeting: null };
    await engine.setStory({ name: 'March workshop', slides: [{ id: 's1', title: 'The borough', caption: '', notes: '', view, state }, { id: 's2', title: 'Emberley', caption: '', notes: '', view, state }] });
    await engine.addAnnotation({ geometry: { type: 'Point', coordinates: [2.6, 53.05] }, note: 'Benches', slideId: 's1', area: null });
    const path = resolve(mkdtempSync(resolve(tmpdir(), 'placelens-info-')), 'story.gpkg');
    writeFileSync(path, engine.exportBytes());
    const json = io();
    expect(await runCli(['info', path, '--json'], json)).toBe(0);
    expect((JSON.parse(json.stdout.join('\n')) as ProjectInfo).story).toEqual({ name: 'March workshop', slides: ['The borough', 'Emberley'], notes: 1 });
    const text = io();
    expect(await runCli(['info', path], text)).toBe(0);
    expect(text.stdout.join('\n')).toContain('story    March workshop: 2 slides (1. The borough; 2. Emberley)');
    expect(text.stdout.join('\n')).toContain('notes    1 from workshops (the annotations layer)');
  });

  it('counts the answers given about place names, and says whether suppliers\' addresses place lines', async () => {
    const { Engine } = await import('../../../renderer/engine/engine');
    const { demoInput } = await import('../../demo-input');
    const engine = new Engine(await initSqlJs());
    await engine.loadProject(demoInput());
    await engine.decidePlaceMatch('alder gardnes estate', { name: 'Alder Gardens estate', source: 'places.geojson feature 1' }, 'accept');
    await engine.decidePlaceMatch('oak', { name: 'Oak Primary School', source: 'places.geojson feature 3' }, 'reject');
    await engine.setPlaceBySupplierAddress(true);
    const path = resolve(mkdtempSync(resolve(tmpdir(), 'placelens-info-')), 'places.gpkg');
    writeFileSync(path, engine.exportBytes());
    const json = io();
    expect(await runCli(['info', path, '--json'], json)).toBe(0);
    expect((JSON.parse(json.stdout.join('\n')) as ProjectInfo).placeNames).toEqual({ waiting: 0, accepted: 1, rejected: 1 });
    const text = io();
    expect(await runCli(['info', path], text)).toBe(0);
    expect(text.stdout.join('\n')).toContain("places   place names in lines' words: 0 waiting for an answer, 1 accepted, 1 rejected");
    expect(text.stdout.join('\n')).toContain("lines nothing else places are placed at their supplier's postcode");
  });
});
