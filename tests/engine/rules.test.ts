// Editable rules through the engine: stored with the project, every line sorted again, the ledger kept in step;
// and the boundary vintage set by hand.
import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import Papa from 'papaparse';
import { resolve } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import { Engine, vintageStart } from '../../renderer/engine/engine';
import type { ProjectSummary } from '../../renderer/engine/contract';
import { defaultRuleSet, parseRuleSet, type RuleSet } from '../../renderer/domain/rule-set';
import type { ServiceArea } from '../../renderer/domain/service-areas';
import { parseWardsGeoJson } from '../../renderer/domain/wards';
import { parsePlacesGeoJson } from '../../renderer/domain/places';
import { parseOcds } from '../../renderer/domain/ocds';
import { demoInput } from '../demo-input';
import { syntheticSpendCsv } from '../bench/synthetic-spend';
import { CAMDEN_WARDS, DEMO, FIXTURES, SHARED_DATA, readBytes, readText } from '../paths';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

interface DemoRow {
  unit: string;
  purpose: string;
  pence: number;
  date: string;
  placed: boolean;
}

let demoRowsCache: DemoRow[] | null = null;
/**
 * The demo's spend read without the engine: its own CSV reading, integer pence, dates turned round by hand, and
 * placed by brute-force point-in-polygon down the same ladder (coordinates, the postcode's centre, the named place).
 */
function demoRows(): DemoRow[] {
  if (demoRowsCache) return demoRowsCache;
  const wards = parseWardsGeoJson(readText(resolve(DEMO, 'wards.geojson')), 'wards.geojson').wards;
  const postcodes = new Map(
    Papa.parse<Record<string, string>>(readText(resolve(DEMO, 'postcodes.csv')), { header: true, skipEmptyLines: true }).data.map((r) => [r.pcds!, [Number(r.long), Number(r.lat)] as [number, number]]),
  );
  const places = new Map(parsePlacesGeoJson(readText(resolve(DEMO, 'places.geojson')), 'places.geojson').places.map((p) => [p.name, [p.lon, p.lat] as [number, number]]));
  const inAWard = (p: [number, number]) => wards.some((w) => booleanPointInPolygon(p, w.geometry));
  const rows = Papa.parse<Record<string, string>>(readText(resolve(DEMO, 'spend.csv')), { header: true, skipEmptyLines: true }).data;
  demoRowsCache = rows.map((r) => {
    const amount = r['Amount GBP']!;
    const [pounds, pence = '00'] = amount.replace('-', '').split('.');
    const [d, m, y] = r['Payment Date']!.split('/');
    const placed =
      (r.Longitude ? inAWard([Number(r.Longitude), Number(r.Latitude)]) : false) ||
      (r.Postcode && postcodes.has(r.Postcode) ? inAWard(postcodes.get(r.Postcode)!) : false) ||
      (r['Place Name'] && places.has(r['Place Name']) ? inAWard(places.get(r['Place Name'])!) : false);
    return {
      unit: r['Organisational Unit']!,
      purpose: r.Purpose!,
      pence: (Number(pounds) * 100 + Number(pence.padEnd(2, '0'))) * (amount.startsWith('-') ? -1 : 1),
      date: `${y}-${m}-${d}`,
      placed,
    };
  });
  return demoRowsCache;
}

const sum = (rows: DemoRow[]) => rows.reduce((n, r) => n + r.pence, 0);

function byArea(s: ProjectSummary): Record<ServiceArea, number> {
  const out: Record<ServiceArea, number> = { 'social-care': 0, youth: 0, estates: 0, 'green-spaces': 0, other: 0 };
  for (const c of s.classification) out[c.serviceArea] += c.pence;
  return out;
}

/** Reads the saved project file, as another tool would. */
function saved<T>(engine: Engine, read: (query: (sql: string) => unknown[][]) => T): T {
  const db = new SQL.Database(engine.exportBytes());
  try {
    return read((sql) => db.exec(sql)[0]?.values ?? []);
  } finally {
    db.close();
  }
}

/** The ledger's stored counts equal a fresh count of the lines, and the ward index is there. */
function expectLedgerInStep(engine: Engine): void {
  saved(engine, (query) => {
    const counted = query(`SELECT source_id, placed, locate_method, unlocated_reason, rule_id, service_area, lines, pence, first_date, last_date
      FROM ledger_groups ORDER BY 1, 2, 3, 4, 5, 6`);
    const fresh = query(`SELECT source_id, ward_code IS NOT NULL, locate_method, unlocated_reason, rule_id, service_area, COUNT(*), SUM(amount_pence),
      MIN(payment_date), MAX(payment_date) FROM spend_lines GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`);
    expect(counted).toEqual(fresh);
    expect(query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'spend_line_rows'")[0]![0]).toBe(0);
  });
}

/** The defaults with 'Youth Services' moved to estates by a rule tried first. */
function youthServicesToEstates(): RuleSet {
  const set = defaultRuleSet();
  set.rules.unshift({ id: 'department-youth-services-estates', serviceArea: 'estates', field: 'department', keywords: ['youth services'] });
  return set;
}

describe('a project keeps its rule set', () => {
  it('starts with the defaults, stored in the project file', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    expect(await engine.ruleSet()).toEqual(defaultRuleSet());
    const stored = saved(engine, (query) => query("SELECT value FROM meta WHERE key = 'rule_set'")[0]![0] as string);
    expect(parseRuleSet(stored, 'meta')).toEqual({ ruleSet: defaultRuleSet(), problems: [] });
  });

  it('saves an edited set with the project, and gives back a copy that editing does not change', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    const set = youthServicesToEstates();
    set.missions.push({ id: 'languages', label: 'Languages' });
    set.missionRules.push({ id: 'mission-languages-purpose', mission: 'languages', field: 'purpose', keywords: ['interpreting'] });
    expect((await engine.setRuleSet(set)).ok).toBe(true);
    const stored = saved(engine, (query) => query("SELECT value FROM meta WHERE key = 'rule_set'")[0]![0] as string);
    expect(parseRuleSet(stored, 'meta').ruleSet).toEqual(set);
    const copy = await engine.ruleSet();
    copy.rules.length = 0;
    expect(await engine.ruleSet()).toEqual(set);
  });

  it('loads a project with its own rule set, sorting the lines as a re-run would', async () => {
    const rerun = new Engine(SQL);
    await rerun.loadProject(demoInput());
    const result = await rerun.setRuleSet(youthServicesToEstates());
    const loaded = new Engine(SQL);
    const summary = await loaded.loadProject({ ...demoInput(), ruleSet: youthServicesToEstates() });
    expect(await loaded.ruleSet()).toEqual(youthServicesToEstates());
    expect(result.ok && result.summary.classification).toEqual(summary.classification);
    expect(result.ok && result.summary.ledger).toEqual(summary.ledger);
    const lines = (e: Engine) => saved(e, (query) => query('SELECT id, service_area, rule_id, missions, mission_rules FROM spend_lines ORDER BY id'));
    expect(lines(rerun)).toEqual(lines(loaded));
  });

  it('starts each new project afresh: the defaults again after edited rules, nothing kept from the one before', async () => {
    const engine = new Engine(SQL);
    // The empty project an engine starts with, edited before anything is loaded.
    expect((await engine.setRuleSet(youthServicesToEstates())).ok).toBe(true);
    await engine.loadProject(demoInput());
    expect(await engine.ruleSet()).toEqual(defaultRuleSet());
    expect((await engine.setRuleSet(youthServicesToEstates())).ok).toBe(true);
    const fresh = await engine.newProject('empty');
    expect(fresh.lineCount).toBe(0);
    expect(await engine.ruleSet()).toEqual(defaultRuleSet());
    // A project loaded into an engine that has done nothing else is the same as one loaded after other work.
    const again = await engine.loadProject(demoInput());
    const first = await new Engine(SQL).loadProject(demoInput());
    expect(again.ledger).toEqual(first.ledger);
    expect(again.classification).toEqual(first.classification);
  });

  it('opens a project whose saved rule set is broken with the defaults, and says so', async () => {
    const broken = { ...youthServicesToEstates(), rules: [{ id: 'x', serviceArea: 'yuoth', field: 'department', keywords: ['youth'] }] } as unknown as RuleSet;
    const engine = new Engine(SQL);
    const summary = await engine.loadProject({ ...demoInput(), ruleSet: broken });
    expect(await engine.ruleSet()).toEqual(defaultRuleSet());
    expect(summary.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'rule set', reason: 'rule 1 ("x"): serviceArea "yuoth" is not one of social-care, youth, estates, green-spaces, other' }),
      expect.objectContaining({ file: 'rule set', reason: "the project's rule set could not be used, so the default rules sorted its spend" }),
    ]));
  });
});

describe('Engine.setRuleSet sorts every line again', () => {
  let engine: Engine;
  let before: ProjectSummary;
  beforeAll(async () => {
    engine = new Engine(SQL);
    before = await engine.loadProject(demoInput());
  });

  it("moves exactly the 'Youth Services' lines from youth to estates, to the penny, each naming the new rule", async () => {
    const moved = demoRows().filter((r) => /\byouth services\b/i.test(r.unit));
    expect(moved.length).toBeGreaterThan(500);
    const progress: number[] = [];
    const result = await engine.setRuleSet(youthServicesToEstates(), (p) => progress.push(p.fraction));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.changed).toEqual({ lines: moved.length, pence: sum(moved) });
    expect(result.warnings).toEqual([]);
    const was = byArea(before), now = byArea(result.summary);
    expect(now.youth).toBe(was.youth - sum(moved));
    expect(now.estates).toBe(was.estates + sum(moved));
    expect(now['social-care']).toBe(was['social-care']);
    expect(now['green-spaces']).toBe(was['green-spaces']);
    expect(now.other).toBe(was.other);
    expect(result.summary.totalPence).toBe(before.totalPence);
    expect(result.summary.classification.find((c) => c.ruleId === 'department-youth-services-estates')).toEqual({
      ruleId: 'department-youth-services-estates', serviceArea: 'estates', lines: moved.length, pence: sum(moved),
    });
    expect(result.summary.ledger).toEqual(before.ledger);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expectLedgerInStep(engine);
    // The map follows: the wards' youth spend falls by the placed part of what moved.
    const youthOnMap = (await engine.mapData()).wards.features.reduce((n, f) => n + f.properties.youth, 0);
    const placedMoved = sum(moved.filter((r) => r.placed));
    const fresh = new Engine(SQL);
    await fresh.loadProject(demoInput());
    expect(youthOnMap).toBe((await fresh.mapData()).wards.features.reduce((n, f) => n + f.properties.youth, 0) - placedMoved);
  });

  it('changes nothing when given the same set again', async () => {
    const result = await engine.setRuleSet(youthServicesToEstates());
    expect(result.ok && result.changed).toEqual({ lines: 0, pence: 0 });
  });

  it('moves them back with the defaults, leaving the project as it was loaded', async () => {
    const result = await engine.setRuleSet(defaultRuleSet());
    expect(result.ok && result.summary.classification).toEqual(before.classification);
    expectLedgerInStep(engine);
  });

  it('refuses a set with errors whole: problems back, nothing stored, no line changed', async () => {
    const bad = youthServicesToEstates();
    bad.rules[9]!.serviceArea = 'yuoth' as ServiceArea;
    const lines = () => saved(engine, (query) => query('SELECT id, service_area, rule_id, missions, mission_rules FROM spend_lines ORDER BY id'));
    const linesBefore = lines();
    const result = await engine.setRuleSet(bad);
    expect(result).toEqual({
      ok: false,
      problems: [{ file: 'rule set', reason: 'rule 10 ("purpose-youth"): serviceArea "yuoth" is not one of social-care, youth, estates, green-spaces, other', severity: 'error' }],
    });
    expect(await engine.ruleSet()).toEqual(defaultRuleSet());
    expect((await engine.summary()).classification).toEqual(before.classification);
    expect(lines()).toEqual(linesBefore);
  });
});

describe('Engine.setRuleSet moving most lines', () => {
  it('sends everything to Other with no service-area rules, warning so, and builds the ward index again', async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput());
    const result = await engine.setRuleSet({ ...defaultRuleSet(), rules: [] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const wasOther = byArea(before).other;
    const otherLines = before.classification.filter((c) => c.serviceArea === 'other').reduce((n, c) => n + c.lines, 0);
    expect(result.changed).toEqual({ lines: before.lineCount - otherLines, pence: before.totalPence - wasOther });
    expect(result.changed.lines).toBeGreaterThan(before.lineCount / 3);
    expect(result.warnings.map((w) => w.reason)).toEqual(['there are no service-area rules: every line will be Other']);
    expect(result.summary.classification).toEqual([{ ruleId: null, serviceArea: 'other', lines: before.lineCount, pence: before.totalPence }]);
    expectLedgerInStep(engine);
    const back = await engine.setRuleSet(defaultRuleSet());
    expect(back.ok && back.summary.classification).toEqual(before.classification);
    expectLedgerInStep(engine);
  });
});

describe('Engine.setRuleSet and missions', () => {
  it('counts a new mission in every ward, from the lines its rule matches, and records the rule on each line', async () => {
    const engine = new Engine(SQL);
    const before = await engine.loadProject(demoInput());
    const set = defaultRuleSet();
    set.missions.push({ id: 'languages', label: 'Languages' });
    set.missionRules.push({ id: 'mission-languages-purpose', mission: 'languages', field: 'purpose', keywords: ['interpreting'] });
    const result = await engine.setRuleSet(set);
    expect(result.ok && result.changed).toEqual({ lines: 0, pence: 0 });
    expect(result.ok && result.summary.ledger).toEqual(before.ledger);
    const interpreting = demoRows().filter((r) => /\binterpreting\b/i.test(r.purpose));
    expect(interpreting.length).toBeGreaterThan(100);
    const [lines, pence, ruleNamed] = saved(engine, (query) =>
      query("SELECT COUNT(*), SUM(amount_pence), SUM(mission_rules LIKE '%mission-languages-purpose%') FROM spend_lines WHERE missions LIKE '%,languages,%'")[0]!,
    ) as number[];
    expect([lines, pence, ruleNamed]).toEqual([interpreting.length, sum(interpreting), interpreting.length]);
    // Every ward lists the new mission after the four, and together they hold the placed interpreting spend.
    const codes = (await engine.mapData()).wards.features.map((f) => f.properties.code);
    let inWards = 0;
    for (const code of codes) {
      const detail = (await engine.wardDetail(code))!;
      expect(detail.byMission.map((m) => m.label)).toEqual(['Estates', 'Food', 'Diversity', 'Young people', 'Languages']);
      inWards += detail.byMission.at(-1)!.pence;
    }
    expect(inWards).toBe(sum(interpreting.filter((r) => r.placed)));
    expectLedgerInStep(engine);
  });

  it('drops a mission from every line and ward when it is taken out with its rules', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    const set = defaultRuleSet();
    set.missions = set.missions.filter((m) => m.id !== 'food');
    set.missionRules = set.missionRules.filter((r) => r.mission !== 'food');
    expect((await engine.setRuleSet(set)).ok).toBe(true);
    expect(saved(engine, (query) => query("SELECT COUNT(*) FROM spend_lines WHERE missions LIKE '%,food,%' OR mission_rules LIKE '%food%'")[0]![0])).toBe(0);
    const code = (await engine.mapData()).wards.features[0]!.properties.code;
    expect((await engine.wardDetail(code))!.byMission.map((m) => m.label)).toEqual(['Estates', 'Diversity', 'Young people']);
  });
});

describe('the project rule set applies to spend imported later', () => {
  it('sorts an imported file by the edited rules', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    await engine.setRuleSet(youthServicesToEstates());
    const file = { name: 'extra-spend.csv', bytes: readBytes(resolve(FIXTURES, 'spend/extra-spend.csv')) };
    const preview = await engine.previewSpend(file);
    const result = await engine.importSpend(file, { ...preview.columns, department: 2 });
    expect(result.ok).toBe(true);
    const imported = saved(engine, (query) => query(`SELECT department, rule_id FROM spend_lines WHERE source_id = (SELECT MAX(id) FROM sources) AND department = 'Youth Services'`));
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.every(([, rule]) => rule === 'department-youth-services-estates')).toBe(true);
    expectLedgerInStep(engine);
  });
});

describe('changes while an import is running', () => {
  it('are refused, so they cannot land inside the import or be rolled back with it', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    const big = { name: 'big.csv', bytes: new TextEncoder().encode(syntheticSpendCsv(5000)) };
    let during: Promise<unknown>[] = [];
    const result = await engine.importSpend(big, undefined, (p) => {
      if (p.fraction > 0 && during.length === 0) during = [engine.setRuleSet(youthServicesToEstates()), engine.setBoundaryVintage('May 2022')];
    });
    expect(result.ok).toBe(true);
    expect(await Promise.all(during)).toEqual([
      { ok: false, problems: [{ file: 'rule set', reason: 'a spend file is being imported: try again when it has finished', severity: 'error' }] },
      { ok: false, problems: [{ file: 'boundary vintage', reason: 'a spend file is being imported: try again when it has finished', severity: 'error' }] },
    ]);
    expect(await engine.ruleSet()).toEqual(defaultRuleSet());
    expect((await engine.setRuleSet(youthServicesToEstates())).ok).toBe(true);
  });
});

describe('CPV rules on contract awards', () => {
  it('re-sorts awards by the leading digits of their CPV code, read from the award beside the line', async () => {
    const sample = resolve(SHARED_DATA, 'ocds/contracts-finder-2025-sample.json');
    const engine = new Engine(SQL);
    await engine.loadProject({ name: 'contracts', wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) }, spend: [{ name: 'sample.json', bytes: readBytes(sample) }] });
    const set = defaultRuleSet();
    set.rules.unshift({ id: 'cpv-it-services', serviceArea: 'estates', field: 'cpv', keywords: ['72'] });
    const result = await engine.setRuleSet(set);
    expect(result.ok).toBe(true);
    const it = parseOcds(readText(sample), 'sample.json').lines.filter((l) => l.cpv.startsWith('72'));
    expect(it.length).toBeGreaterThan(3);
    expect(result.ok && result.summary.classification.find((c) => c.ruleId === 'cpv-it-services')).toMatchObject({ lines: it.length, pence: it.reduce((n, l) => n + l.amountPence, 0) });
    const fresh = new Engine(SQL);
    const loaded = await fresh.loadProject({ name: 'contracts', wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) }, spend: [{ name: 'sample.json', bytes: readBytes(sample) }], ruleSet: set });
    expect(result.ok && result.summary.classification).toEqual(loaded.classification);
    expectLedgerInStep(engine);
  });
});

describe('merchant-category rules on purchase-card lines', () => {
  // A purchase-card file as councils publish them: the merchant as the payee, its category as words or an MCC.
  const PCARD = [
    'Payment Date,Merchant Name,Organisational Unit,Purpose,Amount GBP,Merchant Category',
    '01/04/2024,Tesco Stores,Youth Services,Purchase card,12.50,"Grocery Stores, Supermarkets"',
    "02/04/2024,Sainsbury's,Finance,Purchase card,30.00,5411",
    '03/04/2024,Waterstones,Youth Services,Purchase card,20.00,Book Stores',
    '04/04/2024,Pets Corner,Finance,Purchase card,8.00,742',
    '05/04/2024,Pret A Manger,Finance,Purchase card,5.00,5812',
    '06/04/2024,Tesco Stores,Finance,Purchase card,4.00,',
  ].join('\n');
  const pcardFile = () => ({ name: 'purchase-cards.csv', bytes: new TextEncoder().encode(PCARD) });
  /** The defaults with a merchant-category rule tried first and a mission rule reading the category. */
  const withMerchantRules = (): RuleSet => {
    const set = defaultRuleSet();
    set.rules.unshift({ id: 'mcc-groceries', serviceArea: 'estates', field: 'merchantCategory', keywords: ['grocery stores', '5411', '0742'] });
    set.missionRules.push({ id: 'mission-food-mcc', mission: 'food', field: 'merchantCategory', keywords: ['eating places', '5812'] });
    return set;
  };
  const pcardLines = (engine: Engine) =>
    saved(engine, (query) => query(`SELECT supplier, merchant_category, service_area, rule_id, missions FROM spend_lines
      WHERE source_id = (SELECT id FROM sources WHERE file = 'purchase-cards.csv') ORDER BY source_row`));

  it('stores the category with each line and sorts the lines by a rule that reads it', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject({ name: 'cards', wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) }, spend: [pcardFile()], ruleSet: withMerchantRules() });
    expect(pcardLines(engine)).toEqual([
      ['Tesco Stores', 'Grocery Stores, Supermarkets', 'estates', 'mcc-groceries', ',young-people,'],
      ["Sainsbury's", '5411', 'estates', 'mcc-groceries', ''],
      ['Waterstones', 'Book Stores', 'youth', 'department-youth', ',young-people,'],
      ['Pets Corner', '742', 'estates', 'mcc-groceries', ''],
      ['Pret A Manger', '5812', 'other', null, ',food,'],
      ['Tesco Stores', '', 'other', null, ''],
    ]);
    expectLedgerInStep(engine);
  });

  it('re-sorts exactly the lines whose category a new rule matches, reading the category back from the project', async () => {
    const engine = new Engine(SQL);
    const input = demoInput();
    const before = await engine.loadProject({ ...input, spend: [...input.spend, pcardFile()] });
    const lines = () => saved(engine, (query) => query('SELECT id, service_area, rule_id, missions, mission_rules FROM spend_lines ORDER BY id'));
    const linesBefore = lines();
    const result = await engine.setRuleSet(withMerchantRules());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Tesco (youth by its unit), Sainsbury's and Pets Corner (other) move to estates; Pret joins the food mission only.
    expect(result.changed).toEqual({ lines: 3, pence: 1250 + 3000 + 800 });
    expect(result.summary.classification.find((c) => c.ruleId === 'mcc-groceries')).toEqual({ ruleId: 'mcc-groceries', serviceArea: 'estates', lines: 3, pence: 5050 });
    expect(result.summary.totalPence).toBe(before.totalPence);
    const after = new Map(lines().map((l) => [l[0], l]));
    const differs = linesBefore.filter((l) => JSON.stringify(l) !== JSON.stringify(after.get(l[0]))).map((l) => l[0]);
    const pcardIds = saved(engine, (query) => query(`SELECT id FROM spend_lines WHERE source_id = (SELECT id FROM sources WHERE file = 'purchase-cards.csv')
      AND merchant_category IN ('Grocery Stores, Supermarkets', '5411', '742', '5812') ORDER BY id`)).map((r) => r[0]);
    expect(differs).toEqual(pcardIds);
    expect(pcardLines(engine).map((l) => l.slice(2))).toEqual([
      ['estates', 'mcc-groceries', ',young-people,'],
      ['estates', 'mcc-groceries', ''],
      ['youth', 'department-youth', ',young-people,'],
      ['estates', 'mcc-groceries', ''],
      ['other', null, ',food,'],
      ['other', null, ''],
    ]);
    expectLedgerInStep(engine);
    const back = await engine.setRuleSet(defaultRuleSet());
    expect(back.ok && back.changed).toEqual({ lines: 3, pence: 5050 });
    expect(lines()).toEqual(linesBefore);
  });
});

describe('Engine.setBoundaryVintage', () => {
  it("flags the demo's spend before May 2022 once the vintage is set by hand, to the line and penny", async () => {
    const engine = new Engine(SQL);
    const loaded = await engine.loadProject(demoInput());
    expect(loaded.beforeVintage).toBeNull();
    const early = demoRows().filter((r) => r.placed && r.date < '2022-05-01');
    expect(early.length).toBeGreaterThan(0);
    const result = await engine.setBoundaryVintage('  May 2022 ');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary.boundaryVintage).toBe('May 2022');
    expect(result.summary.beforeVintage).toEqual({ vintage: 'May 2022', since: '2022-05-01', lines: early.length, pence: sum(early) });
    expect(saved(engine, (query) => query("SELECT value FROM meta WHERE key = 'boundary_vintage'")[0]![0])).toBe('May 2022');
  });

  it('takes the day the boundaries came in, and clears the vintage when given none', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    const day = await engine.setBoundaryVintage('5 May 2022');
    const early = demoRows().filter((r) => r.placed && r.date < '2022-05-05');
    expect(day.ok && day.summary.beforeVintage).toEqual({ vintage: '5 May 2022', since: '2022-05-05', lines: early.length, pence: sum(early) });
    const cleared = await engine.setBoundaryVintage(null);
    expect(cleared.ok && [cleared.summary.boundaryVintage, cleared.summary.beforeVintage]).toEqual([null, null]);
    const blank = await engine.setBoundaryVintage('   ');
    expect(blank.ok && blank.summary.boundaryVintage).toBeNull();
  });

  it('refuses a vintage it cannot read as a date, keeping the one it had', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    for (const nonsense of ['soon', 'Smarch 2022', '31 June 2022', 'May', '22']) {
      const result = await engine.setBoundaryVintage(nonsense);
      expect(result, nonsense).toEqual({
        ok: false,
        problems: [{ file: 'boundary vintage', severity: 'error', reason: `"${nonsense}" is not a date PlaceLens can read: write the year the boundaries came into force ("2022"), the month ("May 2022") or the day ("5 May 2022")` }],
      });
    }
    expect((await engine.summary()).boundaryVintage).toBe('April 2022');
  });
});

describe('vintageStart', () => {
  it('reads a year, a month, a day, abbreviations and ISO dates; nothing else', () => {
    expect(vintageStart('2022')).toBe('2022-01-01');
    expect(vintageStart('April 2022')).toBe('2022-04-01');
    expect(vintageStart('Sept 2022')).toBe('2022-09-01');
    expect(vintageStart('sep. 2022')).toBe('2022-09-01');
    expect(vintageStart('5th May 2022')).toBe('2022-05-05');
    expect(vintageStart('2022-05-05')).toBe('2022-05-05');
    expect(vintageStart('2022-05')).toBe('2022-05-01');
    expect(vintageStart('2022 (from the WD22CD field name)')).toBe('2022-01-01');
    for (const bad of ['', 'May', 'Ma 2022', '29 February 2023', '2022-13', '5 2022', '20222', '1066']) expect(vintageStart(bad), bad).toBeNull();
    expect(vintageStart('29 February 2024')).toBe('2024-02-29');
  });
});
