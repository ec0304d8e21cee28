// Adding a postcode directory or places register to an open project places the lines that were waiting for it.
import initSqlJs from 'sql.js';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../renderer/engine/engine';
import { demoInput, demoManifest } from '../demo-input';
import { DEMO, readBytes } from '../paths';

const SQL = await initSqlJs();
const demoFile = (name: string) => ({ name, bytes: readBytes(resolve(DEMO, name)) });

describe('Engine.addReference', () => {
  it('placing with a postcode directory and places register added later gives what loading them with the project gives', async () => {
    const whole = await new Engine(SQL).loadProject(demoInput());
    const engine = new Engine(SQL);
    const bare = await engine.loadProject(demoInput({ postcodes: false, places: false }));
    expect(bare.placedLines).toBeLessThan(whole.placedLines);
    expect(bare.ledger.find((e) => e.reason === 'postcode-not-looked-up')?.rows).toBeGreaterThan(0);

    const m = demoManifest();
    const withPostcodes = await engine.addReference('postcodes', demoFile(m.postcodes!));
    expect(withPostcodes.ok).toBe(true);
    if (!withPostcodes.ok) return;
    expect(withPostcodes.newlyPlaced).toBe(withPostcodes.summary.placedLines - bare.placedLines);
    expect(withPostcodes.newlyPlaced).toBeGreaterThan(0);
    expect(withPostcodes.summary.ledger.find((e) => e.reason === 'postcode-not-looked-up')).toBeUndefined();

    const places = await engine.addReference('places', demoFile(([] as string[]).concat(m.places!)[0]!));
    expect(places.ok).toBe(true);
    if (!places.ok) return;
    expect(places.summary.placedLines).toBe(whole.placedLines);
    expect(places.summary.placedPence).toBe(whole.placedPence);
    expect(places.summary.totalPence).toBe(whole.totalPence);
    expect(places.summary.ledger.map((e) => [e.status, e.reason, e.rows, e.pence])).toEqual(whole.ledger.map((e) => [e.status, e.reason, e.rows, e.pence]));
  });

  it('refuses a file with nothing usable, storing nothing and changing no line', async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput({ postcodes: false }));
    const result = await engine.addReference('postcodes', { name: 'not-postcodes.csv', bytes: new TextEncoder().encode('name,colour\nA,red\n') });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ file: 'not-postcodes.csv', severity: 'error', reason: expect.stringMatching(/postcode column/) });
    const after = await engine.summary();
    expect(after.sources).toEqual(before.sources);
    expect(after.placedLines).toBe(before.placedLines);
    expect(after.problemCount).toBe(before.problemCount);
  });
});
