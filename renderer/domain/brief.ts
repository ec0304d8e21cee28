// An area brief's content: the figures, the data caveats (computed from the data, never boilerplate), the sources
// and their attributions, and a plain summary whose every number also appears in the brief's tables.

import { SERVICE_AREAS, SERVICE_AREA_LABEL, type ByArea, type ServiceArea } from './service-areas';
import { formatWholePounds, type Pence } from './money';
import type { LocateMethod } from './locate';
import type { SupplierTotal } from './aggregate';
import type { MultiPolygon, Polygon } from 'geojson';

const percentFormat = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });
const countFormat = new Intl.NumberFormat('en-GB');

/** A share as the brief prints it, in the summary and the tables alike: "12.3%". */
export function formatShare(part: number, whole: number): string {
  return percentFormat.format(whole === 0 ? 0 : part / whole);
}

/**
 * What the data says about who the suppliers are: SMEs and VCSEs (contract awards' own flags) and local suppliers
 * (their postcode in the borough). Each share is of the money the data says it about, and says so; where the data
 * says nothing, that is said instead of a share.
 */
export function supplierSentences(f: Pick<BriefFacts, 'supplierFlags' | 'supplierLocal'>): string[] {
  const out: string[] = [];
  const flags = f.supplierFlags;
  const local = f.supplierLocal;
  if (flags) {
    out.push(`Of the contract awards whose supplier status is known (${formatWholePounds(flags.knownPence)}), ${formatShare(flags.smePence, flags.knownPence)} went to small and medium-sized enterprises and ${formatShare(flags.vcsePence, flags.knownPence)} to voluntary, community and social enterprises.`);
  }
  if (local) {
    out.push(`Of the spend whose supplier's postcode is known (${formatWholePounds(local.knownPence)}), ${formatShare(local.localPence, local.knownPence)} went to suppliers based in the borough, by their own address.`);
  }
  if (!flags && !local) out.push('The data does not say which suppliers are small businesses, voluntary organisations or local, so no such shares are given.');
  else if (!flags) out.push('The data does not say which suppliers are small businesses or voluntary organisations.');
  else if (!local) out.push("The data gives no suppliers' postcodes the postcode directory knows, so no local share is given.");
  return out;
}

export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** "1 Apr 2022 – 31 Mar 2025" from ISO dates. */
export function formatPeriod(first: string | null, last: string | null): string {
  if (!first || !last) return 'no dated spend';
  const f = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return first === last ? f(first) : `${f(first)} – ${f(last)}`;
}

/** What a brief is about: a ward, several wards, a shape drawn on the map (or a place's outline), a meeting place. */
export type BriefArea =
  | { kind: 'ward'; code: string }
  | { kind: 'wards'; codes: string[] }
  | { kind: 'shape'; name: string; ring: [number, number][] }
  | { kind: 'meeting'; rank: number }
  /** An outlined place in the places register (an estate, a park), by its name. */
  | { kind: 'place'; name: string };

export interface BriefSource {
  file: string;
  kind: 'wards' | 'spend' | 'contracts' | 'postcodes' | 'uprns' | 'places';
  rows: number;
}

/** What the engine knows about the area, under the filters; the brief is built from this alone. */
export interface BriefFacts {
  /** vintageSince: the day the boundaries came into force (ISO), when their vintage says it plainly. */
  project: { name: string; notice: string | null; boundaryVintage: string | null; vintageSince: string | null; wardsFile: string };
  area: {
    kind: BriefArea['kind'];
    /** What the brief calls it: "Highgate", "Highgate and Gospel Oak", "Drawn area", "Quillon Fields". */
    name: string;
    /** How it is defined, in words: "Ward E05013661", "A shape drawn on the map", "Meeting place 3 of 100 (…)". */
    description: string;
    /** Its outline, for the map and its veil. */
    geometry: Polygon | MultiPolygon;
    /** The request it came from, so a brief can be made again (another page shape, another filter). */
    request: BriefArea;
  };
  /** The filters in words ("Departments: Youth Services"); empty for all spend. */
  filters: string[];
  totalPence: Pence;
  lines: number;
  /** Placed spend in the whole borough under the same filters. */
  boroughPence: Pence;
  byArea: ByArea<Pence>;
  linesByArea: ByArea<number>;
  byMission: { label: string; pence: Pence; lines: number }[];
  byYear: { year: string; pence: Pence; lines: number }[];
  undated: { pence: Pence; lines: number };
  byMethod: { method: LocateMethod; pence: Pence; lines: number }[];
  topSuppliers: SupplierTotal[];
  supplierCount: number;
  supplierFlags: { knownPence: Pence; smePence: Pence; vcsePence: Pence } | null;
  /** Spend whose supplier's postcode is known, and the part of it with suppliers inside the borough. */
  supplierLocal: { knownPence: Pence; localPence: Pence } | null;
  /** For a ward brief: places crossing its boundary whose spend is divided by area, and the part counted here. */
  sharedPlaces: { place: string; share: number; pence: Pence; lines: number; otherWards: string[] }[];
  firstDate: string | null;
  lastDate: string | null;
  redacted: { pence: Pence; lines: number };
  credits: { pence: Pence; lines: number };
  /** The rules that sorted the area's money, most first; ruleId null is "no rule matched". */
  rules: { ruleId: string | null; serviceArea: ServiceArea; pence: Pence }[];
  /** Lines the borough could not place at all, under the same filters. */
  boroughUnplaced: { pence: Pence; lines: number };
  /** The area's meeting places (a ward's: those with most money in it; a shape's: centred in it), ranked as in the borough. */
  meeting: { rank: number; title: string; sentence: string; centre: [number, number]; outline: Polygon | MultiPolygon }[];
  gaps: { title: string; sentence: string }[];
  /** The meeting-place distance, for the section's heading. */
  meetDistance: number;
  /** Workshop notes pinned in the area or drawn over it: "what we heard", told as it was said. */
  heard: { kind: 'pin' | 'area'; note: string; area: string | null; slide: string | null; createdAt: string }[];
  sources: BriefSource[];
  /** The basemap's attribution when one is drawn. */
  basemapAttribution: string | null;
  /** ISO date the brief was made. */
  madeOn: string;
}

export interface Caveat {
  /** 'warning' when the figures could mislead without it. */
  level: 'note' | 'warning';
  text: string;
}

export interface Brief {
  title: string;
  subtitle: string;
  period: string;
  summary: string;
  caveats: Caveat[];
  attributions: string[];
  facts: BriefFacts;
}

const APPROXIMATE = ['postcode', 'place', 'ward-name', 'supplier-address'] as const satisfies readonly LocateMethod[];
const APPROXIMATE_AT: Record<(typeof APPROXIMATE)[number], string> = {
  postcode: "a postcode's centre",
  place: 'a named place',
  'ward-name': 'only the ward named in the data',
  'supplier-address': "the supplier's own address, which is not where the service was",
};

/** The caveats this area's data calls for, each with its figure; none that do not apply. */
export function caveatsOf(f: BriefFacts): Caveat[] {
  const out: Caveat[] = [];
  const absTotal = f.byMethod.reduce((t, m) => t + Math.abs(m.pence), 0);
  const approx = f.byMethod.filter((m) => (APPROXIMATE as readonly LocateMethod[]).includes(m.method));
  const approxPence = approx.reduce((t, m) => t + Math.abs(m.pence), 0);
  if (approxPence > 0) {
    const parts = approx.map((m) => `${APPROXIMATE_AT[m.method as (typeof APPROXIMATE)[number]]} (${formatShare(Math.abs(m.pence), absTotal)})`);
    out.push({
      level: approxPence / absTotal > 0.25 ? 'warning' : 'note',
      text: `${formatShare(approxPence, absTotal)} of this money was placed only approximately: at ${parts.join(', ')}. Street-level patterns in it are less certain than the ward total.`,
    });
  } else if (absTotal > 0) {
    out.push({ level: 'note', text: 'Every line counted here was placed by its own coordinates or property reference (UPRN).' });
  }
  if (f.sharedPlaces.length > 0) {
    const pence = f.sharedPlaces.reduce((t, p) => t + p.pence, 0);
    const named = f.sharedPlaces.slice(0, 3).map((p) => `${p.place} (${formatShare(p.share, 1)} of its area is here; the rest in ${listOf(p.otherWards)})`);
    const more = f.sharedPlaces.length > 3 ? ` and ${formatCount(f.sharedPlaces.length - 3)} more` : '';
    out.push({
      level: 'note',
      text: `${formatWholePounds(pence)} of this money is a share of spend at places that cross ward boundaries, divided between the wards by how much of each place lies in them: ${named.join('; ')}${more}.`,
    });
  }
  if (f.boroughUnplaced.lines > 0) {
    out.push({
      level: 'warning',
      text: `${formatCount(f.boroughUnplaced.lines)} spend lines (${formatWholePounds(f.boroughUnplaced.pence)}) in the borough could not be placed in any ward and are in no area's figures; some of that money may belong here.`,
    });
  }
  if (f.redacted.lines > 0) {
    out.push({
      level: 'note',
      text: `${formatShare(Math.abs(f.redacted.pence), f.totalPence)} of this money (${formatCount(f.redacted.lines)} lines) went to payees whose names were redacted before publication; they are left out of the supplier rankings.`,
    });
  }
  if (f.credits.lines > 0) {
    out.push({ level: 'note', text: `${formatCount(f.credits.lines)} credit notes or refunds (${formatWholePounds(f.credits.pence)}) are netted off the totals.` });
  }
  if (f.project.boundaryVintage && f.project.vintageSince && f.firstDate && f.firstDate < f.project.vintageSince) {
    out.push({
      level: 'warning',
      text: `The ward boundaries are those of ${f.project.boundaryVintage}, but this spend starts on ${formatPeriod(f.firstDate, f.firstDate)}: spend before ${formatPeriod(f.project.vintageSince, f.project.vintageSince)} is shown in these wards, not the wards in force when it was paid.`,
    });
  }
  const ruled = f.rules.filter((r) => r.pence > 0);
  const ruledTotal = ruled.reduce((t, r) => t + r.pence, 0);
  if (ruled.length > 0 && ruledTotal > 0) {
    const top = ruled.slice(0, 3).map((r) => `${r.ruleId === null ? 'no rule (left as Other)' : `rule “${r.ruleId}”`} → ${SERVICE_AREA_LABEL[r.serviceArea].toLowerCase()} (${formatShare(r.pence, ruledTotal)})`);
    out.push({ level: 'note', text: `Service areas come from the project's rules, not from the council's own coding. The rules that sorted most of this money: ${top.join('; ')}.` });
  }
  if (f.undated.lines > 0) {
    out.push({ level: 'note', text: `${formatCount(f.undated.lines)} lines (${formatWholePounds(f.undated.pence)}) have no date: they are in the totals but in no year.` });
  }
  return out;
}

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? 'other wards';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Attributions the sources oblige, worked out from what they are; the project's notice first. */
export function attributionsOf(f: BriefFacts): string[] {
  const out: string[] = [];
  if (f.project.notice) out.push(f.project.notice);
  // Made-up data (the demo) owes nobody an attribution, and claiming Crown copyright for it would be false.
  if (f.project.notice && /fictional/i.test(f.project.notice) && !f.sources.some((s) => s.kind === 'postcodes' && /codepoint|code-point|onspd/i.test(s.file))) {
    if (f.basemapAttribution) out.push(`Basemap: ${f.basemapAttribution}`);
    return out;
  }
  const kinds = new Set(f.sources.map((s) => s.kind));
  // ONS boundaries carry their codes in field names (WD22CD) or the file's name says so.
  if (/WD\d\dCD|LAD\d\dCD|\bons\b|wards?[-_ ]?20\d\d/i.test(`${f.project.wardsFile} ${f.project.boundaryVintage ?? ''}`)) {
    out.push('Ward boundaries: Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right.');
  }
  if (kinds.has('postcodes')) out.push('Postcode positions: contains OS data © Crown copyright and database right; contains Royal Mail data © Royal Mail copyright and database right; contains National Statistics data © Crown copyright and database right.');
  if (kinds.has('uprns')) out.push('Property references (UPRN): contains OS data © Crown copyright and database right.');
  if (kinds.has('contracts')) out.push('Contract awards: Contracts Finder / Find a Tender, Crown copyright, Open Government Licence v3.0.');
  if (f.basemapAttribution) out.push(`Basemap: ${f.basemapAttribution}`);
  return out;
}

/** A short plain paragraph from the figures: nothing in it that the tables do not also show. */
export function summaryOf(f: BriefFacts): string {
  const name = f.area.name;
  if (f.lines === 0) return `No spend is placed in ${name} for ${formatPeriod(f.firstDate, f.lastDate)} under the filters chosen.`;
  const areas = SERVICE_AREAS.filter((a) => f.byArea[a] > 0).sort((a, b) => f.byArea[b] - f.byArea[a]);
  const parts: string[] = [];
  parts.push(`From ${formatPeriod(f.firstDate, f.lastDate)}, ${formatWholePounds(f.totalPence)} of council spend in ${formatCount(f.lines)} lines is placed in ${name}, ${formatShare(f.totalPence, f.boroughPence)} of the spend placed in the borough.`);
  if (areas.length > 0) {
    const top = areas.slice(0, 2).map((a) => `${SERVICE_AREA_LABEL[a].toLowerCase()} (${formatWholePounds(f.byArea[a])}, ${formatShare(f.byArea[a], f.totalPence)})`);
    parts.push(`The most went on ${top.join(', then ')}.`);
  }
  if (f.meeting.length > 0) {
    parts.push(`Services meet in ${formatCount(f.meeting.length)} ${f.meeting.length === 1 ? 'place' : 'places'} here; the strongest is around ${f.meeting[0]!.title}.`);
  } else {
    parts.push('No meeting place of two or more service areas lies in this area.');
  }
  const absTotal = f.byMethod.reduce((t, m) => t + Math.abs(m.pence), 0);
  const approxPence = f.byMethod.filter((m) => (APPROXIMATE as readonly LocateMethod[]).includes(m.method)).reduce((t, m) => t + Math.abs(m.pence), 0);
  if (approxPence > 0) parts.push(`${formatShare(approxPence, absTotal)} of the money was placed only approximately (see the data caveats).`);
  return parts.join(' ');
}

export function buildBrief(f: BriefFacts): Brief {
  return {
    title: `${f.area.name}: area brief`,
    subtitle: `${f.project.name} · ${f.area.description}`,
    period: formatPeriod(f.firstDate, f.lastDate),
    summary: summaryOf(f),
    caveats: caveatsOf(f),
    attributions: attributionsOf(f),
    facts: f,
  };
}

/** A scale bar of a round length (1, 2 or 5 × 10ⁿ m) no longer than `maxPixels`: its label and drawn length. */
export function scaleBar(metresPerPixel: number, maxPixels: number): { metres: number; pixels: number; label: string } {
  const most = metresPerPixel * maxPixels;
  const power = 10 ** Math.floor(Math.log10(most));
  const metres = [5, 2, 1].map((k) => k * power).find((m) => m <= most) ?? power;
  return { metres, pixels: metres / metresPerPixel, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}
