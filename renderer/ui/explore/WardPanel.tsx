// The side panel for a clicked ward: totals by service area, number of spend lines and top five suppliers.

import { useEffect } from 'react';
import { useApp } from '../../store/context';
import { SERVICE_AREAS, SERVICE_AREA_COLOUR, SERVICE_AREA_LABEL } from '../../domain/service-areas';
import { formatPounds, formatCompact } from '../../domain/money';
import { LOCATE_METHOD_LABEL } from '../../domain/locate';

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });
const count = new Intl.NumberFormat('en-GB');

export function WardPanel() {
  const selected = useApp((s) => s.selectedWard);
  const detail = useApp((s) => s.wardDetail);
  const selectWard = useApp((s) => s.selectWard);
  const clearFilter = useApp((s) => s.clearFilter);

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
      <p className="muted small">
        Lines placed by postcode sit at the postcode's centre, and by named place at a point inside the place, not at an address. Redacted payees are not ranked. Only spend placed in
        this ward is counted; see the ledger for lines not yet placed.
      </p>
    </aside>
  );
}
