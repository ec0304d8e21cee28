// Class breaks and colours for the ward choropleth, with legend labels people can read.

import { formatCompact, type Pence } from './money';

// A light-to-dark warm grey ramp: it carries the totals without competing with the service-area point colours.
export const CHOROPLETH_COLOURS = ['#f4f1ea', '#ddd5c6', '#bfb3a0', '#9a8c78', '#6e6253'] as const;
export const NO_SPEND_COLOUR = '#fbfaf7';

export interface ChoroplethClass {
  /** Inclusive lower bound in pence. */
  from: Pence;
  /** Inclusive upper bound in pence. */
  to: Pence;
  colour: string;
  label: string;
}

/**
 * Quantile classes over the wards' totals (wards with no spend get their own colour).
 * Fewer distinct values than classes gives fewer classes, never empty ones.
 */
export function quantileClasses(values: readonly Pence[], k = CHOROPLETH_COLOURS.length): ChoroplethClass[] {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const uppers: Pence[] = [];
  for (let i = 1; i <= k; i++) {
    const idx = Math.min(sorted.length - 1, Math.ceil((i * sorted.length) / k) - 1);
    const v = sorted[idx]!;
    if (uppers.length === 0 || v > uppers[uppers.length - 1]!) uppers.push(v);
  }
  const colours = pickColours(uppers.length);
  return uppers.map((to, i) => {
    const from = i === 0 ? sorted[0]! : uppers[i - 1]! + 1;
    return { from, to, colour: colours[i]!, label: from === to ? formatCompact(to) : `${formatCompact(from)} – ${formatCompact(to)}` };
  });
}

function pickColours(n: number): string[] {
  if (n >= CHOROPLETH_COLOURS.length) return [...CHOROPLETH_COLOURS];
  // Spread fewer classes over the whole ramp so the contrast stays.
  return Array.from({ length: n }, (_, i) => CHOROPLETH_COLOURS[n === 1 ? 2 : Math.round((i * (CHOROPLETH_COLOURS.length - 1)) / (n - 1))]!);
}

export function classColour(classes: readonly ChoroplethClass[], pence: Pence): string {
  if (pence <= 0) return NO_SPEND_COLOUR;
  for (const c of classes) if (pence <= c.to) return c.colour;
  return classes[classes.length - 1]?.colour ?? NO_SPEND_COLOUR;
}
