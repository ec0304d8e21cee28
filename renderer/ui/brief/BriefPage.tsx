// The area brief as a page: what the planner sees on screen is what prints to PDF (A4, portrait or landscape).

import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../store/context';
import { setSpendTileLoader, spendTilesUrl } from '../../map/spend-tiles';
import { SERVICE_AREAS, SERVICE_AREA_COLOUR, SERVICE_AREA_LABEL } from '../../domain/service-areas';
import { formatWholePounds } from '../../domain/money';
import { formatCount, formatPeriod, formatShare, scaleBar, supplierSentences, type Brief } from '../../domain/brief';
import { buildBriefStyle } from '../../map/style';
import { PrintMap, type PrintedMap } from '../../map/PrintMap';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import './brief.css';

/** The map's size in CSS pixels: the page's text width (180 mm portrait, 267 mm landscape) at 96 px to the inch. */
const MAP_SIZE = { portrait: { width: 680, height: 470 }, landscape: { width: 1009, height: 520 } } as const;

export function BriefPage() {
  const open = useApp((s) => s.brief);
  const close = useApp((s) => s.closeBrief);
  const print = useApp((s) => s.printBrief);
  const setLandscape = useApp((s) => s.setBriefLandscape);
  const exportData = useApp((s) => s.exportBriefData);
  const allWards = useApp((s) => s.briefsForAllWards);
  const stopBatch = useApp((s) => s.stopBriefBatch);
  const batch = useApp((s) => s.briefBatch);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  // The PDF's title is the page's: the brief's own while it is shown, the project's again after.
  const title = open?.brief?.title ?? null;
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = `${title} — PlaceLens`;
    return () => {
      document.title = before;
    };
  }, [title]);

  if (!open) return null;
  const brief = open.brief;
  return (
    <div className="brief-view">
      <div className="brief-toolbar" role="toolbar" aria-label="Brief">
        <button type="button" onClick={close} data-testid="brief-close">← Back to the map</button>
        {(open.area.kind === 'ward' || open.area.kind === 'wards') && <AddWard />}
        <label>
          <input type="checkbox" checked={open.landscape} onChange={(e) => setLandscape(e.target.checked)} data-testid="brief-landscape" /> Landscape
        </label>
        <span className="brief-data">
          Data:{' '}
          <button type="button" onClick={() => void exportData('csv')} disabled={!brief} data-testid="brief-export-csv">CSV</button>{' '}
          <button type="button" onClick={() => void exportData('geojson')} disabled={!brief} data-testid="brief-export-geojson">GeoJSON</button>
        </span>
        <button type="button" onClick={() => void print()} disabled={!brief || !open.mapReady} data-testid="brief-export">
          Export PDF…
        </button>
        <button type="button" onClick={() => void allWards()} disabled={batch !== null} data-testid="brief-all-wards">All wards…</button>
        {batch && (
          <span role="status" data-testid="brief-batch">
            Printing {batch.done + 1} of {batch.total}: {batch.current}…{' '}
            <button type="button" onClick={stopBatch} disabled={batch.stopping}>{batch.stopping ? 'Stopping…' : 'Stop'}</button>
          </span>
        )}
        {!open.mapReady && <span className="muted">Drawing the map…</span>}
      </div>
      {brief ? <BriefDocument brief={brief} landscape={open.landscape} ready={open.mapReady} /> : <p className="brief-loading" aria-busy="true">Preparing the brief…</p>}
    </div>
  );
}

/** Another ward's brief, or this one widened to more wards: one brief for a neighbourhood that crosses ward lines. */
function AddWard() {
  const open = useApp((s) => s.brief);
  const wards = useApp((s) => s.mapData?.wards.features);
  const openBrief = useApp((s) => s.openBrief);
  if (!open || !wards) return null;
  const codes = open.area.kind === 'ward' ? [open.area.code] : open.area.kind === 'wards' ? open.area.codes : [];
  return (
    <>
    <label>
      Ward{' '}
      <select value={codes.length === 1 ? codes[0] : ''} onChange={(e) => e.target.value && void openBrief(e.target.value)} data-testid="brief-ward">
        {codes.length > 1 && <option value="">{codes.length} wards</option>}
        {[...wards]
          .sort((a, b) => a.properties.name.localeCompare(b.properties.name))
          .map((w) => (
            <option key={w.properties.code} value={w.properties.code}>{w.properties.name}</option>
          ))}
      </select>
    </label>
    <label>
      Add a ward{' '}
      <select value="" onChange={(e) => e.target.value && void openBrief({ kind: 'wards', codes: [...codes, e.target.value] })} data-testid="brief-add-ward">
        <option value="">…</option>
        {[...wards]
          .filter((w) => !codes.includes(w.properties.code))
          .sort((a, b) => a.properties.name.localeCompare(b.properties.name))
          .map((w) => (
            <option key={w.properties.code} value={w.properties.code}>{w.properties.name}</option>
          ))}
      </select>
    </label>
    </>
  );
}

function BriefDocument({ brief, landscape, ready }: { brief: Brief; landscape: boolean; ready: boolean }) {
  const f = brief.facts;
  const data = useApp((s) => s.mapData);
  // The points as the engine's tiles for the explore view's filter.
  const tilesKey = useApp((s) => s.pointTiles);
  const spendTile = useApp((s) => s.spendTile);
  useEffect(() => setSpendTileLoader(spendTile), [spendTile]);
  const basemap = useApp((s) => s.basemap);
  const mapReady = useApp((s) => s.briefMapReady);
  const [printed, setPrinted] = useState<PrintedMap | null>(null);
  const size = landscape ? MAP_SIZE.landscape : MAP_SIZE.portrait;

  const bounds = useMemo(() => boundsOf(f.area.geometry), [f]);
  const style = useMemo(() => {
    if (!data) return null;
    const places = f.meeting;
    const outlines: FeatureCollection = { type: 'FeatureCollection', features: places.map((p): Feature => ({ type: 'Feature', properties: {}, geometry: p.outline })) };
    const labels: FeatureCollection = { type: 'FeatureCollection', features: places.map((p): Feature => ({ type: 'Feature', properties: { label: String(p.rank) }, geometry: { type: 'Point', coordinates: p.centre } })) };
    return buildBriefStyle({ data, area: f.area.geometry, pointTiles: tilesKey ? spendTilesUrl(tilesKey) : null, meeting: outlines, meetingLabels: labels, basemap });
  }, [data, f, tilesKey, basemap]);

  const areas = SERVICE_AREAS.filter((a) => f.linesByArea[a] > 0);
  const scale = printed ? scaleBar(printed.metresPerPixel, size.width / 4) : null;
  const mapAlt = `Map of ${f.area.name}: the area outlined in black, ${formatCount(f.lines)} spend lines as dots coloured by service area${f.meeting.length > 0 ? `, and ${f.meeting.length} meeting ${f.meeting.length === 1 ? 'place' : 'places'} outlined and numbered` : ''}; the rest of the borough is veiled.`;

  return (
    <article className={`brief-page${landscape ? ' landscape' : ''}`} lang="en-GB" aria-label={brief.title} data-testid="brief" data-ready={ready ? 'yes' : 'no'}>
      <header className="brief-header">
        <p className="kicker">Area brief · {f.project.name}</p>
        <h1>{f.area.name}</h1>
        <p className="brief-meta">
          {f.area.description} · {brief.period} · made {formatPeriod(f.madeOn, f.madeOn)} with PlaceLens
        </p>
        <p className="brief-meta" data-testid="brief-filters">{f.filters.length === 0 ? 'All spend placed in the area; no filters.' : `Filters: ${f.filters.join('; ')}.`}</p>
      </header>
      <p className="brief-summary" data-testid="brief-summary">{brief.summary}</p>

      <figure className="brief-map" style={{ width: size.width }}>
        <div className="map-frame" style={{ width: size.width, height: size.height }}>
          {style && bounds && (
            <PrintMap style={style} bounds={bounds} width={size.width} height={size.height} alt={mapAlt} onReady={(m) => { setPrinted(m); mapReady(); }} />
          )}
          <svg className="north" width="28" height="40" viewBox="0 0 28 40" role="img" aria-label="North is up">
            <path d="M14 2 L24 30 L14 24 L4 30 Z" fill="#1f1a14" />
            <text x="14" y="39" textAnchor="middle" fontSize="10" fontWeight="700">N</text>
          </svg>
          {scale && (
            <svg className="scale" width={scale.pixels + 40} height="26" role="img" aria-label={`Scale bar: ${scale.label}`}>
              <rect x="2" y="12" width={scale.pixels} height="5" fill="#1f1a14" />
              <text x="2" y="9" fontSize="10">0</text>
              <text x={scale.pixels + 2} y="9" fontSize="10" textAnchor="end">{scale.label}</text>
            </svg>
          )}
        </div>
        <figcaption>
          <ul className="brief-legend">
            {areas.map((a) => (
              <li key={a}>
                <span className="dot" style={{ background: SERVICE_AREA_COLOUR[a] }} aria-hidden /> {SERVICE_AREA_LABEL[a]}
              </li>
            ))}
            {f.meeting.length > 0 && <li><span className="outline" aria-hidden /> Meeting place (numbered as below)</li>}
          </ul>
          Spend lines the filters keep, placed by coordinates, UPRN, postcode centre or named place; lines placed only by ward name have no dot.
        </figcaption>
      </figure>

      <section className="brief-section">
        <h2>Headline figures</h2>
        <dl className="brief-headline" data-testid="brief-headline">
          <div><dt>Spend placed in the area</dt><dd data-testid="brief-total">{formatWholePounds(f.totalPence)}</dd></div>
          <div><dt>Share of the borough's placed spend</dt><dd>{formatShare(f.totalPence, f.boroughPence)}</dd></div>
          <div><dt>Spend lines</dt><dd>{formatCount(f.lines)}</dd></div>
          <div><dt>Suppliers</dt><dd>{formatCount(f.supplierCount)}</dd></div>
        </dl>
      </section>

      <section className="brief-section">
        <h2>Spend by service area</h2>
        <BarChart
          title={`Spend by service area in ${f.area.name}`}
          rows={areas.map((a) => ({ label: SERVICE_AREA_LABEL[a], value: f.byArea[a], colour: SERVICE_AREA_COLOUR[a] }))}
          width={landscape ? 900 : 680}
        />
        <table className="brief-table" data-testid="brief-areas">
          <thead><tr><th scope="col">Service area</th><th scope="col" className="num">Spend</th><th scope="col" className="num">Share</th><th scope="col" className="num">Lines</th></tr></thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a}><th scope="row">{SERVICE_AREA_LABEL[a]}</th><td className="num">{formatWholePounds(f.byArea[a])}</td><td className="num">{formatShare(f.byArea[a], f.totalPence)}</td><td className="num">{formatCount(f.linesByArea[a])}</td></tr>
            ))}
          </tbody>
        </table>
        {f.byMission.length > 0 && (
          <>
            <h3>By mission</h3>
            <p className="muted small">A line can serve more than one mission, so these do not add up to the total.</p>
            <table className="brief-table">
              <thead><tr><th scope="col">Mission</th><th scope="col" className="num">Spend</th><th scope="col" className="num">Share of the area</th><th scope="col" className="num">Lines</th></tr></thead>
              <tbody>
                {f.byMission.map((m) => (
                  <tr key={m.label}><th scope="row">{m.label}</th><td className="num">{formatWholePounds(m.pence)}</td><td className="num">{formatShare(m.pence, f.totalPence)}</td><td className="num">{formatCount(m.lines)}</td></tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section className="brief-section">
        <h2>Spend by financial year</h2>
        <BarChart title={`Spend by financial year in ${f.area.name}`} rows={f.byYear.map((y) => ({ label: y.year, value: y.pence, colour: '#3d4f63' }))} width={landscape ? 900 : 680} />
        <table className="brief-table">
          <thead><tr><th scope="col">Financial year (April–March)</th><th scope="col" className="num">Spend</th><th scope="col" className="num">Lines</th></tr></thead>
          <tbody>
            {f.byYear.map((y) => (
              <tr key={y.year}><th scope="row">{y.year}</th><td className="num">{formatWholePounds(y.pence)}</td><td className="num">{formatCount(y.lines)}</td></tr>
            ))}
            {f.undated.lines > 0 && <tr><th scope="row">No date</th><td className="num">{formatWholePounds(f.undated.pence)}</td><td className="num">{formatCount(f.undated.lines)}</td></tr>}
          </tbody>
        </table>
      </section>

      <section className="brief-section" data-testid="brief-meeting">
        <h2>Where spend meets in {f.area.name}</h2>
        {f.meeting.length === 0 ? (
          <p>No meeting place of two or more service areas within {f.meetDistance} m of each other lies in this area.</p>
        ) : (
          <ol className="brief-meet">
            {f.meeting.map((m) => (
              <li key={m.rank}><span className="rank" aria-hidden>{m.rank}</span> {m.sentence}</li>
            ))}
          </ol>
        )}
        {f.gaps.length > 0 && (
          <>
            <h3>Gaps through a mission lens</h3>
            <ul>{f.gaps.map((g) => <li key={g.sentence}>{g.sentence}</li>)}</ul>
            <p className="muted small">A gap is a question to ask, not a finding: the related service may be paid centrally or its lines not located.</p>
          </>
        )}
      </section>

      {f.heard.length > 0 && (
        <section className="brief-section" data-testid="brief-heard">
          <h2>What we heard</h2>
          <p className="muted small">
            Notes taken in workshops, pinned in {f.area.name} or drawn over it: what people said, recorded as said. They are not checked against the
            spend data.
          </p>
          <ul className="brief-heard">
            {f.heard.map((h, i) => (
              <li key={i}>
                “{h.note}”
                <span className="muted small">
                  {' '}
                  ({[h.kind === 'pin' ? 'a pin' : 'an area drawn', h.area, h.slide ? `said on “${h.slide}”` : null, formatDay(h.createdAt)].filter(Boolean).join(' · ')})
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="brief-section">
        <h2>Top suppliers</h2>
        <table className="brief-table" data-testid="brief-suppliers">
          <thead><tr><th scope="col">Supplier</th><th scope="col" className="num">Spend</th><th scope="col" className="num">Share</th><th scope="col" className="num">Lines</th></tr></thead>
          <tbody>
            {f.topSuppliers.map((s) => (
              <tr key={s.supplier}><th scope="row">{s.supplier}</th><td className="num">{formatWholePounds(s.pence)}</td><td className="num">{formatShare(s.pence, f.totalPence)}</td><td className="num">{formatCount(s.lines)}</td></tr>
            ))}
          </tbody>
        </table>
        <p>
          {formatCount(f.supplierCount)} suppliers in all.{' '}
          {supplierSentences(f).join(' ')}
        </p>
      </section>

      <section className="brief-section" data-testid="brief-caveats">
        <h2>Data caveats</h2>
        <ul className="brief-caveats">
          {brief.caveats.map((c) => (
            <li key={c.text} className={c.level}>{c.level === 'warning' ? <strong>Take care: </strong> : null}{c.text}</li>
          ))}
        </ul>
      </section>

      <section className="brief-section" data-testid="brief-sources">
        <h2>Sources and attributions</h2>
        <ul>
          {f.sources.map((s) => (
            <li key={`${s.kind}:${s.file}`}>{s.file} ({SOURCE_KIND[s.kind]}, {formatCount(s.rows)} rows)</li>
          ))}
        </ul>
        <ul>{brief.attributions.map((a) => <li key={a}>{a}</li>)}</ul>
        <p className="muted small">Prepared with PlaceLens, offline, from the project “{f.project.name}”. Money is shown as paid, net of credit notes, to the nearest pound.</p>
      </section>
    </article>
  );
}

const SOURCE_KIND: Record<Brief['facts']['sources'][number]['kind'], string> = {
  wards: 'ward boundaries', spend: 'spend', contracts: 'contract awards', postcodes: 'postcode directory', uprns: 'UPRN table', places: 'places register',
};

/** Horizontal bars drawn as SVG (vectors on paper), with the figures in a table beside for people who cannot see it. */
function BarChart({ title, rows, width }: { title: string; rows: { label: string; value: number; colour: string }[]; width: number }) {
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.value)));
  const labelWidth = 160;
  const valueWidth = 90;
  const row = 22;
  const bar = width - labelWidth - valueWidth;
  const id = title.replace(/\W+/g, '-');
  return (
    <svg className="brief-chart" width={width} height={rows.length * row + 4} role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{rows.map((r) => `${r.label}: ${formatWholePounds(r.value)}`).join('; ')}</desc>
      {rows.map((r, i) => (
        <g key={r.label} transform={`translate(0, ${i * row + 2})`}>
          <text x={labelWidth - 8} y={row / 2 + 4} textAnchor="end" fontSize="12">{r.label}</text>
          <rect x={labelWidth} y={3} width={Math.max(1, (Math.abs(r.value) / max) * bar)} height={row - 8} fill={r.colour} />
          <text x={labelWidth + Math.max(1, (Math.abs(r.value) / max) * bar) + 6} y={row / 2 + 4} fontSize="12">{formatWholePounds(r.value)}</text>
        </g>
      ))}
    </svg>
  );
}

function boundsOf(g: Polygon | MultiPolygon): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  }
  return [w, s, e, n];
}

/** "27 Nov 2026" from an ISO date-time. */
function formatDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
