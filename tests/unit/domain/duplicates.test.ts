import { describe, expect, it } from 'vitest';
import { DuplicateFinder, supplierKey } from '../../../renderer/domain/duplicates';

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
});
