// The search box's answers: wards, places, suppliers and postcodes whose names contain what was typed.

import type { Database } from 'sql.js';
import { queryAll } from './sql';
import type { SearchResult } from './contract';
import type { SpendColumns } from '../domain/spend-columns';
import { normalisePostcode } from '../domain/postcodes';
import { bboxOf } from '../domain/wards';
import { storedGeometry } from './project-file';

/** Roughly 150 m around a point, so a jump to a place or a postcode lands at street level. */
const NEAR = 0.0015;
const around = (lon: number, lat: number): [number, number, number, number] => [lon - NEAR, lat - NEAR * 0.65, lon + NEAR, lat + NEAR * 0.65];

export function search(db: Database, cols: SpendColumns, text: string, limit = 8): SearchResult[] {
  const q = text.trim();
  if (q.length < 2) return [];
  const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const starts = (s: string) => (s.toLowerCase().startsWith(q.toLowerCase()) ? 0 : 1);
  const out: SearchResult[] = [];

  const wards = queryAll(db, "SELECT code, name, min_x, min_y, max_x, max_y FROM wards WHERE name LIKE ? ESCAPE '\\' OR code LIKE ? ESCAPE '\\' ORDER BY name", [like, like]);
  for (const w of wards.sort((a, b) => starts(a.name as string) - starts(b.name as string)).slice(0, limit)) {
    out.push({ kind: 'ward', label: w.name as string, detail: `Ward ${w.code as string}`, wardCode: w.code as string, bounds: [w.min_x as number, w.min_y as number, w.max_x as number, w.max_y as number] });
  }

  const places = queryAll(db, "SELECT name, kind, aliases, lon, lat, geom FROM places WHERE name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\' ORDER BY name", [like, like]);
  for (const p of places.sort((a, b) => starts(a.name as string) - starts(b.name as string)).slice(0, limit)) {
    let bounds = around(p.lon as number, p.lat as number);
    try {
      const g = storedGeometry(p.geom, `place ${p.name as string}`);
      const b = g && g.type !== 'Point' ? bboxOf(g as Parameters<typeof bboxOf>[0]) : null;
      if (b) bounds = b;
    } catch {
      // A damaged geometry still has its point.
    }
    out.push({ kind: 'place', label: p.name as string, detail: `${String(p.kind).replace(/-/g, ' ')}, from the places register`, bounds });
  }

  const postcode = normalisePostcode(q);
  if (/^[A-Z]{1,2}[0-9]/.test(postcode)) {
    const pcs = queryAll(db, 'SELECT postcode, lon, lat FROM postcodes WHERE postcode >= ? AND postcode < ? ORDER BY postcode LIMIT ?', [postcode, `${postcode}\uffff`, limit]);
    for (const p of pcs) out.push({ kind: 'postcode', label: formatPostcode(p.postcode as string), detail: 'Postcode, from the postcode directory', bounds: around(p.lon as number, p.lat as number) });
  }

  const needle = q.toLowerCase();
  const matched = new Map<number, { lines: number; pence: number; w: number; s: number; e: number; n: number }>();
  cols.suppliers.forEach((s, i) => {
    if (cols.supplierRedacted[i] !== 1 && s.toLowerCase().includes(needle)) matched.set(i, { lines: 0, pence: 0, w: Infinity, s: Infinity, e: -Infinity, n: -Infinity });
  });
  if (matched.size > 0) {
    for (let i = 0; i < cols.n; i++) {
      const m = matched.get(cols.supplier[i]!);
      if (!m) continue;
      m.lines++;
      m.pence += cols.pence[i]!;
      const x = cols.lon[i]!;
      const y = cols.lat[i]!;
      if (x === x && y === y) {
        m.w = Math.min(m.w, x);
        m.e = Math.max(m.e, x);
        m.s = Math.min(m.s, y);
        m.n = Math.max(m.n, y);
      }
    }
    const ranked = [...matched.entries()].sort(([a, x], [b, y]) => starts(cols.suppliers[a]!) - starts(cols.suppliers[b]!) || y.pence - x.pence).slice(0, limit);
    for (const [i, m] of ranked) {
      out.push({
        kind: 'supplier',
        label: cols.suppliers[i]!,
        detail: `Supplier: ${m.lines.toLocaleString('en-GB')} line${m.lines === 1 ? '' : 's'}`,
        supplier: cols.suppliers[i]!,
        bounds: Number.isFinite(m.w) ? (m.w === m.e && m.s === m.n ? around(m.w, m.s) : [m.w, m.s, m.e, m.n]) : null,
      });
    }
  }
  return out;
}

/** "NW18NH" as it is written, "NW1 8NH": the last three characters are the inward code. */
function formatPostcode(p: string): string {
  return p.length > 4 ? `${p.slice(0, -3)} ${p.slice(-3)}` : p;
}
