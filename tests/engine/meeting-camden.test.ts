// Meeting places on Camden's real wards, postcodes, schools and libraries, with made-up spend round some of them.
import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { Engine } from '../../renderer/engine/engine';
import { defaultFilter } from '../../renderer/domain/spend-filter';
import { camdenHubs, camdenProjectInput } from '../fixtures/camden-spend';
import type { MeetingPlacesResult } from '../../renderer/engine/contract';

let result: MeetingPlacesResult;
let placedLines = 0;
beforeAll(async () => {
  const engine = new Engine(await initSqlJs());
  const summary = await engine.loadProject(camdenProjectInput());
  placedLines = summary.placedLines;
  result = await engine.meetingPlaces(defaultFilter());
});

describe('meeting places on Camden', () => {
  it('are found round the real schools and libraries, named after them, in Camden\'s wards', () => {
    expect(placedLines).toBeGreaterThan(3000);
    expect(result.places.length).toBeGreaterThan(10);
    const names = new Set(camdenHubs().map((h) => h.name));
    const named = result.places.filter((p) => names.has(p.title));
    expect(named.length).toBeGreaterThan(5);
    for (const p of result.places) {
      expect(p.wards.length).toBeGreaterThan(0);
      expect(p.wards.every((w) => /^E050136(5[2-9]|6\d|7[01])$/.test(w.code))).toBe(true);
    }
  });

  it('lines placed at a postcode\'s centre lower a place\'s score by the locating factor', () => {
    // The made-up spend round the places has coordinates; the rest sits on postcode centres, so most places mix both.
    expect(result.places.some((p) => p.approximateShare > 0 && p.approximateShare < 1)).toBe(true);
    for (const p of result.places) expect(p.scoreParts.confidenceFactor).toBeCloseTo(1 - result.params.weights.confidence * p.approximateShare, 12);
  });
});
