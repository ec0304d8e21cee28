// Spend summed by ward and service area, and the suppliers that receive it.

import { emptyByArea, isServiceArea, type ByArea, type ServiceArea } from './service-areas';
import type { Pence } from './money';

export interface WardAreaRow {
  wardCode: string;
  serviceArea: ServiceArea | string;
  pence: Pence;
  lines: number;
}

export interface WardTotals {
  wardCode: string;
  totalPence: Pence;
  lines: number;
  byArea: ByArea<Pence>;
  linesByArea: ByArea<number>;
}

/** Fold (ward, area, sum, count) rows into one record per ward; every ward listed appears, with zeros if it has no spend. */
export function wardTotals(rows: Iterable<WardAreaRow>, wardCodes: Iterable<string>): Map<string, WardTotals> {
  const out = new Map<string, WardTotals>();
  for (const code of wardCodes) {
    out.set(code, { wardCode: code, totalPence: 0, lines: 0, byArea: emptyByArea(), linesByArea: emptyByArea() });
  }
  for (const r of rows) {
    const t = out.get(r.wardCode);
    if (!t) continue;
    const area: ServiceArea = isServiceArea(r.serviceArea) ? r.serviceArea : 'other';
    t.byArea[area] += r.pence;
    t.linesByArea[area] += r.lines;
    t.totalPence += r.pence;
    t.lines += r.lines;
  }
  return out;
}

export interface SupplierTotal {
  supplier: string;
  pence: Pence;
  lines: number;
  redacted: boolean;
}

const REDACTED = /redacted|withheld|personal data|^x+$/i;

export function isRedactedSupplier(name: string): boolean {
  return name.trim() === '' || REDACTED.test(name);
}

/**
 * The largest suppliers by net spend. Redacted payees are pooled into one row rather than
 * ranked as if they were one supplier.
 */
export function topSuppliers(rows: Iterable<{ supplier: string; pence: Pence; lines: number }>, n = 5): SupplierTotal[] {
  const bySupplier = new Map<string, SupplierTotal>();
  for (const r of rows) {
    const redacted = isRedactedSupplier(r.supplier);
    const key = redacted ? '\u0000redacted' : r.supplier.trim();
    const t = bySupplier.get(key) ?? { supplier: redacted ? 'Redacted payees' : key, pence: 0, lines: 0, redacted };
    t.pence += r.pence;
    t.lines += r.lines;
    bySupplier.set(key, t);
  }
  return [...bySupplier.values()]
    .filter((s) => !s.redacted)
    .sort((a, b) => b.pence - a.pence || a.supplier.localeCompare(b.supplier))
    .slice(0, n);
}
