// Spend lines written out as CSV that a spreadsheet opens safely.

/**
 * One text cell. A value starting with =, +, -, @ (or a tab or carriage return, which some spreadsheets skip
 * before reading a formula) is prefixed with an apostrophe so it is shown as text, never run as a formula
 * (OWASP's advice on CSV injection). Cells with a comma, quote or line break are quoted.
 */
export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** An amount in pence as pounds with two decimals and no symbol or separators, so spreadsheets read it as a number. */
export function csvPounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function csvNumber(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '' : String(value);
}

/** Lines joined with CRLF, as RFC 4180 has it, with a byte-order mark so Excel reads £ and accents as UTF-8. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const out = ['\uFEFF' + header.map(csvText).join(',')];
  for (const r of rows) out.push(r.join(','));
  return out.join('\r\n') + '\r\n';
}
