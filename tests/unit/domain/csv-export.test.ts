import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { csvDocument, csvNumber, csvPounds, csvText } from '../../../renderer/domain/csv-export';

describe('csvText', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-5', "'-5"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=cmd', "'\t=cmd"],
  ])('shows %j as text by prefixing an apostrophe', (value, expected) => {
    expect(csvText(value)).toBe(expected);
  });

  it('quotes a cell starting with a carriage return after prefixing it, since it holds a line break', () => {
    expect(csvText('\r=cmd')).toBe(`"'\r=cmd"`);
  });

  it('escapes a formula with quotes in it both ways: apostrophe first, then quoted with doubled quotes', () => {
    expect(csvText('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  });

  it('leaves ordinary text alone, including =, +, - and @ after the first character', () => {
    for (const v of ['Acme Ltd', '', 'a=b', 'Smith & Sons - Builders', 'info@example.org', '2024-05-01', '£500', ' =1']) expect(csvText(v)).toBe(v);
  });

  it.each([
    ['Smith, Jones and Co', '"Smith, Jones and Co"'],
    ['The "Best" Ltd', '"The ""Best"" Ltd"'],
    ['line one\nline two', '"line one\nline two"'],
    ['line one\r\nline two', '"line one\r\nline two"'],
    ['"', '""""'],
  ])('quotes %j', (value, expected) => {
    expect(csvText(value)).toBe(expected);
  });
});

describe('csvPounds', () => {
  it.each([
    [0, '0.00'],
    [-0, '0.00'],
    [1, '0.01'],
    [5, '0.05'],
    [99, '0.99'],
    [100, '1.00'],
    [123456, '1234.56'],
    [123456789, '1234567.89'],
    [-1, '-0.01'],
    [-5, '-0.05'],
    [-50000, '-500.00'],
    [-123456, '-1234.56'],
  ])('%i pence is %s', (pence, expected) => {
    expect(csvPounds(pence)).toBe(expected);
  });

  it('is read back by a spreadsheet-style number parse as the same pence', () => {
    for (let p = -2_000; p <= 2_000; p += 7) expect(Math.round(Number(csvPounds(p)) * 100)).toBe(p);
  });
});

describe('csvNumber', () => {
  it('writes finite numbers, and nothing for null, NaN or infinities', () => {
    expect(csvNumber(12)).toBe('12');
    expect(csvNumber(-0.1269)).toBe('-0.1269');
    expect(csvNumber(0)).toBe('0');
    expect(csvNumber(null)).toBe('');
    expect(csvNumber(NaN)).toBe('');
    expect(csvNumber(Infinity)).toBe('');
    expect(csvNumber(-Infinity)).toBe('');
  });
});

describe('csvDocument', () => {
  const header = ['line_id', 'supplier', 'amount_gbp'];
  const rows = [
    [csvNumber(1), csvText('Acme, Ltd'), csvPounds(-500)],
    [csvNumber(2), csvText('=HYPERLINK("http://x")'), csvPounds(12345)],
    [csvNumber(3), csvText('two\nlines'), csvPounds(0)],
  ];
  const doc = csvDocument(header, rows);

  it('starts with a byte-order mark and ends every record with CRLF', () => {
    expect(doc.startsWith('\uFEFFline_id,supplier,amount_gbp\r\n')).toBe(true);
    expect(doc.endsWith('\r\n')).toBe(true);
    // The only bare line feed is the one inside the quoted cell.
    expect(doc.replace(/\r\n/g, '').split('\n')).toHaveLength(2);
    expect(doc.split('\r\n')).toEqual([
      '\uFEFFline_id,supplier,amount_gbp',
      '1,"Acme, Ltd",-5.00',
      `2,"'=HYPERLINK(""http://x"")",123.45`,
      '3,"two\nlines",0.00',
      '',
    ]);
  });

  it('escapes the header cells too, and writes the rows as given', () => {
    expect(csvDocument(['=bad', 'a,b'], [['x', 'y']])).toBe(`\uFEFF'=bad,"a,b"\r\nx,y\r\n`);
  });

  it('is just the header when there are no rows', () => {
    expect(csvDocument(header, [])).toBe('\uFEFFline_id,supplier,amount_gbp\r\n');
  });

  it('reads back with a CSV parser as the header and the rows, formulas shown as text', () => {
    const parsed = Papa.parse<string[]>(doc.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      header,
      ['1', 'Acme, Ltd', '-5.00'],
      ['2', `'=HYPERLINK("http://x")`, '123.45'],
      ['3', 'two\nlines', '0.00'],
    ]);
  });
});
