// Contracts data (OCDS) through the engine: one line per award, every release and penny in the ledger.
import initSqlJs from 'sql.js';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../renderer/engine/engine';
import { parseOcds } from '../../renderer/domain/ocds';
import { CAMDEN_WARDS, SHARED_DATA, readBytes, readText } from '../paths';

const SQL = await initSqlJs();
const SAMPLE = resolve(SHARED_DATA, 'ocds/contracts-finder-2025-sample.json');
const CAMDEN_POSTCODES = resolve(SHARED_DATA, 'camden/postcodes-codepoint-2014.csv');

/** The sample's awards, counted here without the app's code: the latest release of each ocid + award id. */
function independentAwards() {
  type Release = { ocid: string; id?: string; date: string; awards?: { id: string; value?: { amount: number } }[] };
  const releases = (JSON.parse(readText(SAMPLE)) as { releases: Release[] }).releases;
  const latest = new Map<string, { date: string; pence: number }>();
  for (const r of releases) {
    for (const a of r.awards ?? []) {
      const key = `${r.ocid}/${a.id}`;
      const seen = latest.get(key);
      if (!seen || r.date > seen.date) latest.set(key, { date: r.date, pence: Math.round((a.value?.amount ?? 0) * 100) });
    }
  }
  return { releases: releases.length, awards: latest.size, pence: [...latest.values()].reduce((n, a) => n + a.pence, 0) };
}

describe('Contracts (OCDS) import', () => {
  it('imports the 380-release Contracts Finder sample: one line per award, the ledger reconciles, postcodes in the directory are placed', async () => {
    // None of the sample's delivery postcodes is in Camden, so the directory is Camden's plus five of them, set
    // (for this test only) at a point in Camden's Regent's Park ward, to see that a postcode in the directory places an award.
    const delivered = [...new Set(parseOcds(readText(SAMPLE), 'sample.json').lines.map((l) => l.postcode).filter(Boolean))];
    const added = delivered.slice(0, 5);
    expect(added).toHaveLength(5);
    const directory = readText(CAMDEN_POSTCODES).trimEnd() + '\r\n' + added.map((p) => `${p},10,528700,182700,E92000001,,,,E09000007,`).join('\r\n') + '\r\n';
    const engine = new Engine(SQL);
    await engine.loadProject({
      name: 'Camden contracts',
      wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) },
      postcodes: { name: 'postcodes.csv', bytes: new TextEncoder().encode(directory) },
      spend: [],
    });
    const file = { name: 'contracts-finder-2025-sample.json', bytes: readBytes(SAMPLE) };
    const preview = await engine.previewSpend(file);
    expect(preview.format).toBe('contracts');
    expect(preview.dataRows).toBe(380);
    const result = await engine.importSpend(file);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = result.summary;
    const expected = independentAwards();
    expect(s.sources.at(-1)).toMatchObject({ kind: 'contracts', rows: expected.releases, refused: false });
    expect(s.lineCount).toBe(expected.awards);
    expect(s.totalPence).toBe(expected.pence);
    expect(s.totalPence).toBe(96767755286);
    const excluded = s.ledger.filter((e) => e.status === 'excluded');
    expect(excluded.find((e) => e.reason === 'no award in this release')?.rows).toBe(233);
    expect(excluded.find((e) => e.reason === 'superseded by a later release of the same award')?.rows).toBe(4);
    // Every release is a line or an excluded entry (no release here holds two awards); every penny of the lines is
    // placed or listed as not placed.
    expect(s.lineCount + excluded.reduce((n, e) => n + e.rows, 0)).toBe(expected.releases);
    const byStatus = (status: string) => s.ledger.filter((e) => e.status === status).reduce((n, e) => n + (e.pence ?? 0), 0);
    expect(byStatus('placed') + byStatus('unlocated')).toBe(s.totalPence);

    const db = new SQL.Database(engine.exportBytes());
    const rows = db.exec(`SELECT s.postcode, s.ward_code, s.locate_method, s.unlocated_reason, p.postcode IS NOT NULL AS in_directory, s.line_kind
      FROM spend_lines s LEFT JOIN postcodes p ON p.postcode = REPLACE(s.postcode, ' ', '')`)[0]!.values;
    const inDirectory = rows.filter((r) => r[4] === 1);
    expect(inDirectory.length).toBeGreaterThan(0);
    for (const r of inDirectory) expect(r[2], String(r[0])).toBe('postcode');
    for (const r of rows.filter((r) => r[4] === 0 && r[0] !== '')) expect(r[3]).toBe('postcode-not-found');
    expect(new Set(rows.map((r) => r[5]))).toEqual(new Set(['contract award']));
    const awards = db.exec('SELECT COUNT(*), COUNT(DISTINCT ocid || award_id), SUM(cpv <> \'\') FROM contract_awards')[0]!.values[0]!;
    expect(awards[0]).toBe(s.lineCount);
    expect(awards[1]).toBe(s.lineCount);
    db.close();
  });

  it("keeps what OCDS says about Camden's award beside its line, and sorts it by its CPV code", async () => {
    const engine = new Engine(SQL);
    await engine.loadProject({ name: 'c', wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) }, spend: [] });
    const result = await engine.importSpend({ name: 'camden-award-release.json', bytes: readBytes(resolve(SHARED_DATA, 'ocds/camden-award-release.json')) });
    expect(result.ok).toBe(true);
    const db = new SQL.Database(engine.exportBytes());
    const [line] = db.exec(`SELECT s.supplier, s.amount_pence, s.department, s.service_area, s.unlocated_reason, a.cpv, a.suitable_for_sme, a.suitable_for_vcse
      FROM spend_lines s JOIN contract_awards a ON a.line_id = s.id`)[0]!.values;
    expect(line).toEqual([expect.stringMatching(/ubitricity/i), 23000000, 'THE LONDON BOROUGH OF CAMDEN', 'other', 'no-location', '50100000', 1, 0]);
    db.close();
  });
});
