import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpendCsv, readSpendCsvInPieces, type ExcludedRow, type ParsedSpendLine } from '../../../renderer/domain/spend-csv';
import type { InputProblem } from '../../../renderer/domain/problems';
import { decodeText } from '../../../renderer/domain/text';
import { DEMO, FIXTURES, readBytes } from '../../paths';
import { syntheticSpendCsv } from '../../bench/synthetic-spend';

/** A file read in pieces of `pieceChars`: its lines, and the rest of the reading. */
function inPieces(text: string, file: string, pieceChars: number) {
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
});
