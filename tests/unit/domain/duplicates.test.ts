import { describe, expect, it } from 'vitest';
import { DuplicateFinder, supplierKey, type DuplicateSummary } from '../../../renderer/domain/duplicates';
import { seededRandom } from '../../fixtures/synthetic-wards';

describe('supplierKey', () => {
  it("compares names as SQLite's lower(trim()) does: spaces at the ends and ASCII case only", () => {
    expect(supplierKey('  Camden Care LTD ')).toBe('camden care ltd');
    expect(supplierKey('\tCamden')).toBe('\tcamden');
    expect(supplierKey('ÉCOLE')).toBe('École');
    expect(supplierKey('   ')).toBe('');
  });

  it('never compares lines without a supplier, or redacted payees', () => {
    expect(supplierKey('')).toBeNull();
    expect(supplierKey('REDACTED')).toBeNull();
    expect(supplierKey('Personal data - Redacted')).toBeNull();
  });
});

describe('DuplicateFinder', () => {
  it('groups lines by supplier, date, amount and transaction id, biggest money first, and says where each came from', () => {
    const f = new DuplicateFinder();
    f.add('Acme', '2023-01-01', 500, 'T1', 'a.csv', 2);
    f.add('ACME ', '2023-01-01', 500, 'T1', 'a.csv', 3);
    f.add('Acme', '2023-01-01', 500, 'T2', 'a.csv', 4);
    f.add('Big Co', '2023-01-02', -9000, '', 'b.csv', 2);
    f.add('Big Co', '2023-01-02', -9000, '', 'b.csv', 7);
    f.add('Big Co', '2023-01-02', -9000, '', 'b.csv', 9);
    f.add('Big Co', null, -9000, '', 'b.csv', 10);
    f.add('REDACTED', '2023-01-01', 500, 'T1', 'a.csv', 5);
    expect(f.summary()).toEqual({
      lines: 3, pence: 500 - 18000, groups: 2,
      examples: [
        { supplier: 'Big Co', date: '2023-01-02', amountPence: -9000, copies: 3, where: ['b.csv row 2', 'b.csv row 7', 'b.csv row 9'] },
        { supplier: 'ACME ', date: '2023-01-01', amountPence: 500, copies: 2, where: ['a.csv row 2', 'a.csv row 3'] },
      ],
    });
  });

  it('finds nothing in nothing', () => {
    expect(new DuplicateFinder().summary()).toEqual({ lines: 0, pence: 0, groups: 0, examples: [] });
  });

  it('gives what grouping every line by its joined key gives, on thousands of colliding lines', () => {
    interface Line { supplier: string; date: string | null; pence: number; id: string; file: string; row: number }
    // The plain way: a map from supplier key, date, amount and transaction id joined, in the order lines came.
    const plainly = (lines: Line[]): DuplicateSummary => {
      const groups = new Map<string, Line[]>();
      for (const l of lines) {
        const key = supplierKey(l.supplier);
        if (l.date === null || key === null) continue;
        const k = JSON.stringify([key, l.date, l.pence === 0 ? 0 : l.pence, l.id]);
        groups.set(k, [...(groups.get(k) ?? []), l]);
      }
      const found = [...groups.values()].filter((g) => g.length > 1);
      const codePoints = (t: string) => [...t].map((c) => c.codePointAt(0)!);
      const earlier = (a: string, b: string) => {
        const x = codePoints(a), y = codePoints(b);
        for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
        return x.length - y.length;
      };
      const examples = found
        .map((g, order) => ({ g, order, weight: Math.abs(g[0]!.pence) * (g.length - 1) }))
        .sort((a, b) => b.weight - a.weight || a.order - b.order)
        .slice(0, 10)
        .map(({ g }) => ({
          supplier: g.map((l) => l.supplier).sort(earlier)[0]!, date: g[0]!.date!, amountPence: g[0]!.pence, copies: g.length,
          where: g.slice(0, 5).map((l) => `${l.file} row ${l.row}`),
        }));
      return { lines: found.reduce((n, g) => n + g.length - 1, 0), pence: found.reduce((n, g) => n + g[0]!.pence * (g.length - 1), 0), groups: found.length, examples };
    };
    const random = seededRandom(17);
    const pick = <T>(from: readonly T[]) => from[Math.floor(random() * from.length)]!;
    const suppliers = ['Acme', 'ACME', ' acme ', 'Ácme', 'REDACTED', '', 'Big Co', 'big co', 'Zed 🏠'];
    const dates = ['2023-01-01', '2023-01-02', null, '2024-12-31'];
    const amounts = [0, -0, 500, -500, 2 ** 52, -(2 ** 52), 4294967296, 4294967296 * 3 + 7, 123456789];
    // Few amounts, each on many lines; and amounts mostly on one or two lines, so many groups are pairs.
    const regimes = [() => (random() < 0.8 ? pick(amounts) : Math.floor(random() * 1e6)), () => Math.floor(random() * 3000) - 1000];
    for (const [expected, amount] of [[0, regimes[0]!], [100, regimes[1]!], [100000, regimes[0]!], [0, regimes[1]!]] as const) {
      const pairs = amount === regimes[1];
      const lines: Line[] = Array.from({ length: 5000 }, (_, i) => ({
        supplier: pairs ? pick(['Acme', 'ACME']) : pick(suppliers), date: pairs ? '2023-01-01' : pick(dates), pence: amount(), id: pairs ? '' : pick(['', 'T1', 'T2']),
        file: pick(['a.csv', 'b.csv']), row: i + 2,
      }));
      const finder = new DuplicateFinder(expected);
      for (const l of lines) finder.add(l.supplier, l.date, l.pence, l.id, l.file, l.row);
      const found = finder.summary();
      expect(found.groups).toBeGreaterThan(50);
      expect(found).toEqual(plainly(lines));
    }
  });
});
