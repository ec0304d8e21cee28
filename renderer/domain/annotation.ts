// Annotations: what people said in a workshop, pinned to a point or drawn round an area of the map, with a note,
// the slide it was said on and, if it is about one, a service area. Checked here so the engine, the panel, the
// exports and the briefs agree; exported as CSV a spreadsheet opens safely and as GeoJSON a GIS opens.

import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { booleanIntersects, booleanPointInPolygon, centroid } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import { isServiceArea, SERVICE_AREA_LABEL, type ServiceArea } from './service-areas';
import { csvDocument, csvNumber, csvText } from './csv-export';

export interface Annotation {
  id: number;
  geometry: Point | Polygon;
  note: string;
  /** The slide it was made on (a story slide's id), or null when made outside a presentation. */
  slideId: string | null;
  area: ServiceArea | null;
  /** ISO date-time it was made. */
  createdAt: string;
}

export type AnnotationDraft = Pick<Annotation, 'geometry' | 'note' | 'slideId' | 'area'>;

export const NOTE_MAX = 2000;

const lonLat = (p: unknown): p is [number, number] =>
  Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;

/** The annotation made safe to store, or why it cannot be: a note needs words and a place on Earth. */
export function checkAnnotation(draft: AnnotationDraft): { ok: true; annotation: AnnotationDraft } | { ok: false; reason: string } {
  const note = draft.note.trim();
  if (!note) return { ok: false, reason: 'the note is empty: write what was said' };
  if (note.length > NOTE_MAX) return { ok: false, reason: `the note is longer than ${NOTE_MAX.toLocaleString('en-GB')} characters` };
  if (draft.area !== null && !isServiceArea(draft.area)) return { ok: false, reason: `“${String(draft.area)}” is not a service area` };
  const g = draft.geometry;
  let geometry: Point | Polygon;
  if (g?.type === 'Point') {
    if (!lonLat(g.coordinates)) return { ok: false, reason: 'the pin is not at a longitude and latitude' };
    geometry = { type: 'Point', coordinates: [g.coordinates[0]!, g.coordinates[1]!] };
  } else if (g?.type === 'Polygon') {
    const ring = g.coordinates[0];
    if (!ring || !ring.every(lonLat)) return { ok: false, reason: 'the shape’s corners are not longitudes and latitudes' };
    const open = ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1] ? ring.slice(0, -1) : ring;
    if (open.length < 3) return { ok: false, reason: 'the shape needs three corners or more' };
    geometry = { type: 'Polygon', coordinates: [[...open.map((p) => [p[0]!, p[1]!]), [open[0]![0]!, open[0]![1]!]]] };
  } else {
    return { ok: false, reason: 'a note is pinned to a point or drawn round an area' };
  }
  return { ok: true, annotation: { geometry, note, slideId: draft.slideId || null, area: draft.area } };
}

/** Where a label or a list's "go to" puts the annotation: the pin, or the shape's centre. */
export function annotationPoint(a: Pick<Annotation, 'geometry'>): [number, number] {
  if (a.geometry.type === 'Point') return [a.geometry.coordinates[0]!, a.geometry.coordinates[1]!];
  const c = centroid(a.geometry).geometry.coordinates;
  return [c[0]!, c[1]!];
}

/** Those inside an area (a pin in it, or a shape touching it): a brief's "what we heard". */
export function annotationsIn(annotations: readonly Annotation[], area: Polygon | MultiPolygon): Annotation[] {
  return annotations.filter((a) => (a.geometry.type === 'Point' ? booleanPointInPolygon(a.geometry.coordinates, area) : booleanIntersects(a.geometry, area)));
}

/** As CSV: one row per note, with where it is (the pin, or the shape's centre), the slide's title and the area. */
export function annotationsCsv(annotations: readonly Annotation[], slideTitle: (id: string) => string | null): string {
  const header = ['id', 'note', 'kind', 'longitude', 'latitude', 'slide', 'service_area', 'created_at'];
  return csvDocument(
    header,
    annotations.map((a) => {
      const [lon, lat] = annotationPoint(a);
      return [
        String(a.id),
        csvText(a.note),
        a.geometry.type === 'Point' ? 'pin' : 'area',
        csvNumber(Math.round(lon * 1e7) / 1e7),
        csvNumber(Math.round(lat * 1e7) / 1e7),
        csvText(a.slideId ? (slideTitle(a.slideId) ?? '') : ''),
        csvText(a.area ? SERVICE_AREA_LABEL[a.area] : ''),
        csvText(a.createdAt),
      ];
    }),
  );
}

/** As GeoJSON (WGS84), each note a feature with the same fields as the CSV. */
export function annotationsGeoJson(annotations: readonly Annotation[], slideTitle: (id: string) => string | null): FeatureCollection<Point | Polygon> {
  return {
    type: 'FeatureCollection',
    features: annotations.map(
      (a): Feature<Point | Polygon> => ({
        type: 'Feature',
        id: a.id,
        geometry: a.geometry,
        properties: {
          note: a.note,
          slide: a.slideId ? slideTitle(a.slideId) : null,
          service_area: a.area ? SERVICE_AREA_LABEL[a.area] : null,
          created_at: a.createdAt,
        },
      }),
    ),
  };
}
