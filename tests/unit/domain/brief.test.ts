import { describe, expect, it } from 'vitest';
import { attributionsOf, buildBrief, caveatsOf, formatShare, scaleBar, summaryOf, supplierSentences, type BriefFacts } from '../../../renderer/domain/brief';
import { formatWholePounds } from '../../../renderer/domain/money';

function facts(over: Partial<BriefFacts> = {}): BriefFacts {
  return {
    project: { name: 'Test borough', notice: null, boundaryVintage: 'May 2022', vintageSince: '2022-05-01', wardsFile: 'wards-2022.geojson' },
    area: { kind: 'ward', name: 'Northfield', description: 'Ward E05000001', geometry: { type: 'Polygon', coordinates: [] }, request: { kind: 'ward', code: 'E05000001' } },
    filters: [],
    totalPence: 1_000_000_00,
    lines: 120,
    boroughPence: 8_000_000_00,
    byArea: { 'social-care': 600_000_00, youth: 100_000_00, estates: 250_000_00, 'green-spaces': 50_000_00, other: 0 },
    linesByArea: { 'social-care': 60, youth: 20, estates: 30, 'green-spaces': 10, other: 0 },
    byMission: [],
    byYear: [{ year: '2022/23', pence: 1_000_000_00, lines: 120 }],
    undated: { pence: 0, lines: 0 },
    byMethod: [{ method: 'coordinates', pence: 700_000_00, lines: 80 }, { method: 'postcode', pence: 300_000_00, lines: 40 }],
    topSuppliers: [],
    supplierCount: 12,
    supplierFlags: null,
    supplierLocal: null, sharedPlaces: [],
    firstDate: '2022-04-01',
    lastDate: '2023-03-31',
    redacted: { pence: 0, lines: 0 },
    credits: { pence: 0, lines: 0 },
    rules: [{ ruleId: 'department-social-care', serviceArea: 'social-care', pence: 600_000_00 }, { ruleId: null, serviceArea: 'other', pence: 0 }],
    boroughUnplaced: { pence: 0, lines: 0 },
    meeting: [],
    gaps: [],
    meetDistance: 250,
    heard: [],
    sources: [{ file: 'codepoint.csv', kind: 'postcodes', rows: 10 }],
    basemapAttribution: null,
    madeOn: '2026-11-26',
    ...over,
  };
}

describe('brief caveats', () => {
  it('say how much money rests on approximate placing, as a warning past a quarter', () => {
    const c = caveatsOf(facts());
    expect(c[0]!.text).toContain('30% of this money was placed only approximately');
    expect(c[0]!.level).toBe('warning');
    const exact = caveatsOf(facts({ byMethod: [{ method: 'coordinates', pence: 1_000_000_00, lines: 120 }] }));
    expect(exact[0]!.text).toMatch(/^Every line counted here was placed/);
  });

  it('warn when the spend starts before the boundaries came in, and not otherwise', () => {
    const before = caveatsOf(facts());
    expect(before.some((c) => c.level === 'warning' && c.text.includes('boundaries are those of May 2022'))).toBe(true);
    const after = caveatsOf(facts({ firstDate: '2022-06-01' }));
    expect(after.some((c) => c.text.includes('boundaries are those of'))).toBe(false);
  });

  it('name redacted payees, credit notes, unplaced borough lines, undated lines and the rules, only when present', () => {
    const none = caveatsOf(facts()).map((c) => c.text).join(' ');
    expect(none).not.toMatch(/redacted|credit notes|could not be placed|no date/);
    const all = caveatsOf(facts({
      redacted: { pence: 50_000_00, lines: 4 }, credits: { pence: -1_234_00, lines: 2 },
      boroughUnplaced: { pence: 20_000_00, lines: 9 }, undated: { pence: 5_00, lines: 1 },
    })).map((c) => c.text).join(' ');
    expect(all).toContain('5% of this money (4 lines) went to payees whose names were redacted');
    expect(all).toContain('2 credit notes or refunds (−£1,234)');
    expect(all).toContain('9 spend lines (£20,000) in the borough could not be placed');
    expect(all).toContain('1 lines (£5) have no date');
    expect(all).toContain('rule “department-social-care” → social care (100%)');
  });
});

describe('brief summary', () => {
  it('uses only figures the brief\'s tables print', () => {
    const f = facts({ meeting: [{ rank: 3, title: 'Elm Estate', sentence: 'Around Elm Estate, …', centre: [0, 0], outline: { type: 'Polygon', coordinates: [] } }] });
    const s = summaryOf(f);
    expect(s).toContain(formatWholePounds(f.totalPence));
    expect(s).toContain(formatShare(f.totalPence, f.boroughPence));
    expect(s).toContain(`social care (${formatWholePounds(f.byArea['social-care'])}, ${formatShare(f.byArea['social-care'], f.totalPence)})`);
    expect(s).toContain('Services meet in 1 place here; the strongest is around Elm Estate.');
    // Every number in the summary is one of the tables' numbers (or the period's dates).
    const tableNumbers = new Set([
      formatWholePounds(f.totalPence), formatShare(f.totalPence, f.boroughPence), '120', '1',
      ...Object.values(f.byArea).map((p) => formatWholePounds(p)), ...Object.values(f.byArea).map((p) => formatShare(p, f.totalPence)), '30%',
    ]);
    const numbers = s.replace(/\d{1,2} [A-Z][a-z]{2} \d{4}/g, '').match(/£?\d[\d,.]*%?/g) ?? [];
    for (const n of numbers) expect(tableNumbers.has(n.replace(/[.,]$/, '')), n).toBe(true);
  });

  it('says plainly when there is no spend', () => {
    expect(summaryOf(facts({ lines: 0, totalPence: 0 }))).toMatch(/^No spend is placed in Northfield/);
  });
});

describe('brief attributions', () => {
  it('follow the sources: ONS wards by name, OS and Royal Mail for a postcode directory, the basemap\'s own', () => {
    const a = attributionsOf(facts({ basemapAttribution: '© OpenStreetMap contributors' }));
    expect(a.join(' ')).toContain('Office for National Statistics');
    expect(a.join(' ')).toContain('Royal Mail');
    expect(a.at(-1)).toBe('Basemap: © OpenStreetMap contributors');
  });

  it('claim nobody\'s copyright for fictional demo data', () => {
    const a = attributionsOf(facts({ project: { ...facts().project, notice: 'Demo data — fictional', wardsFile: 'wards.geojson' }, sources: [{ file: 'postcodes.csv', kind: 'postcodes', rows: 5 }] }));
    expect(a).toEqual(['Demo data — fictional']);
  });
});

describe('who the suppliers are', () => {
  const flags = { knownPence: 1_000_000, smePence: 250_000, vcsePence: 100_000 };
  const local = { knownPence: 400_000, localPence: 100_000 };

  it('gives each share of the money the data says it about, and says which the data does not give', () => {
    expect(supplierSentences({ supplierFlags: flags, supplierLocal: local })).toEqual([
      'Of the contract awards whose supplier status is known (£10,000), 25% went to small and medium-sized enterprises and 10% to voluntary, community and social enterprises.',
      "Of the spend whose supplier's postcode is known (£4,000), 25% went to suppliers based in the borough, by their own address.",
    ]);
    expect(supplierSentences({ supplierFlags: null, supplierLocal: local }).at(-1)).toBe('The data does not say which suppliers are small businesses or voluntary organisations.');
    expect(supplierSentences({ supplierFlags: flags, supplierLocal: null }).at(-1)).toMatch(/no suppliers' postcodes .* so no local share is given/);
    expect(supplierSentences({ supplierFlags: null, supplierLocal: null })).toEqual(['The data does not say which suppliers are small businesses, voluntary organisations or local, so no such shares are given.']);
  });
});

describe('scale bar', () => {
  it('is a round length no longer than asked', () => {
    expect(scaleBar(2, 170)).toEqual({ metres: 200, pixels: 100, label: '200 m' });
    expect(scaleBar(10, 170).label).toBe('1 km');
    expect(scaleBar(0.5, 170)).toMatchObject({ metres: 50, label: '50 m' });
  });
});

describe('buildBrief', () => {
  it('titles the brief by the area and states the period', () => {
    const b = buildBrief(facts());
    expect(b.title).toBe('Northfield: area brief');
    expect(b.period).toBe('1 Apr 2022 – 31 Mar 2023');
  });
});
