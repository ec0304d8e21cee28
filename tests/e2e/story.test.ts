// Workshop stories in the web shell: build slides from the demo, edit and reorder them, save and reopen the project,
// then present with the keyboard and check each slide's map (centre, zoom, filters, ward) and caption.
import { describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT, screenshot, useWebShell, waitForMapIdle } from './harness';

const OUT = resolve(ROOT, 'test-results/story');
import { countMapColours } from './pixels';
import { CHOROPLETH_COLOURS } from '../../renderer/domain/choropleth';
import { SERVICE_AREA_COLOUR, SERVICE_AREAS } from '../../renderer/domain/service-areas';

const shell = useWebShell();
const SQL = await initSqlJs();

interface Camera {
  lon: number;
  lat: number;
  zoom: number;
}

type MapWindow = Window & { __placelensMap: import('maplibre-gl').Map };

function camera(page: Page): Promise<Camera> {
  return page.evaluate(() => {
    const map = (window as unknown as MapWindow).__placelensMap;
    const c = map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: map.getZoom() };
  });
}

/** Waits for the map to stop moving (a slide's flight) and settle with its data drawn. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !(window as unknown as MapWindow).__placelensMap.isMoving(), undefined, { timeout: 20000 });
  await waitForMapIdle(page);
  await page.waitForFunction(() => (window as unknown as MapWindow).__placelensMap.loaded(), undefined, { timeout: 20000 });
}

async function jumpTo(page: Page, view: Camera): Promise<void> {
  await page.evaluate((v) => {
    const map = (window as unknown as MapWindow).__placelensMap;
    map.jumpTo({ center: [v.lon, v.lat], zoom: v.zoom });
  }, view);
  await settled(page);
}

function close(a: Camera, b: Camera): boolean {
  return Math.abs(a.lon - b.lon) < 1e-4 && Math.abs(a.lat - b.lat) < 1e-4 && Math.abs(a.zoom - b.zoom) < 0.01;
}

async function menu(page: Page, item: string): Promise<void> {
  await page.getByTestId('file-menu').click();
  await page.getByTestId(item).click();
}

async function slideTitles(page: Page): Promise<string[]> {
  return page.getByTestId('slide-title').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
}

/** The service areas of the spend points the map holds (the engine makes its tiles for the slide's filter). */
async function pointAreas(page: Page): Promise<string[]> {
  const held = await page.evaluate(() => {
    const map = (window as unknown as MapWindow).__placelensMap;
    return [...new Set(map.querySourceFeatures('spend', { sourceLayer: 'spend' }).map((f) => String(f.properties.area)))];
  });
  return SERVICE_AREAS.filter((a) => held.includes(a));
}

function selectedWardOnMap(page: Page): Promise<string> {
  return page.evaluate(() => String(((window as unknown as MapWindow).__placelensMap.getFilter('ward-selected') as unknown[])[2]));
}

/** The demo in a fresh page with the story panel open and the map, narrowed beside it, settled. */
async function openStoryPanel(): Promise<Page> {
  const { page } = await shell.open();
  await waitForMapIdle(page);
  await page.getByTestId('story-button').click();
  await settled(page);
  return page;
}

describe('workshop stories', () => {
  it('builds a three-slide story, saves and reopens it, and presents it slide by slide from the keyboard', async () => {
    const { page } = await shell.open();
    await waitForMapIdle(page);
    await settled(page);
    await page.getByTestId('story-button').click();
    await expect(page.getByTestId('story-panel').textContent()).resolves.toContain('A story is a few slides');
    // The map narrows beside the panel: let it settle before saving its view.
    await settled(page);

    // Slide 1: the whole borough as it opens.
    await page.getByTestId('add-slide').click();
    await page.getByTestId('slide-card').first().waitFor();
    const views: Camera[] = [await camera(page)];

    // Slide 2: one ward, youth services and estates only, zoomed to it.
    const wardCode = await page.getByTestId('ward-picker').evaluate((s) => (s as HTMLSelectElement).options[3]!.value);
    const wardName = await page.getByTestId('ward-picker').evaluate((s) => (s as HTMLSelectElement).options[3]!.textContent!);
    await page.getByTestId('ward-picker').selectOption(wardCode);
    await page.getByTestId('ward-panel').waitFor();
    for (const off of ['social-care', 'green-spaces', 'other']) await page.getByTestId(`toggle-${off}`).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="toggle-"]:checked').length === 2);
    await settled(page);
    await page.getByTestId('add-slide').click();
    await expect.poll(() => page.getByTestId('slide-card').count()).toBe(2);
    views.push(await camera(page));
    const titles2 = await slideTitles(page);
    // Proposed from the figures: the ward and the two areas shown.
    expect(titles2[1]).toBe(`Youth services and estate management in ${wardName} ward`);
    const caption2 = await page.getByTestId('slide-caption').nth(1).inputValue();
    expect(caption2).toMatch(new RegExp(`^£[\\d.]+[km]? of youth services and estate management in ${wardName}, over [\\d,]+ payments\\.`));
    const wardTotal = await page.getByTestId('ward-total').textContent();

    // Slide 3: every area again, no ward, closer in on the east of the borough; the facilitator's own words.
    await page.getByRole('button', { name: 'Close ward panel' }).click();
    for (const on of ['social-care', 'green-spaces', 'other']) await page.getByTestId(`toggle-${on}`).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="toggle-"]:checked').length === 5);
    const v3 = { lon: views[0]!.lon + 0.01, lat: views[0]!.lat - 0.004, zoom: views[0]!.zoom + 1.2 };
    await jumpTo(page, v3);
    await page.getByTestId('add-slide').click();
    await expect.poll(() => page.getByTestId('slide-card').count()).toBe(3);
    views.push(await camera(page));
    expect(close(views[2]!, v3)).toBe(true);
    const title3 = page.getByTestId('slide-title').nth(2);
    await title3.fill('Where the east of the borough meets');
    await title3.press('Enter');
    const caption3 = page.getByTestId('slide-caption').nth(2);
    await caption3.fill('Residents told us the youth club here closed in 2023.');
    await caption3.blur();
    await expect.poll(() => slideTitles(page)).toEqual(expect.arrayContaining(['Where the east of the borough meets']));
    await screenshot(page, 'story-panel');

    // Reorder from the keyboard (Alt+↑ twice takes slide 3 to the top), then back by dragging.
    await page.getByTestId('slide-card').nth(2).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(async () => (await slideTitles(page))[1]).toBe('Where the east of the borough meets');
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(async () => (await slideTitles(page))[0]).toBe('Where the east of the borough meets');
    await page.getByTestId('slide-card').nth(0).dragTo(page.getByTestId('slide-card').nth(2));
    await expect.poll(async () => (await slideTitles(page))[2]).toBe('Where the east of the borough meets');
    const order = await slideTitles(page);

    // Duplicate, then delete the copy and undo, then delete it for good.
    await page.getByTestId('duplicate-slide').nth(0).click();
    await expect.poll(() => slideTitles(page)).toEqual([order[0], `${order[0]} (copy)`, order[1], order[2]]);
    await page.getByTestId('delete-slide').nth(1).click();
    await expect.poll(() => slideTitles(page)).toEqual(order);
    await page.getByTestId('undo-delete-slide').click();
    await expect.poll(() => slideTitles(page)).toEqual([order[0], `${order[0]} (copy)`, order[1], order[2]]);
    await page.getByTestId('delete-slide').nth(1).click();
    await expect.poll(() => slideTitles(page)).toEqual(order);

    // Saved in the project file, one row per slide in order; a new project has none; opening the file brings them back.
    await expect(page.title()).resolves.toMatch(/^• /);
    const download = page.waitForEvent('download');
    await menu(page, 'save-project');
    const bytes = new Uint8Array(await readFile(await (await download).path()));
    const db = new SQL.Database(bytes);
    const rows = db.exec('SELECT title, caption, view FROM story_slides ORDER BY position')[0]!.values;
    db.close();
    expect(rows.map((r) => r[0])).toEqual(order);
    expect(rows[2]![1]).toBe('Residents told us the youth club here closed in 2023.');
    await menu(page, 'new-project');
    await page.waitForFunction(() => document.title === 'Untitled project — PlaceLens');
    // The title changes first; the new project's (empty) story follows with its map data.
    await expect.poll(() => page.getByTestId('slide-card').count()).toBe(0);
    const chooser = page.waitForEvent('filechooser');
    await menu(page, 'open-project');
    await (await chooser).setFiles({ name: 'Story.gpkg', mimeType: 'application/geopackage+sqlite3', buffer: Buffer.from(bytes) });
    await page.waitForFunction(() => document.title === 'Story.gpkg — PlaceLens');
    await waitForMapIdle(page);
    await expect.poll(() => slideTitles(page)).toEqual(order);

    // Present from the keyboard: F5, then → and ←, checking each slide's map and caption; Esc leaves.
    await page.getByTestId('story-panel').click({ position: { x: 5, y: 200 } });
    await page.keyboard.press('F5');
    await page.getByTestId('present-view').waitFor();
    await expect(page.getByTestId('filter-bar').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('story-panel').count()).resolves.toBe(0);
    const expected = [
      { title: order[0]!, view: views[0]!, areas: ['social-care', 'youth', 'estates', 'green-spaces', 'other'], ward: '' },
      { title: order[1]!, view: views[1]!, areas: ['youth', 'estates'], ward: wardCode },
      { title: order[2]!, view: views[2]!, areas: ['social-care', 'youth', 'estates', 'green-spaces', 'other'], ward: '' },
    ];
    const check = async (i: number) => {
      const want = expected[i]!;
      await expect.poll(() => page.getByTestId('present-title').textContent()).toBe(want.title);
      await expect(page.getByTestId('present-caption').textContent()).resolves.toContain(`${i + 1} / 3`);
      await settled(page);
      await expect.poll(async () => close(await camera(page), want.view), { timeout: 10000 }).toBe(true);
      await expect.poll(() => pointAreas(page)).toEqual(want.areas);
      await expect.poll(() => selectedWardOnMap(page)).toBe(want.ward);
    };
    await check(0);
    // The borough fills the screen in the wards' shading, in the projector's heavy style.
    const shot = await countMapColours(page, CHOROPLETH_COLOURS);
    expect(shot.counts.filter((n) => n > 500).length).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'story-present-1');
    await page.keyboard.press('ArrowRight');
    await check(1);
    // The slide's own caption, and its key lists only the two areas shown.
    await expect(page.getByTestId('present-text').textContent()).resolves.toBe(caption2);
    await expect(page.getByTestId('present-legend').textContent()).resolves.toMatch(/^Youth servicesEstate management/);
    const points = await countMapColours(page, [SERVICE_AREA_COLOUR.youth, SERVICE_AREA_COLOUR['social-care']]);
    expect(points.counts[0]).toBeGreaterThan(20);
    expect(points.counts[1]).toBe(0);
    await screenshot(page, 'story-present-2');
    await page.keyboard.press('PageDown');
    await check(2);
    await expect(page.getByTestId('present-text').textContent()).resolves.toBe('Residents told us the youth club here closed in 2023.');
    await screenshot(page, 'story-present-3');
    // Past the last slide nothing moves; back one with ←.
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('present-caption').textContent()).resolves.toContain('3 / 3');
    await page.keyboard.press('ArrowLeft');
    await check(1);
    await page.keyboard.press('Escape');
    await page.getByTestId('present-view').waitFor({ state: 'detached' });
    await expect(page.getByTestId('filter-bar').isVisible()).resolves.toBe(true);
    // The ward of the last slide shown stays selected, with its figures as on the slide.
    await expect.poll(() => page.getByTestId('ward-total').textContent()).toBe(wardTotal);
  });
  it('takes live notes while presenting (from the keyboard) and on the map, lists, edits and saves them, and puts them in a ward’s brief', async () => {
    const page = await openStoryPanel();
    await page.getByTestId('add-slide').click();
    await page.getByTestId('slide-card').first().waitFor();
    const slideTitle = (await slideTitles(page))[0]!;
    const NOTE_YELLOW = '#ffbf47';
    const before = (await countMapColours(page, [NOTE_YELLOW])).counts[0]!;

    // During the presentation, keyboard only: the note button, Enter to pin at the map's centre, type, Ctrl+Enter.
    await page.keyboard.press('F5');
    await page.getByTestId('present-view').waitFor();
    await settled(page);
    await page.getByTestId('present-pin-note').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('note-banner').waitFor();
    await page.keyboard.press('Escape');
    // Esc leaves placing the note, not the presentation.
    await page.getByTestId('note-banner').waitFor({ state: 'detached' });
    await expect(page.getByTestId('present-view').count()).resolves.toBe(1);
    await page.getByTestId('present-pin-note').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('note-banner').waitFor();
    // Focus is on "Pin at the centre": Enter pins there.
    await page.keyboard.press('Enter');
    await page.getByTestId('note-dialog').waitFor();
    await expect(page.getByTestId('note-slide').inputValue()).resolves.not.toBe('');
    await page.keyboard.type('The youth club on this estate closed in 2023');
    await page.getByTestId('note-area').selectOption('youth');
    await page.getByTestId('note-text').focus();
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('note-dialog').waitFor({ state: 'detached' });
    await expect(page.getByTestId('present-view').count()).resolves.toBe(1);
    await settled(page);
    await expect.poll(async () => (await countMapColours(page, [NOTE_YELLOW])).counts[0]!).toBeGreaterThan(before + 100);
    await screenshot(page, 'story-present-note');
    await page.keyboard.press('Escape');
    await page.getByTestId('present-view').waitFor({ state: 'detached' });

    // On the map with the mouse: draw round an area, write the note.
    await page.getByTestId('story-tab-notes').click();
    await expect(page.getByTestId('note-item').count()).resolves.toBe(1);
    await page.getByTestId('draw-note').click();
    const box = (await page.getByTestId('map').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx - 60, cy - 40);
    await page.mouse.down();
    for (const [dx, dy] of [[60, -40], [60, 40], [-60, 40], [-60, -38]] as const) await page.mouse.move(cx + dx, cy + dy, { steps: 6 });
    await page.mouse.up();
    await page.getByTestId('note-dialog').waitFor();
    await page.getByTestId('note-text').fill('=cmd|" /C calc"!A0 residents want more benches here');
    await page.getByTestId('save-note').click();
    await expect.poll(() => page.getByTestId('note-item').count()).toBe(2);
    // Edited in the list, deleted and put back.
    const second = page.getByTestId('note-item-text').nth(1);
    await second.fill('Residents want more benches here');
    await second.blur();
    await page.getByTestId('delete-note').nth(1).click();
    await expect.poll(() => page.getByTestId('note-item').count()).toBe(1);
    await page.getByTestId('undo-delete-note').click();
    await expect.poll(() => page.getByTestId('note-item-text').evaluateAll((t) => t.map((x) => (x as HTMLTextAreaElement).value))).toEqual([
      'The youth club on this estate closed in 2023',
      'Residents want more benches here',
    ]);
    await screenshot(page, 'story-notes');

    // Exported as CSV, with the slide's title and the service area.
    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('export-notes-csv').click();
    const csv = await readFile(await (await csvDownload).path(), 'utf8');
    expect(csv).toContain(`The youth club on this estate closed in 2023,pin,`);
    expect(csv).toContain(`,${slideTitle},Youth services,`);

    // Saved in the project as its own layer, and back after opening it.
    const download = page.waitForEvent('download');
    await menu(page, 'save-project');
    const bytes = new Uint8Array(await readFile(await (await download).path()));
    const db = new SQL.Database(bytes);
    expect(db.exec('SELECT note FROM annotations ORDER BY fid')[0]!.values.flat()).toEqual(['The youth club on this estate closed in 2023', 'Residents want more benches here']);
    db.close();
    await menu(page, 'new-project');
    await page.waitForFunction(() => document.title === 'Untitled project — PlaceLens');
    const chooser = page.waitForEvent('filechooser');
    await menu(page, 'open-project');
    await (await chooser).setFiles({ name: 'Notes.gpkg', mimeType: 'application/geopackage+sqlite3', buffer: Buffer.from(bytes) });
    await page.waitForFunction(() => document.title === 'Notes.gpkg — PlaceLens');
    await waitForMapIdle(page);
    await expect.poll(() => page.getByTestId('note-item').count()).toBe(2);

    // The ward under the pin (where the CSV says it is): its brief tells what was heard there.
    const pinRow = csv.split('\r\n').find((line) => line.includes(',pin,'))!.split(',');
    const centre = { lon: Number(pinRow[3]), lat: Number(pinRow[4]) };
    await jumpTo(page, { ...centre, zoom: 13 });
    const ward = await page.evaluate(([lon, lat]) => {
      const map = (window as unknown as MapWindow).__placelensMap;
      const p = map.project([lon!, lat!]);
      return String(map.queryRenderedFeatures(p, { layers: ['ward-fill'] })[0]?.properties?.code ?? '');
    }, [centre.lon, centre.lat]);
    expect(ward).not.toBe('');
    await page.getByTestId('ward-picker').selectOption(ward);
    await page.getByTestId('open-brief').click();
    await page.getByTestId('brief-heard').waitFor();
    await expect(page.getByTestId('brief-heard').textContent()).resolves.toContain('“The youth club on this estate closed in 2023”');
  });
  it('exports the story as a handout PDF, one page per slide, and as an offline web page that shows every slide', async () => {
    const page = await openStoryPanel();
    await page.getByTestId('add-slide').click();
    await page.getByTestId('ward-picker').selectOption({ index: 5 });
    await page.getByTestId('ward-panel').waitFor();
    await page.getByTestId('toggle-other').click();
    await settled(page);
    await page.getByTestId('add-slide').click();
    await page.getByRole('button', { name: 'Close ward panel' }).click();
    await page.getByTestId('layer-heat').check();
    await settled(page);
    await page.getByTestId('add-slide').click();
    await expect.poll(() => page.getByTestId('slide-card').count()).toBe(3);
    const titles = await slideTitles(page);
    const captions = await page.getByTestId('slide-caption').evaluateAll((t) => t.map((x) => (x as HTMLTextAreaElement).value));
    // A title with markup in it comes out as text in both exports.
    const title3 = page.getByTestId('slide-title').nth(2);
    await title3.fill('Heat <img src=x onerror=alert(1)> & spend');
    await title3.press('Enter');
    titles[2] = 'Heat <img src=x onerror=alert(1)> & spend';

    // The handout: drawn slide by slide, then printed.
    await page.getByTestId('story-handout').click();
    await page.getByTestId('handout').waitFor({ timeout: 60000 });
    await expect(page.getByTestId('handout-page').count()).resolves.toBe(3);
    // The map is put back as it was: the heat map on, every area but "other".
    await expect(page.getByTestId('layer-heat').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('toggle-other').isChecked()).resolves.toBe(false);
    mkdirSync(OUT, { recursive: true });
    const pdf = resolve(OUT, 'story-handout.pdf');
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true }));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(3);
    // Landscape A4: 842 × 595 points.
    expect(info).toMatch(/Page size:\s+841\.\d+ x 594\.\d+ pts/);
    for (let i = 1; i <= 3; i++) {
      const text = execFileSync('pdftotext', ['-f', String(i), '-l', String(i), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain(titles[i - 1]!);
      expect(text).toContain(`slide ${i} of 3`);
      expect(text).toContain('Demo data — fictional');
    }
    expect(execFileSync('pdftotext', ['-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain(captions[1]!.slice(0, 40));
    execFileSync('pdftoppm', ['-r', '50', '-png', pdf, resolve(OUT, 'story-handout-page')]);
    // Each page's map is drawn, not blank: the pages' pictures differ from one another and hold colour.
    const pngs = readdirSync(OUT).filter((f) => f.startsWith('story-handout-page')).sort();
    expect(pngs).toHaveLength(3);
    await page.getByTestId('handout-close').click();
    await page.getByTestId('handout').waitFor({ state: 'detached' });

    // The web page: saved, then opened in a browser with every request refused.
    const download = page.waitForEvent('download');
    await page.getByTestId('story-html').click();
    const html = await readFile(await (await download).path(), 'utf8');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('Heat &lt;img src=x onerror=alert(1)&gt; &amp; spend');
    const browser = page.context().browser()!;
    const offline = await browser.newContext({ offline: true });
    const requests: string[] = [];
    const viewer = await offline.newPage();
    viewer.on('request', (r) => { if (!r.url().startsWith('data:')) requests.push(r.url()); });
    const errors: string[] = [];
    viewer.on('pageerror', (e) => errors.push(String(e)));
    viewer.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
    await viewer.setContent(html, { waitUntil: 'load' });
    const shown = await viewer.evaluate(() =>
      Array.from(document.querySelectorAll('.slide')).map((s) => {
        const img = s.querySelector('img')!;
        return { title: s.querySelector('h2')!.textContent, loaded: img.complete && img.naturalWidth > 100 };
      }),
    );
    expect(shown).toEqual(titles.map((title) => ({ title, loaded: true })));
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await viewer.keyboard.press('PageDown');
    await viewer.screenshot({ path: resolve(OUT, 'story-offline.png') });
    await offline.close();
  });
  it('presenter view: the audience window follows the presenter’s slides from its own copy of the project, the presenter sees notes, next slide and a timer', async () => {
    const page = await openStoryPanel();
    await page.getByTestId('add-slide').click();
    await page.getByTestId('slide-card').first().waitFor();
    const wardCode = await page.getByTestId('ward-picker').evaluate((s) => (s as HTMLSelectElement).options[4]!.value);
    await page.getByTestId('ward-picker').selectOption(wardCode);
    await page.getByTestId('ward-panel').waitFor();
    await settled(page);
    await page.getByTestId('add-slide').click();
    await expect.poll(() => page.getByTestId('slide-card').count()).toBe(2);
    const notes = page.getByTestId('slide-notes');
    await notes.fill('Ask who uses the youth club');
    await notes.blur();
    const titles = await slideTitles(page);

    const popup = page.context().waitForEvent('page');
    await page.getByTestId('presenter-view-button').click();
    const audience = await popup;
    const audienceErrors: string[] = [];
    audience.on('pageerror', (e) => audienceErrors.push(String(e)));
    audience.on('console', (m) => { if (m.type() === 'error') audienceErrors.push(m.text()); });
    expect(new URL(audience.url()).searchParams.get('audience')).toMatch(/^[a-z0-9]{16}$/);
    await page.getByTestId('presenter-view').waitFor();
    // The audience window opens the project it is sent, and shows the first slide without any chrome.
    await audience.getByTestId('present-title').waitFor({ timeout: 60000 });
    await expect(audience.getByTestId('present-title').textContent()).resolves.toBe(titles[0]);
    await expect(audience.getByTestId('filter-bar').isVisible()).resolves.toBe(false);
    await expect(audience.getByTestId('present-leave').count()).resolves.toBe(0);
    await expect.poll(() => page.getByTestId('audience-status').textContent()).toBe('Audience window showing');
    await expect(page.getByTestId('presenter-next').textContent()).resolves.toContain(titles[1]!);
    await expect(page.getByTestId('presenter-timer').textContent()).resolves.toMatch(/^\d+:\d\d$/);

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => audience.getByTestId('present-title').textContent(), { timeout: 20000 }).toBe(titles[1]);
    await expect(page.getByTestId('presenter-title').textContent()).resolves.toBe(titles[1]);
    await expect(page.getByTestId('presenter-notes').textContent()).resolves.toBe('Ask who uses the youth club');
    await expect(page.getByTestId('presenter-next').textContent()).resolves.toBe('This is the last slide.');
    // The audience's own map shows the slide's ward, as the presenter's does.
    await expect.poll(() => selectedWardOnMap(audience), { timeout: 20000 }).toBe(wardCode);
    await audience.waitForFunction(() => document.documentElement.dataset.mapState === 'idle');
    await audience.screenshot({ path: resolve(OUT, 'audience-window.png') });
    await screenshot(page, 'presenter-view');

    await page.keyboard.press('Escape');
    await audience.getByTestId('audience-waiting').waitFor();
    await expect(audience.getByTestId('audience-waiting').textContent()).resolves.toContain('The presentation has ended');
    await page.getByTestId('presenter-view').waitFor({ state: 'detached' });
    expect(audienceErrors).toEqual([]);
  });
});
