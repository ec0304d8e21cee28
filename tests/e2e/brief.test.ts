// Area briefs in the web shell: the brief page printed to PDF by Chromium, read back with poppler's tools.
import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, openProjectFile, screenshot, useWebShell, waitForMapIdle } from './harness';
import { Engine } from '../../renderer/engine/engine';
import { demoInput } from '../demo-input';
import { defaultFilter } from '../../renderer/domain/spend-filter';
import { formatWholePounds } from '../../renderer/domain/money';
import { formatShare, type BriefFacts } from '../../renderer/domain/brief';
import { camdenProjectInput } from '../fixtures/camden-spend';

const shell = useWebShell();
const OUT = resolve(ROOT, 'test-results/briefs');
let engine: Engine;

beforeAll(async () => {
  engine = new Engine(await initSqlJs());
  await engine.loadProject(demoInput());
  mkdirSync(OUT, { recursive: true });
});

/** Opens the brief for a ward from its panel and waits until its map is drawn. */
async function openBrief(page: Page, code: string): Promise<void> {
  await page.getByTestId('ward-picker').selectOption(code);
  await page.getByTestId('ward-panel').waitFor();
  await page.getByTestId('open-brief').click();
  await page.waitForSelector('[data-testid=brief][data-ready=yes]', { timeout: 60000 });
}

async function printPdf(page: Page, name: string): Promise<{ path: string; text: string; pages: number }> {
  const path = resolve(OUT, `${name}.pdf`);
  writeFileSync(path, await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true }));
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
  return { path, text, pages };
}

/** Share of non-white pixels in a box of page 1 rendered in grey at 50 dpi: a blank map is nearly all white. */
function inkShare(pdf: string, box: { x: number; y: number; w: number; h: number }): number {
  const prefix = resolve(OUT, 'page-grey');
  execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-gray', '-singlefile', pdf, prefix]);
  // Binary PGM: "P5", width, height, maxval, then one byte a pixel.
  const bytes = readFileSync(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'))!;
  const width = Number(header[1]);
  const start = header[0].length;
  let ink = 0;
  let all = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      all++;
      if (bytes[start + y * width + x]! < 235) ink++;
    }
  }
  return ink / all;
}

describe('area briefs', () => {
  it('a demo ward\'s brief prints to a 2–4 page A4 PDF whose text holds the ward, its total to the pound, caveats and attributions', async () => {
    const { page } = await shell.open();
    await waitForMapIdle(page);
    const ward = (await page.getByTestId('ward-picker').locator('option').nth(3).getAttribute('value'))!;
    const facts = (await engine.briefFacts(ward, defaultFilter())) as BriefFacts;
    await openBrief(page, ward);
    await screenshot(page, 'brief-demo-ward');
    const pdf = await printPdf(page, `demo-${ward}`);
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.pages).toBeLessThanOrEqual(4);
    const flat = pdf.text.replace(/\s+/g, ' ');
    expect(flat).toContain(facts.area.name);
    expect(flat).toContain(formatWholePounds(facts.totalPence));
    expect(flat).toContain('Data caveats');
    expect(flat).toContain('Demo data — fictional');
    expect(flat).toContain('Sources and attributions');
    // Every meeting place of the ward is there with its sentence's opening.
    for (const m of facts.meeting) expect(flat).toContain(m.sentence.slice(0, 40));
    // The map (top of page 1, under the header) is drawn, not blank: A4 at 50 dpi is 413 × 585 px.
    expect(inkShare(pdf.path, { x: 40, y: 170, w: 330, h: 200 })).toBeGreaterThan(0.08);
    // The map is printed at 200 dpi or more: it is drawn at a sliver of that while loading, then once in full.
    const images = execFileSync('pdfimages', ['-list', pdf.path], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '').map((l) => l.trim().split(/\s+/));
    const map = images.find((cols) => cols[0] === '1' && Number(cols[3]) > 1000)!;
    expect(map, 'the map image on page 1').toBeDefined();
    expect(Number(map[12])).toBeGreaterThanOrEqual(200);
    expect(Number(map[13])).toBeGreaterThanOrEqual(200);
    execFileSync('pdftoppm', ['-r', '60', '-png', pdf.path, resolve(OUT, `demo-${ward}-page`)]);
  });
});

describe('area briefs on other data', () => {
  it('a Camden ward\'s brief names the ward, gives its total to the pound and the ONS and OS attributions', async () => {
    const camden = new Engine(await initSqlJs());
    await camden.loadProject(camdenProjectInput());
    const { page } = await shell.open();
    await waitForMapIdle(page);
    await openProjectFile(page, OUT, await camden.saveProject(), 'camden-brief.gpkg');
    const ward = 'E05013661';
    const facts = (await camden.briefFacts(ward, defaultFilter()))!;
    await openBrief(page, ward);
    const pdf = await printPdf(page, `camden-${ward}`);
    const flat = pdf.text.replace(/\s+/g, ' ');
    expect(flat).toContain(facts.area.name);
    expect(flat).toContain(formatWholePounds(facts.totalPence));
    expect(flat).toContain('Office for National Statistics');
    expect(flat).toContain('Royal Mail');
    // Camden's spend here sits mostly on postcode centres: the caveat says how much, as the engine's figures give it.
    expect(flat).toMatch(/of this money was placed only approximately/);
    expect(inkShare(pdf.path, { x: 40, y: 170, w: 330, h: 200 })).toBeGreaterThan(0.08);
    execFileSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', '-png', pdf.path, resolve(OUT, `camden-${ward}-page`)]);
  });

  it('supplier names that look like markup or spreadsheet formulas come out as plain text', async () => {
    const e = new Engine(await initSqlJs());
    await e.loadProject(demoInput());
    const detail = (await e.mapData()).labels.features[0]!;
    const ward = detail.properties.code;
    const [lon, lat] = detail.geometry.coordinates as [number, number];
    const odd = ['<script>window.__pwned = 1</script> Ltd', '=HYPERLINK("http://x.example","click")', '<img src=x onerror=alert(1)> Care'];
    const csv = ['Payment Date,Beneficiary Name,Purpose,Organisational Unit,Amount GBP,Unique Identifier,Longitude,Latitude',
      ...odd.map((name, i) => `01/06/2024,"${name.replace(/"/g, '""')}",Home care,Adult Social Care,${9_000_000 + i},ODD${i},${lon},${lat}`)].join('\n');
    const imported = await e.importSpend({ name: 'odd-suppliers.csv', bytes: new TextEncoder().encode(csv) });
    expect(imported.ok).toBe(true);
    const { page } = await shell.open();
    await waitForMapIdle(page);
    await openProjectFile(page, OUT, await e.saveProject(), 'odd-suppliers.gpkg');
    await openBrief(page, ward);
    const pdf = await printPdf(page, 'odd-suppliers');
    const flat = pdf.text.replace(/\s+/g, ' ');
    for (const name of odd) expect(flat).toContain(name);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await expect(page.locator('[data-testid=brief-suppliers] img').count()).resolves.toBe(0);
  });
});

describe('local suppliers in a brief', () => {
  it("gives the share of money with suppliers in the borough, by their own postcode, in the ward's panel and its brief", async () => {
    const e = new Engine(await initSqlJs());
    await e.loadProject(demoInput());
    const label = (await e.mapData()).labels.features[0]!;
    const ward = label.properties.code;
    const [lon, lat] = label.geometry.coordinates as [number, number];
    // The demo's own suppliers have addresses too: the ward's figures before the lines added here.
    const demoLocal = (await e.wardDetail(ward))!.supplierLocal!;
    expect(demoLocal.knownPence).toBeGreaterThan(demoLocal.localPence);
    expect(demoLocal.localPence).toBeGreaterThan(0);
    const db = new (await initSqlJs()).Database(e.exportBytes());
    const [home, homeLon, homeLat] = db.exec('SELECT postcode, lon, lat FROM postcodes LIMIT 1')[0]!.values[0]! as [string, number, number];
    db.close();
    // A postcode outside the borough (well to its east), added to the directory so that its supplier is known not to be local.
    const away = await e.addReference('postcodes', { name: 'elsewhere.csv', bytes: new TextEncoder().encode(`pcds,lat,long\nZZ9 9ZZ,${homeLat},${homeLon + 1}\n`) });
    expect(away.ok).toBe(true);
    const csv = ['Payment Date,Beneficiary Name,Purpose,Organisational Unit,Amount GBP,Unique Identifier,Longitude,Latitude,Supplier Address',
      `01/06/2024,Fenmarsh Youth Trust,Youth work,Children's Services,3000.00,LOC1,${lon},${lat},"1 Market St, Fenmarsh ${home}"`,
      `02/06/2024,Faraway Care Ltd,Home care,Adult Social Care,1000.00,LOC2,${lon},${lat},"9 Far Road, ZZ9 9ZZ"`,
      `03/06/2024,Unknown Address Ltd,Cleaning,Facilities,500.00,LOC3,${lon},${lat},Somewhere`,
      // No location of its own: placed only if the user chooses to use the supplier's address.
      `04/06/2024,Fenmarsh Youth Trust,Youth work,Children's Services,200.00,LOC4,,,"1 Market St, Fenmarsh ${home}"`].join('\n');
    expect((await e.importSpend({ name: 'local-suppliers.csv', bytes: new TextEncoder().encode(csv) })).ok).toBe(true);
    const facts = (await e.briefFacts(ward, defaultFilter()))!;
    expect(facts.supplierLocal).toEqual({
      knownPence: demoLocal.knownPence + 400_000, knownLines: demoLocal.knownLines + 2, localPence: demoLocal.localPence + 300_000, localLines: demoLocal.localLines + 1,
    });
    const share = formatShare(facts.supplierLocal!.localPence, facts.supplierLocal!.knownPence);
    const { page } = await shell.open();
    await waitForMapIdle(page);
    await openProjectFile(page, OUT, await e.saveProject(), 'local-suppliers.gpkg');
    await page.getByTestId('ward-picker').selectOption(ward);
    await expect(page.getByTestId('ward-local').textContent()).resolves.toMatch(new RegExp(`whose supplier's postcode is known, .* \\(${share.replace('.', '\\.')}\\) went to suppliers\\s+based in the borough`));
    await openBrief(page, ward);
    const pdf = await printPdf(page, 'local-suppliers');
    const flat = pdf.text.replace(/\s+/g, ' ');
    expect(flat).toContain(`Of the spend whose supplier's postcode is known (${formatWholePounds(facts.supplierLocal!.knownPence)}), ${share} went to suppliers based in the borough, by their own address.`);

    // Data health: the line with no location of its own goes to its supplier's postcode only when asked, and back.
    await page.getByTestId('brief-close').click();
    await page.getByTestId('ledger').locator(':scope > summary').click();
    const toggle = page.getByTestId('supplier-address-toggle');
    await expect(toggle.isChecked()).resolves.toBe(false);
    const placedBefore = (await page.getByTestId('ledger').locator(':scope > summary').textContent())!;
    await toggle.click();
    await page.waitForFunction(() => document.querySelector('[data-testid=alert]')?.textContent?.includes("supplier's postcode"));
    // The demo's own unplaced lines with a supplier address move too: as many as the engine places the same way.
    const moved = (await e.setPlaceBySupplierAddress(true)).newlyPlaced;
    expect(moved).toBeGreaterThan(1);
    await expect(page.getByTestId('alert').textContent()).resolves.toContain(`${moved.toLocaleString('en-GB')} spend lines that nothing else placed are now at their supplier's postcode`);
    await page.getByTestId('alert').getByRole('button', { name: 'OK' }).click();
    await expect(page.getByTestId('ledger').textContent()).resolves.toContain("by supplier's own address (chosen in Data health; not where the service was)");
    const placed = (s: string) => Number(/^([\d,]+) of/.exec(s)![1]!.replace(/,/g, ''));
    await expect(page.getByTestId('ledger').locator(':scope > summary').textContent().then((t) => placed(t!))).resolves.toBe(placed(placedBefore) + moved);
    await screenshot(page, 'data-health-supplier-address');
    await toggle.click();
    await page.waitForFunction(() => document.querySelector('[data-testid=alert]')?.textContent?.includes('no longer placed'));
    await page.getByTestId('alert').getByRole('button', { name: 'OK' }).click();
    await expect(page.getByTestId('ledger').locator(':scope > summary').textContent().then((t) => placed(t!))).resolves.toBe(placed(placedBefore));
  });
});

describe('briefs for other areas', () => {
  it('a shape drawn across two wards gets the spend inside it only, as SQL counts it', async () => {
    const { page } = await shell.open();
    await waitForMapIdle(page);
    const box = (await page.getByTestId('map').boundingBox())!;
    // A diamond over the middle of the borough, big enough to cross ward lines.
    const path = [[0.5, 0.3], [0.62, 0.45], [0.5, 0.6], [0.38, 0.45]].map(([fx, fy]) => ({ x: box.x + box.width * fx!, y: box.y + box.height * fy! }));
    await page.getByTestId('lasso-mode').click();
    await page.mouse.move(path[0]!.x, path[0]!.y);
    await page.mouse.down();
    for (const p of [...path.slice(1), path[0]!]) await page.mouse.move(p.x, p.y, { steps: 12 });
    await page.mouse.up();
    await page.getByTestId('shape-brief').click();
    await page.waitForSelector('[data-testid=brief][data-ready=yes]', { timeout: 60000 });
    const ring = (await page.evaluate('window.__placelensLastBriefArea')) as [number, number][];
    // The lines inside the shape by an even-odd test over the stored coordinates, whatever ward they are in.
    const db = new (await initSqlJs()).Database(engine.exportBytes());
    const rows = db.exec('SELECT lon, lat, amount_pence, ward_code FROM spend_lines WHERE lon IS NOT NULL')[0]!.values as [number, number, number, string][];
    const inside = rows.filter(([x, y]) => {
      let odd = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
      }
      return odd;
    });
    expect(new Set(inside.map((r) => r[3])).size).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('brief-total').textContent()).resolves.toBe(formatWholePounds(inside.reduce((t, r) => t + r[2], 0)));
    await expect(page.getByTestId('brief-headline').textContent()).resolves.toContain(inside.length.toLocaleString('en-GB'));
    await screenshot(page, 'brief-drawn-area');
    const pdf = await printPdf(page, 'drawn-area');
    expect(pdf.text.replace(/\s+/g, ' ')).toContain('An area drawn on the map');
  });

  it('a brief for two wards, and one for a meeting place', async () => {
    const { page } = await shell.open();
    await waitForMapIdle(page);
    const codes = (await engine.mapData()).wards.features.slice(0, 2).map((w) => w.properties.code);
    await openBrief(page, codes[0]!);
    await page.getByTestId('brief-add-ward').selectOption(codes[1]!);
    await page.waitForFunction(() => document.querySelector('[data-testid=brief]')?.textContent?.includes('2 wards:'));
    await page.waitForSelector('[data-testid=brief][data-ready=yes]', { timeout: 60000 });
    const both = (await engine.briefFacts({ kind: 'wards', codes }, defaultFilter()))!;
    await expect(page.getByTestId('brief-total').textContent()).resolves.toBe(formatWholePounds(both.totalPence));
    await page.getByTestId('brief-close').click();

    // Switching the meeting places on closes the ward's panel, which shares their side of the map.
    await page.getByTestId('layer-meeting').check();
    await page.getByTestId('meeting-item').first().click();
    await page.getByTestId('meeting-brief').click();
    await page.waitForSelector('[data-testid=brief][data-ready=yes]', { timeout: 60000 });
    const place = (await engine.briefFacts({ kind: 'meeting', rank: 1 }, defaultFilter()))!;
    expect(await page.title()).toBe(`${place.area.name}: area brief — PlaceLens`);
    await expect(page.getByTestId('brief-total').textContent()).resolves.toBe(formatWholePounds(place.totalPence));
    await expect(page.getByTestId('brief-meeting').textContent()).resolves.toContain(place.meeting[0]!.sentence);
    await screenshot(page, 'brief-meeting-place');
    await page.getByTestId('brief-close').click();
    await expect(page.title()).resolves.toMatch(/^Fenmarsh/);

    // An estate from the places register, from the ward panel's list of places with spend.
    await page.getByTestId('layer-meeting').uncheck();
    const withEstate = (await engine.mapData()).wards.features.map((w) => w.properties.code);
    let opened = false;
    for (const code of withEstate) {
      await page.getByTestId('ward-picker').selectOption(code);
      await page.getByTestId('ward-panel').waitFor();
      await page.waitForFunction((c) => document.querySelector('[data-testid=ward-panel] .ward-code')?.textContent === c, code);
      if ((await page.getByTestId('place-brief').count()) === 0) continue;
      const name = (await page.getByTestId('place-brief').first().getAttribute('aria-label'))!.replace(/^Area brief for /, '');
      await page.getByTestId('place-brief').first().click();
      await page.waitForSelector('[data-testid=brief][data-ready=yes]', { timeout: 60000 });
      const estate = (await engine.briefFacts({ kind: 'place', name }, defaultFilter()))!;
      expect(estate.lines).toBeGreaterThan(0);
      await expect(page.getByTestId('brief-total').textContent()).resolves.toBe(formatWholePounds(estate.totalPence));
      await expect(page.locator('[data-testid=brief] h1').textContent()).resolves.toBe(name);
      opened = true;
      break;
    }
    expect(opened).toBe(true);
  });
});

describe('briefs in batch from the command line', () => {
  /** The demo saved as a project file, for the command line to open. */
  async function demoProject(): Promise<string> {
    const path = resolve(OUT, 'batch-demo.gpkg');
    writeFileSync(path, await engine.saveProject());
    return path;
  }
  const cli = (args: string[]) => spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'electron/cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, PLACELENS_CHROMIUM: '/usr/bin/chromium' } });
  const finished = (child: ReturnType<typeof cli>) => new Promise<{ code: number | null; out: string; err: string }>((ok) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => ok({ code, out, err }));
  });
  const pdfPages = (path: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);

  it('--all-wards writes one complete PDF per demo ward and an index whose totals are the engine\'s', async () => {
    const out = resolve(OUT, 'batch-all');
    rmSync(out, { recursive: true, force: true });
    const run = await finished(cli(['briefs', await demoProject(), '--all-wards', '--out', out]));
    expect(run.code, run.err).toBe(0);
    const wards = (await engine.mapData()).wards.features.map((w) => w.properties);
    const files = readdirSync(out);
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(wards.length);
    expect(files).toContain('index.html');
    // Quoted cells hold commas ("£1,254,143"): split on commas outside quotes only.
    const index = readFileSync(resolve(out, 'index.csv'), 'utf8').trim().split('\r\n').slice(1)
      .map((l) => [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, 5));
    expect(index).toHaveLength(wards.length);
    for (const w of wards.slice(0, 5)) {
      const row = index.find((r) => r[1] === w.code)!;
      const facts = (await engine.briefFacts(w.code, defaultFilter()))!;
      expect(row[2]).toBe(formatWholePounds(facts.totalPence));
      const pages = pdfPages(resolve(out, row[4]!));
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(4);
    }
  }, 300_000);

  it('stopped with Ctrl+C midway, it leaves only complete PDFs and an index of them', async () => {
    const out = resolve(OUT, 'batch-stopped');
    rmSync(out, { recursive: true, force: true });
    const child = cli(['briefs', await demoProject(), '--all-wards', '--out', out]);
    const done = finished(child);
    const deadline = Date.now() + 200_000;
    while (Date.now() < deadline && (!existsSync(out) || readdirSync(out).filter((f) => f.endsWith('.pdf')).length < 2)) await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGINT');
    const run = await done;
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('stopped before the rest');
    const files = readdirSync(out);
    const pdfs = files.filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThanOrEqual(2);
    expect(pdfs.length).toBeLessThan(20);
    // Nothing half-written: no temporary files, and every PDF opens.
    expect(files.filter((f) => !f.endsWith('.pdf') && f !== 'index.html' && f !== 'index.csv')).toEqual([]);
    for (const f of pdfs) expect(pdfPages(resolve(out, f))).toBeGreaterThanOrEqual(2);
    expect(readFileSync(resolve(out, 'index.html'), 'utf8')).toContain(`Stopped after ${pdfs.length} briefs`);
  }, 300_000);
});

describe('exports of an area and of the map', () => {
  it('a brief\'s area exports its spend lines as CSV and GeoJSON, the same lines as the brief counts', async () => {
    const { page } = await shell.open();
    await waitForMapIdle(page);
    const ward = (await page.getByTestId('ward-picker').locator('option').nth(2).getAttribute('value'))!;
    const facts = (await engine.briefFacts(ward, defaultFilter()))!;
    await openBrief(page, ward);
    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('brief-export-csv').click();
    const csv = readFileSync((await (await csvDownload).path())!, 'utf8').replace(/^\uFEFF/, '');
    const rows = csv.trim().split(/\r?\n/).slice(1);
    expect(rows).toHaveLength(facts.lines);
    expect((await csvDownload).suggestedFilename()).toBe(`${facts.area.name} - spend lines.csv`);
    const geoDownload = page.waitForEvent('download');
    await page.getByTestId('brief-export-geojson').click();
    const geo = JSON.parse(readFileSync((await (await geoDownload).path())!, 'utf8')) as { features: { properties: { amount_pence: number; ward_code: string } }[] };
    const located = facts.byMethod.filter((m) => m.method !== 'ward-name').reduce((t, m) => t + m.lines, 0);
    expect(geo.features).toHaveLength(located);
    expect(geo.features.every((f) => f.properties.ward_code === ward)).toBe(true);
  });

  it('Export map image… saves a PNG of the chosen paper size and resolution, with the map drawn in it', async () => {
    const { page } = await shell.open();
    await waitForMapIdle(page);
    await page.getByTestId('export-map-image').click();
    await page.getByTestId('map-image-size').selectOption('a4-landscape');
    await page.getByTestId('map-image-dpi').selectOption('150');
    await expect(page.getByTestId('map-image-pixels').textContent()).resolves.toContain('1,754 × 1,240 pixels');
    const download = page.waitForEvent('download', { timeout: 60000 });
    await page.getByTestId('map-image-export').click();
    const path = (await (await download).path())!;
    const png = readFileSync(path);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1754, 1240]);
    // Decoded in the page: most of the picture is map (wards shaded, points), not white.
    const ink = (await page.evaluate(`(async (b64) => {
      const blob = await (await fetch('data:image/png;base64,' + b64)).blob();
      const bmp = await createImageBitmap(blob);
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(bmp, 0, 0);
      const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
      let ink = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) ink++;
      return ink / (d.length / 4);
    })(${JSON.stringify(png.toString('base64'))})`)) as number;
    expect(ink).toBeGreaterThan(0.3);
    writeFileSync(resolve(OUT, 'map-image.png'), png);
    await page.getByTestId('map-image-dialog').waitFor({ state: 'detached' });
  });
});
