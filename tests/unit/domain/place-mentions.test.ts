import { describe, expect, it } from 'vitest';
import { PlaceMentionFinder, placeKey, withinOneSlip } from '../../../renderer/domain/place-mentions';
import type { Place } from '../../../renderer/domain/places';

const place = (name: string, aliases: string[] = [], source = `places.csv row ${name.length}`): Place => ({
  name, kind: 'estate', aliases, geometry: { type: 'Point', coordinates: [0, 0] }, lon: 0, lat: 0, source,
});

const regents = place("Regent's Park Estate", ['Regents Park Est']);
const park = place("Regent's Park");
const kilburn = place('Kilburn Library Centre');
const hub = place('Hub');
const highgate = place('Highgate');
const twinA = place('Maitland Park', [], 'a.csv row 2');
const twinB = place('Maitland Park', [], 'b.csv row 9');
const finder = new PlaceMentionFinder([regents, park, kilburn, hub, highgate, twinA, twinB]);

describe('withinOneSlip', () => {
  it('allows one letter added, dropped, changed or two neighbours swapped, and no more', () => {
    expect(withinOneSlip('regents', 'regents')).toBe(true);
    expect(withinOneSlip('regents', 'regent')).toBe(true);
    expect(withinOneSlip('regnets', 'regents')).toBe(true);
    expect(withinOneSlip('regants', 'regents')).toBe(true);
    expect(withinOneSlip('rgeents', 'regents')).toBe(true);
    expect(withinOneSlip('regnts', 'regents')).toBe(true);
    expect(withinOneSlip('rigants', 'regents')).toBe(false);
    expect(withinOneSlip('regentss1', 'regents')).toBe(false);
  });
});

describe('PlaceMentionFinder', () => {
  it('is sure of a name of two words or more, written exactly, that only one place has', () => {
    const m = finder.find({ purpose: 'Roof repairs, Regents Park Estate, block C' })!;
    expect(m).toMatchObject({ place: regents, field: 'purpose', phrase: 'regents park estate', slips: 0, score: 1, sure: true });
    expect(m.why).toBe("“regents park estate” in the purpose is Regent's Park Estate");
    // Through an alias too, and in the organisational unit when the purpose says nothing.
    expect(finder.find({ purpose: 'Cleaning', department: 'Regents Park Est Housing Office' })).toMatchObject({ place: regents, field: 'department', sure: true });
  });

  it('takes the longest name: the estate, not the park inside its name', () => {
    expect(finder.find({ purpose: "Regent's Park Estate caretaking" })!.place).toBe(regents);
    expect(finder.find({ purpose: "Regent's Park tree survey" })).toMatchObject({ place: park, sure: true });
  });

  it('offers a slip of the keyboard for review, saying which word differs, and never places it unasked', () => {
    const m = finder.find({ purpose: 'Repairs Regnets Park Estate' })!;
    expect(m).toMatchObject({ place: regents, phrase: 'regnets park estate', slips: 1, sure: false });
    expect(m.score).toBeCloseTo(0.85);
    expect(m.why).toBe("“regnets park estate” in the purpose is one letter from Regent's Park Estate");
  });

  it('offers a one-word name for review, exactly written only', () => {
    expect(finder.find({ purpose: 'Highgate youth club' })).toMatchObject({ place: highgate, sure: false, score: 0.8 });
    expect(finder.find({ purpose: 'Higgate youth club' })).toBeNull();
    // Names too short to be told from ordinary words are not looked for.
    expect(finder.find({ purpose: 'Hub rent' })).toBeNull();
  });

  it('is not sure when two places share the name, or the line names another place', () => {
    const twins = finder.find({ purpose: 'Maitland Park grounds' })!;
    expect(twins.sure).toBe(false);
    expect(twins.why).toContain('more than one place has that name');
    const two = finder.find({ purpose: 'Books moved from Kilburn Library Centre to Regents Park Estate' })!;
    expect(two.sure).toBe(false);
    expect(two.why).toMatch(/the line also names (Kilburn Library Centre|Regent's Park Estate)/);
  });

  it('finds nothing in words that only look alike, and nothing in an empty line', () => {
    expect(finder.find({ purpose: 'Park estate management' })).toBeNull();
    expect(finder.find({ purpose: 'Regents Canal Park' })).toBeNull();
    expect(finder.find({ purpose: '', department: '' })).toBeNull();
    expect(finder.find({})).toBeNull();
    expect(new PlaceMentionFinder([]).empty).toBe(true);
  });

  it("keys a place by name and source, so a register loaded again keeps a person's decisions", () => {
    expect(placeKey(twinA)).not.toBe(placeKey(twinB));
    expect(placeKey({ ...twinA })).toBe(placeKey(twinA));
  });
});
