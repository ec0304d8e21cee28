import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { briefFileName, briefIndex, findChromium, serveFolder } from '../../../electron/briefs';
import { runCli } from '../../../electron/cli';

describe('briefs batch: the parts that need no browser', () => {
  it('names each PDF after its ward, safe on every file system, with the code so names never clash', () => {
    expect(briefFileName('Highgate', 'E05013661')).toBe('Highgate (E05013661).pdf');
    expect(briefFileName('St Pancras & Somers Town', 'E05013669')).toBe('St Pancras & Somers Town (E05013669).pdf');
    expect(briefFileName('a/b\\c:d*e?"f<g>h|', 'X1')).toBe('a b c d e f g h (X1).pdf');
    expect(briefFileName('...', '../X2')).toBe('Ward (..X2).pdf');
  });

  it('finds the browser named, or the first usual one; none is null', () => {
    const has = (paths: string[]) => (p: string) => paths.includes(p);
    expect(findChromium({}, 'linux', has(['/usr/bin/google-chrome']))).toBe('/usr/bin/google-chrome');
    expect(findChromium({ PLACELENS_CHROMIUM: '/opt/c' }, 'linux', has(['/opt/c', '/usr/bin/chromium']))).toBe('/opt/c');
    expect(findChromium({ PLACELENS_CHROMIUM: '/opt/missing' }, 'linux', has(['/usr/bin/chromium']))).toBeNull();
    expect(findChromium({}, 'linux', has([]))).toBeNull();
    expect(findChromium({}, 'win32', has(['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe']))).toMatch(/msedge/);
  });

  it('indexes the briefs as escaped HTML and formula-safe CSV, and says when the batch was stopped', () => {
    const w = [{ code: 'X1', name: '<b>Odd</b> & Co', file: 'Odd (X1).pdf', total: '£1,234', lines: '12', ms: 10 }, { code: 'X2', name: '=SUM(A1)', file: 'f.pdf', total: '£5', lines: '1', ms: 9 }];
    const done = briefIndex('demo.gpkg', w, null);
    expect(done.html).toContain('&lt;b&gt;Odd&lt;/b&gt; &amp; Co');
    expect(done.html).not.toContain('<b>Odd');
    expect(done.html).toContain('href="Odd%20(X1).pdf"');
    expect(done.html).not.toContain('Stopped');
    expect(done.csv.split('\r\n')[2]).toBe(`"'=SUM(A1)",X2,£5,1,f.pdf`);
    expect(briefIndex('demo.gpkg', w, 2).html).toContain('Stopped after 2 briefs');
  });

  it('serves only what is inside the app\'s folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placelens-serve-'));
    writeFileSync(join(dir, 'index.html'), '<p>hi</p>');
    const { server, url } = await serveFolder(dir);
    try {
      const ok = await fetch(url);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toContain('text/html');
      await expect(ok.text()).resolves.toBe('<p>hi</p>');
      expect((await fetch(`${url}..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
      expect((await fetch(`${url}missing.js`)).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it('the command refuses a missing project, missing arguments, and says when no browser is found', async () => {
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), readFile: () => new Uint8Array() } };
    };
    const a = io();
    expect(await runCli(['briefs', 'x.gpkg', '--out', '/tmp/x'], a.io)).toBe(2);
    expect(a.err.join('\n')).toContain('--all-wards or --ward CODE');
    const b = io();
    expect(await runCli(['briefs', '/no/such/project.gpkg', '--all-wards', '--out', '/tmp/x'], b.io)).toBe(1);
    expect(b.err.join('\n')).toContain('/no/such/project.gpkg: cannot be read');
    const c = io();
    const project = join(mkdtempSync(join(tmpdir(), 'placelens-brief-')), 'p.gpkg');
    writeFileSync(project, 'x');
    expect(await runCli(['briefs', project, '--all-wards', '--out', '/tmp/x', '--chromium', '/no/browser/here'], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/No browser at \/no\/browser\/here|not built/);
  });
});
