import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import initSqlJs from 'sql.js';
import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { launchChromium, openGuardedPage, screenshot, startWebShell, waitForMapIdle, type GuardedPage } from './harness';
import { countMapColours } from './pixels';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { unzipSync, zipSync } from 'fflate';
import { CAMDEN_WARDS, FIXTURES, SHARED_DATA, readBytes } from '../paths';
import { demoInput } from '../demo-input';
import { makeXlsx } from '../fixtures/xlsx';
import { syntheticSpendCsv } from '../bench/synthetic-spend';
import { Engine } from '../../renderer/engine/engine';
import { CHOROPLETH_COLOURS } from '../../renderer/domain/choropleth';
import { SERVICE_AREA_COLOUR } from '../../renderer/domain/service-areas';
import { formatPounds } from '../../renderer/domain/money';

let server: PreviewServer;
let url: string;
let browser: Browser;
let g: GuardedPage;
const expectedTotals = new Map<string, number>();
let expectedPoints = 0;

type MapHandle = { project(lngLat: [number, number]): { x: number; y: number }; queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, unknown> }[] };

beforeAll(async () => {
  ({ server, url } = await startWebShell());
  browser = await launchChromium();
  // The figures the panel must show, computed in Node by the same engine on the same files.
  const engine = new Engine(await initSqlJs());
  await engine.loadProject(demoInput());
  const data = await engine.mapData();
  for (const f of data.wards.features) expectedTotals.set(f.properties.name, f.properties.total);
  expectedPoints = data.pointCount;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(() => {
  // Offline by design: nothing may be asked of any host but the app itself.
  expect(g.offHost).toEqual([]);
  expect(g.consoleErrors).toEqual([]);
});

async function openApp(): Promise<GuardedPage> {
  g = await openGuardedPage(browser);
  await g.page.goto(url);
  await waitForMapIdle(g.page);
  return g;
}

describe('web shell on the demo project', () => {
  it('draws the borough: ward fills, labels and service-area points, marked as fictional demo data', async () => {
    const { page } = await openApp();
    await screenshot(page, 'demo-map');
    const { counts, total } = await countMapColours(page, CHOROPLETH_COLOURS);
    const fillShare = counts.reduce((a, b) => a + b, 0) / total;
    expect(fillShare, 'share of the map covered by choropleth colours').toBeGreaterThan(0.15);
    expect(counts.filter((c) => c > 500).length, 'choropleth classes visibly drawn').toBeGreaterThanOrEqual(4);
    const points = await countMapColours(page, Object.values(SERVICE_AREA_COLOUR).slice(0, 4), 8);
    for (const c of points.counts) expect(c).toBeGreaterThan(300);
    const labels = await page.evaluate(() => {
      const map = (window as unknown as { __placelensMap: MapHandle }).__placelensMap;
      return new Set(map.queryRenderedFeatures({ layers: ['ward-labels'] }).map((f) => f.properties.name)).size;
    });
    expect(labels).toBe(expectedTotals.size);
    // Every placed line is on the map at the borough's zoom (a clustered source once held only a third of them):
    // each drawn point of the engine's tiles stands for the n lines that share its pixels.
    const drawn = await page.evaluate(() => {
      const map = (window as unknown as { __placelensMap: { querySourceFeatures(s: string, o: { sourceLayer: string }): { properties: { n?: number } }[] } }).__placelensMap;
      return map.querySourceFeatures('spend', { sourceLayer: 'spend' }).reduce((n, f) => n + (f.properties.n ?? 1), 0);
    });
    expect(expectedPoints).toBe(19540);
    expect(drawn).toBe(expectedPoints);
    await expect(page.getByTestId('notice').textContent()).resolves.toBe('Demo data — fictional');
    await expect(page.getByTestId('choropleth-legend').textContent()).resolves.toMatch(/£[\d.]+m – £[\d.]+m/);
    await page.context().close();
  });

  it('switching a service area off hides its points, and on again shows them', async () => {
    const { page } = await openApp();
    const youth = SERVICE_AREA_COLOUR.youth;
    const pixels = async () => (await countMapColours(page, [youth], 8)).counts[0]!;
    // The switch is a filter the engine counts before the map redraws, so wait for the drawing, not a fixed time.
    const until = async (ok: (n: number) => boolean) => {
      for (let tries = 0; ; tries++) {
        const n = await pixels();
        if (ok(n) || tries > 100) return n;
        await page.waitForTimeout(100);
      }
    };
    const before = await pixels();
    expect(before).toBeGreaterThan(300);
    await page.getByTestId('toggle-youth').click();
    const off = await until((n) => n < before * 0.02);
    await screenshot(page, 'demo-youth-off');
    const stillOn = (await countMapColours(page, [SERVICE_AREA_COLOUR.estates], 8)).counts[0]!;
    await page.getByTestId('toggle-youth').click();
    const again = await until((n) => n > before * 0.9);
    expect(off).toBeLessThan(before * 0.02);
    expect(stillOn).toBeGreaterThan(300);
    expect(again).toBeGreaterThan(before * 0.9);
    await page.context().close();
  });

  it('hovering a ward shows its name and £ by service area; clicking opens its panel with the right total', async () => {
    const { page } = await openApp();
    const target = await page.evaluate(() => {
      const map = (window as unknown as { __placelensMap: MapHandle }).__placelensMap;
      const rect = document.querySelector('[data-testid=map]')!.getBoundingClientRect();
      const labels = map.queryRenderedFeatures({ layers: ['ward-labels'] }) as unknown as { properties: { name: string }; geometry: { coordinates: [number, number] } }[];
      for (const l of labels) {
        // Just beside the label, so the point is on the ward, not on its name.
        const p = map.project(l.geometry.coordinates);
        const x = rect.left + p.x;
        const y = rect.top + p.y + 14;
        if (document.elementFromPoint(x, y)?.tagName === 'CANVAS') return { name: l.properties.name, x, y };
      }
      return null;
    });
    expect(target).not.toBeNull();
    await page.mouse.move(target!.x, target!.y);
    const card = page.getByTestId('hover-card');
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(target!.name);
    await expect(card.textContent()).resolves.toMatch(/Youth services£[\d,]+\.\d\d/);
    await page.mouse.click(target!.x, target!.y);
    const panel = page.getByTestId('ward-panel');
    await panel.waitFor();
    await expect(panel.locator('h2').textContent()).resolves.toBe(target!.name);
    await expect(page.getByTestId('ward-total').textContent()).resolves.toBe(formatPounds(expectedTotals.get(target!.name)!));
    await expect(page.getByTestId('top-suppliers').locator('li').count()).resolves.toBe(5);
    await expect(page.getByTestId('ward-by-method').textContent()).resolves.toMatch(/coordinates in the data\d+(\.\d)?%/);
    await expect(page.getByTestId('ward-by-mission').textContent()).resolves.toMatch(/Estates£[\d.]+[mk].*Food£[\d.]+[mk]?.*Diversity.*Young people/);
    await waitForMapIdle(page);
    await screenshot(page, 'demo-ward-panel');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('ward-panel').count()).resolves.toBe(0);
    await page.context().close();
  });
});

describe('web shell importing spend', () => {
  it('File › Import spend… shows how the file reads, takes a corrected column, and adds its lines to the map and ledger', async () => {
    const { page } = await openApp();
    const before = await page.getByTestId('ledger').locator(':scope > summary').textContent();
    expect(before).toMatch(/of 20,000 spend lines placed/);
    await page.getByTestId('file-menu').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-spend').click();
    await (await chooser).setFiles(resolve(FIXTURES, 'spend/extra-spend.csv'));
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/Header on row 4 \(the 3 rows above it are skipped\); 8 rows below it; read as windows-1252/);
    await expect(page.getByTestId('import-lines').textContent()).resolves.toContain('£1,250.00');
    // "Team" is not a header PlaceLens knows; the person says it is the department.
    await expect(page.getByTestId('role-2').inputValue()).resolves.toBe('');
    await page.getByTestId('role-2').selectOption('department');
    // The preview is read again by the engine with the new column.
    await page.waitForFunction(() => document.querySelector('[data-testid=import-lines]')?.textContent?.includes('Youth Services'));
    await screenshot(page, 'import-dialog');
    await page.getByTestId('import-confirm').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=ledger] summary')?.textContent?.includes('20,006 spend lines'));
    // The row that could not be read is said at once, where it is.
    const alert = page.getByTestId('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('extra-spend.csv imported, with 1 problem to check');
    await expect(alert.textContent()).resolves.toContain('extra-spend.csv, row 11, column "Net Amount": "five hundred" is not an amount');
    await screenshot(page, 'import-problems');
    await alert.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByTestId('ledger').locator(':scope > summary').textContent()).resolves.toMatch(/^19,546 of 20,006 spend lines placed/);
    await page.getByTestId('ledger').locator(':scope > summary').click();
    await expect(page.getByTestId('ledger').textContent()).resolves.toContain('extra-spend.csv (8 rows, windows-1252)');
    // The file's total row is not a spend line: its own total is shown, not counted again.
    await expect(page.getByTestId('ledger').textContent()).resolves.toMatch(/total row1not counted \(states £12,230\.75\)/);
    await expect(page.getByTestId('ledger').textContent()).resolves.toMatch(/not readable1not readable/);
    // Each input problem is listed where it is and why.
    await page.getByTestId('input-problems').locator('summary').click();
    await expect(page.getByTestId('input-problems').textContent()).resolves.toContain('extra-spend.csv, row 11, column "Net Amount": "five hundred" is not an amount');
    await waitForMapIdle(page);
    // The next file with the same header opens with the columns as they were set.
    await page.getByTestId('file-menu').click();
    const again = page.waitForEvent('filechooser');
    await page.getByTestId('import-spend').click();
    await (await again).setFiles(resolve(FIXTURES, 'spend/extra-spend.csv'));
    await page.getByTestId('import-profile').waitFor();
    await expect(page.getByTestId('role-2').inputValue()).resolves.toBe('department');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('import-dialog').count()).resolves.toBe(0);
    await page.context().close();
  });
});

describe('web shell stopping an import', () => {
  it('Cancel during a large import stops it and adds nothing', async () => {
    const path = resolve(mkdtempSync(resolve(tmpdir(), 'placelens-')), 'big-spend.csv');
    writeFileSync(path, syntheticSpendCsv(150000));
    const { page } = await openApp();
    const before = await page.getByTestId('ledger').locator(':scope > summary').textContent();
    await page.getByTestId('file-menu').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-spend').click();
    await (await chooser).setFiles(path);
    await page.getByTestId('import-dialog').waitFor();
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('stop-import').click();
    const alert = page.getByTestId('alert');
    await alert.waitFor({ timeout: 60000 });
    await expect(alert.textContent()).resolves.toMatch(/Import of big-spend\.csv stopped: nothing was added/);
    await alert.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByTestId('ledger').locator(':scope > summary').textContent()).resolves.toBe(before);
    await page.context().close();
  });
});

describe('web shell importing a workbook', () => {
  it('File › Import spend… reads an Excel workbook in the engine worker and imports its first sheet', async () => {
    const path = resolve(mkdtempSync(resolve(tmpdir(), 'placelens-')), 'q1-payments.xlsx');
    writeFileSync(
      path,
      makeXlsx([
        {
          name: 'Payments',
          rows: [
            ['Payment Date', 'Beneficiary Name', 'Organisational Unit', 'Amount GBP', 'Longitude', 'Latitude'],
            [{ date: '2025-04-02' }, 'Heronway Youth Trust', 'Youth Services', 1250, 2.626946, 53.052472],
            [{ date: '2025-04-03' }, 'Greenway Grounds Ltd', 'Parks and Open Spaces', 310.5, 2.60719, 53.030424],
          ],
        },
      ]),
    );
    const { page } = await openApp();
    await page.getByTestId('file-menu').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-spend').click();
    await (await chooser).setFiles(path);
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/read as xlsx, sheet "Payments"/);
    await expect(page.getByTestId('import-lines').textContent()).resolves.toContain('2025-04-02');
    await page.getByTestId('import-confirm').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=ledger] summary')?.textContent?.includes('20,002 spend lines'));
    await waitForMapIdle(page);
    await page.context().close();
  });

  it('File › Import spend… reads the sheet chosen in the dialog and saves the columns under the name typed', async () => {
    const path = resolve(mkdtempSync(resolve(tmpdir(), 'placelens-')), 'q2-payments.xlsx');
    writeFileSync(
      path,
      makeXlsx([
        { name: 'About', rows: [['Payments over £500, published under the Transparency Code']] },
        {
          name: 'Q2 payments',
          rows: [
            ['Payment Date', 'Beneficiary Name', 'Organisational Unit', 'Amount GBP', 'Longitude', 'Latitude'],
            [{ date: '2025-07-01' }, 'Heronway Youth Trust', 'Youth Services', 400, 2.626946, 53.052472],
            [{ date: '2025-07-02' }, 'Greenway Grounds Ltd', 'Parks and Open Spaces', 99.99, 2.60719, 53.030424],
            [{ date: '2025-07-03' }, 'Greenway Grounds Ltd', 'Parks and Open Spaces', 0.01, 2.60719, 53.030424],
          ],
        },
      ]),
    );
    const { page } = await openApp();
    const openFile = async () => {
      await page.getByTestId('file-menu').click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('import-spend').click();
      await (await chooser).setFiles(path);
      await page.getByTestId('import-dialog').waitFor();
    };
    await openFile();
    const dialog = page.getByTestId('import-dialog');
    const sheet = dialog.getByLabel('Sheet');
    await expect(sheet.inputValue()).resolves.toBe('About');
    await expect(dialog.textContent()).resolves.toMatch(/No header row found/);
    // Chosen by keyboard: the sheet select has the focus when the dialog opens.
    await expect(sheet.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('[data-testid=import-lines]')?.textContent?.includes('2025-07-01'));
    await expect(dialog.textContent()).resolves.toMatch(/read as xlsx, sheet "Q2 payments"/);
    const name = dialog.getByLabel('Save these columns as');
    await expect(name.inputValue()).resolves.toBe('q2-payments');
    await name.fill('Quarterly spend (Camden)');
    await screenshot(page, 'import-dialog-sheet');
    await page.getByTestId('import-confirm').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=ledger] summary')?.textContent?.includes('20,003 spend lines'));
    await page.getByTestId('ledger').locator(':scope > summary').click();
    await expect(page.getByTestId('ledger').textContent()).resolves.toContain('q2-payments.xlsx (3 rows, xlsx, sheet "Q2 payments")');
    await waitForMapIdle(page);
    // The same file again: once its sheet is chosen, its columns come from the profile, by the name it was given.
    await openFile();
    await dialog.getByLabel('Sheet').selectOption('Q2 payments');
    const profile = page.getByTestId('import-profile');
    await profile.waitFor();
    await expect(profile.textContent()).resolves.toBe('Columns from the profile “Quarterly spend (Camden)”, saved for files with this header. Change any of them below.');
    await expect(dialog.getByLabel('Save these columns as').inputValue()).resolves.toBe('Quarterly spend (Camden)');
    await screenshot(page, 'import-dialog-profile');
    await page.keyboard.press('Escape');
    await page.context().close();
  });
});

describe('web shell by keyboard', () => {
  it('a ward picked from the list by keyboard opens its panel with the right total', async () => {
    const { page } = await openApp();
    const name = [...expectedTotals.keys()].sort()[3]!;
    await page.getByTestId('ward-picker').focus();
    await page.getByTestId('ward-picker').selectOption({ label: name });
    const panel = page.getByTestId('ward-panel');
    await panel.waitFor();
    await expect(panel.locator('h2').textContent()).resolves.toBe(name);
    await expect(page.getByTestId('ward-total').textContent()).resolves.toBe(formatPounds(expectedTotals.get(name)!));
    await page.waitForTimeout(800);
    await waitForMapIdle(page);
    await screenshot(page, 'demo-ward-picked');
    const selectedOutline = await countMapColours(page, ['#000000'], 10);
    expect(selectedOutline.counts[0], 'the picked ward is outlined on the map').toBeGreaterThan(300);
    await page.context().close();
  });
});

describe('web shell opening other ward boundaries', () => {
  async function openWardsFile(page: GuardedPage['page'], path: string) {
    await page.getByTestId('file-menu').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-wards').click();
    await (await chooser).setFiles(path);
  }

  it("File › Open wards… with Camden's 2022 wards shows its 20 wards, labelled", async () => {
    const { page } = await openApp();
    await openWardsFile(page, CAMDEN_WARDS);
    await page.waitForFunction(() => document.querySelector('.boundary')?.textContent?.includes('wards-2022.geojson'));
    // Camden's generalised file has two wards whose slivers touch their main part: the person is told, by name.
    const alert = page.getByTestId('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/wards-2022\.geojson opened: 2 warnings.*feature 14: Kilburn: the boundary crosses or touches itself/);
    await alert.getByRole('button', { name: 'OK' }).click();
    await page.waitForTimeout(300);
    await waitForMapIdle(page);
    await screenshot(page, 'camden-wards');
    const names = await page.evaluate(() => {
      const map = (window as unknown as { __placelensMap: MapHandle }).__placelensMap;
      return [...new Set(map.queryRenderedFeatures({ layers: ['ward-labels'] }).map((f) => String(f.properties.name)))].sort();
    });
    expect(names).toHaveLength(20);
    expect(names).toContain('Bloomsbury');
    expect(names).toContain("Kentish Town South");
    const outlines = await countMapColours(page, ['#4d443a'], 24);
    expect(outlines.counts[0]).toBeGreaterThan(2000);
    await expect(page.getByTestId('ledger').locator(':scope > summary').textContent()).resolves.toMatch(/^0 of 20,000 spend lines placed/);
    await page.context().close();
  });

  it("File › Open wards… with a zipped Shapefile in British National Grid shows London's boroughs", async () => {
    const { page } = await openApp();
    await openWardsFile(page, resolve(SHARED_DATA, 'london/boroughs-2022-bng-shapefile.zip'));
    await page.waitForFunction(() => document.querySelector('.boundary')?.textContent?.includes('boroughs-2022-bng-shapefile.zip'));
    await page.waitForTimeout(300);
    await waitForMapIdle(page);
    await screenshot(page, 'london-boroughs');
    const names = await page.evaluate(() => {
      const map = (window as unknown as { __placelensMap: MapHandle }).__placelensMap;
      return [...new Set(map.queryRenderedFeatures({ layers: ['ward-labels'] }).map((f) => String(f.properties.name)))];
    });
    expect(names.length).toBeGreaterThanOrEqual(28);
    expect(names).toContain('Camden');
    await expect(page.getByTestId('ward-picker').locator('option').count()).resolves.toBe(34);
    await page.context().close();
  });

  it('a Shapefile without its .prj: PlaceLens asks whether it is British National Grid, and reads it when told', async () => {
    const entries = unzipSync(readBytes(resolve(SHARED_DATA, 'london/boroughs-2022-bng-shapefile.zip')));
    delete entries['london-2021-lad22-gen20.prj'];
    const path = resolve(mkdtempSync(resolve(tmpdir(), 'placelens-')), 'boroughs-no-prj.zip');
    writeFileSync(path, zipSync(entries));
    const { page } = await openApp();
    await openWardsFile(page, path);
    const alert = page.getByTestId('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/Which coordinate system is boroughs-no-prj\.zip in\?.*look like British National Grid metres/);
    await screenshot(page, 'no-prj-question');
    await page.getByTestId('alert-action').click();
    await page.waitForFunction(() => document.querySelector('.boundary')?.textContent?.includes('boroughs-no-prj.zip'));
    await expect(page.getByTestId('ward-picker').locator('option').count()).resolves.toBe(34);
    await waitForMapIdle(page);
    await page.context().close();
  });

  it('a wards file in British National Grid is refused with the file and feature named; the demo wards stay', async () => {
    const { page } = await openApp();
    await openWardsFile(page, resolve(FIXTURES, 'wards/bng-wards.geojson'));
    const alert = page.getByTestId('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/bng-wards\.geojson could not be used as ward boundaries.*bng-wards\.geojson, feature 1: .*British National Grid/);
    await screenshot(page, 'bad-wards-alert');
    await alert.getByRole('button', { name: 'OK' }).click();
    await expect(page.locator('.boundary').textContent()).resolves.toContain('wards.geojson');
    await page.context().close();
  });
});

/** Drags files over the window and drops them, as the person would from their file manager. */
async function dropFiles(page: GuardedPage['page'], files: { name: string; bytes: Uint8Array }[], options: { drop: boolean } = { drop: true }) {
  await page.evaluate(
    ({ files, drop }) => {
      const transfer = new DataTransfer();
      for (const f of files) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
      const fire = (type: string) => document.querySelector('.stage')!.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      fire('dragenter');
      fire('dragover');
      if (drop) fire('drop');
    },
    { files: files.map((f) => ({ name: f.name, bytes: [...f.bytes] })), drop: options.drop },
  );
}

describe('web shell taking dropped files', () => {
  it('a spend file dropped on the window opens the import preview; dropped wards replace the wards', async () => {
    const { page } = await openApp();
    await dropFiles(page, [{ name: 'extra-spend.csv', bytes: readBytes(resolve(FIXTURES, 'spend/extra-spend.csv')) }], { drop: false });
    await page.getByTestId('drop-zone').waitFor();
    await screenshot(page, 'drop-zone');
    await dropFiles(page, [{ name: 'extra-spend.csv', bytes: readBytes(resolve(FIXTURES, 'spend/extra-spend.csv')) }]);
    await expect(page.getByTestId('drop-zone').count()).resolves.toBe(0);
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/Import spend: extra-spend\.csv.*8 rows below it/);
    await page.keyboard.press('Escape');

    await dropFiles(page, [{ name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) }]);
    await page.waitForFunction(() => document.querySelector('.boundary')?.textContent?.includes('wards-2022.geojson'));
    await page.getByTestId('alert').getByRole('button', { name: 'OK' }).click();

    await dropFiles(page, [{ name: 'notes.docx', bytes: new Uint8Array([0x50, 0x4b, 3, 4]) }]);
    await expect(page.getByTestId('alert').textContent()).resolves.toMatch(/PlaceLens cannot tell what notes\.docx is/);
    await page.context().close();
  });
});

describe('web shell rules and boundary date', () => {
  it('Rules and missions…: moving a rule to another service area re-sorts every line; the rules export as JSON', async () => {
    // The same change made by the same engine in Node gives the figures the page must show.
    const engine = new Engine(await initSqlJs());
    await engine.loadProject(demoInput());
    const set = await engine.ruleSet();
    const expected = await engine.setRuleSet({ ...set, rules: set.rules.map((r) => (r.id === 'department-youth' ? { ...r, serviceArea: 'green-spaces' as const } : r)) });
    if (!expected.ok) throw new Error('the rule change was refused in Node');

    const { page } = await openApp();
    await page.getByTestId('file-menu').click();
    await page.getByTestId('edit-rules').click();
    const dialog = page.getByTestId('rules-dialog');
    await dialog.waitFor();
    const offered = (label: string) => dialog.getByLabel(label).locator('option').allTextContents();
    await expect(offered('What rule department-youth reads')).resolves.toEqual(['Department / unit', 'Purpose', 'Supplier', 'Merchant category', 'CPV code starts with']);
    await expect(offered('What mission rule mission-food-purpose reads')).resolves.toEqual(['Department / unit', 'Purpose', 'Supplier', 'Merchant category']);
    await page.getByTestId('rule-area-department-youth').selectOption('green-spaces');
    await screenshot(page, 'rules-dialog');
    const download = page.waitForEvent('download');
    await page.getByTestId('rules-export').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('placelens-rules.json');
    const exported = JSON.parse(await readFile(await saved.path(), 'utf8')) as { rules: { id: string; serviceArea: string }[] };
    expect(exported.rules.find((r) => r.id === 'department-youth')?.serviceArea).toBe('green-spaces');

    await page.getByTestId('rules-apply').click();
    const alert = page.getByTestId('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain(`${expected.changed.lines.toLocaleString('en-GB')} lines (${formatPounds(expected.changed.pence)}) changed service area`);
    await alert.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByTestId('rules-dialog').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('the boundary date set by hand flags the spend dated before it', async () => {
    const engine = new Engine(await initSqlJs());
    await engine.loadProject(demoInput());
    const expected = await engine.setBoundaryVintage('May 2024');
    if (!expected.ok || !expected.summary.beforeVintage) throw new Error('expected spend before May 2024 in the demo');

    const { page } = await openApp();
    await expect(page.getByTestId('vintage-chip').count()).resolves.toBe(0);
    await page.getByTestId('set-vintage').click();
    await page.getByTestId('vintage-input').fill('May 2024');
    await page.getByTestId('vintage-input').press('Enter');
    await page.getByTestId('vintage-chip').waitFor();
    await expect(page.getByTestId('vintage-chip').textContent()).resolves.toContain(`${expected.summary.beforeVintage.lines.toLocaleString('en-GB')} lines before these boundaries`);
    await expect(page.locator('.boundary').textContent()).resolves.toContain('boundaries of May 2024');
    await page.getByTestId('set-vintage').click();
    await page.getByTestId('vintage-input').fill('the spring');
    await page.getByTestId('vintage-input').press('Enter');
    await expect(page.getByTestId('alert').textContent()).resolves.toMatch(/The boundary date was not changed/);
    await page.context().close();
  });
});
