// Payment dates in the shapes councils publish them, to ISO yyyy-mm-dd. Ambiguity is reported, never guessed.

export type DateResult = { ok: true; iso: string } | { ok: false; reason: string };

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function iso(y: number, m: number, d: number): DateResult {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, reason: `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y} is not a calendar date` };
  }
  return { ok: true, iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

function fullYear(y: number): number {
  return y < 100 ? (y < 70 ? 2000 + y : 1900 + y) : y;
}

/**
 * @example parseDate('31/03/2024') // { ok: true, iso: '2024-03-31' }
 * @example parseDate('03/31/2024') // { ok: false, reason: 'looks like a US date …' }
 */
export function parseDate(raw: string): DateResult {
  const s = raw.trim();
  if (s === '') return { ok: false, reason: 'date is blank' };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: [\d:]+)?$/.exec(s);
  if (m) {
    const a = Number(m[1]), b = Number(m[2]), y = fullYear(Number(m[3]));
    if (b > 12 && a <= 12) {
      return { ok: false, reason: `"${s}" looks like a US date (month first); UK files use dd/mm/yyyy, so it was not swapped` };
    }
    return iso(y, b, a);
  }
  m = /^(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase().slice(0, m[2]!.length === 4 ? 4 : 3)];
    if (month) return iso(fullYear(Number(m[3])), month, Number(m[1]));
  }
  m = /^([A-Za-z]{3,9})[ -](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase().slice(0, 3)];
    if (month) return iso(fullYear(Number(m[2])), month, 1);
  }
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    // Excel serial date (1900 system): day 25569 is 1970-01-01.
    const serial = Math.floor(Number(s));
    if (serial > 20000 && serial < 80000) {
      const d = new Date((serial - 25569) * 86400000);
      return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    }
  }
  return { ok: false, reason: `"${s}" is not a date (expected dd/mm/yyyy, yyyy-mm-dd or an Excel date number)` };
}
