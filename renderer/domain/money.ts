// Money as integer pence: parsing council amount strings and formatting pounds for people.

import { asciiBytes } from './plain-decimal';

export type Pence = number;

export type AmountResult = { ok: true; pence: Pence } | { ok: false; reason: string };

/**
 * A plain amount, "1234.56", "-12.00" or "7" (a minus, 1–13 digits, then 1–2 decimals), in pence; NaN for anything
 * else, which parseAmount reads. Most published amounts are plain: read by character, without a pattern or an object.
 */
export function plainPence(raw: string): Pence {
  const bytes = asciiBytes(raw);
  return bytes === null ? NaN : plainPenceBytes(bytes, 0, raw.length);
}

/** plainPence over bytes[start, end), each byte a character. */
export function plainPenceBytes(bytes: Uint8Array, start: number, end: number): Pence {
  let i = start < end && bytes[start] === 45 ? start + 1 : start;
  const first = i;
  let pounds = 0;
  for (; i < end; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) break;
    pounds = pounds * 10 + d;
  }
  const digits = i - first;
  if (digits === 0 || digits > 13) return NaN;
  let pence = pounds * 100;
  if (i < end) {
    const after = end - i - 1;
    if (bytes[i] !== 46 || after < 1 || after > 2) return NaN;
    const d1 = bytes[i + 1]! - 48;
    const d2 = after === 2 ? bytes[i + 2]! - 48 : 0;
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN;
    pence += d1 * 10 + d2;
  }
  return first > start && pence !== 0 ? -pence : pence;
}

/**
 * Parse an amount as councils publish it: "1234.56", "£1,234.56", "(1,234.56)", "-12.00", "12-".
 * Never goes through floating point, so £0.10 + £0.20 stays 30p.
 * @example parseAmount('£1,234.5') // { ok: true, pence: 123450 }
 */
export function parseAmount(raw: string): AmountResult {
  const plain = plainPence(raw);
  if (plain === plain) return { ok: true, pence: plain };
  const grouped = groupedPence(raw);
  if (grouped === grouped) return { ok: true, pence: grouped };
  return parseAmountByPattern(raw);
}

/**
 * The amounts councils' files most often hold that are not plain, read by character: "£1,234.56", "1,234.56",
 * "(1,234.56)", "-£12.50" (an optional bracket pair or minus, then an optional £, digits in groups of three or
 * none, up to two decimals). NaN for anything else, which parseAmountByPattern reads: the same answer either way.
 */
export function groupedPence(raw: string): Pence {
  let end = raw.length;
  let i = 0;
  let negative = false;
  if (raw.charCodeAt(0) === 40 && raw.charCodeAt(end - 1) === 41) {
    negative = true;
    i = 1;
    end--;
  }
  if (raw.charCodeAt(i) === 45) {
    if (negative) return NaN;
    negative = true;
    i++;
  }
  if (raw.charCodeAt(i) === 0xa3) i++;
  let pounds = 0;
  let digits = 0;
  let run = 0;
  let groups = 0;
  for (; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === 44) {
      // A comma after one to three digits, then after exactly three each time.
      if (groups === 0 ? run === 0 || run > 3 : run !== 3) return NaN;
      groups++;
      run = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) break;
    pounds = pounds * 10 + d;
    digits++;
    run++;
  }
  if (digits === 0 || digits > 13 || (groups > 0 && run !== 3)) return NaN;
  let pence = pounds * 100;
  if (i < end) {
    const after = end - i - 1;
    if (raw.charCodeAt(i) !== 46 || after < 1 || after > 2) return NaN;
    const d1 = raw.charCodeAt(i + 1) - 48;
    const d2 = after === 2 ? raw.charCodeAt(i + 2) - 48 : 0;
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN;
    pence += d1 * 10 + d2;
  }
  return negative && pence !== 0 ? -pence : pence;
}

/** parseAmount by patterns, for every way of writing an amount it reads (and the reasons it gives for the rest). */
export function parseAmountByPattern(raw: string): AmountResult {
  let s = raw.trim();
  if (s === '') return { ok: false, reason: 'amount is blank' };
  // One sign at most, in any of the places councils put it: (12.00), -12.00, -£12, £-12, 12.00-.
  let signs = 0;
  if (s.startsWith('(') && s.endsWith(')')) {
    signs++;
    s = s.slice(1, -1).trim();
  }
  const take = (re: RegExp) => {
    const m = re.exec(s);
    if (!m) return false;
    s = s.replace(re, '').trim();
    return m[0].trim().startsWith('-') || m[0].trim().endsWith('-');
  };
  if (take(/^[-+]/)) signs++;
  s = s.replace(/^(£|GBP)\s*/i, '');
  if (take(/^[-+]/)) signs++;
  s = s.replace(/\s*(GBP)$/i, '');
  if (take(/-$/)) signs++;
  const negative = signs === 1;
  if (signs > 1) return { ok: false, reason: `"${raw.trim()}" has more than one minus sign` };
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d*)?$|^\.\d+$/.test(s)) {
    return { ok: false, reason: `"${raw.trim()}" is not an amount (expected e.g. 1234.56 or £1,234.56)` };
  }
  const [whole = '', fraction = ''] = s.replace(/,/g, '').split('.');
  if (fraction.length > 2 && !/^0*$/.test(fraction.slice(2))) {
    return { ok: false, reason: `"${raw.trim()}" has fractions of a penny` };
  }
  const pounds = whole === '' ? 0 : Number(whole);
  const pence = pounds * 100 + Number((fraction + '00').slice(0, 2));
  if (!Number.isSafeInteger(pence)) return { ok: false, reason: `"${raw.trim()}" is too large` };
  return { ok: true, pence: negative && pence !== 0 ? -pence : pence };
}

const grouped = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** Exact pounds and pence, for tables and tooltips: "£1,234.56", "−£12.00". */
export function formatPounds(pence: Pence): string {
  const sign = pence < 0 ? '−' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const p = String(abs % 100).padStart(2, '0');
  return `${sign}£${grouped.format(pounds)}.${p}`;
}

/** Whole pounds with separators, for panels: "£1,235". */
export function formatWholePounds(pence: Pence): string {
  const sign = pence < 0 ? '−' : '';
  return `${sign}£${grouped.format(Math.round(Math.abs(pence) / 100))}`;
}

/** Short form for tight spaces (legends, labels): "£1.2m", "£310k", "£950". */
export function formatCompact(pence: Pence): string {
  const sign = pence < 0 ? '−' : '';
  const pounds = Math.abs(pence) / 100;
  let body: string;
  if (pounds >= 1e9) body = `${trim(pounds / 1e9)}bn`;
  else if (pounds >= 1e6) body = `${trim(pounds / 1e6)}m`;
  else if (pounds >= 1e3) body = `${trim(pounds / 1e3, pounds >= 1e5 ? 0 : 1)}k`;
  else body = String(Math.round(pounds));
  return `${sign}£${body}`;
}

function trim(n: number, digits = 1): string {
  const s = n.toFixed(n >= 100 ? 0 : digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Sum pence, refusing to lose precision silently. */
export function sumPence(values: Iterable<Pence>): Pence {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isSafeInteger(total)) throw new RangeError('pence total exceeds safe integer range');
  return total;
}
