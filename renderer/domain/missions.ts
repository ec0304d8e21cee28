// The missions a council governs by (defaults: Camden's four), and the rules that say which spend serves which.
// A line can serve more than one mission: school meals serve both food and young people.

import { keywordPattern, memoByFields, type ClassifiableLine } from './classify';

export interface Mission {
  id: string;
  label: string;
}

export const DEFAULT_MISSIONS: Mission[] = [
  { id: 'estates', label: 'Estates' },
  { id: 'food', label: 'Food' },
  { id: 'diversity', label: 'Diversity' },
  { id: 'young-people', label: 'Young people' },
];

export interface MissionRule {
  id: string;
  mission: string;
  field: 'department' | 'purpose' | 'supplier' | 'merchantCategory';
  keywords: string[];
}

export const DEFAULT_MISSION_RULES: MissionRule[] = [
  { id: 'mission-estates-department', mission: 'estates', field: 'department', keywords: ['estate management', 'housing management', 'housing repairs', 'tenancy'] },
  { id: 'mission-estates-purpose', mission: 'estates', field: 'purpose', keywords: ['estate', 'communal repairs', 'caretaking', 'lift maintenance', 'void works', 'door entry'] },
  { id: 'mission-food-purpose', mission: 'food', field: 'purpose', keywords: ['food', 'meals', 'school meals', 'meals on wheels', 'catering', 'food bank', 'foodbank', 'community kitchen', 'allotments', 'healthy eating', 'nutrition'] },
  { id: 'mission-food-department', mission: 'food', field: 'department', keywords: ['food', 'catering', 'school meals'] },
  { id: 'mission-diversity-purpose', mission: 'diversity', field: 'purpose', keywords: ['interpreting', 'translation', 'equalities', 'equality', 'diversity', 'inclusion', 'community cohesion', 'refugee', 'migrant', 'anti-racism', 'accessibility'] },
  { id: 'mission-diversity-department', mission: 'diversity', field: 'department', keywords: ['equalities', 'equality and diversity', 'inclusion', 'communities'] },
  { id: 'mission-young-people-department', mission: 'young-people', field: 'department', keywords: ['youth', 'young people', 'early help', "children's", 'children', 'schools', 'education'] },
  { id: 'mission-young-people-purpose', mission: 'young-people', field: 'purpose', keywords: ['youth', 'young people', 'mentoring', 'holiday activities', 'school', 'apprenticeship', 'playground'] },
];

export interface MissionClassification {
  /** Mission ids in the order missions are listed; empty when no rule matched. */
  missions: string[];
  /** The first rule that matched for each mission, in the same order. */
  ruleIds: string[];
}

export type MissionClassifier = (line: ClassifiableLine) => MissionClassification;

export function makeMissionClassifier(rules: readonly MissionRule[] = DEFAULT_MISSION_RULES, missions: readonly Mission[] = DEFAULT_MISSIONS): MissionClassifier {
  const order = new Map(missions.map((m, i) => [m.id, i]));
  const compiled = rules
    .filter((r) => order.has(r.mission))
    .map((r) => ({ rule: r, re: new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${r.keywords.map((k) => keywordPattern(r.field, k)).join('|')})(?=$|[^\\p{L}\\p{N}])`, 'iu') }));
  // Compiled now rather than on an import's first lines (see makeClassifier).
  for (const { re } of compiled) re.test('');
  return memoByFields(compiled.map((c) => c.rule.field), (line) => {
    const found = new Map<string, string>();
    for (const { rule, re } of compiled) if (!found.has(rule.mission) && re.test(line[rule.field] ?? '')) found.set(rule.mission, rule.id);
    const ids = [...found.keys()].sort((a, b) => order.get(a)! - order.get(b)!);
    return { missions: ids, ruleIds: ids.map((id) => found.get(id)!) };
  });
}

/** How missions are stored on a line: ",food,young-people," so a LIKE '%,food,%' query finds them exactly. */
export function encodeMissions(ids: readonly string[]): string {
  return ids.length ? `,${ids.join(',')},` : '';
}

export function decodeMissions(stored: string): string[] {
  return stored.split(',').filter(Boolean);
}
