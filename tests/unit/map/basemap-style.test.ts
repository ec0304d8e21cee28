import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { attributionText, basemapLayers, type BasemapInfo } from '../../../renderer/map/basemap-style';
import { buildStyle } from '../../../renderer/map/style';

const info: BasemapInfo = {
  key: 'basemap-1', file: 'london.pmtiles', name: 'London', attribution: 'x', minZoom: 0, maxZoom: 12, bounds: [-0.25, 51.46, -0.05, 51.57],
  layers: [{ id: 'water', fields: [] }, { id: 'roads', fields: [] }, { id: 'labels', fields: ['name'] }],
};

describe('a PMTiles basemap', () => {
  it("spells out OpenStreetMap's credit from the file's HTML attribution", () => {
    expect(attributionText('<a href="https://www.openstreetmap.org/copyright">&copy; OSM</a>', 'London')).toBe('Basemap: London © OpenStreetMap contributors');
    expect(attributionText('&copy; <b>OpenStreetMap contributors</b>, &#169; Ordnance Survey', 'GB')).toBe('Basemap: GB © OpenStreetMap contributors , © Ordnance Survey');
    expect(attributionText('Crown copyright &amp; database right 2026', 'OS Open Zoomstack')).toBe('Basemap: OS Open Zoomstack Crown copyright & database right 2026');
    expect(attributionText(undefined, 'Mine')).toMatch(/names no attribution; check its licence/);
  });

  it('draws water blue, roads white and labels only for layers with names, under the wards', () => {
    const layers = basemapLayers(info);
    expect(layers.map((l) => l.id)).toEqual(['basemap-water-fill', 'basemap-water-line', 'basemap-roads-fill', 'basemap-roads-line', 'basemap-labels-fill', 'basemap-labels-line', 'basemap-labels-labels']);
    const paint = (id: string) => (layers.find((l) => l.id === id) as { paint: Record<string, unknown> }).paint;
    expect(paint('basemap-water-fill')['fill-color']).toBe('#b9d3e8');
    expect(paint('basemap-roads-line')['line-color']).toBe('#ffffff');
    const style = buildStyle({ data: null, classes: [], pointFilter: null, hoveredWard: null, selectedWard: null, pointTiles: null, basemap: info });
    expect(validateStyleMin(style)).toEqual([]);
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('basemap-labels-labels')).toBeLessThan(ids.indexOf('ward-fill'));
    expect(style.sources.basemap).toMatchObject({ type: 'vector', url: 'pmtiles://basemap-1' });
    // The wards let the streets show through only when there are streets to show.
    const fill = (s: typeof style) => (s.layers.find((l) => l.id === 'ward-fill') as { paint: Record<string, unknown> }).paint['fill-opacity'];
    expect(fill(style)).toBe(0.6);
    expect(fill(buildStyle({ data: null, classes: [], pointFilter: null, hoveredWard: null, selectedWard: null, pointTiles: null }))).toBe(1);
  });
});
