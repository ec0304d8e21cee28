// The spend points come as the engine's vector tiles, one point per two pixels: every placed line is stood for,
// filters make new tiles, and picking asks the engine for all the lines under the pointer.

import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import type { Page } from 'playwright-core';
import { screenshot, useWebShell, waitForMapIdle } from './harness';
import { countMapColours } from './pixels';
import { Engine } from '../../renderer/engine/engine';
import { demoInput } from '../demo-input';
import { SERVICE_AREA_COLOUR, SERVICE_AREAS } from '../../renderer/domain/service-areas';
import { defaultFilter } from '../../renderer/domain/spend-filter';

const shell = useWebShell();
let engine: Engine;
/** Placed lines (a point in a ward) by service area, as the engine counts them in Node from the same files. */
const placedByArea = new Map<string, number>();

beforeAll(async () => {
  engine = new Engine(await initSqlJs());
  await engine.loadProject(demoInput());
  for (const a of SERVICE_AREAS) placedByArea.set(a, 0);
  for (const r of (await engine.tableRows(defaultFilter(), { key: 'amount', descending: true }, 0, 20000)).rows) {
    if (r.lon !== null && r.lat !== null && r.wardCode !== null) placedByArea.set(r.area, placedByArea.get(r.area)! + 1);
  }
});

type TileMap = {
  querySourceFeatures(source: string, options: { sourceLayer: string }): { id?: number; properties: { n?: number } }[];
  getStyle(): { sources: Record<string, { type: string; tiles?: string[] }> };
};

/** The lines the drawn points stand for: each tile point carries how many lines its cell holds. */
async function linesOnMap(page: Page): Promise<{ lines: number; points: number; source: { type: string; tiles?: string[] } }> {
  return page.evaluate(() => {
    const map = (window as unknown as { __placelensMap: TileMap }).__placelensMap;
    const features = map.querySourceFeatures('spend', { sourceLayer: 'spend' });
    return { lines: features.reduce((n, f) => n + (f.properties.n ?? 1), 0), points: features.length, source: map.getStyle().sources.spend! };
  });
}

async function openApp(): Promise<Page> {
  const { page } = await shell.open();
  await waitForMapIdle(page);
  return page;
}

describe('spend points as engine tiles', () => {
  it('draws every placed line of the demo from tiles, coloured by service area', async () => {
    const page = await openApp();
    const placed = [...placedByArea.values()].reduce((a, b) => a + b, 0);
    expect(placed).toBe(19540);
    const drawn = await linesOnMap(page);
    expect(drawn.source.type).toBe('vector');
    expect(drawn.source.tiles?.[0]).toMatch(/^placelens-spend:\/\//);
    expect(drawn.lines).toBe(placed);
    // Thinned where lines share a pixel, but most are still their own point at the borough's zoom.
    expect(drawn.points).toBeLessThan(placed);
    expect(drawn.points).toBeGreaterThan(placed / 4);
    await screenshot(page, 'tiles-demo-map');
    const colours = await countMapColours(page, Object.values(SERVICE_AREA_COLOUR).slice(0, 4), 8);
    for (const c of colours.counts) expect(c).toBeGreaterThan(300);
  });

  it('a service area switched off makes new tiles without its lines', async () => {
    const page = await openApp();
    const before = (await linesOnMap(page)).source.tiles![0];
    await page.evaluate(() => delete document.documentElement.dataset.mapState);
    await page.getByTestId('toggle-youth').click();
    await page.waitForFunction((url) => (window as unknown as { __placelensMap: TileMap }).__placelensMap.getStyle().sources.spend!.tiles?.[0] !== url, before);
    await waitForMapIdle(page);
    const expected = [...placedByArea].filter(([a]) => a !== 'youth').reduce((n, [, c]) => n + c, 0);
    await expect.poll(async () => (await linesOnMap(page)).lines, { timeout: 20000 }).toBe(expected);
    const youth = (await countMapColours(page, [SERVICE_AREA_COLOUR.youth], 8)).counts[0]!;
    expect(youth).toBeLessThan(100);
    await screenshot(page, 'tiles-youth-off');
  });

  it('Shift and click asks the engine for every line under the pointer, not just the one point drawn', async () => {
    const page = await openApp();
    // The spot where most lines share a point (a postcode's centre): one point drawn for many lines.
    const spots = await engine.tableRows(defaultFilter(), { key: 'amount', descending: true }, 0, 20000);
    const byPoint = new Map<string, { lon: number; lat: number; ids: number[] }>();
    for (const r of spots.rows) {
      if (r.lon === null || r.lat === null || r.wardCode === null) continue;
      const key = `${r.lon},${r.lat}`;
      const spot = byPoint.get(key) ?? { lon: r.lon, lat: r.lat, ids: [] };
      spot.ids.push(r.id);
      byPoint.set(key, spot);
    }
    const crowd = [...byPoint.values()].sort((a, b) => b.ids.length - a.ids.length)[0]!;
    expect(crowd.ids.length).toBeGreaterThan(3);
    await page.evaluate(([x, y]) => (window as unknown as { __placelensMap: { jumpTo(o: object): void } }).__placelensMap.jumpTo({ center: [x, y], zoom: 13 }), [crowd.lon, crowd.lat]);
    await waitForMapIdle(page);
    const at = await page.evaluate(([x, y]) => {
      const map = (window as unknown as { __placelensMap: { project(p: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement; queryRenderedFeatures(box: [[number, number], [number, number]], o: { layers: string[] }): unknown[] } }).__placelensMap;
      const r = map.getCanvas().getBoundingClientRect();
      const p = map.project([x!, y!]);
      const drawn = map.queryRenderedFeatures([[p.x - 4, p.y - 4], [p.x + 4, p.y + 4]], { layers: ['spend-points'] }).length;
      return { x: p.x + r.left, y: p.y + r.top, drawn };
    }, [crowd.lon, crowd.lat]);
    // The crowd is drawn as one point (or a few, where other lines are near).
    expect(at.drawn).toBeLessThan(crowd.ids.length);
    await page.keyboard.down('Shift');
    await page.mouse.click(at.x, at.y);
    await page.keyboard.up('Shift');
    // Every line at that spot (and any others within the pointer's reach).
    await page.waitForFunction(() => /\d+ lines? picked on the map/.test(document.querySelector('[data-testid=filter-chips]')?.textContent ?? ''));
    const picked = Number(/(\d+) lines? picked/.exec((await page.getByTestId('filter-chips').textContent())!)![1]);
    expect(picked).toBeGreaterThanOrEqual(crowd.ids.length);
    await page.getByTestId('spend-table').waitFor();
    await page.waitForFunction((lineId) => document.querySelector(`[data-testid=spend-row][data-line-id="${lineId}"]`) !== null, crowd.ids[0]);
  });
});
