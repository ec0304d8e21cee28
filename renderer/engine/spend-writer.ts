// Storing one spend file, batch by batch as it is read: its source, its lines (each placed and sorted on the way in),
// the rows it could not use and the problems met, and the ledger's counts. The caller owns the transaction.

import type { Database, SqlJsStatic, Statement } from 'sql.js';
import { RowInserter } from './row-inserter';
import type { SpendTexts } from './spend-texts';
import type { DuplicateFinder } from '../domain/duplicates';
import { LineUnpacker, transactionIdOf, type LineBatch, type UnpackedLine, type WordField } from '../domain/line-batch';
import type { Locator, LocateMethod, UnlocatedReason } from '../domain/locate';
import type { Classification, ClassifiableLine, Classifier } from '../domain/classify';
import { encodeMissions, type MissionClassification, type MissionClassifier } from '../domain/missions';
import { splitPence, type WardShare } from '../domain/ward-shares';
import type { ContractLine } from '../domain/ocds';
import type { ExcludedRow } from '../domain/spend-csv';
import type { InputProblem } from '../domain/problems';
import type { ServiceArea } from '../domain/service-areas';
import { formatPounds } from '../domain/money';

/** Lines counted together in the ledger: one source, one way of being placed (or reason not), one rule. */
export interface LedgerGroup {
  placed: boolean;
  method: LocateMethod | null;
  reason: UnlocatedReason | null;
  ruleId: string | null;
  serviceArea: ServiceArea;
  lines: number;
  pence: number;
  first: string | null;
  last: string | null;
}

/** Adds one line to a ledger group. */
export function tally(group: LedgerGroup, pence: number, date: string | null): void {
  group.lines++;
  group.pence += pence;
  if (date !== null) {
    if (group.first === null || date < group.first) group.first = date;
    if (group.last === null || date > group.last) group.last = date;
  }
}

/** The texts of a line that a rule set's rules read (service areas' and missions' together). */
export type SortedBy = readonly (keyof ClassifiableLine)[];

/** A sorting's service area and rule before they have a number in spend_texts. */
const UNNUMBERED = -2;

/**
 * A line's sorting, decided once for each combination of the words its rules read: what it is stored as (numbers
 * into spend_texts; -1 for no rule) and its ledger groups.
 */
interface Sorting {
  classification: Classification;
  /** spend_texts' numbers; the rule's is -1 when no rule matched, both UNNUMBERED until the first line is stored. */
  serviceArea: number;
  rule: number;
  missions: number;
  missionRules: number;
  /** The ledger's groups of its rule, by how a line was placed or why not. */
  byPlace: Map<string, LedgerGroup>;
}

export interface SpendFileToWrite {
  fileName: string;
  kind: 'spend' | 'contracts';
  encoding: string;
  locator: Locator;
  classify: Classifier;
  classifyMissions: MissionClassifier;
  sortedBy: SortedBy;
  /** Given when these lines are the whole project's (a project loaded afresh): its duplicates are found as they pass. */
  duplicates?: DuplicateFinder;
}

/** An excluded row as stored: a contracts file's may carry the amount it could not use. */
type Excluded = ExcludedRow | (Omit<ExcludedRow, 'reason'> & { reason: string; amountPence?: number | null });

/** Values bound for each line (source and kind are written in). */
const LINE_PARAMETERS = 28;
/** Lines stored by one INSERT: SQLite's work of running a statement, done once for them all (a tenth of storing). */
const LINES_PER_INSERT = 64;

/** Columns many files leave blank on every line: each word field and its parameter number in the lines' INSERT. */
const OPTIONAL_COLUMNS: readonly (readonly [WordField, number])[] = [
  ['postcode', 8], ['placeName', 9], ['wardName', 10], ['wardCode', 11], ['uprn', 23], ['merchantCategory', 24], ['cpv', 25], ['supplierPostcode', 26],
];

export class SpendFileWriter {
  readonly sourceId: number;
  /** Lines stored so far. */
  lines = 0;
  private readonly SQL: SqlJsStatic;
  private readonly lineKind: number;
  /** The INSERT for lines, one for each set of optional columns that a batch leaves blank on every line. */
  private readonly inserters = new Map<number, RowInserter>();
  /** The number of the word '' in the batches, once a batch has sent it. */
  private blank = -1;
  private readonly award: Statement | null;
  private readonly parts: Statement;
  private readonly unpacker = new LineUnpacker();
  /** spend_texts' number for each word of the file, by the word's number in the batches. */
  private readonly textIds: number[] = [];
  private readonly storedMissions = new Map<MissionClassification, [number, number]>();
  /**
   * Sortings by the batch numbers of the words the rules read, one level a word: found without a string hashed.
   * (Classifying is memoised by the words themselves too; this spares looking up several strings a line.)
   */
  private readonly sortings = new Map<number, unknown>();
  private onlySorting: Sorting | null = null;
  /** Ledger groups by the rule that sorted the line, then by how it was placed or why not. */
  private readonly groups = new Map<string | null, Map<string, LedgerGroup>>();
  private done = false;

  constructor(
    SQL: SqlJsStatic,
    private readonly db: Database,
    private readonly texts: SpendTexts,
    private readonly file: SpendFileToWrite,
  ) {
    this.SQL = SQL;
    db.run('INSERT INTO sources(kind, file, rows, encoding, header_row, loaded_at, refused) VALUES (?, ?, 0, ?, NULL, ?, 0)', [
      file.kind, file.fileName, file.encoding, new Date().toISOString(),
    ]);
    this.sourceId = Number(db.exec('SELECT last_insert_rowid()')[0]!.values[0]![0]);
    this.lineKind = texts.id(file.kind === 'contracts' ? 'contract award' : 'payment');
    this.award = file.kind === 'contracts'
      ? db.prepare(`INSERT INTO contract_awards(line_id, ocid, award_id, buyer, title, cpv, cpv_description, suitable_for_sme,
          suitable_for_vcse, supplier_sme, supplier_vcse, award_date, contract_start, contract_end)
          VALUES (last_insert_rowid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      : null;
    this.parts = db.prepare('INSERT INTO spend_line_wards(line_id, ward_code, share, pence, place) VALUES (?, ?, ?, ?, ?)');
  }

  /**
   * The INSERT for a batch whose lines all leave the optional columns in `blanks` (bits in OPTIONAL_COLUMNS' order)
   * blank: those are written as '' in the SQL rather than bound line by line. Parameters are numbered (?NNN), so every
   * variant binds the same numbers.
   */
  private inserter(blanks: number, rows: number): RowInserter {
    const key = blanks * 256 + rows;
    let inserter = this.inserters.get(key);
    if (inserter === undefined) {
      const tuples = Array.from({ length: rows }, (_, j) => {
        const values = Array.from({ length: LINE_PARAMETERS }, (_, k) => `?${j * LINE_PARAMETERS + k + 1}`);
        OPTIONAL_COLUMNS.forEach(([, parameter], bit) => {
          if (blanks & (1 << bit)) values[parameter - 1] = "''";
        });
        return `(${values.join(', ')}, ${this.sourceId}, ${this.lineKind})`;
      });
      inserter = new RowInserter(this.SQL, this.db, `INSERT INTO spend_line_rows(source_row, payment_date, supplier, purpose, department,
        amount_pence, transaction_id, postcode, place_name, ward_name_given, ward_code_given, lon_given, lat_given,
        service_area, rule_id, missions, mission_rules, ward_code, locate_method, unlocated_reason, lon, lat, uprn, merchant_category, cpv, supplier_postcode, located_from, geom, source_id, line_kind)
        VALUES ${tuples.join(', ')}`);
      this.inserters.set(key, inserter);
    }
    return inserter;
  }

  /** Numbers of the words the writer itself gives lines (service areas, rule ids, ward codes, how placed). */
  private readonly ownIds = new Map<string, number>();

  private id(text: string): number {
    let id = this.ownIds.get(text);
    if (id === undefined) this.ownIds.set(text, (id = this.texts.id(text)));
    return id;
  }

  /** The duplicate finder's number of word k of the file, and of the file's name. */
  private readonly finderWords: number[] = [];
  private finderFile = -1;

  private finderWord(k: number): number {
    if (k < 0) return -1;
    let n = this.finderWords[k];
    if (n === undefined) this.finderWords[k] = n = this.file.duplicates!.word(this.unpacker.words[k]!);
    return n;
  }

  /** The spend_texts number of word k of the file. */
  private textId(k: number): number {
    let id = this.textIds[k];
    if (id === undefined) this.textIds[k] = id = this.texts.id(this.unpacker.words[k]!);
    return id;
  }

  /** Line i's sorting; `columns` are the batch's numbers for the words the rules read. */
  private sortingOf(columns: readonly Int32Array[], batch: LineBatch, i: number): Sorting {
    const last = columns.length - 1;
    if (last < 0) return (this.onlySorting ??= this.sort(this.unpacker.read(batch, i)));
    let level = this.sortings;
    for (let f = 0; f < last; f++) {
      const k = columns[f]![i]!;
      let next = level.get(k) as Map<number, unknown> | undefined;
      if (next === undefined) level.set(k, (next = new Map()));
      level = next;
    }
    const k = columns[last]![i]!;
    let found = level.get(k) as Sorting | undefined;
    if (found === undefined) level.set(k, (found = this.sort(this.unpacker.read(batch, i))));
    return found;
  }

  private sort(line: UnpackedLine): Sorting {
    const c = this.file.classify(line);
    const m = this.file.classifyMissions(line);
    let stored = this.storedMissions.get(m);
    if (stored === undefined) this.storedMissions.set(m, (stored = [this.texts.id(encodeMissions(m.missions)), this.texts.id(m.ruleIds.join(','))]));
    let byPlace = this.groups.get(c.ruleId);
    if (byPlace === undefined) this.groups.set(c.ruleId, (byPlace = new Map()));
    // Its service area's and rule's numbers are taken when first stored, after the line's own words', as they always were.
    return { classification: c, serviceArea: UNNUMBERED, rule: UNNUMBERED, missions: stored[0], missionRules: stored[1], byPlace };
  }

  problems(problems: readonly InputProblem[]): void {
    if (problems.length === 0) return;
    const stmt = this.db.prepare('INSERT INTO problems(file, row, feature, column_name, severity, reason) VALUES (?, ?, ?, ?, ?, ?)');
    try {
      for (const p of problems) stmt.run([p.file, p.row ?? null, p.feature ?? null, p.column ?? null, p.severity, p.reason]);
    } finally {
      stmt.free();
    }
  }

  excluded(rows: readonly Excluded[]): void {
    if (rows.length === 0) return;
    for (const e of rows) {
      if (e.reason === 'total row' && typeof e.amountPence === 'number') this.totals.push({ row: e.sourceRow, stated: e.amountPence, above: 0, lines: 0, sinceLast: 0 });
    }
    const stmt = this.db.prepare('INSERT INTO excluded_rows(source_id, source_row, reason, detail, raw, amount_pence) VALUES (?, ?, ?, ?, ?, ?)');
    try {
      for (const e of rows) stmt.run([this.sourceId, e.sourceRow, e.reason, e.detail, JSON.stringify(e.raw), 'amountPence' in e ? e.amountPence ?? null : null]);
    } finally {
      stmt.free();
    }
  }

  /** Places, sorts and stores a batch of lines; a contracts file gives each line's award beside it. */
  batch(batch: LineBatch, awards?: readonly ContractLine[]): void {
    const { locator, duplicates, fileName } = this.file;
    const id = (text: string) => this.id(text);
    const words = batch.words;
    this.unpacker.add(batch);
    if (this.blank < 0) this.blank = this.unpacker.words.indexOf('');
    let blanks = 0;
    OPTIONAL_COLUMNS.forEach(([field], bit) => {
      if (this.blank >= 0 && words[field].every((k) => k === this.blank)) blanks |= 1 << bit;
    });
    // Lines go in LINES_PER_INSERT to a statement (a contracts file's one by one: each award follows its line), the
    // batch's last few one by one.
    const perInsert = awards ? 1 : LINES_PER_INSERT;
    const inGroups = batch.count - (batch.count % perInsert);
    const grouped = this.inserter(blanks, perInsert);
    const single = this.inserter(blanks, 1);
    const bound = (bit: number) => (blanks & (1 << bit)) === 0;
    const [postcode, placeName, wardName, wardCode, uprn, merchantCategory, cpv, supplierPostcode] = OPTIONAL_COLUMNS.map((_, bit) => bound(bit));
    const sortedBy = this.file.sortedBy.map((f) => words[f]);
    // A batch with no UPRN, postcode, place or ward columns, in a project that looks for no places in words: each
    // line is placed by its point alone, read straight from the batch, without a line made up to go down the ladder.
    const byPointAlone = !postcode && !placeName && !wardName && !wardCode && !uprn && !supplierPostcode && locator.pointDecidesBareLines;
    const w = this.unpacker.words;
    for (let i = 0; i < batch.count; i++) {
      const sourceRow = batch.sourceRow[i]!;
      const pence = batch.amountPence[i]!;
      if (this.settled < this.totals.length && sourceRow > this.totals[this.settled]!.row) this.settleTotals(sourceRow);
      this.linesPence += pence;
      this.linesRead++;
      const lon = batch.lon[i]!, lat = batch.lat[i]!;
      const dateWord = words.date[i]!;
      const date = dateWord < 0 ? null : w[dateWord]!;
      const sorting = this.sortingOf(sortedBy, batch, i);
      const loc = byPointAlone ? (batch.ward ? locator.atWard(batch.ward[i]!, lon, lat) : locator.atPoint(lon, lat)) : locator.locate(this.unpacker.read(batch, i));
      const slot = i < inGroups ? i % perInsert : 0;
      const stmt = i < inGroups ? grouped : single;
      const o = slot * LINE_PARAMETERS;
      stmt.int(1 + o, sourceRow);
      stmt.sharedWord(2 + o, dateWord, date);
      stmt.int(3 + o, this.textId(words.supplier[i]!));
      stmt.int(4 + o, this.textId(words.purpose[i]!));
      stmt.int(5 + o, this.textId(words.department[i]!));
      stmt.int(6 + o, pence);
      stmt.utf8(7 + o, batch.transactionIds, i === 0 ? 0 : batch.transactionIdEnds[i - 1]!, batch.transactionIdEnds[i]!);
      if (postcode) stmt.sharedWord(8 + o, words.postcode[i]!, w[words.postcode[i]!]!);
      if (placeName) stmt.sharedWord(9 + o, words.placeName[i]!, w[words.placeName[i]!]!);
      if (wardName) stmt.sharedWord(10 + o, words.wardName[i]!, w[words.wardName[i]!]!);
      if (wardCode) stmt.sharedWord(11 + o, words.wardCode[i]!, w[words.wardCode[i]!]!);
      // NaN is a line without coordinates: NULL, as an unbound parameter is.
      if (lon === lon) stmt.real(12 + o, lon);
      if (lat === lat) stmt.real(13 + o, lat);
      if (sorting.serviceArea === UNNUMBERED) {
        sorting.serviceArea = id(sorting.classification.serviceArea);
        sorting.rule = sorting.classification.ruleId === null ? -1 : id(sorting.classification.ruleId);
      }
      stmt.int(14 + o, sorting.serviceArea);
      if (sorting.rule >= 0) stmt.int(15 + o, sorting.rule);
      stmt.int(16 + o, sorting.missions);
      stmt.int(17 + o, sorting.missionRules);
      if (loc.placed) {
        stmt.int(18 + o, id(loc.wardCode));
        stmt.int(19 + o, id(loc.method));
        stmt.real(21 + o, loc.lon);
        stmt.real(22 + o, loc.lat);
        stmt.int(27 + o, id(loc.from));
        stmt.point(28 + o, loc.lon, loc.lat);
      } else {
        stmt.int(20 + o, id(loc.reason));
      }
      if (uprn) stmt.sharedWord(23 + o, words.uprn[i]!, w[words.uprn[i]!]!);
      if (merchantCategory) stmt.sharedWord(24 + o, words.merchantCategory[i]!, w[words.merchantCategory[i]!]!);
      if (cpv) stmt.sharedWord(25 + o, words.cpv[i]!, w[words.cpv[i]!]!);
      if (supplierPostcode) stmt.sharedWord(26 + o, words.supplierPostcode[i]!, w[words.supplierPostcode[i]!]!);
      if (loc.placed && loc.shares) this.pendingParts.push({ slot, amount: pence, at: loc.shares });
      if (slot === perInsert - 1 || i >= inGroups) {
        stmt.insert();
        this.writePendingParts(i >= inGroups ? 1 : perInsert);
      }
      this.lines++;
      if (this.award && awards) {
        const a = awards[i]!;
        const flag = (b: boolean | null) => (b === null ? null : b ? 1 : 0);
        this.award.run([a.ocid, a.awardId, a.buyer, a.title, a.cpv, a.cpvDescription, flag(a.sme), flag(a.vcse), flag(a.supplierSme), flag(a.supplierVcse), a.awardDate, a.contractStart, a.contractEnd]);
      }
      if (duplicates) {
        if (this.finderFile < 0) this.finderFile = duplicates.word(fileName);
        duplicates.addNumbered(this.finderWord(words.supplier[i]!), this.finderWord(dateWord), pence, transactionIdOf(batch, i), this.finderFile, sourceRow);
      }
      const placedOrWhy = loc.placed ? loc.method : loc.reason;
      let group = sorting.byPlace.get(placedOrWhy);
      if (group === undefined) {
        const c = sorting.classification;
        group = { placed: loc.placed, method: loc.placed ? loc.method : null, reason: loc.placed ? null : loc.reason, ruleId: c.ruleId, serviceArea: c.serviceArea, lines: 0, pence: 0, first: null, last: null };
        sorting.byPlace.set(placedOrWhy, group);
      }
      tally(group, pence, date);
    }
  }

  /**
   * The file's total rows (rows that state the sum of the lines above them), each with the lines above it added up:
   * `settled` of them so far, in the order of the rows. Lines and total rows come in row order, each piece's total
   * rows before its lines, so a total row is settled by the first line below it (or the end of the file).
   */
  private readonly totals: { row: number; stated: number; above: number; lines: number; sinceLast: number }[] = [];
  private settled = 0;
  private linesPence = 0;
  private linesRead = 0;

  /** Settles the total rows above `row` (Infinity: all of them) with the lines read so far. */
  private settleTotals(row: number): void {
    for (; this.settled < this.totals.length && this.totals[this.settled]!.row < row; this.settled++) {
      const t = this.totals[this.settled]!;
      const before = this.settled > 0 ? this.totals[this.settled - 1]!.above : 0;
      t.above = this.linesPence;
      t.lines = this.linesRead;
      t.sinceLast = this.linesPence - before;
    }
  }

  /**
   * A warning for each total row whose total is neither the sum of the lines above it nor of those since the total
   * row before (a subtotal): the file's own arithmetic is the best check that every line of it was read.
   */
  private totalProblems(): InputProblem[] {
    this.settleTotals(Infinity);
    return this.totals
      .filter((t) => t.stated !== t.above && t.stated !== t.sinceLast)
      .map((t) => ({
        file: this.file.fileName,
        row: t.row,
        severity: 'warning' as const,
        reason: `the total row says ${formatPounds(t.stated)}, but the ${t.lines.toLocaleString('en-GB')} spend line${t.lines === 1 ? '' : 's'} above it add${t.lines === 1 ? 's' : ''} up to ${formatPounds(t.above)}, `
          + `${formatPounds(Math.abs(t.stated - t.above))} ${t.stated > t.above ? 'less' : 'more'}; rows whose amount could not be read are listed in the ledger as not spend lines`,
      }));
  }

  /** Lines of the statement being filled whose pence is divided between the wards their place crosses. */
  private readonly pendingParts: { slot: number; amount: number; at: { place: string; shares: readonly WardShare[] } }[] = [];

  /**
   * Each waiting line's pence divided between the wards its place crosses (see LINE_WARDS_TABLE), once its statement
   * of `rows` lines is stored: SQLite numbered them one after another, so a line's id follows from the last's.
   */
  private writePendingParts(rows: number): void {
    if (this.pendingParts.length === 0) return;
    const lastId = Number(this.db.exec('SELECT last_insert_rowid()')[0]!.values[0]![0]);
    for (const { slot, amount, at } of this.pendingParts) {
      const lineId = lastId - (rows - 1 - slot);
      const pence = splitPence(amount, at.shares);
      at.shares.forEach((s, k) => this.parts.run([lineId, s.wardCode, s.share, pence[k]!, at.place]));
    }
    this.pendingParts.length = 0;
  }

  /** Writes the file's counts and the ledger's groups; the statements are freed. */
  finish(read: { rowCount: number; headerRow: number | null; refused: boolean; encoding: string }): void {
    this.problems(this.totalProblems());
    this.db.run('UPDATE sources SET rows = ?, header_row = ?, refused = ?, encoding = ? WHERE id = ?', [read.rowCount, read.headerRow, read.refused ? 1 : 0, read.encoding, this.sourceId]);
    const write = this.db.prepare(`INSERT INTO ledger_groups(source_id, placed, locate_method, unlocated_reason, rule_id, service_area,
      lines, pence, first_date, last_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    try {
      for (const byPlace of this.groups.values()) {
        for (const g of byPlace.values()) {
          write.run([this.sourceId, g.placed ? 1 : 0, g.method, g.reason, g.ruleId, g.serviceArea, g.lines, g.pence, g.first, g.last]);
        }
      }
    } finally {
      write.free();
    }
    this.close();
  }

  /** Frees the statements without finishing: the import stopped, and the caller rolls it back. */
  close(): void {
    if (this.done) return;
    this.done = true;
    for (const inserter of this.inserters.values()) inserter.free();
    this.award?.free();
    this.parts.free();
  }
}
