import { describe, expect, it } from 'vitest';
import { LinePacker, LineUnpacker, transactionIdOf } from '../../../renderer/domain/line-batch';
import type { ParsedSpendLine } from '../../../renderer/domain/spend-csv';

const line = (over: Partial<ParsedSpendLine>): ParsedSpendLine => ({
  sourceRow: 2, date: '2024-04-01', supplier: 'Acme', purpose: '', department: '', amountPence: 100, transactionId: '', merchantCategory: '',
  cpv: '', postcode: '', supplierPostcode: '', lon: null, lat: null, uprn: '', placeName: '', wardName: '', wardCode: '', ...over,
});

describe('LinePacker and LineUnpacker', () => {
  it('carry lines across in batches exactly, each word sent once', () => {
    const first = [
      line({ sourceRow: 2, lon: -0.1, lat: 51.5, transactionId: 'T1', postcode: 'NW1 2AB' }),
      line({ sourceRow: 3, date: null, supplier: 'Café £ Ltd', amountPence: -2_000_000_000_123, uprn: '5012', transactionId: 'Ünïcødé-🏠-42' }),
      line({ sourceRow: 4, supplier: 'Acme', wardName: 'Kilburn', cpv: '85311000-2', transactionId: 'x'.repeat(100) }),
    ];
    const second = [line({ sourceRow: 9, supplier: 'Café £ Ltd', postcode: 'NW1 2AB', lon: 0, lat: 0, transactionId: 'é' }), line({ sourceRow: 10, supplier: 'New Ltd', transactionId: 'T10' })];
    const packer = new LinePacker();
    const unpacker = new LineUnpacker();
    const read: ParsedSpendLine[] = [];
    const batches = [packer.pack(first), packer.pack(second)];
    for (const b of batches) {
      unpacker.add(b);
      for (let i = 0; i < b.count; i++) read.push({ ...unpacker.read(b, i), transactionId: transactionIdOf(b, i) });
    }
    expect(read).toEqual([...first, ...second]);
    // Words already sent are not sent again.
    expect(batches[1]!.newWords).toEqual(['New Ltd']);
    expect(batches[0]!.newWords).toContain('Café £ Ltd');
  });
});
