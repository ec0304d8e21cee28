// OCDS contracts data (Contracts Finder, Find a Tender) into spend lines, one per award, with every release accounted for.

import { formatPounds, parseAmount, type Pence } from './money';
import { parseDate } from './dates';
import { isPostcodeShaped, normalisePostcode, postcodeIn } from './postcodes';
import type { InputProblem } from './problems';
import type { ColumnMap, ExcludedRow, ParsedSpendLine, SpendFileResult } from './spend-csv';

/** One award, in its latest version, as a spend line with what OCDS says about the contract. */
export interface ContractLine extends ParsedSpendLine {
  ocid: string;
  /** The award's id within its ocid ('' when the publisher gave none). */
  awardId: string;
  /** The buyer's name (also the line's department). */
  buyer: string;
  /** The award's title, else the tender's (also the line's purpose). */
  title: string;
  /** The main CPV code, e.g. "50100000", or '' when none is given. */
  cpv: string;
  cpvDescription: string;
  /**
   * The buyer marked the contract as suitable for SMEs (tender.suitability.sme). This is a property of the
   * contract, not of who won it: see supplierSme.
   */
  sme: boolean | null;
  /** The buyer marked the contract as suitable for VCSEs (tender.suitability.vcse). */
  vcse: boolean | null;
  /** Every supplier of the award declares itself an SME (party details.scale); false if one is large; null if any did not say. */
  supplierSme: boolean | null;
  /** Every supplier of the award declares itself a VCSE (party details.vcse); false if one is not; null if any did not say. */
  supplierVcse: boolean | null;
  awardDate: string | null;
  contractStart: string | null;
  contractEnd: string | null;
}

/** Why a release, or one award in it, gave no spend line. */
export type OcdsExcludedReason =
  | 'no award in this release'
  | 'superseded by a later release of the same award'
  | 'award value missing'
  | 'award value not readable'
  | 'award value not in GBP'
  | 'award status cancelled'
  | 'award status unsuccessful'
  | 'award status pending'
  | 'release not readable';

/** A release or award that gave no line: the spend file's excluded row, with OCDS reasons. */
export interface OcdsExcludedRow extends Omit<ExcludedRow, 'reason'> {
  reason: OcdsExcludedReason;
  /**
   * The award's value in pence where it was readable and in GBP (a superseded or cancelled award), so the
   * ledger can show what was set aside; null for a release without an award or an unreadable value.
   */
  amountPence: Pence | null;
}

/**
 * An OCDS file read as spend. Accounting: a release with no award (or one that cannot be read) gives exactly
 * one excluded entry; a release with awards gives one entry per award in it, a line for the kept version of
 * each award and an excluded entry for every other. So `lines.length + excluded.length` equals the releases
 * without an award plus `awardsRead`, which is `rowCount` when no release carries more than one award, and
 * every release read is the sourceRow of at least one entry.
 */
export interface OcdsResult extends Omit<SpendFileResult, 'lines' | 'excluded'> {
  lines: ContractLine[];
  excluded: OcdsExcludedRow[];
  /** Award objects read across all releases, every version counted. */
  awardsRead: number;
}

/** The preview's fields, in the order of each sample row. */
export const OCDS_PREVIEW_HEADER = [
  'Date', 'Supplier', 'Amount', 'Title', 'Buyer', 'CPV', 'Suitable for SMEs', 'Suitable for VCSEs', 'Delivery postcode',
];

// Roles point into the preview header, so a caller that checks for an amount column sees one.
const PREVIEW_COLUMNS: ColumnMap = { date: 0, supplier: 1, amount: 2, purpose: 3, department: 4, postcode: 8 };

const SAMPLE_LINES = 10;
// OCDS partyScale codes that count as small or medium; "large" is the only other code in use.
const SME_SCALES = new Set(['sme', 'micro', 'small', 'medium', 'selfemployed']);
const SET_ASIDE_STATUSES: Record<string, OcdsExcludedReason> = {
  cancelled: 'award status cancelled',
  unsuccessful: 'award status unsuccessful',
  pending: 'award status pending',
};

const LINK_KEYS = new Set(['url', 'date', 'tag']);

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(v: unknown): Json {
  return isObject(v) ? v : {};
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

function bool(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}

/** The calendar date as the publisher wrote it: "2025-06-30T23:59:59+01:00" is 30 June in the UK, not 1 July or 29 June. */
function isoDate(v: unknown): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(str(v));
  if (!m) return null;
  const d = parseDate(m[1]!);
  return d.ok ? d.iso : null;
}

type PenceResult = { ok: true; pence: Pence; rounded: boolean } | { ok: false; reason: string };

/**
 * JSON numbers arrive as floats; their shortest decimal form is the text the publisher wrote, so going through
 * it keeps 3036.96 as 303696p. Sub-penny values are rounded half away from zero on the digits, never the float.
 */
function toPence(n: number): PenceResult {
  const s = String(n);
  const exact = parseAmount(s);
  if (exact.ok) return { ok: true, pence: exact.pence, rounded: false };
  const m = /^(-?)(\d+)\.(\d{2})(\d+)$/.exec(s);
  if (m) {
    const base = parseAmount(`${m[2]}.${m[3]}`);
    if (base.ok) {
      const pence = base.pence + (m[4]![0]! >= '5' ? 1 : 0);
      return { ok: true, pence: m[1] ? -pence : pence, rounded: true };
    }
  }
  return { ok: false, reason: `${s} is not an amount of money` };
}

/** Upper case with one space before the inward code when it is postcode-shaped; otherwise as given, tidied. */
function formatPostcode(raw: string): string {
  const n = normalisePostcode(raw);
  return isPostcodeShaped(n) ? `${n.slice(0, -3)} ${n.slice(-3)}` : raw.trim().toUpperCase().replace(/\s+/g, ' ');
}

function firstPostcode(items: unknown[]): string {
  const found: string[] = [];
  for (const item of items) {
    const it = obj(item);
    // deliveryAddresses is the UK profile's list; deliveryAddress is the older single-address extension.
    for (const address of [...list(it.deliveryAddresses), it.deliveryAddress]) {
      const pc = str(obj(address).postalCode);
      if (pc) found.push(pc);
    }
  }
  const shaped = found.find((pc) => isPostcodeShaped(pc));
  return shaped !== undefined ? formatPostcode(shaped) : found.length > 0 ? formatPostcode(found[0]!) : '';
}

/**
 * The award's own items first; then the tender items of the lots the award names, because another lot may be
 * delivered somewhere else; then any tender item, when the award names no lot that has items.
 */
function deliveryPostcode(award: Json, tender: Json): string {
  const own = firstPostcode(list(award.items));
  if (own) return own;
  const items = list(tender.items);
  const lots = new Set(list(award.relatedLots).map(str).filter(Boolean));
  const lotItems = lots.size > 0 ? items.filter((it) => lots.has(str(obj(it).relatedLot))) : [];
  return firstPostcode(lotItems.length > 0 ? lotItems : items);
}

function cpvOf(award: Json, tender: Json): { cpv: string; cpvDescription: string } {
  const isCpv = (c: unknown) => /^cpv$/i.test(str(obj(c).scheme)) && str(obj(c).id) !== '';
  const itemClass = [...list(award.items), ...list(tender.items)].map((it) => obj(it).classification);
  const main = [tender.classification, ...itemClass].find(isCpv);
  return main ? { cpv: str(obj(main).id), cpvDescription: str(obj(main).description) } : { cpv: '', cpvDescription: '' };
}

/** true if every one is, false if every one said and one is not, null if any did not say (or there are none). */
function allOf(values: (boolean | null)[]): boolean | null {
  if (values.length === 0 || values.some((v) => v === null)) return null;
  return values.every(Boolean);
}

/** A release as the file holds it, with where it came from. */
interface Unit {
  /** 1-based release (or record) number in the file. */
  sourceRow: number;
  release: unknown;
  /** Set when the unit could not be a release at all: why. */
  unreadable?: string;
}

interface ReleaseInfo {
  sourceRow: number;
  ocid: string;
  id: string;
  tags: string[];
  date: string;
  /** Milliseconds for ordering versions; -Infinity when the date cannot be read, so any dated version wins. */
  time: number;
  release: Json;
}

interface Candidate {
  info: ReleaseInfo;
  award: Json;
  awardId: string;
  /** Position in the file, for ties of release date. */
  order: number;
}

function describeRelease(info: Pick<ReleaseInfo, 'ocid' | 'id' | 'tags' | 'date'>): string[] {
  return [`ocid: ${info.ocid || '(none)'}`, `release: ${info.id || '(no id)'}`, `tag: ${info.tags.join(', ') || '(none)'}`, `date: ${info.date || '(none)'}`];
}

function releaseName(info: ReleaseInfo): string {
  return info.id ? `release ${info.id} (number ${info.sourceRow} in the file, ${info.date || 'undated'})` : `release number ${info.sourceRow} in the file (${info.date || 'undated'}, no release id)`;
}

function describeJson(v: unknown): string {
  if (Array.isArray(v)) return `a JSON list of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (isObject(v)) {
    const keys = Object.keys(v);
    return keys.length === 0 ? 'an empty JSON object' : `a JSON object with ${keys.slice(0, 8).map((k) => `"${k}"`).join(', ')}${keys.length > 8 ? ', …' : ''}`;
  }
  return `a JSON ${v === null ? 'null' : typeof v}`;
}

const EXPECTED = 'expected OCDS JSON: a release package ({"releases": [...]}), a record package ({"records": [...]}) or a single release (an object with an "ocid")';

function lineAndColumn(body: string, position: number): { line: number; column: number } {
  const before = body.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The releases of a package, record package or single release, or null (with a problem) when it is none of those. */
function unitsOf(json: unknown, file: string, problems: InputProblem[]): Unit[] | null {
  if (isObject(json) && 'releases' in json && !('records' in json)) {
    if (!Array.isArray(json.releases)) {
      problems.push({ file, reason: `"releases" is ${describeJson(json.releases)}, not a list of releases; ${EXPECTED}`, severity: 'error' });
      return null;
    }
    return json.releases.map((release, i) => ({ sourceRow: i + 1, release }));
  }
  if (isObject(json) && 'records' in json) {
    if (!Array.isArray(json.records)) {
      problems.push({ file, reason: `"records" is ${describeJson(json.records)}, not a list of records; ${EXPECTED}`, severity: 'error' });
      return null;
    }
    const units: Unit[] = [];
    json.records.forEach((record, i) => {
      const sourceRow = i + 1;
      const r = obj(record);
      // The compiled release is the record's current state, so its earlier releases are history, not more awards.
      if (isObject(r.compiledRelease)) {
        units.push({ sourceRow, release: r.compiledRelease });
        return;
      }
      // A linked release is only {url, date, tag}; anything more is the release itself, embedded.
      const embedded = list(r.releases).filter((rel) => isObject(rel) && Object.keys(rel).some((k) => !LINK_KEYS.has(k)));
      if (embedded.length > 0) {
        for (const release of embedded) units.push({ sourceRow, release: { ocid: r.ocid, ...obj(release) } });
        return;
      }
      const why = Array.isArray(r.releases) && r.releases.length > 0
        ? 'the record has no compiledRelease and its releases are links to other files, which were not read'
        : 'the record has no compiledRelease and no releases';
      units.push({ sourceRow, release: { ocid: r.ocid }, unreadable: why });
    });
    return units;
  }
  if (isObject(json) && 'ocid' in json) return [{ sourceRow: 1, release: json }];
  problems.push({ file, reason: `the file is ${describeJson(json)}; ${EXPECTED}`, severity: 'error' });
  return null;
}

/**
 * Read an OCDS JSON file (Contracts Finder, Find a Tender) as spend: one line per award, in the award's latest
 * version (by release date, then place in the file), valued in integer pence. Every release that gives no line
 * is listed in `excluded` with the reason; bad input gives problems, never an exception.
 * @example parseOcds('{"releases":[{"ocid":"ocds-x-1","id":"r1","date":"2025-03-11T00:00:00Z","tag":["award"],
 *   "awards":[{"id":"1","value":{"amount":230000,"currency":"GBP"},"suppliers":[{"name":"Acme"}]}]}]}', 'a.json')
 *   // lines[0]: { supplier: 'Acme', amountPence: 23000000, transactionId: 'ocds-x-1/1', date: '2025-03-11', … }
 */
export function parseOcds(text: string, file: string): OcdsResult {
  const problems: InputProblem[] = [];
  const result: OcdsResult = {
    file, header: [...OCDS_PREVIEW_HEADER], headerRow: 0, columns: {}, lines: [], excluded: [], problems,
    rowCount: 0, dataRows: 0, sampleRows: [], awardsRead: 0,
  };
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') {
    problems.push({ file, reason: `the file is empty; ${EXPECTED}`, severity: 'error' });
    return result;
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    const { line, column } = lineAndColumn(body, at ? Number(at[1]) : body.length);
    problems.push({ file, reason: `not JSON: ${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}; ${EXPECTED}`, severity: 'error' });
    return result;
  }
  const units = unitsOf(json, file, problems);
  if (units === null) return result;
  result.headerRow = 1;
  result.columns = { ...PREVIEW_COLUMNS };
  result.rowCount = units.length;
  result.dataRows = units.length;
  if (units.length === 0) problems.push({ file, reason: 'the file holds no releases', severity: 'warning' });

  // First pass: read every release and gather every version of every award, so the latest can be chosen.
  type Entry = { kind: 'excluded'; row: OcdsExcludedRow } | { kind: 'award'; candidate: Candidate };
  const entries: Entry[] = [];
  const latest = new Map<string, Candidate>();
  let order = 0;
  for (const unit of units) {
    const r = obj(unit.release);
    const info: ReleaseInfo = {
      sourceRow: unit.sourceRow, ocid: str(r.ocid), id: str(r.id), tags: list(r.tag).map(str).filter(Boolean),
      date: str(r.date), time: -Infinity, release: r,
    };
    const raw = describeRelease(info);
    const unreadable = (detail: string) => {
      entries.push({ kind: 'excluded', row: { sourceRow: unit.sourceRow, reason: 'release not readable', detail, raw, amountPence: null } });
      problems.push({ file, row: unit.sourceRow, reason: `release ${unit.sourceRow}: ${detail}`, severity: 'error' });
    };
    if (unit.unreadable) {
      unreadable(unit.unreadable);
      continue;
    }
    if (!isObject(unit.release)) {
      unreadable(`the release is ${describeJson(unit.release)}, not an object`);
      continue;
    }
    if (!info.ocid) {
      unreadable('the release has no ocid, so its awards cannot be told apart from other contracts');
      continue;
    }
    const parsedTime = /^\d{4}-\d{2}-\d{2}/.test(info.date) ? Date.parse(info.date) : NaN;
    if (Number.isNaN(parsedTime)) {
      problems.push({ file, row: unit.sourceRow, reason: `release ${unit.sourceRow} (${info.ocid}): release date "${info.date}" is not readable; if an award appears again, a dated version is preferred`, severity: 'warning' });
    } else info.time = parsedTime;
    if (r.awards !== undefined && !Array.isArray(r.awards)) {
      unreadable(`"awards" is ${describeJson(r.awards)}, not a list`);
      continue;
    }
    const awards = list(r.awards);
    if (awards.length === 0) {
      const tag = info.tags.join(', ') || 'untagged';
      if (info.tags.some((t) => t.startsWith('award'))) {
        problems.push({ file, row: unit.sourceRow, reason: `release ${unit.sourceRow} (${info.ocid}) is tagged "${tag}" but holds no award`, severity: 'warning' });
      }
      entries.push({ kind: 'excluded', row: { sourceRow: unit.sourceRow, reason: 'no award in this release', detail: `a "${tag}" release: it carries no award, so no money is awarded in it`, raw, amountPence: null } });
      continue;
    }
    awards.forEach((a, k) => {
      result.awardsRead++;
      const award = obj(a);
      const awardId = str(award.id);
      if (!awardId) {
        problems.push({ file, row: unit.sourceRow, reason: `release ${unit.sourceRow} (${info.ocid}): award ${k + 1} has no id, so a later version of it cannot be recognised; kept as it stands`, severity: 'warning' });
      }
      const candidate: Candidate = { info, award, awardId, order: order++ };
      // An award without an id cannot be matched to another version, so it gets a key of its own.
      const key = awardId ? `${info.ocid}\u0000${awardId}` : `${info.ocid}\u0000#${candidate.order}`;
      const held = latest.get(key);
      if (!held || candidate.info.time > held.info.time || (candidate.info.time === held.info.time && candidate.order > held.order)) latest.set(key, candidate);
      entries.push({ kind: 'award', candidate });
    });
  }

  // Second pass, in file order: the kept version of each award becomes a line (or is set aside), the rest are superseded.
  const keptOrders = new Set([...latest.values()].map((c) => c.order));
  for (const entry of entries) {
    if (entry.kind === 'excluded') {
      result.excluded.push(entry.row);
      continue;
    }
    const c = entry.candidate;
    if (keptOrders.has(c.order)) {
      const outcome = awardToLine(c, file, problems);
      if ('line' in outcome) result.lines.push(outcome.line);
      else result.excluded.push(outcome.excluded);
      continue;
    }
    // Only an award with an id can lose to another version, so its key is the ocid and id.
    const winner = latest.get(`${c.info.ocid}\u0000${c.awardId}`)!;
    const value = obj(c.award.value);
    const currency = str(value.currency).toUpperCase();
    const pence = typeof value.amount === 'number' && (currency === '' || currency === 'GBP') ? toPence(value.amount) : null;
    result.excluded.push({
      sourceRow: c.info.sourceRow,
      reason: 'superseded by a later release of the same award',
      detail: `award ${c.awardId} is given again in ${releaseName(winner.info)}; that later version is the one used`,
      raw: awardRaw(c),
      amountPence: pence?.ok ? pence.pence : null,
    });
  }
  result.sampleRows = result.lines.slice(0, SAMPLE_LINES).map(previewRow);
  return result;
}

function awardRaw(c: Candidate): string[] {
  const value = obj(c.award.value);
  const amount = value.amount === undefined ? '(none)' : JSON.stringify(value.amount);
  return [...describeRelease(c.info), `award: ${c.awardId || '(no id)'}`, `value: ${amount} ${str(value.currency)}`.trim()];
}

function previewRow(l: ContractLine): string[] {
  const yesNo = (b: boolean | null) => (b === null ? '' : b ? 'yes' : 'no');
  return [l.date ?? '', l.supplier, formatPounds(l.amountPence), l.title, l.buyer, `${l.cpv} ${l.cpvDescription}`.trim(), yesNo(l.sme), yesNo(l.vcse), l.postcode];
}

/** The kept version of an award as a line, or set aside with the reason. */
function awardToLine(c: Candidate, file: string, problems: InputProblem[]): { line: ContractLine } | { excluded: OcdsExcludedRow } {
  const { info, award } = c;
  const row = info.sourceRow;
  const where = `release ${row} (${info.ocid}), award ${c.awardId || '(no id)'}`;
  const raw = awardRaw(c);
  const value = obj(award.value);
  const currency = str(value.currency).toUpperCase();
  const amount = value.amount;
  const readable = typeof amount === 'number' && Number.isFinite(amount) ? toPence(amount) : null;
  const excluded = (reason: OcdsExcludedReason, detail: string, amountPence: Pence | null = null) => ({ excluded: { sourceRow: row, reason, detail, raw, amountPence } });

  const status = str(award.status).toLowerCase();
  const setAside = SET_ASIDE_STATUSES[status];
  if (setAside) {
    const gbp = readable?.ok && (currency === '' || currency === 'GBP') ? readable.pence : null;
    return excluded(setAside, `the award's status is "${status}", so no contract is in force from it`, gbp);
  }
  if (!isObject(award.value) || amount === undefined || amount === null) {
    return excluded('award value missing', 'the award gives no value, so its money is not known');
  }
  if (readable === null || !readable.ok) {
    const reason = `the award value ${JSON.stringify(amount)} is not a number${readable && !readable.ok ? ` (${readable.reason})` : ''}`;
    problems.push({ file, row, column: 'awards.value.amount', reason: `${where}: ${reason}`, severity: 'error' });
    return excluded('award value not readable', reason);
  }
  if (currency !== '' && currency !== 'GBP') {
    return excluded('award value not in GBP', `the award is valued at ${String(amount)} ${currency}; only pounds are added up`);
  }
  if (currency === '') {
    problems.push({ file, row, column: 'awards.value.currency', reason: `${where}: the value ${String(amount)} has no currency; read as pounds`, severity: 'warning' });
  }
  if (readable.rounded) {
    problems.push({ file, row, column: 'awards.value.amount', reason: `${where}: the value ${String(amount)} has fractions of a penny; rounded to ${formatPounds(readable.pence)}`, severity: 'warning' });
  }
  if (readable.pence === 0) {
    problems.push({ file, row, column: 'awards.value.amount', reason: `${where}: the award's value is 0; kept as a £0.00 line, so it adds no money`, severity: 'warning' });
  }

  const r = info.release;
  const tender = obj(r.tender);
  const parties = new Map<string, Json>();
  for (const p of list(r.parties)) {
    const id = str(obj(p).id);
    if (id && !parties.has(id)) parties.set(id, obj(p));
  }
  const suppliers = list(award.suppliers).map(obj);
  const names: string[] = [];
  const supplierSme: (boolean | null)[] = [];
  const supplierVcse: (boolean | null)[] = [];
  const supplierPostcodes: string[] = [];
  for (const s of suppliers) {
    const id = str(s.id);
    const party = parties.get(id) ?? {};
    let name = str(s.name) || str(party.name);
    if (!name) {
      name = id ? `${id} (no name given)` : '(no name given)';
      problems.push({ file, row, column: 'awards.suppliers.name', reason: `${where}: a supplier has no name; listed as "${name}"`, severity: 'warning' });
    }
    if (!names.includes(name)) names.push(name);
    const details = obj(party.details);
    const scale = str(details.scale).toLowerCase();
    supplierSme.push(scale === 'large' ? false : SME_SCALES.has(scale) ? true : null);
    supplierVcse.push(bool(details.vcse));
    // Contracts Finder often writes the postcode into streetAddress rather than postalCode.
    const address = obj(party.address);
    supplierPostcodes.push(postcodeIn(str(address.postalCode)) || postcodeIn([address.streetAddress, address.locality, address.region].map(str).join(', ')));
  }
  if (suppliers.length === 0) {
    problems.push({ file, row, column: 'awards.suppliers', reason: `${where}: the award names no supplier; kept with the supplier blank`, severity: 'warning' });
  }

  const buyerParty = list(r.parties).map(obj).find((p) => list(p.roles).includes('buyer'));
  const buyer = str(obj(r.buyer).name) || str(buyerParty?.name);
  const title = str(award.title) || str(tender.title) || str(r.title);
  const suitability = obj(tender.suitability);
  const awardPeriod = obj(award.contractPeriod);
  const tenderPeriod = obj(tender.contractPeriod);
  const awardDate = isoDate(award.date);
  if (awardDate === null && str(award.date) !== '') {
    problems.push({ file, row, column: 'awards.date', reason: `${where}: the award date "${str(award.date)}" is not a date; the contract start or release date is used`, severity: 'warning' });
  }
  const contractStart = isoDate(awardPeriod.startDate) ?? isoDate(tenderPeriod.startDate);
  const contractEnd = isoDate(awardPeriod.endDate) ?? isoDate(tenderPeriod.endDate);

  return {
    line: {
      sourceRow: row,
      date: awardDate ?? contractStart ?? isoDate(info.date),
      supplier: names.join('; '),
      purpose: title,
      department: buyer,
      amountPence: readable.pence,
      transactionId: `${info.ocid}/${c.awardId}`,
      merchantCategory: '',
      postcode: deliveryPostcode(award, tender),
      // A joint award's suppliers are in several places: its postcode is given only when they share one.
      supplierPostcode: supplierPostcodes.length > 0 && supplierPostcodes.every((pc) => pc === supplierPostcodes[0]) ? supplierPostcodes[0]! : '',
      lon: null,
      lat: null,
      uprn: '',
      placeName: '',
      wardName: '',
      wardCode: '',
      ocid: info.ocid,
      awardId: c.awardId,
      buyer,
      title,
      ...cpvOf(award, tender),
      sme: bool(suitability.sme),
      vcse: bool(suitability.vcse),
      supplierSme: allOf(supplierSme),
      supplierVcse: allOf(supplierVcse),
      awardDate,
      contractStart,
      contractEnd,
    },
  };
}
