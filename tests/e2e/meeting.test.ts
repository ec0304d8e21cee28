// The meeting-places view in the web shell: the ranked list, profiles, gaps and parameters, checked against the engine.
import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import type { Page } from 'playwright-core';
import { screenshot, useWebShell, waitForMapIdle } from './harness';
import { countMapColours } from './pixels';
import { Engine } from '../../renderer/engine/engine';
import { demoInput } from '../demo-input';
import { defaultFilter } from '../../renderer/domain/spend-filter';
import { DEFAULT_MEET_PARAMS } from '../../renderer/domain/meeting-places';
import type { MeetingPlacesResult } from '../../renderer/engine/contract';
import { camdenProjectInput } from '../fixtures/camden-spend';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const shell = useWebShell();
let engine: Engine;
/** The analysis the engine gives for the whole demo with the default parameters: what the panel must show. */
let expected: MeetingPlacesResult;

beforeAll(async () => {
  engine = new Engine(await initSqlJs());
  await engine.loadProject(demoInput());
  expected = await engine.meetingPlaces(defaultFilter());
});

async function openMeetingPlaces(): Promise<Page> {
  const { page } = await shell.open();
  await waitForMapIdle(page);
  await page.getByTestId('layer-meeting').check();
  await page.getByTestId('meeting-panel').waitFor();
  await page.getByTestId('meeting-list').waitFor({ timeout: 30000 });
  // The progress bar goes once the answer is in, even when the worker's last progress message arrives after it.
  await page.waitForFunction(() => !document.querySelector('[data-testid=meeting-progress]'), undefined, { timeout: 5000 });
  await waitForMapIdle(page);
  return page;
}

const renderedCount = (page: Page, layer: string) =>
  page.evaluate((layer) => (window as unknown as { __placelensMap: { queryRenderedFeatures(o: { layers: string[] }): unknown[] } }).__placelensMap.queryRenderedFeatures({ layers: [layer] }).length, layer);

describe('meeting places', () => {
  it('are listed best first with their sentences, as the engine finds them, and outlined and numbered on the map', async () => {
    const page = await openMeetingPlaces();
    expect(expected.places.length).toBeGreaterThan(10);
    await expect(page.getByTestId('meeting-item').count()).resolves.toBe(expected.places.length);
    const first = await page.getByTestId('meeting-item').first().locator('.sentence').textContent();
    expect(first).toBe(expected.places[0]!.sentence);
    expect(first).toMatch(/^(Around|Where) .+ meet(s)? .*; .+ suppliers?/);
    await expect(page.getByTestId('meeting-summary').textContent()).resolves.toContain(`${expected.placed.toLocaleString('en-GB')} of ${expected.considered.toLocaleString('en-GB')} located lines`);
    expect(await renderedCount(page, 'meet-place-line')).toBeGreaterThan(5);
    expect(await renderedCount(page, 'meet-rank')).toBeGreaterThan(5);
    // The outlines' dark blue is drawn, not just held in a source.
    const { counts } = await countMapColours(page, ['#08306b'], 8);
    expect(counts[0]).toBeGreaterThan(500);
    await screenshot(page, 'meeting-ranked');
  });

  it('a place opens its profile, the map flies there, and "Why is this a meeting place?" gives the score\'s parts', async () => {
    const page = await openMeetingPlaces();
    const zoom = () => page.evaluate(() => (window as unknown as { __placelensMap: { getZoom(): number } }).__placelensMap.getZoom());
    const before = await zoom();
    await page.getByTestId('meeting-item').nth(1).click();
    await page.getByTestId('meeting-profile').waitFor();
    const place = expected.places[1]!;
    await expect(page.getByTestId('meeting-sentence').textContent()).resolves.toBe(place.sentence);
    await waitForMapIdle(page);
    expect(await zoom()).toBeGreaterThan(before + 1);
    await expect(page.getByTestId('meeting-wards').textContent()).resolves.toContain(place.wards[0]!.name);
    await page.getByTestId('meeting-why').locator('summary').click();
    const why = await page.getByTestId('meeting-why').textContent();
    expect(why).toContain(`Score ${place.score.toFixed(2)}`);
    expect(why).toContain(`within ${DEFAULT_MEET_PARAMS.distance} m`);
    await screenshot(page, 'meeting-profile');
    await page.getByTestId('meeting-back').click();
    await page.getByTestId('meeting-list').waitFor();
  });

  it('gaps through the mission lens are listed with the engine\'s sentences and open their own profile', async () => {
    const page = await openMeetingPlaces();
    await page.getByTestId('meeting-tab-gaps').click();
    expect(expected.gaps.length).toBeGreaterThan(0);
    await expect(page.getByTestId('gap-item').count()).resolves.toBe(expected.gaps.length);
    await expect(page.getByTestId('gap-item').first().locator('.sentence').textContent()).resolves.toBe(expected.gaps[0]!.sentence);
    await page.getByTestId('gap-item').first().click();
    await page.getByTestId('gap-profile').waitFor();
    await waitForMapIdle(page);
    expect(await renderedCount(page, 'meet-gap-line')).toBeGreaterThan(0);
    await screenshot(page, 'meeting-gap');
  });

  it('a new distance in Settings finds the places again, as the engine does with it, and marks the project changed', async () => {
    const page = await openMeetingPlaces();
    await page.getByTestId('meeting-tab-settings').click();
    await page.getByTestId('meet-distance').fill('150');
    await page.getByTestId('meet-apply').click();
    await engine.setMeetParams({ ...DEFAULT_MEET_PARAMS, distance: 150 });
    const at150 = await engine.meetingPlaces(defaultFilter());
    await engine.setMeetParams(DEFAULT_MEET_PARAMS);
    await page.getByTestId('meeting-tab-ranked').click();
    await page.waitForFunction((s) => document.querySelector('[data-testid=meeting-item] .sentence')?.textContent === s, at150.places[0]!.sentence, { timeout: 30000 });
    await expect(page.getByTestId('meeting-item').count()).resolves.toBe(at150.places.length);
    await page.waitForFunction(() => document.title.startsWith('• '));
  });

  it('follow the filter: with youth services switched off, no place has youth services in it', async () => {
    const page = await openMeetingPlaces();
    await page.getByTestId('toggle-youth').uncheck();
    const filter = { ...defaultFilter(), areas: defaultFilter().areas.filter((a) => a !== 'youth') };
    const without = await engine.meetingPlaces(filter);
    await page.waitForFunction((s) => document.querySelector('[data-testid=meeting-item] .sentence')?.textContent === s, without.places[0]!.sentence, { timeout: 30000 });
    const sentences = await page.getByTestId('meeting-item').locator('.sentence').allTextContents();
    expect(sentences.length).toBe(without.places.length);
    expect(sentences.some((s) => s.includes('youth services'))).toBe(false);
  });

  it('on Camden (real wards, postcodes, schools and libraries; made-up spend) are found and named after real places', async () => {
    const camden = new Engine(await initSqlJs());
    await camden.loadProject(camdenProjectInput());
    const want = await camden.meetingPlaces(defaultFilter());
    const file = join(mkdtempSync(join(tmpdir(), 'placelens-meet-')), 'camden-meeting.gpkg');
    writeFileSync(file, await camden.saveProject());

    const { page } = await shell.open();
    await waitForMapIdle(page);
    await page.getByTestId('file-menu').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-project').click();
    await (await chooser).setFiles(file);
    await page.waitForFunction(() => document.title.startsWith('camden-meeting.gpkg'), undefined, { timeout: 60000 });
    await waitForMapIdle(page);
    await page.getByTestId('layer-meeting').check();
    await page.getByTestId('meeting-list').waitFor({ timeout: 30000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid=meeting-progress]'), undefined, { timeout: 5000 });
    await expect(page.getByTestId('meeting-item').count()).resolves.toBe(want.places.length);
    await expect(page.getByTestId('meeting-item').first().locator('strong').textContent()).resolves.toBe(want.places[0]!.title);
    await waitForMapIdle(page);
    expect(await renderedCount(page, 'meet-place-line')).toBeGreaterThan(5);
    await screenshot(page, 'meeting-camden');
    await page.getByTestId('meeting-item').first().click();
    await page.getByTestId('meeting-profile').waitFor();
    await expect(page.getByTestId('meeting-touches').textContent()).resolves.toContain(want.places[0]!.title);
    await waitForMapIdle(page);
    await screenshot(page, 'meeting-camden-profile');
  });
});
