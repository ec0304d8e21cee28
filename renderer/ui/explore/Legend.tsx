// The legend: the £ scale of the ward shading and the service areas, each switchable.

import { useApp } from '../../store/context';
import { SERVICE_AREAS, SERVICE_AREA_COLOUR, SERVICE_AREA_LABEL } from '../../domain/service-areas';
import { CLASS_METHOD_LABEL, NO_SPEND_COLOUR, WARD_METRIC_LABEL, type ClassMethod, type WardMetric } from '../../domain/choropleth';
import { MIX_COLOURS } from '../../domain/meet';
import { formatCompact } from '../../domain/money';

// H3's average hexagon areas (h3geo.org): what each resolution means on the ground.
const HEX_SIZE: Record<number, string> = { 7: 'About 5 km² (res 7)', 8: 'About 0.7 km² (res 8)', 9: 'About 0.1 km², a few blocks (res 9)', 10: 'About 0.015 km², a block (res 10)' };

const PLACE_KEY: Record<string, string> = { E: 'estate', P: 'park', Y: 'youth centre', S: 'school', C: 'care home', L: 'library' };

export function Legend() {
  const classes = useApp((s) => s.classes);
  const metric = useApp((s) => s.wardMetric);
  const layers = useApp((s) => s.mapLayers);
  const wardTableOpen = useApp((s) => s.wardTableOpen);
  const hexResolution = useApp((s) => s.hexResolution);
  const setHexResolution = useApp((s) => s.setHexResolution);
  const toggleWardTable = useApp((s) => s.toggleWardTable);
  const hasPopulation = useApp((s) => s.mapData?.wards.features.some((f) => (f.properties.population ?? 0) > 0) ?? false);
  const toggleLayer = useApp((s) => s.toggleLayer);
  const openMapImage = useApp((s) => s.openMapImage);
  const minShare = useApp((s) => s.meetParams.minShare);
  const method = useApp((s) => s.classMethod);
  const setMetric = useApp((s) => s.setWardMetric);
  const setMethod = useApp((s) => s.setClassMethod);
  const areas = useApp((s) => s.filter.areas);
  const toggleArea = useApp((s) => s.toggleArea);
  const wards = useApp((s) => s.filteredWards ?? s.mapData?.wards ?? null);
  const loading = useApp((s) => s.status === 'loading');
  const enabled = Object.fromEntries(SERVICE_AREAS.map((a) => [a, areas.includes(a)])) as Record<(typeof SERVICE_AREAS)[number], boolean>;
  // Counted over the other filters with every area switched on would be nicer; these are what the map shows.
  const placedByArea = new Map<string, number>();
  for (const f of wards?.features ?? []) for (const a of SERVICE_AREAS) placedByArea.set(a, (placedByArea.get(a) ?? 0) + f.properties[a]);

  return (
    <section className="legend panel" aria-label="Legend">
      <button type="button" className="wards-as-table" aria-pressed={wardTableOpen} onClick={() => toggleWardTable()} data-testid="wards-as-table">
        {wardTableOpen ? 'Hide the wards table' : 'Wards as a table'}
      </button>{' '}
      <button type="button" className="wards-as-table" onClick={() => openMapImage(true)} data-testid="export-map-image">
        Export map image…
      </button>
      <h2>{metric === 'lines' ? 'Spend lines by ward' : metric === 'per-resident' ? 'Spend per resident by ward' : metric === 'mix' ? 'Service areas that meet, by ward' : 'Total spend by ward'}</h2>
      <div className="legend-options">
        <label>
          Shade by{' '}
          <select value={metric} onChange={(e) => setMetric(e.target.value as WardMetric)} data-testid="ward-metric">
            {(hasPopulation ? (['pence', 'per-resident', 'lines', 'mix'] as const) : (['pence', 'lines', 'mix'] as const)).map((m) => (
              <option key={m} value={m}>
                {WARD_METRIC_LABEL[m]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Classes{' '}
          <select value={method} onChange={(e) => setMethod(e.target.value as ClassMethod)} disabled={metric === 'mix'} data-testid="class-method">
            {(Object.keys(CLASS_METHOD_LABEL) as ClassMethod[]).map((m) => (
              <option key={m} value={m}>
                {CLASS_METHOD_LABEL[m]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {loading ? (
        <p className="muted">Placing spend lines in the wards…</p>
      ) : classes.length === 0 ? (
        <p className="muted">No spend is placed in these wards.</p>
      ) : (
        <ul className="scale" data-testid="choropleth-legend">
          {[...classes].reverse().map((c) => (
            <li key={c.from}>
              <span className="swatch wide" style={{ background: c.colour }} aria-hidden />
              {c.label}
            </li>
          ))}
          <li>
            <span className="swatch wide" style={{ background: NO_SPEND_COLOUR }} aria-hidden />
            {metric === 'lines' ? 'No lines placed' : metric === 'per-resident' ? 'No spend, or population not known' : metric === 'mix' ? 'None of the four' : 'No spend placed'}
          </li>
        </ul>
      )}
      <h2>Spend lines by service area</h2>
      <ul className="areas">
        {SERVICE_AREAS.map((a) => (
          <li key={a}>
            <label className={enabled[a] ? '' : 'off'}>
              <input type="checkbox" checked={enabled[a]} onChange={() => toggleArea(a)} data-testid={`toggle-${a}`} />
              <span className="dot" style={{ background: enabled[a] ? SERVICE_AREA_COLOUR[a] : 'transparent', borderColor: SERVICE_AREA_COLOUR[a] }} aria-hidden />
              <span className="area-name">{SERVICE_AREA_LABEL[a]}</span>
              <span className="num">{loading ? '…' : formatCompact(placedByArea.get(a) ?? 0)}</span>
            </label>
          </li>
        ))}
      </ul>
      <h2>Map layers</h2>
      <ul className="layers">
        {(
          [
            ['shading', 'Ward shading'],
            ['points', 'Spend points (sized by amount)'],
            ['clusters', 'Spend points, grouped where dense'],
            ['heat', 'Heat map of spend'],
            ['places', 'Places register'],
            ['hexes', 'Where services meet (hexes)'],
            ['meeting', 'Meeting places and gaps'],
            ['notes', 'Workshop notes'],
          ] as const
        ).map(([key, label]) => (
          <li key={key}>
            <label>
              <input type="checkbox" checked={layers[key]} onChange={() => toggleLayer(key)} data-testid={`layer-${key}`} />
              {label}
            </label>
          </li>
        ))}
      </ul>
      {layers.hexes && (
        <div className="hex-key" data-testid="hex-key">
          <label>
            Hex size{' '}
            <select value={hexResolution} onChange={(e) => void setHexResolution(Number(e.target.value))} data-testid="hex-resolution">
              {[7, 8, 9, 10].map((r) => (
                <option key={r} value={r}>
                  {HEX_SIZE[r]}
                </option>
              ))}
            </select>
          </label>
          <ul className="scale">
            {[4, 3, 2, 1].map((k) => (
              <li key={k}>
                <span className="swatch wide" style={{ background: MIX_COLOURS[k] }} aria-hidden />
                {k} service area{k === 1 ? '' : 's'}
              </li>
            ))}
          </ul>
          <p className="muted small">A service area counts when it has at least {Math.round(minShare * 1000) / 10}% of the hex's spend. Fainter, dotted hexes rest mostly on lines placed at a postcode's centre or a named place.</p>
        </div>
      )}
      {layers.places && (
        <p className="muted small place-key" data-testid="place-key">
          Places: {Object.entries(PLACE_KEY).map(([letter, kind]) => `${letter} ${kind}`).join(' · ')}; outlined areas are estates and parks.
        </p>
      )}
      <p className="muted small">Amounts are net spend placed in the wards, under the filters. Points are the lines placed at a point.</p>
    </section>
  );
}
