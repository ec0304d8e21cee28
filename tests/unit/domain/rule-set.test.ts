import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET, defaultRuleSet, parseRuleSet, ruleSetToJson, validateRuleSet, type RuleSet } from '../../../renderer/domain/rule-set';
import { DEFAULT_RULES, makeClassifier } from '../../../renderer/domain/classify';
import { DEFAULT_MISSIONS, DEFAULT_MISSION_RULES, makeMissionClassifier } from '../../../renderer/domain/missions';
import type { InputProblem } from '../../../renderer/domain/problems';

const FILE = 'rules.json';
/** The defaults as JSON, edited as a person would edit the file: a value object changed, then written out. */
const edited = (edit: (set: Record<string, unknown> & { rules: Record<string, unknown>[]; missions: Record<string, unknown>[]; missionRules: Record<string, unknown>[] }) => void): string => {
  const set = JSON.parse(ruleSetToJson(DEFAULT_RULE_SET));
  edit(set);
  return JSON.stringify(set, null, 2);
};
const errors = (problems: InputProblem[]) => problems.filter((p) => p.severity === 'error').map((p) => p.reason);

describe('the default rule set', () => {
  it("holds the default rules and Camden's four missions, and passes its own checks without a word", () => {
    expect(DEFAULT_RULE_SET.rules).toEqual(DEFAULT_RULES);
    expect(DEFAULT_RULE_SET.missions.map((m) => m.label)).toEqual(['Estates', 'Food', 'Diversity', 'Young people']);
    expect(DEFAULT_RULE_SET.missionRules).toEqual(DEFAULT_MISSION_RULES);
    expect(validateRuleSet(DEFAULT_RULE_SET, FILE)).toEqual({ ruleSet: DEFAULT_RULE_SET, problems: [] });
  });

  it('cannot be changed in place; defaultRuleSet() gives a copy that can', () => {
    expect(() => DEFAULT_RULE_SET.rules[0]!.keywords.push('x')).toThrow();
    expect(() => DEFAULT_RULE_SET.missions.push({ id: 'x', label: 'X' })).toThrow();
    const copy = defaultRuleSet();
    copy.rules[0]!.keywords.push('8533');
    copy.missions.push({ id: 'net-zero', label: 'Net zero' });
    expect(DEFAULT_RULE_SET.rules[0]!.keywords).toEqual(['8531', '8532']);
    expect(DEFAULT_RULE_SET.missions).toHaveLength(4);
    expect(DEFAULT_MISSIONS).toHaveLength(4);
  });
});

describe('ruleSetToJson', () => {
  it('writes one rule or mission per line, keys in a fixed order, and reads back to the same set', () => {
    const json = ruleSetToJson(DEFAULT_RULE_SET);
    const lines = json.split('\n');
    expect(lines[0]).toBe('{');
    expect(lines[1]).toBe('  "version": 1,');
    expect(lines).toContain('    { "id": "cpv-social-care", "serviceArea": "social-care", "field": "cpv", "keywords": ["8531", "8532"] },');
    expect(lines).toContain('    { "id": "young-people", "label": "Young people" }');
    expect(json.endsWith('}\n')).toBe(true);
    expect(JSON.parse(json)).toEqual(DEFAULT_RULE_SET);
    expect(parseRuleSet(json, FILE)).toEqual({ ruleSet: DEFAULT_RULE_SET, problems: [] });
  });

  it('is stable: the same set gives the same text whatever order its keys arrived in', () => {
    const shuffled = {
      missionRules: DEFAULT_RULE_SET.missionRules.map((r) => ({ keywords: r.keywords, field: r.field, mission: r.mission, id: r.id })),
      missions: DEFAULT_RULE_SET.missions.map((m) => ({ label: m.label, id: m.id })),
      rules: DEFAULT_RULE_SET.rules.map((r) => ({ keywords: r.keywords, field: r.field, serviceArea: r.serviceArea, id: r.id })),
      version: 1,
    } as RuleSet;
    expect(ruleSetToJson(shuffled)).toBe(ruleSetToJson(DEFAULT_RULE_SET));
  });

  it('keeps keywords with quotes, commas and backslashes exactly', () => {
    const set = defaultRuleSet();
    set.rules.push({ id: 'odd', serviceArea: 'other', field: 'supplier', keywords: ['a","b', 'back\\slash', 'c, d'] });
    expect(parseRuleSet(ruleSetToJson(set), FILE).ruleSet?.rules.at(-1)?.keywords).toEqual(['a","b', 'back\\slash', 'c, d']);
  });

  it('round-trips an edited set: a moved rule, a new mission and its rule', () => {
    const set = defaultRuleSet();
    set.rules.unshift({ id: 'department-youth-services', serviceArea: 'estates', field: 'department', keywords: ['youth services'] });
    set.missions.push({ id: 'net-zero', label: 'Net zero' });
    set.missionRules.push({ id: 'mission-net-zero-purpose', mission: 'net-zero', field: 'purpose', keywords: ['retrofit', 'heat pump'] });
    expect(parseRuleSet(ruleSetToJson(set), FILE)).toEqual({ ruleSet: set, problems: [] });
  });
});

describe('parseRuleSet refuses what it cannot use, saying exactly what and where', () => {
  it('names the rule, its id and the allowed service areas for a misspelt one', () => {
    const text = edited((s) => {
      s.rules[8]!.serviceArea = 'yuoth';
    });
    const r = parseRuleSet(text, FILE);
    expect(r.ruleSet).toBeNull();
    expect(r.problems).toEqual([{ file: FILE, reason: 'rule 9 ("purpose-youth"): serviceArea "yuoth" is not one of social-care, youth, estates, green-spaces, other', severity: 'error' }]);
  });

  it('refuses a rule id used twice, across service-area and mission rules', () => {
    expect(errors(parseRuleSet(edited((s) => void (s.rules[1]!.id = 'cpv-social-care')), FILE).problems)).toEqual([
      'rule 2 ("cpv-social-care"): id "cpv-social-care" is already used by rule 1; each rule needs its own id, so a line says exactly which rule sorted it',
    ]);
    expect(errors(parseRuleSet(edited((s) => void (s.missionRules[0]!.id = 'department-youth')), FILE).problems)).toEqual([
      'mission rule 1 ("department-youth"): id "department-youth" is already used by rule 5; each rule needs its own id, so a line says exactly which rule sorted it',
    ]);
  });

  it('refuses empty keywords: an empty list, or an empty phrase', () => {
    expect(errors(parseRuleSet(edited((s) => void (s.rules[3]!.keywords = [])), FILE).problems)).toEqual(['rule 4 ("department-social-care"): has no keywords, so it would match nothing']);
    expect(errors(parseRuleSet(edited((s) => void (s.rules[3]!.keywords = ['social care', '  '])), FILE).problems)).toEqual(['rule 4 ("department-social-care"): keyword 2 is empty']);
    expect(errors(parseRuleSet(edited((s) => void delete s.rules[3]!.keywords), FILE).problems)).toEqual(['rule 4 ("department-social-care"): no "keywords" list']);
    expect(errors(parseRuleSet(edited((s) => void (s.rules[3]!.keywords = 'social care')), FILE).problems)).toEqual(['rule 4 ("department-social-care"): "keywords" should be a list of phrases, not "social care"']);
  });

  it('refuses a field it does not know, and a property it does not know', () => {
    expect(errors(parseRuleSet(edited((s) => void (s.rules[3]!.field = 'title')), FILE).problems)).toEqual(['rule 4 ("department-social-care"): field "title" is not one of department, purpose, supplier, merchantCategory, cpv']);
    expect(errors(parseRuleSet(edited((s) => void (s.rules[3]!.keywrods = ['x'])), FILE).problems)).toEqual(['rule 4 ("department-social-care"): unknown property "keywrods" (expected id, serviceArea, field, keywords)']);
    expect(errors(parseRuleSet(edited((s) => void (s.colour = 'red')), FILE).problems)).toEqual(['the rule set: unknown property "colour" (expected version, rules, missions, missionRules)']);
  });

  it('accepts rules and mission rules that read the merchant category, words or MCC digits, and writes them back', () => {
    const set = defaultRuleSet();
    set.rules.unshift({ id: 'mcc-groceries', serviceArea: 'other', field: 'merchantCategory', keywords: ['grocery stores', '5411', '0742'] });
    set.missionRules.push({ id: 'mission-food-mcc', mission: 'food', field: 'merchantCategory', keywords: ['eating places', '5812'] });
    expect(validateRuleSet(set, FILE)).toEqual({ ruleSet: set, problems: [] });
    expect(parseRuleSet(ruleSetToJson(set), FILE)).toEqual({ ruleSet: set, problems: [] });
    expect(ruleSetToJson(set)).toContain('{ "id": "mcc-groceries", "serviceArea": "other", "field": "merchantCategory", "keywords": ["grocery stores", "5411", "0742"] }');
  });

  it('refuses a CPV keyword that is not the leading digits of a code', () => {
    expect(errors(parseRuleSet(edited((s) => void (s.rules[0]!.keywords = ['8531', '85-31', 'social work'])), FILE).problems)).toEqual([
      'rule 1 ("cpv-social-care"): cpv keyword "85-31" is not digits: write the leading 2 to 8 digits of a CPV code, e.g. "8531" for social work services',
      'rule 1 ("cpv-social-care"): cpv keyword "social work" is not digits: write the leading 2 to 8 digits of a CPV code, e.g. "8531" for social work services',
    ]);
  });

  it('refuses a mission rule for a mission not in the list, or reading CPV codes', () => {
    expect(errors(parseRuleSet(edited((s) => void (s.missionRules[2]!.mission = 'fod')), FILE).problems)).toEqual([
      'mission rule 3 ("mission-food-purpose"): mission "fod" is not in the missions list (estates, food, diversity, young-people)',
    ]);
    expect(errors(parseRuleSet(edited((s) => void (s.missionRules[2]!.field = 'cpv')), FILE).problems)).toEqual([
      'mission rule 3 ("mission-food-purpose"): field "cpv" is for service-area rules only; a mission rule reads department, purpose, supplier, merchantCategory',
    ]);
    // Removing a mission leaves its rules pointing nowhere: they must go too.
    const withoutFood = parseRuleSet(edited((s) => void (s.missions = s.missions.filter((m) => m.id !== 'food'))), FILE);
    expect(errors(withoutFood.problems)).toHaveLength(2);
    expect(errors(withoutFood.problems)[0]).toMatch(/^mission rule 3 \("mission-food-purpose"\): mission "food" is not in the missions list \(estates, diversity, young-people\)$/);
  });

  it('refuses mission ids that would not store safely, missions listed twice, and missing labels', () => {
    const r = parseRuleSet(
      edited((s) => {
        s.missions[0]!.id = 'Young People';
        s.missions[1]!.label = ' ';
        s.missions.push({ id: 'diversity', label: 'Again' });
      }),
      FILE,
    );
    expect(errors(r.problems)).toEqual([
      'mission 1 ("Young People"): id "Young People" may hold only lower-case letters, digits and single hyphens, e.g. "young-people" (it is stored with every line that serves it)',
      'mission 2 ("food"): no "label" (the name people see, e.g. "Young people")',
      'mission 5 ("diversity"): mission id "diversity" is listed twice',
      'mission rule 1 ("mission-estates-department"): mission "estates" is not in the missions list (Young People, food, diversity, young-people)',
      'mission rule 2 ("mission-estates-purpose"): mission "estates" is not in the missions list (Young People, food, diversity, young-people)',
    ]);
  });

  it('refuses rule ids with characters that would not store safely', () => {
    expect(errors(parseRuleSet(edited((s) => void (s.rules[0]!.id = 'cpv, social')), FILE).problems)).toEqual([
      'rule 1 ("cpv, social"): id "cpv, social" may hold only letters, digits, ".", "_" and "-", up to 64 (it is stored with every line it sorts)',
    ]);
  });

  it('refuses a service-area keyword that cannot match as a whole word', () => {
    expect(errors(parseRuleSet(edited((s) => void (s.rules[3]!.keywords = ['(social care)', 'café'])), FILE).problems)).toEqual([
      'rule 4 ("department-social-care"): keyword "(social care)" must begin and end with a plain letter or digit (a–z, 0–9), so it can match as a whole word',
      'rule 4 ("department-social-care"): keyword "café" must begin and end with a plain letter or digit (a–z, 0–9), so it can match as a whole word',
    ]);
  });

  it('says where the text stops being JSON, by line and column', () => {
    const text = '{\n  "version": 1,\n  "rules": [\n    { "id": "a", "serviceArea": "youth", "field": "purpose", "keywords": ["youth"] },\n  ],\n  "missions": []\n}';
    expect(parseRuleSet(text, FILE)).toEqual({
      ruleSet: null,
      problems: [{ file: FILE, row: 5, reason: 'not JSON: a comma before ] (JSON allows no trailing comma) at line 5, column 3', severity: 'error' }],
    });
    expect(parseRuleSet("{ 'version': 1 }", FILE).problems[0]!.reason).toBe('not JSON: expected a property name in double quotes, found \' (JSON strings need double quotes) at line 1, column 3');
    expect(parseRuleSet('{ "version": 1, "rules": [', FILE).problems[0]!.reason).toBe('not JSON: expected a value, found the end of the file at line 1, column 27');
    expect(parseRuleSet('Date,Supplier\n', FILE).problems[0]!.reason).toBe('not JSON: expected a value, found "D" at line 1, column 1');
    expect(parseRuleSet('  \n', FILE).problems[0]!.reason).toBe('the file is empty: expected a rule set in JSON');
  });

  it('refuses a newer version whole, saying so; and a wrong or missing version', () => {
    const newer = parseRuleSet(edited((s) => {
      s.version = 2;
      s.rules = 'whatever a newer PlaceLens writes' as never;
    }), FILE);
    expect(newer).toEqual({ ruleSet: null, problems: [{ file: FILE, reason: 'this rule set is version 2, written by a newer PlaceLens; this one reads version 1. Update PlaceLens to use it.', severity: 'error' }] });
    expect(errors(parseRuleSet(edited((s) => void (s.version = '1')), FILE).problems)).toEqual(['"version" is "1": expected 1']);
    expect(errors(parseRuleSet(edited((s) => void delete s.version), FILE).problems)).toEqual(['no "version": expected 1']);
    expect(errors(parseRuleSet('[]', FILE).problems)).toEqual(['expected a rule set: an object with "version", "rules", "missions" and "missionRules"']);
  });

  it('keeps the first hundred problems of a file that is nothing like a rule set', () => {
    const r = parseRuleSet(JSON.stringify({ version: 1, rules: Array.from({ length: 300 }, () => 'x'), missions: [], missionRules: [] }), FILE);
    expect(r.problems).toHaveLength(101);
    expect(r.problems.at(-1)!.reason).toBe('and 200 more problems like these');
  });
});

describe('parseRuleSet accepts with warnings, and tidies', () => {
  it('warns of a mission no rule serves, a repeated keyword, and no service-area rules at all, but uses the set', () => {
    const r = parseRuleSet(JSON.stringify({ version: 1, rules: [], missions: [{ id: 'net-zero', label: 'Net zero' }], missionRules: [] }), FILE);
    expect(r.ruleSet).toEqual({ version: 1, rules: [], missions: [{ id: 'net-zero', label: 'Net zero' }], missionRules: [] });
    expect(r.problems.map((p) => [p.severity, p.reason])).toEqual([
      ['warning', 'there are no service-area rules: every line will be Other'],
      ['warning', 'mission "net-zero" (Net zero) has no rules, so no spend will be counted towards it'],
    ]);
    const twice = parseRuleSet(edited((s) => void (s.rules[4]!.keywords = ['youth', 'Youth'])), FILE);
    expect(twice.ruleSet!.rules[4]!.keywords).toEqual(['youth']);
    expect(twice.problems).toEqual([{ file: FILE, reason: 'rule 5 ("department-youth"): keyword "Youth" is listed twice', severity: 'warning' }]);
  });

  it('trims keywords and labels and closes up spaces; a leading byte-order mark is fine', () => {
    const r = parseRuleSet('\uFEFF' + edited((s) => {
      s.rules[4]!.keywords = ['  youth   services '];
      s.missions[0]!.label = ' Estates ';
    }), FILE);
    expect(r.ruleSet!.rules[4]!.keywords).toEqual(['youth services']);
    expect(r.ruleSet!.missions[0]!.label).toBe('Estates');
  });

  it('keeps keywords plain: a keyword with pattern characters matches only itself', () => {
    const set = parseRuleSet(JSON.stringify({ version: 1, rules: [{ id: 'dot', serviceArea: 'youth', field: 'supplier', keywords: ['st. mary'] }], missions: [{ id: 'm', label: 'M' }], missionRules: [{ id: 'mr', mission: 'm', field: 'purpose', keywords: ['a+b'] }] }), FILE).ruleSet!;
    const classify = makeClassifier(set.rules);
    expect(classify({ department: '', purpose: '', supplier: 'St. Mary Trust' }).ruleId).toBe('dot');
    expect(classify({ department: '', purpose: '', supplier: 'Stx Mary Trust' }).ruleId).toBeNull();
    const missions = makeMissionClassifier(set.missionRules, set.missions);
    expect(missions({ department: '', purpose: 'a+b grant', supplier: '' }).missions).toEqual(['m']);
    expect(missions({ department: '', purpose: 'aab grant', supplier: '' }).missions).toEqual([]);
  });
});
