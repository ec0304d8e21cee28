// Where service areas meet: how many of them spend in a place, and how evenly (the ward mix and the hex mix).

import type { ByArea, ServiceArea } from './service-areas';
import type { Pence } from './money';

/** The service areas whose meeting is the point; "Other" is everything else and meets nothing. */
export const MEETING_AREAS = ['social-care', 'youth', 'estates', 'green-spaces'] as const satisfies readonly ServiceArea[];

export interface MixParams {
  /** An area is present when it has at least this share of the place's spend across the meeting areas (0..1). */
  minShare: number;
}

export const DEFAULT_MIX: MixParams = { minShare: 0.05 };

export interface Mix {
  /** The meeting areas present, most money first. */
  present: ServiceArea[];
  /** How many are present (0–4): the number the map shows. */
  count: number;
  /**
   * How evenly the money is spread over the areas present: Pielou's evenness, Shannon entropy ÷ ln(count), from 0
   * (all in one) to 1 (equal). 0 when fewer than two are present.
   */
  evenness: number;
  /** Spend across the meeting areas (credit notes netted; a net-negative area counts as none). */
  total: Pence;
}

/**
 * The mix of a ward or hex. An area counts when its net spend is positive and at least `minShare` of the total over
 * the four meeting areas, so a single stray invoice does not make a "meeting".
 */
export function mixOf(byArea: Readonly<ByArea<Pence>>, params: MixParams = DEFAULT_MIX): Mix {
  const positive = MEETING_AREAS.map((a) => [a, Math.max(0, byArea[a])] as const);
  const total = positive.reduce((t, [, p]) => t + p, 0);
  if (total <= 0) return { present: [], count: 0, evenness: 0, total: 0 };
  const present = positive.filter(([, p]) => p > 0 && p / total >= params.minShare).sort((x, y) => y[1] - x[1]);
  const sum = present.reduce((t, [, p]) => t + p, 0);
  let entropy = 0;
  for (const [, p] of present) {
    const q = p / sum;
    entropy -= q * Math.log(q);
  }
  return {
    present: present.map(([a]) => a),
    count: present.length,
    evenness: present.length >= 2 ? entropy / Math.log(present.length) : 0,
    total,
  };
}

/** "estate management, youth services and green spaces" */
export function listAreas(areas: readonly ServiceArea[], label: Readonly<Record<ServiceArea, string>>): string {
  const names = areas.map((a) => label[a].toLowerCase());
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export const MIX_COLOURS = ['#f1eef6', '#bdc9e1', '#74a9cf', '#2b8cbe', '#045a8d'] as const;

