import { describe, expect, it } from 'vitest';
import { formatCompact, formatPounds, formatWholePounds, parseAmount, sumPence } from '../../../renderer/domain/money';

describe('parseAmount', () => {
  it.each([
    ['1234.56', 123456],
    ['£1,234.56', 123456],
    ['(1,234.56)', -123456],
    ['-12.00', -1200],
    ['£-12.5', -1250],
    ['-£12.5', -1250],
    ['12-', -1200],
    ['  500 ', 50000],
    ['0.1', 10],
    ['.05', 5],
    ['1,000,000', 100000000],
    ['GBP 10.00', 1000],
    ['10.500', 1050],
  ])('%s → %i pence', (raw, pence) => {
    expect(parseAmount(raw)).toEqual({ ok: true, pence });
  });

  it.each(['', 'abc', '1.2.3', '12,34', '£', '1.234', '--5'])('refuses %j with a reason', (raw) => {
    const r = parseAmount(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(5);
  });

  it('adds pennies exactly where floats would not', () => {
    const a = parseAmount('0.10');
    const b = parseAmount('0.20');
    expect(a.ok && b.ok && a.pence + b.pence).toBe(30);
  });
});

describe('formatting', () => {
  it('formats exact pounds with separators and a true minus', () => {
    expect(formatPounds(123456789)).toBe('£1,234,567.89');
    expect(formatPounds(-1200)).toBe('−£12.00');
    expect(formatPounds(5)).toBe('£0.05');
    expect(formatWholePounds(123456)).toBe('£1,235');
  });
  it('formats compact amounts for tight spaces', () => {
    expect(formatCompact(120_000_000)).toBe('£1.2m');
    expect(formatCompact(31_000_000)).toBe('£310k');
    expect(formatCompact(9_500_000)).toBe('£95k');
    expect(formatCompact(95_000)).toBe('£950');
    expect(formatCompact(-250_000_000)).toBe('−£2.5m');
    expect(formatCompact(1_520_000_000_00)).toBe('£1.5bn');
  });
  it('refuses a total beyond exact integers', () => {
    expect(sumPence([1, 2, 3])).toBe(6);
    expect(() => sumPence([Number.MAX_SAFE_INTEGER, 10])).toThrow(RangeError);
  });
});
