import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs, { type Database } from 'sql.js';
import { isValidCell, getResolution } from 'h3-js';
import { Engine } from '../../renderer/engine/engine';
import { demoInput } from '../demo-input';
import { defaultFilter } from '../../renderer/domain/spend-filter';

let engine: Engine;
let db: Database;
beforeAll(async () => {
  const SQL = await initSqlJs();
  engine = new Engine(SQL);
  await engine.loadProject(demoInput());
  db = new SQL.Database(engine.exportBytes());
});

const sqlSum = (where: string) => db.exec(`SELECT COUNT(*), SUM(amount_pence) FROM spend_lines WHERE lon IS NOT NULL AND ${where}`)[0]!.values[0]!.map(Number);

describe('hexes of the filtered lines', () => {
  it('hold every located line once: their totals and counts add up to SQL\'s', async () => {
    const hexes = await engine.hexes(defaultFilter(), 9);
    const [lines, pence] = sqlSum('1');
    expect(hexes.features.reduce((t, f) => t + f.properties.lines, 0)).toBe(lines);
    expect(hexes.features.reduce((t, f) => t + f.properties.total, 0)).toBe(pence);
    for (const f of hexes.features) {
      expect(isValidCell(f.properties.cell) && getResolution(f.properties.cell)).toBe(9);
      expect(f.properties.areas).toBeGreaterThanOrEqual(0);
      expect(f.properties.areas).toBeLessThanOrEqual(4);
    }
    expect(hexes.features.some((f) => f.properties.areas === 4)).toBe(true);
    expect(new Set(hexes.features.map((f) => f.properties.cell)).size).toBe(hexes.features.length);
  });

  it('follow the filter, and coarser resolutions merge cells', async () => {
    const filter = { ...defaultFilter(), departments: ['Youth Services'] };
    const hexes = await engine.hexes(filter, 9);
    const [lines, pence] = sqlSum("department = 'Youth Services'");
    expect(hexes.features.reduce((t, f) => t + f.properties.lines, 0)).toBe(lines);
    expect(hexes.features.reduce((t, f) => t + f.properties.total, 0)).toBe(pence);
    // One department is one service area: nothing meets.
    expect(Math.max(...hexes.features.map((f) => f.properties.areas))).toBe(1);
    const coarse = await engine.hexes(defaultFilter(), 7);
    const fine = await engine.hexes(defaultFilter(), 9);
    expect(coarse.features.length).toBeLessThan(fine.features.length / 10);
    expect(coarse.features.reduce((t, f) => t + f.properties.total, 0)).toBe(fine.features.reduce((t, f) => t + f.properties.total, 0));
  });
});
