import { describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../../renderer/domain/xlsx';
import { parseSpendRows } from '../../../renderer/domain/spend-csv';
import { makeXlsx } from '../../fixtures/xlsx';

const workbook = makeXlsx([
  {
    name: 'Spend Q1',
    rows: [
      ['Borough of Somewhere: payments over £500'],
      [],
      ['Payment Date', 'Beneficiary Name', 'Service Area', 'Amount GBP'],
      [{ date: '2024-04-02' }, 'Acme Care Ltd', 'Adult Social Care', 1234.5600000000002],
      [{ date: '2024-04-03' }, 'Parks Co', 'Parks', -50],
      [45382, 'Serial Date Ltd', 'Finance', 10.1],
      ['Total', null, null, 1194.66],
    ],
  },
  { name: 'Notes', rows: [['Published under the Transparency Code']] },
]);

describe('Excel workbooks', () => {
  it('reads the first sheet as text rows, saying which sheet among several', async () => {
    const sheet = await readXlsxRows(workbook, 'q1.xlsx');
    expect(sheet.sheet).toBe('Spend Q1');
    expect(sheet.sheets).toEqual(['Spend Q1', 'Notes']);
    expect(sheet.problems[0]!.reason).toMatch(/2 sheets \(Spend Q1, Notes\); "Spend Q1" was read/);
    expect(sheet.rows[3]).toEqual(['2024-04-02', 'Acme Care Ltd', 'Adult Social Care', '1234.56']);
  });

  it('reads the sheet named, without the warning about the others', async () => {
    const sheet = await readXlsxRows(workbook, 'q1.xlsx', 'Notes');
    expect(sheet).toEqual({ sheet: 'Notes', sheets: ['Spend Q1', 'Notes'], rows: [['Published under the Transparency Code']], problems: [] });
  });

  it('turns a spend sheet into lines like a CSV: dates from date cells and serial numbers, pence without float noise', async () => {
    const sheet = await readXlsxRows(workbook, 'q1.xlsx');
    const r = parseSpendRows(sheet.rows, 'q1.xlsx', {}, sheet.problems);
    expect(r.headerRow).toBe(3);
    expect(r.lines.map((l) => [l.date, l.supplier, l.amountPence])).toEqual([
      ['2024-04-02', 'Acme Care Ltd', 123456],
      ['2024-04-03', 'Parks Co', -5000],
      ['2024-03-31', 'Serial Date Ltd', 1010],
    ]);
    expect(r.excluded.map((e) => e.reason)).toEqual(['total row']);
  });

  it('refuses a file that is not a workbook, or a sheet that is not there, saying so', async () => {
    expect((await readXlsxRows(new Uint8Array([80, 75, 3, 4, 1, 2]), 'x.xlsx')).problems[0]!.reason).toMatch(/not a readable Excel workbook/);
    expect((await readXlsxRows(workbook, 'q1.xlsx', 'Q2')).problems[0]!.reason).toBe('no sheet called "Q2" (sheets: Spend Q1, Notes)');
  });
});
