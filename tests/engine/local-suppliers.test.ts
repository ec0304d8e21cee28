// Local suppliers: a line's supplier postcode (from its address) says whether the supplier is in the borough. It never
// places the line; it only gives the brief and the ward panel a local share, of the money whose supplier is known.
import initSqlJs from 'sql.js';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../renderer/engine/engine';
import { defaultFilter } from '../../renderer/domain/spend-filter';
import { caveatsOf } from '../../renderer/domain/brief';
import { CAMDEN_WARDS, SHARED_DATA, readBytes, readText } from '../paths';

const SQL = await initSqlJs();
const CAMDEN_POSTCODES = resolve(SHARED_DATA, 'camden/postcodes-codepoint-2014.csv');

// Every service in one Camden postcode; the suppliers are in Camden (NW1 0AA), the City (EC3N 2LB, added to the
// directory at a point in the City for this test), somewhere the directory does not know (B17 0TP), or not said.
const SPEND = [
  'Payment Date,Supplier Name,Amount,Purpose,Postcode,Supplier Address',
  '01/06/2023,Camden Youth Trust,"£1,000.00",Youth work,NW1 0AB,"12 Anywhere St, London NW1 0AA"',
  '02/06/2023,Camden Youth Trust,250.50,Youth work,NW1 0AB,nw10aa',
  '03/06/2023,City Care Ltd,"2,000.00",Home care,NW1 0AB,"One America Square, 17 Crosswall, London EC3N 2LB"',
  '04/06/2023,Midlands Parks,400.00,Grounds maintenance,NW1 0AB,"Harborne, Birmingham B17 0TP"',
  '05/06/2023,Nobody Knows,99.99,Cleaning,NW1 0AB,',
].join('\r\n');

async function camden(): Promise<Engine> {
  const directory = readText(CAMDEN_POSTCODES).trimEnd() + '\r\nEC3N 2LB,10,533500,180900,E92000001,,,,E09000001,\r\n';
  const engine = new Engine(SQL);
  await engine.loadProject({
    name: 'Camden local suppliers',
    wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) },
    postcodes: { name: 'postcodes.csv', bytes: new TextEncoder().encode(directory) },
    spend: [{ name: 'spend.csv', bytes: new TextEncoder().encode(SPEND) }],
  });
  return engine;
}

describe('local suppliers', () => {
  it('reads the supplier postcode out of an address column and keeps it beside the line, never using it to place it', async () => {
    const engine = await camden();
    const db = new SQL.Database(engine.exportBytes());
    const rows = db.exec('SELECT supplier, supplier_postcode, postcode, locate_method FROM spend_lines ORDER BY id')[0]!.values;
    expect(rows.map((r) => r[1])).toEqual(['NW1 0AA', 'NW1 0AA', 'EC3N 2LB', 'B17 0TP', '']);
    // Every line is placed by its own postcode, where the service was.
    expect(rows.every((r) => r[2] === 'NW1 0AB' && r[3] === 'postcode')).toBe(true);
    db.close();
  });

  it('gives the ward and its brief the share of money with suppliers in the borough, of the money whose supplier is known', async () => {
    const engine = await camden();
    const code = await firstWardWithSpend(engine);
    const ward = (await engine.wardDetail(code))!;
    // Known: NW1 0AA twice and EC3N 2LB; B17 0TP is not in the directory and the last line gives none.
    expect(ward.supplierLocal).toEqual({ knownPence: 100000 + 25050 + 200000, knownLines: 3, localPence: 100000 + 25050, localLines: 2 });
    const facts = (await engine.briefFacts(code, defaultFilter()))!;
    expect(facts.supplierLocal).toEqual(ward.supplierLocal);
    // Filtered to the City supplier's service only (social care), nothing known is local.
    const care = (await engine.wardDetail(code, { ...defaultFilter(), areas: ['social-care'] }))!;
    expect(care.supplierLocal).toEqual({ knownPence: 200000, knownLines: 1, localPence: 0, localLines: 0 });
  });

  it('says nothing about local suppliers when no line gives a supplier postcode the directory knows', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject({
      name: 'No directory',
      wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) },
      spend: [{ name: 'spend.csv', bytes: new TextEncoder().encode(SPEND.replace(/,NW1 0AB,/g, ',,')) }],
    });
    const facts = await engine.briefFacts({ kind: 'shape', name: 'All Camden', ring: [[-0.22, 51.5], [-0.1, 51.5], [-0.1, 51.58], [-0.22, 51.58], [-0.22, 51.5]] }, defaultFilter());
    expect(facts?.supplierLocal).toBeNull();
  });
});

async function firstWardWithSpend(engine: Engine): Promise<string> {
  const db = new SQL.Database(engine.exportBytes());
  const code = db.exec('SELECT ward_code FROM spend_lines LIMIT 1')[0]!.values[0]![0] as string;
  db.close();
  return code;
}

describe("placing lines at their supplier's address, when the user chooses to", () => {
  // Lines with no location of their own: one supplier in Camden, one in the City (in the directory, outside the wards).
  const NOWHERE = ['Payment Date,Supplier Name,Amount,Purpose,Supplier Postcode',
    '01/07/2023,Camden Youth Trust,700.00,Youth work,NW1 0AA',
    '02/07/2023,City Care Ltd,300.00,Home care,EC3N 2LB'].join('\r\n');
  const ledger = (summary: Awaited<ReturnType<Engine['summary']>>, status: string, reason: string) => summary.ledger.find((e) => e.status === status && e.reason === reason);

  it('is off by default; on, it places what it can and lists the rest; off again, it puts them back; the project keeps the choice', async () => {
    const engine = await camden();
    expect((await engine.importSpend({ name: 'nowhere.csv', bytes: new TextEncoder().encode(NOWHERE) })).ok).toBe(true);
    const before = await engine.summary();
    expect(before.placeBySupplierAddress).toBe(false);
    expect(ledger(before, 'unlocated', 'no-location')).toMatchObject({ rows: 2, pence: 70000 + 30000 });

    const on = await engine.setPlaceBySupplierAddress(true);
    expect(on.newlyPlaced).toBe(1);
    expect(on.summary.placeBySupplierAddress).toBe(true);
    expect(ledger(on.summary, 'placed', 'supplier-address')).toMatchObject({ rows: 1, pence: 70000 });
    expect(ledger(on.summary, 'unlocated', 'no-location')).toMatchObject({ rows: 1, pence: 30000 });
    // Every penny is still placed or listed.
    expect(on.summary.ledger.filter((e) => e.status !== 'excluded').reduce((t, e) => t + (e.pence ?? 0), 0)).toBe(on.summary.totalPence);
    const db = new SQL.Database(engine.exportBytes());
    const [code, method] = db.exec("SELECT ward_code, locate_method FROM spend_lines WHERE supplier = 'Camden Youth Trust' AND amount_pence = 70000")[0]!.values[0]!;
    db.close();
    expect(method).toBe('supplier-address');
    // A brief of that ward says how much of its money sits at a supplier's address.
    const facts = (await engine.briefFacts(code as string, defaultFilter()))!;
    expect(facts.byMethod.find((m) => m.method === 'supplier-address')).toMatchObject({ lines: 1, pence: 70000 });
    expect(caveatsOf(facts).map((c) => c.text).join(' ')).toContain("the supplier's own address, which is not where the service was");

    // Saved and opened again, the choice stands, and a new file is placed by it straight away.
    const reopened = new Engine(SQL);
    expect((await reopened.openProject({ name: 'local.gpkg', bytes: engine.exportBytes() })).ok).toBe(true);
    expect((await reopened.summary()).placeBySupplierAddress).toBe(true);
    const more = await reopened.importSpend({ name: 'more.csv', bytes: new TextEncoder().encode(NOWHERE.replace(/\/07\//g, '/08/')) });
    expect(more.ok && ledger(more.summary, 'placed', 'supplier-address')).toMatchObject({ rows: 2, pence: 140000 });

    const off = await engine.setPlaceBySupplierAddress(false);
    expect(off.newlyPlaced).toBe(-1);
    expect(ledger(off.summary, 'placed', 'supplier-address')).toBeUndefined();
    expect(ledger(off.summary, 'unlocated', 'no-location')).toMatchObject({ rows: 2, pence: 70000 + 30000 });
  });
});

