import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { OCDS_PREVIEW_HEADER, parseOcds, type OcdsResult } from '../../../renderer/domain/ocds';
import { SHARED_DATA, readText } from '../../paths';

const SAMPLE = resolve(SHARED_DATA, 'ocds/contracts-finder-2025-sample.json');
const CAMDEN = resolve(SHARED_DATA, 'ocds/camden-award-release.json');

const byReason = (r: OcdsResult) => {
  const counts: Record<string, number> = {};
  for (const e of r.excluded) counts[e.reason] = (counts[e.reason] ?? 0) + 1;
  return counts;
};

type Award = { id?: string; status?: string; date?: string; value?: unknown; suppliers?: unknown[]; relatedLots?: string[]; items?: unknown[]; contractPeriod?: unknown };

function release(ocid: string, id: string, date: string, tag: string, awards?: Award[], extra: Record<string, unknown> = {}) {
  return {
    ocid, id, date, tag: [tag],
    buyer: { id: 'B', name: 'Example Council' },
    parties: [{ id: 'B', name: 'Example Council', roles: ['buyer'] }],
    tender: { title: `Tender of ${ocid}`, classification: { scheme: 'CPV', id: '90910000', description: 'Cleaning services' } },
    ...(awards ? { awards } : {}),
    ...extra,
  };
}

const gbp = (amount: unknown) => ({ amount, currency: 'GBP' });
const acme = [{ id: 'S1', name: 'Acme Ltd' }];
const pkg = (...releases: unknown[]) => JSON.stringify({ releases });

describe('parseOcds on the Contracts Finder 2025 sample (380 real releases)', () => {
  const text = readText(SAMPLE);
  const r = parseOcds(text, 'contracts-finder-2025-sample.json');
  type RawRelease = { ocid: string; date: string; awards?: { id: string; value: { amount: number; currency: string } }[] };
  const raw = (JSON.parse(text) as { releases: RawRelease[] }).releases;

  it('reads every release and every award version', () => {
    expect(r.rowCount).toBe(380);
    expect(r.dataRows).toBe(380);
    expect(r.awardsRead).toBe(147);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('keeps one line per award and lists every other release with its reason', () => {
    expect(r.lines).toHaveLength(143);
    expect(byReason(r)).toEqual({ 'no award in this release': 233, 'superseded by a later release of the same award': 4 });
    expect(new Set(r.lines.map((l) => l.transactionId)).size).toBe(143);
  });

  it('accounts for every release: one entry per award version, one per release without an award', () => {
    const withoutAward = raw.filter((x) => (x.awards ?? []).length === 0).length;
    const awardVersions = raw.reduce((n, x) => n + (x.awards ?? []).length, 0);
    expect(r.lines.length + r.excluded.length).toBe(withoutAward + awardVersions);
    // No release in the sample carries two awards, so here the count is exactly one entry per release.
    expect(r.lines.length + r.excluded.length).toBe(r.rowCount);
    const sources = new Set([...r.lines.map((l) => l.sourceRow), ...r.excluded.map((e) => e.sourceRow)]);
    expect(sources.size).toBe(380);
    expect(Math.min(...sources)).toBe(1);
    expect(Math.max(...sources)).toBe(380);
  });

  it('adds up to the pence of the latest version of each award, computed here independently', () => {
    const latest = new Map<string, { time: number; index: number; amount: number }>();
    raw.forEach((x, index) => {
      const time = new Date(x.date).getTime();
      for (const a of x.awards ?? []) {
        const key = `${x.ocid} ${a.id}`;
        const held = latest.get(key);
        if (!held || time > held.time || (time === held.time && index > held.index)) latest.set(key, { time, index, amount: a.value.amount });
      }
    });
    // Every amount in the sample has at most two decimals and is under £1bn, so rounding ×100 is exact here.
    const expected = [...latest.values()].reduce((s, v) => s + Math.round(v.amount * 100), 0);
    const total = r.lines.reduce((s, l) => s + l.amountPence, 0);
    expect(latest.size).toBe(r.lines.length);
    expect(total).toBe(expected);
    expect(total).toBe(96_767_755_286);
    expect(r.lines.every((l) => Number.isSafeInteger(l.amountPence))).toBe(true);
  });

  it('keeps the later correction of an award whose value was first published 100 times too high', () => {
    const ocid = 'ocds-b5fd17-09a309a3-8541-48b9-91c4-411c52e5bd34';
    expect(r.lines.filter((l) => l.ocid === ocid).map((l) => l.amountPence)).toEqual([10_932_000]);
    const gone = r.excluded.find((e) => e.raw.includes(`ocid: ${ocid}`))!;
    expect(gone.reason).toBe('superseded by a later release of the same award');
    expect(gone.amountPence).toBe(1_093_200_000);
    expect(gone.detail).toContain('02d6ce8b-83f0-4993-869c-c177d2efbd52-832942');
  });

  it('finds delivery postcodes and writes them upper case with one space', () => {
    const withPostcode = r.lines.filter((l) => l.postcode !== '');
    expect(withPostcode).toHaveLength(65);
    expect(withPostcode.every((l) => /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/.test(l.postcode))).toBe(true);
    expect(r.lines.every((l) => l.lon === null && l.lat === null && l.wardCode === '')).toBe(true);
  });

  it("finds the supplier's postcode in its address, where Contracts Finder writes it into the street address", () => {
    // Counted here without the app's code: single-supplier awards whose supplier's address holds a postcode.
    type Party = { id: string; roles?: string[]; address?: Record<string, string> };
    const releases = (JSON.parse(text) as { releases: { ocid: string; awards?: { id: string; suppliers?: { id: string }[] }[]; parties?: Party[] }[] }).releases;
    // Capitals after anything but a capital or digit: "LondonnE1W 1AW" (a line break lost in publishing) is E1W 1AW.
    const shape = /(?<![A-Z0-9])([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})(?![A-Za-z0-9])/g;
    const expected = new Map<string, string>();
    for (const rel of releases) {
      for (const a of rel.awards ?? []) {
        const ids = (a.suppliers ?? []).map((s) => s.id);
        const party = rel.parties?.find((p) => p.id === ids[0]);
        const text = Object.values(party?.address ?? {}).join(', ');
        // Then in any case: "Marlow, Sl7 1LW".
        const found = [...text.matchAll(shape)].at(-1) ?? [...text.toUpperCase().matchAll(shape)].at(-1);
        expected.set(`${rel.ocid}/${a.id}`, ids.length === 1 && found ? `${found[1]} ${found[2]}` : '');
      }
    }
    for (const l of r.lines) expect(l.supplierPostcode, l.transactionId).toBe(expected.get(l.transactionId));
    expect(r.lines.filter((l) => l.supplierPostcode !== '').length).toBeGreaterThan(100);
    expect(r.lines.find((l) => l.supplier.startsWith('Marston'))?.supplierPostcode).toBe('EC3N 2LB');
    expect(r.lines.some((l) => l.supplierPostcode === 'E1W 1AW')).toBe(true);
  });

  it('tells the excluded releases apart by their tag', () => {
    const tender = r.excluded.find((e) => e.reason === 'no award in this release' && e.raw.includes('tag: planning'))!;
    expect(tender.detail).toContain('"planning"');
    expect(tender.amountPence).toBeNull();
  });

  it('gives a preview of the first ten lines in the header order', () => {
    expect(r.header).toEqual(OCDS_PREVIEW_HEADER);
    expect(r.sampleRows).toHaveLength(10);
    expect(r.sampleRows.every((row) => row.length === r.header.length)).toBe(true);
    expect(r.sampleRows[1]).toEqual([
      '2021-07-09', 'Hennessy Flooring Ltd; LGM Limited; McManus Flooring', '£3,380.86', 'UOW822 Flooring Term Contract 2021 - AWARD',
      'University Of Worcester', '44112200 Floor coverings', 'yes', 'no', 'WR2 6AJ',
    ]);
    expect(r.headerRow).toBe(1);
    expect(r.columns.amount).toBe(2);
  });

  it('names a supplier that has no name by its id, with a warning', () => {
    const l = r.lines.find((x) => x.ocid === 'ocds-b5fd17-1dfbc9b2-d863-427c-9a37-856d6c4b364d')!;
    expect(l.supplier).toBe('GB-CFS-173 (no name given)');
    expect(r.problems.some((p) => p.row === l.sourceRow && p.reason.includes('no name'))).toBe(true);
  });
});

describe('parseOcds on the Camden award release', () => {
  const r = parseOcds(readText(CAMDEN), 'camden-award-release.json');

  it('reads a single release as one award line', () => {
    expect(r.rowCount).toBe(1);
    expect(r.excluded).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(r.lines).toHaveLength(1);
  });

  it('maps the award onto the spend line fields', () => {
    const ocid = 'ocds-b5fd17-e2099fab-d5a0-45ad-bfdf-362292ce2919';
    expect(r.lines[0]).toMatchObject({
      sourceRow: 1,
      ocid,
      awardId: `${ocid}-1`,
      transactionId: `${ocid}/${ocid}-1`,
      buyer: 'THE LONDON BOROUGH OF CAMDEN',
      department: 'THE LONDON BOROUGH OF CAMDEN',
      supplier: 'Ubitricity Distributed Energy Systems UK Ltd',
      title: 'Operation and Maintenance Support for Lamp Column Electric Vehicle Charge Points',
      purpose: 'Operation and Maintenance Support for Lamp Column Electric Vehicle Charge Points',
      cpv: '50100000',
      cpvDescription: 'Repair, maintenance and associated services of vehicles and related equipment',
      amountPence: 23_000_000,
      sme: true,
      vcse: false,
      awardDate: '2025-03-07',
      date: '2025-03-07',
      contractStart: '2025-03-17',
      contractEnd: '2026-03-16',
      postcode: '',
    });
  });

  it("keeps the contract's SME suitability apart from the winner's own size", () => {
    // The buyer marked the contract suitable for SMEs; the supplier that won declares itself large.
    expect(r.lines[0]!.supplierSme).toBe(false);
    expect(r.lines[0]!.supplierVcse).toBe(false);
  });
});

describe("parseOcds: the supplier's postcode", () => {
  const withParties = (suppliers: { id: string; name: string; address?: Record<string, string> }[]) => parseOcds(pkg(
    release('ocds-p-1', 'r', '2025-01-01T00:00:00Z', 'award', [{ id: 'A', value: gbp(10), suppliers: suppliers.map(({ id, name }) => ({ id, name })) }], {
      parties: [{ id: 'B', name: 'Example Council', roles: ['buyer'], address: { postalCode: 'SM4 5DX' } }, ...suppliers.map((s) => ({ ...s, roles: ['supplier'] }))],
    }),
  ), 'p.json').lines[0]!.supplierPostcode;

  it('takes postalCode first, then a postcode in the street address, and never the buyer\'s', () => {
    expect(withParties([{ id: 'S1', name: 'Acme', address: { postalCode: 'nw1 2ab', streetAddress: '1 High St, London EC3N 2LB' } }])).toBe('NW1 2AB');
    expect(withParties([{ id: 'S1', name: 'Acme', address: { streetAddress: 'One America Square, 17 Crosswall, London EC3N2LB' } }])).toBe('EC3N 2LB');
    expect(withParties([{ id: 'S1', name: 'Acme', address: { streetAddress: 'Unit 4, Trading Estate' } }])).toBe('');
    expect(withParties([{ id: 'S1', name: 'Acme' }])).toBe('');
  });

  it('gives a joint award a postcode only when its suppliers share it', () => {
    expect(withParties([{ id: 'S1', name: 'A', address: { postalCode: 'NW1 2AB' } }, { id: 'S2', name: 'B', address: { postalCode: 'NW1 2AB' } }])).toBe('NW1 2AB');
    expect(withParties([{ id: 'S1', name: 'A', address: { postalCode: 'NW1 2AB' } }, { id: 'S2', name: 'B', address: { postalCode: 'B17 0TP' } }])).toBe('');
  });
});

describe('parseOcds: one line per award', () => {
  it('keeps the later value of an award changed by an awardUpdate, and lists the earlier release as superseded', () => {
    const r = parseOcds(pkg(
      release('ocds-x-1', 'r-award', '2025-01-10T09:00:00Z', 'award', [{ id: 'A1', value: gbp(1000), suppliers: acme }]),
      release('ocds-x-1', 'r-update', '2025-01-12T09:00:00Z', 'awardUpdate', [{ id: 'A1', value: gbp(1250.5), suppliers: acme }]),
    ), 'x.json');
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ sourceRow: 2, amountPence: 125_050, transactionId: 'ocds-x-1/A1' });
    expect(r.excluded).toHaveLength(1);
    expect(r.excluded[0]).toMatchObject({ sourceRow: 1, reason: 'superseded by a later release of the same award', amountPence: 100_000 });
    expect(r.excluded[0]!.detail).toContain('r-update');
    expect(r.excluded[0]!.raw).toEqual(expect.arrayContaining(['ocid: ocds-x-1', 'release: r-award', 'tag: award', 'date: 2025-01-10T09:00:00Z']));
  });

  it('goes by release date, not place in the file, and by place in the file when the dates are the same', () => {
    const r = parseOcds(pkg(
      release('ocds-x-2', 'newest', '2025-02-01T00:00:00+01:00', 'awardUpdate', [{ id: 'A', value: gbp(30), suppliers: acme }]),
      release('ocds-x-2', 'oldest', '2025-01-01T00:00:00Z', 'award', [{ id: 'A', value: gbp(10), suppliers: acme }]),
      release('ocds-x-3', 'first', '2025-01-01T00:00:00Z', 'award', [{ id: 'A', value: gbp(1), suppliers: acme }]),
      release('ocds-x-3', 'second', '2025-01-01T00:00:00Z', 'awardUpdate', [{ id: 'A', value: gbp(2), suppliers: acme }]),
    ), 'x.json');
    expect(r.lines.map((l) => [l.ocid, l.amountPence])).toEqual([['ocds-x-2', 3000], ['ocds-x-3', 200]]);
    expect(r.excluded.map((e) => e.sourceRow)).toEqual([2, 3]);
  });

  it('keeps awards with the same id in different contracts apart', () => {
    const r = parseOcds(pkg(
      release('ocds-x-4', 'a', '2025-01-01T00:00:00Z', 'award', [{ id: '1', value: gbp(5), suppliers: acme }]),
      release('ocds-x-5', 'b', '2025-01-02T00:00:00Z', 'award', [{ id: '1', value: gbp(7), suppliers: acme }]),
    ), 'x.json');
    expect(r.lines.map((l) => l.amountPence)).toEqual([500, 700]);
  });

  it('gives one entry per award when a release carries several, so every release still has an entry', () => {
    const r = parseOcds(pkg(
      release('ocds-x-6', 'lots', '2025-01-01T00:00:00Z', 'award', [
        { id: 'L1', value: gbp(100), suppliers: acme },
        { id: 'L2', value: { amount: 50, currency: 'EUR' }, suppliers: acme },
      ]),
      release('ocds-x-7', 't', '2025-01-01T00:00:00Z', 'tender'),
    ), 'x.json');
    expect(r.rowCount).toBe(2);
    expect(r.awardsRead).toBe(2);
    expect(r.lines).toHaveLength(1);
    expect(r.excluded.map((e) => [e.sourceRow, e.reason])).toEqual([[1, 'award value not in GBP'], [2, 'no award in this release']]);
    expect(r.lines.length + r.excluded.length).toBe(1 + r.awardsRead);
  });
});

describe('parseOcds: awards set aside', () => {
  const one = (award: Award) => parseOcds(pkg(release('ocds-y-1', 'r1', '2025-01-01T00:00:00Z', 'award', [{ id: 'A', suppliers: acme, ...award }])), 'y.json');

  it('lists a value in another currency, with the currency and amount', () => {
    const r = one({ value: { amount: 9999.99, currency: 'EUR' } });
    expect(r.lines).toEqual([]);
    expect(r.excluded[0]).toMatchObject({ reason: 'award value not in GBP', amountPence: null });
    expect(r.excluded[0]!.detail).toContain('9999.99 EUR');
  });

  it('lists a missing value', () => {
    for (const award of [{}, { value: {} }, { value: { amount: null, currency: 'GBP' } }]) {
      const r = one(award);
      expect(r.lines).toEqual([]);
      expect(r.excluded.map((e) => e.reason)).toEqual(['award value missing']);
    }
  });

  it('lists a value that is not a number, as an error problem', () => {
    const r = one({ value: gbp('230,000') });
    expect(r.excluded.map((e) => e.reason)).toEqual(['award value not readable']);
    expect(r.problems).toEqual([expect.objectContaining({ row: 1, severity: 'error', reason: expect.stringContaining('"230,000" is not a number') })]);
    expect(one({ value: gbp(1e21) }).excluded[0]!.reason).toBe('award value not readable');
  });

  it('lists cancelled, unsuccessful and pending awards, keeping their value for the ledger', () => {
    for (const status of ['cancelled', 'unsuccessful', 'pending']) {
      const r = one({ status, value: gbp(12.34) });
      expect(r.lines).toEqual([]);
      expect(r.excluded[0]).toMatchObject({ reason: `award status ${status}`, amountPence: 1234 });
    }
    expect(one({ status: 'active', value: gbp(12.34) }).lines).toHaveLength(1);
  });

  it('lists a release without an ocid as not readable, with a problem', () => {
    const r = parseOcds(pkg({ id: 'r', date: '2025-01-01T00:00:00Z', tag: ['award'], awards: [{ id: 'A', value: gbp(1) }] }, 42), 'y.json');
    expect(r.lines).toEqual([]);
    expect(r.excluded.map((e) => [e.sourceRow, e.reason])).toEqual([[1, 'release not readable'], [2, 'release not readable']]);
    expect(r.problems.map((p) => p.row)).toEqual([1, 2]);
    expect(r.problems[0]!.reason).toContain('no ocid');
  });

  it('lists a tender, planning or amendment release as having no award, naming its tag', () => {
    const r = parseOcds(pkg(
      release('ocds-y-2', 't', '2025-01-01T00:00:00Z', 'tender'),
      release('ocds-y-3', 'p', '2025-01-01T00:00:00Z', 'planning'),
      release('ocds-y-4', 'm', '2025-01-01T00:00:00Z', 'tenderAmendment', []),
    ), 'y.json');
    expect(r.excluded.map((e) => e.reason)).toEqual(Array(3).fill('no award in this release'));
    expect(r.excluded.map((e) => e.detail.match(/"(\w+)"/)?.[1])).toEqual(['tender', 'planning', 'tenderAmendment']);
    expect(r.problems).toEqual([]);
  });
});

describe('parseOcds: money', () => {
  const amounts = (...values: number[]) => parseOcds(pkg(
    release('ocds-z-1', 'r', '2025-01-01T00:00:00Z', 'award', values.map((v, i) => ({ id: String(i), value: gbp(v), suppliers: acme }))),
  ), 'z.json');

  it('turns JSON numbers into exact pence', () => {
    const r = amounts(0.1, 0.2, 3036.96, 5259392.96, 1018044.14, -12.5, 230000);
    expect(r.lines.map((l) => l.amountPence)).toEqual([10, 20, 303_696, 525_939_296, 101_804_414, -1250, 23_000_000]);
    expect(r.lines[0]!.amountPence + r.lines[1]!.amountPence).toBe(30);
  });

  it('rounds fractions of a penny half away from zero on the digits, with a warning', () => {
    const r = amounts(1.005, 2.004, -1.005);
    expect(r.lines.map((l) => l.amountPence)).toEqual([101, 200, -101]);
    expect(r.problems.filter((p) => p.reason.includes('fractions of a penny'))).toHaveLength(3);
  });

  it('keeps a £0 award as a line, with a warning', () => {
    const r = amounts(0);
    expect(r.lines.map((l) => l.amountPence)).toEqual([0]);
    expect(r.problems).toEqual([expect.objectContaining({ severity: 'warning', reason: expect.stringContaining('value is 0') })]);
  });
});

describe('parseOcds: fields of a line', () => {
  const parties = [
    { id: 'B', name: 'Example Council', roles: ['buyer'] },
    { id: 'S1', name: 'Acme Ltd', roles: ['supplier'], details: { scale: 'sme', vcse: true } },
    { id: 'S2', name: 'Big plc', roles: ['supplier'], details: { scale: 'large', vcse: false } },
    { id: 'S3', name: 'Quiet Ltd', roles: ['supplier'] },
  ];
  const tender = {
    title: 'Grounds maintenance',
    suitability: { sme: false, vcse: true },
    contractPeriod: { startDate: '2025-06-30T23:00:00+01:00', endDate: '2027-06-30T23:59:59+01:00' },
    items: [
      { id: '1', relatedLot: 'LOT-1', deliveryAddresses: [{ region: 'London' }, { postalCode: 'nw12ab' }] },
      { id: '2', relatedLot: 'LOT-2', deliveryAddresses: [{ postalCode: 'SW1A2BQ' }] },
      { id: '3', relatedLot: 'LOT-3', deliveryAddress: { postalCode: 'e1 6an' } },
    ],
  };
  const line = (award: Award, extra: Record<string, unknown> = {}) =>
    parseOcds(pkg(release('ocds-f-1', 'r', '2025-07-04T10:00:00Z', 'award', [{ id: 'A', value: gbp(1), ...award }], { parties, tender, ...extra })), 'f.json').lines[0]!;

  it('joins several suppliers, taking a missing name from the parties', () => {
    const l = line({ suppliers: [{ id: 'S1', name: 'Acme Ltd' }, { id: 'S2' }] });
    expect(l.supplier).toBe('Acme Ltd; Big plc');
    expect(l.supplierSme).toBe(false);
    expect(l.supplierVcse).toBe(false);
    expect(line({ suppliers: [{ id: 'S1', name: 'Acme Ltd' }] })).toMatchObject({ supplierSme: true, supplierVcse: true });
    expect(line({ suppliers: [{ id: 'S1' }, { id: 'S3' }] })).toMatchObject({ supplierSme: null, supplierVcse: null });
  });

  it('reads suitability from the tender', () => {
    expect(line({ suppliers: acme })).toMatchObject({ sme: false, vcse: true, title: 'Grounds maintenance', buyer: 'Example Council' });
    expect(line({ suppliers: acme }, { tender: { title: 't' } })).toMatchObject({ sme: null, vcse: null, cpv: '', cpvDescription: '' });
  });

  it("takes the postcode of the award's lot, else the first among the tender's items", () => {
    expect(line({ suppliers: acme }).postcode).toBe('NW1 2AB');
    expect(line({ suppliers: acme, relatedLots: ['LOT-2'] }).postcode).toBe('SW1A 2BQ');
    expect(line({ suppliers: acme, relatedLots: ['LOT-3'] }).postcode).toBe('E1 6AN');
    expect(line({ suppliers: acme, relatedLots: ['LOT-3'], items: [{ deliveryAddresses: [{ postalCode: 'M1 1AA' }] }] }).postcode).toBe('M1 1AA');
  });

  it('dates the line by the award, else the contract start, else the release, as the publisher wrote the day', () => {
    expect(line({ suppliers: acme, date: '2025-05-01T00:00:00+01:00' })).toMatchObject({ date: '2025-05-01', awardDate: '2025-05-01', contractStart: '2025-06-30', contractEnd: '2027-06-30' });
    expect(line({ suppliers: acme })).toMatchObject({ date: '2025-06-30', awardDate: null });
    expect(line({ suppliers: acme }, { tender: { title: 't' } })).toMatchObject({ date: '2025-07-04', contractStart: null });
    const award = { suppliers: acme, contractPeriod: { startDate: '2025-08-01T00:00:00Z' } };
    expect(line(award)).toMatchObject({ date: '2025-08-01', contractStart: '2025-08-01', contractEnd: '2027-06-30' });
  });
});

describe('parseOcds: record packages', () => {
  it("reads each record's compiled release, with the record's number as the source row", () => {
    const compiled = release('ocds-r-1', 'compiled', '2025-02-01T00:00:00Z', 'compiled', [{ id: 'A', value: gbp(75), suppliers: acme }]);
    const r = parseOcds(JSON.stringify({
      records: [
        { ocid: 'ocds-r-0', releases: [{ url: 'https://example.org/r0.json', date: '2025-01-01T00:00:00Z', tag: ['tender'] }] },
        // The embedded releases are history behind the compiled release: they must not add a second line.
        { ocid: 'ocds-r-1', releases: [release('ocds-r-1', 'old', '2025-01-01T00:00:00Z', 'award', [{ id: 'A', value: gbp(50), suppliers: acme }])], compiledRelease: compiled },
      ],
    }), 'records.json');
    expect(r.rowCount).toBe(2);
    expect(r.lines.map((l) => [l.sourceRow, l.amountPence, l.transactionId])).toEqual([[2, 7500, 'ocds-r-1/A']]);
    expect(r.excluded.map((e) => [e.sourceRow, e.reason])).toEqual([[1, 'release not readable']]);
    expect(r.excluded[0]!.detail).toContain('links');
  });

  it('reads embedded releases when a record has no compiled release, applying the amendment rule', () => {
    const r = parseOcds(JSON.stringify({
      records: [{
        ocid: 'ocds-r-2',
        releases: [
          release('ocds-r-2', 'one', '2025-01-01T00:00:00Z', 'award', [{ id: 'A', value: gbp(1), suppliers: acme }]),
          { ...release('ocds-r-2', 'two', '2025-01-03T00:00:00Z', 'awardUpdate', [{ id: 'A', value: gbp(2), suppliers: acme }]), ocid: undefined },
        ],
      }],
    }), 'records.json');
    expect(r.lines.map((l) => [l.sourceRow, l.amountPence, l.ocid])).toEqual([[1, 200, 'ocds-r-2']]);
    expect(r.excluded.map((e) => [e.sourceRow, e.reason])).toEqual([[1, 'superseded by a later release of the same award']]);
  });
});

describe('parseOcds: input that is not OCDS', () => {
  const errors = (r: OcdsResult) => r.problems.filter((p) => p.severity === 'error').map((p) => p.reason);

  it('reports an empty file', () => {
    for (const text of ['', '  \n', '\uFEFF']) {
      const r = parseOcds(text, 'e.json');
      expect(r.lines).toEqual([]);
      expect(errors(r)).toEqual([expect.stringContaining('empty')]);
    }
  });

  it('reports JSON that does not parse, with where, and never throws', () => {
    const r = parseOcds('{"releases": [\n  {"ocid": "x",}\n]}', 'bad.json');
    expect(r.lines).toEqual([]);
    expect(r.headerRow).toBe(0);
    expect(r.columns).toEqual({});
    expect(errors(r)).toEqual([expect.stringMatching(/^not JSON: .* at line 2, column 16; expected OCDS JSON/)]);
    expect(errors(parseOcds('{"releases": [', 'cut.json'))).toEqual([expect.stringContaining('line 1, column 15')]);
  });

  it('says what was expected when the JSON is not OCDS', () => {
    for (const text of ['{"foo": 1}', '[1, 2]', '"releases"', '{"releases": {"ocid": "x"}}', '{"records": 3}']) {
      const r = parseOcds(text, 'other.json');
      expect(r.lines).toEqual([]);
      expect(r.rowCount).toBe(0);
      expect(errors(r)).toEqual([expect.stringMatching(/releases.*records/)]);
    }
  });

  it('warns about a package with no releases', () => {
    const r = parseOcds('{"releases": []}', 'none.json');
    expect(r.rowCount).toBe(0);
    expect(r.problems).toEqual([expect.objectContaining({ severity: 'warning', reason: 'the file holds no releases' })]);
  });
});
