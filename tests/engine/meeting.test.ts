// Meeting places through the engine: on the demo, with the project's saved parameters, checked against SQL.
import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { Engine } from '../../renderer/engine/engine';
import { demoInput } from '../demo-input';
import { defaultFilter } from '../../renderer/domain/spend-filter';
import { DEFAULT_MEET_PARAMS } from '../../renderer/domain/meeting-places';
import { MEETING_AREAS } from '../../renderer/domain/meet';

let SQL: SqlJsStatic;
let engine: Engine;
let db: Database;
beforeAll(async () => {
  SQL = await initSqlJs();
  engine = new Engine(SQL);
  await engine.loadProject(demoInput());
  db = new SQL.Database(engine.exportBytes());
});

const inList = MEETING_AREAS.map((a) => `'${a}'`).join(', ');

describe('meeting places on the demo', () => {
  it('look at every located line of the four areas, rank best first, and each place holds two or more areas', async () => {
    const fractions: number[] = [];
    const r = await engine.meetingPlaces(defaultFilter(), (p) => fractions.push(p.fraction));
    const located = Number(db.exec(`SELECT COUNT(*) FROM spend_lines WHERE lon IS NOT NULL AND service_area IN (${inList})`)[0]!.values[0]![0]);
    expect(r.considered).toBe(located);
    expect(r.places.length).toBe(DEFAULT_MEET_PARAMS.maxPlaces);
    expect(r.placed).toBeGreaterThan(0);
    expect(r.placed).toBeLessThanOrEqual(r.considered);
    r.places.forEach((p, i) => {
      expect(p.rank).toBe(i + 1);
      if (i > 0) expect(p.score).toBeLessThanOrEqual(r.places[i - 1]!.score);
      expect(p.present.length).toBeGreaterThanOrEqual(2);
      expect(p.sentence).toMatch(/^(Around|Where) /);
      expect(p.lines).toBe(MEETING_AREAS.reduce((t, a) => t + p.byArea[a].lines, 0));
      expect(p.outline.type === 'Polygon' || p.outline.type === 'MultiPolygon').toBe(true);
    });
    // The demo's estates and parks are outlined: some places are named after them.
    expect(r.places.some((p) => p.touches.length > 0)).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
    // Lenses were met: the demo has estates with no youth work placed near them.
    expect(r.gaps.some((g) => g.lens.heavy === 'estates' && g.lens.missing === 'youth')).toBe(true);
  });

  it('follow the filter: one department is one service area, and nothing meets', async () => {
    const r = await engine.meetingPlaces({ ...defaultFilter(), departments: ['Youth Services'] });
    expect(r.places).toEqual([]);
    expect(r.considered).toBe(Number(db.exec(`SELECT COUNT(*) FROM spend_lines WHERE lon IS NOT NULL AND department = 'Youth Services' AND service_area IN (${inList})`)[0]!.values[0]![0]));
  });
});

describe('meeting-place parameters', () => {
  it('are the defaults in a new project, made safe when set, and saved with the project', async () => {
    const e = new Engine(SQL);
    await e.loadProject(demoInput());
    await expect(e.meetParams()).resolves.toEqual(DEFAULT_MEET_PARAMS);
    const stored = await e.setMeetParams({ ...DEFAULT_MEET_PARAMS, distance: 5, hexResolution: 8, gaps: [{ mission: 'food', heavy: 'green-spaces', missing: 'social-care' }] });
    expect(stored.distance).toBe(25);
    expect(stored.hexResolution).toBe(8);
    const r = await e.meetingPlaces(defaultFilter());
    expect(r.params).toEqual(stored);

    const reopened = new Engine(SQL);
    await reopened.newProject('x');
    const opened = await reopened.openProject({ name: 'with-params.gpkg', bytes: await e.saveProject() });
    expect(opened.ok).toBe(true);
    await expect(reopened.meetParams()).resolves.toEqual(stored);
  });

  it('the smallest share that counts also decides the hexes\' mix', async () => {
    const e = new Engine(SQL);
    await e.loadProject(demoInput());
    const areas = async () => (await e.hexes(defaultFilter(), 8)).features.reduce((t, f) => t + f.properties.areas, 0);
    const loose = await areas();
    await e.setMeetParams({ ...DEFAULT_MEET_PARAMS, minShare: 0.3 });
    const strict = await areas();
    expect(strict).toBeLessThan(loose);
  });
});
