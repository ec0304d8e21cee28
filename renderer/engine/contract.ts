// The one contract between the UI and the data engine worker: requests, answers and progress.

import type { FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import type { InputProblem } from '../domain/problems';
import type { DuplicateSummary } from '../domain/duplicates';
import type { ByArea, ServiceArea } from '../domain/service-areas';
import type { SupplierTotal } from '../domain/aggregate';
import type { LocateMethod, UnlocatedReason } from '../domain/locate';
import type { ColumnMap, ExcludedReason, ParsedSpendLine } from '../domain/spend-csv';
import type { OcdsExcludedReason } from '../domain/ocds';
import type { RuleSet } from '../domain/rule-set';
import type { SpendFilter } from '../domain/spend-filter';
import type { ResolvedFilter, TableSort } from '../domain/spend-columns';
import type { Gap, MeetParams, MeetingArea } from '../domain/meeting-places';
import type { BriefArea, BriefFacts } from '../domain/brief';
import type { Slide } from '../domain/story';
import type { Annotation, AnnotationDraft } from '../domain/annotation';

export interface FileInput {
  name: string;
  bytes: Uint8Array;
}

export interface ProjectInput {
  name: string;
  /** Shown wherever the project is, e.g. "Demo data — fictional". */
  notice?: string;
  /** When the boundaries came into force, e.g. "May 2022". */
  boundaryVintage?: string;
  wards: FileInput;
  spend: FileInput[];
  /** A postcode directory (Code-Point Open, ONSPD or similar) to place lines that carry only a postcode. */
  postcodes?: FileInput;
  /** A UPRN table (OS Open UPRN or a council's LLPG extract): where each property is. */
  uprns?: FileInput;
  /** Places registers (GeoJSON points/polygons, or CSV with lon/lat or easting/northing) to place lines by name. */
  places?: FileInput[];
  /** The rules and missions to sort the spend by; the defaults when absent, or when this set has errors (reported). */
  ruleSet?: RuleSet;
}

export interface Progress {
  /** 0..1 */
  fraction: number;
  label: string;
}

export type ProgressCallback = (p: Progress) => void;

export interface LedgerEntry {
  status: 'placed' | 'unlocated' | 'excluded';
  reason: LocateMethod | UnlocatedReason | ExcludedReason | OcdsExcludedReason;
  rows: number;
  /** Null for rows whose amount could not be read, and for rows that are not spend lines. */
  pence: number | null;
  /** Total rows: the totals they state, summed (their money is the lines above theirs, so it is not counted again). */
  stated?: number;
}

/** Lines that share supplier, date, amount (and transaction id) with another: flagged, never removed. */
export type { DuplicateSummary };

/** Spend dated before the ward boundaries came into force is mapped onto wards that did not exist then. */
export interface VintageWarning {
  vintage: string;
  since: string;
  lines: number;
  pence: number;
}

export interface SourceSummary {
  file: string;
  /** 'contracts' holds contract awards (OCDS): values awarded, not payments made. */
  kind: 'wards' | 'spend' | 'contracts' | 'postcodes' | 'uprns' | 'places';
  rows: number;
  encoding: string;
  /** Nothing in the file could be used; the problems say why. */
  refused: boolean;
}

export interface ProjectSummary {
  name: string;
  notice: string | null;
  boundaryVintage: string | null;
  wardsFile: string;
  wardCount: number;
  lineCount: number;
  totalPence: number;
  placedLines: number;
  placedPence: number;
  firstDate: string | null;
  lastDate: string | null;
  sources: SourceSummary[];
  ledger: LedgerEntry[];
  problems: InputProblem[];
  /** How many problems there were in all; `problems` holds the first few hundred. */
  problemCount: number;
  duplicates: DuplicateSummary;
  beforeVintage: VintageWarning | null;
  /** Whether lines no other way places are placed at their supplier's own postcode (the user's choice; off by default). */
  placeBySupplierAddress: boolean;
  /** Lines at outlined places that cross ward boundaries, whose pence is divided between the wards by area. */
  dividedByArea: { lines: number; pence: number; places: number };
  /** Which rule sorted how much into which service area; rule null is "no rule matched" (Other). Most money first. */
  classification: { ruleId: string | null; serviceArea: ServiceArea; lines: number; pence: number }[];
}

export interface WardProperties {
  code: string;
  name: string;
  total: number;
  lines: number;
  /** Residents, when the boundaries gave them; null when not known. */
  population?: number | null;
  /** Pence per resident (total ÷ population); 0 when the population is not known, which the legend says. */
  perResident?: number;
  /** Meeting service areas present (0–4), set by the store for the ward-mix shading. */
  mix?: number;
  /** pence by service area, flattened so map expressions and tooltips can read them */
  'social-care': number;
  youth: number;
  estates: number;
  'green-spaces': number;
  other: number;
}

export interface PlaceProperties {
  name: string;
  /** As the register says: estate, park, youth-centre, school, care-home, library… */
  kind: string;
}

/** The vector layer's name in every spend tile. */
export const SPEND_TILE_LAYER = 'spend';
/** The zoom from which every kept line is its own feature in a spend tile; below it, each two pixels hold one. */
export const FULL_ZOOM = 16;
/** The vector layer's name in every cluster tile. */
export const CLUSTER_TILE_LAYER = 'clusters';
/** The deepest zoom at which lines are clustered; from the next, each is its own point. */
export const CLUSTER_MAX_ZOOM = 15;

/**
 * What a point in a spend tile carries (see engine/spend-tiles.ts). Its feature id is the spend line drawn: the
 * largest by amount of the lines in its cell.
 */
export interface SpendTilePointProperties {
  area: ServiceArea;
  /** That line's amount. */
  pence: number;
  /** How many kept lines the cell holds, when more than one (never from FULL_ZOOM on). */
  n?: number;
  /** Their summed heat weight, when more than one. */
  hw?: number;
}

export interface MapData {
  wards: FeatureCollection<Polygon | MultiPolygon, WardProperties>;
  /** The places register: estates and parks as outlines, youth centres, schools and the like as points. */
  places: FeatureCollection<Geometry, PlaceProperties>;
  labels: FeatureCollection<Point, { code: string; name: string }>;
  /**
   * How many lines the map can draw (each has a point and lies in a ward). The points themselves are not sent: the
   * map asks for them as vector tiles for the current filter (spendTile). As GeoJSON, a million of them took half a
   * minute to cut into tiles and draw.
   */
  pointCount: number;
  /** [west, south, east, north] of the wards */
  bounds: [number, number, number, number] | null;
}

export interface WardDetail {
  code: string;
  name: string;
  totalPence: number;
  lines: number;
  byArea: ByArea<number>;
  linesByArea: ByArea<number>;
  topSuppliers: SupplierTotal[];
  /** Share of the borough's placed spend, 0..1 */
  shareOfPlaced: number;
  /** Spend serving each mission; a line can serve several, so these do not add up to the total. */
  byMission: { mission: string; label: string; pence: number; lines: number }[];
  /** How the ward's spend was placed: patchy data must look patchy. Most money first. */
  byMethod: { method: LocateMethod; pence: number; lines: number }[];
  /** By UK financial year (April to March), oldest first. */
  byYear: { year: string; pence: number; lines: number }[];
  /** Lines with no date, which no year shows. */
  undated: { pence: number; lines: number };
  /** Distinct payees (redacted ones counted as one). */
  supplierCount: number;
  /** True when a filter narrowed what these figures count. */
  filtered: boolean;
  /** Named places in the ward with spend at them (inside an outline, or within 100 m of a point), most money first. */
  places: { name: string; kind: string; pence: number; lines: number; rule: string; areas: number }[];
  /**
   * Contract awards in the ward whose supplier the data marks as an SME or a VCSE (OCDS details), beside those
   * whose status is known at all; null when no line here carries the flags (spend files do not).
   */
  supplierFlags: { knownPence: number; knownLines: number; smePence: number; smeLines: number; vcsePence: number; vcseLines: number } | null;
  /**
   * Lines in the ward whose supplier's own postcode (from its address) the postcode directory knows, and those of
   * them whose supplier is in the borough (in one of its wards); null when no line here has such a postcode.
   */
  supplierLocal: { knownPence: number; knownLines: number; localPence: number; localLines: number } | null;
  /** Places drawn as areas that cross the ward's boundary: the part of their spend counted here, by area share. */
  sharedPlaces: SharedPlaceView[];
}

/** A place crossing ward boundaries, seen from one ward (or a brief's wards): its share by area and the money that gives. */
export interface SharedPlaceView {
  place: string;
  /** Of the place's area, the part in the ward(s): the same share of each line's pence is counted there. */
  share: number;
  pence: number;
  lines: number;
  /** The other wards its spend is divided with. */
  otherWards: string[];
}

/** One meeting place as the UI gets it (see domain/meeting-places for how it is found and scored). */
export interface MeetingPlaceView {
  rank: number;
  kind: 'nearby' | 'overlap';
  score: number;
  scoreParts: { areas: number; balance: number; money: number; confidenceFactor: number };
  centre: [number, number];
  outline: Polygon | MultiPolygon;
  byArea: Record<MeetingArea, { pence: number; lines: number }>;
  present: MeetingArea[];
  evenness: number;
  total: number;
  lines: number;
  approximateShare: number;
  suppliers: number;
  /** The first 20 of the suppliers paid in more than one of the place's areas. */
  sharedSuppliers: { name: string; areas: MeetingArea[] }[];
  sharedSupplierCount: number;
  touches: { name: string; kind: string }[];
  wards: { code: string; name: string; pence: number }[];
  overlapMonths: string[];
  title: string;
  sentence: string;
}

export interface MeetingPlacesResult {
  params: MeetParams;
  places: MeetingPlaceView[];
  gaps: Gap[];
  /** Located lines of the four meeting areas the filter kept, and how many are in a nearby meeting place. */
  considered: number;
  placed: number;
  candidates: number;
  milliseconds: number;
}

export interface HexProperties {
  cell: string;
  /** Meeting service areas present (0–4). */
  areas: number;
  evenness: number;
  total: number;
  lines: number;
  /** 1 when most of the hex's money was placed only approximately (postcode centre, named place). */
  approximate: number;
  approximateShare: number;
  'social-care': number;
  youth: number;
  estates: number;
  'green-spaces': number;
  other: number;
}

/** What the filter keeps, for the map, the panels and the table alike. */
/** A note stored, or why it was not. */
export type AnnotationResult = { ok: true; annotation: Annotation } | { ok: false; reason: string };

/** A project's story as stored: name, readable slides, and problems with any that were not. */
export interface StoredStory {
  name: string;
  slides: Slide[];
  problems: InputProblem[];
}

export interface ExploreResult {
  /** The filter in the columns' terms: the map's point filter is built from it. */
  resolved: ResolvedFilter;
  lines: number;
  pence: number;
  placedLines: number;
  placedPence: number;
  byArea: ByArea<number>;
  linesByArea: ByArea<number>;
  /** Every ward's totals over the kept lines, in the order of MapData's wards. */
  wards: WardProperties[];
}

/** One spend line as the linked table shows it. */
export interface TableRow {
  id: number;
  date: string | null;
  supplier: string;
  purpose: string;
  department: string;
  pence: number;
  area: ServiceArea;
  missions: string[];
  wardCode: string | null;
  wardName: string | null;
  /** For a line at a place crossing ward boundaries: each ward's share of the place and of the line's pence. */
  wardShares?: { name: string; share: number; pence: number }[];
  /** How it was placed, or null when it could not be (see unlocatedReason). */
  method: LocateMethod | null;
  /** Which of its fields placed it ("postcode column"); null when unplaced. */
  from: string | null;
  unlocatedReason: UnlocatedReason | null;
  lon: number | null;
  lat: number | null;
  lineKind: string;
  /** The file and row it came from, e.g. "payments-2023.csv row 1,204". */
  source: string;
}

export interface TablePage {
  /** Lines the filter keeps, all of them (the table scrolls through every one). */
  total: number;
  offset: number;
  rows: TableRow[];
}

/** What the filter controls offer for this project. */
export interface FilterOptions {
  firstDate: string | null;
  lastDate: string | null;
  missions: { id: string; label: string }[];
  departments: { name: string; lines: number }[];
  minPence: number | null;
  maxPence: number | null;
  /** The project's place-less lines: how many there are, so the toggle says what it hides. */
  unlocatedLines: number;
  redactedLines: number;
}

/** Something the search box found: where to go and, for a supplier, whose spend to keep. */
export interface SearchResult {
  kind: 'ward' | 'place' | 'supplier' | 'postcode';
  label: string;
  /** What it is, in words: "Ward E05013660", "youth centre, from the places register", "Supplier: 12 lines". */
  detail: string;
  /** [west, south, east, north] to bring into view; null for a supplier with no line on the map. */
  bounds: [number, number, number, number] | null;
  wardCode?: string;
  supplier?: string;
}

export interface SupplierMatch {
  supplier: string;
  lines: number;
  pence: number;
}

/** A spend file as PlaceLens reads it, before importing: for the person to check and correct the columns. */
export interface SpendPreview {
  file: string;
  /** 'table' for CSV/TSV/Excel, whose columns the person can reassign; 'contracts' for OCDS, whose fields are fixed. */
  format: 'table' | 'contracts';
  encoding: string;
  /** 1-based row of the header (rows above it are preamble), or 0 when none was found. */
  headerRow: number;
  header: string[];
  columns: ColumnMap;
  dataRows: number;
  sampleRows: string[][];
  sampleLines: ParsedSpendLine[];
  problems: InputProblem[];
  /** The name of the saved profile the columns came from (one saved by an earlier import of a file with the same header). */
  profile: string | null;
  /** An Excel workbook's sheet names, in workbook order; [] for CSV, TSV and OCDS. */
  sheets: string[];
  /** The sheet read; null for CSV, TSV and OCDS, and when the sheet asked for is not in the workbook. */
  sheet: string | null;
}

/** How to read a spend file, beyond its columns. */
export interface SpendReadOptions {
  /** The sheet of an Excel workbook to read; the first when absent. Ignored for CSV, TSV and OCDS. */
  sheet?: string;
}

export interface ImportSpendOptions extends SpendReadOptions {
  /**
   * The name to save the columns under, for the next file with the same header. When absent or blank: the name of
   * the profile already saved for this header, else the file's name without its extension.
   */
  profileName?: string;
}

/** Columns saved by an import, applied to later files whose header is the same (same names, same order). */
export interface ColumnProfile {
  name: string;
  header: string[];
  /** ISO 8601, when it was last saved. */
  savedAt: string;
}

export type ImportSpendResult =
  /** `problems`: this file's (errors first, the first few hundred), of `problemCount` in all. */
  | { ok: true; summary: ProjectSummary; problems: InputProblem[]; problemCount: number }
  /** `cancelled` when the person stopped it: nothing was added. */
  | { ok: false; problems: InputProblem[]; cancelled?: boolean };

export type ReplaceWardsResult =
  | { ok: true; summary: ProjectSummary }
  /** `question` is set when PlaceLens needs the person to confirm the coordinate system before it reads on. */
  | { ok: false; problems: InputProblem[]; question?: string };

export interface ReplaceWardsOptions {
  /** The person's answer to a ReplaceWardsResult question: read a shapefile without a .prj in this system. */
  assumeCrs?: 'british-national-grid' | 'wgs84';
  /** Which layer of a GeoPackage holds the wards, when not the one PlaceLens would pick. */
  layer?: string;
}

export type SetRuleSetResult =
  | {
      ok: true;
      summary: ProjectSummary;
      /**
       * Lines whose service area changed, and their pence (signed, so credit notes net off as they do in the totals).
       * Lines that only changed rule or mission are not counted here.
       */
      changed: { lines: number; pence: number };
      /** Things worth knowing that did not stop the set being used, e.g. a mission no rule serves. */
      warnings: InputProblem[];
    }
  /** The set was refused whole: nothing was stored and no line changed. */
  | { ok: false; problems: InputProblem[] };

/** Reference data a project can gain after it is opened: each helps place lines that name no coordinates. */
export type ReferenceKind = 'postcodes' | 'uprns' | 'places';

export type AddReferenceResult =
  | { ok: true; summary: ProjectSummary; /** Lines placed now that were not before (negative if fewer). */ newlyPlaced: number }
  | { ok: false; problems: InputProblem[] };

export interface AddReferenceOptions {
  /** For a places register in a GeoPackage: the layer to read (else the first layer of points or polygons). */
  layer?: string;
}

/** A layer of a GeoPackage that is not a PlaceLens project, for the person to say what to read it as. */
export interface GeoPackageLayerInfo {
  table: string;
  geometryType: string;
  features: number;
  /** The layer's coordinate system as the file names it, e.g. "EPSG:27700". */
  srs: string;
  /** What PlaceLens can read it as; empty when its coordinate system is one PlaceLens cannot convert. */
  usableAs: ('wards' | 'places')[];
}

export type GeoPackageLayersResult = { ok: true; layers: GeoPackageLayerInfo[] } | { ok: false; problems: InputProblem[] };

export type SetBoundaryVintageResult = { ok: true; summary: ProjectSummary } | { ok: false; problems: InputProblem[] };

export type OpenProjectResult =
  | {
      ok: true;
      summary: ProjectSummary;
      /** The older project format the file was in: migrated in memory, written in the current one when saved. */
      migratedFrom: number | null;
    }
  /** The current project is untouched. `geopackage` when the file is a GeoPackage but not a project (its layers can be imported). */
  | { ok: false; problems: InputProblem[]; geopackage?: boolean };

/** What the engine worker answers. Every method is async across the worker boundary. */
/** Phrases in lines' words that may name a place, waiting for a person; and the answers given so far. */
export interface PlaceReview {
  pending: PlaceReviewItem[];
  decided: { phrase: string; place: { name: string; source: string }; decision: 'accept' | 'reject'; decidedAt: string }[];
}

export interface PlaceReviewItem {
  /** The line's words that matched, normalised; with the place, what the decision is kept by. */
  phrase: string;
  field: 'purpose' | 'department';
  place: { name: string; kind: string; source: string };
  why: string;
  score: number;
  lines: number;
  pence: number;
  /** Up to three of the field's texts as written. */
  examples: string[];
}

export interface EngineApi {
  loadProject(input: ProjectInput, onProgress?: ProgressCallback): Promise<ProjectSummary>;
  /** New ward boundaries (GeoJSON, or a zipped Shapefile with its .prj) for the project; every line is placed again. */
  replaceWards(file: FileInput, onProgress?: ProgressCallback, options?: ReplaceWardsOptions): Promise<ReplaceWardsResult>;
  /**
   * Reads the start of a spend file with these columns; without them, with the saved profile for its header, else
   * the detected ones. A sheet not in the workbook gives an error problem naming the sheets that are.
   */
  previewSpend(file: FileInput, columns?: ColumnMap, options?: SpendReadOptions): Promise<SpendPreview>;
  /**
   * Adds a spend file to the project, placed and classified like every other line, and saves its columns as a
   * profile (options.profileName) for the next file with the same header. Columns are chosen as in previewSpend.
   */
  importSpend(file: FileInput, columns?: ColumnMap, onProgress?: ProgressCallback, options?: ImportSpendOptions): Promise<ImportSpendResult>;
  /**
   * Turns on or off placing lines that nothing else places at their supplier's own postcode (from the postcode
   * directory), labelled as such; every line is placed again. Off by default: where a supplier is, is not where it served.
   */
  setPlaceBySupplierAddress(on: boolean, onProgress?: ProgressCallback): Promise<{ summary: ProjectSummary; newlyPlaced: number }>;
  /** Lines whose words may name a place, grouped by phrase and place, most money first; and past decisions. */
  placeReview(): Promise<PlaceReview>;
  /** Yes, no, or forget (null): is this phrase this place? Lines it concerns are placed again. */
  decidePlaceMatch(phrase: string, place: { name: string; source: string }, decision: 'accept' | 'reject' | null): Promise<{ summary: ProjectSummary; newlyPlaced: number }>;
  /** The saved column profiles, by name. */
  profiles(): Promise<ColumnProfile[]>;
  /** Stops a running import at its next batch; it is rolled back whole. */
  cancel(): Promise<void>;
  summary(): Promise<ProjectSummary>;
  mapData(): Promise<MapData>;
  /**
   * A Mapbox Vector Tile of the points of the lines the filter keeps, one layer SPEND_TILE_LAYER whose points carry
   * SpendTilePointProperties; empty bytes for a tile with none.
   */
  spendTile(filter: SpendFilter, z: number, x: number, y: number): Promise<Uint8Array>;
  /** Ids of the lines the filter keeps whose points lie in [west, south, east, north] (what a Shift-click picks). */
  linesIn(filter: SpendFilter, bbox: [number, number, number, number]): Promise<number[]>;
  /** A ward's profile over the lines the filter keeps (all lines when no filter is given). */
  wardDetail(code: string, filter?: SpendFilter): Promise<WardDetail | null>;
  /** Applies a filter: the totals for the map and panels, and the table's selection (read with tableRows). */
  explore(filter: SpendFilter): Promise<ExploreResult>;
  /** A page of the lines the filter keeps, in the table's order. */
  tableRows(filter: SpendFilter, sort: TableSort, offset: number, limit: number): Promise<TablePage>;
  /** The lines the filter keeps, in the table's order, as CSV (text cells escaped against formula injection). */
  exportCsv(filter: SpendFilter, sort: TableSort, limit?: number): Promise<string>;
  filterOptions(): Promise<FilterOptions>;
  /** The points of the lines the filter keeps (id, area, pence), for clustering on the map. */
  /**
   * A Mapbox Vector Tile of the kept lines clustered where dense (layer CLUSTER_TILE_LAYER): clusters carry
   * cluster_id, point_count and point_count_abbreviated; a lone line is a point whose id is the line's, with area and pence.
   */
  clusterTile(filter: SpendFilter, z: number, x: number, y: number): Promise<Uint8Array>;
  /** The lines the filter keeps, by H3 hexagon at this resolution, with how many service areas meet in each. */
  hexes(filter: SpendFilter, resolution: number): Promise<FeatureCollection<Polygon, HexProperties>>;
  /** Everything an area brief states under the filter (see domain/brief; a string is a ward's code); null for an unknown area. */
  briefFacts(area: BriefArea | string, filter: SpendFilter, madeOn?: string): Promise<BriefFacts | null>;
  /** An area's spend lines under the filter: all of them as CSV (Export CSV…'s columns), or those with a point as GeoJSON. */
  exportArea(area: BriefArea, filter: SpendFilter, format: 'csv' | 'geojson'): Promise<string>;
  /** Meeting places and mission-lens gaps among the lines the filter keeps, with the project's parameters. */
  meetingPlaces(filter: SpendFilter, onProgress?: ProgressCallback): Promise<MeetingPlacesResult>;
  /** The project's meeting-place parameters (the defaults until set). */
  meetParams(): Promise<MeetParams>;
  /** Stores meeting-place parameters in the project, made safe (clamped, unknown lenses dropped); returns what was stored. */
  setMeetParams(params: MeetParams): Promise<MeetParams>;
  /** The project's workshop story: its slides in order, and any stored slide that could not be read. */
  story(): Promise<StoredStory>;
  /** Replaces the story's slides (in order) and name; a slide whose view is not a place on Earth is refused. */
  setStory(story: { name: string; slides: Slide[] }): Promise<StoredStory>;
  /** The project's workshop notes (pins and drawn areas), oldest first. */
  annotations(): Promise<Annotation[]>;
  /** Stores a note (made now, or at `createdAt` when one deleted is put back); refused with the reason when it has no words or no place on Earth. */
  addAnnotation(draft: AnnotationDraft, createdAt?: string): Promise<AnnotationResult>;
  updateAnnotation(id: number, patch: Partial<Pick<Annotation, 'note' | 'area' | 'slideId'>>): Promise<AnnotationResult>;
  /** Removes a note and returns it (for Undo); null when it was not there. */
  deleteAnnotation(id: number): Promise<Annotation | null>;
  /** Every note as CSV (a spreadsheet opens it safely) or GeoJSON (WGS84), with the title of the slide it was made on. */
  exportAnnotations(format: 'csv' | 'geojson'): Promise<string>;
  /** Suppliers whose names contain the text (case-insensitive), most money first. */
  searchSuppliers(text: string, limit?: number): Promise<SupplierMatch[]>;
  /** Wards, places, postcodes and suppliers whose names contain the text (two characters at least). */
  search(text: string): Promise<SearchResult[]>;
  /** The project's rules and missions, as its lines were last sorted by them (a copy: edit it, then setRuleSet). */
  ruleSet(): Promise<RuleSet>;
  /**
   * Checks a rule set and, when it has no errors, makes it the project's and sorts every line again by it: service
   * area, rule, missions and mission rules, in one transaction. A set with errors is refused whole, changing nothing.
   */
  setRuleSet(set: RuleSet, onProgress?: ProgressCallback): Promise<SetRuleSetResult>;
  /**
   * When the ward boundaries came into force, set by hand when the file does not say: a year ("2022"), a month
   * ("May 2022") or a day ("5 May 2022"). Spend dated earlier is then flagged in the summary's beforeVintage.
   * Null or blank clears it; text PlaceLens cannot read as a date is refused rather than stored without a warning.
   */
  setBoundaryVintage(vintage: string | null): Promise<SetBoundaryVintageResult>;
  /**
   * Adds a postcode directory, UPRN table or places register to the open project and places every line again, so
   * lines that were waiting for it are placed. A file with nothing usable is refused and nothing is stored.
   */
  addReference(kind: ReferenceKind, file: FileInput, onProgress?: ProgressCallback, options?: AddReferenceOptions): Promise<AddReferenceResult>;
  /** The layers of a GeoPackage (one that is not a project), with what each can be read as. */
  geopackageLayers(file: FileInput): Promise<GeoPackageLayersResult>;
  /** Starts an empty project (no wards, no spend, the default rules) in place of the current one. */
  newProject(name: string): Promise<ProjectSummary>;
  /** The whole project as one GeoPackage file (the bytes of a .gpkg), for the shell to write atomically. */
  saveProject(): Promise<Uint8Array>;
  /**
   * Opens a saved project (a .gpkg PlaceLens wrote) in place of the current one. A damaged, cut-off or newer-format
   * file, or a GeoPackage that is not a project, is refused with the reason and the current project stays.
   */
  openProject(file: FileInput, onProgress?: ProgressCallback): Promise<OpenProjectResult>;
}
