// UPRNs through the engine: a table loaded with the project, lines placed by it, kept when the wards change.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../renderer/engine/engine';
import { CAMDEN_WARDS, readBytes } from '../paths';

const SQL = await initSqlJs();
const enc = (s: string) => new TextEncoder().encode(s);

// An LLPG-style extract: two properties in Camden (National Grid metres, near NW1 0AA and WC1E 6BT) and one with
// a 12-digit UPRN, to check numbers past 2^31 survive.
const UPRNS = 'uprn,easting,northing\n5023741,529138,183621\n00005045184,529800,181900\n100023336956,529500,182200\n';
const SPEND = [
  'Payment Date,Beneficiary Name,Purpose,Organisational Unit,Amount GBP,UPRN,Postcode',
  '01/06/2024,Acme Repairs,Communal repairs,Housing,100.00,5023741,',
  '02/06/2024,Acme Repairs,Communal repairs,Housing,200.00,5045184,',
  '03/06/2024,Acme Repairs,Communal repairs,Housing,300.00,100023336956,',
  '04/06/2024,Acme Repairs,Communal repairs,Housing,400.00,999,',
  '05/06/2024,Acme Repairs,Communal repairs,Housing,500.00,,',
].join('\n');

describe('UPRN table', () => {
  it('places lines by their UPRN, says why one was not found, and keeps the UPRN when the wards change', async () => {
    const engine = new Engine(SQL);
    const s = await engine.loadProject({
      name: 'uprns',
      wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) },
      uprns: { name: 'llpg.csv', bytes: enc(UPRNS) },
      spend: [{ name: 'spend.csv', bytes: enc(SPEND) }],
    });
    expect(s.sources.find((x) => x.kind === 'uprns')).toMatchObject({ file: 'llpg.csv', rows: 3, refused: false });
    expect(s.ledger.find((e) => e.reason === 'uprn')).toMatchObject({ status: 'placed', rows: 3, pence: 60000 });
    expect(s.ledger.find((e) => e.reason === 'uprn-not-found')).toMatchObject({ status: 'unlocated', rows: 1, pence: 40000 });
    expect(s.ledger.find((e) => e.reason === 'no-location')).toMatchObject({ rows: 1, pence: 50000 });
    const again = await engine.replaceWards({ name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) });
    expect(again.ok && again.summary.ledger.find((e) => e.reason === 'uprn')?.rows).toBe(3);
    const db = new SQL.Database(engine.exportBytes());
    expect(db.exec('SELECT uprn FROM uprns ORDER BY uprn')[0]!.values.flat()).toEqual([5023741, 5045184, 100023336956]);
    db.close();
  });

  it('says a UPRN could not be looked up when the project has no UPRN table', async () => {
    const engine = new Engine(SQL);
    const s = await engine.loadProject({ name: 'no table', wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) }, spend: [{ name: 'spend.csv', bytes: enc(SPEND) }] });
    expect(s.ledger.find((e) => e.reason === 'uprn-not-looked-up')?.rows).toBe(4);
  });
});
