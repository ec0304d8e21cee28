import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, keywordPattern, makeClassifier, memoByFields, type ClassifiableLine, type ClassificationRule } from '../../../renderer/domain/classify';
import { DEFAULT_MISSION_RULES, DEFAULT_MISSIONS, makeMissionClassifier, type Mission, type MissionRule } from '../../../renderer/domain/missions';

const classify = makeClassifier();
const line = (department: string, purpose = '', supplier = '') => ({ department, purpose, supplier });

describe('classify', () => {
  it('sorts by department first', () => {
    expect(classify(line('Adult Social Care', 'Tree works'))).toEqual({ serviceArea: 'social-care', ruleId: 'department-social-care' });
    expect(classify(line('Youth Services'))).toMatchObject({ serviceArea: 'youth' });
    expect(classify(line('Housing - Estate Management'))).toMatchObject({ serviceArea: 'estates' });
    expect(classify(line('Parks and Open Spaces'))).toMatchObject({ serviceArea: 'green-spaces' });
  });
  it('falls back to the purpose, then to "other" with no rule', () => {
    expect(classify(line('Corporate', 'Grounds maintenance'))).toEqual({ serviceArea: 'green-spaces', ruleId: 'purpose-green-spaces' });
    expect(classify(line('Finance', 'Audit fees'))).toEqual({ serviceArea: 'other', ruleId: null });
  });
  it('matches whole words only', () => {
    expect(classify(line('Sparkstone Consulting')).serviceArea).toBe('other');
  });
  it('uses the rules it is given', () => {
    const custom = makeClassifier([{ id: 'x', serviceArea: 'youth', field: 'supplier', keywords: ['scouts'] }]);
    expect(custom(line('', '', 'District Scouts'))).toEqual({ serviceArea: 'youth', ruleId: 'x' });
  });
});

describe('merchant-category rules', () => {
  const pcard = (merchantCategory: string | undefined, department = 'Corporate Services') => ({ department, purpose: 'Purchase card', supplier: 'Tesco', merchantCategory });
  const byMerchant = makeClassifier([
    { id: 'mcc-food', serviceArea: 'youth', field: 'merchantCategory', keywords: ['grocery stores', '5411', '0742'] },
    ...DEFAULT_RULES,
  ]);

  it('match words and phrases of the category, in any case, and only the category', () => {
    expect(byMerchant(pcard('Grocery Stores, Supermarkets'))).toEqual({ serviceArea: 'youth', ruleId: 'mcc-food' });
    expect(byMerchant(pcard('GROCERY STORES'))).toMatchObject({ ruleId: 'mcc-food' });
    expect(byMerchant(pcard('Grocery Storesx'))).toMatchObject({ ruleId: null });
    expect(byMerchant({ department: 'Grocery Stores', purpose: '', supplier: '' })).toMatchObject({ ruleId: null });
  });

  it('match a code of digits exactly, not its first digits as CPV does, with or without the zero a spreadsheet drops', () => {
    expect(byMerchant(pcard('5411'))).toMatchObject({ ruleId: 'mcc-food' });
    expect(byMerchant(pcard('5411 - Grocery Stores'))).toMatchObject({ ruleId: 'mcc-food' });
    expect(byMerchant(pcard('05411'))).toMatchObject({ ruleId: 'mcc-food' });
    for (const other of ['54111', '15411', '541', '5412']) expect(byMerchant(pcard(other)), other).toMatchObject({ ruleId: null });
    expect(byMerchant(pcard('742'))).toMatchObject({ ruleId: 'mcc-food' });
    expect(byMerchant(pcard('0742'))).toMatchObject({ ruleId: 'mcc-food' });
    expect(byMerchant(pcard('7420'))).toMatchObject({ ruleId: null });
  });

  it('leave lines without a category to the rules after them', () => {
    expect(byMerchant(pcard(undefined, 'Youth Services'))).toEqual({ serviceArea: 'youth', ruleId: 'department-youth' });
    expect(byMerchant(pcard('', 'Parks'))).toEqual({ serviceArea: 'green-spaces', ruleId: 'department-green-spaces' });
  });

  it('tell lines apart by category when everything else repeats', () => {
    const cats = ['Grocery Stores', 'Book Stores', '5411', '5942'];
    expect(cats.map((c) => byMerchant(pcard(c)).ruleId)).toEqual(['mcc-food', null, 'mcc-food', null]);
  });
});

describe('classification decided once per combination of the fields the rules read', () => {
  it('tells lines apart by every field a rule reads, even when the others repeat', () => {
    const bySupplier = makeClassifier([
      { id: 'supplier-parks', serviceArea: 'green-spaces', field: 'supplier', keywords: ['parks trust'] },
      { id: 'purpose-youth', serviceArea: 'youth', field: 'purpose', keywords: ['youth club'] },
    ]);
    expect(bySupplier(line('Finance', 'Grant', 'City Parks Trust'))).toMatchObject({ ruleId: 'supplier-parks' });
    expect(bySupplier(line('Finance', 'Grant', 'Acme Ltd'))).toMatchObject({ ruleId: null });
    expect(bySupplier(line('Finance', 'Youth club', 'Acme Ltd'))).toMatchObject({ ruleId: 'purpose-youth' });
    expect(bySupplier(line('Finance', 'Grant', 'City Parks Trust'))).toMatchObject({ ruleId: 'supplier-parks' });
  });
  it('decides each combination once', () => {
    let calls = 0;
    const memo = memoByFields(['department', 'purpose'], (l) => (calls++, l.department + l.purpose));
    for (let i = 0; i < 1000; i++) expect(memo(line(i % 2 ? 'A' : 'B', 'p', `supplier ${i}`))).toBe(i % 2 ? 'Ap' : 'Bp');
    expect(calls).toBe(2);
  });
});

describe('rules decided once per value of each field', () => {
  // The rules read one by one, in order, for every line: what the classifiers must agree with.
  const plainService = (rules: readonly ClassificationRule[], l: ClassifiableLine) => {
    for (const r of rules) {
      const re = r.field === 'cpv' ? new RegExp(`^(?:${r.keywords.join('|')})`) : new RegExp(`\\b(?:${r.keywords.map((k) => keywordPattern(r.field, k)).join('|')})\\b`, 'i');
      if (re.test(l[r.field] ?? '')) return { serviceArea: r.serviceArea, ruleId: r.id };
    }
    return { serviceArea: 'other', ruleId: null };
  };
  const plainMissions = (rules: readonly MissionRule[], missions: readonly Mission[], l: ClassifiableLine) => {
    const ids: string[] = [];
    const ruleIds: string[] = [];
    for (const m of missions) {
      const r = rules.find((r) => r.mission === m.id && new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${r.keywords.map((k) => keywordPattern(r.field, k)).join('|')})(?=$|[^\\p{L}\\p{N}])`, 'iu').test(l[r.field] ?? ''));
      if (r) {
        ids.push(m.id);
        ruleIds.push(r.id);
      }
    }
    return { missions: ids, ruleIds };
  };

  it('gives every line the answer of reading the rules in order, over 20,000 lines of mixed words', () => {
    // Rules on every field, a supplier rule ahead of department ones, missions whose rules read different fields.
    const rules: ClassificationRule[] = [
      { id: 'cpv-care', serviceArea: 'social-care', field: 'cpv', keywords: ['8531'] },
      { id: 'supplier-parks', serviceArea: 'green-spaces', field: 'supplier', keywords: ['parks trust'] },
      { id: 'mcc-food', serviceArea: 'estates', field: 'merchantCategory', keywords: ['5411', 'grocery'] },
      ...DEFAULT_RULES,
    ];
    const missionRules: MissionRule[] = [
      ...DEFAULT_MISSION_RULES,
      { id: 'mission-food-supplier', mission: 'food', field: 'supplier', keywords: ['food bank'] },
      { id: 'mission-food-mcc', mission: 'food', field: 'merchantCategory', keywords: ['grocery'] },
    ];
    const missions = [...DEFAULT_MISSIONS].reverse();
    const classify = makeClassifier(rules);
    const classifyMissions = makeMissionClassifier(missionRules, missions);
    const words = ['Youth', 'Services', 'housing', 'repairs', 'School meals', 'parks trust', 'Food Bank', 'estate', 'Children’s', 'interpreting',
      'Grocery', 'café', 'Équipe', 'tree works', 'care package', 'Finance', 'audit', '', 'young people', 'catering'];
    let seed = 7;
    const pick = () => words[(seed = (seed * 1103515245 + 12345) % 2147483648) % words.length]!;
    const phrase = () => [pick(), pick(), pick()].slice(0, 1 + (seed % 3)).join(seed % 2 ? ' ' : ' - ');
    let areas = 0;
    let withMissions = 0;
    for (let i = 0; i < 20000; i++) {
      const l: ClassifiableLine = {
        department: phrase(), purpose: phrase(), supplier: phrase(),
        ...(i % 3 === 0 ? { merchantCategory: i % 6 === 0 ? '05411' : phrase() } : {}),
        ...(i % 5 === 0 ? { cpv: i % 10 === 0 ? '85311000' : '45000000' } : {}),
      };
      const c = classify(l);
      expect(c).toEqual(plainService(rules, l));
      const m = classifyMissions(l);
      expect(m).toEqual(plainMissions(missionRules, missions, l));
      if (c.ruleId !== null) areas++;
      if (m.missions.length > 1) withMissions++;
    }
    // Enough of every kind of answer for the comparison to mean something.
    expect(areas).toBeGreaterThan(8000);
    expect(withMissions).toBeGreaterThan(2000);
  });

  it('gives the same answer object to lines that are decided alike', () => {
    const classify = makeClassifier();
    const classifyMissions = makeMissionClassifier();
    expect(classify(line('Youth Services', 'Grant'))).toBe(classify(line('Youth Services', 'Hire of hall')));
    expect(classifyMissions(line('Youth', 'School meals'))).toBe(classifyMissions(line('Young people', 'Catering')));
  });
});
