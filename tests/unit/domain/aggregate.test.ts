import { describe, expect, it } from 'vitest';
import { topSuppliers, isRedactedSupplier } from '../../../renderer/domain/aggregate';

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
