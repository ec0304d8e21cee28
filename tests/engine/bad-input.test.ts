import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import initSqlJs from 'sql.js';
import { Engine } from '../../renderer/engine/engine';
import { decodeText } from '../../renderer/domain/text';
import { parseSpendCsv } from '../../renderer/domain/spend-csv';
import { parseWardsGeoJson } from '../../renderer/domain/wards';
import { parsePostcodeDirectory } from '../../renderer/domain/postcodes';
import { parsePlacesCsv, parsePlacesGeoJson } from '../../renderer/domain/places';
import { DEMO, FIXTURES, readBytes } from '../paths';

interface Expectation {
  file: string;
  kind: 'spend' | 'wards' | 'postcodes' | 'places';
  expect: string | null;
  note: string;
}

const BAD = resolve(FIXTURES, 'bad');
const cases = JSON.parse(readFileSync(resolve(BAD, 'expectations.json'), 'utf8')) as Expectation[];
let engine: Engine;

beforeAll(async () => {
  engine = new Engine(await initSqlJs());
  await engine.loadProject({ name: 'bad input', wards: { name: 'wards.geojson', bytes: readBytes(resolve(DEMO, 'wards.geojson')) }, spend: [] });
});

describe('the bad-input corpus (tests/fixtures/bad)', () => {
  it('has at least 30 files, each with an expectation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s: a specific message, nothing lost, no crash', async (_name, c) => {
    const bytes = readBytes(resolve(BAD, c.file));
    const text = decodeText(bytes).text;
    let messages: string[];
    if (c.kind === 'spend') {
      const parsed = parseSpendCsv(text, c.file);
      const refused = parsed.headerRow === 0 || parsed.columns.amount === undefined;
      // Every row below the header is a spend line or an excluded row with its reason; or the file is refused whole.
      expect(parsed.lines.length + parsed.excluded.length).toBe(parsed.rowCount);
      if (!refused) expect(parsed.rowCount).toBe(parsed.dataRows);
      else expect(parsed.problems.some((p) => p.severity === 'error')).toBe(true);
      const before = await engine.summary();
      const result = await engine.importSpend({ name: c.file, bytes });
      const after = await engine.summary();
      expect(result.ok).toBe(!refused);
      if (result.ok) {
        expect(after.lineCount - before.lineCount).toBe(parsed.lines.length);
        expect(after.totalPence - before.totalPence).toBe(parsed.lines.reduce((n, l) => n + l.amountPence, 0));
      } else {
        expect(after.lineCount).toBe(before.lineCount);
      }
      messages = [...parsed.problems.map((p) => `${p.severity}: ${p.reason}`), ...parsed.excluded.map((e) => `${e.reason}: ${e.detail}`)];
      if (c.expect === null) {
        expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(parsed.lines.length).toBeGreaterThan(0);
      }
      if (c.file === 'html-in-supplier.csv') expect(parsed.lines[0]!.supplier).toBe('<script>alert(1)</script> Ltd');
      if (c.file === 'utf16-excel-unicode-text.csv') expect(parsed.lines[0]!.amountPence).toBe(10000);
    } else if (c.kind === 'wards') {
      const r = parseWardsGeoJson(text, c.file);
      messages = r.problems.map((p) => p.reason);
      const features = (() => {
        try {
          const json = JSON.parse(text) as { features?: unknown[] };
          return Array.isArray(json.features) ? json.features.length : -1;
        } catch {
          return -1;
        }
      })();
      // Every feature is a ward or has an error saying why not.
      if (features > 0) expect(r.wards.length + r.problems.filter((p) => p.severity === 'error' && p.feature !== undefined).length).toBe(features);
    } else if (c.kind === 'postcodes') {
      const d = parsePostcodeDirectory(text, c.file);
      messages = d.problems.map((p) => p.reason);
      if (d.columns) expect(d.points.size + d.problems.length).toBe(d.rows);
    } else {
      const r = c.file.endsWith('.csv') ? parsePlacesCsv(text, c.file, 'place') : parsePlacesGeoJson(text, c.file);
      messages = r.problems.map((p) => p.reason);
      expect(r.places.length + r.problems.filter((p) => p.severity === 'error').length).toBe(r.rows);
    }
    if (c.expect !== null) expect(messages.join('\n'), c.note).toMatch(new RegExp(c.expect));
  }, 20000);
});
