// The explore view's engine methods checked against plain SQL over the saved project: the columns and the database
// must tell the same story under every filter.

import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import Papa from 'papaparse';
import { Engine } from '../../renderer/engine/engine';
import type { ExploreResult, ProjectSummary } from '../../renderer/engine/contract';
import type { SpendColumns } from '../../renderer/domain/spend-columns';
import { defaultFilter, type SpendFilter } from '../../renderer/domain/spend-filter';
import { SERVICE_AREAS } from '../../renderer/domain/service-areas';
import { defaultRuleSet } from '../../renderer/domain/rule-set';
import { demoInput } from '../demo-input';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

function rows(db: Database, sql: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
  const stmt = db.prepare(sql);
  const out: Record<string, SqlValue>[] = [];
  try {
    stmt.bind(params);
    while (stmt.step()) out.push(stmt.getAsObject());
  } finally {
    stmt.free();
  }
  return out;
}

/** Withheld payees, written in SQL: blank, "redacted", "withheld", "personal data", or only x's. */
const REDACTED_SQL = `(trim(supplier) = '' OR lower(supplier) LIKE '%redacted%' OR lower(supplier) LIKE '%withheld%'
  OR lower(supplier) LIKE '%personal data%' OR (supplier <> '' AND lower(supplier) NOT GLOB '*[^x]*'))`;

/** The filter as a SQL WHERE clause, written from SpendFilter's documentation rather than from the engine's code. */
function where(f: SpendFilter, projectMissions: readonly string[]): { sql: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const list = (column: string, values: readonly string[]) => {
    if (values.length === 0) return '0';
    params.push(...values);
    return `${column} IN (${values.map(() => '?').join(',')})`;
  };
  parts.push(list('service_area', f.areas));
  if (f.missions.length > 0) {
    const known = f.missions.filter((m) => projectMissions.includes(m));
    parts.push(known.length ? `(${known.map((m) => { params.push(`%,${m},%`); return 'missions LIKE ?'; }).join(' OR ')})` : '0');
  }
  if (f.from || f.to) parts.push('payment_date IS NOT NULL');
  if (f.from) { parts.push('payment_date >= ?'); params.push(f.from); }
  if (f.to) { parts.push('payment_date <= ?'); params.push(f.to); }
  if (f.minPence !== null) { parts.push('amount_pence >= ?'); params.push(f.minPence); }
  if (f.maxPence !== null) { parts.push('amount_pence <= ?'); params.push(f.maxPence); }
  if (f.supplierText.trim()) { parts.push('instr(lower(supplier), ?) > 0'); params.push(f.supplierText.trim().toLowerCase()); }
  if (f.suppliers.length > 0) parts.push(list('supplier', f.suppliers));
  if (f.departments.length > 0) parts.push(list('department', f.departments));
  const methods = f.methods.length ? list('locate_method', f.methods) : '0';
  parts.push(f.unlocated ? `(${methods} OR locate_method IS NULL)` : `(${methods} AND locate_method IS NOT NULL)`);
  if (!f.redacted) parts.push(`NOT ${REDACTED_SQL}`);
  if (f.bbox) {
    parts.push('lon IS NOT NULL AND lat IS NOT NULL AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?');
    params.push(f.bbox[0], f.bbox[2], f.bbox[1], f.bbox[3]);
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * Lines by the ward their pence is counted in: a line at a place crossing ward boundaries once for each ward, with
 * that ward's part (spend_line_wards); any other line once, in its own ward.
 */
const BY_WARD = `(SELECT l.*, COALESCE(p.ward_code, l.ward_code) AS in_ward, COALESCE(p.pence, l.amount_pence) AS ward_pence
  FROM spend_lines l LEFT JOIN spend_line_wards p ON p.line_id = l.id)`;

/** What explore() should say, by SQL alone. */
function sqlExplore(db: Database, f: SpendFilter, projectMissions: readonly string[]): Omit<ExploreResult, 'resolved'> {
  const w = where(f, projectMissions);
  const one = rows(db, `SELECT COUNT(*) AS n, COALESCE(SUM(amount_pence), 0) AS p, COALESCE(SUM(ward_code IS NOT NULL), 0) AS pn,
    COALESCE(SUM(CASE WHEN ward_code IS NOT NULL THEN amount_pence ELSE 0 END), 0) AS pp FROM spend_lines WHERE ${w.sql}`, w.params)[0]!;
  const byArea = Object.fromEntries(SERVICE_AREAS.map((a) => [a, 0])) as Record<(typeof SERVICE_AREAS)[number], number>;
  const linesByArea = { ...byArea };
  for (const r of rows(db, `SELECT service_area AS a, SUM(amount_pence) AS p, COUNT(*) AS n FROM spend_lines WHERE ${w.sql} GROUP BY 1`, w.params)) {
    byArea[r.a as (typeof SERVICE_AREAS)[number]] = r.p as number;
    linesByArea[r.a as (typeof SERVICE_AREAS)[number]] = r.n as number;
  }
  const cells = rows(db, `SELECT in_ward AS w, service_area AS a, SUM(ward_pence) AS p, COUNT(*) AS n FROM ${BY_WARD} WHERE in_ward IS NOT NULL AND ${w.sql} GROUP BY 1, 2`, w.params);
  const wards = rows(db, 'SELECT code, name, population FROM wards ORDER BY fid').map((ward) => {
    const mine = cells.filter((c) => c.w === ward.code);
    const area = (a: string) => mine.filter((c) => c.a === a).reduce((n, c) => n + (c.p as number), 0);
    const total = mine.reduce((n, c) => n + (c.p as number), 0);
    const population = ward.population as number | null;
    return {
      code: ward.code as string, name: ward.name as string,
      total, lines: mine.reduce((n, c) => n + (c.n as number), 0),
      'social-care': area('social-care'), youth: area('youth'), estates: area('estates'), 'green-spaces': area('green-spaces'), other: area('other'),
      population, perResident: population ? total / population : 0,
    };
  });
  return { lines: one.n as number, pence: one.p as number, placedLines: one.pn as number, placedPence: one.pp as number, byArea, linesByArea, wards };
}

function without<T extends object>(x: T, key: keyof T): Omit<T, typeof key> {
  const { [key]: _dropped, ...rest } = x;
  return rest;
}

const f = (change: Partial<SpendFilter> = {}): SpendFilter => ({ ...defaultFilter(), ...change });
const MISSIONS = defaultRuleSet().missions.map((m) => m.id);

/** Filters touching every dimension, each keeping some lines and leaving others out. */
const FILTERS: [string, SpendFilter][] = [
  ['areas, missions and a financial year', f({ areas: ['youth', 'green-spaces', 'social-care'], missions: ['food', 'young-people'], from: '2023-04-01', to: '2024-03-31' })],
  ['amount range with credit notes, supplier text, departments', f({ minPence: -1_000_000, maxPence: 500_000, supplierText: ' LTD', departments: ['Youth Services', 'Housing Repairs', 'Grounds Maintenance', 'Parks and Open Spaces'] })],
  ['methods without unlocated, redacted left out', f({ methods: ['coordinates', 'place'], unlocated: false, redacted: false })],
  ['unlocated only', f({ methods: [] })],
  ['exact suppliers', f({ suppliers: ['REDACTED', 'Copperstone Support Services', 'Kitewater Lifts Ltd'] })],
  ['a box', f({ bbox: [2.59, 53.04, 2.63, 53.07] })],
  ['a bit of everything', f({
    areas: ['social-care', 'youth', 'estates'], missions: ['diversity', 'estates', 'no-such-mission'], from: '2022-07-01', minPence: 0,
    supplierText: 'e', departments: ['Adult Social Care', 'Housing - Estate Management', "Children's Social Care", 'Early Help and Youth'],
    methods: ['coordinates', 'postcode'], redacted: false, bbox: [2.55, 53.02, 2.66, 53.08],
  })],
];

describe('explore on the demo project', () => {
  let engine: Engine;
  let summary: ProjectSummary;
  let db: Database;
  beforeAll(async () => {
    engine = new Engine(SQL);
    summary = await engine.loadProject(demoInput());
    db = new SQL.Database(engine.exportBytes());
  });

  it('totals every ward as SQL does, and agrees with the summary', async () => {
    const e = await engine.explore(defaultFilter());
    const byWard = new Map(rows(db, `SELECT in_ward AS w, SUM(ward_pence) AS p, COUNT(*) AS n FROM ${BY_WARD} WHERE in_ward IS NOT NULL GROUP BY 1`).map((r) => [r.w, r]));
    expect(e.wards.map((w) => w.code)).toEqual(rows(db, 'SELECT code FROM wards ORDER BY fid').map((r) => r.code));
    expect(e.wards).toHaveLength(summary.wardCount);
    for (const w of e.wards) {
      expect({ code: w.code, total: w.total, lines: w.lines }).toEqual({ code: w.code, total: byWard.get(w.code)?.p ?? 0, lines: byWard.get(w.code)?.n ?? 0 });
      expect(SERVICE_AREAS.reduce((n, a) => n + w[a], 0)).toBe(w.total);
    }
    expect(e.wards.filter((w) => w.lines > 0).length).toBeGreaterThan(10);
    expect({ lines: e.lines, pence: e.pence, placedLines: e.placedLines, placedPence: e.placedPence }).toEqual({
      lines: summary.lineCount, pence: summary.totalPence, placedLines: summary.placedLines, placedPence: summary.placedPence,
    });
    expect(e.placedLines).toBeLessThan(e.lines);
    expect(without(e, 'resolved')).toEqual(sqlExplore(db, defaultFilter(), MISSIONS));
  });

  it('matches the ward totals the map is first drawn with', async () => {
    const e = await engine.explore(defaultFilter());
    const map = await engine.mapData();
    expect(e.wards).toEqual(map.wards.features.map((w) => w.properties));
  });

  it.each(FILTERS)('under a filter (%s) gives the totals an independent SQL query gives', async (_name, filter) => {
    const e = await engine.explore(filter);
    const expected = sqlExplore(db, filter, MISSIONS);
    expect(expected.lines).toBeGreaterThan(0);
    expect(expected.lines).toBeLessThan(summary.lineCount);
    expect(without(e, 'resolved')).toEqual(expected);
  });

  it('keeps nothing for a mission the project does not have', async () => {
    const e = await engine.explore(f({ missions: ['no-such-mission'] }));
    expect([e.lines, e.pence, e.placedLines]).toEqual([0, 0, 0]);
    expect(e.wards.every((w) => w.total === 0 && w.lines === 0)).toBe(true);
  });

  it('gives each ward\'s profile the same totals as the explore row, with its years and methods as SQL has them', async () => {
    for (const [filter, narrowed] of [[defaultFilter(), false] as const, ...FILTERS.map(([, x]) => [x, true] as const)]) {
      const e = await engine.explore(filter);
      for (const w of e.wards) {
        const d = (await engine.wardDetail(w.code, filter))!;
        expect({ code: d.code, name: d.name, total: d.totalPence, lines: d.lines, ...d.byArea }).toEqual({
          code: w.code, name: w.name, total: w.total, lines: w.lines, 'social-care': w['social-care'], youth: w.youth, estates: w.estates, 'green-spaces': w['green-spaces'], other: w.other,
        });
        expect(d.filtered).toBe(narrowed);
        expect(d.shareOfPlaced).toBeCloseTo(e.placedPence !== 0 ? w.total / e.placedPence : 0, 12);
        expect(d.byYear.reduce((n, y) => n + y.pence, 0) + d.undated.pence).toBe(w.total);
        expect(d.byYear.reduce((n, y) => n + y.lines, 0) + d.undated.lines).toBe(w.lines);
        expect(d.byMethod.reduce((n, m) => n + m.lines, 0)).toBe(w.lines);
      }
    }
    // One ward in full against SQL: financial years (April to March), methods and payees.
    const filter = FILTERS[1]![1];
    const code = (await engine.explore(filter)).wards.find((w) => w.lines > 20)!.code;
    const w = where(filter, MISSIONS);
    const d = (await engine.wardDetail(code, filter))!;
    const years = rows(db, `SELECT CASE WHEN CAST(substr(payment_date, 6, 2) AS INTEGER) >= 4 THEN CAST(substr(payment_date, 1, 4) AS INTEGER) ELSE CAST(substr(payment_date, 1, 4) AS INTEGER) - 1 END AS y,
      SUM(ward_pence) AS p, COUNT(*) AS n FROM ${BY_WARD} WHERE in_ward = ? AND payment_date IS NOT NULL AND ${w.sql} GROUP BY 1 ORDER BY 1`, [code, ...w.params]);
    expect(d.byYear).toEqual(years.map((r) => ({ year: `${r.y}/${String(((r.y as number) + 1) % 100).padStart(2, '0')}`, pence: r.p, lines: r.n })));
    expect(years.length).toBeGreaterThan(1);
    const methods = rows(db, `SELECT locate_method AS m, SUM(ward_pence) AS p, COUNT(*) AS n FROM ${BY_WARD} WHERE in_ward = ? AND ${w.sql} GROUP BY 1 ORDER BY 2 DESC`, [code, ...w.params]);
    expect(d.byMethod).toEqual(methods.map((r) => ({ method: r.m, pence: r.p, lines: r.n })));
    const payees = rows(db, `SELECT CASE WHEN ${REDACTED_SQL} THEN '(redacted)' ELSE trim(supplier) END AS s, SUM(ward_pence) AS p, COUNT(*) AS n
      FROM ${BY_WARD} WHERE in_ward = ? AND ${w.sql} GROUP BY 1`, [code, ...w.params]);
    expect(d.supplierCount).toBe(payees.length);
    const top = payees.filter((r) => r.s !== '(redacted)').sort((a, b) => (b.p as number) - (a.p as number) || String(a.s).localeCompare(String(b.s))).slice(0, 5);
    expect(d.topSuppliers).toEqual(top.map((r) => ({ supplier: r.s, pence: r.p, lines: r.n, redacted: false })));
  });

  it('has no profile for a ward the project does not have, and says when a filter narrowed one', async () => {
    expect(await engine.wardDetail('NOT-A-WARD', defaultFilter())).toBeNull();
    const code = (await engine.explore(defaultFilter())).wards[0]!.code;
    expect((await engine.wardDetail(code))!.filtered).toBe(false);
    expect((await engine.wardDetail(code, defaultFilter()))!.filtered).toBe(false);
    expect((await engine.wardDetail(code, f({ redacted: false })))!.filtered).toBe(true);
  });

  describe('tableRows', () => {
    const filter = FILTERS[1]![1];

    it('pages through every kept line: total, offset and limit', async () => {
      const lines = (await engine.explore(filter)).lines;
      const sort = { key: 'date', descending: false } as const;
      const all = await engine.tableRows(filter, sort, 0, 1e7);
      expect(all.total).toBe(lines);
      expect(all.rows).toHaveLength(lines);
      const a = await engine.tableRows(filter, sort, 0, 50);
      const b = await engine.tableRows(filter, sort, 50, 50);
      expect(a).toMatchObject({ total: lines, offset: 0 });
      expect(b).toMatchObject({ total: lines, offset: 50 });
      expect([...a.rows, ...b.rows]).toEqual(all.rows.slice(0, 100));
      const last = await engine.tableRows(filter, sort, lines - 3, 50);
      expect(last.rows).toEqual(all.rows.slice(-3));
      expect(await engine.tableRows(filter, sort, lines + 10, 50)).toEqual({ total: lines, offset: lines, rows: [] });
      expect(await engine.tableRows(filter, sort, -5, 2)).toEqual({ total: lines, offset: 0, rows: all.rows.slice(0, 2) });
      expect((await engine.tableRows(filter, sort, 10, 0)).rows).toEqual([]);
      // The same lines SQL finds, each read as stored.
      const w = where(filter, MISSIONS);
      const expected = rows(db, `SELECT s.id, s.payment_date, s.supplier, s.purpose, s.department, s.amount_pence, s.service_area, s.ward_code, s.locate_method,
        s.lon, s.lat, s.line_kind, s.source_row, src.file FROM spend_lines s JOIN sources src ON src.id = s.source_id WHERE ${w.sql.replace(/\b(service_area|missions|payment_date|amount_pence|supplier|department|locate_method|lon|lat)\b/g, 's.$1')} ORDER BY s.id`, w.params);
      expect(expected).toHaveLength(lines);
      const byId = [...all.rows].sort((x, y) => x.id - y.id);
      expect(byId.map((r) => [r.id, r.date, r.supplier, r.purpose, r.department, r.pence, r.area, r.wardCode, r.method, r.lon, r.lat, r.lineKind, r.source])).toEqual(
        expected.map((r) => [r.id, r.payment_date, r.supplier, r.purpose, r.department, r.amount_pence, r.service_area, r.ward_code, r.locate_method, r.lon, r.lat, r.line_kind, `${r.file} row ${(r.source_row as number).toLocaleString('en-GB')}`]),
      );
    });

    it('sorts by amount, most first, and by supplier alphabetically whatever the case', async () => {
      const byAmount = (await engine.tableRows(filter, { key: 'amount', descending: true }, 0, 1e7)).rows;
      expect(byAmount.length).toBeGreaterThan(100);
      expect(byAmount.filter((r, i) => i > 0 && r.pence > byAmount[i - 1]!.pence)).toEqual([]);
      expect(byAmount[0]!.pence).toBe(Math.max(...byAmount.map((r) => r.pence)));
      const bySupplier = (await engine.tableRows(filter, { key: 'supplier', descending: false }, 0, 1e7)).rows;
      const names = bySupplier.map((r) => r.supplier.toLowerCase());
      expect(names.filter((n, i) => i > 0 && n < names[i - 1]!)).toEqual([]);
      expect(new Set(names).size).toBeGreaterThan(10);
      // Ties (one supplier's lines) by line id.
      expect(bySupplier.filter((r, i) => i > 0 && names[i] === names[i - 1] && r.id < bySupplier[i - 1]!.id)).toEqual([]);
      const down = (await engine.tableRows(filter, { key: 'supplier', descending: true }, 0, 1e7)).rows;
      expect(down.map((r) => r.id)).toEqual(bySupplier.map((r) => r.id).reverse());
      const byDate = (await engine.tableRows(filter, { key: 'date', descending: false }, 0, 1e7)).rows;
      expect(byDate.filter((r, i) => i > 0 && (r.date ?? '') < (byDate[i - 1]!.date ?? ''))).toEqual([]);
    });
  });

  it('exports a header and one row per kept line, in the table\'s order', async () => {
    const filter = FILTERS[0]![1];
    const sort = { key: 'amount', descending: true } as const;
    const csv = await engine.exportCsv(filter, sort);
    expect(csv.startsWith('\uFEFFline_id,date,supplier,purpose,department,amount_gbp,service_area,missions,ward_code,ward_name,located_by,unlocated_reason,longitude,latitude,line_kind,source,ward_shares\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...data] = parsed.data;
    expect(header).toHaveLength(17);
    const table = (await engine.tableRows(filter, sort, 0, 1e7)).rows;
    expect(data).toHaveLength((await engine.explore(filter)).lines);
    expect(data.map((r) => Number(r[0]))).toEqual(table.map((r) => r.id));
    expect(data.map((r) => Math.round(Number(r[5]) * 100))).toEqual(table.map((r) => r.pence));
    expect(data.map((r) => r[2])).toEqual(table.map((r) => r.supplier));
    // Mission labels, not ids.
    expect(data.some((r) => r[7] === 'Food; Young people')).toBe(true);
    // Lines at places crossing ward boundaries list each ward's part, adding up to the line's amount.
    const shared = data.filter((r) => r[16] !== '');
    expect(shared.length).toBeGreaterThan(0);
    for (const r of shared) {
      const parts = r[16]!.split('; ').map((p) => p.match(/^(\S+) (\d+\.\d)% (-?\d+\.\d\d)$/)!);
      expect(parts.length).toBeGreaterThanOrEqual(2);
      expect(parts.map((m) => m[1])).toContain(r[8]);
      expect(parts.reduce((t, m) => t + Math.round(Number(m[3]) * 100), 0)).toBe(Math.round(Number(r[5]) * 100));
    }
  });

  it('offers the dates, amounts and departments the lines have, as SQL finds them', async () => {
    const o = await engine.filterOptions();
    const s = rows(db, `SELECT MIN(payment_date) AS first, MAX(payment_date) AS last, MIN(amount_pence) AS lo, MAX(amount_pence) AS hi,
      SUM(ward_code IS NULL) AS unlocated, SUM(${REDACTED_SQL}) AS redacted FROM spend_lines`)[0]!;
    expect(o).toMatchObject({ firstDate: s.first, lastDate: s.last, minPence: s.lo, maxPence: s.hi, unlocatedLines: s.unlocated, redactedLines: s.redacted });
    expect(o.firstDate).toBe('2022-04-01');
    expect(o.lastDate).toBe('2025-03-31');
    expect(o.minPence).toBeLessThan(0);
    expect(o.redactedLines).toBeGreaterThan(0);
    expect(o.missions.map((m) => m.id)).toEqual(MISSIONS);
    const departments = rows(db, "SELECT department AS name, COUNT(*) AS lines FROM spend_lines WHERE trim(department) <> '' GROUP BY 1");
    expect(o.departments).toEqual([...departments].sort((a, b) => String(a.name).localeCompare(String(b.name), 'en-GB')));
  });

  it('finds suppliers by part of their name, any case, names starting with it first', async () => {
    const all = await engine.searchSuppliers('LT', 1000);
    const expected = rows(db, "SELECT supplier, COUNT(*) AS lines, SUM(amount_pence) AS pence FROM spend_lines WHERE instr(lower(supplier), 'lt') > 0 GROUP BY 1");
    expect(expected.length).toBeGreaterThan(12);
    expect([...all].sort((a, b) => a.supplier.localeCompare(b.supplier))).toEqual([...expected].sort((a, b) => String(a.supplier).localeCompare(String(b.supplier))));
    // The demo has no supplier starting with "lt" (see below for one that does), so these are by money alone.
    expect(all.some((s) => s.supplier.toLowerCase().startsWith('lt'))).toBe(false);
    for (let i = 1; i < all.length; i++) expect(all[i]!.pence).toBeLessThanOrEqual(all[i - 1]!.pence);
    const top = await engine.searchSuppliers('lt');
    expect(top).toEqual(all.slice(0, 12));
    expect(await engine.searchSuppliers('   ')).toEqual([]);
    expect(await engine.searchSuppliers('no supplier has this')).toEqual([]);
  });
});

describe('explore after the lines change', () => {
  const EVIL = [
    'Payment Date,Beneficiary Name,Purpose,Amount GBP,Longitude,Latitude',
    '01/05/2024,"=HYPERLINK(""http://x"")",Consultancy,100.00,2.626946,53.052472',
    '02/05/2024,Ltc Partners,Audit,0.12,2.588099,53.029764',
    ',lt undated,Audit,5.00,,',
  ].join('\r\n');
  const evil = () => ({ name: 'evil.csv', bytes: new TextEncoder().encode(EVIL) });
  const columnsOf = (e: Engine) => (e as unknown as { explorer: { columns(): SpendColumns } }).explorer.columns();

  it('writes a supplier that looks like a formula as text in the CSV', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    const result = await engine.importSpend(evil(), undefined);
    expect(result.ok).toBe(true);
    const csv = await engine.exportCsv(f({ supplierText: 'hyperlink' }), { key: 'amount', descending: true });
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    // supplier, purpose, (no) department, amount
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://x"")",Consultancy,,100.00,`);
    // No other cell of the export starts a formula either.
    const all = Papa.parse<string[]>((await engine.exportCsv(defaultFilter(), { key: 'amount', descending: true })).slice(1), { skipEmptyLines: true }).data;
    const risky = all.slice(1).flatMap((r) => r.filter((cell, k) => k !== 0 && k !== 5 && k !== 12 && k !== 13 && /^[=+\-@\t\r]/.test(cell)));
    expect(risky).toEqual([]);
    // Undated lines sort first by date and are exported with an empty date.
    const undated = (await engine.tableRows(f({ supplierText: 'lt undated' }), { key: 'date', descending: false }, 0, 10)).rows;
    expect(undated.map((r) => [r.date, r.method, r.lon])).toEqual([[null, null, null]]);
  });

  it('puts suppliers starting with the text first, then by money', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    await engine.importSpend(evil(), undefined);
    const found = await engine.searchSuppliers('lt', 1000);
    const starts = found.map((s) => s.supplier.toLowerCase().startsWith('lt'));
    expect(found.slice(0, 2).map((s) => s.supplier).sort()).toEqual(['Ltc Partners', 'lt undated']);
    expect(starts.indexOf(false)).toBe(2);
    expect(starts.lastIndexOf(true)).toBe(1);
    // "lt undated" (500p) before "Ltc Partners" (12p); both before bigger names that only contain "lt".
    expect(found.slice(0, 2)).toEqual([{ supplier: 'lt undated', lines: 1, pence: 500 }, { supplier: 'Ltc Partners', lines: 1, pence: 12 }]);
    expect(found[2]!.pence).toBeGreaterThan(500);
    expect(found.every((s) => s.supplier.toLowerCase().includes('lt'))).toBe(true);
  });

  it('reads the lines again after an import, and not after a save', async () => {
    const engine = new Engine(SQL);
    const summary = await engine.loadProject(demoInput());
    const before = await engine.explore(defaultFilter());
    const cols = columnsOf(engine);
    expect(cols.n).toBe(summary.lineCount);

    // Saving writes feature counts, which SQLite counts as changes; the lines are untouched, so the columns stay.
    engine.exportBytes();
    await engine.saveProject();
    expect(columnsOf(engine)).toBe(cols);
    expect(await engine.explore(defaultFilter())).toEqual(before);

    const result = await engine.importSpend(evil(), undefined);
    expect(result.ok).toBe(true);
    const after = await engine.explore(defaultFilter());
    expect(columnsOf(engine)).not.toBe(cols);
    expect(after.lines).toBe(before.lines + 3);
    expect(after.pence).toBe(before.pence + 10_000 + 12 + 500);
    expect(after.placedLines).toBe(before.placedLines + 2);
    expect((await engine.tableRows(f({ suppliers: ['Ltc Partners'] }), { key: 'amount', descending: true }, 0, 10)).total).toBe(1);
    const db = new SQL.Database(engine.exportBytes());
    expect(without(after, 'resolved')).toEqual(sqlExplore(db, defaultFilter(), MISSIONS));
    db.close();
  });

  it('reads the lines again after the rules change', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    const before = await engine.explore(defaultFilter());
    const food = await engine.explore(f({ missions: ['food'] }));
    expect(before.byArea.youth).toBeGreaterThan(0);
    expect(food.lines).toBeGreaterThan(0);
    const cols = columnsOf(engine);

    // No service-area rules: every line is Other. Food is no longer a mission; "green" is, for green spaces work.
    const set = defaultRuleSet();
    set.rules = [];
    set.missions = [...set.missions.filter((m) => m.id !== 'food'), { id: 'green', label: 'Green' }];
    set.missionRules = [...set.missionRules.filter((r) => r.mission !== 'food'), { id: 'green-purpose', mission: 'green', field: 'purpose', keywords: ['tree', 'grounds', 'park'] }];
    const result = await engine.setRuleSet(set);
    expect(result.ok).toBe(true);

    const after = await engine.explore(defaultFilter());
    expect(columnsOf(engine)).not.toBe(cols);
    expect(after.byArea).toEqual({ 'social-care': 0, youth: 0, estates: 0, 'green-spaces': 0, other: before.pence });
    expect(after.lines).toBe(before.lines);
    expect((await engine.explore(f({ missions: ['food'] }))).lines).toBe(0);
    const green = await engine.explore(f({ missions: ['green'] }));
    const db = new SQL.Database(engine.exportBytes());
    expect(green.lines).toBe(rows(db, "SELECT COUNT(*) AS n FROM spend_lines WHERE missions LIKE '%,green,%'")[0]!.n);
    expect(green.lines).toBeGreaterThan(0);
    expect(without(green, 'resolved')).toEqual(sqlExplore(db, f({ missions: ['green'] }), set.missions.map((m) => m.id)));
    expect((await engine.filterOptions()).missions.map((m) => m.id)).toEqual(set.missions.map((m) => m.id));
    db.close();
  });
});
