import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { annotationPoint, annotationsCsv, annotationsGeoJson, annotationsIn, checkAnnotation, type Annotation } from '../../../renderer/domain/annotation';
import type { Polygon } from 'geojson';

const square: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };

function note(id: number, over: Partial<Annotation> = {}): Annotation {
  return { id, geometry: { type: 'Point', coordinates: [0.5, 0.5] }, note: `note ${id}`, slideId: null, area: null, createdAt: '2026-11-27T10:00:00.000Z', ...over };
}

describe('checking a note', () => {
  it('keeps a pin and an area, trimming the words and closing the ring', () => {
    expect(checkAnnotation({ geometry: { type: 'Point', coordinates: [-0.14, 51.5, 30] }, note: '  youth club closed  ', slideId: '', area: 'youth' })).toEqual({
      ok: true,
      annotation: { geometry: { type: 'Point', coordinates: [-0.14, 51.5] }, note: 'youth club closed', slideId: null, area: 'youth' },
    });
    const open = checkAnnotation({ geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1]]] }, note: 'x', slideId: 's1', area: null });
    expect(open.ok && open.annotation.geometry).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
  });

  it('refuses a note without words or without a place, saying which', () => {
    const at = { type: 'Point' as const, coordinates: [0, 51] };
    expect(checkAnnotation({ geometry: at, note: '   ', slideId: null, area: null })).toEqual({ ok: false, reason: 'the note is empty: write what was said' });
    expect(checkAnnotation({ geometry: { type: 'Point', coordinates: [0, 95] }, note: 'x', slideId: null, area: null })).toEqual({ ok: false, reason: 'the pin is not at a longitude and latitude' });
    expect(checkAnnotation({ geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] }, note: 'x', slideId: null, area: null })).toEqual({ ok: false, reason: 'the shape needs three corners or more' });
    expect(checkAnnotation({ geometry: at, note: 'x'.repeat(2001), slideId: null, area: null })).toEqual({ ok: false, reason: 'the note is longer than 2,000 characters' });
    expect(checkAnnotation({ geometry: at, note: 'x', slideId: null, area: 'parks' as never })).toEqual({ ok: false, reason: '“parks” is not a service area' });
    expect(checkAnnotation({ geometry: { type: 'LineString', coordinates: [] } as never, note: 'x', slideId: null, area: null })).toEqual({ ok: false, reason: 'a note is pinned to a point or drawn round an area' });
  });
});

describe('notes in an area', () => {
  it('counts a pin inside and a shape that touches it, not one outside', () => {
    const inside = note(1);
    const outside = note(2, { geometry: { type: 'Point', coordinates: [2, 2] } });
    const overlapping = note(3, { geometry: { type: 'Polygon', coordinates: [[[0.9, 0.9], [3, 0.9], [3, 3], [0.9, 3], [0.9, 0.9]]] } });
    const apart = note(4, { geometry: { type: 'Polygon', coordinates: [[[5, 5], [6, 5], [6, 6], [5, 5]]] } });
    expect(annotationsIn([inside, outside, overlapping, apart], square).map((a) => a.id)).toEqual([1, 3]);
    expect(annotationPoint(overlapping)).toEqual([expect.closeTo(1.95, 6), expect.closeTo(1.95, 6)]);
  });
});

describe('exporting notes', () => {
  const notes = [
    note(1, { note: '=HYPERLINK("http://x")', slideId: 's1', area: 'youth' }),
    note(2, { note: 'The park, near "the pond", floods', geometry: square }),
  ];
  const title = (id: string) => (id === 's1' ? 'Kilburn, youth' : null);

  it('writes CSV a spreadsheet reads as text, with where each note is and its slide', () => {
    const csv = annotationsCsv(notes, title);
    const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['id', 'note', 'kind', 'longitude', 'latitude', 'slide', 'service_area', 'created_at']);
    expect(rows[1]).toEqual(['1', `'=HYPERLINK("http://x")`, 'pin', '0.5', '0.5', 'Kilburn, youth', 'Youth services', '2026-11-27T10:00:00.000Z']);
    expect(rows[2]!.slice(0, 5)).toEqual(['2', 'The park, near "the pond", floods', 'area', '0.5', '0.5']);
  });

  it('writes GeoJSON features with the same fields', () => {
    const fc = annotationsGeoJson(notes, title);
    expect(fc.features.map((f) => [f.id, f.geometry.type, f.properties])).toEqual([
      [1, 'Point', { note: '=HYPERLINK("http://x")', slide: 'Kilburn, youth', service_area: 'Youth services', created_at: '2026-11-27T10:00:00.000Z' }],
      [2, 'Polygon', { note: 'The park, near "the pond", floods', slide: null, service_area: null, created_at: '2026-11-27T10:00:00.000Z' }],
    ]);
  });
});
