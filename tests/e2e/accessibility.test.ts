import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { useWebShell, waitForMapIdle } from './harness';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const shell = useWebShell();

interface Finding {
  impact: string | null;
  id: string;
  help: string;
  targets: string[];
}

/** axe-core over the page as it stands; evaluated through the driver, since the app's CSP rightly refuses injected scripts. */
async function axe(page: Page): Promise<{ violations: Finding[]; passes: number }> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(context: Document): Promise<{ violations: { impact: string | null; id: string; help: string; nodes: { target: string[] }[] }[]; passes: unknown[] }> } }).axe.run;
    const r = await run(document);
    return { passes: r.passes.length, violations: r.violations.map((v) => ({ impact: v.impact, id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })) };
  });
}

const serious = (f: Finding[]) => f.filter((v) => v.impact === 'serious' || v.impact === 'critical');

describe('accessibility (axe-core)', () => {
  it('the map view with a ward panel open has no serious or critical violations', async () => {
    const g = await shell.open();
    await waitForMapIdle(g.page);
    await g.page.getByTestId('ward-picker').selectOption({ index: 3 });
    await g.page.getByTestId('ward-panel').waitFor();
    await g.page.getByTestId('ledger').locator(':scope > summary').click();
    const result = await axe(g.page);
    expect(result.passes).toBeGreaterThan(10);
    if (process.env.PLACELENS_REPORT) console.log(JSON.stringify(result.violations, null, 1));
    expect(serious(result.violations), JSON.stringify(serious(result.violations), null, 1)).toEqual([]);
    await g.page.context().close();
  });

  it('the filters with active chips, the time slider and the table of spend lines have no serious or critical violations', async () => {
    const g = await shell.open();
    await waitForMapIdle(g.page);
    await g.page.getByTestId('filter-department').selectOption('Youth Services');
    await g.page.getByTestId('time-mode').selectOption('month');
    await g.page.getByTestId('time-next').click();
    await g.page.getByTestId('filter-chips').waitFor();
    await g.page.getByTestId('supplier-search').fill('arts');
    await g.page.getByTestId('supplier-option').first().waitFor();
    await g.page.getByTestId('toggle-table').click();
    await g.page.getByTestId('spend-row').first().waitFor();
    await g.page.getByTestId('spend-row').first().click();
    await g.page.getByTestId('wards-as-table').click();
    await g.page.getByTestId('ward-table').waitFor();
    const result = await axe(g.page);
    expect(result.passes).toBeGreaterThan(10);
    expect(serious(result.violations), JSON.stringify(serious(result.violations), null, 1)).toEqual([]);
    await g.page.context().close();
  });

  it('the import dialog has no serious or critical violations', async () => {
    const g = await shell.open();
    await waitForMapIdle(g.page);
    await g.page.getByTestId('file-menu').click();
    const chooser = g.page.waitForEvent('filechooser');
    await g.page.getByTestId('import-spend').click();
    await (await chooser).setFiles(require.resolve('../fixtures/spend/extra-spend.csv'));
    await g.page.getByTestId('import-dialog').waitFor();
    const result = await axe(g.page);
    expect(serious(result.violations), JSON.stringify(serious(result.violations), null, 1)).toEqual([]);
    await g.page.context().close();
  });

  it("the layer chooser for a GeoPackage that is not a project has no serious or critical violations", async () => {
    const g = await shell.open();
    await waitForMapIdle(g.page);
    await g.page.getByTestId('file-menu').click();
    const chooser = g.page.waitForEvent('filechooser');
    await g.page.getByTestId('open-project').click();
    await (await chooser).setFiles(require.resolve('../fixtures/wards/bng-wards.gpkg'));
    await g.page.getByTestId('geopackage-choice').waitFor();
    const result = await axe(g.page);
    expect(serious(result.violations), JSON.stringify(serious(result.violations), null, 1)).toEqual([]);
    await g.page.context().close();
  });

  it('the meeting-places panel (list, a profile with its explanation, and the settings) has no serious or critical violations', async () => {
    const g = await shell.open();
    await waitForMapIdle(g.page);
    await g.page.getByTestId('layer-meeting').check();
    await g.page.getByTestId('meeting-list').waitFor({ timeout: 30000 });
    const list = await axe(g.page);
    expect(serious(list.violations), JSON.stringify(serious(list.violations), null, 1)).toEqual([]);
    await g.page.getByTestId('meeting-item').first().click();
    await g.page.getByTestId('meeting-why').locator('summary').click();
    const profile = await axe(g.page);
    expect(serious(profile.violations), JSON.stringify(serious(profile.violations), null, 1)).toEqual([]);
    await g.page.getByTestId('meeting-back').click();
    await g.page.getByTestId('meeting-tab-settings').click();
    await g.page.getByTestId('meet-settings').waitFor();
    const settings = await axe(g.page);
    expect(serious(settings.violations), JSON.stringify(serious(settings.violations), null, 1)).toEqual([]);
    await g.page.context().close();
  });
  it('the story panel and presentation mode have no serious or critical violations, and every story action has a key', async () => {
    const g = await shell.open();
    await waitForMapIdle(g.page);
    // Keyboard only: open the story, add two slides, present, move on, leave.
    await g.page.getByTestId('story-button').focus();
    await g.page.keyboard.press('Enter');
    await g.page.getByTestId('add-slide').focus();
    await g.page.keyboard.press('Enter');
    await g.page.getByTestId('slide-card').first().waitFor();
    await g.page.getByTestId('ward-picker').selectOption({ index: 2 });
    await g.page.getByTestId('ward-panel').waitFor();
    await g.page.getByTestId('add-slide').focus();
    await g.page.keyboard.press('Enter');
    await expect.poll(() => g.page.getByTestId('slide-card').count()).toBe(2);
    const panel = await axe(g.page);
    expect(serious(panel.violations), JSON.stringify(serious(panel.violations), null, 1)).toEqual([]);
    await g.page.keyboard.press('F5');
    await g.page.getByTestId('present-view').waitFor();
    await expect(g.page.getByTestId('present-caption').textContent()).resolves.toContain('1 / 2');
    await g.page.keyboard.press('ArrowRight');
    await expect.poll(() => g.page.getByTestId('present-caption').textContent()).toContain('2 / 2');
    const presenting = await axe(g.page);
    expect(presenting.passes).toBeGreaterThan(5);
    expect(serious(presenting.violations), JSON.stringify(serious(presenting.violations), null, 1)).toEqual([]);
    // Large type for the back of the room: the caption's title at 32 px or more, its text at 24 px or more.
    const sizes = await g.page.evaluate(() => [
      parseFloat(getComputedStyle(document.querySelector('[data-testid="present-title"]')!).fontSize),
      parseFloat(getComputedStyle(document.querySelector('[data-testid="present-text"]')!).fontSize),
    ]);
    expect(sizes[0]).toBeGreaterThanOrEqual(32);
    expect(sizes[1]).toBeGreaterThanOrEqual(24);
    await g.page.keyboard.press('Escape');
    await g.page.getByTestId('present-view').waitFor({ state: 'detached' });
    // The notes list and the note being written.
    await g.page.getByTestId('story-tab-notes').click();
    await g.page.getByTestId('pin-note').focus();
    await g.page.keyboard.press('Enter');
    await g.page.keyboard.press('Enter');
    await g.page.getByTestId('note-dialog').waitFor();
    const noting = await axe(g.page);
    expect(serious(noting.violations), JSON.stringify(serious(noting.violations), null, 1)).toEqual([]);
    await g.page.keyboard.type('Benches wanted');
    await g.page.keyboard.press('Control+Enter');
    await g.page.getByTestId('note-item').waitFor();
    // An area from the keyboard: the middle of the map in view.
    await g.page.getByTestId('draw-note').focus();
    await g.page.keyboard.press('Enter');
    await g.page.getByTestId('area-in-view').waitFor();
    await g.page.keyboard.press('Enter');
    await g.page.getByTestId('note-dialog').waitFor();
    await expect(g.page.locator('#note-title').textContent()).resolves.toBe('A note about this area');
    await g.page.keyboard.type('The whole estate floods');
    await g.page.keyboard.press('Control+Enter');
    await expect.poll(() => g.page.getByTestId('note-item').count()).toBe(2);
    const listed = await axe(g.page);
    expect(serious(listed.violations), JSON.stringify(serious(listed.violations), null, 1)).toEqual([]);
    await g.page.context().close();
  });
});
