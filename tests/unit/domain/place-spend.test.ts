import { describe, expect, it } from 'vitest';
import { ColumnsBuilder } from '../../../renderer/domain/spend-columns';
import { placeSpend } from '../../../renderer/domain/place-spend';

// One ward; a square estate from (0,0) to (0.01,0.01) degrees; a youth centre given as a point at (0.02, 0).
function columns() {
  const b = new ColumnsBuilder(['W1', 'W2'], []);
  const line = (id: number, lon: number | null, lat: number | null, pence: number, area = 'estates', ward = 'W1') =>
    b.add({ id, wardCode: ward, serviceArea: area, missions: '', date: '2024-01-01', pence, supplier: 'S', department: 'D', method: lon === null ? 'ward-name' : 'coordinates', lon, lat });
  line(1, 0.005, 0.005, 1000); // inside the estate
  line(2, 0.009, 0.001, 250, 'youth'); // inside, near its corner
  line(3, 0.011, 0.005, 999); // just outside the estate's east edge
  line(4, 0.0205, 0.0005, 400, 'youth'); // about 78 m from the youth centre
  line(5, 0.0215, 0, 300, 'youth'); // about 167 m away: not at it
  line(6, null, null, 5000); // placed by ward name: no point, at no place
  line(7, 0.005, 0.005, 700, 'estates', 'W2'); // inside the outline but counted in another ward
  return b.build();
}

const places = [
  { name: 'Square estate', kind: 'estate', geometry: { type: 'Polygon' as const, coordinates: [[[0, 0], [0.01, 0], [0.01, 0.01], [0, 0.01], [0, 0]]] }, lon: 0.005, lat: 0.005 },
  { name: 'Corner youth centre', kind: 'youth-centre', geometry: { type: 'Point' as const, coordinates: [0.02, 0] }, lon: 0.02, lat: 0 },
  { name: 'Quiet library', kind: 'library', geometry: { type: 'Point' as const, coordinates: [0.5, 0.5] }, lon: 0.5, lat: 0.5 },
];

describe('placeSpend', () => {
  it('counts lines inside an outline and within 100 m of a point place, in the ward and the filter only', () => {
    const cols = columns();
    const all = new Uint8Array(cols.n).fill(1);
    const out = placeSpend(cols, all, 0, places);
    expect(out.map((p) => [p.name, p.pence, p.lines, p.rule])).toEqual([
      ['Square estate', 1250, 2, 'inside its outline'],
      ['Corner youth centre', 400, 1, 'within 100 m'],
    ]);
    expect(out[0]!.byArea).toMatchObject({ estates: 1000, youth: 250 });
    // The filter's mask decides which lines count.
    const onlyEstates = Uint8Array.from({ length: cols.n }, (_, i) => (cols.area[i] === 2 ? 1 : 0));
    expect(placeSpend(cols, onlyEstates, 0, places).map((p) => [p.name, p.pence])).toEqual([['Square estate', 1000]]);
    expect(placeSpend(cols, all, 1, places).map((p) => [p.name, p.pence])).toEqual([['Square estate', 700]]);
  });
});
