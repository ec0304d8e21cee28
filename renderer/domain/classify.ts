// Sorting spend lines into service areas by rules a person can read and edit.

import type { ServiceArea } from './service-areas';

export interface ClassificationRule {
  id: string;
  serviceArea: ServiceArea;
  /** Which text of the spend line the rule reads. */
  field: 'department' | 'purpose' | 'supplier' | 'merchantCategory' | 'cpv';
  /**
   * Whole words or phrases, matched case-insensitively; for 'cpv', the leading digits of a CPV code. For
   * 'merchantCategory', a keyword of digits is a merchant category code (MCC), e.g. "5411".
   */
  keywords: string[];
}

export interface ClassifiableLine {
  department: string;
  purpose: string;
  supplier: string;
  /** A purchase-card line's merchant category, as text ("Grocery Stores, Supermarkets") or an MCC ("5411"); absent when the file has none. */
  merchantCategory?: string;
  /** The main CPV code of a contract award (OCDS), e.g. "85311000"; absent for payments. */
  cpv?: string;
}

export interface Classification {
  serviceArea: ServiceArea;
  /** The rule that decided, or null when nothing matched and the line is "other". */
  ruleId: string | null;
}

// CPV first for contract awards (the buyer chose the code, so it says what was bought), then department: it
// says who commissioned the spend, which is what a service area is. Payments carry no CPV.
export const DEFAULT_RULES: ClassificationRule[] = [
  // 8531 social work services (with and without accommodation), 8532 social services.
  { id: 'cpv-social-care', serviceArea: 'social-care', field: 'cpv', keywords: ['8531', '8532'] },
  // 7731 planting and maintenance of green areas (parks, gardens, grounds), 7734 tree pruning, 4511271 landscaping.
  { id: 'cpv-green-spaces', serviceArea: 'green-spaces', field: 'cpv', keywords: ['7731', '7734', '4511271'] },
  // 7033 property management on a fee or contract basis, 45453 overhaul and refurbishment works.
  { id: 'cpv-estates', serviceArea: 'estates', field: 'cpv', keywords: ['7033', '45453'] },
  { id: 'department-social-care', serviceArea: 'social-care', field: 'department', keywords: ['social care', 'adult care', 'care and support', 'safeguarding', 'adults and health', 'reablement', 'care services'] },
  { id: 'department-youth', serviceArea: 'youth', field: 'department', keywords: ['youth', 'young people', 'youth service', 'youth offending', 'early help'] },
  { id: 'department-estates', serviceArea: 'estates', field: 'department', keywords: ['estate management', 'estates', 'housing management', 'housing repairs', 'tenancy', 'housing'] },
  { id: 'department-green-spaces', serviceArea: 'green-spaces', field: 'department', keywords: ['parks', 'open spaces', 'green spaces', 'grounds maintenance', 'trees', 'biodiversity', 'allotments'] },
  { id: 'purpose-social-care', serviceArea: 'social-care', field: 'purpose', keywords: ['home care', 'residential care', 'nursing care', 'supported living', 'day care', 'care package', 'domiciliary care'] },
  { id: 'purpose-youth', serviceArea: 'youth', field: 'purpose', keywords: ['youth club', 'youth work', 'youth centre', 'young people', 'mentoring'] },
  { id: 'purpose-estates', serviceArea: 'estates', field: 'purpose', keywords: ['estate', 'caretaking', 'communal repairs', 'lift maintenance', 'void works'] },
  { id: 'purpose-green-spaces', serviceArea: 'green-spaces', field: 'purpose', keywords: ['park', 'grounds maintenance', 'tree works', 'planting', 'playground', 'open space'] },
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A keyword as a regular expression fragment. MCCs are four digits, some with a leading zero (0742 veterinary
 * services) that a spreadsheet drops when it reads the column as numbers: a code matches with or without it.
 */
export function keywordPattern(field: ClassificationRule['field'], keyword: string): string {
  return field === 'merchantCategory' && /^\d+$/.test(keyword) ? `0*${keyword.replace(/^0+(?=\d)/, '')}` : escapeRegExp(keyword);
}

export type Classifier = (line: ClassifiableLine) => Classification;

/** Compile rules once; the returned function is called per spend line. */
export function makeClassifier(rules: readonly ClassificationRule[] = DEFAULT_RULES): Classifier {
  const matches = new RuleMatches(rules.map((r) => ({
    field: r.field,
    re: r.field === 'cpv' ? new RegExp(`^(?:${r.keywords.map(escapeRegExp).join('|')})`) : new RegExp(`\\b(?:${r.keywords.map((k) => keywordPattern(r.field, k)).join('|')})\\b`, 'i'),
  })));
  // One answer per rule, shared by every line it decides.
  const answers: Classification[] = rules.map((r) => Object.freeze({ serviceArea: r.serviceArea, ruleId: r.id }));
  const other: Classification = Object.freeze({ serviceArea: 'other', ruleId: null });
  return (line) => {
    // The first rule in order that matches: the lowest first match over the fields.
    let first = rules.length;
    for (const found of matches.of(line)) if (found.length > 0 && found[0]! < first) first = found[0]!;
    return first < rules.length ? answers[first]! : other;
  };
}

const NONE: readonly number[] = Object.freeze([]);

/**
 * Which rules match a line, decided once per distinct value of each field the rules read, not per combination: a
 * file whose purposes are free text makes nearly every line a new combination, while each purpose and each department
 * is still tested against its own field's rules only once. Rules are numbered in their order; each pattern is run twice
 * now: V8 interprets a pattern's first run and compiles it to machine code on the next, and those compiles (a few
 * milliseconds each, for the missions' long case-blind alternations) would otherwise fall on an import's first lines
 * rather than before them, while the engine waits for the reading's first batch.
 */
export class RuleMatches {
  private readonly fields: Field[] = [];
  private readonly rulesOf: number[][] = [];
  private readonly seen: Map<string, readonly number[]>[] = [];
  /** The line's matches, one list per field in `fields` order, rule numbers ascending: refilled by each `of`. */
  private readonly found: (readonly number[])[] = [];

  constructor(private readonly rules: readonly { field: Field; re: RegExp }[]) {
    rules.forEach(({ field, re }, i) => {
      re.test('');
      re.test('');
      let f = this.fields.indexOf(field);
      if (f < 0) {
        f = this.fields.push(field) - 1;
        this.rulesOf.push([]);
        this.seen.push(new Map());
        this.found.push(NONE);
      }
      this.rulesOf[f]!.push(i);
    });
  }

  of(line: ClassifiableLine): readonly (readonly number[])[] {
    for (let f = 0; f < this.fields.length; f++) {
      const value = line[this.fields[f]!] ?? '';
      let found = this.seen[f]!.get(value);
      if (found === undefined) {
        const matching = this.rulesOf[f]!.filter((i) => this.rules[i]!.re.test(value));
        this.seen[f]!.set(value, (found = matching.length > 0 ? matching : NONE));
      }
      this.found[f] = found;
    }
    return this.found;
  }
}

type Field = keyof ClassifiableLine;

/**
 * Real files repeat the same department and purpose on thousands of lines: decide each combination of the fields
 * the rules read once. Nested maps rather than a joined key, so no string is built per line.
 */
export function memoByFields<T>(fieldsRead: readonly Field[], decide: (line: ClassifiableLine) => T): (line: ClassifiableLine) => T {
  const fields = [...new Set(fieldsRead)];
  if (fields.length === 0) {
    let only: T | undefined;
    return (line) => (only ??= decide(line));
  }
  const root = new Map<string, unknown>();
  const last = fields.length - 1;
  return (line) => {
    let level = root;
    for (let f = 0; f < last; f++) {
      const value = line[fields[f]!] ?? '';
      let next = level.get(value) as Map<string, unknown> | undefined;
      if (next === undefined) level.set(value, (next = new Map()));
      level = next;
    }
    const value = line[fields[last]!] ?? '';
    let found = level.get(value) as T | undefined;
    if (found === undefined && !level.has(value)) level.set(value, (found = decide(line)));
    return found as T;
  };
}
