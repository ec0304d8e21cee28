// The suppliers that receive spend, with redacted payees recognised (ward totals are the explorer's: spend-columns.ts).

import type { Pence } from './money';

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
