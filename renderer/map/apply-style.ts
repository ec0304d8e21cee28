// Applies a new style to a live map as a diff: data by reference (setData), everything else through MapLibre's own diff.

import { diff } from '@maplibre/maplibre-gl-style-spec';
import type { GeoJSONSource, Map as MapLibreMap, StyleSpecification, VectorTileSource } from 'maplibre-gl';

function withoutData(style: StyleSpecification): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  for (const [id, source] of Object.entries(style.sources)) {
    // Comparing 100k features deeply on every toggle is what this avoids; data is compared by reference instead.
    // Tile addresses likewise: a new address (the points' tiles for a new filter) is set on the source, which keeps
    // drawing its old tiles until the new ones arrive, where removing and adding it would blank the points between.
    sources[id] = source.type === 'geojson' ? { ...source, data: `ref:${id}` } : source.type === 'vector' && source.tiles ? { ...source, tiles: [`ref:${id}`] } : source;
  }
  return { ...style, sources };
}

export function applyStyle(map: MapLibreMap, previous: StyleSpecification, next: StyleSpecification): void {
  const commands = diff(withoutData(previous), withoutData(next));
  if (commands.some((c) => c.command === 'setStyle')) {
    map.setStyle(next);
    return;
  }
  for (const c of commands) {
    if (c.command === 'setGeoJSONSourceData') continue;
    if (c.command === 'addSource') {
      const id = c.args[0] as string;
      map.addSource(id, next.sources[id]!);
      continue;
    }
    (map as unknown as Record<string, (...args: unknown[]) => void>)[c.command]!(...c.args);
  }
  for (const [id, source] of Object.entries(next.sources)) {
    const before = previous.sources[id];
    if (source.type === 'geojson' && before?.type === 'geojson' && before.data !== source.data) {
      (map.getSource(id) as GeoJSONSource | undefined)?.setData(source.data as GeoJSON.GeoJSON);
    }
    if (source.type === 'vector' && before?.type === 'vector' && source.tiles && before.tiles && source.tiles.join() !== before.tiles.join()) {
      (map.getSource(id) as VectorTileSource | undefined)?.setTiles(source.tiles);
    }
  }
}
