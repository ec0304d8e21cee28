// Data health in the web shell: the review list of place names found in lines' words, answered by a person.
import { describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { resolve } from 'node:path';
import { ROOT, openProjectFile, screenshot, useWebShell, waitForMapIdle } from './harness';
import { Engine } from '../../renderer/engine/engine';
import { demoInput } from '../demo-input';

const shell = useWebShell();
const OUT = resolve(ROOT, 'test-results/data-health');

describe('place names to check', () => {
  it('lists a place name written with a slip, places its lines on Yes, and puts them back when the answer is forgotten', async () => {
    const engine = new Engine(await initSqlJs());
    await engine.loadProject(demoInput());
    const name = (await engine.mapData()).places.features.map((f) => f.properties.name).find((n) => /^\w+ \w{5,}/.test(n))!;
    // One slip in the second word ("Alder Gardnes estate"): near enough to offer, not enough to place unasked.
    const [first, second, ...rest] = name.split(' ');
    const slipped = [first, `${second!.slice(0, -2)}${second!.at(-1)}${second!.at(-2)}`, ...rest].join(' ');
    const csv = ['Payment Date,Beneficiary Name,Purpose,Organisational Unit,Amount GBP,Unique Identifier',
      `01/06/2024,Roofing Ltd,Roof repairs ${slipped},Housing,1500.00,PM1`,
      `02/06/2024,Roofing Ltd,Gutters ${slipped},Housing,500.00,PM2`].join('\n');
    expect((await engine.importSpend({ name: 'words.csv', bytes: new TextEncoder().encode(csv) })).ok).toBe(true);
    expect((await engine.placeReview()).pending).toHaveLength(1);

    const { page } = await shell.open();
    await waitForMapIdle(page);
    await openProjectFile(page, OUT, await engine.saveProject(), 'place-names.gpkg');
    const ledger = page.getByTestId('ledger');
    await ledger.locator('summary').first().click();
    const item = page.getByTestId('place-review-item');
    await item.waitFor();
    await expect(item.count()).resolves.toBe(1);
    const text = (await item.textContent())!;
    expect(text).toContain(`“${slipped.toLowerCase()}” in the purpose is one letter from ${name}`);
    expect(text).toContain('£2,000.00');
    await screenshot(page, 'data-health-place-review');
    const placed = async () => Number(/^([\d,]+) of/.exec((await ledger.locator('summary').first().textContent())!)![1]!.replace(/,/g, ''));
    const before = await placed();
    await item.getByRole('button', { name: `Yes: “${slipped.toLowerCase()}” is ${name}` }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=place-review-note]')?.textContent?.includes('placed there'));
    await expect(page.getByTestId('place-review-note').textContent()).resolves.toBe(`“${slipped.toLowerCase()}” is ${name}: 2 spend lines placed there.`);
    await expect(placed()).resolves.toBe(before + 2);
    await expect(item.count()).resolves.toBe(0);
    await expect(ledger.textContent()).resolves.toContain('Nothing is waiting: every phrase has an answer.');
    // The answer is listed, and forgetting it puts the lines back in the list.
    await page.getByTestId('place-review').locator('details summary').click();
    await page.getByRole('button', { name: `Forget the answer about “${slipped.toLowerCase()}”` }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=place-review-item]').length === 1);
    await expect(placed()).resolves.toBe(before);
  });
});
