import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { runCli, type CliIo } from '../../../electron/cli';
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
    const out = io();
    expect(await runCli(['import', '--wards', CAMDEN_WARDS, '--spend', demo('spend.csv'), '--out', 'p.gpkg'], out)).toBe(2);
    expect(out.stderr.join('\n')).toMatch(/--out is not available yet/);
  });

  it('runs as a program under plain Node', () => {
    const stdout = execFileSync(
      process.execPath,
      [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), resolve(ROOT, 'electron/cli.ts'), 'import', '--wards', CAMDEN_WARDS, '--spend', resolve(FIXTURES, 'spend/extra-spend.csv')],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(stdout).toMatch(/wards-2022\.geojson: 20 wards, 6 spend lines, £12,230\.75/);
  }, 30000);
});
