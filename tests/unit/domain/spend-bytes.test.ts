import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ByteWords, readSpendBytesInPieces } from '../../../renderer/domain/spend-bytes';
import { readSpendCsvInPieces, SpendRowReader, type ExcludedRow, type ParsedSpendLine } from '../../../renderer/domain/spend-csv';
import { LinePacker, LineUnpacker, transactionIdOf } from '../../../renderer/domain/line-batch';
import type { InputProblem } from '../../../renderer/domain/problems';
import { decodeInParts, decodeText } from '../../../renderer/domain/text';
import { plainPence, plainPenceBytes } from '../../../renderer/domain/money';
import { plainDecimal, plainDecimalBytes } from '../../../renderer/domain/plain-decimal';
import { DEMO, FIXTURES, SHARED_DATA, readBytes } from '../../paths';
import { seededRandom } from '../../fixtures/synthetic-wards';
import { syntheticSpendCsv } from '../../bench/synthetic-spend';

/** A file read from its bytes: its lines (through the batches), words in the order numbered, and the rest. */
function fromBytes(bytes: Uint8Array, pieceBytes: number) {
  const unpacker = new LineUnpacker();
  const lines: ParsedSpendLine[] = [];
  const excluded: ExcludedRow[] = [];
  const problems: InputProblem[] = [];
  let fraction = 0;
  const { result, encoding } = readSpendBytesInPieces(bytes, decodeInParts(bytes, 1 << 12), 'f.csv', {}, new LinePacker(), (p) => {
    unpacker.add(p.batch);
    for (let i = 0; i < p.batch.count; i++) lines.push({ ...unpacker.read(p.batch, i), transactionId: transactionIdOf(p.batch, i) });
    excluded.push(...p.excluded);
    problems.push(...p.problems);
    expect(p.fraction).toBeGreaterThanOrEqual(fraction);
    fraction = p.fraction;
  }, pieceBytes);
  expect(fraction).toBe(1);
  expect(excluded).toEqual(result.excluded);
  expect(problems).toEqual(result.problems);
  return { result, encoding, lines, words: unpacker.words };
}

/** The same file read by papaparse, from its text (the reference), its lines packed and unpacked alike. */
function fromText(bytes: Uint8Array) {
  const packer = new LinePacker();
  const unpacker = new LineUnpacker();
  const lines: ParsedSpendLine[] = [];
  const decoded = decodeInParts(bytes, 1 << 12);
  const result = readSpendCsvInPieces(decoded, 'f.csv', {}, (p) => {
    const batch = packer.pack(p.lines);
    unpacker.add(batch);
    for (let i = 0; i < batch.count; i++) lines.push({ ...unpacker.read(batch, i), transactionId: transactionIdOf(batch, i) });
  }, 1 << 14);
  return { result, encoding: decoded.whole().encoding, lines, words: unpacker.words };
}

const key = (p: InputProblem) => `${p.row ?? ''} ${p.column ?? ''} ${p.severity} ${p.reason}`;

function expectSameReading(bytes: Uint8Array, label: string) {
  const reference = fromText(bytes);
  // Pieces smaller than a row, about a row, and many rows.
  for (const pieceBytes of [5, 333, 1 << 15]) {
    const read = fromBytes(bytes, pieceBytes);
    expect(read.lines, label).toEqual(reference.lines);
    // Words numbered in the same order: the engine's numbering of spend_texts follows from it.
    expect(read.words, label).toEqual(reference.words);
    expect(read.encoding, label).toBe(reference.encoding);
    expect(read.encoding, label).toBe(decodeText(bytes).encoding);
    expect(read.result.excluded, label).toEqual(reference.result.excluded);
    // The quote complaints may come in another order (see readSpendCsvInPieces' test).
    expect(read.result.problems.map(key).sort(), label).toEqual(reference.result.problems.map(key).sort());
    expect({ ...read.result, lines: [], excluded: [], problems: [] }, label).toEqual({ ...reference.result, lines: [], excluded: [], problems: [] });
  }
  return reference;
}

const HEADERS = [
  'Payment Date', 'Beneficiary Name', 'Purpose', 'Organisational Unit', 'Amount GBP', 'Unique Identifier', 'Longitude', 'Latitude', 'Easting',
  'Northing', 'Postcode', 'CPV', 'Supplier Postcode', 'Ward', 'Ward Code', 'Place Name', 'UPRN', 'Merchant Category',
];

/** Awkward values for each kind of column, plain ones weighted in. */
const VALUES: Record<string, string[]> = {
  'Payment Date': ['01/04/2023', '2023-04-02', ' 03/04/2023 ', '45000', 'Jun-12', '04/13/2023', '31/02/2023', '', 'soon', '01/04/2023'],
  'Beneficiary Name': ['Acme Ltd', 'Acme Ltd', ' Acme Ltd\t', 'Café Ltd', '\u00a0Padded Ltd', '=HYPERLINK("x")', '-Minus Ltd', '', 'Total', 'Smith, J', 'He said "hi"', '<b>Bold</b> Ltd', 'Ünïcødé 🏠'],
  Purpose: ['Home care', 'Youth club', '', 'Repairs at Queen\'s Crescent', 'Line\nbreak', 'x'.repeat(10001), 'Total for April'],
  'Organisational Unit': ['Adult Social Care', 'Youth Services', '', 'Parks; Open Spaces', 'Housing\tEstates'],
  'Amount GBP': ['12.34', '-5', '100', '£1,234.56', '(1,234.56)', '', 'NaN', '1.234', '0.5', '-0.00', ' 7.00 ', '12-', 'abc', '99999999999999'],
  'Unique Identifier': ['T1', 'T2', '', ' T3 ', 'Ref-£9', 'Ref–9', 'TX "q"', 'x'.repeat(80)],
  Longitude: ['-0.1405', '-0.15', '', '181', '-0.1e1', ' -0.14 ', 'west', '-0.127758299999999', '0x1', 'Infinity'],
  Latitude: ['51.53', '51.55', '', '91', '51.5.5', '+51.5', '51.5073509000001234'],
  Easting: ['529000', '', '530000.5', '-1', 'E', '5.3e5', '529000.000000000001'],
  Northing: ['184000', '', '185000', '99999999', ' 1.84E5'],
  Postcode: ['nw1 2ab', 'NW5 1TL', '', ' wc1h 9ja ', 'n/a'],
  CPV: ['85311000-2 Social work services', '85311000', '', 'none'],
  'Supplier Postcode': ['1 High St, London NW1 2AB', '', 'NW1 2AB', 'nowhere'],
  Ward: ['Kilburn', '', 'Regent’s Park', '€uro ward', 'Bélsize'],
  'Ward Code': ['E05013652', '', 'e05013653'],
  'Place Name': ['Kentish Town Library', '', 'Swiss Cottage'],
  UPRN: ['5087654', '', ' 12 '],
  'Merchant Category': ['5812', '', 'Restaurants'],
};

interface Shape {
  delimiter: string;
  newline: string;
  encoding: 'utf-8' | 'utf-8 bom' | 'windows-1252';
}

/** Windows-1252's bytes 0x80–0x9F by the character each stands for (’ is 0x92, € 0x80), from the standard's table. */
const CP1252_HIGH = new Map([...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'].map((c, k) => [c, 0x80 + k] as const));

/** Bytes of a text in an encoding (a character Windows-1252 lacks becomes "?"). */
function encode(text: string, encoding: Shape['encoding']): Uint8Array {
  if (encoding !== 'windows-1252') {
    const body = new TextEncoder().encode(text);
    if (encoding === 'utf-8') return body;
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = CP1252_HIGH.get(text[i]!) ?? (c < 0x80 || (c >= 0xa0 && c < 0x100) ? c : 0x3f);
  }
  return out;
}

/** A made-up spend file with a random choice of columns, values, quoting, blank and broken rows. */
function awkwardFile(seed: number, rows: number, shape: Shape, breakage: 'none' | 'quote in field' | 'junk after quote' | 'unclosed quote'): Uint8Array {
  const random = seededRandom(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)]!;
  // Positions come in pairs (one alone is a problem on every line, a case the fixtures have).
  const chosen = new Set(HEADERS.filter((h, i) => i < 6 || random() < 0.5));
  for (const [a, b] of [['Longitude', 'Latitude'], ['Easting', 'Northing']]) if (chosen.has(a!) !== chosen.has(b!)) chosen.add(a!).add(b!);
  const columns = [...chosen].sort(() => random() - 0.5);
  const quote = (cell: string) => {
    const needs = cell.includes(shape.delimiter) || cell.includes('"') || cell.includes('\n') || cell.includes('\r');
    return needs || random() < 0.1 ? `"${cell.replaceAll('"', '""')}"` : cell;
  };
  const lines: string[] = [];
  if (random() < 0.3) lines.push('Spend over £500', '');
  lines.push(columns.map(quote).join(shape.delimiter));
  const breakAt = breakage === 'none' ? -1 : Math.floor(rows * (0.3 + random() * 0.6));
  for (let r = 0; r < rows; r++) {
    const roll = random();
    if (roll < 0.02) lines.push('');
    else if (roll < 0.03) lines.push(columns.map(() => '').join(shape.delimiter));
    else {
      const cells = columns.map((c) => quote(random() < 0.93 ? VALUES[c]![0]! : pick(VALUES[c]!)));
      if (roll < 0.04) cells.push('extra');
      else if (roll < 0.1) cells.push('', random() < 0.5 ? ' ' : '');
      if (roll > 0.99) cells.length = Math.max(1, cells.length - 2);
      if (r === breakAt) {
        if (breakage === 'quote in field') cells[0] = 'ab"cd';
        if (breakage === 'junk after quote') cells[0] = '"abc"x';
        if (breakage === 'unclosed quote') cells[0] = '"never closed';
      }
      lines.push(cells.join(shape.delimiter));
    }
  }
  // Some files mix their line breaks: a "\r" left at a row's end, which trimming takes off the last cell (after a
  // closing quote, papaparse reads the rest of the file its own way).
  if (shape.newline === '\n' && random() < 0.5) for (let r = 1; r < lines.length; r += 3) if (!lines[r]!.endsWith('"')) lines[r] += '\r';
  return encode(lines.join(shape.newline) + (random() < 0.7 ? shape.newline : ''), shape.encoding);
}

describe('readSpendBytesInPieces', () => {
  const files = [
    ...readdirSync(join(FIXTURES, 'bad')).filter((f) => f.endsWith('.csv')).map((f) => join(FIXTURES, 'bad', f)),
    join(FIXTURES, 'spend', 'extra-spend.csv'),
    join(DEMO, 'spend.csv'),
    // Real files with real quoting, read as spend (they have no amount column, so they are refused alike).
    ...readdirSync(resolve(SHARED_DATA, 'camden/places')).map((f) => resolve(SHARED_DATA, 'camden/places', f)),
  ];
  for (const path of files) {
    const name = path.split('/').at(-1)!;
    it(`reads ${name} as papaparse reads its text`, () => {
      expectSameReading(readBytes(path), name);
    });
  }

  it('reads made-up files of every delimiter, line break, encoding and breakage as papaparse reads them', () => {
    let seed = 1;
    let lines = 0;
    const rowsByReader = vi.spyOn(SpendRowReader.prototype, 'row');
    for (const delimiter of [',', '\t', ';', '|']) {
      for (const newline of ['\n', '\r\n', '\r']) {
        for (const encoding of ['utf-8', 'utf-8 bom', 'windows-1252'] as const) {
          for (const breakage of ['none', 'quote in field', 'junk after quote', 'unclosed quote'] as const) {
            const bytes = awkwardFile(seed++, 100, { delimiter, newline, encoding }, breakage);
            lines += expectSameReading(bytes, `${JSON.stringify(delimiter)} ${JSON.stringify(newline)} ${encoding} ${breakage} (seed ${seed - 1})`).lines.length;
          }
        }
      }
    }
    // Most rows are lines: the comparison is over lines, not over refusals.
    expect(lines).toBeGreaterThan(4 * 3 * 3 * 4 * 30);
    // Both ways of reading a row are tried: a good share of the lines are plain (read from bytes, not by row()),
    // counting the reference's reading, and each file's three readings from bytes.
    const plain = 4 * lines - rowsByReader.mock.calls.length;
    rowsByReader.mockRestore();
    expect(plain).toBeGreaterThan(lines / 2);
  });

  it('reads a file longer than its decoded head, whose first byte above 0x7F comes late, as papaparse reads it', () => {
    // The head here is 4 KB (see fromBytes): the encoding is decided only when a row needs it.
    for (const encoding of ['utf-8', 'windows-1252'] as const) {
      const plain = syntheticSpendCsv(400);
      const text = `${plain}01/05/2023,Café £ Ltd,Home care,Adult Social Care,12.00,T£,-0.14,51.55\n${syntheticSpendCsv(50, 7).split('\n').slice(1).join('\n')}`;
      const read = expectSameReading(encode(text, encoding), encoding);
      expect(read.lines.some((l) => l.supplier === 'Café £ Ltd' && l.transactionId === 'T£')).toBe(true);
    }
  });

  it('reads every line of a plain file from its bytes (none decoded row by row)', () => {
    const bytes = new TextEncoder().encode(syntheticSpendCsv(3000));
    const rowsByReader = vi.spyOn(SpendRowReader.prototype, 'row');
    const read = fromBytes(bytes, 1 << 14);
    // The rows the header is looked for in, and the five kept as the file's sample: no more.
    expect(rowsByReader.mock.calls.length).toBe(30);
    rowsByReader.mockRestore();
    expect(read.lines).toHaveLength(3000);
    // Words numbered once each: the 365-odd dates, 2,000 suppliers, six purposes and departments, '' and the ids' absence.
    expect(read.words.length).toBeLessThan(3000);
  });
});

describe('ByteWords', () => {
  it('finds words by their bytes, telling apart words whose hashes are the same', () => {
    const words = new ByteWords();
    const bytes = new TextEncoder().encode('abc abd ab abcd');
    // Every word given the same hash, as if they collided.
    words.set(bytes, 0, 3, 7, 1);
    words.set(bytes, 4, 7, 7, 2);
    expect(words.get(bytes, 0, 3, 7)).toBe(1);
    expect(words.get(bytes, 4, 7, 7)).toBe(2);
    expect(words.get(bytes, 8, 10, 7)).toBe(-1);
    expect(words.get(bytes, 11, 15, 7)).toBe(-1);
    expect(words.get(bytes, 0, 3, 8)).toBe(-1);
    // Grown well past its first size, every word is still found.
    const many = new TextEncoder().encode(Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' '));
    let start = 0;
    const ranges: [number, number][] = [];
    for (let i = 0; i <= many.length; i++) {
      if (i === many.length || many[i] === 0x20) {
        ranges.push([start, i]);
        start = i + 1;
      }
    }
    ranges.forEach(([s, e], k) => words.set(many, s, e, ByteWords.hash(many, s, e), 100 + k));
    ranges.forEach(([s, e], k) => expect(words.get(many, s, e, ByteWords.hash(many, s, e))).toBe(100 + k));
    expect(words.get(bytes, 0, 3, 7)).toBe(1);
  });
});

describe('plainPenceBytes and plainDecimalBytes', () => {
  it('read bytes exactly as plainPence and plainDecimal read the same characters', () => {
    const random = seededRandom(5);
    const pieces = ['-', '.', '0', '1', '9', '5', '00', '123', '9999999', ' ', '+', 'e', ','];
    const samples = ['', '-', '.', '-0', '-0.00', '5.', '.5', '1.234', '12.3', '-12.34', '99999999999999', '9999999999999'];
    for (let i = 0; i < 20000; i++) {
      let s = '';
      for (let k = 1 + Math.floor(random() * 6); k > 0; k--) s += pieces[Math.floor(random() * pieces.length)];
      samples.push(s, (random() * 360 - 180).toFixed(Math.floor(random() * 16)));
    }
    for (const s of samples) {
      // In the middle of other bytes, as a cell is.
      const bytes = new TextEncoder().encode(`,${s},`);
      expect(Object.is(plainPenceBytes(bytes, 1, bytes.length - 1), plainPence(s)), s).toBe(true);
      expect(Object.is(plainDecimalBytes(bytes, 1, bytes.length - 1), plainDecimal(s)), s).toBe(true);
    }
  });
});
