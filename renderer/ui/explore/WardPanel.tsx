// The side panel for a clicked ward (its profile under the filters), or two wards side by side when comparing.

import { useEffect } from 'react';
import { useApp } from '../../store/context';
import { SERVICE_AREAS, SERVICE_AREA_COLOUR, SERVICE_AREA_LABEL } from '../../domain/service-areas';
import { formatPounds, formatCompact } from '../../domain/money';
import { LOCATE_METHOD_LABEL } from '../../domain/locate';
import type { WardDetail } from '../../engine/contract';

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });
const count = new Intl.NumberFormat('en-GB');

export function WardPanel() {
  const selected = useApp((s) => s.selectedWard);
  const detail = useApp((s) => s.wardDetail);
  const selectWard = useApp((s) => s.selectWard);
  const clearFilter = useApp((s) => s.clearFilter);
  const compareWard = useApp((s) => s.compareWard);
  const setCompareWard = useApp((s) => s.setCompareWard);
  const wards = useApp((s) => s.mapData?.wards.features);
  const openBrief = useApp((s) => s.openBrief);

  useEffect(() => {
    if (!selected) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') void selectWard(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, selectWard]);

  if (!selected) return null;
  if (!detail || detail.code !== selected) return <aside className="ward-panel panel" aria-busy="true">Loading ward…</aside>;
  if (compareWard) return <WardComparison />;
  const max = Math.max(1, ...SERVICE_AREAS.map((a) => Math.abs(detail.byArea[a])));
  const yearMax = Math.max(1, ...detail.byYear.map((y) => Math.abs(y.pence)));
  return (
    <aside className="ward-panel panel" aria-label={`Ward: ${detail.name}`} data-testid="ward-panel">
      <header>
        <h2>{detail.name}</h2>
        <button type="button" className="close" onClick={() => void selectWard(null)} aria-label="Close ward panel">
          ×
        </button>
      </header>
      <p className="ward-code muted">{detail.code}</p>
      <button type="button" className="brief-button" onClick={() => void openBrief(detail.code)} data-testid="open-brief">
        Area brief…
      </button>
      <label className="compare-with">
        Compare with{' '}
        <select value="" onChange={(e) => e.target.value && void setCompareWard(e.target.value)} data-testid="compare-ward">
          <option value="">another ward…</option>
          {[...(wards ?? [])]
            .filter((f) => f.properties.code !== detail.code)
            .sort((a, b) => a.properties.name.localeCompare(b.properties.name))
            .map((f) => (
              <option key={f.properties.code} value={f.properties.code}>
                {f.properties.name}
              </option>
            ))}
        </select>
      </label>
      {detail.filtered && (
        <p className="filtered-note" data-testid="ward-filtered">
          Counting only the spend the filters keep. <button type="button" className="link-button" onClick={() => void clearFilter()}>Clear filters</button>
        </p>
      )}
      <dl className="headline">
        <div>
          <dt>Total spend placed here</dt>
          <dd data-testid="ward-total">{formatPounds(detail.totalPence)}</dd>
        </div>
        <div>
          <dt>Spend lines</dt>
          <dd data-testid="ward-lines">{count.format(detail.lines)}</dd>
        </div>
        <div>
          <dt>Share of placed spend</dt>
          <dd>{percent.format(detail.shareOfPlaced)}</dd>
        </div>
      </dl>
      <h3>By service area</h3>
      <table className="by-area">
        <thead>
          <tr>
            <th scope="col">Service area</th>
            <th scope="col" className="num">Spend</th>
            <th scope="col" className="num">Lines</th>
          </tr>
        </thead>
        <tbody>
          {SERVICE_AREAS.map((a) => (
            <tr key={a}>
              <th scope="row">
                <span className="swatch" style={{ background: SERVICE_AREA_COLOUR[a] }} aria-hidden />
                {SERVICE_AREA_LABEL[a]}
                <span className="bar" style={{ width: `${(100 * Math.max(0, detail.byArea[a])) / max}%`, background: SERVICE_AREA_COLOUR[a] }} aria-hidden />
              </th>
              <td className="num" title={formatPounds(detail.byArea[a])}>{formatPounds(detail.byArea[a])}</td>
              <td className="num">{count.format(detail.linesByArea[a])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>By mission</h3>
      <table className="by-method" data-testid="ward-by-mission">
        <tbody>
          {detail.byMission.map((m) => (
            <tr key={m.mission}>
              <th scope="row">{m.label}</th>
              <td className="num" title={formatPounds(m.pence)}>{formatCompact(m.pence)}</td>
              <td className="num">{count.format(m.lines)} lines</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">A line can serve more than one mission (school meals serve food and young people), so these do not add up to the total.</p>
      <h3>By financial year</h3>
      {detail.byYear.length === 0 ? (
        <p className="muted">No dated spend.</p>
      ) : (
        <table className="by-method trend" data-testid="ward-by-year">
          <tbody>
            {detail.byYear.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td className="trend-bar" aria-hidden>
                  <span style={{ width: `${(100 * Math.max(0, y.pence)) / yearMax}%` }} />
                </td>
                <td className="num" title={formatPounds(y.pence)}>{formatCompact(y.pence)}</td>
                <td className="num">{count.format(y.lines)} lines</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {detail.undated.lines > 0 && (
        <p className="muted small">
          {count.format(detail.undated.lines)} lines ({formatCompact(detail.undated.pence)}) have no date and are in no year.
        </p>
      )}
      <h3>Top five suppliers <span className="muted small">of {count.format(detail.supplierCount)}</span></h3>
      {detail.topSuppliers.length === 0 ? (
        <p className="muted">No named suppliers.</p>
      ) : (
        <ol className="suppliers" data-testid="top-suppliers">
          {detail.topSuppliers.map((s) => (
            <li key={s.supplier}>
              <span>{s.supplier}</span>
              <span className="num" title={formatPounds(s.pence)}>
                {formatCompact(s.pence)} ({percent.format(detail.totalPence > 0 ? s.pence / detail.totalPence : 0)}) · {count.format(s.lines)} lines
              </span>
            </li>
          ))}
        </ol>
      )}
      {detail.supplierFlags && (
        <>
          <h3>Small firms and the voluntary sector</h3>
          <p data-testid="ward-flags">
            Of {formatCompact(detail.supplierFlags.knownPence)} in contract awards whose supplier's status is known, {formatCompact(detail.supplierFlags.smePence)} (
            {percent.format(detail.supplierFlags.knownPence > 0 ? detail.supplierFlags.smePence / detail.supplierFlags.knownPence : 0)}) went to SMEs and{' '}
            {formatCompact(detail.supplierFlags.vcsePence)} to voluntary, community and social enterprises. Payments from spend files carry no such flag.
          </p>
        </>
      )}
      {detail.supplierLocal && (
        <>
          <h3>Local suppliers</h3>
          <p data-testid="ward-local">
            Of {formatCompact(detail.supplierLocal.knownPence)} whose supplier's postcode is known, {formatCompact(detail.supplierLocal.localPence)} (
            {percent.format(detail.supplierLocal.knownPence > 0 ? detail.supplierLocal.localPence / detail.supplierLocal.knownPence : 0)}) went to suppliers
            based in the borough, by their own address.
          </p>
        </>
      )}
      <h3>Places in this ward with spend</h3>
      {detail.places.length === 0 ? (
        <p className="muted">No spend lies at a place in the places register here.</p>
      ) : (
        <table className="by-method" data-testid="ward-places">
          <tbody>
            {detail.places.slice(0, 8).map((p) => (
              <tr key={p.name}>
                <th scope="row">
                  {p.name} <span className="muted small">({p.kind.replace(/-/g, ' ')}, {p.rule})</span>
                  {p.rule === 'inside its outline' && (
                    <>
                      {' '}
                      <button type="button" className="link-button" onClick={() => void openBrief({ kind: 'place', name: p.name })} data-testid="place-brief" aria-label={`Area brief for ${p.name}`}>
                        brief
                      </button>
                    </>
                  )}
                </th>
                <td className="num" title={formatPounds(p.pence)}>{formatCompact(p.pence)}</td>
                <td className="num">{p.areas} area{p.areas === 1 ? '' : 's'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>How this spend was placed</h3>
      <table className="by-method" data-testid="ward-by-method">
        <tbody>
          {detail.byMethod.map((m) => (
            <tr key={m.method}>
              <th scope="row">{LOCATE_METHOD_LABEL[m.method] ?? m.method}</th>
              <td className="num">{percent.format(detail.totalPence !== 0 ? m.pence / detail.totalPence : 0)}</td>
              <td className="num" title={formatPounds(m.pence)}>{formatCompact(m.pence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {detail.sharedPlaces.length > 0 && (
        <>
          <h3>Places shared with other wards</h3>
          <p className="muted small">Spend at these places is divided between the wards they cross, by how much of each place lies in each ward.</p>
          <table className="by-method" data-testid="ward-shared-places">
            <tbody>
              {detail.sharedPlaces.slice(0, 8).map((p) => (
                <tr key={p.place}>
                  <th scope="row">
                    {p.place} <span className="muted small">({percent.format(p.share)} here; also {p.otherWards.join(', ')})</span>
                  </th>
                  <td className="num" title={formatPounds(p.pence)}>{formatCompact(p.pence)}</td>
                  <td className="num">{count.format(p.lines)} {p.lines === 1 ? 'line' : 'lines'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="muted small">
        Lines placed by postcode sit at the postcode's centre, and by named place at a point inside the place, not at an address. Redacted payees are not ranked. Only spend placed in
        this ward is counted; see the ledger for lines not yet placed.
      </p>
    </aside>
  );
}

/** Two wards side by side: the same figures, the same filters, so the difference is the wards'. */
function WardComparison() {
  const a = useApp((s) => s.wardDetail);
  const b = useApp((s) => s.compareDetail);
  const compareWard = useApp((s) => s.compareWard);
  const setCompareWard = useApp((s) => s.setCompareWard);
  const selectWard = useApp((s) => s.selectWard);
  if (!a) return null;
  if (!b || b.code !== compareWard) return <aside className="ward-panel panel wide" aria-busy="true">Loading the second ward…</aside>;
  const both: WardDetail[] = [a, b];
  const row = (label: string, value: (d: WardDetail) => string, testid?: string) => (
    <tr key={label} data-testid={testid}>
      <th scope="row">{label}</th>
      {both.map((d) => (
        <td key={d.code} className="num">{value(d)}</td>
      ))}
    </tr>
  );
  const years = [...new Set(both.flatMap((d) => d.byYear.map((y) => y.year)))].sort();
  return (
    <aside className="ward-panel panel wide" aria-label={`Comparing ${a.name} with ${b.name}`} data-testid="ward-compare">
      <header>
        <h2>
          {a.name} and {b.name}
        </h2>
        <button type="button" className="close" onClick={() => void setCompareWard(null)} aria-label="Stop comparing">
          ×
        </button>
      </header>
      {a.filtered && <p className="filtered-note">Counting only the spend the filters keep, in both wards.</p>}
      <table className="by-area compare">
        <thead>
          <tr>
            <td />
            {both.map((d) => (
              <th key={d.code} scope="col" className="num">
                <button type="button" className="link-button" onClick={() => void selectWard(d.code)} title={`Show only ${d.name}`}>
                  {d.name}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {row('Total spend placed', (d) => formatPounds(d.totalPence), 'compare-total')}
          {row('Share of placed spend', (d) => percent.format(d.shareOfPlaced))}
          {row('Spend lines', (d) => count.format(d.lines))}
          {row('Suppliers', (d) => count.format(d.supplierCount))}
          {SERVICE_AREAS.map((area) => row(SERVICE_AREA_LABEL[area], (d) => `${formatCompact(d.byArea[area])} (${percent.format(d.totalPence !== 0 ? d.byArea[area] / d.totalPence : 0)})`))}
          {a.byMission.map((m, i) => row(`Mission: ${m.label}`, (d) => formatCompact(d.byMission[i]?.pence ?? 0)))}
          {years.map((y) => row(`Year ${y}`, (d) => formatCompact(d.byYear.find((r) => r.year === y)?.pence ?? 0)))}
          {row('Largest supplier', (d) => d.topSuppliers[0]?.supplier ?? '—')}
          {row('Placed by coordinates or UPRN', (d) => percent.format(d.totalPence !== 0 ? d.byMethod.filter((m) => m.method === 'coordinates' || m.method === 'uprn').reduce((t, m) => t + m.pence, 0) / d.totalPence : 0))}
          {row('Places with spend', (d) => count.format(d.places.length))}
        </tbody>
      </table>
    </aside>
  );
}
