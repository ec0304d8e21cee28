// The data engine: owns the project database and runs the domain steps on it. Runs in a worker; tested in Node.

import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import { RowInserter } from './row-inserter';
import { DuplicateFinder } from '../domain/duplicates';
import { SpendTexts } from './spend-texts';
import { RowReader } from './row-reader';
import { queryAll, type Row } from './sql';
import { SCHEMA_VERSION, WGS84_SRS_ID, schemaSql } from './schema';
import { readProjectBytes, saveProjectBytes, storedGeometry, workingDatabase } from './project-file';
import { encodeGpkgGeometry } from '../domain/gpkg-geometry';
import type {
  EngineApi, FileInput, LedgerEntry, MapData, MeetingPlacesResult, PlaceProperties, ProgressCallback, ProjectInput,
  ProjectSummary, PlaceReview, PlaceReviewItem, ReplaceWardsResult, ReplaceWardsOptions, SourceSummary, DuplicateSummary, VintageWarning, WardDetail, WardProperties, SpendPreview, ImportSpendResult,
  SetBoundaryVintageResult, SetRuleSetResult, ExploreResult, TablePage, FilterOptions, SupplierMatch, SearchResult, HexProperties, SpendReadOptions, ImportSpendOptions, ColumnProfile, AddReferenceResult, ReferenceKind, OpenProjectResult, AddReferenceOptions, GeoPackageLayersResult, StoredStory, AnnotationResult,
} from './contract';
import { decodeText, type DecodedText } from '../domain/text';
import { parseWardsGeoJson, unionBbox, wardsFromGeoJson, type Ward, type WardsResult } from '../domain/wards';
import { readShapefileZip } from '../domain/shapefile';
import { WardIndex, labelPoint } from '../domain/spatial';
import { Locator, mentionDecisionKey, type LocateMethod, type UnlocatedReason } from '../domain/locate';
import { PlaceMentionFinder, type PlaceMention } from '../domain/place-mentions';
import { splitPence, type WardShare } from '../domain/ward-shares';
import { parseSpendCsv, parseSpendCsvStart, parseSpendRows, type ColumnMap, type SpendFileResult, type SpendParseOptions } from '../domain/spend-csv';
import { LinePacker } from '../domain/line-batch';
import { SpendFileWriter, tally, type LedgerGroup, type SortedBy } from './spend-writer';
import { hereReader, type ReadRequest, type SpendReading, type SpendTextReader } from './spend-reading';
import { parseOcds, type OcdsResult } from '../domain/ocds';
import { readKml, readKmz } from '../domain/kml';
import { openGpkg, readGpkgLayer } from './geopackage-read';
import { Explorer } from './explore';
import { booleanPointInPolygon } from '@turf/turf';
import { normaliseMeetParams, type MeetParams } from '../domain/meeting-places';
import type { BriefArea, BriefFacts } from '../domain/brief';
import { search } from './search';
import { defaultFilter, filterChips, type SpendFilter } from '../domain/spend-filter';
import type { TableSort } from '../domain/spend-columns';
import { parsePostcodeDirectory, type PostcodeDirectory } from '../domain/postcodes';
import { parseUprnTable, type UprnDirectory } from '../domain/uprn';
import { PlaceMatcher, parsePlacesCsv, parsePlacesGeoJson, type Place, type PlacesResult } from '../domain/places';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * When boundaries described in words came into force: "May 2022" → 2022-05-01; "Sept 2022" → 2022-09-01;
 * "5 May 2022" → 2022-05-05; "2022" → 2022-01-01; "2022-05-05" as written. Anything else → null (no warning
 * rather than a wrong one). Text after the year is allowed: "2022 (from the WD22CD field name)".
 */
export function vintageStart(vintage: string): string | null {
  const v = vintage.trim();
  let year: number, month: number, day: number;
  const iso = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?!\d)/.exec(v);
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), iso[3] ? Number(iso[3]) : 1];
  } else {
    const m = /^(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?(?:([A-Za-z]+)\.?\s+)?(\d{4})\b/i.exec(v);
    // A day needs its month: "5 2022" says nothing certain.
    if (!m || (m[1] && !m[2])) return null;
    const word = m[2]?.toLowerCase();
    month = word ? (word.length >= 3 ? MONTHS.findIndex((name) => name.startsWith(word)) : -1) + 1 : 1;
    [year, day] = [Number(m[3]), m[1] ? Number(m[1]) : 1];
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ONS boundary files name their fields by year: WD22CD holds the 2022 wards. */
export function vintageFromField(field: string): string | null {
  const m = /^(?:WD|LAD)(\d{2})CD$/i.exec(field);
  return m ? `20${m[1]} (from the ${field} field name)` : null;
}

interface SpendRead {
  parsed: SpendSource;
  encoding: string;
  /** A workbook's sheet names; [] for text and OCDS. */
  sheets: string[];
  /** The sheet read; null for text and OCDS, and when the sheet asked for is not there. */
  sheet: string | null;
}

/** A spend file as rows: a sheet of an Excel workbook (the first unless named), or delimited text in whatever encoding it came. */
async function readSpendFile(file: FileInput, options: SpendParseOptions & { sheet?: string } = {}): Promise<SpendRead> {
  if (/\.xlsx$/i.test(file.name) && file.bytes[0] === 0x50 && file.bytes[1] === 0x4b) {
    // Loaded only when a workbook arrives, so the engine starts without the spreadsheet reader.
    const { readXlsxRows } = await import('../domain/xlsx');
    const workbook = await readXlsxRows(file.bytes, file.name, options.sheet);
    const parsed = parseSpendRows(workbook.rows, file.name, options, workbook.problems);
    const sheet = workbook.sheets.includes(workbook.sheet) ? workbook.sheet : null;
    // A missing sheet or an unreadable workbook is said once, not again as "no header row found".
    if (sheet === null) parsed.problems.splice(workbook.problems.length);
    return { parsed, encoding: sheet === null ? 'xlsx' : `xlsx, sheet "${sheet}"`, sheets: workbook.sheets, sheet };
  }
  const decoded = decodeText(file.bytes);
  // Contracts data (OCDS) is JSON; a spend table never starts with a brace or a bracket.
  if (/\.json$/i.test(file.name) || /^\s*[{[]/.test(decoded.text.slice(0, 200))) {
    return { parsed: parseOcds(decoded.text, file.name), encoding: `${decoded.encoding}, contracts (OCDS)`, sheets: [], sheet: null };
  }
  return { parsed: parseSpendCsv(decoded.text, file.name, options), encoding: decoded.encoding, sheets: [], sheet: null };
}

/**
 * The start of a delimited spend file, read as the whole file would be: its header, columns and first lines, and the
 * problems with them. Enough to say whether the file can be imported and with which columns, without reading it all.
 */
function readSpendHead(file: FileInput, options: SpendParseOptions): SpendRead {
  // Cut at a line's end: a byte 0x0A is never inside a UTF-8 character, so the start decodes as the whole file does.
  let end = Math.min(file.bytes.length, 1 << 20);
  if (end < file.bytes.length) end = file.bytes.lastIndexOf(0x0a, end) + 1 || end;
  const decoded = decodeText(file.bytes.subarray(0, end));
  return { parsed: parseSpendCsvStart(decoded.text, file.name, { ...options, limitRows: options.limitRows ?? 12 }, HEAD_ROWS), encoding: decoded.encoding, sheets: [], sheet: null };
}

/** "libraries.csv" → "library": a kind for places whose file does not say. */
/** meta key of the suspected-duplicates summary, kept between imports. */
const DUPLICATES_KEY = 'duplicates';
/** meta: '1' when the user has chosen to place otherwise unplaced lines at their supplier's address. */
const SUPPLIER_ADDRESS_KEY = 'place_by_supplier_address';
/** What the locator needs of each stored line to place it again. */
const PLACE_AGAIN_COLUMNS = 'SELECT id, amount_pence, lon_given, lat_given, postcode, uprn, place_name, ward_name_given, ward_code_given, supplier_postcode, purpose, department FROM spend_lines';

/** Layers whose features can be places: points, polygons, or any geometry (checked feature by feature). */
const placeLayerType = (geometryType: string) => /^(MULTI)?(POINT|POLYGON)$|SURFACE|^GEOMETRY$/i.test(geometryType);

const isSqliteFile = (bytes: Uint8Array) => bytes.length >= 16 && new TextDecoder('latin1').decode(bytes.subarray(0, 16)) === 'SQLite format 3\u0000';

function kindFromFileName(name: string): string {
  const stem = name.replace(/\.[^.]+$/, '').toLowerCase().replace(/[-_]+/g, ' ');
  const singular: Record<string, string> = { libraries: 'library', 'polling stations': 'polling station', 'public toilets': 'public toilet', 'reception centres': 'reception centre', schools: 'school', places: 'place' };
  return singular[stem] ?? stem;
}
import { makeClassifier, memoByFields, type Classifier } from '../domain/classify';
import { encodeMissions, makeMissionClassifier, type MissionClassifier } from '../domain/missions';
import { copyRuleSet, deepFreeze, DEFAULT_RULE_SET, defaultRuleSet, parseRuleSet, ruleSetToJson, validateRuleSet, type RuleSet } from '../domain/rule-set';
import { DEFAULT_STORY_NAME, readSlide, TITLE_MAX, type Slide } from '../domain/story';
import { annotationsCsv, annotationsGeoJson, annotationsIn, checkAnnotation, type Annotation, type AnnotationDraft } from '../domain/annotation';
import { isServiceArea, SERVICE_AREA_LABEL, type ServiceArea } from '../domain/service-areas';
import type { InputProblem } from '../domain/problems';


const PROBLEMS_KEPT_IN_SUMMARY = 200;
/** The meta key holding the meeting-place parameters as JSON. */
const MEET_PARAMS_KEY = 'meet_params';

/** The meta key holding the project's rule set as JSON: one document, saved with the project and read back whole. */
const RULE_SET_KEY = 'rule_set';
/** How a rule set given to the engine, and a vintage typed in, are named in their problems. */
const RULE_SET_FILE = 'rule set';
const VINTAGE_FILE = 'boundary vintage';

const busy = (file: string): InputProblem => ({ file, reason: 'a spend file is being imported: try again when it has finished', severity: 'error' });
const BATCH = 2000;
/** Rows a delimited file's start is read to: the header's search and a preview's lines. */
const HEAD_ROWS = 60;
const RECLASSIFY_REPORT_EVERY = 20000;

class ImportCancelled extends Error {}

/** Thrown inside a transaction to roll back a reference file that held nothing usable. */
class ReferenceRefused extends Error {}


/** What a rule set says of a line, and the lines stored with a different answer, to be written back. */
interface Answer {
  serviceArea: ServiceArea;
  ruleId: string | null;
  missions: string;
  missionRules: string;
  changedIds: number[];
}


/** A parsed spend file and what is needed to place and classify its lines. */
/** A spend file as read: payments from a table, or contract awards from OCDS. */
type SpendSource = SpendFileResult | OcdsResult;

const isContracts = (parsed: SpendSource): parsed is OcdsResult => 'awardsRead' in parsed;

/** How to store a spend file: its columns (detected when not given), and what places and sorts its lines. */
interface SpendToStore {
  columns?: ColumnMap;
  sheet?: string;
  /** The file already read whole (a workbook or contracts file read to see its header), so it is not read again. */
  whole?: SpendRead;
  /** A delimited file's reading, already started (with the columns above). */
  reading?: SpendReading;
  locator: Locator;
  classify: Classifier;
  classifyMissions: MissionClassifier;
  sortedBy: SortedBy;
  report: (fraction: number, label: string) => void;
  cancellable: boolean;
  /** Given when these lines are the whole project's (a project loaded afresh): its duplicates are found as they pass. */
  duplicates?: DuplicateFinder;
  /** Or the duplicates are found by the reading itself (see ReadRequest.duplicates), and given at the end of the last. */
  duplicatesWhileRead?: ReadRequest['duplicates'];
  onDuplicates?: (found: DuplicateSummary) => void;
}

/** A new project's file `index`, when every file is read as delimited text: where it stands among them. */
function duplicatesWhileRead(files: readonly FileInput[], index: number): ReadRequest['duplicates'] {
  return files.every((f) => spendFileKind(f) === 'text') ? { first: index === 0, last: index === files.length - 1 } : undefined;
}

/** How a spend file is read: a workbook, contracts data (OCDS JSON), or delimited text, read in batches. */
function spendFileKind(file: FileInput): 'xlsx' | 'ocds' | 'text' {
  const b = file.bytes;
  if (/\.xlsx$/i.test(file.name) && b[0] === 0x50 && b[1] === 0x4b) return 'xlsx';
  if (/\.json$/i.test(file.name)) return 'ocds';
  // The first characters, as decodeText would give them: UTF-16 when it has a byte-order mark, else ASCII enough.
  const utf16 = b[0] === 0xff && b[1] === 0xfe ? 'utf-16le' : b[0] === 0xfe && b[1] === 0xff ? 'utf-16be' : null;
  const start = utf16 ? new TextDecoder(utf16).decode(b.subarray(2, 402)) : new TextDecoder('latin1').decode(b.subarray(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0, 200));
  // Contracts data (OCDS) is JSON; a spend table never starts with a brace or a bracket.
  return /^\s*[{[]/.test(start) ? 'ocds' : 'text';
}

/** About how many lines spend files hold, from their size: to size the ward index before they are read. */
function expectedLines(files: readonly FileInput[]): number {
  return Math.max(1, Math.round(files.reduce((n, f) => n + f.bytes.length, 0) / 80));
}

/** The service-area and mission classifiers for a rule set, compiled once for a whole file or re-run, and the texts they read. */
function classifiersFor(set: RuleSet): { classify: Classifier; classifyMissions: MissionClassifier; sortedBy: SortedBy } {
  const sortedBy = [...new Set([...set.rules.map((r) => r.field), ...set.missionRules.map((r) => r.field)])];
  return { classify: makeClassifier(set.rules), classifyMissions: makeMissionClassifier(set.missionRules, set.missions), sortedBy };
}

export class Engine implements EngineApi {
  private db: Database;
  private cancelRequested = false;
  /** An import is between batches with its transaction open: a change made now would land inside it. */
  private importing = false;
  private readonly explorer = new Explorer(
    () => this.db,
    () => this.currentRuleSet().missions.map((m) => ({ id: m.id, label: m.label })),
    () => this.SQL,
  );
  private readonly texts = new SpendTexts(() => this.db, () => this.SQL);

  /**
   * @param readText reads a delimited spend file's lines in batches: in a worker, so reading and storing run side by
   * side (see spend-reading.ts); by default here, first.
   */
  constructor(private readonly SQL: SqlJsStatic, private readonly readText: SpendTextReader = hereReader()) {
    this.db = this.freshDatabase();
  }

  /** The database freshDatabase made last, and its change count then: while both hold, it is still empty. */
  private fresh: { db: Database; changes: number } | null = null;

  private freshDatabase(): Database {
    // An empty project nothing has written to yet (the one an engine starts with) is as good as a new one.
    if (this.fresh && this.fresh.db === this.db && this.changeCount() === this.fresh.changes) return this.db;
    this.db?.close();
    const db = workingDatabase(this.SQL);
    db.run(schemaSql('temp'));
    db.run('INSERT INTO meta(key, value) VALUES (?, ?)', ['schema_version', String(SCHEMA_VERSION)]);
    const rules = ruleSetToJson(DEFAULT_RULE_SET);
    db.run('INSERT INTO meta(key, value) VALUES (?, ?)', [RULE_SET_KEY, rules]);
    this.ruleSetRead = { json: rules, set: DEFAULT_RULE_SET };
    this.db = db;
    this.fresh = { db, changes: this.changeCount() };
    return db;
  }

  /** Rows inserted, updated or deleted on this connection since it opened. */
  private changeCount(): number {
    return Number(this.db.exec('SELECT total_changes()')[0]!.values[0]![0]);
  }

  private all(sql: string, params: SqlValue[] = []): Row[] {
    return queryAll(this.db, sql, params);
  }

  private one(sql: string, params: SqlValue[] = []): Row | undefined {
    return this.all(sql, params)[0];
  }

  /** Runs work in one transaction; an exception rolls it back, and one of the class `quietly` is not rethrown. */
  private transaction<T>(work: () => T): T;
  private transaction<T>(work: () => T, quietly: new () => Error): T | undefined;
  private transaction<T>(work: () => T, quietly?: new () => Error): T | undefined {
    this.db.run('BEGIN');
    try {
      const out = work();
      this.db.run('COMMIT');
      return out;
    } catch (e) {
      this.db.run('ROLLBACK');
      this.texts.forget();
      if (quietly && e instanceof quietly) return undefined;
      throw e;
    }
  }

  private async transactionAsync<T>(work: () => Promise<T>): Promise<T> {
    this.db.run('BEGIN');
    try {
      const out = await work();
      this.db.run('COMMIT');
      return out;
    } catch (e) {
      this.db.run('ROLLBACK');
      this.texts.forget();
      throw e;
    }
  }

  /** One number column of many rows, read through SQLite's C calls where sql.js allows (see RowReader). */
  private numberColumn(sql: string): number[] {
    const out: number[] = [];
    const reader = RowReader.open(this.SQL, this.db, sql);
    if (reader) {
      try {
        while (reader.step()) out.push(reader.number(0));
      } finally {
        reader.free();
      }
      return out;
    }
    const stmt = this.db.prepare(sql);
    try {
      while (stmt.step()) out.push(stmt.get()[0] as number);
    } finally {
      stmt.free();
    }
    return out;
  }

  private setMeta(key: string, value: string | null): void {
    this.db.run('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  private meta(key: string): string | null {
    const row = this.one('SELECT value FROM meta WHERE key = ?', [key]);
    return row ? (row.value as string | null) : null;
  }

  /** Records a file read into the project; `refused` when nothing in it could be used (the problems say why). */
  private addSource(kind: SourceSummary['kind'], file: string, rows: number, encoding: string, headerRow: number | null, refused = false): number {
    this.db.run('INSERT INTO sources(kind, file, rows, encoding, header_row, loaded_at, refused) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      kind, file, rows, encoding, headerRow, new Date().toISOString(), refused ? 1 : 0,
    ]);
    return Number(this.one('SELECT last_insert_rowid() AS id')!.id);
  }

  private addProblems(problems: InputProblem[]): void {
    const stmt = this.db.prepare('INSERT INTO problems(file, row, feature, column_name, severity, reason) VALUES (?, ?, ?, ?, ?, ?)');
    try {
      for (const p of problems) stmt.run([p.file, p.row ?? null, p.feature ?? null, p.column ?? null, p.severity, p.reason]);
    } finally {
      stmt.free();
    }
  }

  private insertWards(wards: Ward[]): void {
    const stmt = this.db.prepare('INSERT INTO wards(geom, code, name, min_x, min_y, max_x, max_y, label_x, label_y, population) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    try {
      for (const w of wards) {
        const [lx, ly] = labelPoint(w);
        // One geometry type per layer, as QGIS expects: a single polygon is stored as a multipolygon of one.
        const multi: MultiPolygon = w.geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [w.geometry.coordinates] } : w.geometry;
        stmt.run([encodeGpkgGeometry(multi, WGS84_SRS_ID), w.code, w.name, ...w.bbox, lx, ly, w.population ?? null]);
      }
    } finally {
      stmt.free();
    }
  }

  private loadWards(): Ward[] {
    return this.all('SELECT code, name, geom, min_x, min_y, max_x, max_y FROM wards ORDER BY fid').map((r) => ({
      code: r.code as string,
      name: r.name as string,
      geometry: storedGeometry(r.geom, `ward ${r.code as string}`) as Ward['geometry'],
      bbox: [r.min_x as number, r.min_y as number, r.max_x as number, r.max_y as number],
    }));
  }

  async loadProject(input: ProjectInput, onProgress?: ProgressCallback): Promise<ProjectSummary> {
    onProgress?.({ fraction: 0, label: `Reading wards from ${input.wards.name}` });
    const wardsText = decodeText(input.wards.bytes);
    const parsedWards = parseWardsGeoJson(wardsText.text, input.wards.name);
    const wardIndex = new WardIndex(parsedWards.wards, expectedLines(input.spend));
    // The first spend file's reading starts now, so its first batches are ready when the lookups are; it is given the
    // wards, to place each line by its coordinates as it reads.
    const first = input.spend[0];
    const early = first && spendFileKind(first) === 'text'
      ? this.readText({ bytes: first.bytes, name: first.name, options: {}, duplicates: duplicatesWhileRead(input.spend, 0), wards: wardIndex.shapes })
      : undefined;
    try {
      return await this.loadProjectNow(input, onProgress, early, { text: wardsText, parsed: parsedWards, index: wardIndex });
    } finally {
      early?.stop();
    }
  }

  private async loadProjectNow(
    input: ProjectInput, onProgress: ProgressCallback | undefined, early: SpendReading | undefined,
    given: { text: DecodedText; parsed: ReturnType<typeof parseWardsGeoJson>; index: WardIndex },
  ): Promise<ProjectSummary> {
    const report = onProgress ?? (() => {});
    const { text: wardsText, parsed: parsedWards } = given;

    this.db = this.freshDatabase();
    this.setMeta('name', input.name);
    this.setMeta('notice', input.notice ?? null);
    this.setMeta('boundary_vintage', input.boundaryVintage ?? (parsedWards.codeField ? vintageFromField(parsedWards.codeField) : null));
    this.setMeta('wards_file', input.wards.name);

    this.transaction(() => {
      this.addSource('wards', input.wards.name, parsedWards.wards.length, wardsText.encoding, null, parsedWards.wards.length === 0);
      this.insertWards(parsedWards.wards);
      this.addProblems(parsedWards.problems);
      if (input.ruleSet) {
        // A project must still open when its saved rules are broken: sort by the defaults and say why.
        const checked = validateRuleSet(input.ruleSet, RULE_SET_FILE);
        if (checked.ruleSet) this.setMeta(RULE_SET_KEY, ruleSetToJson(checked.ruleSet));
        else checked.problems.push({ file: RULE_SET_FILE, reason: 'the project\'s rule set could not be used, so the default rules sorted its spend', severity: 'error' });
        this.addProblems(checked.problems);
      }
    });
    let postcodes: PostcodeDirectory | null = null;
    if (input.postcodes) {
      report({ fraction: 0.05, label: `Reading postcodes from ${input.postcodes.name}` });
      const file = input.postcodes;
      postcodes = this.transaction(() => this.storePostcodes(file));
    }
    let uprns: UprnDirectory | null = null;
    if (input.uprns) {
      report({ fraction: 0.06, label: `Reading UPRNs from ${input.uprns.name}` });
      const file = input.uprns;
      uprns = this.transaction(() => this.storeUprns(file));
    }
    let placeMatcher: PlaceMatcher | null = null;
    let mentions: PlaceMentionFinder | null = null;
    if (input.places && input.places.length > 0) {
      const all: Place[] = [];
      for (const file of input.places) {
        report({ fraction: 0.07, label: `Reading places from ${file.name}` });
        all.push(...this.transaction(() => this.storePlaces(file)).places);
      }
      placeMatcher = new PlaceMatcher(all);
      mentions = new PlaceMentionFinder(all);
    }
    const files = input.spend.length;
    const share = (fileIndex: number, f: number) => 0.1 + (0.9 * (fileIndex + f)) / files;
    const wards = parsedWards.wards;
    const locator = new Locator(given.index, wards, { postcodes, uprns, places: placeMatcher, mentions, bySupplierAddress: this.bySupplierAddress(), decisions: this.loadDecisions() });
    // Every line of the new project passes a duplicate finder, so the summary need not read them back: in the reading
    // (another thread) when every file is read there, else here.
    const duplicates = input.spend.length > 0 && duplicatesWhileRead(input.spend, 0) ? undefined : new DuplicateFinder();
    let found: DuplicateSummary | undefined;
    for (const [fileIndex, file] of input.spend.entries()) {
      report({ fraction: share(fileIndex, 0), label: `Reading spend from ${file.name}` });
      await this.insertSpend(file, {
        reading: fileIndex === 0 ? early : undefined, locator, ...classifiersFor(this.currentRuleSet()), duplicates, cancellable: false,
        duplicatesWhileRead: duplicatesWhileRead(input.spend, fileIndex),
        onDuplicates: (summary) => (found = summary),
        report: (f, label) => report({ fraction: share(fileIndex, f), label }),
      });
    }
    if (duplicates) found = duplicates.summary();
    this.setMeta(DUPLICATES_KEY, found ? JSON.stringify(found) : null);
    report({ fraction: 1, label: 'Ready' });
    return this.summary();
  }

  /**
   * Stores one spend file in one transaction: its source, problems, excluded rows and lines, each located and
   * classified on the way in. A delimited file is read in batches (in a worker when there is one, while the batches
   * before are stored); a workbook or contracts file is read whole, then stored in batches. A cancellable insert
   * pauses between batches so a Cancel can arrive, and is then rolled back whole; loading a project does not pause.
   */
  private async insertSpend(file: FileInput, how: SpendToStore): Promise<void> {
    this.importing = true;
    // Every line's source, and the line an award or a ward's part belongs to, is written by the same writer in the
    // same transaction just before: SQLite need not look each up again (a tenth of storing a line). The pragma
    // cannot change inside a transaction, so it is set around it.
    this.db.run('PRAGMA foreign_keys = OFF');
    try {
      await this.transactionAsync(() => this.storeSpendFile(file, how));
    } finally {
      this.db.run('PRAGMA foreign_keys = ON');
      this.importing = false;
    }
  }

  private async storeSpendFile(file: FileInput, how: SpendToStore): Promise<void> {
    this.setMeta(DUPLICATES_KEY, null);
    const between = async (fraction: number, lines: number) => {
      how.report(fraction, `Placing spend lines from ${file.name}: ${lines.toLocaleString('en-GB')} so far`);
      if (!how.cancellable) return;
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.cancelRequested) throw new ImportCancelled();
    };
    const toWrite = (kind: 'spend' | 'contracts', encoding: string) => ({
      fileName: file.name, kind, encoding, locator: how.locator, classify: how.classify, classifyMissions: how.classifyMissions, sortedBy: how.sortedBy, duplicates: how.duplicates,
    });
    if (spendFileKind(file) === 'text') {
      const reading = how.reading ?? this.readText({ bytes: file.bytes, name: file.name, options: { columns: how.columns }, duplicates: how.duplicatesWhileRead, wards: how.locator.wardShapes });
      // The source is written before its lines; its encoding and counts are known at the end of the reading.
      const writer = new SpendFileWriter(this.SQL, this.db, this.texts, toWrite('spend', ''));
      try {
        for await (const m of reading) {
          if (m.kind === 'failed') throw new Error(`${file.name} could not be read: ${m.message}`);
          if (m.kind === 'end') {
            if (m.duplicates) how.onDuplicates?.(m.duplicates);
            const r = m.result;
            writer.finish({ rowCount: r.rowCount, headerRow: r.headerRow, refused: r.headerRow === 0 || r.columns.amount === undefined, encoding: m.encoding });
            return;
          }
          writer.problems(m.problems);
          writer.excluded(m.excluded);
          writer.batch(m.batch);
          await between(m.fraction, writer.lines);
        }
        throw new Error(`${file.name} could not be read: the reading stopped before the end of the file`);
      } finally {
        reading.stop();
        writer.close();
      }
    }
    const { parsed, encoding } = how.whole ?? (await readSpendFile(file, { columns: how.columns, sheet: how.sheet }));
    const contracts = isContracts(parsed) ? parsed.lines : null;
    const writer = new SpendFileWriter(this.SQL, this.db, this.texts, toWrite(contracts ? 'contracts' : 'spend', encoding));
    try {
      writer.problems(parsed.problems);
      writer.excluded(parsed.excluded);
      const packer = new LinePacker();
      for (let i = 0; i < parsed.lines.length; i += BATCH) {
        writer.batch(packer.pack(parsed.lines.slice(i, i + BATCH)), contracts?.slice(i, i + BATCH));
        await between(Math.min(1, (i + BATCH) / parsed.lines.length), writer.lines);
      }
      writer.finish({ rowCount: parsed.rowCount, headerRow: parsed.headerRow, refused: parsed.headerRow === 0 || parsed.columns.amount === undefined, encoding });
    } finally {
      writer.close();
    }
  }

  /** Problems recorded that meet `where`, errors first, the first PROBLEMS_KEPT_IN_SUMMARY. */
  private problemsWhere(where: string, params: SqlValue[]): InputProblem[] {
    return this.all(`SELECT file, row, feature, column_name, severity, reason FROM problems WHERE ${where}
      ORDER BY CASE severity WHEN 'error' THEN 0 ELSE 1 END, id LIMIT ${PROBLEMS_KEPT_IN_SUMMARY}`, params).map((r) => ({
      file: r.file as string,
      row: (r.row as number | null) ?? undefined,
      feature: (r.feature as number | null) ?? undefined,
      column: (r.column_name as string | null) ?? undefined,
      severity: r.severity as InputProblem['severity'],
      reason: r.reason as string,
    }));
  }

  private lastLineId(): number {
    return Number(this.db.exec('SELECT last_insert_rowid()')[0]!.values[0]![0]);
  }

  /** A line's pence divided between the wards its place crosses (see LINE_WARDS_TABLE). */
  private writeWardParts(stmt: Statement, lineId: number, amount: number, at: { place: string; shares: readonly WardShare[] }): void {
    const pence = splitPence(amount, at.shares);
    at.shares.forEach((s, k) => stmt.run([lineId, s.wardCode, s.share, pence[k]!, at.place]));
  }

  private writeLedgerGroups(groups: Iterable<LedgerGroup & { sourceId: number }>): void {
    const write = this.db.prepare(`INSERT INTO ledger_groups(source_id, placed, locate_method, unlocated_reason, rule_id, service_area,
      lines, pence, first_date, last_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    try {
      for (const g of groups) write.run([g.sourceId, g.placed ? 1 : 0, g.method, g.reason, g.ruleId, g.serviceArea, g.lines, g.pence, g.first, g.last]);
    } finally {
      write.free();
    }
  }

  /** Recounts ledger_groups from the lines, after lines were placed or classified again. */
  private recountLedgerGroups(): void {
    this.db.run('DELETE FROM ledger_groups');
    this.db.run(`INSERT INTO ledger_groups(source_id, placed, locate_method, unlocated_reason, rule_id, service_area, lines, pence, first_date, last_date)
      SELECT source_id, ward_code IS NOT NULL, locate_method, unlocated_reason, rule_id, service_area, COUNT(*), SUM(amount_pence),
        MIN(payment_date), MAX(payment_date) FROM spend_lines GROUP BY 1, 2, 3, 4, 5, 6`);
  }

  /** The rule set last read from (or written to) the project, with its JSON: read again only when that changes. */
  private ruleSetRead: { json: string; set: RuleSet } | null = null;

  /**
   * The project's rule set, read-only (shared by every caller until the rules change); the defaults for a project
   * saved before rule sets were stored.
   */
  private currentRuleSet(): RuleSet {
    const stored = this.meta(RULE_SET_KEY);
    if (stored === null) return DEFAULT_RULE_SET;
    if (this.ruleSetRead?.json !== stored) this.ruleSetRead = { json: stored, set: deepFreeze(parseRuleSet(stored, RULE_SET_FILE).ruleSet ?? defaultRuleSet()) };
    return this.ruleSetRead.set;
  }

  async ruleSet(): Promise<RuleSet> {
    return copyRuleSet(this.currentRuleSet());
  }

  async setRuleSet(set: RuleSet, onProgress?: ProgressCallback): Promise<SetRuleSetResult> {
    const report = onProgress ?? (() => {});
    if (this.importing) return { ok: false, problems: [busy(RULE_SET_FILE)] };
    const checked = validateRuleSet(set, RULE_SET_FILE);
    if (!checked.ruleSet) return { ok: false, problems: checked.problems };
    const next = checked.ruleSet;
    report({ fraction: 0, label: 'Sorting the spend by the new rules' });
    const changed = this.transaction(() => {
      this.setMeta(RULE_SET_KEY, ruleSetToJson(next));
      return this.reclassify(next, report);
    });
    report({ fraction: 1, label: 'Ready' });
    return { ok: true, summary: await this.summary(), changed, warnings: checked.problems };
  }

  /**
   * Sorts every stored line again by a rule set, in one pass over the lines: each combination of the texts the rules
   * read is decided once, the ledger is counted on the way, and only the lines whose answer changed are written,
   * found by id. (Grouping the lines in SQL first, or joining every line to a table of answers, each cost more than
   * the whole pass at 200,000 lines: both sort or probe by text for every line.)
   */
  private reclassify(set: RuleSet, report: (p: { fraction: number; label: string }) => void): { lines: number; pence: number } {
    const { classify, classifyMissions, sortedBy: fieldsRead } = classifiersFor(set);
    // Thousands of combinations share a few dozen answers: lines are written back by answer, one UPDATE each.
    const answers = new Map<string, Answer>();
    const decide = memoByFields(fieldsRead, (line): Answer => {
      const c = classify(line);
      const m = classifyMissions(line);
      const answer: Answer = { serviceArea: c.serviceArea, ruleId: c.ruleId, missions: encodeMissions(m.missions), missionRules: m.ruleIds.join(','), changedIds: [] };
      const key = `${answer.serviceArea}\u0000${answer.ruleId}\u0000${answer.missions}\u0000${answer.missionRules}`;
      const same = answers.get(key);
      if (same) return same;
      answers.set(key, answer);
      return answer;
    });
    // A text no rule reads is not fetched.
    const text = (field: 'department' | 'purpose' | 'supplier' | 'merchantCategory' | 'cpv', column: string = field) => (fieldsRead.includes(field) ? column : "''");
    const cpv = text('cpv');
    const total = Number(this.one('SELECT COUNT(*) AS n FROM spend_line_rows')!.n);
    const ledger = new Map<string, LedgerGroup & { sourceId: number }>();
    const changed = { lines: 0, pence: 0 };
    let ledgerChanged = false;
    const stmt = this.db.prepare(`SELECT id, ${text('department')}, ${text('purpose')}, ${text('supplier')}, ${text('merchantCategory', 'merchant_category')}, ${cpv},
      service_area, rule_id, missions, mission_rules,
      amount_pence, payment_date, source_id, ward_code IS NOT NULL, locate_method, unlocated_reason FROM spend_lines`);
    try {
      for (let i = 0; stmt.step(); i++) {
        const [id, department, purpose, supplier, merchantCategory, cpvCode, area, ruleId, missions, missionRules, pence, date, sourceId, placed, method, reason] = stmt.get() as [
          number, string, string, string, string, string, string, string | null, string, string, number, string | null, number, number, LocateMethod | null, UnlocatedReason | null,
        ];
        const a = decide({ department, purpose, supplier, merchantCategory, cpv: cpvCode });
        if (a.serviceArea !== area || a.ruleId !== ruleId) {
          ledgerChanged = true;
          if (a.serviceArea !== area) {
            changed.lines++;
            changed.pence += pence;
          }
        }
        if (a.serviceArea !== area || a.ruleId !== ruleId || a.missions !== missions || a.missionRules !== missionRules) {
          a.changedIds.push(id);
        }
        // The same grouping as recountLedgerGroups; a rule decides one service area, so the rule id stands for both.
        const groupKey = `${sourceId}\u0000${placed}\u0000${method}\u0000${reason}\u0000${a.ruleId}`;
        let group = ledger.get(groupKey);
        if (group === undefined) {
          group = { sourceId, placed: placed === 1, method, reason, ruleId: a.ruleId, serviceArea: a.serviceArea, lines: 0, pence: 0, first: null, last: null };
          ledger.set(groupKey, group);
        }
        tally(group, pence, date);
        if (i % RECLASSIFY_REPORT_EVERY === 0) {
          report({ fraction: 0.7 * (i / Math.max(total, 1)), label: `Sorting spend lines by the new rules: ${i.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}` });
        }
      }
    } finally {
      stmt.free();
    }
    const toWrite = [...answers.values()].filter((a) => a.changedIds.length > 0);
    if (toWrite.length === 0) return changed;
    const writing = toWrite.reduce((n, a) => n + a.changedIds.length, 0);
    report({ fraction: 0.7, label: `Storing the new answers for ${writing.toLocaleString('en-GB')} lines` });
    const update = this.db.prepare(`UPDATE spend_line_rows SET service_area = ?, rule_id = ?, missions = ?, mission_rules = ?
      WHERE id IN (SELECT value FROM json_each(?))`);
    const t = this.texts;
    try {
      for (const a of toWrite) update.run([t.id(a.serviceArea), t.idOrNull(a.ruleId), t.id(a.missions), t.id(a.missionRules), JSON.stringify(a.changedIds)]);
    } finally {
      update.free();
    }
    // Missions are not in the ledger: when only they changed, its counts still stand.
    if (ledgerChanged) {
      report({ fraction: 0.9, label: 'Counting the ledger again' });
      this.db.run('DELETE FROM ledger_groups');
      this.writeLedgerGroups(ledger.values());
    }
    return changed;
  }

  async setBoundaryVintage(vintage: string | null): Promise<SetBoundaryVintageResult> {
    if (this.importing) return { ok: false, problems: [busy(VINTAGE_FILE)] };
    const v = (vintage ?? '').trim().replace(/\s+/g, ' ');
    if (v !== '' && (v.length > 100 || vintageStart(v) === null)) {
      return {
        ok: false,
        problems: [{
          file: VINTAGE_FILE,
          reason: `"${v.length > 100 ? `${v.slice(0, 100)}…` : v}" is not a date PlaceLens can read: write the year the boundaries came into force ("2022"), the month ("May 2022") or the day ("5 May 2022")`,
          severity: 'error',
        }],
      };
    }
    this.setMeta('boundary_vintage', v === '' ? null : v);
    return { ok: true, summary: await this.summary() };
  }

  private bySupplierAddress(): boolean {
    return this.meta(SUPPLIER_ADDRESS_KEY) === '1';
  }

  async setPlaceBySupplierAddress(on: boolean, onProgress?: ProgressCallback): Promise<{ summary: ProjectSummary; newlyPlaced: number }> {
    const report = onProgress ?? (() => {});
    const before = Number(this.one('SELECT COALESCE(SUM(lines), 0) AS n FROM ledger_groups WHERE placed = 1')!.n);
    const lines = this.all(PLACE_AGAIN_COLUMNS);
    this.transaction(() => {
      this.setMeta(SUPPLIER_ADDRESS_KEY, on ? '1' : null);
      this.placeAgain(lines, this.currentLocator(lines.length), (i) => report({ fraction: i / Math.max(1, lines.length), label: `Placing spend lines again: ${i.toLocaleString('en-GB')} of ${lines.length.toLocaleString('en-GB')}` }));
    });
    report({ fraction: 1, label: 'Ready' });
    const summary = await this.summary();
    return { summary, newlyPlaced: summary.placedLines - before };
  }

  async placeReview(): Promise<PlaceReview> {
    // Only the register is needed to say what each waiting line names: not the postcodes or UPRNs a locator loads.
    const places = this.loadPlaceList();
    const finder = places ? new PlaceMentionFinder(places) : null;
    const items = new Map<string, PlaceReviewItem>();
    const rows = finder ? this.all("SELECT purpose, department, amount_pence FROM spend_lines WHERE unlocated_reason = 'place-to-review'") : [];
    for (const r of rows) {
      const m: PlaceMention | null = finder!.find({ purpose: r.purpose as string, department: r.department as string });
      if (!m) continue;
      const key = mentionDecisionKey(m.phrase, m.place);
      let item = items.get(key);
      if (!item) {
        item = { phrase: m.phrase, field: m.field, place: { name: m.place.name, kind: m.place.kind, source: m.place.source }, why: m.why, score: m.score, lines: 0, pence: 0, examples: [] };
        items.set(key, item);
      }
      item.lines++;
      item.pence += r.amount_pence as number;
      const text = (m.field === 'purpose' ? r.purpose : r.department) as string;
      if (item.examples.length < 3 && !item.examples.includes(text)) item.examples.push(text);
    }
    const decided = this.all('SELECT phrase, place_name, place_source, decision, decided_at FROM place_match_decisions ORDER BY decided_at DESC, phrase').map((r) => ({
      phrase: r.phrase as string, place: { name: r.place_name as string, source: r.place_source as string }, decision: r.decision as 'accept' | 'reject', decidedAt: r.decided_at as string,
    }));
    return { pending: [...items.values()].sort((a, b) => Math.abs(b.pence) - Math.abs(a.pence) || a.phrase.localeCompare(b.phrase)), decided };
  }

  async decidePlaceMatch(phrase: string, place: { name: string; source: string }, decision: 'accept' | 'reject' | null, decidedAt: string = new Date().toISOString()): Promise<{ summary: ProjectSummary; newlyPlaced: number }> {
    const before = Number(this.one('SELECT COALESCE(SUM(lines), 0) AS n FROM ledger_groups WHERE placed = 1')!.n);
    // Only lines not placed by a surer rung can be moved by a decision about a place named in their words.
    const lines = this.all(`${PLACE_AGAIN_COLUMNS} WHERE locate_method IS NULL OR locate_method IN ('place', 'ward-name', 'supplier-address')`);
    this.transaction(() => {
      this.db.run('DELETE FROM place_match_decisions WHERE phrase = ? AND place_name = ? AND place_source = ?', [phrase, place.name, place.source]);
      if (decision) this.db.run('INSERT INTO place_match_decisions(phrase, place_name, place_source, decision, decided_at) VALUES (?, ?, ?, ?, ?)', [phrase, place.name, place.source, decision, decidedAt]);
      this.placeAgain(lines, this.currentLocator(lines.length), () => {});
    });
    const summary = await this.summary();
    return { summary, newlyPlaced: summary.placedLines - before };
  }

  /** A locator over these wards with the project's postcodes, UPRNs, places, decisions and choices. */
  private locatorFor(wards: Ward[], expectedPoints: number): Locator {
    const places = this.loadPlaceList();
    return new Locator(new WardIndex(wards, expectedPoints), wards, {
      postcodes: this.loadPostcodes(), uprns: this.loadUprns(),
      places: places ? new PlaceMatcher(places) : null, mentions: places ? new PlaceMentionFinder(places) : null,
      decisions: this.loadDecisions(), bySupplierAddress: this.bySupplierAddress(),
    });
  }

  private loadDecisions(): Map<string, 'accept' | 'reject'> {
    return new Map(this.all('SELECT phrase, place_name, place_source, decision FROM place_match_decisions').map((r) => [
      mentionDecisionKey(r.phrase as string, { name: r.place_name as string, source: r.place_source as string }), r.decision as 'accept' | 'reject',
    ]));
  }

  /** The current wards, postcodes and places as a locator, for adding lines to a loaded project. */
  private currentLocator(expectedPoints: number): Locator {
    const wards = this.loadWards();
    return this.locatorFor(wards, expectedPoints);
  }

  /** A file's header as a key: files with the same columns in the same order share a profile. */
  private static headerKey(header: readonly string[]): string {
    return header.map((h) => h.trim().toLowerCase()).join('\u001f');
  }

  private profileFor(header: readonly string[]): { name: string; columns: ColumnMap } | null {
    if (header.length === 0) return null;
    const row = this.one('SELECT name, columns FROM column_profiles WHERE header_key = ?', [Engine.headerKey(header)]);
    return row ? { name: row.name as string, columns: JSON.parse(row.columns as string) as ColumnMap } : null;
  }

  async profiles(): Promise<ColumnProfile[]> {
    return this.all('SELECT name, header, saved_at FROM column_profiles ORDER BY name COLLATE NOCASE, saved_at').map((r) => ({
      name: r.name as string,
      header: JSON.parse(r.header as string) as string[],
      savedAt: r.saved_at as string,
    }));
  }

  /**
   * The columns to use: the person's choice, else a saved profile for this header, else what was detected. With
   * `headOnly`, a delimited file is read only as far as its header and first lines (its lines are read when stored).
   */
  private async readWithProfile(file: FileInput, columns: ColumnMap | undefined, options: { sheet?: string; limitRows?: number; headOnly?: boolean } = {}) {
    const read_ = (columns: ColumnMap | undefined) =>
      options.headOnly && spendFileKind(file) === 'text' ? Promise.resolve(readSpendHead(file, { columns })) : readSpendFile(file, { sheet: options.sheet, limitRows: options.limitRows, columns });
    let read = await read_(columns);
    let profile: string | null = null;
    if (!columns) {
      const saved = this.profileFor(read.parsed.header);
      if (saved) {
        read = await read_(saved.columns);
        profile = saved.name;
      }
    }
    return { ...read, profile };
  }

  async previewSpend(file: FileInput, columns?: ColumnMap, options: SpendReadOptions = {}): Promise<SpendPreview> {
    const { parsed, encoding, profile, sheets, sheet } = await this.readWithProfile(file, columns, { sheet: options.sheet, limitRows: 12 });
    return {
      profile,
      sheets,
      sheet,
      format: isContracts(parsed) ? 'contracts' : 'table',
      file: file.name,
      encoding,
      headerRow: parsed.headerRow,
      header: parsed.header,
      columns: parsed.columns,
      dataRows: parsed.dataRows,
      sampleRows: parsed.sampleRows,
      sampleLines: parsed.lines.slice(0, 12),
      problems: parsed.problems,
    };
  }

  /** Asks a running import to stop at its next batch; it is rolled back whole. */
  async cancel(): Promise<void> {
    this.cancelRequested = true;
  }

  async importSpend(file: FileInput, columns?: ColumnMap, onProgress?: ProgressCallback, options: ImportSpendOptions = {}): Promise<ImportSpendResult> {
    this.cancelRequested = false;
    const report = onProgress ?? (() => {});
    report({ fraction: 0, label: `Reading spend from ${file.name}` });
    const head = await this.readWithProfile(file, columns, { sheet: options.sheet, headOnly: true });
    const parsed = head.parsed;
    if (parsed.columns.amount === undefined || parsed.headerRow === 0) return { ok: false, problems: parsed.problems };
    // Remembered for the next file with this header (next quarter's file, usually), and saved with the project.
    // Contracts data has fixed fields: nothing to remember. Without a name given, a profile keeps the name it has.
    if (!isContracts(parsed)) {
      const name = options.profileName?.trim() || (this.profileFor(parsed.header)?.name ?? file.name.replace(/\.[^.]+$/, ''));
      this.db.run(
        `INSERT INTO column_profiles(header_key, name, header, columns, saved_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT(header_key) DO UPDATE SET name = excluded.name, header = excluded.header, columns = excluded.columns, saved_at = excluded.saved_at`,
        [Engine.headerKey(parsed.header), name, JSON.stringify(parsed.header), JSON.stringify(parsed.columns), new Date().toISOString()],
      );
    }
    if (this.cancelRequested) return { ok: false, cancelled: true, problems: [] };
    const problemsBefore = Number(this.one('SELECT COALESCE(MAX(id), 0) AS n FROM problems')!.n);
    try {
      await this.insertSpend(file, {
        columns: parsed.columns, sheet: options.sheet, whole: spendFileKind(file) === 'text' ? undefined : head,
        locator: this.currentLocator(expectedLines([file])), ...classifiersFor(this.currentRuleSet()),
        report: (fraction, label) => report({ fraction, label }), cancellable: true,
      });
    } catch (e) {
      if (e instanceof ImportCancelled) return { ok: false, cancelled: true, problems: [] };
      throw e;
    }
    report({ fraction: 1, label: 'Ready' });
    const problemCount = Number(this.one('SELECT COUNT(*) AS n FROM problems WHERE id > ?', [problemsBefore])!.n);
    const problems = this.problemsWhere('id > ?', [problemsBefore]);
    return { ok: true, summary: await this.summary(), problems, problemCount };
  }

  async replaceWards(file: FileInput, onProgress?: ProgressCallback, options: ReplaceWardsOptions = {}): Promise<ReplaceWardsResult> {
    const report = onProgress ?? (() => {});
    report({ fraction: 0, label: `Reading wards from ${file.name}` });
    const read = this.readWards(file, options);
    if ('question' in read) return { ok: false, problems: read.problems, question: read.question };
    if (!read.parsed) return { ok: false, problems: read.problems };
    const { parsed, encoding } = read;
    if (parsed.wards.length === 0) return { ok: false, problems: parsed.problems };
    const lines = this.all(PLACE_AGAIN_COLUMNS);
    const locator = this.locatorFor(parsed.wards, lines.length);
    this.transaction(() => {
      this.db.run("DELETE FROM problems WHERE file IN (SELECT file FROM sources WHERE kind = 'wards')");
      this.db.run("DELETE FROM sources WHERE kind = 'wards'");
      this.db.run('DELETE FROM wards');
      this.addSource('wards', file.name, parsed.wards.length, encoding, null);
      this.insertWards(parsed.wards);
      this.addProblems(parsed.problems);
      this.setMeta('wards_file', file.name);
      // A boundary set from elsewhere has its own vintage; ONS files carry it in their field names (WD22CD).
      this.setMeta('boundary_vintage', parsed.codeField ? vintageFromField(parsed.codeField) : null);
      this.placeAgain(lines, locator, (i) => report({ fraction: i / lines.length, label: `Re-assigning spend lines to the new wards: ${i.toLocaleString('en-GB')} of ${lines.length.toLocaleString('en-GB')}` }));
    });
    report({ fraction: 1, label: 'Ready' });
    return { ok: true, summary: await this.summary() };
  }

  /** Places the given lines again with the locator (inside the caller's transaction) and recounts the ledger. */
  private placeAgain(lines: Row[], locator: Locator, progress: (done: number) => void): void {
    const stmt = this.db.prepare('UPDATE spend_line_rows SET ward_code = ?, locate_method = ?, unlocated_reason = ?, lon = ?, lat = ?, geom = gpkg_point(?, ?), located_from = ? WHERE id = ?');
    const t = this.texts;
    const parts = this.db.prepare('INSERT INTO spend_line_wards(line_id, ward_code, share, pence, place) VALUES (?, ?, ?, ?, ?)');
    const clear = this.db.prepare('DELETE FROM spend_line_wards WHERE line_id = ?');
    // Every line's parts are cleared at once when all are placed again; one by one otherwise.
    const all = lines.length === Number(this.one('SELECT COUNT(*) AS n FROM spend_line_rows')!.n);
    if (all) this.db.run('DELETE FROM spend_line_wards');
    try {
      lines.forEach((r, i) => {
        const loc = locator.locate({
          lon: r.lon_given as number | null,
          lat: r.lat_given as number | null,
          postcode: r.postcode as string,
          uprn: r.uprn as string,
          placeName: r.place_name as string,
          wardName: r.ward_name_given as string,
          wardCode: r.ward_code_given as string,
          supplierPostcode: r.supplier_postcode as string,
          purpose: r.purpose as string,
          department: r.department as string,
        });
        stmt.run(loc.placed ? [t.idOrNull(loc.wardCode), t.id(loc.method), null, loc.lon, loc.lat, loc.lon, loc.lat, t.id(loc.from), r.id as number] : [null, null, t.id(loc.reason), null, null, null, null, null, r.id as number]);
        if (!all) clear.run([r.id as number]);
        if (loc.placed && loc.shares) this.writeWardParts(parts, r.id as number, r.amount_pence as number, loc.shares);
        if (i % BATCH === 0) progress(i);
      });
    } finally {
      stmt.free();
      parts.free();
      clear.free();
    }
    this.recountLedgerGroups();
  }

  /**
   * Adds a postcode directory, a UPRN table or a places register to the open project and places every line again,
   * so lines that were waiting for it are placed. Refused whole (nothing stored) when nothing in the file can be used.
   */
  async addReference(kind: ReferenceKind, file: FileInput, onProgress?: ProgressCallback, options: AddReferenceOptions = {}): Promise<AddReferenceResult> {
    const report = onProgress ?? (() => {});
    if (this.importing) return { ok: false, problems: [{ file: file.name, reason: 'a spend file is being imported; add this when it is done', severity: 'error' }] };
    report({ fraction: 0, label: `Reading ${file.name}` });
    const before = Number(this.one('SELECT COALESCE(SUM(lines), 0) AS n FROM ledger_groups WHERE placed = 1')!.n);
    const lines = this.all(PLACE_AGAIN_COLUMNS);
    let problems: InputProblem[] = [];
    let usable = false;
    this.transaction(() => {
      if (kind === 'postcodes') {
        const d = this.storePostcodes(file);
        problems = d.problems;
        usable = d.points.size > 0;
      } else if (kind === 'uprns') {
        const t = this.storeUprns(file);
        problems = t.problems;
        usable = t.points.size > 0;
      } else {
        const p = this.storePlaces(file, options.layer);
        problems = p.problems;
        usable = p.places.length > 0;
      }
      if (!usable) throw new ReferenceRefused();
      const locator = this.currentLocator(lines.length);
      this.placeAgain(lines, locator, (i) => report({ fraction: i / Math.max(1, lines.length), label: `Placing spend lines again: ${i.toLocaleString('en-GB')} of ${lines.length.toLocaleString('en-GB')}` }));
    }, ReferenceRefused);
    if (!usable) return { ok: false, problems: problems.length ? problems : [{ file: file.name, reason: 'nothing in the file could be used', severity: 'error' }] };
    report({ fraction: 1, label: 'Ready' });
    const summary = await this.summary();
    return { ok: true, summary, newlyPlaced: summary.placedLines - before };
  }

  /**
   * Ward boundaries from any of the files councils are given them in: GeoJSON, a zipped Shapefile, KML or KMZ, or a
   * GeoPackage (its ward layer: the one named for wards, else the first polygon layer; the choice is reported).
   */
  private readWards(file: FileInput, options: ReplaceWardsOptions):
    | { parsed: WardsResult; encoding: string; problems: InputProblem[] }
    | { parsed: null; problems: InputProblem[] }
    | { question: string; problems: InputProblem[] } {
    const b = file.bytes;
    const isZip = b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
    const isSqlite = new TextDecoder().decode(b.subarray(0, 16)) === 'SQLite format 3\u0000';
    const fromCollection = (collection: FeatureCollection<Geometry | null> | null, problems: InputProblem[], encoding: string) => {
      if (!collection) return { parsed: null, problems };
      const parsed = wardsFromGeoJson(collection, file.name);
      parsed.problems.unshift(...problems);
      return { parsed, encoding, problems: parsed.problems };
    };
    if (isSqlite || /\.gpkg$/i.test(file.name)) {
      const opened = openGpkg(this.SQL, b, file.name);
      if (!opened.db) return { parsed: null, problems: opened.problems };
      try {
        const polygonal = opened.layers.filter((l) => /POLYGON|SURFACE|^GEOMETRY$/i.test(l.geometryType));
        const layer = polygonal.find((l) => l.table === options.layer) ?? polygonal.find((l) => /ward/i.test(l.table)) ?? polygonal[0];
        if (!layer) {
          return { parsed: null, problems: [...opened.problems, { file: file.name, reason: `the GeoPackage has no polygon layer to read as wards (layers: ${opened.layers.map((l) => `${l.table} ${l.geometryType}`).join(', ') || 'none'})`, severity: 'error' }] };
        }
        const others = polygonal.filter((l) => l !== layer).map((l) => l.table);
        const problems = [...opened.problems];
        if (others.length > 0) problems.push({ file: file.name, reason: `read the wards from layer "${layer.table}"; the file also has ${others.map((t) => `"${t}"`).join(', ')}`, severity: 'warning' });
        const read = readGpkgLayer(opened.db, layer.table, file.name);
        return fromCollection(read.collection, [...problems, ...read.problems], `GeoPackage, layer "${layer.table}"`);
      } finally {
        opened.db.close();
      }
    }
    if (isZip && /\.kmz$/i.test(file.name)) {
      const kmz = readKmz(b, file.name);
      return fromCollection(kmz.collection, kmz.problems, 'KMZ');
    }
    if (isZip) {
      const shp = readShapefileZip(b, file.name, { assumeCrs: options.assumeCrs });
      if (shp.question) return { question: shp.question, problems: shp.problems };
      return fromCollection(shp.collection, shp.problems, 'binary');
    }
    const decoded = decodeText(b);
    if (/\.kml$/i.test(file.name) || /^\s*<(\?xml|kml)/i.test(decoded.text.slice(0, 200))) {
      const kml = readKml(decoded.text, file.name);
      return fromCollection(kml.collection, kml.problems, `${decoded.encoding}, KML`);
    }
    const parsed = parseWardsGeoJson(decoded.text, file.name);
    return { parsed, encoding: decoded.encoding, problems: parsed.problems };
  }

  /** Places from a GeoPackage layer: the one asked for, else the first layer of points or polygons. */
  private readGpkgPlaces(file: FileInput, layerName?: string): { parsed: PlacesResult; encoding: string } {
    const refused = (reason: string, problems: InputProblem[] = []) => ({
      parsed: { places: [], rows: 0, problems: [...problems, { file: file.name, reason, severity: 'error' as const }] },
      encoding: 'GeoPackage',
    });
    const opened = openGpkg(this.SQL, file.bytes, file.name);
    if (!opened.db) return { parsed: { places: [], rows: 0, problems: opened.problems }, encoding: 'GeoPackage' };
    try {
      const candidates = opened.layers.filter((l) => placeLayerType(l.geometryType));
      const layer = layerName === undefined ? candidates[0] : opened.layers.find((l) => l.table === layerName);
      if (!layer) {
        const names = opened.layers.map((l) => `"${l.table}" (${l.geometryType})`).join(', ') || 'none';
        return refused(layerName === undefined ? `the GeoPackage has no layer of points or polygons to read as places (layers: ${names})` : `the GeoPackage has no layer "${layerName}" (layers: ${names})`, opened.problems);
      }
      const read = readGpkgLayer(opened.db, layer.table, file.name);
      if (!read.collection) return refused(`layer "${layer.table}" could not be read`, [...opened.problems, ...read.problems]);
      const parsed = parsePlacesGeoJson(JSON.stringify(read.collection), file.name, kindFromFileName(layer.table));
      parsed.problems.unshift(...opened.problems, ...read.problems);
      return { parsed, encoding: `GeoPackage, layer "${layer.table}"` };
    } finally {
      opened.db.close();
    }
  }

  async geopackageLayers(file: FileInput): Promise<GeoPackageLayersResult> {
    const opened = openGpkg(this.SQL, file.bytes, file.name);
    if (!opened.db) return { ok: false, problems: opened.problems };
    opened.db.close();
    return {
      ok: true,
      layers: opened.layers.map((l) => ({
        table: l.table,
        geometryType: l.geometryType,
        features: l.count,
        // GDAL names a National Grid it cannot match to a code "unknown"; PlaceLens knows it by its definition.
        srs: l.srsCode ?? (l.crs === 'british-national-grid' ? 'British National Grid' : l.crs === 'wgs84' ? 'WGS 84' : l.srsName),
        // A layer in a system PlaceLens cannot convert is listed, but offered for nothing.
        usableAs: l.crs === null ? [] : [...(/POLYGON|SURFACE|^GEOMETRY$/i.test(l.geometryType) ? (['wards'] as const) : []), ...(placeLayerType(l.geometryType) ? (['places'] as const) : [])],
      })),
    };
  }

  /** The project's places register, or null when it has none. */
  private loadPlaces(): PlaceMatcher | null {
    const places = this.loadPlaceList();
    return places ? new PlaceMatcher(places) : null;
  }

  private loadPlaceList(): Place[] | null {
    if (!this.one("SELECT 1 AS x FROM sources WHERE kind = 'places' LIMIT 1")) return null;
    return this.all('SELECT name, kind, aliases, geom, lon, lat, source FROM places ORDER BY id').map((r) => ({
        name: r.name as string,
        kind: r.kind as string,
        aliases: JSON.parse(r.aliases as string) as string[],
        geometry: storedGeometry(r.geom, `place ${r.name as string}`) as Place['geometry'],
        lon: r.lon as number,
        lat: r.lat as number,
        source: r.source as string,
      }));
  }

  /** Reads a postcode directory and stores it with its source and problems (inside the caller's transaction). */
  private storePostcodes(file: FileInput): PostcodeDirectory {
    const decoded = decodeText(file.bytes);
    const directory = parsePostcodeDirectory(decoded.text, file.name);
    this.addSource('postcodes', directory.file, directory.rows, decoded.encoding, 1, directory.columns === null);
    this.addProblems(directory.problems);
    const stmt = new RowInserter(this.SQL, this.db, 'INSERT OR REPLACE INTO postcodes(postcode, lon, lat) VALUES (?, ?, ?)');
    try {
      for (const [postcode, p] of directory.points) stmt.run([postcode, p.lon, p.lat]);
    } finally {
      stmt.free();
    }
    return directory;
  }

  private storeUprns(file: FileInput): UprnDirectory {
    const decoded = decodeText(file.bytes);
    const table = parseUprnTable(decoded.text, file.name);
    this.addSource('uprns', table.file, table.rows, decoded.encoding, 1, table.columns === null);
    this.addProblems(table.problems);
    const stmt = new RowInserter(this.SQL, this.db, 'INSERT OR REPLACE INTO uprns(uprn, lon, lat) VALUES (?, ?, ?)');
    try {
      for (const [uprn, p] of table.points) stmt.run([uprn, p.lon, p.lat]);
    } finally {
      stmt.free();
    }
    return table;
  }

  private storePlaces(file: FileInput, layer?: string): PlacesResult {
    const read = isSqliteFile(file.bytes) ? this.readGpkgPlaces(file, layer) : null;
    const decoded = read ? { text: '', encoding: read.encoding } : decodeText(file.bytes);
    const parsed = read
      ? read.parsed
      : /\.csv$/i.test(file.name)
        ? parsePlacesCsv(decoded.text, file.name, kindFromFileName(file.name))
        : parsePlacesGeoJson(decoded.text, file.name, kindFromFileName(file.name));
    this.addSource('places', file.name, parsed.rows, decoded.encoding, null, parsed.places.length === 0);
    this.addProblems(parsed.problems);
    const stmt = this.db.prepare('INSERT INTO places(geom, name, kind, aliases, lon, lat, source) VALUES (?, ?, ?, ?, ?, ?, ?)');
    try {
      for (const p of parsed.places) stmt.run([encodeGpkgGeometry(p.geometry, WGS84_SRS_ID), p.name, p.kind, JSON.stringify(p.aliases), p.lon, p.lat, p.source]);
    } finally {
      stmt.free();
    }
    return parsed;
  }

  /** The project's UPRN table, or null when it has none. */
  private loadUprns(): UprnDirectory | null {
    const source = this.one("SELECT file, rows FROM sources WHERE kind = 'uprns' AND refused = 0 ORDER BY id DESC LIMIT 1");
    if (!source) return null;
    const points = new Map<number, { lon: number; lat: number }>();
    const stmt = this.db.prepare('SELECT uprn, lon, lat FROM uprns');
    try {
      while (stmt.step()) {
        const [uprn, lon, lat] = stmt.get() as [number, number, number];
        points.set(uprn, { lon, lat });
      }
    } finally {
      stmt.free();
    }
    return { file: source.file as string, points, rows: source.rows as number, columns: null, problems: [] };
  }

  /** The project's postcode directory, as loaded, or null when it has none. */
  private loadPostcodes(): PostcodeDirectory | null {
    const source = this.one("SELECT file, rows FROM sources WHERE kind = 'postcodes' ORDER BY id DESC LIMIT 1");
    if (!source) return null;
    const points = new Map<string, { lon: number; lat: number }>();
    const stmt = this.db.prepare('SELECT postcode, lon, lat FROM postcodes');
    try {
      while (stmt.step()) {
        const [postcode, lon, lat] = stmt.get() as [string, number, number];
        points.set(postcode, { lon, lat });
      }
    } finally {
      stmt.free();
    }
    return { file: source.file as string, points, rows: source.rows as number, columns: null, problems: [] };
  }

  /**
   * Suspected duplicates: the same supplier, payment date and amount, and the same transaction id where lines
   * have one. Redacted payees are left out: many different people share the word REDACTED.
   */
  private duplicates(): DuplicateSummary {
    // Lines' supplier, date, amount and transaction id never change once stored, so the answer holds until the next
    // import (which clears it): grouping a million lines took seconds, and every summary asks.
    const cached = this.meta(DUPLICATES_KEY);
    if (cached) {
      try {
        return JSON.parse(cached) as DuplicateSummary;
      } catch {
        // A damaged cache is counted afresh.
      }
    }
    const counted = this.countDuplicates();
    this.setMeta(DUPLICATES_KEY, JSON.stringify(counted));
    return counted;
  }

  private countDuplicates(): DuplicateSummary {
    // Amounts first, counted here: only lines sharing an amount can be duplicates, and SQLite would sort every
    // line's amount to find them (3.4 s of a million-line import).
    const amounts = this.numberColumn('SELECT amount_pence FROM spend_line_rows ORDER BY id');
    const counts = new Map<number, number>();
    for (const pence of amounts) counts.set(pence, (counts.get(pence) ?? 0) + 1);
    const ids = this.numberColumn('SELECT id FROM spend_line_rows ORDER BY id');
    // The lines that share their amount with another, by id: SQLite then reads only those.
    const shared = ids.filter((_, i) => counts.get(amounts[i]!)! > 1);
    if (shared.length === 0) return { lines: 0, pence: 0, groups: 0, examples: [] };
    // A supplier's name is compared by its stored word, once per word rather than once per line.
    const groups = this.all(`WITH supplier AS (SELECT id, text, lower(trim(text)) AS key FROM spend_texts WHERE text <> '' AND upper(text) NOT LIKE '%REDACTED%')
      SELECT MIN(k.text) AS supplier, s.payment_date, s.amount_pence, COUNT(*) AS copies, GROUP_CONCAT(src.file || ' row ' || s.source_row, '; ') AS where_
      FROM spend_line_rows s JOIN supplier k ON k.id = s.supplier JOIN sources src ON src.id = s.source_id
      WHERE s.id IN (SELECT value FROM json_each(?)) AND s.payment_date IS NOT NULL
      GROUP BY k.key, s.payment_date, s.amount_pence, s.transaction_id HAVING COUNT(*) > 1
      ORDER BY ABS(s.amount_pence) * (COUNT(*) - 1) DESC`, [JSON.stringify(shared)]);
    let lines = 0;
    let pence = 0;
    for (const g of groups) {
      lines += (g.copies as number) - 1;
      pence += (g.amount_pence as number) * ((g.copies as number) - 1);
    }
    return {
      lines,
      pence,
      groups: groups.length,
      examples: groups.slice(0, 10).map((g) => ({
        supplier: g.supplier as string,
        date: g.payment_date as string,
        amountPence: g.amount_pence as number,
        copies: g.copies as number,
        where: String(g.where_).split('; ').slice(0, 5),
      })),
    };
  }

  private beforeVintage(): VintageWarning | null {
    const vintage = this.meta('boundary_vintage');
    const since = vintage ? vintageStart(vintage) : null;
    if (!vintage || !since) return null;
    // The ledger's groups know each group's first date: when no placed line is that early, no line need be read.
    const earliest = this.one('SELECT MIN(first_date) AS first FROM ledger_groups WHERE placed = 1')?.first;
    if (typeof earliest !== 'string' || earliest >= since) return null;
    const r = this.one('SELECT COUNT(*) AS n, COALESCE(SUM(amount_pence), 0) AS pence FROM spend_lines WHERE payment_date < ? AND ward_code IS NOT NULL', [since])!;
    return (r.n as number) > 0 ? { vintage, since, lines: r.n as number, pence: r.pence as number } : null;
  }

  async summary(): Promise<ProjectSummary> {
    // The lines' counts by everything the ledger and the classification table report: a few rows, not every line.
    const groups = this.all(`SELECT placed, locate_method, unlocated_reason, rule_id, service_area,
      SUM(lines) AS lines, SUM(pence) AS pence, MIN(first_date) AS first, MAX(last_date) AS last
      FROM ledger_groups GROUP BY 1, 2, 3, 4, 5`);
    const totals = { lines: 0, pence: 0, placedLines: 0, placedPence: 0, first: null as string | null, last: null as string | null };
    const ledgerBy = new Map<string, LedgerEntry>();
    const classBy = new Map<string, ProjectSummary['classification'][number]>();
    for (const g of groups) {
      const lines = g.lines as number, pence = g.pence as number;
      totals.lines += lines;
      totals.pence += pence;
      if (g.placed) {
        totals.placedLines += lines;
        totals.placedPence += pence;
      }
      const first = g.first as string | null, last = g.last as string | null;
      if (first !== null && (totals.first === null || first < totals.first)) totals.first = first;
      if (last !== null && (totals.last === null || last > totals.last)) totals.last = last;
      const status = g.placed ? 'placed' : 'unlocated';
      const reason = (g.placed ? g.locate_method : g.unlocated_reason) as LedgerEntry['reason'];
      const entry = ledgerBy.get(`${status}/${reason}`) ?? { status, reason, rows: 0, pence: 0 };
      entry.rows += lines;
      entry.pence = (entry.pence ?? 0) + pence;
      ledgerBy.set(`${status}/${reason}`, entry);
      const serviceArea = (isServiceArea(g.service_area) ? g.service_area : 'other') as ServiceArea;
      const ruleId = g.rule_id as string | null;
      const rule = classBy.get(`${ruleId}/${serviceArea}`) ?? { ruleId, serviceArea, lines: 0, pence: 0 };
      rule.lines += lines;
      rule.pence += pence;
      classBy.set(`${ruleId}/${serviceArea}`, rule);
    }
    const byMoneyThenReason = (a: LedgerEntry, b: LedgerEntry) => (b.pence ?? 0) - (a.pence ?? 0) || String(a.reason).localeCompare(String(b.reason));
    const entries = [...ledgerBy.values()];
    const ledger: LedgerEntry[] = [
      ...entries.filter((e) => e.status === 'placed').sort(byMoneyThenReason),
      ...entries.filter((e) => e.status === 'unlocated').sort(byMoneyThenReason),
      ...this.all(`SELECT reason, COUNT(*) AS rows, SUM(amount_pence) AS stated FROM excluded_rows GROUP BY reason ORDER BY reason`).map(
        (r) => ({
          status: 'excluded' as const, reason: r.reason as LedgerEntry['reason'], rows: r.rows as number, pence: null,
          ...(r.reason === 'total row' && r.stated !== null ? { stated: r.stated as number } : {}),
        }),
      ),
    ];
    const problems = this.problemsWhere('1', []);
    return {
      classification: [...classBy.values()].sort((a, b) => Math.abs(b.pence) - Math.abs(a.pence) || String(a.ruleId).localeCompare(String(b.ruleId))),
      duplicates: this.duplicates(),
      beforeVintage: this.beforeVintage(),
      name: this.meta('name') ?? 'Untitled project',
      notice: this.meta('notice'),
      placeBySupplierAddress: this.bySupplierAddress(),
      dividedByArea: this.dividedByArea(),
      boundaryVintage: this.meta('boundary_vintage'),
      wardsFile: this.meta('wards_file') ?? '',
      wardCount: Number(this.one('SELECT COUNT(*) AS n FROM wards')!.n),
      lineCount: totals.lines,
      totalPence: totals.pence,
      placedLines: totals.placedLines,
      placedPence: totals.placedPence,
      firstDate: totals.first,
      lastDate: totals.last,
      sources: this.all('SELECT file, kind, rows, encoding, refused FROM sources ORDER BY id').map((r) => ({
        file: r.file as string, kind: r.kind as SourceSummary['kind'], rows: r.rows as number, encoding: r.encoding as string, refused: r.refused === 1,
      })),
      ledger,
      problems,
      problemCount: Number(this.one('SELECT COUNT(*) AS n FROM problems')!.n),
    };
  }

  private dividedByArea(): ProjectSummary['dividedByArea'] {
    const r = this.one(`SELECT COUNT(*) AS lines, COALESCE(SUM(l.amount_pence), 0) AS pence, COUNT(DISTINCT d.place) AS places
      FROM (SELECT line_id, MIN(place) AS place FROM spend_line_wards GROUP BY line_id) d JOIN spend_lines l ON l.id = d.line_id`)!;
    return { lines: Number(r.lines), pence: Number(r.pence), places: Number(r.places) };
  }

  async mapData(): Promise<MapData> {
    const wards = this.loadWards();
    this.assertIdle();
    // Every line, unfiltered, from the explorer's columns (which the map's point tiles are made from too).
    const totals = new Map(this.explorer.explore(defaultFilter()).wards.map((w) => [w.code, w]));
    const wardFeatures: Feature<Polygon | MultiPolygon, WardProperties>[] = wards.map((w) => ({
      type: 'Feature',
      properties: totals.get(w.code)!,
      geometry: w.geometry,
    }));
    const labels = this.all('SELECT code, name, label_x, label_y FROM wards ORDER BY rowid').map(
      (r): Feature<Point, { code: string; name: string }> => ({
        type: 'Feature',
        properties: { code: r.code as string, name: r.name as string },
        geometry: { type: 'Point', coordinates: [r.label_x as number, r.label_y as number] },
      }),
    );
    const pointCount = this.explorer.placedPoints();
    const places: Feature<Geometry, PlaceProperties>[] = this.all('SELECT name, kind, geom, lon, lat FROM places ORDER BY id').map((r) => {
      let geometry: Geometry = { type: 'Point', coordinates: [r.lon as number, r.lat as number] };
      try {
        geometry = storedGeometry(r.geom, `place ${r.name as string}`);
      } catch {
        // A place whose outline cannot be read is still shown at its point.
      }
      return { type: 'Feature', properties: { name: r.name as string, kind: r.kind as string }, geometry };
    });
    return {
      wards: { type: 'FeatureCollection', features: wardFeatures },
      places: { type: 'FeatureCollection', features: places },
      labels: { type: 'FeatureCollection', features: labels },
      pointCount,
      bounds: unionBbox(wards.map((w) => w.bbox)),
    };
  }

  async wardDetail(code: string, filter?: SpendFilter): Promise<WardDetail | null> {
    this.assertIdle();
    return this.explorer.wardDetail(code, filter);
  }

  /**
   * Everything an area brief states, under the filter: a ward's code alone means that ward. Null for an area the
   * project does not have (an unknown ward, a meeting place no longer found, a shape of fewer than three corners).
   */
  async briefFacts(area: BriefArea | string, filter: SpendFilter, madeOn: string = new Date().toISOString().slice(0, 10)): Promise<BriefFacts | null> {
    this.assertIdle();
    const request: BriefArea = typeof area === 'string' ? { kind: 'ward', code: area } : area;
    const params = this.currentMeetParams();
    const wards = new Map(this.all('SELECT code, name, geom FROM wards ORDER BY fid').map((w) => [w.code as string, w]));
    let name: string;
    let description: string;
    let geometry: Polygon | MultiPolygon;
    let wardCodes: Set<string> | null = null;
    if (request.kind === 'ward' || request.kind === 'wards') {
      const codes = request.kind === 'ward' ? [request.code] : [...new Set(request.codes)];
      if (codes.length === 0 || codes.some((c) => !wards.has(c))) return null;
      wardCodes = new Set(codes);
      const names = codes.map((c) => wards.get(c)!.name as string);
      name = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
      description = codes.length === 1 ? `Ward ${codes[0]}` : `${codes.length} wards: ${codes.join(', ')}`;
      const polygons = codes.flatMap((c) => {
        const g = storedGeometry(wards.get(c)!.geom, `ward ${c}`);
        return g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
      });
      geometry = polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
    } else if (request.kind === 'shape') {
      if (request.ring.length < 3) return null;
      name = request.name;
      description = 'An area drawn on the map';
      geometry = { type: 'Polygon', coordinates: [[...request.ring, request.ring[0]!]] };
    } else if (request.kind === 'place') {
      const outline = this.explorer.placeOutline(request.name);
      if (!outline) return null;
      name = request.name;
      description = 'An outlined place in the places register';
      geometry = outline;
    } else {
      const found = this.explorer.meetingPlaces(filter, params).places[request.rank - 1];
      if (!found) return null;
      name = found.title;
      description = `Meeting place ${request.rank}: ${found.kind === 'overlap' ? 'outlined places that overlap' : `service areas within ${params.distance} m of each other`}`;
      geometry = found.outline;
    }
    const fig = this.explorer.areaFigures(request, filter, params);
    const inArea = (p: [number, number]) => booleanPointInPolygon(p, geometry);
    const missions = new Map(this.currentRuleSet().missions.map((m) => [m.id, m.label]));
    const s = await this.summary();
    const meetingIn = fig.meeting.places.filter((m) =>
      request.kind === 'meeting' ? m.rank === request.rank : wardCodes ? wardCodes.has(m.wards[0]?.code ?? '') : inArea(m.centre));
    return {
      project: { name: s.name, notice: s.notice, boundaryVintage: s.boundaryVintage, vintageSince: s.boundaryVintage ? vintageStart(s.boundaryVintage) : null, wardsFile: s.wardsFile },
      area: { kind: request.kind, name, description, geometry, request },
      filters: filterChips(filter, (id) => missions.get(id) ?? id).map((c) => c.label),
      totalPence: fig.totalPence,
      lines: fig.lines,
      boroughPence: fig.boroughPence,
      byArea: fig.byArea,
      linesByArea: fig.linesByArea,
      byMission: fig.byMission,
      byYear: fig.byYear,
      undated: fig.undated,
      byMethod: fig.byMethod,
      topSuppliers: fig.topSuppliers,
      supplierCount: fig.supplierCount,
      supplierFlags: fig.supplierFlags,
      supplierLocal: fig.supplierLocal,
      sharedPlaces: fig.sharedPlaces,
      firstDate: fig.firstDate,
      lastDate: fig.lastDate,
      redacted: fig.redacted,
      credits: fig.credits,
      rules: fig.rules,
      boroughUnplaced: fig.unplaced,
      meeting: meetingIn.map((m) => ({ rank: m.rank, title: m.title, sentence: m.sentence, centre: m.centre, outline: m.outline })),
      gaps: fig.meeting.gaps.filter((g) => inArea(g.centre)).map((g) => ({ title: g.title, sentence: g.sentence })),
      meetDistance: params.distance,
      heard: this.heardIn(geometry),
      sources: s.sources.filter((x) => !x.refused).map((x) => ({ file: x.file, kind: x.kind, rows: x.rows })),
      basemapAttribution: null,
      madeOn,
    };
  }

  /** An area's spend lines under the filter: every line as CSV, or the located ones as GeoJSON points. */
  async exportArea(area: BriefArea, filter: SpendFilter, format: 'csv' | 'geojson'): Promise<string> {
    this.assertIdle();
    const params = this.currentMeetParams();
    return format === 'csv' ? this.explorer.exportAreaCsv(area, filter, params) : JSON.stringify(this.explorer.exportAreaGeoJson(area, filter, params));
  }

  async explore(filter: SpendFilter): Promise<ExploreResult> {
    this.assertIdle();
    const result = this.explorer.explore(filter);
    // The map asks for its point tiles once the page has drawn what this answer changes: the points' index is made
    // meanwhile, when nothing else is asked of the engine, rather than in the first tile's time.
    if (!this.explorer.hasPointIndex()) setTimeout(() => this.explorer.warmPointIndex(), 0);
    return result;
  }

  async tableRows(filter: SpendFilter, sort: TableSort, offset: number, limit: number): Promise<TablePage> {
    this.assertIdle();
    return this.explorer.tableRows(filter, sort, offset, limit);
  }

  async exportCsv(filter: SpendFilter, sort: TableSort, limit?: number): Promise<string> {
    this.assertIdle();
    return this.explorer.exportCsv(filter, sort, limit);
  }

  async hexes(filter: SpendFilter, resolution: number): Promise<FeatureCollection<Polygon, HexProperties>> {
    this.assertIdle();
    return this.explorer.hexes(filter, resolution, this.currentMeetParams().minShare);
  }

  async meetingPlaces(filter: SpendFilter, onProgress?: ProgressCallback): Promise<MeetingPlacesResult> {
    this.assertIdle();
    const report = onProgress ?? (() => {});
    let last = -1;
    return this.explorer.meetingPlaces(filter, this.currentMeetParams(), (fraction) => {
      // A message per whole percent at most: each one crosses to the page.
      const percent = Math.floor(fraction * 100);
      if (percent === last) return;
      last = percent;
      report({ fraction, label: 'Finding meeting places' });
    });
  }

  private currentMeetParams(): MeetParams {
    const stored = this.meta(MEET_PARAMS_KEY);
    if (stored === null) return normaliseMeetParams(null);
    try {
      return normaliseMeetParams(JSON.parse(stored));
    } catch {
      return normaliseMeetParams(null);
    }
  }

  async meetParams(): Promise<MeetParams> {
    return this.currentMeetParams();
  }

  /** Stores the parameters in the project (made safe first) and returns them as stored. */
  async setMeetParams(params: MeetParams): Promise<MeetParams> {
    this.assertIdle();
    const safe = normaliseMeetParams(params);
    this.setMeta(MEET_PARAMS_KEY, JSON.stringify(safe));
    return safe;
  }

  /**
   * The project's story (its slides in order), with a problem for each stored slide that could not be read (kept
   * out of the story rather than shown wrong; the row stays in the file until the story is next saved).
   */
  async story(): Promise<StoredStory> {
    const rows = this.all('SELECT id, story, position, title, caption, notes, view, state FROM story_slides ORDER BY position, rowid');
    const slides: Slide[] = [];
    const problems: InputProblem[] = [];
    rows.forEach((r, i) => {
      const read = readSlide(r);
      if ('slide' in read) slides.push(read.slide);
      else problems.push({ file: 'story_slides', row: i + 1, severity: 'warning', reason: `slide ${i + 1} (“${String(r.title ?? '')}”) was left out: ${read.reason}` });
    });
    return { name: String(rows[0]?.story ?? DEFAULT_STORY_NAME), slides, problems };
  }

  /** Replaces the project's story with these slides, in this order (each checked as it would be read back). */
  async setStory(story: { name: string; slides: Slide[] }): Promise<StoredStory> {
    this.assertIdle();
    const name = story.name.trim().slice(0, TITLE_MAX) || DEFAULT_STORY_NAME;
    const slides: Slide[] = [];
    for (const s of story.slides) {
      const read = readSlide({ ...s, view: s.view, state: s.state });
      if (!('slide' in read)) throw new Error(`slide “${s.title}” cannot be stored: ${read.reason}`);
      slides.push(read.slide);
    }
    this.transaction(() => {
      this.db.run('DELETE FROM story_slides');
      slides.forEach((s, position) => {
        this.db.run('INSERT INTO story_slides(id, story, position, title, caption, notes, view, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
          s.id, name, position, s.title, s.caption, s.notes, JSON.stringify(s.view), JSON.stringify(s.state),
        ]);
      });
    });
    return { name, slides, problems: [] };
  }

  /** The project's workshop notes, oldest first. */
  async annotations(): Promise<Annotation[]> {
    return this.readAnnotations();
  }

  private readAnnotations(where = '', params: SqlValue[] = []): Annotation[] {
    return this.all(`SELECT fid, geom, note, slide_id, service_area, created_at FROM annotations ${where} ORDER BY fid`, params).map((r) => ({
      id: Number(r.fid),
      geometry: storedGeometry(r.geom, `annotation ${String(r.fid)}`) as Annotation['geometry'],
      note: String(r.note),
      slideId: (r.slide_id as string | null) ?? null,
      area: isServiceArea(r.service_area) ? r.service_area : null,
      createdAt: String(r.created_at),
    }));
  }

  /** Stores a note pinned to a point or drawn round an area; refused (with the reason) when it has no words or place. */
  async addAnnotation(draft: AnnotationDraft, createdAt: string = new Date().toISOString()): Promise<AnnotationResult> {
    this.assertIdle();
    const checked = checkAnnotation(draft);
    if (!checked.ok) return checked;
    const a = checked.annotation;
    this.db.run('INSERT INTO annotations(geom, note, slide_id, service_area, created_at) VALUES (?, ?, ?, ?, ?)', [
      encodeGpkgGeometry(a.geometry, WGS84_SRS_ID), a.note, a.slideId, a.area, createdAt,
    ]);
    const id = Number(this.one('SELECT last_insert_rowid() AS id')!.id);
    return { ok: true, annotation: this.readAnnotations('WHERE fid = ?', [id])[0]! };
  }

  /** Changes a note's words, service area or slide (its place stays); refused as addAnnotation would be. */
  async updateAnnotation(id: number, patch: Partial<Pick<Annotation, 'note' | 'area' | 'slideId'>>): Promise<AnnotationResult> {
    this.assertIdle();
    const current = this.readAnnotations('WHERE fid = ?', [id])[0];
    if (!current) return { ok: false, reason: 'that note is no longer in the project' };
    const checked = checkAnnotation({ ...current, ...patch });
    if (!checked.ok) return checked;
    const a = checked.annotation;
    this.db.run('UPDATE annotations SET note = ?, slide_id = ?, service_area = ? WHERE fid = ?', [a.note, a.slideId, a.area, id]);
    return { ok: true, annotation: this.readAnnotations('WHERE fid = ?', [id])[0]! };
  }

  /** Removes a note; returns it (for Undo), or null when it was not there. */
  async deleteAnnotation(id: number): Promise<Annotation | null> {
    this.assertIdle();
    const current = this.readAnnotations('WHERE fid = ?', [id])[0] ?? null;
    if (current) this.db.run('DELETE FROM annotations WHERE fid = ?', [id]);
    return current;
  }

  /** The workshop notes in an area, for a brief's "what we heard". */
  private heardIn(area: Polygon | MultiPolygon): BriefFacts['heard'] {
    const titles = new Map(this.all('SELECT id, title FROM story_slides').map((r) => [String(r.id), String(r.title)]));
    return annotationsIn(this.readAnnotations(), area).map((a) => ({
      kind: a.geometry.type === 'Point' ? 'pin' : 'area',
      note: a.note,
      area: a.area ? SERVICE_AREA_LABEL[a.area] : null,
      slide: a.slideId ? (titles.get(a.slideId) ?? null) : null,
      createdAt: a.createdAt,
    }));
  }

  /** Every note as CSV or GeoJSON, with its slide's title. */
  async exportAnnotations(format: 'csv' | 'geojson'): Promise<string> {
    const titles = new Map(this.all('SELECT id, title FROM story_slides').map((r) => [String(r.id), String(r.title)]));
    const title = (id: string) => titles.get(id) ?? null;
    const all = this.readAnnotations();
    return format === 'csv' ? annotationsCsv(all, title) : JSON.stringify(annotationsGeoJson(all, title));
  }

  async spendTile(filter: SpendFilter, z: number, x: number, y: number): Promise<Uint8Array> {
    this.assertIdle();
    return this.explorer.spendTile(filter, z, x, y);
  }

  async linesIn(filter: SpendFilter, bbox: [number, number, number, number]): Promise<number[]> {
    this.assertIdle();
    return this.explorer.linesIn(filter, bbox);
  }

  async clusterTile(filter: SpendFilter, z: number, x: number, y: number): Promise<Uint8Array> {
    this.assertIdle();
    return this.explorer.clusterTile(filter, z, x, y);
  }

  async filterOptions(): Promise<FilterOptions> {
    this.assertIdle();
    return this.explorer.filterOptions();
  }

  async search(text: string): Promise<SearchResult[]> {
    this.assertIdle();
    return search(this.db, this.explorer.columns(), text);
  }

  async searchSuppliers(text: string, limit?: number): Promise<SupplierMatch[]> {
    this.assertIdle();
    return this.explorer.searchSuppliers(text, limit);
  }

  /** An empty project: no wards, no spend, the default rules. */
  async newProject(name: string): Promise<ProjectSummary> {
    this.assertIdle();
    this.db = this.freshDatabase();
    this.setMeta('name', name);
    return this.summary();
  }

  /** The project as one GeoPackage file's bytes. */
  async saveProject(): Promise<Uint8Array> {
    return this.exportBytes();
  }

  /** saveProject, synchronously: for tests and the command line, which read the file straight back. */
  exportBytes(): Uint8Array {
    this.assertIdle();
    const current = this.explorer.isCurrent();
    const bytes = saveProjectBytes(this.SQL, this.db);
    // Saving refreshes the feature counts, which SQLite counts as changes; the lines are as they were.
    this.explorer.keepCurrent(current);
    return bytes;
  }

  /** Opens a saved project in place of the current one, which stays as it was when the file cannot be used. */
  async openProject(file: FileInput, onProgress?: ProgressCallback): Promise<OpenProjectResult> {
    this.assertIdle();
    onProgress?.({ fraction: 0, label: `Opening ${file.name}` });
    const read = readProjectBytes(this.SQL, file.bytes, file.name);
    if (!read.ok) return { ok: false, problems: read.problems, ...(read.geopackage ? { geopackage: true } : {}) };
    this.db.close();
    this.db = read.db;
    if (read.migratedFrom !== null && read.migratedFrom < 7) this.spreadPlaceLines();
    onProgress?.({ fraction: 1, label: 'Ready' });
    return { ok: true, summary: await this.summary(), migratedFrom: read.migratedFrom };
  }

  /**
   * A project from before format 7 kept all of a line's spend in the ward of its place's point; its lines at places
   * drawn as areas are placed again so the spend divides between the wards the place crosses (in the working copy:
   * the file changes when saved).
   */
  private spreadPlaceLines(): void {
    if (!this.loadPlaceList()?.some((p) => p.geometry.type !== 'Point')) return;
    const lines = this.all(`${PLACE_AGAIN_COLUMNS} WHERE locate_method = 'place'`);
    if (lines.length === 0) return;
    this.transaction(() => this.placeAgain(lines, this.currentLocator(lines.length), () => {}));
  }

  /** Saving or replacing the project halfway through an import would capture or drop half a file. */
  private assertIdle(): void {
    if (this.importing) throw new Error('An import is still running; wait for it to finish or cancel it first.');
  }

}
