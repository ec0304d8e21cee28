import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { buildStyle, choroplethColour } from '../../../renderer/map/style';
import { quantileClasses, NO_SPEND_COLOUR } from '../../../renderer/domain/choropleth';
import { defaultFilter } from '../../../renderer/domain/spend-filter';
import { resolveFilter } from '../../../renderer/domain/spend-columns';
import { FULL_ZOOM, SPEND_TILE_LAYER } from '../../../renderer/engine/contract';

const dictionaries = { suppliers: ['Acme Ltd'], departments: ['Housing'], missionIds: ['food'] };

describe('buildStyle', () => {
  const classes = quantileClasses([100, 200, 300, 400, 500]);
  const style = buildStyle({ data: null, classes, pointFilter: null, hoveredWard: null, selectedWard: 'W1', pointTiles: 'placelens-spend://f1/{z}/{x}/{y}' });

  it('is a valid MapLibre style that asks no server for glyphs, sprites or tiles', () => {
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:/);
  });

  it("draws the points from the engine's tiles for the filter, and filters nothing itself", () => {
    const filter = { ...defaultFilter(), areas: ['social-care', 'estates', 'green-spaces', 'other'] as const };
    const tiles = 'placelens-spend://f2/{z}/{x}/{y}';
    const off = buildStyle({ data: null, classes, pointFilter: resolveFilter({ ...filter, areas: [...filter.areas] }, dictionaries), hoveredWard: null, selectedWard: null, pointTiles: tiles });
    expect(validateStyleMin(off)).toEqual([]);
    expect(off.sources.spend).toEqual({ type: 'vector', tiles: [tiles], minzoom: 0, maxzoom: FULL_ZOOM });
    for (const id of ['spend-points', 'spend-heat']) {
      const layer = off.layers.find((l) => l.id === id)!;
      expect(layer).toMatchObject({ source: 'spend', 'source-layer': SPEND_TILE_LAYER });
      expect('filter' in layer).toBe(false);
    }
    // A cell of lines heats as all of them.
    const heat = off.layers.find((l) => l.id === 'spend-heat') as unknown as { paint: Record<string, unknown[]> };
    expect(heat.paint['heatmap-weight']![0]).toBe('coalesce');
    expect(heat.paint['heatmap-weight']![1]).toEqual(['get', 'hw']);
  });

  it('has no points before the engine has named the tiles for a filter', () => {
    const none = buildStyle({ data: null, classes, pointFilter: null, hoveredWard: null, selectedWard: null, pointTiles: null });
    expect(validateStyleMin(none)).toEqual([]);
    expect(none.sources.spend).toBeUndefined();
    expect(none.layers.some((l) => 'source' in l && l.source === 'spend')).toBe(false);
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
