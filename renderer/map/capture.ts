// The live map as a picture: what a story's handout and offline page show for each slide, drawn exactly as presented.

import type { Map as MapLibreMap } from 'maplibre-gl';

let live: MapLibreMap | null = null;

/** MapView registers its map (and clears it when it goes), so the picture is of the map on screen. */
export function setLiveMap(map: MapLibreMap | null): void {
  live = map;
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Waits for the map to draw what the app last asked of it (a style applied on the next render, tiles, a flight),
 * then returns it as a PNG data URL with its size in pixels.
 */
export async function captureLiveMap(): Promise<{ dataUrl: string; width: number; height: number }> {
  const map = live;
  if (!map) throw new Error('there is no map on screen to picture');
  // React applies a new style after its render: two frames let that happen before waiting for the map to settle.
  await frame();
  await frame();
  const idle = new Promise<void>((resolve) => map.once('idle', () => resolve()));
  map.triggerRepaint();
  await idle;
  const canvas = map.getCanvas();
  return { dataUrl: canvas.toDataURL('image/png'), width: canvas.width, height: canvas.height };
}
