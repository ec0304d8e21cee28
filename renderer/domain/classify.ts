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
  const compiled = rules.map((r) => ({
    rule: r,
    re: r.field === 'cpv' ? new RegExp(`^(?:${r.keywords.map(escapeRegExp).join('|')})`) : new RegExp(`\\b(?:${r.keywords.map((k) => keywordPattern(r.field, k)).join('|')})\\b`, 'i'),
  }));
  // Each pattern is run once now: V8 compiles a pattern when it first runs, and that first run would otherwise fall
  // on an import's first lines.
  for (const { re } of compiled) re.test('');
  return memoByFields(rules.map((r) => r.field), (line) => {
    for (const { rule, re } of compiled) {
      if (re.test(line[rule.field] ?? '')) return { serviceArea: rule.serviceArea, ruleId: rule.id };
    }
    return { serviceArea: 'other', ruleId: null };
  });
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
