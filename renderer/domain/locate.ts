// Where is each spend line: the locating methods in order of trust, and why a line could not be placed.

import type { WardIndex } from './spatial';
import type { WardShapes } from './ward-grid';
import type { Ward } from './wards';
import { normalisePostcode, type PostcodeDirectory } from './postcodes';
import type { Place, PlaceMatcher } from './places';
import { wardSharesOf, type WardShare } from './ward-shares';
import { MENTION_FIELD_LABEL, placeKey, type PlaceMention, type PlaceMentionFinder } from './place-mentions';
import { normaliseUprn, type UprnDirectory } from './uprn';

/** How a line was placed, most precise first. */
export type LocateMethod = 'coordinates' | 'uprn' | 'postcode' | 'place' | 'ward-name' | 'supplier-address';

export type UnlocatedReason =
  | 'outside-wards'
  | 'uprn-outside-wards'
  | 'uprn-not-found'
  | 'uprn-not-looked-up'
  | 'postcode-outside-wards'
  | 'postcode-not-found'
  | 'postcode-not-looked-up'
  | 'place-not-looked-up'
  | 'place-not-found'
  | 'place-ambiguous'
  | 'place-outside-wards'
  | 'place-to-review'
  | 'no-location';

export const UNLOCATED_LABEL: Record<UnlocatedReason, string> = {
  'outside-wards': 'coordinates lie outside every ward',
  'uprn-outside-wards': 'the UPRN (property) lies outside every ward',
  'uprn-not-found': 'the UPRN is not in the UPRN table',
  'uprn-not-looked-up': 'a UPRN, but no UPRN table is loaded',
  'postcode-outside-wards': 'the postcode lies outside every ward',
  'postcode-not-found': 'the postcode is not in the postcode directory',
  'postcode-not-looked-up': 'only a postcode, and no postcode directory is loaded',
  'place-not-looked-up': 'only a place name, and no places register is loaded',
  'place-not-found': 'the place name is not in the places register',
  'place-ambiguous': 'more than one place in the register has that name',
  'place-outside-wards': 'the named place lies outside every ward',
  'place-to-review': 'its words may name a place: check it under Place names to check',
  'no-location': 'no location in the data',
};

export const LOCATE_METHOD_LABEL: Record<LocateMethod, string> = {
  coordinates: 'coordinates in the data',
  uprn: "UPRN (the property's position)",
  postcode: 'postcode (centre of the postcode)',
  place: 'named place in the places register',
  'ward-name': 'ward named in the data (no point)',
  'supplier-address': "supplier's own address (chosen in Data health; not where the service was)",
};

export interface LocatableLine {
  lon: number | null;
  lat: number | null;
  /** As written in the data; '' or absent when there is none. */
  uprn?: string;
  postcode: string;
  placeName: string;
  wardName: string;
  wardCode: string;
  /** The supplier's own postcode; used only when the user has chosen to place lines by it. */
  supplierPostcode?: string;
  /** Free text searched for the names of places in the register. */
  purpose?: string;
  department?: string;
}

/** A person's answer to "is this phrase that place?", by mentionDecisionKey. */
export type MentionDecisions = ReadonlyMap<string, 'accept' | 'reject'>;

export function mentionDecisionKey(phrase: string, place: Pick<Place, 'name' | 'source'>): string {
  return `${phrase}\u0001${placeKey(place)}`;
}

export type Location =
  | {
    placed: true; method: LocateMethod; wardCode: string; lon: number | null; lat: number | null;
    /** Which of the line's fields placed it, in words: "postcode column", "purpose: “regents park estate”". */
    from: string;
    /** For a place drawn as an area across ward boundaries: how its spend divides between the wards, by area. */
    shares?: { place: string; shares: WardShare[] };
  }
  | { placed: false; reason: UnlocatedReason };

const NO_LOCATION: Location = Object.freeze({ placed: false, reason: 'no-location' });
const OUTSIDE_WARDS: Location = Object.freeze({ placed: false, reason: 'outside-wards' });

export class Locator {
  private readonly byCode = new Map<string, Ward>();
  private readonly byName = new Map<string, Ward>();

  private readonly uprns: UprnDirectory | null;
  private readonly postcodes: PostcodeDirectory | null;
  private readonly places: PlaceMatcher | null;
  private readonly bySupplierAddress: boolean;
  private readonly mentions: PlaceMentionFinder | null;
  private readonly decisions: MentionDecisions;
  private readonly sharesByPlace = new Map<Place, WardShare[] | null>();

  constructor(
    private readonly index: WardIndex,
    private readonly wards: readonly Ward[],
    lookups: {
      uprns?: UprnDirectory | null; postcodes?: PostcodeDirectory | null; places?: PlaceMatcher | null; bySupplierAddress?: boolean;
      mentions?: PlaceMentionFinder | null; decisions?: MentionDecisions;
    } = {},
  ) {
    this.mentions = lookups.mentions && !lookups.mentions.empty ? lookups.mentions : null;
    this.decisions = lookups.decisions ?? new Map();
    this.uprns = lookups.uprns ?? null;
    this.postcodes = lookups.postcodes ?? null;
    this.places = lookups.places ?? null;
    this.bySupplierAddress = lookups.bySupplierAddress ?? false;
    for (const w of wards) {
      this.byCode.set(w.code.toUpperCase(), w);
      this.byName.set(normaliseName(w.name), w);
    }
  }

  /**
   * Whether a line with none of the other fields the ladder reads (UPRN, postcode, place name, ward code and name,
   * supplier's postcode) is placed by its point alone: so when no place is looked for in its words either.
   */
  get pointDecidesBareLines(): boolean {
    return this.mentions === null;
  }

  /**
   * Where a bare line (see pointDecidesBareLines) is, from its point alone (NaN when it has none): what locate gives
   * it, without a line to read.
   */
  atPoint(lon: number, lat: number): Location {
    if (lon !== lon || lat !== lat) return NO_LOCATION;
    const ward = this.index.wardAt(lon, lat);
    return ward ? { placed: true, method: 'coordinates', wardCode: ward.code, lon, lat, from: 'coordinate columns' } : OUTSIDE_WARDS;
  }

  /**
   * atPoint, with the point's ward already found by a grid built from this locator's wardShapes (in the reading
   * worker): `ward` is its number there, -1 when the point is outside every ward or there is none (NaN).
   */
  atWard(ward: number, lon: number, lat: number): Location {
    if (lon !== lon || lat !== lat) return NO_LOCATION;
    return ward >= 0 ? { placed: true, method: 'coordinates', wardCode: this.index.ward(ward).code, lon, lat, from: 'coordinate columns' } : OUTSIDE_WARDS;
  }

  /** The wards the locator places points in, to build the same grid elsewhere. */
  get wardShapes(): WardShapes {
    return this.index.shapes;
  }

  /**
   * The locating ladder: coordinates, then the UPRN's property, then the postcode's centre, then a named place, then
   * a ward named in the data. A line whose coordinates fall outside every ward still tries the rungs below, since
   * a council's own columns can say where money went when a supplier's address does not. When no rung places it,
   * the highest rung that was tried and failed gives the reason: that is the one worth mending first. Below them all,
   * when the user has turned it on, the supplier's own postcode.
   */
  locate(line: LocatableLine): Location {
    if (line.lon !== null && line.lat !== null) {
      const ward = this.index.wardAt(line.lon, line.lat);
      if (ward) return { placed: true, method: 'coordinates', wardCode: ward.code, lon: line.lon, lat: line.lat, from: 'coordinate columns' };
    }
    let uprnMiss: UnlocatedReason | null = null;
    // Placeholders ("N/A", "unknown") are not a UPRN; anything with a digit is, so a mistyped one is reported, not ignored.
    if (line.uprn && /[0-9]/.test(line.uprn)) {
      if (!this.uprns) uprnMiss = 'uprn-not-looked-up';
      else {
        const key = normaliseUprn(line.uprn);
        const point = key === null ? undefined : this.uprns.points.get(key);
        if (!point) uprnMiss = 'uprn-not-found';
        else {
          const ward = this.index.wardAt(point.lon, point.lat);
          if (ward) return { placed: true, method: 'uprn', wardCode: ward.code, lon: point.lon, lat: point.lat, from: 'UPRN column' };
          uprnMiss = 'uprn-outside-wards';
        }
      }
    }
    let postcodeMiss: UnlocatedReason | null = null;
    if (line.postcode) {
      if (!this.postcodes) postcodeMiss = 'postcode-not-looked-up';
      else {
        const point = this.postcodes.points.get(normalisePostcode(line.postcode));
        if (!point) postcodeMiss = 'postcode-not-found';
        else {
          const ward = this.index.wardAt(point.lon, point.lat);
          if (ward) return { placed: true, method: 'postcode', wardCode: ward.code, lon: point.lon, lat: point.lat, from: 'postcode column' };
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
          if (ward) return this.atPlace(match.place, ward, 'place name column');
          placeMiss = 'place-outside-wards';
        }
      }
    }
    // A place named in the line's words: placed when the finder is sure or a person said yes; waits for them otherwise.
    let mentionMiss: UnlocatedReason | null = null;
    const mention = this.mentionIn(line);
    if (mention) {
      const decided = this.decisions.get(mentionDecisionKey(mention.phrase, mention.place));
      if (decided !== 'reject') {
        if (mention.sure || decided === 'accept') {
          const ward = this.index.wardAt(mention.place.lon, mention.place.lat);
          if (ward) return this.atPlace(mention.place, ward, `${MENTION_FIELD_LABEL[mention.field]}: “${mention.phrase}”${mention.sure ? '' : ' (confirmed in Data health)'}`);
          mentionMiss = 'place-outside-wards';
        } else mentionMiss = 'place-to-review';
      }
    }
    const byCode = line.wardCode ? this.byCode.get(line.wardCode.toUpperCase()) : undefined;
    const named = byCode ?? (line.wardName ? this.byName.get(normaliseName(line.wardName)) : undefined);
    if (named) return { placed: true, method: 'ward-name', wardCode: named.code, lon: null, lat: null, from: byCode ? 'ward code column' : 'ward name column' };
    // Last of all, and only when asked: a supplier's address says where the supplier is, not where it served.
    if (this.bySupplierAddress && mentionMiss !== 'place-to-review' && line.supplierPostcode && this.postcodes) {
      const point = this.postcodes.points.get(normalisePostcode(line.supplierPostcode));
      const ward = point ? this.index.wardAt(point.lon, point.lat) : null;
      if (point && ward) return { placed: true, method: 'supplier-address', wardCode: ward.code, lon: point.lon, lat: point.lat, from: "supplier's postcode" };
    }
    if (line.lon !== null && line.lat !== null) return { placed: false, reason: 'outside-wards' };
    if (uprnMiss) return { placed: false, reason: uprnMiss };
    if (postcodeMiss) return { placed: false, reason: postcodeMiss };
    if (placeMiss) return { placed: false, reason: placeMiss };
    if (mentionMiss) return { placed: false, reason: mentionMiss };
    return { placed: false, reason: 'no-location' };
  }

  private atPlace(place: Place, ward: Ward, from: string): Location {
    let shares = this.sharesByPlace.get(place);
    if (shares === undefined) this.sharesByPlace.set(place, (shares = wardSharesOf(place.geometry, this.wards)));
    const at = { placed: true as const, method: 'place' as const, wardCode: ward.code, lon: place.lon, lat: place.lat, from };
    return shares ? { ...at, shares: { place: place.name, shares } } : at;
  }

  /** The place the line's words name, if the register has one; for the review list as well as for placing. */
  mentionIn(line: Pick<LocatableLine, 'purpose' | 'department'>): PlaceMention | null {
    if (!this.mentions || (!line.purpose && !line.department)) return null;
    return this.mentions.find({ purpose: line.purpose, department: line.department });
  }
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/['’]/g, '').replace(/&/g, 'and').replace(/[^a-z0-9]+/g, ' ').trim();
}
