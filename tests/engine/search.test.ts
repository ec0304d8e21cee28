import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { Engine } from '../../renderer/engine/engine';
import { demoInput } from '../demo-input';

let engine: Engine;
beforeAll(async () => {
  engine = new Engine(await initSqlJs());
  await engine.loadProject(demoInput());
});

describe('search', () => {
  it('finds a ward by part of its name, names starting with the text first, with its bounds', async () => {
    const results = await engine.search('ham');
    const wards = results.filter((r) => r.kind === 'ward');
    expect(wards.length).toBeGreaterThan(0);
    for (const w of wards) expect(w.label.toLowerCase()).toContain('ham');
    const [w, s, e, n] = wards[0]!.bounds!;
    expect(w).toBeLessThan(e);
    expect(s).toBeLessThan(n);
  });

  it('finds places from the register (a polygon place brings its whole outline into view) and postcodes however typed', async () => {
    const park = (await engine.search('marrowgate park')).find((r) => r.kind === 'place')!;
    expect(park.label).toBe('Marrowgate Park');
    expect(park.detail).toBe('park, from the places register');
    // The park's polygon spans about 0.0057° of longitude.
    expect(park.bounds![2] - park.bounds![0]).toBeCloseTo(0.005696, 5);
    const pc = (await engine.search('fn5 2d')).filter((r) => r.kind === 'postcode');
    expect(pc.map((r) => r.label)).toContain('FN5 2DU');
  });

  it('finds suppliers with their lines counted, and never offers redacted payees', async () => {
    const found = (await engine.search('arts collective')).filter((r) => r.kind === 'supplier');
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) {
      expect(r.supplier!.toLowerCase()).toContain('arts collective');
      const page = await engine.tableRows({ ...(await import('../../renderer/domain/spend-filter')).defaultFilter(), suppliers: [r.supplier!] }, { key: 'amount', descending: true }, 0, 0);
      expect(r.detail).toBe(`Supplier: ${page.total.toLocaleString('en-GB')} line${page.total === 1 ? '' : 's'}`);
    }
    expect((await engine.search('redacted')).filter((r) => r.kind === 'supplier')).toEqual([]);
    expect(await engine.search('a')).toEqual([]);
  });
});
