import { describe, expect, it } from 'vitest';
import { topSuppliers, wardTotals, isRedactedSupplier } from '../../../renderer/domain/aggregate';

describe('wardTotals', () => {
  it('folds ward × service area rows and keeps wards with no spend', () => {
    const t = wardTotals(
      [
        { wardCode: 'A', serviceArea: 'youth', pence: 1000, lines: 2 },
        { wardCode: 'A', serviceArea: 'estates', pence: -300, lines: 1 },
        { wardCode: 'A', serviceArea: 'mystery', pence: 5, lines: 1 },
        { wardCode: 'Z', serviceArea: 'youth', pence: 999, lines: 1 },
      ],
      ['A', 'B'],
    );
    expect(t.get('A')).toMatchObject({ totalPence: 705, lines: 4, byArea: { youth: 1000, estates: -300, other: 5, 'social-care': 0 } });
    expect(t.get('B')).toMatchObject({ totalPence: 0, lines: 0 });
    expect(t.has('Z')).toBe(false);
  });
});

describe('topSuppliers', () => {
  it('ranks named suppliers by net spend and never ranks redacted payees', () => {
    const top = topSuppliers(
      [
        { supplier: 'B Ltd', pence: 500, lines: 1 },
        { supplier: 'A Ltd', pence: 500, lines: 2 },
        { supplier: 'REDACTED', pence: 9000, lines: 3 },
        { supplier: 'xxxxREDACTEDxxxx', pence: 9000, lines: 3 },
        { supplier: 'C Ltd', pence: 700, lines: 1 },
        { supplier: 'C Ltd ', pence: 100, lines: 1 },
      ],
      2,
    );
    expect(top.map((s) => [s.supplier, s.pence])).toEqual([
      ['C Ltd', 800],
      ['A Ltd', 500],
    ]);
  });
  it('recognises redaction markers', () => {
    expect(isRedactedSupplier('REDACTED')).toBe(true);
    expect(isRedactedSupplier('xxxxREDACTEDxxxx')).toBe(true);
    expect(isRedactedSupplier('')).toBe(true);
    expect(isRedactedSupplier('Redwood Ltd')).toBe(false);
  });
});
