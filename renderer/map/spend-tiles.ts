// Serves the engine's point tiles to MapLibre through the placelens-spend:// protocol: no server, nothing leaves the app.

import { addProtocol } from 'maplibre-gl';

/** Asks for one tile of the points (or of the clustered view) of the filter named by `key`; empty bytes for none. */
export type SpendTileLoader = (layer: 'points' | 'clusters', key: string, z: number, x: number, y: number) => Promise<Uint8Array>;

const PROTOCOL = 'placelens-spend';

let loader: SpendTileLoader | null = null;
let loaderSet: () => void = () => {};
const loaderReady = new Promise<void>((resolve) => {
  loaderSet = resolve;
});

/** The tiles' URL for the filter named by `key`: a new key is a new URL, so MapLibre asks for every tile again. */
export function spendTilesUrl(key: string, layer: 'points' | 'clusters' = 'points'): string {
  return `${PROTOCOL}://${encodeURIComponent(key)}/${layer === 'clusters' ? 'clusters/' : ''}{z}/{x}/{y}`;
}

/** Where the tiles come from; the map may ask before it is set (the first style), and then waits for it. */
export function setSpendTileLoader(load: SpendTileLoader): void {
  loader = load;
  loaderSet();
}

/** `placelens-spend://key/z/x/y` (points) or `…/key/clusters/z/x/y` → its parts; null for anything else. */
export function parseSpendTileUrl(url: string): { layer: 'points' | 'clusters'; key: string; z: number; x: number; y: number } | null {
  const m = /^placelens-spend:\/\/([^/]+)\/(clusters\/)?(\d+)\/(\d+)\/(\d+)$/.exec(url);
  if (!m) return null;
  return { layer: m[2] ? 'clusters' : 'points', key: decodeURIComponent(m[1]!), z: Number(m[3]), x: Number(m[4]), y: Number(m[5]) };
}

addProtocol(PROTOCOL, async (params) => {
  const tile = parseSpendTileUrl(params.url);
  if (!tile) throw new Error(`PlaceLens cannot read the spend tile address ${params.url}`);
  await loaderReady;
  const bytes = await loader!(tile.layer, tile.key, tile.z, tile.x, tile.y);
  // MapLibre wants an ArrayBuffer of exactly the tile.
  const data = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
  return { data };
});
