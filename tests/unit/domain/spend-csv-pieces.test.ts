import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpendCsv, readSpendCsvInPieces, type ExcludedRow, type ParsedSpendLine } from '../../../renderer/domain/spend-csv';
import type { InputProblem } from '../../../renderer/domain/problems';
import { decodeInParts, decodeText, type TextInParts } from '../../../renderer/domain/text';
import { DEMO, FIXTURES, readBytes } from '../../paths';
import { syntheticSpendCsv } from '../../bench/synthetic-spend';

/** A file read in pieces of `pieceChars`: its lines, and the rest of the reading. */
function inPieces(text: string | TextInParts, file: string, pieceChars: number) {
  const lines: ParsedSpendLine[] = [];
  const excluded: ExcludedRow[] = [];
  const problems: InputProblem[] = [];
  let pieces = 0;
  let fraction = 0;
  const result = readSpendCsvInPieces(text, file, {}, (piece) => {
    pieces++;
    lines.push(...piece.lines);
    excluded.push(...piece.excluded);
    problems.push(...piece.problems);
    expect(piece.fraction).toBeGreaterThanOrEqual(fraction);
    fraction = piece.fraction;
  }, pieceChars);
  expect(fraction).toBe(1);
  // The pieces between them give every excluded row and problem the result lists.
  expect(excluded).toEqual(result.excluded);
  expect(problems).toEqual(result.problems);
  return { ...result, lines, pieces };
}

const files = [
  ...readdirSync(join(FIXTURES, 'bad')).filter((f) => f.endsWith('.csv')).map((f) => join(FIXTURES, 'bad', f)),
  join(FIXTURES, 'spend', 'extra-spend.csv'),
  join(DEMO, 'spend.csv'),
];

describe('readSpendCsvInPieces', () => {
  for (const path of files) {
    const name = path.split('/').at(-1)!;
    it(`reads ${name} in pieces exactly as parseSpendCsv reads it whole`, () => {
      const text = decodeText(readBytes(path)).text;
      const whole = parseSpendCsv(text, name);
      // Pieces far smaller than a row, about a row, and many rows: each split lands somewhere different.
      for (const pieceChars of [7, 61, 4096]) {
        const read = inPieces(text, name, pieceChars);
        expect(read.lines).toEqual(whole.lines);
        expect(read.excluded).toEqual(whole.excluded);
        expect({ ...read, lines: [], excluded: [], problems: [], pieces: 0 }).toEqual({ ...whole, lines: [], excluded: [], problems: [], pieces: 0 });
        // The same problems; "header but no rows" and the quote complaints may come in another order.
        const key = (p: { row?: number; reason: string }) => `${p.row ?? ''} ${p.reason}`;
        expect(read.problems.map(key).sort()).toEqual(whole.problems.map(key).sort());
      }
    });
  }

  it('complains once of a malformed quote, however small the pieces', () => {
    const text = ['Payment Date,Beneficiary Name,Amount', ...Array.from({ length: 20 }, (_, i) => `01/04/2023,${i === 8 ? '"Acme"x' : 'Acme'},${i}.00`)].join('\n') + '\n';
    const whole = parseSpendCsv(text, 'f.csv');
    const quoteComplaints = (problems: readonly InputProblem[]) => problems.filter((p) => p.reason.includes('quote')).length;
    expect(quoteComplaints(whole.problems)).toBeGreaterThan(0);
    for (const pieceChars of [7, 61, 4096]) expect(quoteComplaints(inPieces(text, 'f.csv', pieceChars).problems)).toBe(quoteComplaints(whole.problems));
  });

  it('gives lines as it reads, a piece at a time', () => {
    const text = syntheticSpendCsv(5000);
    const read = inPieces(text, 'spend.csv', 1 << 14);
    expect(read.pieces).toBeGreaterThan(20);
    expect(read.lines).toEqual(parseSpendCsv(text, 'spend.csv').lines);
  });

  it('keeps a blank row that ends a piece, and drops only the final newline', () => {
    const text = 'Payment Date,Supplier,Amount\n01/01/2024,A,1.00\n\n01/01/2024,B,2.00\n\n';
    for (const pieceChars of [1, 5, 17, 30, 47, 1000]) {
      const read = inPieces(text, 'blank.csv', pieceChars);
      expect(read.lines.map((l) => l.supplier)).toEqual(['A', 'B']);
      expect(read.excluded.map((e) => [e.sourceRow, e.reason])).toEqual([[3, 'blank row'], [5, 'blank row']]);
      expect(read.rowCount).toBe(4);
    }
  });

  it('reads a big file from its plain head before the whole is decoded, whatever the rest turns out to be', () => {
    const head = new TextEncoder().encode(syntheticSpendCsv(50000));
    expect(head.length).toBeGreaterThan(4 << 20);
    const tails: [string, number[], string][] = [
      ['plain', [...new TextEncoder().encode('01/02/2023,Cafe Ltd,Teas,Parks,1.00,X1,-0.1,51.52\n')], 'utf-8'],
      ['UTF-8', [...new TextEncoder().encode('01/02/2023,Café £ Ltd,Teas,Parks,1.00,X1,-0.1,51.52\n')], 'utf-8'],
      // Windows-1252: é is 0xE9 and £ 0xA3, neither valid UTF-8 alone, so the whole file is read as 1252.
      ['Windows-1252', [...new TextEncoder().encode('01/02/2023,Caf'), 0xe9, 0x20, 0xa3, ...new TextEncoder().encode(' Ltd,Teas,Parks,1.00,X1,-0.1,51.52\n')], 'windows-1252'],
    ];
    for (const [label, tail, encoding] of tails) {
      const bytes = new Uint8Array([...head, ...tail]);
      const parts = decodeInParts(bytes);
      expect(parts.headIsWhole, label).toBe(false);
      // Pieces were given before the whole was asked for.
      let piecesBeforeWhole = -1;
      let pieces = 0;
      const fresh = decodeInParts(bytes);
      readSpendCsvInPieces({ ...fresh, whole: () => ((piecesBeforeWhole = piecesBeforeWhole < 0 ? pieces : piecesBeforeWhole), fresh.whole()) }, 'spend.csv', {}, () => pieces++, 1 << 20);
      expect(piecesBeforeWhole, label).toBeGreaterThan(0);
      const read = inPieces(parts, 'spend.csv', 1 << 20);
      const whole = parseSpendCsv(decodeText(bytes).text, 'spend.csv');
      expect(read.lines, label).toEqual(whole.lines);
      expect(read.lines.at(-1)!.supplier, label).toBe(label === 'plain' ? 'Cafe Ltd' : 'Café £ Ltd');
      expect({ ...read, lines: [], pieces: 0 }, label).toEqual({ ...whole, lines: [], pieces: 0 });
      expect(parts.whole().encoding, label).toBe(encoding);
    }
  });

  it('decodes a file whole at once when its head is not plain ASCII, or it is small', () => {
    const big = new TextEncoder().encode(syntheticSpendCsv(50000));
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...big]);
    expect(decodeInParts(withBom).headIsWhole).toBe(true);
    expect(decodeInParts(withBom).head.startsWith('Payment Date')).toBe(true);
    // UTF-8 beyond ASCII in the head, and Windows-1252's £ there.
    const accented = new TextEncoder().encode(`Payment Date,Supplier,Amount\n01/01/2024,Café,1.00\n${syntheticSpendCsv(50000)}`);
    expect(decodeInParts(accented)).toMatchObject({ headIsWhole: true, head: decodeText(accented).text });
    const pound = Uint8Array.from([...new TextEncoder().encode('Payment Date,Supplier,Amount\n01/01/2024,A,'), 0xa3, ...big]);
    expect(decodeInParts(pound)).toMatchObject({ headIsWhole: true, head: decodeText(pound).text });
    expect(decodeInParts(pound).whole().encoding).toBe('windows-1252');
    const small = new TextEncoder().encode(syntheticSpendCsv(10));
    expect(decodeInParts(small)).toMatchObject({ headIsWhole: true, head: decodeText(small).text });
  });
});
