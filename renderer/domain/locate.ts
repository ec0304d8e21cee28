// Where is each spend line: the locating methods in order of trust, and why a line could not be placed.

import type { WardIndex } from './spatial';
import type { Ward } from './wards';
import { normalisePostcode, type PostcodeDirectory } from './postcodes';

/** How a line was placed, most precise first. Later work adds UPRN and named-place lookups. */
export type LocateMethod = 'coordinates' | 'postcode' | 'ward-name';

export type UnlocatedReason =
  | 'outside-wards'
  | 'postcode-outside-wards'
  | 'postcode-not-found'
  | 'postcode-not-looked-up'
  | 'place-not-matched'
  | 'no-location';

export const UNLOCATED_LABEL: Record<UnlocatedReason, string> = {
  'outside-wards': 'coordinates lie outside every ward',
  'postcode-outside-wards': 'the postcode lies outside every ward',
  'postcode-not-found': 'the postcode is not in the postcode directory',
  'postcode-not-looked-up': 'only a postcode, and no postcode directory is loaded',
  'place-not-matched': 'only a place name, and no places register is loaded',
  'no-location': 'no location in the data',
};

export const LOCATE_METHOD_LABEL: Record<LocateMethod, string> = {
  coordinates: 'coordinates in the data',
  postcode: 'postcode (centre of the postcode)',
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

  constructor(
    private readonly index: WardIndex,
    wards: readonly Ward[],
    private readonly postcodes: PostcodeDirectory | null = null,
  ) {
    for (const w of wards) {
      this.byCode.set(w.code.toUpperCase(), w);
      this.byName.set(normaliseName(w.name), w);
    }
  }

  /**
   * The locating ladder: coordinates, then the postcode's centre, then a ward named in the data.
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
    const named = (line.wardCode && this.byCode.get(line.wardCode.toUpperCase())) || (line.wardName && this.byName.get(normaliseName(line.wardName)));
    if (named) return { placed: true, method: 'ward-name', wardCode: named.code, lon: null, lat: null };
    if (line.lon !== null && line.lat !== null) return { placed: false, reason: 'outside-wards' };
    if (postcodeMiss) return { placed: false, reason: postcodeMiss };
    if (line.placeName) return { placed: false, reason: 'place-not-matched' };
    return { placed: false, reason: 'no-location' };
  }
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/['’]/g, '').replace(/&/g, 'and').replace(/[^a-z0-9]+/g, ' ').trim();
}
