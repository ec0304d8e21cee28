// The meeting-places panel: the ranked places where service areas meet, the mission-lens gaps, each one's profile
// with "Why is this a meeting place?", and the parameters, saved with the project.

import { useEffect, useState } from 'react';
import { useApp } from '../../store/context';
import { SERVICE_AREA_COLOUR, SERVICE_AREA_LABEL } from '../../domain/service-areas';
import { formatCompact, formatWholePounds } from '../../domain/money';
import { MEETING_AREAS } from '../../domain/meet';
import { DEFAULT_MEET_PARAMS, DISTANCE_RANGE, explainMethod, normaliseMeetParams, type MeetParams, type MeetingArea } from '../../domain/meeting-places';
import type { MeetingPlaceView, MeetingPlacesResult } from '../../engine/contract';
import type { Gap } from '../../domain/meeting-places';
import { isDefaultFilter } from '../../domain/spend-filter';
import './meeting-panel.css';

const count = new Intl.NumberFormat('en-GB');
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });
type Tab = 'ranked' | 'gaps' | 'settings';

export function MeetingPanel() {
  const on = useApp((s) => s.mapLayers.meeting);
  const selectedWard = useApp((s) => s.selectedWard);
  const result = useApp((s) => s.meeting);
  const progress = useApp((s) => s.meetingProgress);
  const chosen = useApp((s) => s.chosenMeeting);
  const choose = useApp((s) => s.chooseMeeting);
  const toggleLayer = useApp((s) => s.toggleLayer);
  const filtered = useApp((s) => !isDefaultFilter(s.filter));
  const [tab, setTab] = useState<Tab>('ranked');

  useEffect(() => {
    if (!on || selectedWard) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      if (chosen) choose(null);
      else toggleLayer('meeting');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [on, selectedWard, chosen, choose, toggleLayer]);

  // A ward's profile takes the same side of the map; the meeting places come back when it closes.
  if (!on || selectedWard) return null;
  const place = chosen?.kind === 'place' ? result?.places[chosen.rank - 1] : undefined;
  const gap = chosen?.kind === 'gap' ? result?.gaps[chosen.index] : undefined;
  return (
    <aside className="meeting-panel panel" aria-label="Meeting places" data-testid="meeting-panel">
      <header>
        <h2>Where services meet</h2>
        <button type="button" className="close" onClick={() => toggleLayer('meeting')} aria-label="Close meeting places">
          ×
        </button>
      </header>
      {progress !== null && (
        <div className="meeting-progress" role="status" data-testid="meeting-progress">
          Finding meeting places… <progress max={1} value={progress} aria-label="Finding meeting places" /> {percent.format(progress)}
        </div>
      )}
      {result && place && <PlaceProfile place={place} result={result} onBack={() => choose(null)} />}
      {result && gap && <GapProfile gap={gap} index={chosen!.kind === 'gap' ? chosen!.index : 0} onBack={() => choose(null)} />}
      {!place && !gap && (
        <>
          <div className="tabs" role="tablist" aria-label="Meeting places views">
            {(['ranked', 'gaps', 'settings'] as const).map((t) => (
              <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)} data-testid={`meeting-tab-${t}`}>
                {t === 'ranked' ? `Ranked${result ? ` (${result.places.length})` : ''}` : t === 'gaps' ? `Gaps${result ? ` (${result.gaps.length})` : ''}` : 'Settings'}
              </button>
            ))}
          </div>
          {filtered && tab !== 'settings' && <p className="filtered-note">Of the spend lines the filters keep.</p>}
          {tab === 'ranked' && result && <Ranked result={result} onChoose={(rank) => choose({ kind: 'place', rank })} />}
          {tab === 'gaps' && result && <Gaps result={result} onChoose={(index) => choose({ kind: 'gap', index })} />}
          {tab === 'settings' && <Settings />}
        </>
      )}
    </aside>
  );
}

function Ranked({ result, onChoose }: { result: MeetingPlacesResult; onChoose(rank: number): void }) {
  const d = result.params.distance;
  if (result.places.length === 0) {
    return (
      <p className="muted" data-testid="meeting-none">
        No meeting places: among the {count.format(result.considered)} located lines of the four service areas, no two areas spend within {d} m of each other with
        at least {Math.round(result.params.minShare * 100)}% of the money each. Try a larger distance in Settings, or fewer filters.
      </p>
    );
  }
  return (
    <>
      <p className="muted small" data-testid="meeting-summary">
        {count.format(result.places.length)} place{result.places.length === 1 ? '' : 's'} where two or more service areas spend within {d} m of each other, best
        first. {count.format(result.placed)} of {count.format(result.considered)} located lines are in one.
      </p>
      <ol className="meeting-list" data-testid="meeting-list">
        {result.places.map((p) => (
          <li key={p.rank}>
            <button type="button" onClick={() => onChoose(p.rank)} data-testid="meeting-item">
              <span className="rank" aria-hidden>{p.rank}</span>
              <span className="body">
                <strong>{p.title}</strong>
                <span className="sentence">{p.sentence}</span>
                <AreaBar place={p} />
              </span>
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}

/** The place's money by area as one stacked bar, the areas in the legend's colours. */
function AreaBar({ place }: { place: MeetingPlaceView }) {
  const total = MEETING_AREAS.reduce((t, a) => t + Math.max(0, place.byArea[a].pence), 0) || 1;
  return (
    <span className="area-bar" aria-hidden>
      {MEETING_AREAS.map((a) => (
        <span key={a} style={{ width: `${(Math.max(0, place.byArea[a].pence) / total) * 100}%`, background: SERVICE_AREA_COLOUR[a] }} />
      ))}
    </span>
  );
}

function Gaps({ result, onChoose }: { result: MeetingPlacesResult; onChoose(index: number): void }) {
  if (result.params.gaps.length === 0) return <p className="muted">No mission lenses are set. Add one in Settings: an area that is heavy, and a related one to look for nearby.</p>;
  return (
    <>
      <p className="muted small">
        Places where one service area spends heavily (in the top {Math.round(result.params.gapTopShare * 100)}% of circles of {result.params.distance} m) and a related one has no
        spend placed within {result.params.distance} m. No spend placed is not the same as no service: the work may be paid centrally, or its lines not located.
      </p>
      {result.gaps.length === 0 ? (
        <p className="muted" data-testid="gaps-none">No gaps found for the lenses in Settings.</p>
      ) : (
        <ol className="meeting-list gaps" data-testid="gap-list">
          {result.gaps.map((g, i) => (
            <li key={i}>
              <button type="button" onClick={() => onChoose(i)} data-testid="gap-item">
                <span className="rank gap" aria-hidden>G{i + 1}</span>
                <span className="body">
                  <strong>{g.title}</strong>
                  <span className="sentence">{g.sentence}</span>
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function PlaceProfile({ place, result, onBack }: { place: MeetingPlaceView; result: MeetingPlacesResult; onBack(): void }) {
  const p = result.params;
  const openBrief = useApp((s) => s.openBrief);
  const areas = MEETING_AREAS.filter((a) => place.byArea[a].lines > 0);
  const max = Math.max(1, ...areas.map((a) => Math.abs(place.byArea[a].pence)));
  return (
    <div className="meeting-profile" data-testid="meeting-profile">
      <button type="button" className="link-button" onClick={onBack} data-testid="meeting-back">← All meeting places</button>
      <h3>
        <span className="rank" aria-hidden>{place.rank}</span> {place.title}
      </h3>
      <p className="sentence" data-testid="meeting-sentence">{place.sentence}</p>
      <button type="button" onClick={() => void openBrief({ kind: 'meeting', rank: place.rank })} data-testid="meeting-brief">Area brief…</button>
      <table className="by-area">
        <thead>
          <tr><th scope="col">Service area</th><th scope="col" className="num">Spend</th><th scope="col" className="num">Lines</th></tr>
        </thead>
        <tbody>
          {areas.map((a) => (
            <tr key={a}>
              <th scope="row">
                <span className="swatch" style={{ background: SERVICE_AREA_COLOUR[a] }} aria-hidden />
                {SERVICE_AREA_LABEL[a]}
                {!place.present.includes(a) && <span className="muted small"> (under {Math.round(p.minShare * 100)}%: not counted)</span>}
                <span className="bar" style={{ width: `${(Math.abs(place.byArea[a].pence) / max) * 100}%`, background: SERVICE_AREA_COLOUR[a] }} />
              </th>
              <td className="num">{formatWholePounds(place.byArea[a].pence)}</td>
              <td className="num">{count.format(place.byArea[a].lines)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Suppliers</h4>
      <p>
        {count.format(place.suppliers)} supplier{place.suppliers === 1 ? '' : 's'};{' '}
        {place.sharedSupplierCount === 0 ? 'none works in more than one of its service areas.' : `${count.format(place.sharedSupplierCount)} work${place.sharedSupplierCount === 1 ? 's' : ''} in more than one:`}
      </p>
      {place.sharedSuppliers.length > 0 && (
        <ul className="compact" data-testid="shared-suppliers">
          {place.sharedSuppliers.map((s) => (
            <li key={s.name}>
              {s.name} <span className="muted small">({s.areas.map((a) => SERVICE_AREA_LABEL[a].toLowerCase()).join(', ')})</span>
            </li>
          ))}
          {place.sharedSupplierCount > place.sharedSuppliers.length && <li className="muted small">and {place.sharedSupplierCount - place.sharedSuppliers.length} more</li>}
        </ul>
      )}
      <h4>Named places it touches</h4>
      <p data-testid="meeting-touches">{place.touches.length === 0 ? <span className="muted">None in the places register.</span> : place.touches.map((t) => `${t.name} (${t.kind.replace(/-/g, ' ')})`).join(', ')}</p>
      <h4>Wards</h4>
      <p data-testid="meeting-wards">{place.wards.map((w) => `${w.name} (${formatCompact(w.pence)})`).join(', ') || <span className="muted">Outside every ward.</span>}</p>
      <h4>When the services overlap</h4>
      <p data-testid="meeting-months">{monthsText(place.overlapMonths)}</p>
      <details className="why" data-testid="meeting-why">
        <summary>Why is this a meeting place?</summary>
        <p>
          Score {place.score.toFixed(2)} = ({place.scoreParts.areas.toFixed(2)} for {place.present.length} areas + {place.scoreParts.balance.toFixed(2)} for evenness{' '}
          {place.evenness.toFixed(2)} + {place.scoreParts.money.toFixed(2)} for {formatCompact(place.total)}) × {place.scoreParts.confidenceFactor.toFixed(2)} for locating
          ({percent.format(place.approximateShare)} of its money placed only at a postcode's centre or a named place).
        </p>
        {place.kind === 'overlap' ? (
          <p>These two outlined places overlap or touch, and the spend inside them together holds {place.present.length} service areas.</p>
        ) : (
          <p>Its {count.format(place.lines)} lines are each within {p.distance} m of a line of another service area in it.</p>
        )}
        <ul>
          {explainMethod(p).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function GapProfile({ gap, index, onBack }: { gap: Gap; index: number; onBack(): void }) {
  return (
    <div className="meeting-profile" data-testid="gap-profile">
      <button type="button" className="link-button" onClick={onBack}>← All gaps and places</button>
      <h3>
        <span className="rank gap" aria-hidden>G{index + 1}</span> {gap.title}
      </h3>
      <p className="sentence">{gap.sentence}</p>
      <p>
        {SERVICE_AREA_LABEL[gap.lens.heavy]}: {formatWholePounds(gap.heavyPence)} in {count.format(gap.heavyLines)} line{gap.heavyLines === 1 ? '' : 's'} within the dashed circle.{' '}
        {SERVICE_AREA_LABEL[gap.lens.missing]}: none placed there.
      </p>
      <p className="muted small">
        A gap is a question to ask, not a finding: the related service may be paid from a central budget, delivered from just outside the circle, or its spend lines may
        not carry a location. Check the ledger's unlocated lines before drawing a conclusion.
      </p>
    </div>
  );
}

function monthsText(months: readonly string[]): string {
  if (months.length === 0) return 'The service areas have no dated spend here in the same month.';
  const label = (m: string) => new Date(`${m}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  // Runs of consecutive months, so three years of overlap reads as one range rather than 36 names.
  const runs: [string, string][] = [];
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  for (const m of months) {
    const last = runs[runs.length - 1];
    if (last && index(m) === index(last[1]) + 1) last[1] = m;
    else runs.push([m, m]);
  }
  const text = runs.map(([a, b]) => (a === b ? label(a) : `${label(a)} – ${label(b)}`)).join(', ');
  return `In ${months.length} month${months.length === 1 ? '' : 's'} two or more of its service areas spent here: ${text}.`;
}

function Settings() {
  const stored = useApp((s) => s.meetParams);
  const setMeetParams = useApp((s) => s.setMeetParams);
  const missions = useApp((s) => s.filterOptions?.missions ?? []);
  const [draft, setDraft] = useState<MeetParams>(stored);
  useEffect(() => setDraft(stored), [stored]);
  const changed = JSON.stringify(normaliseMeetParams(draft)) !== JSON.stringify(stored);
  const num = (value: string) => (value.trim() === '' ? NaN : Number(value));
  const weight = (key: keyof MeetParams['weights'], label: string, hint: string) => (
    <label>
      {label}
      <input type="number" step="0.1" min={0} max={key === 'confidence' ? 1 : 10} value={draft.weights[key]} onChange={(e) => setDraft({ ...draft, weights: { ...draft.weights, [key]: num(e.target.value) } })} data-testid={`meet-weight-${key}`} />
      <span className="muted small">{hint}</span>
    </label>
  );
  const areaSelect = (value: MeetingArea, onChange: (a: MeetingArea) => void, label: string) => (
    <select value={value} onChange={(e) => onChange(e.target.value as MeetingArea)} aria-label={label}>
      {MEETING_AREAS.map((a) => (
        <option key={a} value={a}>{SERVICE_AREA_LABEL[a]}</option>
      ))}
    </select>
  );
  return (
    <form
      className="meet-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void setMeetParams(normaliseMeetParams(draft));
      }}
      data-testid="meet-settings"
    >
      <p className="muted small">Saved with the project. Every figure in the panel says how it was computed.</p>
      <label>
        Distance (metres)
        <input type="number" min={DISTANCE_RANGE.min} max={DISTANCE_RANGE.max} step={25} value={draft.distance} onChange={(e) => setDraft({ ...draft, distance: num(e.target.value) })} data-testid="meet-distance" />
        <span className="muted small">Lines of different service areas this close meet.</span>
      </label>
      <label>
        Smallest share that counts (%)
        <input type="number" min={0} max={50} step={1} value={Math.round(draft.minShare * 1000) / 10} onChange={(e) => setDraft({ ...draft, minShare: num(e.target.value) / 100 })} data-testid="meet-min-share" />
        <span className="muted small">An area is present when it has at least this share of a place's money (also for the ward mix and hexes).</span>
      </label>
      <label>
        Places listed at most
        <input type="number" min={1} max={1000} value={draft.maxPlaces} onChange={(e) => setDraft({ ...draft, maxPlaces: num(e.target.value) })} data-testid="meet-max-places" />
      </label>
      <label>
        Hex size (H3 resolution)
        <select value={draft.hexResolution} onChange={(e) => setDraft({ ...draft, hexResolution: Number(e.target.value) })} data-testid="meet-hex-resolution">
          {[7, 8, 9, 10].map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Score weights</legend>
        {weight('areas', 'Per service area present', 'More areas meeting ranks higher.')}
        {weight('balance', 'For even spend', 'Times evenness (0–1).')}
        {weight('money', 'Per tenfold of money', 'Times log10 of the £ spent.')}
        {weight('confidence', 'Locating penalty (0–1)', 'Times the share placed only approximately.')}
      </fieldset>
      <fieldset>
        <legend>Gaps: mission lenses</legend>
        <label>
          Heavy means the top (%)
          <input type="number" min={1} max={100} value={Math.round(draft.gapTopShare * 100)} onChange={(e) => setDraft({ ...draft, gapTopShare: num(e.target.value) / 100 })} data-testid="meet-gap-top" />
        </label>
        <ul className="lenses">
          {draft.gaps.map((g, i) => {
            const update = (next: Partial<typeof g>) => setDraft({ ...draft, gaps: draft.gaps.map((x, j) => (j === i ? { ...x, ...next } : x)) });
            return (
              <li key={i} data-testid="meet-lens">
                <select value={g.mission} onChange={(e) => update({ mission: e.target.value })} aria-label={`Lens ${i + 1}: mission`}>
                  {[...new Set([g.mission, ...missions.map((m) => m.id)])].map((id) => (
                    <option key={id} value={id}>{missions.find((m) => m.id === id)?.label ?? id}</option>
                  ))}
                </select>
                : heavy {areaSelect(g.heavy, (heavy) => update({ heavy }), `Lens ${i + 1}: heavy area`)} with no{' '}
                {areaSelect(g.missing, (missing) => update({ missing }), `Lens ${i + 1}: missing area`)} nearby
                <button type="button" className="link-button" onClick={() => setDraft({ ...draft, gaps: draft.gaps.filter((_, j) => j !== i) })} aria-label={`Remove lens ${i + 1}`}>
                  Remove
                </button>
                {g.heavy === g.missing && <span className="error small"> The two areas must differ.</span>}
              </li>
            );
          })}
        </ul>
        <button type="button" onClick={() => setDraft({ ...draft, gaps: [...draft.gaps, { mission: missions[0]?.id ?? 'young-people', heavy: 'estates', missing: 'youth' }] })} data-testid="meet-add-lens">
          Add a lens
        </button>
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={!changed} data-testid="meet-apply">Apply</button>
        <button type="button" onClick={() => setDraft(DEFAULT_MEET_PARAMS)}>Defaults</button>
      </div>
    </form>
  );
}
