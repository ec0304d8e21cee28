// Places named in a line's words: "Repairs to Regents Park Estate roofs" is spend at Regent's Park Estate. Found by
// whole words, allowing one slip of the keyboard in a long word, and always with a reason a person can check.

import { normalisePlaceName, type Place } from './places';

/** The line's free-text fields that are searched for place names, in the order they are trusted. */
export const MENTION_FIELDS = ['purpose', 'department'] as const;
export type MentionField = (typeof MENTION_FIELDS)[number];

export const MENTION_FIELD_LABEL: Record<MentionField, string> = { purpose: 'purpose', department: 'organisational unit' };

export interface PlaceMention {
  place: Place;
  /** The place's name or alias that was found, as the register writes it. */
  name: string;
  field: MentionField;
  /** The words of the line that matched, normalised: with the place's key, what a decision is remembered by. */
  phrase: string;
  /** Words that differ by one letter (a slip, a missing apostrophe's s). */
  slips: number;
  /** 1 for every word exactly; less for slips and for a one-word name, which is more often a coincidence. */
  score: number;
  /**
   * Sure enough to place the line without asking: every word exact, a name of two words or more, one place by that
   * name, and no other place named in the line. Anything less waits for a person in the review list.
   */
  sure: boolean;
  /** Why, in words: "“regents park estate” in the purpose is Regent's Park Estate". */
  why: string;
}

/** A place's key in decisions: its name and where it came from, which survive the register being loaded again. */
export function placeKey(place: Pick<Place, 'name' | 'source'>): string {
  return `${place.name}\u0000${place.source}`;
}

interface Name {
  place: Place;
  written: string;
  words: string[];
}

/** Words this short must match exactly: one letter off in "park" is "part". */
const SLIP_MIN_LENGTH = 5;
/** Names shorter than this (in letters) are too likely to turn up by chance ("the", "hub"). */
const NAME_MIN_LENGTH = 4;

/** Damerau–Levenshtein distance up to 1 (one insertion, deletion, substitution or swap of neighbours). */
export function withinOneSlip(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Every string one letter shorter than word, and word itself: two words within one slip share one of these. */
function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export class PlaceMentionFinder {
  /** Names by their first word, exactly and (for long first words) by each one-letter deletion. */
  private readonly byFirst = new Map<string, Name[]>();
  private readonly byWords = new Map<string, Set<Place>>();

  constructor(places: readonly Place[]) {
    for (const place of places) {
      for (const written of new Set([place.name, ...place.aliases])) {
        const words = normalisePlaceName(written).split(' ').filter(Boolean);
        if (words.join('').length < NAME_MIN_LENGTH) continue;
        const name: Name = { place, written, words };
        const key = words.join(' ');
        const same = this.byWords.get(key) ?? new Set();
        same.add(place);
        this.byWords.set(key, same);
        const first = words[0]!;
        for (const k of first.length >= SLIP_MIN_LENGTH ? deletions(first) : [first]) {
          const list = this.byFirst.get(k) ?? [];
          if (!list.includes(name)) list.push(name);
          this.byFirst.set(k, list);
        }
      }
    }
  }

  get empty(): boolean {
    return this.byFirst.size === 0;
  }

  /** The best place named in the line's fields, or null when none is. */
  find(fields: Partial<Record<MentionField, string>>): PlaceMention | null {
    const found: PlaceMention[] = [];
    for (const field of MENTION_FIELDS) {
      const text = fields[field];
      if (!text) continue;
      const words = normalisePlaceName(text).split(' ').filter(Boolean);
      for (let at = 0; at < words.length; at++) {
        const w = words[at]!;
        const candidates = new Set<Name>();
        for (const k of w.length >= SLIP_MIN_LENGTH ? deletions(w) : [w]) for (const n of this.byFirst.get(k) ?? []) candidates.add(n);
        for (const n of candidates) {
          const m = this.matchAt(words, at, n, field);
          if (m) found.push(m);
        }
      }
    }
    if (found.length === 0) return null;
    // Most words first (Regent's Park Estate over Regent's Park), then fewest slips, then the field more trusted.
    found.sort((a, b) => b.phrase.split(' ').length - a.phrase.split(' ').length || a.slips - b.slips || MENTION_FIELDS.indexOf(a.field) - MENTION_FIELDS.indexOf(b.field));
    const best = found[0]!;
    const others = new Set(found.filter((m) => !best.phrase.includes(m.phrase) || m.field !== best.field).map((m) => m.place));
    others.delete(best.place);
    const sharedName = (this.byWords.get(best.phrase)?.size ?? 1) > 1;
    const sure = best.slips === 0 && best.phrase.includes(' ') && !sharedName && others.size === 0;
    const why = [
      `“${best.phrase}” in the ${MENTION_FIELD_LABEL[best.field]} ${best.slips === 0 ? 'is' : `is ${best.slips === 1 ? 'one letter' : `${best.slips} words each one letter`} from`} ${best.name}`,
      !best.phrase.includes(' ') ? 'a one-word name, which can turn up by chance' : '',
      sharedName ? 'more than one place has that name' : '',
      others.size > 0 ? `the line also names ${[...others].map((p) => p.name).slice(0, 2).join(' and ')}` : '',
    ].filter(Boolean).join('; ');
    return { ...best, sure, why };
  }

  private matchAt(words: string[], at: number, n: Name, field: MentionField): PlaceMention | null {
    if (at + n.words.length > words.length) return null;
    let slips = 0;
    for (let j = 0; j < n.words.length; j++) {
      const said = words[at + j]!;
      const want = n.words[j]!;
      if (said === want) continue;
      if (said.length < SLIP_MIN_LENGTH || want.length < SLIP_MIN_LENGTH || !withinOneSlip(said, want)) return null;
      slips++;
    }
    // A slip in every word of a short name is too loose to offer.
    if (slips > 0 && slips * 2 > n.words.length) return null;
    const phrase = words.slice(at, at + n.words.length).join(' ');
    const score = Math.max(0, 1 - 0.15 * slips - (n.words.length === 1 ? 0.2 : 0));
    return { place: n.place, name: n.written, field, phrase, slips, score, sure: false, why: '' };
  }
}
