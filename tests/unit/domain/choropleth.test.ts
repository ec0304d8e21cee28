import { describe, expect, it } from 'vitest';
import { classColour, quantileClasses, CHOROPLETH_COLOURS, NO_SPEND_COLOUR } from '../../../renderer/domain/choropleth';

describe('quantileClasses', () => {
  it('makes five classes covering every positive value, with £ labels', () => {
    const values = Array.from({ length: 20 }, (_, i) => (i + 1) * 100_000_00);
    const c = quantileClasses(values);
    expect(c).toHaveLength(5);
    expect(c[0]!.from).toBe(100_000_00);
    expect(c[4]!.to).toBe(2_000_000_00);
    for (let i = 1; i < c.length; i++) expect(c[i]!.from).toBe(c[i - 1]!.to + 1);
    expect(c[0]!.label).toBe('£100k – £400k');
    for (const v of values) expect(CHOROPLETH_COLOURS).toContain(classColour(c, v));
  });
  it('gives no empty classes when values repeat, and none at all with no spend', () => {
    expect(quantileClasses([5, 5, 5, 0])).toHaveLength(1);
    expect(quantileClasses([0, 0])).toEqual([]);
    expect(classColour([], 0)).toBe(NO_SPEND_COLOUR);
  });
});
