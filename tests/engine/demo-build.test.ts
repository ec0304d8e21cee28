import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO, ROOT } from '../paths';

describe('npm run demo:build', () => {
  it('regenerates the committed demo byte for byte (fixed seed, no hand edits)', () => {
    const out = mkdtempSync(join(tmpdir(), 'placelens-demo-'));
    execFileSync(process.execPath, [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), resolve(ROOT, 'data/demo-build/build-demo.ts'), out], { stdio: 'pipe' });
    const committed = readdirSync(DEMO).sort();
    expect(readdirSync(out).sort()).toEqual(committed);
    for (const f of committed) expect(readFileSync(join(out, f)).equals(readFileSync(join(DEMO, f))), `${f} differs from what the code now builds: run npm run demo:build and commit it`).toBe(true);
  }, 60000);

  it('marks the demo as fictional', () => {
    const manifest = JSON.parse(readFileSync(join(DEMO, 'project.json'), 'utf8')) as { notice: string };
    expect(manifest.notice).toBe('Demo data — fictional');
    expect(readFileSync(join(DEMO, 'wards.geojson'), 'utf8')).toContain('(fictional)');
  });
});
