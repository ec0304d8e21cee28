// Stories for workshops: ordered slides, each a saved view of the map with a title and a plain-English caption.
// Pure functions over plain data, so the store, the engine (which keeps slides in the project file) and the
// exports agree on what a slide is, and a damaged slide read from a file is reported rather than shown wrong.

import { defaultFilter, LOCATE_METHODS, type SpendFilter } from './spend-filter';
import { isServiceArea, SERVICE_AREA_LABEL, SERVICE_AREAS, type ByArea, type ServiceArea } from './service-areas';
import { formatCompact } from './money';
import { listAreas } from './meet';
import type { WardMetric } from './choropleth';
import { formatPeriod } from './brief';

/** Where the map looks: centre [lon, lat], zoom, and rotation/tilt (0 unless the person turned the map). */
export interface SlideView {
  centre: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

/** What the slide shows on the map besides where it looks. */
export interface SlideState {
  filter: SpendFilter;
  /** Map layers by name (shading, points, heat…): only the ones the slide sets; others keep their defaults. */
  layers: Record<string, boolean>;
  wardMetric: WardMetric;
  selectedWard: string | null;
  meeting: { kind: 'place'; rank: number } | { kind: 'gap'; index: number } | null;
}

export interface Slide {
  id: string;
  title: string;
  caption: string;
  /** The facilitator's own notes (presenter view); never shown to the room. */
  notes: string;
  view: SlideView;
  state: SlideState;
}

/** What a story is called until the facilitator names it. */
export const DEFAULT_STORY_NAME = 'Workshop story';
export const TITLE_MAX = 120;
export const CAPTION_MAX = 600;
export const NOTES_MAX = 4000;
const WARD_METRICS: readonly WardMetric[] = ['pence', 'lines', 'per-resident', 'mix'];

/** A fresh slide id: short, unique within a project, stable across saves. */
export function newSlideId(taken: Iterable<string>, random: () => number = Math.random): string {
  const used = new Set(taken);
  for (;;) {
    const id = `s${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
    if (!used.has(id)) return id;
  }
}

/** Moves the slide at `from` to `to` (both clamped), leaving the others in order. */
export function moveSlide(slides: readonly Slide[], from: number, to: number): Slide[] {
  const out = [...slides];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [moved] = out.splice(from, 1);
  out.splice(target, 0, moved!);
  return out;
}

/** A copy of the slide at `index`, placed right after it, titled as a copy. */
export function duplicateSlide(slides: readonly Slide[], index: number, id: string): Slide[] {
  const source = slides[index];
  if (!source) return [...slides];
  const copy: Slide = structuredClone(source);
  copy.id = id;
  copy.title = clip(`${source.title} (copy)`, TITLE_MAX);
  const out = [...slides];
  out.splice(index + 1, 0, copy);
  return out;
}

/** A removed slide and where it was, so Undo puts it back in the same place. */
export interface RemovedSlide {
  slide: Slide;
  index: number;
}

export function removeSlide(slides: readonly Slide[], index: number): { slides: Slide[]; removed: RemovedSlide | null } {
  const slide = slides[index];
  if (!slide) return { slides: [...slides], removed: null };
  return { slides: slides.filter((_, i) => i !== index), removed: { slide, index } };
}

export function restoreSlide(slides: readonly Slide[], removed: RemovedSlide): Slide[] {
  if (slides.some((s) => s.id === removed.slide.id)) return [...slides];
  const out = [...slides];
  out.splice(Math.min(removed.index, out.length), 0, removed.slide);
  return out;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// --- Reading slides back: every field checked, so a hand-edited or damaged project cannot put nonsense on the map.

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every(isStr) ? v : null);

/** A stored filter made safe: each field that is not what the filter needs falls back to "no condition". */
export function normaliseFilter(raw: unknown): SpendFilter {
  const base = defaultFilter();
  if (!raw || typeof raw !== 'object') return base;
  const r = raw as Record<string, unknown>;
  const areas = strings(r.areas)?.filter(isServiceArea);
  const methods = strings(r.methods)?.filter((m): m is SpendFilter['methods'][number] => (LOCATE_METHODS as readonly string[]).includes(m));
  const date = (v: unknown) => (isStr(v) && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
  const pence = (v: unknown) => (isNum(v) && Number.isSafeInteger(v) ? v : null);
  const bbox = Array.isArray(r.bbox) && r.bbox.length === 4 && r.bbox.every(isNum) ? (r.bbox as [number, number, number, number]) : null;
  const lasso =
    Array.isArray(r.lasso) && r.lasso.length >= 3 && r.lasso.every((p) => Array.isArray(p) && p.length === 2 && p.every(isNum))
      ? (r.lasso as [number, number][])
      : null;
  const picked = Array.isArray(r.picked) && r.picked.every((id) => isNum(id) && Number.isSafeInteger(id)) ? (r.picked as number[]) : null;
  return {
    areas: areas ? SERVICE_AREAS.filter((a) => areas.includes(a)) : base.areas,
    missions: strings(r.missions) ?? base.missions,
    from: date(r.from),
    to: date(r.to),
    minPence: pence(r.minPence),
    maxPence: pence(r.maxPence),
    supplierText: isStr(r.supplierText) ? r.supplierText : '',
    suppliers: strings(r.suppliers) ?? [],
    departments: strings(r.departments) ?? [],
    methods: methods ?? base.methods,
    unlocated: typeof r.unlocated === 'boolean' ? r.unlocated : base.unlocated,
    redacted: typeof r.redacted === 'boolean' ? r.redacted : base.redacted,
    bbox,
    // Absent rather than null when not set, as a fresh filter has them.
    ...(lasso ? { lasso } : {}),
    ...(picked ? { picked } : {}),
  };
}

/**
 * A slide from its stored parts (the project file keeps view and state as JSON text). Returns the reason it cannot
 * be used instead when the view is unreadable: a slide that would fly the map to nowhere is worse than none.
 */
export function readSlide(row: { readonly [field: string]: unknown }): { slide: Slide } | { reason: string } {
  const id = isStr(row.id) && row.id.trim() ? row.id : null;
  if (!id) return { reason: 'it has no id' };
  let view: unknown;
  let state: unknown;
  try {
    view = typeof row.view === 'string' ? JSON.parse(row.view) : row.view;
  } catch {
    return { reason: 'its map view is not readable JSON' };
  }
  try {
    state = typeof row.state === 'string' ? JSON.parse(row.state) : row.state;
  } catch {
    return { reason: 'its filters and layers are not readable JSON' };
  }
  const v = (view ?? {}) as Record<string, unknown>;
  const c = Array.isArray(v.centre) && v.centre.length === 2 && v.centre.every(isNum) ? (v.centre as [number, number]) : null;
  if (!c || Math.abs(c[0]) > 180 || Math.abs(c[1]) > 85.06) return { reason: 'its map centre is not a longitude and latitude' };
  if (!isNum(v.zoom) || v.zoom < 0 || v.zoom > 24) return { reason: 'its zoom is not between 0 and 24' };
  const s = (state ?? {}) as Record<string, unknown>;
  const layers: Record<string, boolean> = {};
  if (s.layers && typeof s.layers === 'object') for (const [k, on] of Object.entries(s.layers)) if (typeof on === 'boolean') layers[k] = on;
  const m = s.meeting as Record<string, unknown> | null | undefined;
  const meeting: SlideState['meeting'] =
    m && m.kind === 'place' && isNum(m.rank) && m.rank >= 1 ? { kind: 'place', rank: Math.floor(m.rank) }
      : m && m.kind === 'gap' && isNum(m.index) && m.index >= 0 ? { kind: 'gap', index: Math.floor(m.index) }
        : null;
  return {
    slide: {
      id,
      title: clip(isStr(row.title) ? row.title : '', TITLE_MAX),
      caption: clip(isStr(row.caption) ? row.caption : '', CAPTION_MAX),
      notes: clip(isStr(row.notes) ? row.notes : '', NOTES_MAX),
      view: {
        centre: [c[0], c[1]],
        zoom: v.zoom,
        bearing: isNum(v.bearing) ? v.bearing : 0,
        pitch: isNum(v.pitch) && v.pitch >= 0 && v.pitch <= 85 ? v.pitch : 0,
      },
      state: {
        filter: normaliseFilter(s.filter),
        layers,
        wardMetric: WARD_METRICS.includes(s.wardMetric as WardMetric) ? (s.wardMetric as WardMetric) : 'pence',
        selectedWard: isStr(s.selectedWard) ? s.selectedWard : null,
        meeting,
      },
    },
  };
}

// --- Captions the app proposes: built only from the figures on screen, in words a resident would use.

export interface CaptionFacts {
  /** The ward shown, if one is selected. */
  wardName: string | null;
  /** The meeting place shown: its own sentence, which already says what meets there. */
  meeting: { title: string; sentence: string } | null;
  pence: number;
  lines: number;
  byArea: ByArea<number>;
  filter: SpendFilter;
  /** "2023–24" or "1 Apr 2022 – 31 Mar 2025": the period the filter keeps, as words. */
  period: string | null;
  /** Mission ids to the names people know them by. */
  missionLabel(id: string): string;
}

/** A title and caption for a slide, proposed from the figures; the facilitator edits them. */
export function proposeCaption(f: CaptionFacts): { title: string; caption: string } {
  const place = f.meeting ? f.meeting.title : f.wardName ? `${f.wardName} ward` : 'the borough';
  const shown = SERVICE_AREAS.filter((a) => f.filter.areas.includes(a));
  const some = shown.length > 0 && shown.length < SERVICE_AREAS.length;
  const missions = f.filter.missions.map(f.missionLabel);
  const topic = missions.length > 0 ? `${missions.join(' and ')} mission` : some ? listAreas(shown, SERVICE_AREA_LABEL) : 'council spend';
  const title = clip(`${capitalise(topic)} in ${place}`, TITLE_MAX);
  const parts: string[] = [];
  if (f.meeting) parts.push(f.meeting.sentence);
  if (f.lines === 0) {
    parts.push(`No spend${f.period ? ` in ${f.period}` : ''} is shown here with these filters.`);
  } else {
    const where = f.wardName && !f.meeting ? `in ${f.wardName}` : f.meeting ? 'in the area shown' : 'across the borough';
    parts.push(`${formatCompact(f.pence)} of ${topic} ${where}${f.period ? ` in ${f.period}` : ''}, over ${f.lines.toLocaleString('en-GB')} payment${f.lines === 1 ? '' : 's'}.`);
    const ranked = SERVICE_AREAS.filter((a) => f.byArea[a] > 0).sort((a, b) => f.byArea[b] - f.byArea[a]);
    const positive = ranked.reduce((t, a) => t + f.byArea[a], 0);
    if (ranked.length >= 2 && positive > 0) {
      const [first, second] = ranked;
      const pct = (a: ServiceArea) => Math.round((100 * f.byArea[a]) / positive);
      parts.push(`${SERVICE_AREA_LABEL[first!]} is the largest part (${pct(first!)}%), then ${SERVICE_AREA_LABEL[second!].toLowerCase()} (${pct(second!)}%).`);
    } else if (ranked.length === 1) {
      parts.push(`All of it is ${SERVICE_AREA_LABEL[ranked[0]!].toLowerCase()}.`);
    }
  }
  return { title, caption: clip(parts.join(' '), CAPTION_MAX) };
}

/** The filter's dates as words: "2023–24" for a financial year, else the dates; null when the filter keeps every date. */
export function periodOfFilter(filter: Pick<SpendFilter, 'from' | 'to'>): string | null {
  const { from, to } = filter;
  if (!from && !to) return null;
  const fy = from && to && /^(\d{4})-04-01$/.exec(from);
  if (fy && to === `${Number(fy[1]) + 1}-03-31`) return `${fy[1]}–${String((Number(fy[1]) + 1) % 100).padStart(2, '0')}`;
  if (from && to) return formatPeriod(from, to);
  return from ? `from ${formatPeriod(from, from)}` : `up to ${formatPeriod(to, to)}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
