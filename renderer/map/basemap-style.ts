// A user's PMTiles vector basemap as map layers (drawn under the wards) and the attribution it must carry. Pure.

import type { LayerSpecification } from 'maplibre-gl';
import { LABEL_FONT_NAME } from './fonts';

export interface BasemapInfo {
  /** The pmtiles:// key its tiles are served under. */
  key: string;
  /** The file it came from. */
  file: string;
  /** The basemap's own name, from its metadata, else the file's. */
  name: string;
  /** Plain text to show wherever it is drawn. */
  attribution: string;
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] */
  bounds: [number, number, number, number];
  layers: { id: string; fields: string[] }[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", copy: '©', nbsp: ' ' };

/**
 * The attribution a basemap's metadata gives (often HTML with a link) as plain text. OpenStreetMap data must be
 * credited as "© OpenStreetMap contributors" (ODbL), which a bare "© OSM" does not quite say, so it is spelled out.
 */
export function attributionText(html: string | undefined, name: string): string {
  const text = (html ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|[a-z]+);/gi, (m, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e.toLowerCase()] ?? m))
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return `Basemap: ${name} (the file names no attribution; check its licence before publishing)`;
  if (/\bOSM\b|openstreetmap/i.test(text) && !/openstreetmap contributors/i.test(text)) return `Basemap: ${name} © OpenStreetMap contributors`;
  return `Basemap: ${name} ${text}`;
}

const WATER = /water|sea|river|lake|ocean|canal/i;
const ROAD = /road|street|highway|transport/i;

/**
 * A quiet, generic look for any vector basemap: each source layer drawn as fill, line and labels by its
 * geometry, water blue, roads white, the rest in pale greys that sit under the ward shading.
 */
export function basemapLayers(info: BasemapInfo, source = 'basemap'): LayerSpecification[] {
  const layers: LayerSpecification[] = [];
  for (const l of info.layers) {
    const water = WATER.test(l.id);
    const road = ROAD.test(l.id);
    layers.push({
      id: `basemap-${l.id}-fill`,
      type: 'fill',
      source,
      'source-layer': l.id,
      // MapLibre names multi-part features by their own type, so both are asked for.
      filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
      paint: { 'fill-color': water ? '#b9d3e8' : '#dedad2' },
    });
    layers.push({
      id: `basemap-${l.id}-line`,
      type: 'line',
      source,
      'source-layer': l.id,
      filter: ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]],
      paint: {
        'line-color': water ? '#9cc0de' : road ? '#ffffff' : '#c9c3b8',
        'line-width': road ? ['interpolate', ['linear'], ['zoom'], 10, 0.6, 14, 3] : 1,
      },
    });
    if (l.fields.includes('name')) {
      layers.push({
        id: `basemap-${l.id}-labels`,
        type: 'symbol',
        source,
        'source-layer': l.id,
        filter: ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]],
        layout: { 'text-field': ['get', 'name'], 'text-font': [LABEL_FONT_NAME], 'text-size': 10, 'text-max-width': 8 },
        paint: { 'text-color': '#6b6459', 'text-halo-color': 'rgba(255,255,255,0.8)', 'text-halo-width': 1 },
      });
    }
  }
  return layers;
}
