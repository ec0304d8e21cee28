import { bngToWgs84 } from '../../../renderer/domain/crs';
import { describe, expect, it } from 'vitest';
import { detectColumns, parseSpendCsv } from '../../../renderer/domain/spend-csv';
import { decodeText } from '../../../renderer/domain/text';

describe('detectColumns', () => {
  it("reads Camden's published header", () => {
    const header = ['Organisation Label', 'Organisation URI', 'Payment Date', 'Payment Month', 'Payment Year', 'Financial Year', 'Beneficiary Name', 'Purpose', 'Organisational Unit', 'Amount GBP', 'Irrecoverable VAT Amount GBP', 'Latest Financial Year', 'Latest Year', 'Latest Month', 'Unique Identifier'];
    const c = detectColumns(header);
    expect(c).toMatchObject({ date: 2, supplier: 6, purpose: 7, department: 8, amount: 9, transactionId: 14 });
    expect(c.uprn).toBeUndefined();
  });

  it('finds a UPRN column by its usual names, without taking the reference column', () => {
    expect(detectColumns(['Date', 'Supplier', 'Amount', 'UPRN'])).toMatchObject({ uprn: 3 });
    expect(detectColumns(['Date', 'Supplier', 'Amount', 'Property_UPRN'])).toMatchObject({ uprn: 3 });
    expect(detectColumns(['Date', 'Supplier', 'Amount', 'Unique Property Reference Number'])).toMatchObject({ uprn: 3 });
    expect(detectColumns(['Date', 'Supplier', 'Amount', 'Reference', 'Property Reference'])).toMatchObject({ transactionId: 3, uprn: 4 });
    expect(detectColumns(['Date', 'Supplier', 'Amount', 'Unique Reference Number']).uprn).toBeUndefined();
  });
});

describe("the supplier's postcode or address", () => {
  it('is a column of its own, not taken for the supplier or for where the service was', () => {
    expect(detectColumns(['Date', 'Supplier Name', 'Amount', 'Postcode', 'Supplier Postcode'])).toMatchObject({ supplier: 1, postcode: 3, supplierPostcode: 4 });
    // With no plain supplier column, "Supplier Address" is still the address, and "Supplier" the supplier.
    expect(detectColumns(['Date', 'Supplier Address', 'Amount', 'Supplier'])).toMatchObject({ supplier: 3, supplierPostcode: 1 });
    expect(detectColumns(['Date', 'Supplier', 'Amount']).supplierPostcode).toBeUndefined();
  });

  it('keeps the postcode out of an address cell, and nothing for a cell without one', () => {
    const r = parseSpendCsv('Date,Supplier,Amount,Supplier Address\n01/04/2024,A Ltd,5.00,"1 High St, London nw1 2ab"\n02/04/2024,B Ltd,6.00,Somewhere\n03/04/2024,C Ltd,7.00,\n', 's.csv');
    expect(r.lines.map((l) => l.supplierPostcode)).toEqual(['NW1 2AB', '', '']);
    expect(r.lines.every((l) => l.postcode === '')).toBe(true);
  });
});

describe('parseSpendCsv with a UPRN column', () => {
  it('keeps the UPRN as written, trimmed, and an empty one as empty', () => {
    const r = parseSpendCsv('Date,Supplier,Amount,UPRN\n01/04/2024,A Ltd,5.00, 000010023336956 \n02/04/2024,B Ltd,6.00,\n', 'u.csv');
    expect(r.lines.map((l) => l.uprn)).toEqual(['000010023336956', '']);
    expect(parseSpendCsv('Date,Supplier,Amount\n01/04/2024,A Ltd,5.00\n', 'n.csv').lines[0]!.uprn).toBe('');
  });
});

describe('parseSpendCsv with a merchant category column', () => {
  it('keeps the category as written, trimmed, whether words or an MCC, and empty when there is none', () => {
    const r = parseSpendCsv('Date,Merchant Name,Amount,Merchant Category\n01/04/2024,Tesco,5.00," Grocery Stores, Supermarkets "\n02/04/2024,Vets4Pets,6.00,0742\n03/04/2024,Cafe,7.00,\n', 'pcard.csv');
    expect(r.columns).toMatchObject({ supplier: 1, merchantCategory: 3 });
    expect(r.lines.map((l) => l.merchantCategory)).toEqual(['Grocery Stores, Supermarkets', '0742', '']);
    expect(parseSpendCsv('Date,Supplier,Amount\n01/04/2024,A Ltd,5.00\n', 'n.csv').lines[0]!.merchantCategory).toBe('');
  });
});

describe('parseSpendCsv', () => {
  const file = [
    'London Borough of Somewhere',
    'Spend over £500, Q1',
    '',
    'Date,Supplier Name,Service,Description,Amount,Postcode,Longitude,Latitude',
    '01/04/2024,Acme Care Ltd,Adult Social Care,Home care,"£1,234.56",,-0.1,51.5',
    '02/04/2024,Beta Parks Ltd,Parks,Tree works,(200.00),NW1 2AB,,',
    '',
    '03/04/2024,Gamma Ltd,Finance,Audit,not money,,,',
    '04/31/2024,Delta Ltd,Finance,Audit,10.00,,,',
    '05/04/2024,Eps Ltd,Finance,Audit,10.00,,200,51.5',
    'Total,,,,"1,044.56",,,',
  ].join('\r\n');
  const r = parseSpendCsv(file, 'q1.csv');

  it('finds the header after a preamble', () => {
    expect(r.headerRow).toBe(4);
    expect(r.columns.amount).toBe(4);
  });

  it('turns good rows into lines with pence, ISO dates and coordinates', () => {
    expect(r.lines).toHaveLength(4);
    expect(r.lines[0]).toMatchObject({ sourceRow: 5, date: '2024-04-01', supplier: 'Acme Care Ltd', amountPence: 123456, lon: -0.1, lat: 51.5 });
    expect(r.lines[1]).toMatchObject({ amountPence: -20000, postcode: 'NW1 2AB', lon: null });
  });

  it('accounts for every row after the header: lines plus excluded', () => {
    expect(r.rowCount).toBe(7);
    expect(r.lines.length + r.excluded.length).toBe(r.rowCount);
    expect(r.excluded.map((e) => [e.sourceRow, e.reason])).toEqual([
      [7, 'blank row'],
      [8, 'amount not readable'],
      [11, 'total row'],
    ]);
    // A total row keeps the total it states (1,234.56 - 200.00 + 10.00 + 10.00), apart from the lines.
    expect(r.excluded.at(-1)!.amountPence).toBe(104456);
    expect(parseSpendCsv('Date,Supplier,Amount\n01/04/2024,A,1.00\nTotal,,see above\n', 't.csv').excluded[0]!.amountPence).toBeNull();
  });

  it('says where each problem is: file, row, column', () => {
    const bad = r.problems.find((p) => p.row === 8)!;
    expect(bad).toMatchObject({ file: 'q1.csv', column: 'Amount', severity: 'error' });
    const us = r.problems.find((p) => p.row === 9)!;
    expect(us.reason).toMatch(/US date/);
    expect(r.lines.find((l) => l.sourceRow === 9)!.date).toBeNull();
    const coords = r.problems.find((p) => p.row === 10)!;
    expect(coords).toMatchObject({ column: 'Longitude', severity: 'warning' });
  });

  it('refuses a file with no recognisable header, saying what it expected', () => {
    const none = parseSpendCsv('a,b,c\n1,2,3\n', 'x.csv');
    expect(none.lines).toHaveLength(0);
    expect(none.problems[0]!.reason).toMatch(/payment date.*supplier.*amount/);
  });

  it('reads Windows-1252 files where £ is byte 0xA3', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('Date,Supplier,Amount\r\n01/04/2024,A Ltd,'), 0xa3, ...new TextEncoder().encode('5.00\r\n')]);
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('windows-1252');
    expect(parseSpendCsv(decoded.text, 'cp1252.csv').lines[0]!.amountPence).toBe(500);
  });

  it("reads Windows-1252's curly quotes, dashes and euro sign (bytes 0x80–0x9F) as the standard says, under Node too", () => {
    // Regent’s Park – £5 or €6, as Excel writes them; 0x81 has no character and stays the control it is in Latin-1.
    const bytes = new Uint8Array([...new TextEncoder().encode('Regent'), 0x92, ...new TextEncoder().encode('s Park '), 0x96, 0x20, 0xa3, 0x35, 0x20, 0x80, 0x36, 0x81, 0x93, 0x94]);
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe('Regent\u2019s Park \u2013 \u00a35 \u20ac6\u0081\u201c\u201d');
  });

  it('reads tab-separated files and a UTF-8 BOM', () => {
    const t = parseSpendCsv('\uFEFFPayment Date\tBeneficiary Name\tAmount GBP\n01/04/2024\tA Ltd\t7.5\n', 't.tsv');
    expect(t.lines[0]).toMatchObject({ supplier: 'A Ltd', amountPence: 750 });
  });
});

describe('parseSpendCsv with National Grid eastings and northings', () => {
  const csv = [
    'Payment Date,Supplier,Amount,Easting,Northing,Longitude,Latitude',
    '01/04/2024,A,10.00,529138,183621,,',
    '01/04/2024,B,20.00,529138,,,',
    '01/04/2024,C,30.00,-0.14,51.53,,',
    '01/04/2024,D,40.00,529138,183621,-0.1,51.5',
    '01/04/2024,E,50.00,,,,',
  ].join('\n');
  const r = parseSpendCsv(csv, 'grid.csv');

  it('finds the columns and converts them to WGS84 as postcodes are converted', () => {
    expect(r.columns).toMatchObject({ easting: 3, northing: 4, longitude: 5, latitude: 6 });
    const [lon, lat] = bngToWgs84(529138, 183621);
    expect(r.lines[0]).toMatchObject({ supplier: 'A', lon, lat });
    // NW1 0AA lies in Camden, around 51.53° N, 0.14° W.
    expect(lon).toBeCloseTo(-0.139, 2);
    expect(lat).toBeCloseTo(51.535, 2);
  });
  it('keeps the line without a position, with a warning naming the row, when the pair is incomplete or is degrees', () => {
    expect(r.lines[1]).toMatchObject({ supplier: 'B', lon: null, lat: null });
    expect(r.lines[2]).toMatchObject({ supplier: 'C', lon: null, lat: null });
    expect(r.problems.filter((p) => p.row === 3 || p.row === 4).map((p) => [p.row, p.column, p.severity])).toEqual([[3, 'Northing', 'warning'], [4, 'Easting', 'warning']]);
  });
  it('prefers a longitude and latitude given in the file, and says nothing of a row with no position at all', () => {
    expect(r.lines[3]).toMatchObject({ supplier: 'D', lon: -0.1, lat: 51.5 });
    expect(r.lines[4]).toMatchObject({ supplier: 'E', lon: null, lat: null });
    expect(r.problems.some((p) => p.row === 6)).toBe(false);
  });
});
