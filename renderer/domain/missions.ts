// The missions a council governs by (defaults: Camden's four), and the rules that say which spend serves which.
// A line can serve more than one mission: school meals serve both food and young people.

import { keywordPattern, RuleMatches, type ClassifiableLine } from './classify';

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
  const kept = rules.filter((r) => order.has(r.mission));
  const matches = new RuleMatches(kept.map((r) => ({
    field: r.field,
    re: new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${r.keywords.map((k) => keywordPattern(r.field, k)).join('|')})(?=$|[^\\p{L}\\p{N}])`, 'iu'),
  })));
  const missionOf = kept.map((r) => order.get(r.mission)!);
  // The first matching rule of each mission, by mission; one answer object for each different outcome.
  const first = new Int32Array(missions.length);
  const answers = new Map<string, MissionClassification>();
  return (line) => {
    first.fill(-1);
    for (const found of matches.of(line)) {
      for (const r of found) {
        const m = missionOf[r]!;
        if (first[m]! < 0 || r < first[m]!) first[m] = r;
      }
    }
    const key = first.join(',');
    let answer = answers.get(key);
    if (answer === undefined) {
      const ids: string[] = [];
      const ruleIds: string[] = [];
      first.forEach((r, m) => {
        if (r >= 0) {
          ids.push(missions[m]!.id);
          ruleIds.push(kept[r]!.id);
        }
      });
      answers.set(key, (answer = Object.freeze({ missions: ids, ruleIds })));
    }
    return answer;
  };
}

/** How missions are stored on a line: ",food,young-people," so a LIKE '%,food,%' query finds them exactly. */
export function encodeMissions(ids: readonly string[]): string {
  return ids.length ? `,${ids.join(',')},` : '';
}

export function decodeMissions(stored: string): string[] {
  return stored.split(',').filter(Boolean);
}
