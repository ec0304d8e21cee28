// Plain decimals ("-0.123456", "51.5") read by character: a file's coordinates are millions of them, and Number()
// on each string (after a trim) was a tenth of reading a file.

/** Powers of ten a double holds exactly (10^22 is the last). */
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A plain decimal: an optional minus, digits, and an optional point with digits after it, 15 digits at most; NaN
 * for anything else (spaces, a plus, an exponent, more digits), which the caller gives to Number(). The value is
 * exactly Number()'s: the digits as a whole number and the power of ten are both exact doubles, and one division of
 * exact doubles is correctly rounded, as Number() is.
 */
export function plainDecimal(raw: string): number {
  const n = raw.length;
  let i = raw.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let whole = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c === 46) {
      if (decimals >= 0) return NaN;
      decimals = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return NaN;
    whole = whole * 10 + d;
    digits++;
    if (decimals >= 0) decimals++;
  }
  // "-", "." and "5." are left to Number() ("5." is 5 there; "." is not a number).
  if (digits === 0 || digits > 15 || decimals === 0) return NaN;
  const value = decimals > 0 ? whole / EXACT_POWERS[decimals]! : whole;
  return negative ? -value : value;
}

/** plainDecimal over bytes[start, end) read as ASCII: the same answer as plainDecimal on the same characters. */
export function plainDecimalBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start < end && bytes[start] === 45 ? start + 1 : start;
  const negative = i > start;
  let whole = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c === 46) {
      if (decimals >= 0) return NaN;
      decimals = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return NaN;
    whole = whole * 10 + d;
    digits++;
    if (decimals >= 0) decimals++;
  }
  if (digits === 0 || digits > 15 || decimals === 0) return NaN;
  const value = decimals > 0 ? whole / EXACT_POWERS[decimals]! : whole;
  return negative ? -value : value;
}
