// What the person has asked to see: one filter that the map, the panels and the table all obey, and its chips.

import { SERVICE_AREAS, SERVICE_AREA_LABEL, type ServiceArea } from './service-areas';
import { LOCATE_METHOD_LABEL, type LocateMethod } from './locate';
import { formatCompact, type Pence } from './money';

/** The locating methods, most precise first; a line's method is stored as its index here ('unlocated' last). */
export const LOCATE_METHODS = ['coordinates', 'uprn', 'postcode', 'place', 'ward-name', 'supplier-address'] as const satisfies readonly LocateMethod[];
export const UNLOCATED = LOCATE_METHODS.length;

export type Confidence = 'high' | 'medium' | 'low';

/** How far a line's position can be trusted, by how it was placed. */
export const METHOD_CONFIDENCE: Record<LocateMethod, Confidence> = {
  coordinates: 'high',
  uprn: 'high',
  postcode: 'medium',
  place: 'medium',
  'ward-name': 'low',
  'supplier-address': 'low',
};

export const CONFIDENCE_LABEL: Record<Confidence, string> = {
  high: 'High (coordinates or property)',
  medium: 'Medium (postcode or named place)',
  low: "Low (ward named, no point; or the supplier's address)",
};

export interface SpendFilter {
  /** Service areas shown; all of them by default. */
  areas: ServiceArea[];
  /** Lines serving any of these missions; empty for no mission filter. */
  missions: string[];
  /** Inclusive ISO dates (yyyy-mm-dd); a date filter leaves out lines with no date. */
  from: string | null;
  to: string | null;
  /** Inclusive amount range in pence; credit notes are negative. */
  minPence: Pence | null;
  maxPence: Pence | null;
  /** Case-insensitive part of a supplier's name (search as you type); '' for none. */
  supplierText: string;
  /** Exact supplier names picked from the suggestions; empty for none. */
  suppliers: string[];
  /** Departments / organisational units; empty for all. */
  departments: string[];
  /** Locating methods of placed lines shown; all by default. */
  methods: LocateMethod[];
  /** Lines PlaceLens could not place (they count in totals and the table, never on the map). */
  unlocated: boolean;
  /** Payees whose names were withheld ("REDACTED", "personal data"). */
  redacted: boolean;
  /** A box drawn on the map, [west, south, east, north]: only lines with a point inside it. */
  bbox: [number, number, number, number] | null;
  /** A shape drawn freehand on the map (Alt and drag), as a ring of [lon, lat]: only lines with a point inside it. */
  lasso?: [number, number][] | null;
  /** Lines picked on the map by their points (Shift and click), by spend line id. */
  picked?: number[] | null;
}

export function defaultFilter(): SpendFilter {
  return {
    areas: [...SERVICE_AREAS],
    missions: [],
    from: null,
    to: null,
    minPence: null,
    maxPence: null,
    supplierText: '',
    suppliers: [],
    departments: [],
    methods: [...LOCATE_METHODS],
    unlocated: true,
    redacted: true,
    bbox: null,
  };
}

export type FilterKey = 'areas' | 'missions' | 'dates' | 'amount' | 'supplierText' | 'suppliers' | 'departments' | 'methods' | 'unlocated' | 'redacted' | 'bbox' | 'lasso' | 'picked';

export interface FilterChip {
  key: FilterKey;
  /** Plain words for what is being left out or kept, e.g. "Service areas: Youth services, Green spaces". */
  label: string;
}

/** The active filters as chips, each clearable on its own; none for the default filter. */
export function filterChips(f: SpendFilter, missionLabel: (id: string) => string = (id) => id): FilterChip[] {
  const chips: FilterChip[] = [];
  if (f.areas.length < SERVICE_AREAS.length) {
    chips.push({ key: 'areas', label: f.areas.length === 0 ? 'Service areas: none' : `Service areas: ${f.areas.map((a) => SERVICE_AREA_LABEL[a]).join(', ')}` });
  }
  if (f.missions.length > 0) chips.push({ key: 'missions', label: `Missions: ${f.missions.map(missionLabel).join(', ')}` });
  if (f.from || f.to) chips.push({ key: 'dates', label: `Dates: ${dateRangeLabel(f.from, f.to)}` });
  if (f.minPence !== null || f.maxPence !== null) chips.push({ key: 'amount', label: `Amount: ${amountRangeLabel(f.minPence, f.maxPence)}` });
  if (f.supplierText.trim()) chips.push({ key: 'supplierText', label: `Supplier contains “${f.supplierText.trim()}”` });
  if (f.suppliers.length > 0) chips.push({ key: 'suppliers', label: `Suppliers: ${listLabel(f.suppliers)}` });
  if (f.departments.length > 0) chips.push({ key: 'departments', label: `Departments: ${listLabel(f.departments)}` });
  if (f.methods.length < LOCATE_METHODS.length) {
    chips.push({ key: 'methods', label: f.methods.length === 0 ? 'Placed lines: none' : `Placed by: ${f.methods.map(methodShortLabel).join(', ')}` });
  }
  if (!f.unlocated) chips.push({ key: 'unlocated', label: 'Unlocated lines left out' });
  if (!f.redacted) chips.push({ key: 'redacted', label: 'Redacted payees left out' });
  if (f.bbox) chips.push({ key: 'bbox', label: 'Area drawn on the map' });
  if (f.lasso && f.lasso.length >= 3) chips.push({ key: 'lasso', label: 'Shape drawn on the map' });
  if (f.picked && f.picked.length > 0) chips.push({ key: 'picked', label: `${f.picked.length} line${f.picked.length === 1 ? '' : 's'} picked on the map` });
  return chips;
}

/** The filter with one chip's condition taken away. */
export function clearChip(f: SpendFilter, key: FilterKey): SpendFilter {
  const d = defaultFilter();
  switch (key) {
    case 'dates':
      return { ...f, from: null, to: null };
    case 'amount':
      return { ...f, minPence: null, maxPence: null };
    case 'lasso':
    case 'picked': {
      const { [key]: _gone, ...rest } = f;
      return rest;
    }
    default:
      return { ...f, [key]: d[key] };
  }
}

export function isDefaultFilter(f: SpendFilter): boolean {
  return filterChips(f).length === 0;
}

function listLabel(items: readonly string[]): string {
  return items.length <= 2 ? items.join(', ') : `${items.slice(0, 2).join(', ')} and ${items.length - 2} more`;
}

export function methodShortLabel(m: LocateMethod): string {
  return { coordinates: 'coordinates', uprn: 'UPRN', postcode: 'postcode', place: 'named place', 'ward-name': 'ward name', 'supplier-address': "supplier's address" }[m];
}

export function methodLabel(m: LocateMethod): string {
  return LOCATE_METHOD_LABEL[m];
}

function dateRangeLabel(from: string | null, to: string | null): string {
  if (from && to) return `${from} to ${to}`;
  if (from) return `from ${from}`;
  return `up to ${to}`;
}

function amountRangeLabel(min: Pence | null, max: Pence | null): string {
  if (min !== null && max !== null) return `${formatCompact(min)} to ${formatCompact(max)}`;
  if (min !== null) return `at least ${formatCompact(min)}`;
  return `at most ${formatCompact(max ?? 0)}`;
}

const DAY_MS = 86_400_000;
/** A line with no date, in the day column. */
export const NO_DAY = -2_147_483_648;

/** Days since 1970-01-01 for an ISO date (yyyy-mm-dd…); NO_DAY for null or unreadable. */
export function dayNumber(iso: string | null | undefined): number {
  if (!iso || iso.length < 10) return NO_DAY;
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return NO_DAY;
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The UK public-sector financial year (1 April to 31 March) a day falls in, as "2023/24". */
export function financialYear(day: number): string {
  const date = new Date(day * DAY_MS);
  const y = date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
}

/** The first and last day of the financial year "2023/24". */
export function financialYearRange(label: string): { from: string; to: string } {
  const y = Number(label.slice(0, 4));
  return { from: `${y}-04-01`, to: `${y + 1}-03-31` };
}

/** The first and last day of the month "2023-05". */
export function monthRange(month: string): { from: string; to: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Every month from the first to the last, inclusive ("2022-04", "2022-05", …). */
export function monthsBetween(firstIso: string, lastIso: string): string[] {
  const out: string[] = [];
  let y = Number(firstIso.slice(0, 4));
  let m = Number(firstIso.slice(5, 7));
  const endY = Number(lastIso.slice(0, 4));
  const endM = Number(lastIso.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

/** Every financial year that the dates span. */
export function financialYearsBetween(firstIso: string, lastIso: string): string[] {
  const first = Number(financialYear(dayNumber(firstIso)).slice(0, 4));
  const last = Number(financialYear(dayNumber(lastIso)).slice(0, 4));
  const out: string[] = [];
  for (let y = first; y <= last; y++) out.push(`${y}/${String((y + 1) % 100).padStart(2, '0')}`);
  return out;
}
