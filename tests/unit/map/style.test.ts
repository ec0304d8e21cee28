import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { buildStyle, choroplethColour } from '../../../renderer/map/style';
import { quantileClasses, NO_SPEND_COLOUR } from '../../../renderer/domain/choropleth';
import { defaultFilter } from '../../../renderer/domain/spend-filter';
import { resolveFilter } from '../../../renderer/domain/spend-columns';

const dictionaries = { suppliers: ['Acme Ltd'], departments: ['Housing'], missionIds: ['food'] };

describe('buildStyle', () => {
  const classes = quantileClasses([100, 200, 300, 400, 500]);
  const style = buildStyle({ data: null, classes, pointFilter: null, hoveredWard: null, selectedWard: 'W1' });

  it('is a valid MapLibre style that asks no server for glyphs, sprites or tiles', () => {
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:/);
  });

  it('draws only the service areas the filter keeps', () => {
    const filter = { ...defaultFilter(), areas: ['social-care', 'estates', 'green-spaces', 'other'] as const };
    const off = buildStyle({ data: null, classes, pointFilter: resolveFilter({ ...filter, areas: [...filter.areas] }, dictionaries), hoveredWard: null, selectedWard: null });
    expect(validateStyleMin(off)).toEqual([]);
    const points = off.layers.find((l) => l.id === 'spend-points')!;
    const all = 'filter' in points ? (points.filter as unknown[]) : [];
    expect(all[0]).toBe('all');
    expect(all[1]).toEqual(['in', ['get', 'area'], ['literal', ['social-care', 'estates', 'green-spaces', 'other']]]);
  });

  it('shades wards by class, and wards with no spend in their own colour', () => {
    expect(choroplethColour([])).toBe(NO_SPEND_COLOUR);
    const expr = choroplethColour(classes) as unknown[];
    expect(expr[0]).toBe('case');
    expect(expr[2]).toBe(NO_SPEND_COLOUR);
    expect(expr[3]).toEqual(['step', ['coalesce', ['get', 'total'], 0], classes[0]!.colour, ...classes.slice(1).flatMap((c) => [c.from, c.colour])]);
  });

  it('outlines the selected ward', () => {
    const sel = style.layers.find((l) => l.id === 'ward-selected')!;
    expect('filter' in sel && sel.filter).toEqual(['==', ['get', 'code'], 'W1']);
  });
});
