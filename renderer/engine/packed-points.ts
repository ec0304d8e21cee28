// The map's spend points as columns of numbers: how they cross from the engine's worker to the page. A million
// GeoJSON features took about six seconds to copy between threads; typed arrays are handed over without a copy,
// and the features are made once, on the page, where MapLibre needs them.

import type { Feature, FeatureCollection, Point } from 'geojson';
import type { MapData, PointProperties } from './contract';
import { SERVICE_AREAS } from '../domain/service-areas';

export interface PackedPoints {
  n: number;
  id: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  /** Index into SERVICE_AREAS. */
  area: Uint8Array;
  pence: Float64Array;
  day: Int32Array;
  supplier: Int32Array;
  department: Int32Array;
  method: Uint8Array;
  redacted: Uint8Array;
  /** Index into missionTexts: the point's missions as stored (",food,"). */
  missions: Uint32Array;
  missionTexts: string[];
}

/** MapData as the worker sends it: the points as columns. */
export type PackedMapData = Omit<MapData, 'points'> & { packedPoints: PackedPoints };

/** Room for n points. */
export function emptyPackedPoints(n: number): PackedPoints {
  return {
    n,
    id: new Float64Array(n), lon: new Float64Array(n), lat: new Float64Array(n), area: new Uint8Array(n), pence: new Float64Array(n),
    day: new Int32Array(n), supplier: new Int32Array(n), department: new Int32Array(n), method: new Uint8Array(n),
    redacted: new Uint8Array(n), missions: new Uint32Array(n), missionTexts: [],
  };
}

/** The same arrays cut to the first n points (views, not copies). */
export function firstPoints(p: PackedPoints, n: number): PackedPoints {
  return {
    n,
    id: p.id.subarray(0, n), lon: p.lon.subarray(0, n), lat: p.lat.subarray(0, n), area: p.area.subarray(0, n), pence: p.pence.subarray(0, n),
    day: p.day.subarray(0, n), supplier: p.supplier.subarray(0, n), department: p.department.subarray(0, n), method: p.method.subarray(0, n),
    redacted: p.redacted.subarray(0, n), missions: p.missions.subarray(0, n), missionTexts: p.missionTexts,
  };
}

/** The buffers to hand over with postMessage. */
export function packedBuffers(p: PackedPoints): ArrayBuffer[] {
  return [p.id, p.lon, p.lat, p.area, p.pence, p.day, p.supplier, p.department, p.method, p.redacted, p.missions].map((a) => a.buffer as ArrayBuffer);
}

export function unpackPoints(p: PackedPoints): FeatureCollection<Point, PointProperties> {
  const features: Feature<Point, PointProperties>[] = new Array(p.n);
  for (let i = 0; i < p.n; i++) {
    features[i] = {
      type: 'Feature',
      properties: {
        id: p.id[i]!, area: SERVICE_AREAS[p.area[i]!]!, pence: p.pence[i]!, day: p.day[i]!, s: p.supplier[i]!, d: p.department[i]!,
        m: p.method[i]!, ms: p.missionTexts[p.missions[i]!]!, r: p.redacted[i]!,
      },
      geometry: { type: 'Point', coordinates: [p.lon[i]!, p.lat[i]!] },
    };
  }
  return { type: 'FeatureCollection', features };
}
