// The project file in the web shell: save by download, open by file picker, unsaved changes, recovery after a crash.
import { describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { screenshot, useWebShell, waitForMapIdle } from './harness';
import { countMapColours } from './pixels';
import { CHOROPLETH_COLOURS } from '../../renderer/domain/choropleth';
import { resolve } from 'node:path';
import { FIXTURES } from '../paths';

const shell = useWebShell();
const SQL = await initSqlJs();

async function openApp(query = ''): Promise<Page> {
  const { page } = await shell.open(query);
  await waitForMapIdle(page);
  return page;
}

async function menu(page: Page, item: string): Promise<void> {
  await page.getByTestId('file-menu').click();
  await page.getByTestId(item).click();
}

/** The project name in the web shell's recovery copy, or 'none'; reading never creates the database. */
function storedRecovery(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('placelens-recovery');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve('none');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('recovery')) {
            db.close();
            return resolve('none');
          }
          const get = db.transaction('recovery', 'readonly').objectStore('recovery').get('current');
          get.onsuccess = () => {
            db.close();
            resolve((get.result as { projectName?: string } | undefined)?.projectName ?? 'none');
          };
          get.onerror = () => {
            db.close();
            resolve('none');
          };
        };
      }),
  );
}

async function setVintage(page: Page, text: string): Promise<void> {
  await page.getByTestId('set-vintage').click();
  await page.getByTestId('vintage-input').fill(text);
  await page.getByTestId('vintage-input').press('Enter');
  await page.getByTestId('vintage-chip').waitFor();
}

describe('web shell project files', () => {
  it('saves by download, starts a new project, and opens the saved file again with the same spend and map', async () => {
    const page = await openApp();
    await expect(page.title()).resolves.toBe('Fenmarsh (demo) — PlaceLens');
    await setVintage(page, 'May 2024');
    await expect(page.title()).resolves.toBe('• Fenmarsh (demo) — PlaceLens');
    await expect(page.getByTestId('unsaved').textContent()).resolves.toContain('unsaved changes');
    const chip = await page.getByTestId('vintage-chip').textContent();

    const download = page.waitForEvent('download');
    await menu(page, 'save-project');
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('Fenmarsh (demo).gpkg');
    const bytes = new Uint8Array(await readFile(await saved.path()));
    const db = new SQL.Database(bytes);
    expect(db.exec("SELECT value FROM meta WHERE key = 'boundary_vintage'")[0]!.values[0]![0]).toBe('May 2024');
    expect(db.exec('SELECT count(*) FROM spend_lines')[0]!.values[0]![0]).toBe(20000);
    expect(db.exec('PRAGMA application_id')[0]!.values[0]![0]).toBe(0x47504b47);
    db.close();
    await page.waitForFunction(() => document.title === 'Fenmarsh (demo).gpkg — PlaceLens');
    await expect(page.getByTestId('unsaved').count()).resolves.toBe(0);

    await menu(page, 'new-project');
    await page.waitForFunction(() => document.title === 'Untitled project — PlaceLens');
    await expect(page.getByTestId('vintage-chip').count()).resolves.toBe(0);

    const chooser = page.waitForEvent('filechooser');
    await menu(page, 'open-project');
    // The name as the person's Downloads folder would have it (Playwright keeps downloads under random names).
    await (await chooser).setFiles({ name: 'Fenmarsh (demo).gpkg', mimeType: 'application/geopackage+sqlite3', buffer: Buffer.from(bytes) });
    await page.waitForFunction(() => document.title === 'Fenmarsh (demo).gpkg — PlaceLens');
    await waitForMapIdle(page);
    await expect(page.getByTestId('vintage-chip').textContent()).resolves.toBe(chip);
    await expect(page.getByTestId('project-name').textContent()).resolves.toContain('Fenmarsh (demo)');
    // The wards are drawn again from the opened file: the choropleth's classes fill the map.
    let shades = 0;
    for (let tries = 0; tries < 20 && shades < 4; tries++) {
      await page.waitForTimeout(250);
      shades = (await countMapColours(page, CHOROPLETH_COLOURS)).counts.filter((n) => n > 500).length;
    }
    expect(shades).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'project-reopened');
    await page.context().close();
  });

  it('asks before replacing unsaved changes, and refuses a cut-off file keeping the open project', async () => {
    const page = await openApp();
    await setVintage(page, 'May 2024');
    await menu(page, 'new-project');
    const alert = page.getByTestId('alert');
    await expect(alert.textContent()).resolves.toContain('Discard the unsaved changes to Fenmarsh (demo)?');
    await alert.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.title()).resolves.toBe('• Fenmarsh (demo) — PlaceLens');

    const download = page.waitForEvent('download');
    await menu(page, 'save-project');
    const whole = new Uint8Array(await readFile(await (await download).path()));
    const chooser = page.waitForEvent('filechooser');
    await menu(page, 'open-project');
    await (await chooser).setFiles({ name: 'cut.gpkg', mimeType: 'application/geopackage+sqlite3', buffer: Buffer.from(whole.subarray(0, whole.length >> 1)) });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/cut\.gpkg could not be opened; the open project is unchanged.*cut short/);
    await screenshot(page, 'project-cut-short');
    await alert.getByRole('button', { name: 'OK' }).click();
    await expect(page.title()).resolves.toBe('Fenmarsh (demo).gpkg — PlaceLens');
    await page.context().close();
  });

  it('keeps a recovery copy of unsaved work and offers it after the page is closed without saving', async () => {
    const page = await openApp('?autosave-ms=300');
    await setVintage(page, 'May 2024');
    // The recovery copy is in the browser's storage once autosave has run.
    let kept = 'none';
    for (let tries = 0; tries < 60 && kept === 'none'; tries++) {
      await page.waitForTimeout(250);
      kept = await storedRecovery(page);
    }
    expect(kept).toBe('Fenmarsh (demo)');
    // A crash, as far as the page knows: it goes without saving (the browser's leave-page question is accepted).
    page.on('dialog', (d) => void d.accept());
    await page.goto(shell.url());
    await waitForMapIdle(page);
    const offer = page.getByTestId('recovery-offer');
    await offer.waitFor();
    await expect(offer.textContent()).resolves.toContain('Fenmarsh (demo)');
    await screenshot(page, 'recovery-offer');
    await page.getByTestId('recovery-recover').click();
    await page.getByTestId('vintage-chip').waitFor();
    await expect(page.title()).resolves.toBe('• Fenmarsh (demo) — PlaceLens');
    await expect(page.locator('.boundary').textContent()).resolves.toContain('boundaries of May 2024');
    await page.context().close();
  });

  it('a GeoPackage that is not a project offers its layers, and one read as wards replaces the wards', async () => {
    const page = await openApp();
    const chooser = page.waitForEvent('filechooser');
    await menu(page, 'open-project');
    await (await chooser).setFiles(resolve(FIXTURES, 'wards/bng-wards.gpkg'));
    const dialog = page.getByTestId('geopackage-choice');
    await dialog.waitFor();
    await expect(dialog.locator('tbody tr').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^bng_wards\s*POLYGON\s*1\s*EPSG:27700/),
      expect.stringMatching(/^demo_wards_bng\s*POLYGON\s*20\s*British National Grid/),
    ]);
    await screenshot(page, 'geopackage-choice');
    await page.getByTestId('layer-wards-demo_wards_bng').click();
    await page.waitForFunction(() => document.querySelector('.boundary')?.textContent?.includes('bng-wards.gpkg'));
    await expect(page.title()).resolves.toBe('• Fenmarsh (demo) — PlaceLens');
    await page.context().close();
  });
});
