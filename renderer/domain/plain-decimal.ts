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
  const bytes = asciiBytes(raw);
  return bytes === null ? NaN : plainDecimalBytes(bytes, 0, raw.length);
}

/** The longest plain number's characters, with room to spare: a minus, 15 digits and a point (plainPence's 13 and 2 too). */
const PLAIN_CHARS = 32;
const scratch = new Uint8Array(PLAIN_CHARS);

/**
 * A short string's characters as bytes, in a buffer reused from call to call (one above 0xFF becomes 0xFF: not a
 * digit, sign or point); null for a string too long to be a plain number.
 */
export function asciiBytes(raw: string): Uint8Array | null {
  const n = raw.length;
  if (n > PLAIN_CHARS) return null;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    scratch[i] = c > 0xff ? 0xff : c;
  }
  return scratch;
}

/** plainDecimal over bytes[start, end), each byte a character. */
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
