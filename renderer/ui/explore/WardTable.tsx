// Every ward's figures under the filters as a sortable table: what the shading shows, readable without the map.

import { useState } from 'react';
import { useApp } from '../../store/context';
import { SERVICE_AREAS, SERVICE_AREA_LABEL } from '../../domain/service-areas';
import { formatPounds } from '../../domain/money';
import { metricFormat } from '../../domain/choropleth';
import { mixOf } from '../../domain/meet';
import type { WardProperties } from '../../engine/contract';

type Key = 'name' | 'total' | 'lines' | 'perResident' | 'mix' | 'evenness' | (typeof SERVICE_AREAS)[number];
const count = new Intl.NumberFormat('en-GB');
const perResident = metricFormat('per-resident');

export function WardTable() {
  const open = useApp((s) => s.wardTableOpen);
  const toggle = useApp((s) => s.toggleWardTable);
  const wards = useApp((s) => s.filteredWards ?? s.mapData?.wards ?? null);
  const goToWard = useApp((s) => s.goToWard);
  const minShare = useApp((s) => s.meetParams.minShare);
  const [sort, setSort] = useState<{ key: Key; descending: boolean }>({ key: 'total', descending: true });
  if (!open || !wards) return null;
  const rows = wards.features.map((f) => f.properties);
  const hasPopulation = rows.some((w) => (w.population ?? 0) > 0);
  const value = (w: WardProperties, key: Key): number | string =>
    key === 'name' ? w.name : key === 'perResident' ? (w.perResident ?? 0) : key === 'mix' ? mixOf(w, { minShare }).count : key === 'evenness' ? mixOf(w, { minShare }).evenness : w[key];
  const sorted = [...rows].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    const c = typeof x === 'string' ? x.localeCompare(y as string, 'en-GB') : x - (y as number);
    return (sort.descending ? -c : c) || a.name.localeCompare(b.name, 'en-GB');
  });
  const columns: { key: Key; label: string }[] = [
    { key: 'name', label: 'Ward' },
    { key: 'total', label: 'Total' },
    ...(hasPopulation ? [{ key: 'perResident' as const, label: 'Per resident' }] : []),
    { key: 'lines', label: 'Lines' },
    { key: 'mix', label: 'Areas meeting' },
    { key: 'evenness', label: 'Evenness' },
    ...SERVICE_AREAS.map((a) => ({ key: a, label: SERVICE_AREA_LABEL[a] })),
  ];
  const header = (c: { key: Key; label: string }) => (
    <th key={c.key} scope="col" className={c.key === 'name' ? '' : 'num'} aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : undefined}>
      <button type="button" onClick={() => setSort({ key: c.key, descending: sort.key === c.key ? !sort.descending : c.key !== 'name' })}>
        {c.label} {sort.key === c.key ? (sort.descending ? '▼' : '▲') : ''}
      </button>
    </th>
  );
  return (
    <section className="ward-table panel" aria-labelledby="ward-table-title" data-testid="ward-table">
      <header>
        <h2 id="ward-table-title">Wards under the current filters</h2>
        <p className="muted small">
          Areas meeting: of social care, youth services, estate management and green spaces, those with at least 5% of the ward's spend on them.
          Evenness: how evenly that spend is shared between them (Pielou's J: 0 all in one, 1 equal shares).
        </p>
        <button type="button" className="close" onClick={() => toggle(false)} aria-label="Close the wards table">
          ×
        </button>
      </header>
      <div className="ward-table-scroll">
        <table>
          <thead>
            <tr>{columns.map(header)}</tr>
          </thead>
          <tbody>
            {sorted.map((w) => (
              <tr key={w.code}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => void goToWard(w.code)}>
                    {w.name}
                  </button>
                </th>
                <td className="num">{formatPounds(w.total)}</td>
                {hasPopulation && <td className="num">{(w.population ?? 0) > 0 ? perResident(w.perResident ?? 0) : 'not known'}</td>}
                <td className="num">{count.format(w.lines)}</td>
                <td className="num">{mixOf(w, { minShare }).count}</td>
                <td className="num">{mixOf(w, { minShare }).evenness.toFixed(2)}</td>
                {SERVICE_AREAS.map((a) => (
                  <td key={a} className="num">
                    {formatPounds(w[a])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
