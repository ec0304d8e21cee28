// A project's classification rules and missions as one document a person can read, edit, export and import.

import { DEFAULT_RULES, type ClassificationRule } from './classify';
import { DEFAULT_MISSIONS, DEFAULT_MISSION_RULES, type Mission, type MissionRule } from './missions';
import type { InputProblem } from './problems';
import { SERVICE_AREAS, isServiceArea } from './service-areas';

/** The rule-set format this PlaceLens writes and reads; a newer one is refused rather than half-read. */
export const RULE_SET_VERSION = 1;

/**
 * Everything that sorts spend: service-area rules in the order they are tried (the first match decides), the
 * missions in the order they are listed, and the rules that say which spend serves which mission.
 */
export interface RuleSet {
  version: typeof RULE_SET_VERSION;
  rules: ClassificationRule[];
  missions: Mission[];
  missionRules: MissionRule[];
}

/** Frozen all the way down: a rule set shared by many readers cannot be changed by one of them. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A copy with its own arrays and objects, to edit. */
export const copyRuleSet = (set: RuleSet): RuleSet => ({
  version: RULE_SET_VERSION,
  rules: set.rules.map((r) => ({ id: r.id, serviceArea: r.serviceArea, field: r.field, keywords: [...r.keywords] })),
  missions: set.missions.map((m) => ({ id: m.id, label: m.label })),
  missionRules: set.missionRules.map((r) => ({ id: r.id, mission: r.mission, field: r.field, keywords: [...r.keywords] })),
});

/**
 * What a new project starts with: the default service-area rules and Camden's four missions. Frozen, so an editor
 * that changed it in place would fail loudly instead of changing every later project's defaults.
 */
export const DEFAULT_RULE_SET: RuleSet = deepFreeze(
  copyRuleSet({ version: RULE_SET_VERSION, rules: DEFAULT_RULES, missions: DEFAULT_MISSIONS, missionRules: DEFAULT_MISSION_RULES }),
);

/** A copy of the defaults that may be edited. */
export function defaultRuleSet(): RuleSet {
  return copyRuleSet(DEFAULT_RULE_SET);
}

/**
 * The rule set as JSON for a person to read and a diff to compare: keys in a fixed order, one rule or mission per
 * line, in the order they apply.
 *
 * @example ruleSetToJson(DEFAULT_RULE_SET) // '{\n  "version": 1,\n  "rules": [\n    { "id": "cpv-social-care", ...'
 */
export function ruleSetToJson(set: RuleSet): string {
  const c = copyRuleSet(set);
  // Object.entries keeps insertion order, and copyRuleSet builds every object with its keys in one order.
  const value = (v: unknown) => (Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v));
  const item = (o: object) => `{ ${Object.entries(o).map(([k, v]) => `${JSON.stringify(k)}: ${value(v)}`).join(', ')} }`;
  const list = (items: object[]) => (items.length === 0 ? '[]' : `[\n${items.map((x) => `    ${item(x)}`).join(',\n')}\n  ]`);
  return `{\n  "version": ${c.version},\n  "rules": ${list(c.rules)},\n  "missions": ${list(c.missions)},\n  "missionRules": ${list(c.missionRules)}\n}\n`;
}

/** A rule set read or checked, with what was wrong with it or worth knowing. */
export interface RuleSetResult {
  /** Null when any problem is an error: a rule set is used whole or not at all. */
  ruleSet: RuleSet | null;
  problems: InputProblem[];
}

/** Reads a rule set exported by PlaceLens (or written by hand), checking every rule; problems say what to fix. */
export function parseRuleSet(text: string, file: string): RuleSetResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ruleSet: null, problems: [{ file, reason: 'the file is empty: expected a rule set in JSON', severity: 'error' }] };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return { ruleSet: null, problems: [jsonProblem(body, file, e)] };
  }
  return validateRuleSet(value, file);
}

/**
 * Where the JSON goes wrong, as the line and column an editor shows. JSON.parse says what it disliked but, in the
 * engines PlaceLens runs on, not always where; this small scanner finds the first fault and names it.
 */
function jsonProblem(text: string, file: string, error: unknown): InputProblem {
  const found = findJsonFault(text);
  if (!found) return { file, reason: `not JSON: ${error instanceof Error ? error.message : String(error)}`, severity: 'error' };
  const before = text.slice(0, found.at);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return { file, row: line, reason: `not JSON: ${found.reason} at line ${line}, column ${column}`, severity: 'error' };
}

class JsonFault {
  constructor(
    readonly at: number,
    readonly reason: string,
  ) {}
}

/** The offset and nature of the first syntax error in `text`, or null when it is valid JSON. */
function findJsonFault(text: string): { at: number; reason: string } | null {
  let i = 0;
  const fail = (reason: string, at = i): never => {
    throw new JsonFault(at, reason);
  };
  const found = () => {
    const ch = text[i];
    if (ch === undefined) return 'the end of the file';
    if (ch === "'") return "' (JSON strings need double quotes)";
    if (ch === '/') return '/ (JSON has no comments)';
    return ch === '\n' || ch === '\r' ? 'a line break' : `"${ch}"`;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = () => {
    const start = i++;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : next === undefined || !'"\\/bfnrt'.includes(next)) fail('a backslash that does not start an escape such as \\n or \\"');
        i += next === 'u' ? 6 : 2;
      } else if (ch < ' ') fail('a line break inside a string (is a closing " missing?)');
      else i++;
    }
    fail('a string that is never closed with "', start);
  };
  const value = (depth: number): void => {
    if (depth > 64) fail('lists or objects nested more than 64 deep');
    space();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        space();
        if (ch === '{') {
          if (text[i] === '}') fail('a comma before } (JSON allows no trailing comma)');
          if (text[i] !== '"') fail(`expected a property name in double quotes, found ${found()}`);
          string();
          space();
          if (text[i] !== ':') fail(`expected : after the property name, found ${found()}`);
          i++;
        } else if (text[i] === ']') fail('a comma before ] (JSON allows no trailing comma)');
        value(depth + 1);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail(`expected , or ${close}, found ${found()}`);
      }
    }
    if (ch === '"') return string();
    const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
    literal.lastIndex = i;
    if (literal.exec(text)) {
      i = literal.lastIndex;
      return;
    }
    fail(`expected a value, found ${found()}`);
  };
  try {
    value(0);
    space();
    if (i < text.length) fail(`more text after the end of the JSON: ${found()}`);
    return null;
  } catch (e) {
    if (e instanceof JsonFault) return { at: e.at, reason: e.reason };
    throw e;
  }
}

// Stored with every line (rule ids joined by commas, missions between commas and found with LIKE), so the
// characters that would break those encodings, or act as LIKE wildcards, are kept out.
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MISSION_ID = /^[a-z0-9]+(?:-[a-z0-9]+){0,15}$/;
const RULE_FIELDS = ['department', 'purpose', 'supplier', 'merchantCategory', 'cpv'] as const;
const MISSION_FIELDS = ['department', 'purpose', 'supplier', 'merchantCategory'] as const;
const MAX_KEYWORD = 200;
const MAX_ERRORS = 100;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => {
  const shown = typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v));
  return shown.length > 80 ? `${shown.slice(0, 77)}…` : shown;
};
const oneOf = (values: readonly string[]) => values.join(', ');

/**
 * Checks a rule set that arrived as a value (from JSON, or from an editor across the worker boundary) and returns a
 * clean copy holding only the known fields, keywords trimmed. Errors refuse the whole set; warnings do not.
 */
export function validateRuleSet(value: unknown, file: string): RuleSetResult {
  const problems: InputProblem[] = [];
  const error = (reason: string) => problems.push({ file, reason, severity: 'error' });
  const warn = (reason: string) => problems.push({ file, reason, severity: 'warning' });
  const refused = () => ({ ruleSet: null, problems });

  if (!isObject(value)) {
    error('expected a rule set: an object with "version", "rules", "missions" and "missionRules"');
    return refused();
  }
  const version = value.version;
  if (version === undefined) error(`no "version": expected ${RULE_SET_VERSION}`);
  else if (typeof version === 'number' && Number.isInteger(version) && version > RULE_SET_VERSION) {
    // A newer format may mean something else by the same fields: refuse rather than guess.
    error(`this rule set is version ${version}, written by a newer PlaceLens; this one reads version ${RULE_SET_VERSION}. Update PlaceLens to use it.`);
    return refused();
  } else if (version !== RULE_SET_VERSION) error(`"version" is ${show(version)}: expected ${RULE_SET_VERSION}`);
  unknownKeys(value, ['version', 'rules', 'missions', 'missionRules'], 'the rule set', error);

  const ids = new Map<string, string>();
  const checkId = (id: unknown, where: string): id is string => {
    if (typeof id !== 'string' || id === '') {
      error(`${where}: no "id" (each rule needs a short name, e.g. "purpose-youth")`);
      return false;
    }
    if (!RULE_ID.test(id)) {
      error(`${where}: id ${show(id)} may hold only letters, digits, ".", "_" and "-", up to 64 (it is stored with every line it sorts)`);
      return false;
    }
    const earlier = ids.get(id);
    if (earlier) {
      error(`${where}: id "${id}" is already used by ${earlier}; each rule needs its own id, so a line says exactly which rule sorted it`);
      return false;
    }
    ids.set(id, where.replace(/ \(.*$/, ''));
    return true;
  };
  const label = (kind: string, index: number, item: unknown) => {
    const id = isObject(item) && typeof item.id === 'string' && item.id !== '' ? ` (${show(item.id)})` : '';
    return `${kind} ${index + 1}${id}`;
  };
  const listOf = (key: string): unknown[] | null => {
    const list = value[key];
    if (list === undefined) error(`no "${key}" list`);
    else if (!Array.isArray(list)) error(`"${key}" should be a list ([...]), not ${show(list)}`);
    else return list;
    return null;
  };

  const rules: ClassificationRule[] = [];
  const rawRules = listOf('rules');
  rawRules?.forEach((raw, i) => {
    const where = label('rule', i, raw);
    if (!isObject(raw)) {
      error(`${where}: expected an object with id, serviceArea, field and keywords, not ${show(raw)}`);
      return;
    }
    unknownKeys(raw, ['id', 'serviceArea', 'field', 'keywords'], where, error);
    const idOk = checkId(raw.id, where);
    const area = raw.serviceArea;
    const areaOk = isServiceArea(area);
    if (!areaOk) error(area === undefined ? `${where}: no "serviceArea" (one of ${oneOf(SERVICE_AREAS)})` : `${where}: serviceArea ${show(area)} is not one of ${oneOf(SERVICE_AREAS)}`);
    const field = fieldOf(raw.field, RULE_FIELDS, where, error);
    const keywords = field ? keywordsOf(raw.keywords, 'service area', field, where, error, warn) : null;
    if (idOk && areaOk && field && keywords) rules.push({ id: raw.id as string, serviceArea: area, field, keywords });
  });
  if (rawRules && rawRules.length === 0) warn('there are no service-area rules: every line will be Other');

  const missions: Mission[] = [];
  const missionIds = new Set<string>();
  listOf('missions')?.forEach((raw, i) => {
    const where = label('mission', i, raw);
    if (!isObject(raw)) {
      error(`${where}: expected an object with id and label, not ${show(raw)}`);
      return;
    }
    unknownKeys(raw, ['id', 'label'], where, error);
    const { id, label: name } = raw;
    let ok = true;
    if (typeof id !== 'string' || id === '') {
      error(`${where}: no "id" (a short name such as "young-people")`);
      ok = false;
    } else if (!MISSION_ID.test(id)) {
      error(`${where}: id ${show(id)} may hold only lower-case letters, digits and single hyphens, e.g. "young-people" (it is stored with every line that serves it)`);
      ok = false;
    } else if (missionIds.has(id)) {
      error(`${where}: mission id "${id}" is listed twice`);
      ok = false;
    }
    if (typeof name !== 'string' || name.trim() === '') {
      error(`${where}: no "label" (the name people see, e.g. "Young people")`);
      ok = false;
    }
    if (typeof id === 'string') missionIds.add(id);
    if (ok) missions.push({ id: id as string, label: (name as string).trim() });
  });

  const missionRules: MissionRule[] = [];
  const served = new Set<string>();
  listOf('missionRules')?.forEach((raw, i) => {
    const where = label('mission rule', i, raw);
    if (!isObject(raw)) {
      error(`${where}: expected an object with id, mission, field and keywords, not ${show(raw)}`);
      return;
    }
    unknownKeys(raw, ['id', 'mission', 'field', 'keywords'], where, error);
    const idOk = checkId(raw.id, where);
    const mission = raw.mission;
    const missionOk = typeof mission === 'string' && missionIds.has(mission);
    if (!missionOk) {
      const listed = missionIds.size ? oneOf([...missionIds]) : 'none';
      error(mission === undefined ? `${where}: no "mission" (one of ${listed})` : `${where}: mission ${show(mission)} is not in the missions list (${listed})`);
    }
    let field: MissionRule['field'] | null;
    if (raw.field === 'cpv') {
      error(`${where}: field "cpv" is for service-area rules only; a mission rule reads ${oneOf(MISSION_FIELDS)}`);
      field = null;
    } else field = fieldOf(raw.field, MISSION_FIELDS, where, error);
    const keywords = field ? keywordsOf(raw.keywords, 'mission', field, where, error, warn) : null;
    if (missionOk) served.add(mission);
    if (idOk && missionOk && field && keywords) missionRules.push({ id: raw.id as string, mission, field, keywords });
  });
  for (const m of missions) if (!served.has(m.id)) warn(`mission "${m.id}" (${m.label}) has no rules, so no spend will be counted towards it`);

  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > MAX_ERRORS) {
    // A file that is not a rule set at all would otherwise bury the first, telling, problems under thousands.
    const kept = errors.slice(0, MAX_ERRORS);
    kept.push({ file, reason: `and ${errors.length - MAX_ERRORS} more problems like these`, severity: 'error' });
    return { ruleSet: null, problems: kept };
  }
  if (errors.length > 0) return refused();
  return { ruleSet: { version: RULE_SET_VERSION, rules, missions, missionRules }, problems };
}

function unknownKeys(obj: Json, known: readonly string[], where: string, error: (reason: string) => void): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) error(`${where}: unknown property "${key}" (expected ${oneOf(known)})`);
  }
}

function fieldOf<F extends string>(field: unknown, allowed: readonly F[], where: string, error: (reason: string) => void): F | null {
  if ((allowed as readonly unknown[]).includes(field)) return field as F;
  error(field === undefined ? `${where}: no "field" (one of ${oneOf(allowed)})` : `${where}: field ${show(field)} is not one of ${oneOf(allowed)}`);
  return null;
}

/**
 * Keywords are plain phrases, never patterns: escaped when compiled, so a rule says exactly what it matches and no
 * input can make matching slow.
 */
function keywordsOf(raw: unknown, kind: 'service area' | 'mission', field: string, where: string, error: (reason: string) => void, warn: (reason: string) => void): string[] | null {
  if (!Array.isArray(raw)) {
    error(raw === undefined ? `${where}: no "keywords" list` : `${where}: "keywords" should be a list of phrases, not ${show(raw)}`);
    return null;
  }
  if (raw.length === 0) {
    error(`${where}: has no keywords, so it would match nothing`);
    return null;
  }
  const keywords: string[] = [];
  const seen = new Set<string>();
  let ok = true;
  raw.forEach((k, i) => {
    const nth = `keyword ${i + 1}`;
    if (typeof k !== 'string') {
      error(`${where}: ${nth} is ${show(k)}, not text`);
      ok = false;
      return;
    }
    const kw = k.trim().replace(/\s+/g, ' ');
    if (kw === '') {
      error(`${where}: ${nth} is empty`);
      ok = false;
    } else if (kw.length > MAX_KEYWORD) {
      error(`${where}: ${nth} is ${kw.length} characters long; keep keywords to ${MAX_KEYWORD}`);
      ok = false;
    } else if (field === 'cpv' && !/^\d{2,8}$/.test(kw)) {
      error(`${where}: cpv keyword ${show(kw)} is not digits: write the leading 2 to 8 digits of a CPV code, e.g. "8531" for social work services`);
      ok = false;
    } else if (kind === 'service area' && field !== 'cpv' && !/^\w(?:.*\w)?$/s.test(kw)) {
      // Service-area rules match whole words with \b, which counts only a–z, 0–9 and _ as parts of a word.
      error(`${where}: keyword ${show(kw)} must begin and end with a plain letter or digit (a–z, 0–9), so it can match as a whole word`);
      ok = false;
    } else if (kind === 'mission' && !/[\p{L}\p{N}]/u.test(kw)) {
      error(`${where}: keyword ${show(kw)} has no letter or digit to match`);
      ok = false;
    } else if (seen.has(kw.toLowerCase())) {
      warn(`${where}: keyword "${kw}" is listed twice`);
    } else {
      seen.add(kw.toLowerCase());
      keywords.push(kw);
    }
  });
  return ok ? keywords : null;
}
