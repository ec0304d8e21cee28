// Serves a PMTiles basemap file held in memory to MapLibre through the pmtiles:// protocol; reads what it holds.

import { addProtocol } from 'maplibre-gl';
import { PMTiles, Protocol, TileType, type RangeResponse, type Source } from 'pmtiles';
import type { FileInput } from '../engine/contract';
import { attributionText, type BasemapInfo } from './basemap-style';

/** The file's bytes as a PMTiles source: no server, no request leaves the app. */
class BytesSource implements Source {
  constructor(
    private readonly key: string,
    private readonly bytes: Uint8Array,
  ) {}

  getKey(): string {
    return this.key;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    if (offset + length > this.bytes.length) throw new Error(`the file ends before byte ${offset + length}; it may be cut short`);
    const data = this.bytes.buffer.slice(this.bytes.byteOffset + offset, this.bytes.byteOffset + offset + length) as ArrayBuffer;
    return { data };
  }
}

let protocol: Protocol | null = null;
let loaded = 0;

export type RegisterBasemapResult = { ok: true; basemap: BasemapInfo } | { ok: false; reason: string };

export async function registerBasemap(file: FileInput): Promise<RegisterBasemapResult> {
  if (!protocol) {
    protocol = new Protocol();
    // pmtiles types its answer loosely (data: unknown); MapLibre's own type is narrower, the runtime shapes agree.
    addProtocol('pmtiles', protocol.tilev4 as unknown as Parameters<typeof addProtocol>[1]);
  }
  const head = new TextDecoder().decode(file.bytes.subarray(0, 7));
  if (head !== 'PMTiles') return { ok: false, reason: 'it is not a PMTiles file (it does not start with the PMTiles header)' };
  if (file.bytes[7] !== 3) return { ok: false, reason: `it is PMTiles version ${file.bytes[7]}; PlaceLens reads version 3` };
  const key = `basemap-${++loaded}`;
  const tiles = new PMTiles(new BytesSource(key, file.bytes));
  try {
    const header = await tiles.getHeader();
    if (header.tileType !== TileType.Mvt) {
      return { ok: false, reason: 'it holds picture (raster) tiles; PlaceLens draws vector basemaps (Mapbox Vector Tiles) only' };
    }
    const metadata = (await tiles.getMetadata()) as { name?: string; attribution?: string; vector_layers?: { id: string; fields?: Record<string, string> }[] };
    const layers = (metadata.vector_layers ?? []).map((l) => ({ id: l.id, fields: Object.keys(l.fields ?? {}) }));
    if (layers.length === 0) return { ok: false, reason: 'its metadata lists no vector layers, so there is nothing PlaceLens knows how to draw' };
    protocol.add(tiles);
    const name = metadata.name?.trim() || file.name.replace(/\.pmtiles$/i, '');
    return {
      ok: true,
      basemap: {
        key,
        file: file.name,
        name,
        attribution: attributionText(metadata.attribution, name),
        minZoom: header.minZoom,
        maxZoom: header.maxZoom,
        bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
        layers,
      },
    };
  } catch (e) {
    return { ok: false, reason: `it could not be read: ${(e as Error).message}` };
  }
}
