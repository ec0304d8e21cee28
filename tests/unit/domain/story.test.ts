import { describe, expect, it } from 'vitest';
import {
  duplicateSlide, moveSlide, newSlideId, normaliseFilter, periodOfFilter, proposeCaption, readSlide, removeSlide, restoreSlide,
  CAPTION_MAX, type CaptionFacts, type Slide,
} from '../../../renderer/domain/story';
import { defaultFilter } from '../../../renderer/domain/spend-filter';

function slide(id: string, title = id): Slide {
  return {
    id,
    title,
    caption: `About ${title}`,
    notes: '',
    view: { centre: [-0.14, 51.54], zoom: 13, bearing: 0, pitch: 0 },
    state: { filter: defaultFilter(), layers: { points: true }, wardMetric: 'pence', selectedWard: null, meeting: null },
  };
}

const ids = (slides: Slide[]) => slides.map((s) => s.id);

describe('ordering slides', () => {
  const four = [slide('a'), slide('b'), slide('c'), slide('d')];

  it('moves a slide up, down, to either end, and clamps past the ends', () => {
    expect(ids(moveSlide(four, 2, 1))).toEqual(['a', 'c', 'b', 'd']);
    expect(ids(moveSlide(four, 0, 3))).toEqual(['b', 'c', 'd', 'a']);
    expect(ids(moveSlide(four, 3, 0))).toEqual(['d', 'a', 'b', 'c']);
    expect(ids(moveSlide(four, 1, 99))).toEqual(['a', 'c', 'd', 'b']);
    expect(ids(moveSlide(four, 1, -5))).toEqual(['b', 'a', 'c', 'd']);
    // A slide that is not there moves nothing; the list given is never changed.
    expect(ids(moveSlide(four, 7, 0))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(four)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('duplicates a slide right after itself, as a deep copy titled as the copy', () => {
    const out = duplicateSlide(four, 1, 'b2');
    expect(ids(out)).toEqual(['a', 'b', 'b2', 'c', 'd']);
    expect(out[2]!.title).toBe('b (copy)');
    out[2]!.state.filter.areas.pop();
    expect(four[1]!.state.filter.areas).toHaveLength(5);
  });

  it('puts a deleted slide back where it was with Undo, even after other slides moved', () => {
    const { slides, removed } = removeSlide(four, 2);
    expect(ids(slides)).toEqual(['a', 'b', 'd']);
    expect(ids(restoreSlide(slides, removed!))).toEqual(['a', 'b', 'c', 'd']);
    // The list shrank meanwhile: the slide goes at the end rather than nowhere.
    expect(ids(restoreSlide([slides[0]!], removed!))).toEqual(['a', 'c']);
    // Undo twice does not make two of it.
    expect(ids(restoreSlide(restoreSlide(slides, removed!), removed!))).toEqual(['a', 'b', 'c', 'd']);
    expect(removeSlide(four, 9).removed).toBeNull();
  });

  it('gives ids not already taken', () => {
    let n = 0;
    // A random source that repeats: the second id must differ from the first.
    const random = () => [0.5, 0.5, 0.25][n++ % 3]!;
    const first = newSlideId([], random);
    const second = newSlideId([first], random);
    expect(second).not.toBe(first);
    expect(first).toMatch(/^s[0-9a-z]{6}$/);
  });
});

describe('reading a stored slide', () => {
  const stored = (over: Record<string, unknown> = {}) => ({
    id: 's1', title: 'Kilburn', caption: 'Where services meet', notes: 'say hello',
    view: JSON.stringify({ centre: [-0.19, 51.54], zoom: 14.2, bearing: 10, pitch: 0 }),
    state: JSON.stringify({ filter: { areas: ['youth', 'estates'], missions: ['food'], from: '2023-04-01', to: '2024-03-31' }, layers: { meeting: true, heat: 'yes' }, wardMetric: 'mix', selectedWard: 'E05013652', meeting: { kind: 'place', rank: 2 } }),
    ...over,
  });

  it('reads every field back, and keeps only what the app can use', () => {
    const read = readSlide(stored());
    expect('slide' in read).toBe(true);
    const s = (read as { slide: Slide }).slide;
    expect(s.view).toEqual({ centre: [-0.19, 51.54], zoom: 14.2, bearing: 10, pitch: 0 });
    expect(s.state.filter.areas).toEqual(['youth', 'estates']);
    expect(s.state.filter.missions).toEqual(['food']);
    expect(s.state.filter.from).toBe('2023-04-01');
    // Fields the stored filter did not set are "no condition", not undefined.
    expect(s.state.filter.suppliers).toEqual([]);
    expect(s.state.filter.unlocated).toBe(true);
    expect(s.state.layers).toEqual({ meeting: true });
    expect(s.state.wardMetric).toBe('mix');
    expect(s.state.meeting).toEqual({ kind: 'place', rank: 2 });
    expect(s.notes).toBe('say hello');
  });

  it('refuses a slide whose view would send the map nowhere, saying why', () => {
    expect(readSlide(stored({ view: '{"centre":[200,51],"zoom":12}' }))).toEqual({ reason: 'its map centre is not a longitude and latitude' });
    expect(readSlide(stored({ view: '{"centre":[0,51],"zoom":40}' }))).toEqual({ reason: 'its zoom is not between 0 and 24' });
    expect(readSlide(stored({ view: '{not json' }))).toEqual({ reason: 'its map view is not readable JSON' });
    expect(readSlide(stored({ state: '[' }))).toEqual({ reason: 'its filters and layers are not readable JSON' });
    expect(readSlide(stored({ id: '' }))).toEqual({ reason: 'it has no id' });
  });

  it('makes a damaged filter safe field by field', () => {
    const f = normaliseFilter({ areas: ['youth', 'nonsense'], from: '1/4/2023', minPence: 1.5, maxPence: 500, bbox: [1, 2, 3], lasso: [[0, 0], [1, 0], [1, 1]], picked: [1, 'x'] });
    expect(f.areas).toEqual(['youth']);
    expect(f.from).toBeNull();
    expect(f.minPence).toBeNull();
    expect(f.maxPence).toBe(500);
    expect(f.bbox).toBeNull();
    expect(f.lasso).toHaveLength(3);
    expect(f.picked).toBeUndefined();
    expect(normaliseFilter('nonsense')).toEqual(defaultFilter());
  });
});

describe('proposed captions', () => {
  const facts = (over: Partial<CaptionFacts> = {}): CaptionFacts => ({
    wardName: null,
    meeting: null,
    pence: 123_456_700,
    lines: 2_401,
    byArea: { 'social-care': 60_000_000, youth: 10_000_000, estates: 40_000_000, 'green-spaces': 13_456_700, other: 0 },
    filter: defaultFilter(),
    period: null,
    missionLabel: (id) => ({ food: 'Food' })[id] ?? id,
    ...over,
  });

  it('describes the borough from the figures: total, lines, and the two largest areas with their shares', () => {
    expect(proposeCaption(facts())).toEqual({
      title: 'Council spend in the borough',
      caption: '£1.2m of council spend across the borough, over 2,401 payments. Social care is the largest part (49%), then estate management (32%).',
    });
  });

  it('names the ward, the areas shown and the period', () => {
    const filter = { ...defaultFilter(), areas: ['youth' as const, 'estates' as const], from: '2023-04-01', to: '2024-03-31' };
    const out = proposeCaption(facts({ wardName: 'Kilburn', filter, period: periodOfFilter(filter), byArea: { 'social-care': 0, youth: 30_000, estates: 10_000, 'green-spaces': 0, other: 0 }, pence: 40_000, lines: 3 }));
    expect(out.title).toBe('Youth services and estate management in Kilburn ward');
    expect(out.caption).toBe('£400 of youth services and estate management in Kilburn in 2023–24, over 3 payments. Youth services is the largest part (75%), then estate management (25%).');
  });

  it('leads with a meeting place’s own sentence, names missions, and says plainly when nothing is shown', () => {
    const meeting = { title: 'Somers Town Estate', sentence: 'Social care and youth services both spend around Somers Town Estate.' };
    const filter = { ...defaultFilter(), missions: ['food'] };
    const out = proposeCaption(facts({ meeting, filter }));
    expect(out.title).toBe('Food mission in Somers Town Estate');
    expect(out.caption.startsWith(meeting.sentence)).toBe(true);
    expect(out.caption).toContain('of Food mission in the area shown');
    expect(proposeCaption(facts({ lines: 0, pence: 0, period: '2022–23' })).caption).toBe('No spend in 2022–23 is shown here with these filters.');
    // One area only.
    expect(proposeCaption(facts({ byArea: { 'social-care': 0, youth: 5, estates: 0, 'green-spaces': 0, other: 0 } })).caption).toContain('All of it is youth services.');
  });

  it('keeps captions within the length a slide shows', () => {
    const long = { title: 'X', sentence: 'word '.repeat(300) };
    expect(proposeCaption(facts({ meeting: long })).caption.length).toBeLessThanOrEqual(CAPTION_MAX);
  });

  it('puts the filter’s dates in words', () => {
    expect(periodOfFilter({ from: '2023-04-01', to: '2024-03-31' })).toBe('2023–24');
    expect(periodOfFilter({ from: '1999-04-01', to: '2000-03-31' })).toBe('1999–00');
    expect(periodOfFilter({ from: '2023-01-01', to: '2023-06-30' })).toBe('1 Jan 2023 – 30 Jun 2023');
    expect(periodOfFilter({ from: '2023-01-01', to: null })).toBe('from 1 Jan 2023');
    expect(periodOfFilter({ from: null, to: '2023-01-31' })).toBe('up to 31 Jan 2023');
    expect(periodOfFilter({ from: null, to: null })).toBeNull();
  });
});
