// Where is each spend line: the locating methods in order of trust, and why a line could not be placed.

import type { WardIndex } from './spatial';
import type { Ward } from './wards';
import { normalisePostcode, type PostcodeDirectory } from './postcodes';
import type { PlaceMatcher } from './places';

/** How a line was placed, most precise first. Later work adds UPRN lookups. */
export type LocateMethod = 'coordinates' | 'postcode' | 'place' | 'ward-name';

export type UnlocatedReason =
  | 'outside-wards'
  | 'postcode-outside-wards'
  | 'postcode-not-found'
  | 'postcode-not-looked-up'
  | 'place-not-looked-up'
  | 'place-not-found'
  | 'place-ambiguous'
  | 'place-outside-wards'
  | 'no-location';

export const UNLOCATED_LABEL: Record<UnlocatedReason, string> = {
  'outside-wards': 'coordinates lie outside every ward',
  'postcode-outside-wards': 'the postcode lies outside every ward',
  'postcode-not-found': 'the postcode is not in the postcode directory',
  'postcode-not-looked-up': 'only a postcode, and no postcode directory is loaded',
  'place-not-looked-up': 'only a place name, and no places register is loaded',
  'place-not-found': 'the place name is not in the places register',
  'place-ambiguous': 'more than one place in the register has that name',
  'place-outside-wards': 'the named place lies outside every ward',
  'no-location': 'no location in the data',
};

export const LOCATE_METHOD_LABEL: Record<LocateMethod, string> = {
  coordinates: 'coordinates in the data',
  postcode: 'postcode (centre of the postcode)',
  place: 'named place in the places register',
  'ward-name': 'ward named in the data (no point)',
};

export interface LocatableLine {
  lon: number | null;
  lat: number | null;
  postcode: string;
  placeName: string;
  wardName: string;
  wardCode: string;
}

export type Location =
  | { placed: true; method: LocateMethod; wardCode: string; lon: number | null; lat: number | null }
  | { placed: false; reason: UnlocatedReason };

export class Locator {
  private readonly byCode = new Map<string, Ward>();
  private readonly byName = new Map<string, Ward>();

  private readonly postcodes: PostcodeDirectory | null;
  private readonly places: PlaceMatcher | null;

  constructor(
    private readonly index: WardIndex,
    wards: readonly Ward[],
    lookups: { postcodes?: PostcodeDirectory | null; places?: PlaceMatcher | null } = {},
  ) {
    this.postcodes = lookups.postcodes ?? null;
    this.places = lookups.places ?? null;
    for (const w of wards) {
      this.byCode.set(w.code.toUpperCase(), w);
      this.byName.set(normaliseName(w.name), w);
    }
  }

  /**
   * The locating ladder: coordinates, then the postcode's centre, then a named place, then a ward named in the data.
   * A line whose coordinates fall outside every ward still tries its postcode and ward name, since
   * a council's own columns can say where money went when a supplier's address does not.
   */
  locate(line: LocatableLine): Location {
    if (line.lon !== null && line.lat !== null) {
      const ward = this.index.wardAt(line.lon, line.lat);
      if (ward) return { placed: true, method: 'coordinates', wardCode: ward.code, lon: line.lon, lat: line.lat };
    }
    let postcodeMiss: UnlocatedReason | null = null;
    if (line.postcode) {
      if (!this.postcodes) postcodeMiss = 'postcode-not-looked-up';
      else {
        const point = this.postcodes.points.get(normalisePostcode(line.postcode));
        if (!point) postcodeMiss = 'postcode-not-found';
        else {
          const ward = this.index.wardAt(point.lon, point.lat);
          if (ward) return { placed: true, method: 'postcode', wardCode: ward.code, lon: point.lon, lat: point.lat };
          postcodeMiss = 'postcode-outside-wards';
        }
      }
    }
    let placeMiss: UnlocatedReason | null = null;
    if (line.placeName) {
      if (!this.places) placeMiss = 'place-not-looked-up';
      else {
        const match = this.places.match(line.placeName);
        if (!match.found) placeMiss = match.reason === 'ambiguous' ? 'place-ambiguous' : 'place-not-found';
        else {
          const ward = this.index.wardAt(match.place.lon, match.place.lat);
          if (ward) return { placed: true, method: 'place', wardCode: ward.code, lon: match.place.lon, lat: match.place.lat };
          placeMiss = 'place-outside-wards';
        }
      }
    }
    const named = (line.wardCode && this.byCode.get(line.wardCode.toUpperCase())) || (line.wardName && this.byName.get(normaliseName(line.wardName)));
    if (named) return { placed: true, method: 'ward-name', wardCode: named.code, lon: null, lat: null };
    if (line.lon !== null && line.lat !== null) return { placed: false, reason: 'outside-wards' };
    if (postcodeMiss) return { placed: false, reason: postcodeMiss };
    if (placeMiss) return { placed: false, reason: placeMiss };
    return { placed: false, reason: 'no-location' };
  }
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/['’]/g, '').replace(/&/g, 'and').replace(/[^a-z0-9]+/g, ' ').trim();
}
