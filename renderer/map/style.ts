// The map's whole look as a pure function of what the user has chosen: state in, MapLibre style out.

import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { MapData } from '../engine/contract';
import { NO_SPEND_COLOUR, type ChoroplethClass } from '../domain/choropleth';
import { SERVICE_AREAS, SERVICE_AREA_COLOUR } from '../domain/service-areas';
import type { ResolvedFilter } from '../domain/spend-columns';
import { LABEL_FONT_NAME } from './fonts';
import { MIX_COLOURS } from '../domain/meet';
import { basemapLayers, type BasemapInfo } from './basemap-style';
import { CLUSTER_MAX_ZOOM, CLUSTER_TILE_LAYER, FULL_ZOOM, SPEND_TILE_LAYER } from '../engine/contract';

export interface MapStyleState {
  data: MapData | null;
  /** The wards with the filtered totals; data's wards when no filter has been applied yet. */
  wards?: MapData['wards'] | null;
  classes: readonly ChoroplethClass[];
  /** The filter the engine counted (and made the point tiles for): its drawn box or shape is outlined. */
  pointFilter: ResolvedFilter | null;
  hoveredWard: string | null;
  selectedWard: string | null;
  /** A spend line picked in the table, ringed on the map: its point (property id), or none. */
  shownLine?: FeatureCollection | null;
  /** The points' vector tiles (their URL, see map/spend-tiles.ts), made by the engine for the filter; none, no points. */
  pointTiles: string | null;
  /** Which layers are drawn; all but the heat map when absent. */
  layers?: MapLayers;
  /** The ward property the classes are of; 'total' (pence) unless the shading counts lines or pence per resident. */
  shadeBy?: ShadeBy;
  /** The clustered view's tiles (their URL, see map/spend-tiles.ts), made by the engine for the filter; none while it is off. */
  clusterTiles?: string | null;
  /** Hexes of the filtered lines, when that layer is on. */
  hexes?: FeatureCollection | null;
  /** Meeting places' outlines (properties: rank, areas, kind, chosen) and gaps' circles (rank 0, gap 1). */
  meeting?: FeatureCollection | null;
  /** The places' rank labels, one point each at its centre. */
  meetingLabels?: FeatureCollection | null;
  /** The box or shape the filter keeps lines inside, outlined so the person sees what they drew. */
  selection?: ResolvedFilter | null;
  /** A PMTiles basemap the person loaded, drawn under everything; its tiles are served by map/basemap.ts. */
  basemap?: BasemapInfo | null;
  /** Workshop notes (properties: id, kind 'pin' | 'area'), drawn over everything when the notes layer is on. */
  notes?: FeatureCollection | null;
  /** Workshop presentation: heavier lines, larger labels and points, for a projector seen from the back of a room. */
  presenting?: boolean;
}

export const LABEL_FONT = LABEL_FONT_NAME;

export type ShadeBy = 'total' | 'lines' | 'perResident' | 'mix';

/** The map's layers a person can switch: ward shading, spend points (or a heat map of them), the places register. */
export interface MapLayers {
  shading: boolean;
  points: boolean;
  heat: boolean;
  places: boolean;
  /** H3 hexes coloured by how many service areas meet in each. */
  hexes: boolean;
  /** The kept points clustered where dense, counts shown; single points by service area. */
  clusters: boolean;
  /** Meeting places (outlined, ranked) and mission-lens gaps; the meeting-places panel shows while this is on. */
  meeting: boolean;
  /** Workshop notes: pins and drawn areas, numbered as in the notes list. */
  notes: boolean;
}
export const DEFAULT_LAYERS: MapLayers = { shading: true, points: true, heat: false, places: true, hexes: false, clusters: false, meeting: false, notes: true };

/** Symbol letters for the places register's usual kinds, so they read without a sprite sheet or colour alone. */
export const PLACE_KIND_LETTER: Record<string, string> = {
  estate: 'E', park: 'P', 'youth-centre': 'Y', school: 'S', 'care-home': 'C', library: 'L', 'community-centre': 'H', 'green-space': 'P',
};

function placeLetter(): ExpressionSpecification {
  const pairs = Object.entries(PLACE_KIND_LETTER).flat();
  return ['match', ['get', 'kind'], ...pairs, '•'] as unknown as ExpressionSpecification;
}

// Radius grows with the log of the amount in pounds: £10 → small, £100k → large, so a few big payments stand out
// without hiding the many small ones. Zoom stays the outer input, as MapLibre requires.
const LOG_POUNDS: ExpressionSpecification = ['log10', ['+', 1, ['/', ['abs', ['get', 'pence']], 100]]];
const POINT_RADIUS: ExpressionSpecification = [
  'interpolate', ['linear'], ['zoom'],
  10, ['+', 0.8, ['*', 0.3, LOG_POUNDS]],
  13, ['+', 1.2, ['*', 0.7, LOG_POUNDS]],
  16, ['+', 2.5, ['*', 1.3, LOG_POUNDS]],
];
const HEAT_WEIGHT: ExpressionSpecification = ['coalesce', ['get', 'hw'], ['interpolate', ['linear'], LOG_POUNDS, 0, 0, 6, 1]];

// One shared empty collection, so an unchanged empty source is the same reference and is not re-sent.
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Colour by class of a ward property: 'total' (pence) or 'lines'. */
export function choroplethColour(classes: readonly ChoroplethClass[], property: ShadeBy = 'total'): ExpressionSpecification | string {
  if (classes.length === 0) return NO_SPEND_COLOUR;
  // 'step' needs at least one stop: one class is a single colour for every ward with spend.
  // A ward without the property yet (counted before the filter's first answer) is drawn as none, not an error.
  const value: ExpressionSpecification = ['coalesce', ['get', property], 0];
  if (classes.length === 1) return ['case', ['<=', value, 0], NO_SPEND_COLOUR, classes[0]!.colour];
  const steps: (number | string)[] = [];
  classes.forEach((c, i) => {
    if (i > 0) steps.push(c.from, c.colour);
  });
  return ['case', ['<=', value, 0], NO_SPEND_COLOUR, ['step', value, classes[0]!.colour, ...steps] as ExpressionSpecification];
}

export function areaColour(): ExpressionSpecification {
  const pairs = SERVICE_AREAS.filter((a) => a !== 'other').flatMap((a) => [a, SERVICE_AREA_COLOUR[a]]);
  return ['match', ['get', 'area'], ...pairs, SERVICE_AREA_COLOUR.other] as unknown as ExpressionSpecification;
}

/**
 * No `glyphs` URL: MapLibre (≥ 5.11) then draws labels from the page's own fonts, so the bundled
 * Noto Sans is used and no glyph server is ever asked.
 */
export function buildStyle(state: MapStyleState): StyleSpecification {
  const style = buildScreenStyle(state);
  return state.presenting ? forProjector(style) : style;
}

/**
 * The same map made to hold on a washed-out projector: ward edges and labels in near-black at twice the weight and
 * size, points larger with a white rim so the service-area colours stay apart against pale shading.
 */
export function forProjector(style: StyleSpecification): StyleSpecification {
  const layers = style.layers.map((layer) => {
    if (layer.id === 'ward-outline' && layer.type === 'line') return { ...layer, paint: { ...layer.paint, 'line-color': '#111111', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.8, 15, 4] } };
    if (layer.id === 'ward-selected' && layer.type === 'line') return { ...layer, paint: { ...layer.paint, 'line-width': 6 } };
    if (layer.id === 'ward-labels' && layer.type === 'symbol') {
      return {
        ...layer,
        layout: { ...layer.layout, 'text-size': ['interpolate', ['linear'], ['zoom'], 10, 17, 14, 26] },
        paint: { ...layer.paint, 'text-color': '#000000', 'text-halo-color': '#ffffff', 'text-halo-width': 2.5 },
      };
    }
    if (layer.id === 'spend-points' && layer.type === 'circle') {
      return { ...layer, paint: { ...layer.paint, 'circle-radius': scaledStops(POINT_RADIUS, 1.7), 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } };
    }
    if (layer.id === 'meet-place-line' && layer.type === 'line') return { ...layer, paint: { ...layer.paint, 'line-width': ['case', ['==', ['get', 'chosen'], 1], 6, 3] } };
    if (layer.id === 'meet-rank-disc' && layer.type === 'circle') return { ...layer, paint: { ...layer.paint, 'circle-radius': 15 } };
    if (layer.id === 'meet-rank' && layer.type === 'symbol') return { ...layer, layout: { ...layer.layout, 'text-size': 17 } };
    if (layer.id === 'notes-pin' && layer.type === 'circle') return { ...layer, paint: { ...layer.paint, 'circle-radius': 16, 'circle-stroke-width': 3 } };
    if (layer.id === 'notes-number' && layer.type === 'symbol') return { ...layer, layout: { ...layer.layout, 'text-size': 18 } };
    return layer;
  }) as StyleSpecification['layers'];
  return { ...style, layers };
}

/** A zoom `interpolate` with each stop's output multiplied (zoom may only be used at an expression's top level). */
function scaledStops(expr: ExpressionSpecification, k: number): ExpressionSpecification {
  const [op, how, input, ...stops] = expr as unknown[];
  return [op, how, input, ...stops.map((v, i) => (i % 2 === 0 ? v : ['*', k, v]))] as unknown as ExpressionSpecification;
}

function buildScreenStyle(state: MapStyleState): StyleSpecification {
  const layers = state.layers ?? DEFAULT_LAYERS;
  return {
    version: 8,
    name: 'PlaceLens',
    sources: {
      wards: { type: 'geojson', data: state.wards ?? state.data?.wards ?? EMPTY },
      'ward-labels': { type: 'geojson', data: state.data?.labels ?? EMPTY },
      places: { type: 'geojson', data: state.data?.places ?? EMPTY },
      selection: { type: 'geojson', data: selectionOutline(state.pointFilter) },
      hexes: { type: 'geojson', data: state.hexes ?? EMPTY },
      meeting: { type: 'geojson', data: state.meeting ?? EMPTY },
      'meeting-labels': { type: 'geojson', data: state.meetingLabels ?? EMPTY },
      notes: { type: 'geojson', data: state.notes ?? EMPTY },
      ...spendSource(state.pointTiles),
      ...(state.clusterTiles ? { clustered: { type: 'vector' as const, tiles: [state.clusterTiles], minzoom: 0, maxzoom: CLUSTER_MAX_ZOOM + 1 } } : {}),
      shown: { type: 'geojson', data: state.shownLine ?? EMPTY },
      ...(state.basemap
        ? { basemap: { type: 'vector' as const, url: `pmtiles://${state.basemap.key}`, minzoom: state.basemap.minZoom, maxzoom: state.basemap.maxZoom, bounds: state.basemap.bounds } }
        : {}),
    },
    layers: withSpend([
      { id: 'background', type: 'background', paint: { 'background-color': state.basemap ? '#f2efe9' : '#e9edf1' } },
      ...(state.basemap ? basemapLayers(state.basemap) : []),
      {
        id: 'ward-fill',
        type: 'fill',
        source: 'wards',
        // See-through over a basemap, so streets and water show under the shading.
        paint: { 'fill-color': layers.shading ? choroplethColour(state.classes, state.shadeBy ?? 'total') : NO_SPEND_COLOUR, 'fill-opacity': state.basemap ? (layers.shading ? 0.6 : 0) : 1 },
      },
      {
        id: 'ward-outline',
        type: 'line',
        source: 'wards',
        paint: { 'line-color': '#4d443a', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.8, 15, 2] },
      },
      {
        id: 'ward-hover',
        type: 'line',
        source: 'wards',
        filter: ['==', ['get', 'code'], state.hoveredWard ?? ''],
        paint: { 'line-color': '#1f1a14', 'line-width': 2.5 },
      },
      {
        id: 'meet-hex',
        type: 'fill',
        source: 'hexes',
        layout: { visibility: visible(layers.hexes) },
        paint: {
          'fill-color': ['match', ['get', 'areas'], 1, MIX_COLOURS[1], 2, MIX_COLOURS[2], 3, MIX_COLOURS[3], 4, MIX_COLOURS[4], MIX_COLOURS[0]],
          // Approximately placed money (postcode centres, named places) is shown fainter: the place is less sure.
          'fill-opacity': ['case', ['==', ['get', 'approximate'], 1], 0.45, 0.85],
        },
      },
      {
        id: 'meet-hex-outline',
        type: 'line',
        source: 'hexes',
        layout: { visibility: visible(layers.hexes) },
        paint: { 'line-color': '#ffffff', 'line-width': 0.6 },
      },
      {
        id: 'meet-hex-approximate',
        type: 'line',
        source: 'hexes',
        filter: ['==', ['get', 'approximate'], 1],
        layout: { visibility: visible(layers.hexes) },
        paint: { 'line-color': '#1f1a14', 'line-width': 1, 'line-dasharray': [1, 1.5] },
      },
      {
        id: 'places-fill',
        type: 'fill',
        source: 'places',
        filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
        layout: { visibility: visible(layers.places) },
        paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.35 },
      },
      {
        id: 'places-outline',
        type: 'line',
        source: 'places',
        filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
        layout: { visibility: visible(layers.places) },
        paint: { 'line-color': '#1f1a14', 'line-width': 1.2, 'line-dasharray': [2, 1.5] },
      },
      {
        id: 'meet-place-fill',
        type: 'fill',
        source: 'meeting',
        filter: ['==', ['get', 'gap'], 0],
        layout: { visibility: visible(layers.meeting) },
        paint: {
          'fill-color': ['match', ['get', 'areas'], 2, MIX_COLOURS[2], 3, MIX_COLOURS[3], 4, MIX_COLOURS[4], MIX_COLOURS[1]],
          // Light enough that the spend points and ward names under a place still read.
          'fill-opacity': ['case', ['==', ['get', 'chosen'], 1], 0.4, 0.22],
        },
      },
      {
        id: 'meet-place-line',
        type: 'line',
        source: 'meeting',
        filter: ['==', ['get', 'gap'], 0],
        layout: { visibility: visible(layers.meeting) },
        paint: { 'line-color': ['case', ['==', ['get', 'chosen'], 1], '#000000', '#08306b'], 'line-width': ['case', ['==', ['get', 'chosen'], 1], 3.5, 1.5] },
      },
      {
        id: 'meet-gap-line',
        type: 'line',
        source: 'meeting',
        filter: ['==', ['get', 'gap'], 1],
        layout: { visibility: visible(layers.meeting) },
        // Dashed and warm: an absence, not a place where money is.
        paint: { 'line-color': '#b3541e', 'line-width': ['case', ['==', ['get', 'chosen'], 1], 3.5, 2], 'line-dasharray': [2, 1.5] },
      },
      {
        id: 'spend-heat',
        type: 'heatmap',
        source: 'spend',
        'source-layer': SPEND_TILE_LAYER,
        layout: { visibility: visible(layers.heat) },
        paint: {
          // Weighted by money, so the heat is where the pounds are, not just where the lines are. A tile's point that
          // stands for a cell of lines carries their summed weight (hw, see engine/spend-tiles.ts).
          'heatmap-weight': HEAT_WEIGHT,
          'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 10, 6, 15, 24],
          'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 10, 0.15, 15, 0.6],
          'heatmap-opacity': 0.75,
          'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'], 0, 'rgba(255,255,255,0)', 0.2, '#fde0c5', 0.45, '#f59e72', 0.7, '#d1495b', 1, '#7a0a3a'],
        },
      },
      {
        id: 'spend-points',
        type: 'circle',
        source: 'spend',
        'source-layer': SPEND_TILE_LAYER,
        layout: { visibility: visible(layers.points) },
        paint: {
          'circle-color': areaColour(),
          'circle-radius': POINT_RADIUS,
          'circle-opacity': 1,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 10, 0, 13, 0.6],
        },
      },
      {
        id: 'cluster-circles',
        type: 'circle',
        source: 'clustered',
        'source-layer': CLUSTER_TILE_LAYER,
        filter: ['has', 'point_count'],
        layout: { visibility: visible(layers.clusters) },
        paint: {
          'circle-color': '#3d4f63',
          'circle-opacity': 0.85,
          'circle-radius': ['interpolate', ['linear'], ['get', 'point_count'], 2, 10, 100, 18, 1000, 28, 10000, 40],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
        },
      },
      {
        id: 'cluster-counts',
        type: 'symbol',
        source: 'clustered',
        'source-layer': CLUSTER_TILE_LAYER,
        filter: ['has', 'point_count'],
        layout: { visibility: visible(layers.clusters), 'text-field': ['get', 'point_count_abbreviated'], 'text-font': [LABEL_FONT], 'text-size': 12, 'text-allow-overlap': true },
        paint: { 'text-color': '#ffffff' },
      },
      {
        id: 'cluster-single',
        type: 'circle',
        source: 'clustered',
        'source-layer': CLUSTER_TILE_LAYER,
        filter: ['!', ['has', 'point_count']],
        layout: { visibility: visible(layers.clusters) },
        paint: { 'circle-color': areaColour(), 'circle-radius': POINT_RADIUS, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 0.6 },
      },
      {
        id: 'spend-shown',
        type: 'circle',
        source: 'shown',
        paint: {
          'circle-color': 'rgba(0,0,0,0)',
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 7, 16, 12],
          'circle-stroke-color': '#000000',
          'circle-stroke-width': 3,
        },
      },
      {
        id: 'selection-outline',
        type: 'line',
        source: 'selection',
        paint: { 'line-color': '#1f2a36', 'line-width': 2, 'line-dasharray': [3, 2] },
      },
      {
        id: 'ward-selected',
        type: 'line',
        source: 'wards',
        filter: ['==', ['get', 'code'], state.selectedWard ?? ''],
        paint: { 'line-color': '#000000', 'line-width': 3.5 },
      },
      {
        id: 'ward-labels',
        type: 'symbol',
        source: 'ward-labels',
        layout: {
          'text-field': ['get', 'name'],
          'text-font': [LABEL_FONT],
          'text-size': ['interpolate', ['linear'], ['zoom'], 10, 11, 14, 16],
          'text-max-width': 8,
          'text-padding': 1,
          // Small wards with long names (St Pancras and Somers Town) need somewhere beside the centre to go.
          'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
          'text-radial-offset': 0.4,
        },
        paint: { 'text-color': '#1f1a14', 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 1.8 },
      },
      {
        id: 'places-points',
        type: 'circle',
        source: 'places',
        filter: ['==', ['geometry-type'], 'Point'],
        layout: { visibility: visible(layers.places) },
        paint: { 'circle-color': '#1f1a14', 'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 4, 15, 8], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
      },
      {
        id: 'places-symbols',
        type: 'symbol',
        source: 'places',
        filter: ['==', ['geometry-type'], 'Point'],
        layout: {
          visibility: visible(layers.places),
          'text-field': placeLetter(),
          'text-font': [LABEL_FONT],
          'text-size': ['interpolate', ['linear'], ['zoom'], 10, 6, 15, 11],
          'text-allow-overlap': true,
          'text-ignore-placement': true,
        },
        paint: { 'text-color': '#ffffff' },
      },
      {
        id: 'places-labels',
        type: 'symbol',
        source: 'places',
        minzoom: 13.5,
        layout: {
          visibility: visible(layers.places),
          'text-field': ['get', 'name'],
          'text-font': [LABEL_FONT],
          'text-size': 11,
          'text-offset': [0, 1.1],
          'text-anchor': 'top',
          'text-max-width': 9,
        },
        paint: { 'text-color': '#1f1a14', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.5 },
      },
      {
        // Each place's rank in a dark disc, so "number 3" on the list is findable on the map at a workshop.
        id: 'meet-rank-disc',
        type: 'circle',
        source: 'meeting-labels',
        layout: { visibility: visible(layers.meeting) },
        paint: { 'circle-color': ['case', ['==', ['get', 'gap'], 1], '#b3541e', '#08306b'], 'circle-radius': 10, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
      },
      {
        id: 'meet-rank',
        type: 'symbol',
        source: 'meeting-labels',
        layout: { visibility: visible(layers.meeting), 'text-field': ['get', 'label'], 'text-font': [LABEL_FONT], 'text-size': 11, 'text-allow-overlap': true },
        paint: { 'text-color': '#ffffff' },
      },
      // Notes are what people said, not data: drawn in the notice yellow with a black edge, apart from every spend colour.
      {
        id: 'notes-area',
        type: 'fill',
        source: 'notes',
        filter: ['==', ['get', 'kind'], 'area'],
        layout: { visibility: visible(layers.notes) },
        paint: { 'fill-color': '#ffbf47', 'fill-opacity': 0.25 },
      },
      {
        id: 'notes-area-line',
        type: 'line',
        source: 'notes',
        filter: ['==', ['get', 'kind'], 'area'],
        layout: { visibility: visible(layers.notes) },
        paint: { 'line-color': '#1f1a14', 'line-width': 2, 'line-dasharray': [1, 1] },
      },
      {
        id: 'notes-pin',
        type: 'circle',
        source: 'notes',
        filter: ['==', ['get', 'kind'], 'label'],
        layout: { visibility: visible(layers.notes) },
        paint: { 'circle-color': '#ffbf47', 'circle-radius': 11, 'circle-stroke-color': '#1f1a14', 'circle-stroke-width': 2 },
      },
      {
        id: 'notes-number',
        type: 'symbol',
        source: 'notes',
        filter: ['==', ['get', 'kind'], 'label'],
        layout: { visibility: visible(layers.notes), 'text-field': ['to-string', ['get', 'n']], 'text-font': [LABEL_FONT], 'text-size': 12, 'text-allow-overlap': true, 'icon-allow-overlap': true },
        paint: { 'text-color': '#1f1a14' },
      },
    ], state.pointTiles, state.clusterTiles ?? null),
  };
}

/**
 * The points' source: the engine's vector tiles for the filter (it keeps the lines; the layers filter nothing), up
 * to the zoom from which each line is its own point; drawn deeper from those. None before the filter's first answer.
 */
function spendSource(tiles: string | null): StyleSpecification['sources'] {
  return tiles ? { spend: { type: 'vector', tiles: [tiles], minzoom: 0, maxzoom: FULL_ZOOM } } : {};
}

/** Layers over the spend source, kept only when it is there. */
function withSpend(layers: StyleSpecification['layers'], tiles: string | null, clusterTiles: string | null = null): StyleSpecification['layers'] {
  const gone = (l: StyleSpecification['layers'][number]) => 'source' in l && ((!tiles && l.source === 'spend') || (!clusterTiles && l.source === 'clustered'));
  return layers.filter((l) => !gone(l));
}

// Kept per filter, so a style rebuilt for a hover re-sends nothing: the source's data is compared by reference.
const outlines = new WeakMap<ResolvedFilter, FeatureCollection>();

/** The drawn box and shape as outlines; one shared empty collection when there are none. */
function selectionOutline(r: ResolvedFilter | null): FeatureCollection {
  if (!r || (!r.bbox && !r.lasso)) return EMPTY;
  let made = outlines.get(r);
  if (!made) outlines.set(r, (made = outlineOf(r)));
  return made;
}

function outlineOf(r: ResolvedFilter): FeatureCollection {
  const rings: [number, number][][] = [];
  if (r.bbox) {
    const [w, s, e, n] = r.bbox;
    rings.push([[w, s], [e, s], [e, n], [w, n], [w, s]]);
  }
  if (r.lasso) rings.push([...r.lasso, r.lasso[0]!]);
  return { type: 'FeatureCollection', features: rings.map((ring) => ({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: ring } })) };
}

function visible(on: boolean): 'visible' | 'none' {
  return on ? 'visible' : 'none';
}

export interface BriefMapState {
  data: MapData;
  /** The area the brief is about: drawn clear and outlined, everything outside it veiled. */
  area: Polygon | MultiPolygon;
  /** The points as the engine's tiles for the filter (see MapStyleState.pointTiles). */
  pointTiles: string | null;
  /** The area's meeting places, outlined and numbered as in the app. */
  meeting?: FeatureCollection | null;
  meetingLabels?: FeatureCollection | null;
  basemap?: BasemapInfo | null;
}

/**
 * The brief's map: the ward outlined, the spend points the filters keep coloured by service area, meeting places
 * outlined, and a white veil over everything outside the ward so the area reads at a glance on paper.
 */
export function buildBriefStyle(state: BriefMapState): StyleSpecification {
  const holes = state.area.type === 'Polygon' ? [state.area.coordinates[0]!] : state.area.coordinates.map((p) => p[0]!);
  const veil: FeatureCollection = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[-179, -85], [179, -85], [179, 85], [-179, 85], [-179, -85]], ...holes] } }],
  };
  return {
    version: 8,
    name: 'PlaceLens brief',
    sources: {
      wards: { type: 'geojson', data: state.data.wards },
      'ward-labels': { type: 'geojson', data: state.data.labels },
      places: { type: 'geojson', data: state.data.places },
      ...spendSource(state.pointTiles),
      veil: { type: 'geojson', data: veil },
      area: { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: state.area } },
      meeting: { type: 'geojson', data: state.meeting ?? EMPTY },
      'meeting-labels': { type: 'geojson', data: state.meetingLabels ?? EMPTY },
      ...(state.basemap
        ? { basemap: { type: 'vector' as const, url: `pmtiles://${state.basemap.key}`, minzoom: state.basemap.minZoom, maxzoom: state.basemap.maxZoom, bounds: state.basemap.bounds } }
        : {}),
    },
    layers: withSpend([
      { id: 'background', type: 'background', paint: { 'background-color': state.basemap ? '#f2efe9' : '#f4f1ec' } },
      ...(state.basemap ? basemapLayers(state.basemap) : []),
      { id: 'ward-outline', type: 'line', source: 'wards', paint: { 'line-color': '#7a6f62', 'line-width': 0.8 } },
      {
        id: 'places-outline',
        type: 'line',
        source: 'places',
        filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
        paint: { 'line-color': '#1f1a14', 'line-width': 1, 'line-dasharray': [2, 1.5] },
      },
      {
        id: 'spend-points',
        type: 'circle',
        source: 'spend',
        'source-layer': SPEND_TILE_LAYER,
        paint: { 'circle-color': areaColour(), 'circle-radius': POINT_RADIUS, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 0.5 },
      },
      { id: 'meet-place-line', type: 'line', source: 'meeting', paint: { 'line-color': '#08306b', 'line-width': 2 } },
      { id: 'veil', type: 'fill', source: 'veil', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.72 } },
      { id: 'area-outline', type: 'line', source: 'area', paint: { 'line-color': '#000000', 'line-width': 3 } },
      {
        id: 'ward-labels',
        type: 'symbol',
        source: 'ward-labels',
        layout: { 'text-field': ['get', 'name'], 'text-font': [LABEL_FONT], 'text-size': 12, 'text-max-width': 8, 'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'], 'text-radial-offset': 0.6 },
        paint: { 'text-color': '#1f1a14', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 1.8 },
      },
      // Above the ward names, so they are placed first and a name moves aside rather than cover a numbered place;
      // the padding makes the number's box as wide as its disc.
      { id: 'meet-rank-disc', type: 'circle', source: 'meeting-labels', paint: { 'circle-color': '#08306b', 'circle-radius': 9, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } },
      { id: 'meet-rank', type: 'symbol', source: 'meeting-labels', layout: { 'text-field': ['get', 'label'], 'text-font': [LABEL_FONT], 'text-size': 10, 'text-allow-overlap': true, 'text-padding': 7 }, paint: { 'text-color': '#ffffff' } },
    ], state.pointTiles),
  };
}
