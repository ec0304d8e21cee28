import { describe, expect, it } from 'vitest';
import { groupedPence, parseAmount, parseAmountByPattern, plainPence } from '../../../renderer/domain/money';
import { plainDecimal } from '../../../renderer/domain/plain-decimal';
import { seededRandom } from '../../fixtures/synthetic-wards';

// Strings near the edges of the fast paths: signs, points, too many digits, spaces, exponents, signs in the middle.
function awkwardNumbers(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pieces = ['-', '.', '0', '1', '9', '5', '00', '123', '9999999', ' ', '+', 'e', 'E5', ',', '£', '\t', '4'];
  const out = ['', '-', '.', '-.', '0', '-0', '-0.00', '0.0', '5.', '.5', '-.5', '1e3', ' 12', '12 ', '+1', '0x10', 'Infinity', 'NaN', '1.2.3'];
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(random() * 8);
    let s = '';
    for (let k = 0; k < length; k++) s += pieces[Math.floor(random() * pieces.length)];
    out.push(s);
  }
  return out;
}

describe('plainDecimal', () => {
  it('is Number() exactly for every string it reads, and NaN (left to Number()) otherwise', () => {
    const random = seededRandom(11);
    const coordinates = Array.from({ length: 20000 }, () => (random() * 360 - 180).toFixed(1 + Math.floor(random() * 14)));
    let read = 0;
    for (const s of [...coordinates, ...awkwardNumbers(20000, 3)]) {
      const fast = plainDecimal(s);
      if (Number.isNaN(fast)) continue;
      read++;
      // Object.is: -0 and 0 differ, as Number('-0.0') is -0.
      expect(Object.is(fast, Number(s)), s).toBe(true);
    }
    expect(read).toBeGreaterThan(20000);
  });

  it('leaves what is not a plain decimal to Number()', () => {
    for (const s of ['', '-', '.', '5.', ' 1', '1 ', '+1', '1e5', '0x1F', '1.2.3', '1234567890123456', '−1']) expect(plainDecimal(s), s).toBeNaN();
    expect(plainDecimal('-0.215000')).toBe(-0.215);
    expect(plainDecimal('123456789012345')).toBe(123456789012345);
  });
});

describe('plainPence', () => {
  it('gives the pence parseAmount gives for every string it reads, and NaN otherwise', () => {
    const random = seededRandom(7);
    const amounts = Array.from({ length: 20000 }, () => ((random() - 0.3) * 10 ** Math.floor(random() * 14)).toFixed(Math.floor(random() * 3)));
    let read = 0;
    for (const s of [...amounts, ...awkwardNumbers(20000, 5)]) {
      const fast = plainPence(s);
      if (Number.isNaN(fast)) continue;
      read++;
      expect(parseAmountByPattern(s), s).toEqual({ ok: true, pence: fast });
      expect(Object.is(fast, -0), s).toBe(false);
    }
    expect(read).toBeGreaterThan(19000);
  });

  it('leaves the general reader what it alone reads', () => {
    for (const s of ['', '£12', '(1.00)', '12-', ' 5', '1,000', '12.', '12.345', '.5', '12345678901234']) expect(plainPence(s), s).toBeNaN();
    expect(plainPence('-0.00')).toBe(0);
    expect(plainPence('-12.5')).toBe(-1250);
    expect(plainPence('7')).toBe(700);
  });
});

describe('groupedPence', () => {
  it('gives the pence the patterns give for every string it reads, and NaN otherwise', () => {
    const random = seededRandom(17);
    const pieces = ['(', ')', '-', '£', ',', '.', '0', '1', '9', '12', '123', '999', ',000', ',12', ' ', '+', 'GBP', '5'];
    const grouping = (pence: number) => {
      const pounds = Math.floor(Math.abs(pence) / 100).toLocaleString('en-GB');
      const body = `${random() < 0.5 ? '£' : ''}${pounds}${random() < 0.8 ? `.${String(Math.abs(pence) % 100).padStart(2, '0').slice(0, random() < 0.2 ? 1 : 2)}` : ''}`;
      return pence >= 0 ? body : random() < 0.5 ? `(${body})` : `-${body}`;
    };
    const samples = ['', '()', '(', ')', '£', '-£', '(£)', '(-1)', '-(1)', '£-12', '1,23', ',123', '1234,567', '1,234.', '0,123', '1,234.5)', '(1,234.56', '12,345,678,901,234.00'];
    for (let i = 0; i < 20000; i++) {
      samples.push(grouping(Math.round((random() - 0.3) * 10 ** Math.floor(random() * 15))));
      let s = '';
      for (let k = 1 + Math.floor(random() * 7); k > 0; k--) s += pieces[Math.floor(random() * pieces.length)];
      samples.push(s);
    }
    let read = 0;
    for (const s of samples) {
      const fast = groupedPence(s);
      if (Number.isNaN(fast)) continue;
      read++;
      expect(parseAmountByPattern(s), s).toEqual({ ok: true, pence: fast });
      expect(Object.is(fast, -0), s).toBe(false);
    }
    expect(read).toBeGreaterThan(18000);
    // And parseAmount, which tries it first, answers every sample as the patterns do.
    for (const s of samples) expect(parseAmount(s), s).toEqual(parseAmountByPattern(s));
  });
});
