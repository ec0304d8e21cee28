// The map's whole look as a pure function of what the user has chosen: state in, MapLibre style out.

import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { MapData } from '../engine/contract';
import { NO_SPEND_COLOUR, type ChoroplethClass } from '../domain/choropleth';
import { SERVICE_AREAS, SERVICE_AREA_COLOUR, type ServiceArea } from '../domain/service-areas';

export interface MapStyleState {
  data: MapData | null;
  classes: readonly ChoroplethClass[];
  enabledAreas: Readonly<Record<ServiceArea, boolean>>;
  hoveredWard: string | null;
  selectedWard: string | null;
}

export const LABEL_FONT = 'Noto Sans';
// One shared empty collection, so an unchanged empty source is the same reference and is not re-sent.
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function choroplethColour(classes: readonly ChoroplethClass[]): ExpressionSpecification | string {
  if (classes.length === 0) return NO_SPEND_COLOUR;
  const steps: (number | string)[] = [];
  classes.forEach((c, i) => {
    if (i > 0) steps.push(c.from, c.colour);
  });
  return ['case', ['<=', ['get', 'total'], 0], NO_SPEND_COLOUR, ['step', ['get', 'total'], classes[0]!.colour, ...steps] as ExpressionSpecification];
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
  const enabled = SERVICE_AREAS.filter((a) => state.enabledAreas[a]);
  return {
    version: 8,
    name: 'PlaceLens',
    sources: {
      wards: { type: 'geojson', data: state.data?.wards ?? EMPTY },
      'ward-labels': { type: 'geojson', data: state.data?.labels ?? EMPTY },
      // Point sources with `cluster` are tiled by supercluster's KD-tree instead of geojson-vt, several times faster for
      // tens of thousands of points. clusterMaxZoom 0 means nothing is ever drawn clustered at borough zooms.
      spend: { type: 'geojson', data: state.data?.points ?? EMPTY, cluster: true, clusterMaxZoom: 0, clusterRadius: 1 },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e9edf1' } },
      {
        id: 'ward-fill',
        type: 'fill',
        source: 'wards',
        paint: { 'fill-color': choroplethColour(state.classes), 'fill-opacity': 1 },
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
        id: 'spend-points',
        type: 'circle',
        source: 'spend',
        filter: ['in', ['get', 'area'], ['literal', enabled]],
        paint: {
          'circle-color': areaColour(),
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 1.6, 13, 3.2, 16, 6],
          'circle-opacity': 1,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 10, 0, 13, 0.6],
        },
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
    ],
  };
}
