// Places named in lines' words: placed when sure, offered for review when not, and the answers kept in the project.
import initSqlJs from 'sql.js';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../renderer/engine/engine';
import type { ProjectSummary } from '../../renderer/engine/contract';
import { CAMDEN_WARDS, SHARED_DATA, readBytes } from '../paths';

const SQL = await initSqlJs();
const LIBRARIES = resolve(SHARED_DATA, 'camden/places/libraries.csv');

// No location columns at all: only the words can place these lines.
const SPEND = [
  'Payment Date,Supplier Name,Amount,Purpose,Organisational Unit',
  '01/06/2023,Book Supply Ltd,100.00,Book stock for Kilburn Library Centre,Libraries',
  '02/06/2023,Book Supply Ltd,200.00,"Kentihs Town Library, heating repairs",Libraries',
  '03/06/2023,Book Supply Ltd,300.00,Kentihs Town Library cleaning,Libraries',
  '04/06/2023,Fixit Ltd,400.00,Boiler repairs,Swiss Cottage Library',
  '05/06/2023,Print Co,50.00,Leaflets,Communications',
  '06/06/2023,Event Co,60.00,Highgate Library and Holborn Library joint event,Libraries',
].join('\r\n');

function where(engine: Engine): Record<string, [string | null, string | null, string | null]> {
  const db = new SQL.Database(engine.exportBytes());
  const out: Record<string, [string | null, string | null, string | null]> = {};
  for (const [amount, ward, method, reason] of db.exec('SELECT amount_pence, ward_code, locate_method, unlocated_reason FROM spend_lines ORDER BY id')[0]!.values) {
    out[String(amount)] = [ward as string | null, method as string | null, reason as string | null];
  }
  db.close();
  return out;
}

const ledger = (s: ProjectSummary, status: string, reason: string) => s.ledger.find((e) => e.status === status && e.reason === reason);

async function project(): Promise<Engine> {
  const engine = new Engine(SQL);
  await engine.loadProject({
    name: 'Camden libraries',
    wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) },
    places: [{ name: 'libraries.csv', bytes: readBytes(LIBRARIES) }],
    spend: [{ name: 'spend.csv', bytes: new TextEncoder().encode(SPEND) }],
  });
  return engine;
}

describe('places named in the words of spend lines', () => {
  it('places a line whose purpose or organisational unit names one place exactly, and holds the rest for review', async () => {
    const engine = await project();
    const w = where(engine);
    expect(w['10000']).toEqual([expect.any(String), 'place', null]);
    expect(w['40000']).toEqual([expect.any(String), 'place', null]);
    expect(w['20000']).toEqual([null, null, 'place-to-review']);
    expect(w['30000']).toEqual([null, null, 'place-to-review']);
    // Two libraries in one line: not sure which, so a person decides.
    expect(w['6000']).toEqual([null, null, 'place-to-review']);
    expect(w['5000']).toEqual([null, null, 'no-location']);
    // Each placed line says which field placed it.
    const db = new SQL.Database(engine.exportBytes());
    expect(db.exec('SELECT amount_pence, located_from FROM spend_lines WHERE located_from IS NOT NULL ORDER BY id')[0]!.values).toEqual([
      [10000, 'purpose: “kilburn library centre”'],
      [40000, 'organisational unit: “swiss cottage library”'],
    ]);
    db.close();
    const review = await engine.placeReview();
    expect(review.decided).toEqual([]);
    expect(review.pending.map((p) => [p.phrase, p.place.name, p.lines, p.pence])).toEqual([
      ['kentihs town library', 'Kentish Town Library', 2, 50000],
      ['highgate library', 'Highgate Library', 1, 6000],
    ]);
    expect(review.pending[0]!.why).toBe('“kentihs town library” in the purpose is one letter from Kentish Town Library');
    expect(review.pending[0]!.examples).toEqual(['Kentihs Town Library, heating repairs', 'Kentihs Town Library cleaning']);
    expect(review.pending[1]!.why).toContain('the line also names Holborn Library');
  });

  it('follows a yes, a no and a forgotten answer, keeps every penny in the ledger, and keeps the answers in the file', async () => {
    const engine = await project();
    const kentish = (await engine.placeReview()).pending[0]!;
    const yes = await engine.decidePlaceMatch(kentish.phrase, kentish.place, 'accept');
    expect(yes.newlyPlaced).toBe(2);
    expect(where(engine)['20000']![1]).toBe('place');
    const db = new SQL.Database(engine.exportBytes());
    expect(db.exec('SELECT located_from FROM spend_lines WHERE amount_pence = 20000')[0]!.values[0]![0]).toBe('purpose: “kentihs town library” (confirmed in Data health)');
    db.close();
    expect(ledger(yes.summary, 'unlocated', 'place-to-review')).toMatchObject({ rows: 1, pence: 6000 });
    expect(yes.summary.ledger.filter((e) => e.status !== 'excluded').reduce((t, e) => t + (e.pence ?? 0), 0)).toBe(yes.summary.totalPence);

    const highgate = (await engine.placeReview()).pending[0]!;
    // The newest answer is listed first.
    const no = await engine.decidePlaceMatch(highgate.phrase, highgate.place, 'reject', '2999-01-01T00:00:00.000Z');
    expect(no.newlyPlaced).toBe(0);
    expect(where(engine)['6000']).toEqual([null, null, 'no-location']);
    const after = await engine.placeReview();
    expect(after.pending).toEqual([]);
    expect(after.decided.map((d) => [d.phrase, d.place.name, d.decision])).toEqual([
      ['highgate library', 'Highgate Library', 'reject'],
      ['kentihs town library', 'Kentish Town Library', 'accept'],
    ]);

    // Saved and opened: the answers stand, and a later file with the same words is placed by them straight away.
    const reopened = new Engine(SQL);
    expect((await reopened.openProject({ name: 'libraries.gpkg', bytes: engine.exportBytes() })).ok).toBe(true);
    expect((await reopened.placeReview()).decided).toHaveLength(2);
    const later = await reopened.importSpend({ name: 'later.csv', bytes: new TextEncoder().encode('Payment Date,Supplier Name,Amount,Purpose\r\n01/07/2023,Book Supply Ltd,70.00,Kentihs Town Library books\r\n') });
    expect(later.ok && ledger(later.summary, 'placed', 'place')?.rows).toBe(5);

    // Forgetting the yes puts its lines back in the review list.
    const forget = await engine.decidePlaceMatch(kentish.phrase, kentish.place, null);
    expect(forget.newlyPlaced).toBe(-2);
    expect((await engine.placeReview()).pending.map((p) => p.phrase)).toEqual(['kentihs town library']);
  });
});
