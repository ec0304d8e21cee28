// The one app store, built from typed slices. Actions talk to the engine and the platform; components never do.

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HexProperties } from '../engine/contract';
import type { AddReferenceOptions, EngineApi, FileInput, MapData, PlaceReview, Progress, ProjectInput, ProjectSummary, ReferenceKind, ReplaceWardsOptions, SpendPreview, WardDetail } from '../engine/contract';
import type { ColumnMap, ColumnRole } from '../domain/spend-csv';
import type { Platform } from '../platform/platform';
import type { InputProblem } from '../domain/problems';
import type { ChoroplethClass } from '../domain/choropleth';
import { bboxOf } from '../domain/wards';
import { DROP_HEAD_BYTES, dropKind } from '../domain/file-kind';
import { defaultRuleSet, parseRuleSet, ruleSetToJson, type RuleSet } from '../domain/rule-set';
import { decodeText } from '../domain/text';
import { formatPounds } from '../domain/money';
import { fileSlice, type FileSlice } from './file-slice';
import { exploreSlice, type ExploreSlice } from './explore-slice';
import { meetSlice, type MeetSlice } from './meet-slice';
import { briefSlice, type BriefSlice } from './brief-slice';
import { storySlice, type StorySlice } from './story-slice';
import { notesSlice, type NotesSlice } from './notes-slice';
import { audienceSlice, type AudienceSlice } from './audience-slice';
import type { BasemapInfo } from '../map/basemap-style';
import { DEFAULT_LAYERS, type MapLayers } from '../map/style';

export interface Deps {
  engine: EngineApi;
  platform: Platform;
  /** Map-level services that live outside the map instance (the pmtiles:// protocol); absent in Node tests. */
  maps?: MapServices;
}

export interface MapServices {
  registerBasemap(file: FileInput): Promise<{ ok: true; basemap: BasemapInfo } | { ok: false; reason: string }>;
  /** The map on screen as a PNG, once it has drawn what was last asked of it (a story's slide). */
  captureMap(): Promise<{ dataUrl: string; width: number; height: number }>;
}

export interface ProjectSlice {
  status: 'idle' | 'loading' | 'ready' | 'error';
  progress: Progress | null;
  summary: ProjectSummary | null;
  mapData: MapData | null;
  classes: ChoroplethClass[];
  /** A failure the user must read: what went wrong, where, and what was expected. */
  /** `problemCount`: how many problems there are in all, when `problems` holds only the first of them. */
  alert: { title: string; problems: InputProblem[]; problemCount?: number; message?: string; action?: { label: string; run: () => Promise<void> } } | null;
  openDemo(): Promise<void>;
  openWards(): Promise<void>;
  /** File › Add postcode directory… / UPRN table… / places register…: helps place lines already in the project. */
  addReference(kind: ReferenceKind): Promise<void>;
  /** Ward boundaries from a file already in hand (dropped on the window), as File › Open wards… does. */
  openWardsFile(file: FileInput, options?: ReplaceWardsOptions): Promise<void>;
  /** A places register, postcode directory or UPRN table already in hand (a GeoPackage layer, say). */
  addReferenceFile(kind: ReferenceKind, file: FileInput, options?: AddReferenceOptions): Promise<void>;
  /** Data health: place lines nothing else places at their supplier's own postcode, or stop doing so. */
  setPlaceBySupplierAddress(on: boolean): Promise<void>;
  /** Data health's "Place names to check": read when shown, again after every change to the project. */
  placeReview: PlaceReview | null;
  /** What the last decision did, for the list to say. */
  placeReviewNote: string | null;
  loadPlaceReview(): Promise<void>;
  decidePlaceMatch(phrase: string, place: { name: string; source: string }, decision: 'accept' | 'reject' | null): Promise<void>;
  dismissAlert(): void;
}

export interface ViewSlice {
  hovered: { code: string; x: number; y: number } | null;
  /** The hex under the pointer, when the hex layer is shown. */
  hoveredHex: { hex: HexProperties; x: number; y: number } | null;
  setHoveredHex(hover: { hex: HexProperties; x: number; y: number } | null): void;
  /** A PMTiles vector basemap drawn under the wards, for this session (it is not stored in the project). */
  basemap: BasemapInfo | null;
  /** Which map layers are drawn (the legend's switches). */
  mapLayers: MapLayers;
  toggleLayer(layer: keyof MapLayers): void;
  /** File › Load basemap…: a .pmtiles file. */
  loadBasemap(): Promise<void>;
  removeBasemap(): void;
  setHovered(hovered: { code: string; x: number; y: number } | null): void;
}

export interface WardSlice {
  selectedWard: string | null;
  wardDetail: WardDetail | null;
  /** A request to bring an area into view; `seq` changes with each request. */
  focus: { bounds: [number, number, number, number]; seq: number } | null;
  selectWard(code: string | null): Promise<void>;
  /** Select a ward and bring it into view (picked from the list rather than clicked on the map). */
  goToWard(code: string): Promise<void>;
  /** A second ward shown beside the selected one, under the same filters; null when not comparing. */
  compareWard: string | null;
  compareDetail: WardDetail | null;
  setCompareWard(code: string | null): Promise<void>;
}

export interface ImportSlice {
  /**
   * A spend file picked for import, with the columns as the person has set them and the name to save them under
   * (preview.sheet is the sheet being read); null when no import is under way.
   */
  importDraft: { file: FileInput; preview: SpendPreview; columns: ColumnMap; profileName: string } | null;
  /** File › Import spend…: pick a CSV and show how it reads. */
  startImport(): Promise<void>;
  /**
   * Files dropped on the window: ward boundaries replace the wards, spend opens the import preview. One file at a
   * time, since each may need the person's answers; the others are named so they can be dropped next.
   */
  openDropped(files: FileInput[]): Promise<void>;
  /** Give a column a role (or take it away with null); each role belongs to at most one column. */
  setColumnRole(column: number, role: ColumnRole | null): Promise<void>;
  /** Read another sheet of the workbook: its columns are detected afresh (or taken from the profile for its header). */
  setImportSheet(sheet: string): Promise<void>;
  /** The name the columns are saved under by the import, for later files with the same header. */
  setImportProfileName(name: string): void;
  confirmImport(): Promise<void>;
  cancelImport(): void;
  /** True while an import is being written; it can be stopped with stopImport. */
  importing: boolean;
  stopImport(): Promise<void>;
}

export interface RulesSlice {
  /** The rules and missions being edited in the Rules dialog; null when it is closed. */
  rulesDraft: RuleSet | null;
  /** What the last apply or import said was wrong with the draft. */
  rulesProblems: InputProblem[];
  openRules(): Promise<void>;
  editRules(next: RuleSet): void;
  /** Makes the draft the project's rules and sorts every line again; the dialog stays open on refusal. */
  applyRules(): Promise<void>;
  /** A rule set from a JSON file replaces the draft (not yet applied). */
  importRules(): Promise<void>;
  exportRules(): Promise<void>;
  resetRules(): void;
  closeRules(): void;
  /** The ward boundaries' vintage set by hand ("May 2022"); null clears it. */
  setBoundaryVintage(vintage: string | null): Promise<boolean>;
}

export type AppState = ProjectSlice & ViewSlice & WardSlice & ImportSlice & RulesSlice & FileSlice & ExploreSlice & MeetSlice & BriefSlice & StorySlice & NotesSlice & AudienceSlice;
export type AppStore = StoreApi<AppState>;

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

/** The bundled demo, described by a manifest so it loads through the same path as anyone's files. */
export interface ProjectManifest {
  name: string;
  notice?: string;
  boundaryVintage?: string;
  wards: string;
  spend: string[];
  postcodes?: string;
  places?: string | string[];
  /**
   * The same project saved as a project file, made from the files above by `npm run demo:build` through the engine's
   * own import: opened in their place (a page copy, not 20,000 lines parsed and placed at every start). The files
   * are imported instead when it cannot be opened.
   */
  project?: string;
}

/** Named moments for the benchmark's breakdown of start-up time. */
function mark(name: string) {
  globalThis.performance?.mark?.(name);
}

/** After any change to the project: fetch the map data again and re-derive what depends on it. */
async function refreshProject(set: Set, get: Get, deps: Deps, summary: ProjectSummary) {
  mark('placelens:project-loaded');
  // The map data, and the project's own meeting-place parameters, story and notes (asked together: the old
  // project's story must not stay on screen while the map data is made); then the filter's totals, options and
  // table, and the selected ward's profile under the filter (and the meeting places, when shown).
  const [mapData] = await Promise.all([deps.engine.mapData(), get().loadMeetParams(), get().loadStory(), get().loadAnnotations()]);
  mark('placelens:map-data');
  if (get().selectedWard && !mapData.wards.features.some((f) => f.properties.code === get().selectedWard)) await get().selectWard(null);
  // The new map data is shown with the filter's totals in one change: a map drawn first with the unfiltered totals
  // would cut the wards into tiles twice before its first settled frame.
  await get().refreshExplore({ status: 'ready', progress: null, summary, mapData, hovered: null });
}

const REFERENCE_FILES: Record<ReferenceKind, { title: string; filter: string; extensions: string[] }> = {
  postcodes: { title: 'postcode directory', filter: 'Postcode directory (Code-Point Open or ONSPD CSV)', extensions: ['csv', 'txt'] },
  uprns: { title: 'UPRN table', filter: 'UPRN table (OS Open UPRN or LLPG CSV)', extensions: ['csv', 'txt'] },
  places: { title: 'places register', filter: 'Places register (GeoJSON, CSV or GeoPackage)', extensions: ['geojson', 'json', 'csv', 'gpkg'] },
};

function projectSlice(set: Set, get: Get, deps: Deps): ProjectSlice {
  const onProgress = (progress: Progress) => set({ progress });
  const refresh = (summary: ProjectSummary) => refreshProject(set, get, deps, summary);

  async function replaceWardsWith(file: FileInput, options: ReplaceWardsOptions): Promise<void> {
    set({ progress: { fraction: 0, label: `Reading ${file.name}` } });
    try {
      const result = await deps.engine.replaceWards(file, onProgress, options);
      if (!result.ok) {
        if (result.question) {
          // Asked, not guessed: a shapefile without its .prj whose numbers look like National Grid metres.
          set({
            progress: null,
            alert: {
              title: `Which coordinate system is ${file.name} in?`,
              message: result.question,
              problems: result.problems,
              action: { label: 'Yes, British National Grid', run: () => replaceWardsWith(file, { assumeCrs: 'british-national-grid' }) },
            },
          });
          return;
        }
        set({ progress: null, alert: { title: `${file.name} could not be used as ward boundaries; the current wards are kept`, problems: result.problems } });
        return;
      }
      set({ selectedWard: null, wardDetail: null });
      // Marked first: the project changed when the engine said so, not when the views have caught up.
      get().markChanged();
      await refresh(result.summary);
      const problems = result.summary.problems.filter((p) => p.file === file.name);
      if (problems.length > 0) {
        const errors = problems.filter((p) => p.severity === 'error').length;
        const warnings = problems.length - errors;
        const parts = [errors && `${errors} feature${errors === 1 ? '' : 's'} not used`, warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`].filter(Boolean);
        set({ alert: { title: `${file.name} opened: ${parts.join(', ')}`, problems } });
      }
    } catch (e) {
      set({ progress: null, alert: { title: `${file.name} could not be opened`, problems: [], message: (e as Error).message } });
    }
  }

  return {
    status: 'idle',
    progress: null,
    summary: null,
    mapData: null,
    classes: [],
    alert: null,
    async openDemo() {
      if (get().dirty) {
        set({
          alert: {
            title: `Discard the unsaved changes to ${get().projectFile?.name ?? get().summary?.name ?? 'this project'}?`,
            message: 'Opening the demo replaces the open project. Save first (File › Save) to keep your changes.',
            problems: [],
            action: { label: 'Discard changes', run: async () => { get().markOpened(get().projectFile); await get().openDemo(); } },
          },
        });
        return;
      }
      set({ status: 'loading', progress: { fraction: 0, label: 'Opening the demo project' } });
      try {
        const base = 'demo/';
        const manifest = JSON.parse(new TextDecoder().decode(await deps.platform.readBundled(`${base}project.json`))) as ProjectManifest;
        const read = async (file: string) => ({ name: file, bytes: await deps.platform.readBundled(base + file) });
        const saved = manifest.project ? await deps.engine.openProject(await read(manifest.project), onProgress) : null;
        if (saved?.ok) {
          set({ summary: saved.summary });
          get().markOpened(null);
          await refresh(saved.summary);
          return;
        }
        // All files at once: the reads overlap with each other and with the map starting up.
        const placeFiles = manifest.places === undefined ? [] : ([] as string[]).concat(manifest.places);
        const [wards, postcodes, places, spend] = await Promise.all([
          read(manifest.wards),
          manifest.postcodes ? read(manifest.postcodes) : Promise.resolve(undefined),
          Promise.all(placeFiles.map(read)),
          Promise.all(manifest.spend.map(read)),
        ]);
        const input: ProjectInput = {
          name: manifest.name,
          notice: manifest.notice,
          boundaryVintage: manifest.boundaryVintage,
          wards,
          spend,
          postcodes,
          places,
        };
        const summary = await deps.engine.loadProject(input, onProgress);
        set({ summary });
        get().markOpened(null);
        await refresh(summary);
      } catch (e) {
        set({ status: 'error', progress: null, alert: { title: 'The demo project could not be opened', problems: [], message: (e as Error).message } });
      }
    },
    async openWards() {
      const file = await deps.platform.openFile({
        title: 'Open ward boundaries',
        filters: [{ name: 'Ward boundaries (GeoJSON, zipped Shapefile, KML/KMZ or GeoPackage)', extensions: ['geojson', 'json', 'zip', 'kml', 'kmz', 'gpkg'] }],
      });
      if (!file) return;
      await replaceWardsWith(file, {});
    },
    async openWardsFile(file, options = {}) {
      await replaceWardsWith(file, options);
    },
    async addReference(kind) {
      const what = REFERENCE_FILES[kind];
      const file = await deps.platform.openFile({ title: `Add ${what.title}`, filters: [{ name: what.filter, extensions: what.extensions }] });
      if (!file) return;
      await get().addReferenceFile(kind, file);
    },
    async addReferenceFile(kind, file, options = {}) {
      const what = REFERENCE_FILES[kind];
      set({ progress: { fraction: 0, label: `Reading ${file.name}` } });
      try {
        const result = await deps.engine.addReference(kind, file, onProgress, options);
        if (!result.ok) {
          set({ progress: null, alert: { title: `${file.name} could not be used as a ${what.title}`, problems: result.problems } });
          return;
        }
        get().markChanged();
        await refresh(result.summary);
        const n = result.newlyPlaced;
        const warnings = result.summary.problems.filter((p) => p.file === file.name);
        set({
          alert: {
            title: `${file.name} added`,
            problems: warnings,
            message: n > 0 ? `${n.toLocaleString('en-GB')} more spend line${n === 1 ? '' : 's'} placed.` : 'No more spend lines could be placed with it.',
          },
        });
      } catch (e) {
        set({ progress: null, alert: { title: `${file.name} could not be read`, problems: [], message: (e as Error).message } });
      }
    },
    placeReview: null,
    placeReviewNote: null,
    async loadPlaceReview() {
      set({ placeReview: await deps.engine.placeReview() });
    },
    async decidePlaceMatch(phrase, place, decision) {
      set({ progress: { fraction: 0, label: 'Placing spend lines again' } });
      try {
        const { summary, newlyPlaced } = await deps.engine.decidePlaceMatch(phrase, place, decision);
        get().markChanged();
        await refresh(summary);
        const n = Math.abs(newlyPlaced);
        const lines = `${n.toLocaleString('en-GB')} spend line${n === 1 ? '' : 's'}`;
        set({
          placeReviewNote:
            decision === 'accept' ? `“${phrase}” is ${place.name}: ${lines} placed there.`
              : decision === 'reject' ? `“${phrase}” is not ${place.name}: it will not be offered again.`
                : `The answer about “${phrase}” is forgotten${n > 0 ? `: ${lines} ${newlyPlaced < 0 ? 'wait for review again' : 'placed'}` : ''}.`,
        });
        await get().loadPlaceReview();
      } catch (e) {
        set({ progress: null, alert: { title: 'The spend lines could not be placed again', problems: [], message: (e as Error).message } });
      }
    },
    async setPlaceBySupplierAddress(on) {
      set({ progress: { fraction: 0, label: 'Placing spend lines again' } });
      try {
        const { summary, newlyPlaced } = await deps.engine.setPlaceBySupplierAddress(on, onProgress);
        get().markChanged();
        await refresh(summary);
        const n = Math.abs(newlyPlaced);
        const lines = `${n.toLocaleString('en-GB')} spend line${n === 1 ? '' : 's'}`;
        set({
          alert: {
            title: on ? "Lines placed at their supplier's address" : "Lines no longer placed at their supplier's address",
            problems: [],
            message: on
              ? n > 0
                ? `${lines} that nothing else placed ${n === 1 ? 'is' : 'are'} now at their supplier's postcode, labelled so in Data health and the briefs, and left out of meeting places.`
                : "No more lines could be placed: none that was unplaced has a supplier postcode the postcode directory knows inside the wards."
              : `${lines} placed only by their supplier's address ${n === 1 ? 'is' : 'are'} listed as not placed again.`,
          },
        });
      } catch (e) {
        set({ progress: null, alert: { title: 'The spend lines could not be placed again', problems: [], message: (e as Error).message } });
      }
    },
    dismissAlert() {
      set({ alert: null });
    },
  };
}

function viewSlice(set: Set, get: Get, deps: Deps): ViewSlice {
  return {
    hovered: null,
    hoveredHex: null,
    setHoveredHex(hover) {
      if (hover === null && get().hoveredHex === null) return;
      set({ hoveredHex: hover });
    },
    basemap: null,
    mapLayers: DEFAULT_LAYERS,
    toggleLayer(layer) {
      const now = get().mapLayers;
      const next = { ...now, [layer]: !now[layer] };
      // Points and heat are two ways of drawing the same lines: one at a time reads better.
      // Points, clusters and heat are three ways of drawing the same lines: one at a time reads better.
      if (next[layer] && (layer === 'heat' || layer === 'points' || layer === 'clusters')) {
        for (const other of ['heat', 'points', 'clusters'] as const) if (other !== layer) next[other] = false;
      }
      set({ mapLayers: next });
      if (layer === 'hexes' && next.hexes) void get().loadHexes();
      if (layer === 'meeting') {
        if (next.meeting) {
          // The list shares the map's right-hand side with a ward's profile: the list the person asked for wins.
          if (get().selectedWard) void get().selectWard(null);
          void get().loadMeeting();
        }
        else set({ chosenMeeting: null, meeting: null, meetingProgress: null });
      }
    },
    async loadBasemap() {
      const file = await deps.platform.openFile({ title: 'Load basemap', filters: [{ name: 'PMTiles vector basemap', extensions: ['pmtiles'] }] });
      if (!file) return;
      if (!deps.maps) throw new Error('no map services in this shell');
      const result = await deps.maps.registerBasemap(file);
      if (!result.ok) {
        set({ alert: { title: `${file.name} could not be used as a basemap`, problems: [{ file: file.name, severity: 'error', reason: result.reason }] } });
        return;
      }
      set({ basemap: result.basemap });
    },
    removeBasemap() {
      set({ basemap: null });
    },
    setHovered(hovered) {
      const current = get().hovered;
      if (current?.code === hovered?.code && current?.x === hovered?.x && current?.y === hovered?.y) return;
      set({ hovered });
    },
  };
}

/** The name offered for the columns: the profile they came from, else the file's name without its extension. */
function defaultProfileName(file: FileInput, preview: SpendPreview): string {
  return preview.profile ?? file.name.replace(/\.[^.]+$/, '');
}

/** The sheet to ask the engine for: the one being read, so a re-read does not fall back to the first. */
const readOptions = (preview: SpendPreview) => (preview.sheet === null ? {} : { sheet: preview.sheet });

function importSlice(set: Set, get: Get, deps: Deps): ImportSlice {
  const onProgress = (progress: Progress) => set({ progress });
  async function previewImport(file: FileInput): Promise<void> {
    try {
      const preview = await deps.engine.previewSpend(file);
      set({ importDraft: { file, preview, columns: preview.columns, profileName: defaultProfileName(file, preview) } });
    } catch (e) {
      set({ alert: { title: `${file.name} could not be read`, problems: [], message: (e as Error).message } });
    }
  }
  return {
    importDraft: null,
    async startImport() {
      const file = await deps.platform.openFile({
        title: 'Import spend',
        filters: [{ name: 'Spend (CSV, TSV or Excel) or contracts (OCDS JSON)', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'json'] }],
      });
      if (!file) return;
      await previewImport(file);
    },
    async openDropped(files) {
      const [file, ...rest] = files;
      if (!file) return;
      if (get().importing || get().importDraft) {
        set({ alert: { title: `${file.name} was not opened`, problems: [], message: 'Finish or cancel the import under way first, then drop it again.' } });
        return;
      }
      const kind = dropKind(file.name, file.bytes.subarray(0, DROP_HEAD_BYTES));
      // A GeoPackage is a project or boundaries; opening it as a project tells which, and falls back to wards.
      if (/\.gpkg$/i.test(file.name)) await get().openProjectFile(file, null);
      else if (kind === 'wards') await get().openWardsFile(file);
      else if (kind === 'spend') await previewImport(file);
      else {
        set({
          alert: {
            title: `PlaceLens cannot tell what ${file.name} is`,
            problems: [],
            message: 'Drop ward boundaries (GeoJSON, zipped Shapefile, KML or KMZ, GeoPackage) or spend (CSV, TSV, Excel .xlsx, or contracts as OCDS JSON).',
          },
        });
        return;
      }
      if (rest.length > 0 && !get().alert) {
        set({ alert: { title: `Opened ${file.name} only`, problems: [], message: `One file at a time: drop ${rest.map((f) => f.name).join(', ')} again when this one is done.` } });
      }
    },
    async setColumnRole(column, role) {
      const draft = get().importDraft;
      if (!draft) return;
      const columns: ColumnMap = {};
      for (const [r, i] of Object.entries(draft.columns) as [ColumnRole, number][]) if (i !== column && r !== role) columns[r] = i;
      if (role) columns[role] = column;
      const preview = await deps.engine.previewSpend(draft.file, columns, readOptions(draft.preview));
      const now = get().importDraft;
      if (now?.file === draft.file) set({ importDraft: { ...now, preview, columns } });
    },
    async setImportSheet(sheet) {
      const draft = get().importDraft;
      if (!draft || sheet === draft.preview.sheet) return;
      try {
        const preview = await deps.engine.previewSpend(draft.file, undefined, { sheet });
        const now = get().importDraft;
        if (now?.file !== draft.file) return;
        // A name the person typed is kept; one PlaceLens offered follows the sheet (its header's profile, if saved).
        const typed = now.profileName !== defaultProfileName(now.file, now.preview);
        const profileName = typed ? now.profileName : defaultProfileName(now.file, preview);
        set({ importDraft: { ...now, preview, columns: preview.columns, profileName } });
      } catch (e) {
        set({ alert: { title: `${draft.file.name} could not be read`, problems: [], message: (e as Error).message } });
      }
    },
    setImportProfileName(name) {
      const draft = get().importDraft;
      if (draft) set({ importDraft: { ...draft, profileName: name } });
    },
    async confirmImport() {
      const draft = get().importDraft;
      if (!draft) return;
      set({ importDraft: null, importing: true, progress: { fraction: 0, label: `Importing ${draft.file.name}` } });
      try {
        const result = await deps.engine.importSpend(draft.file, draft.columns, onProgress, { ...readOptions(draft.preview), profileName: draft.profileName });
        if (!result.ok) {
          const title = result.cancelled ? `Import of ${draft.file.name} stopped: nothing was added` : `${draft.file.name} could not be imported`;
          set({ progress: null, importing: false, alert: { title, problems: result.problems } });
          return;
        }
        set({ importing: false });
        get().markChanged();
        await refreshProject(set, get, deps, result.summary);
        // Imported, but not all of it was plain: say so now, with where each problem is (the ledger keeps them).
        if (result.problemCount > 0) {
          const n = result.problemCount;
          set({
            alert: {
              title: `${draft.file.name} imported, with ${n.toLocaleString('en-GB')} problem${n === 1 ? '' : 's'} to check`,
              problems: result.problems,
              problemCount: n,
              message: 'Each is kept in the ledger (bottom left), under input problems, with its file, row and column.',
            },
          });
        }
      } catch (e) {
        set({ progress: null, importing: false, alert: { title: `${draft.file.name} could not be imported`, problems: [], message: (e as Error).message } });
      }
    },
    importing: false,
    async stopImport() {
      if (!get().importing) return;
      set({ progress: { fraction: get().progress?.fraction ?? 0, label: 'Stopping the import…' } });
      await deps.engine.cancel();
    },
    cancelImport() {
      set({ importDraft: null });
    },
  };
}

function rulesSlice(set: Set, get: Get, deps: Deps): RulesSlice {
  const onProgress = (progress: Progress) => set({ progress });
  return {
    rulesDraft: null,
    rulesProblems: [],
    async openRules() {
      set({ rulesDraft: await deps.engine.ruleSet(), rulesProblems: [] });
    },
    editRules(next) {
      set({ rulesDraft: next });
    },
    async applyRules() {
      const draft = get().rulesDraft;
      if (!draft) return;
      set({ progress: { fraction: 0, label: 'Sorting every line by the new rules' } });
      const result = await deps.engine.setRuleSet(draft, onProgress);
      if (!result.ok) {
        set({ progress: null, rulesProblems: result.problems });
        return;
      }
      set({ rulesDraft: null, rulesProblems: [] });
      get().markChanged();
      await refreshProject(set, get, deps, result.summary);
      const moved = result.changed.lines;
      set({
        alert: {
          title: 'Rules applied',
          problems: result.warnings,
          message: moved === 0 ? 'No line changed service area.' : `${moved.toLocaleString('en-GB')} line${moved === 1 ? '' : 's'} (${formatPounds(result.changed.pence)}) changed service area.`,
        },
      });
    },
    async importRules() {
      const file = await deps.platform.openFile({ title: 'Import rules', filters: [{ name: 'PlaceLens rules (JSON)', extensions: ['json'] }] });
      if (!file) return;
      const parsed = parseRuleSet(decodeText(file.bytes).text, file.name);
      if (parsed.ruleSet) set({ rulesDraft: parsed.ruleSet, rulesProblems: parsed.problems });
      else set({ rulesProblems: parsed.problems });
    },
    async exportRules() {
      const draft = get().rulesDraft;
      if (!draft) return;
      await deps.platform.saveFile(
        { title: 'Export rules', suggestedName: 'placelens-rules.json', filters: [{ name: 'PlaceLens rules (JSON)', extensions: ['json'] }] },
        new TextEncoder().encode(ruleSetToJson(draft)),
      );
    },
    resetRules() {
      set({ rulesDraft: defaultRuleSet(), rulesProblems: [] });
    },
    closeRules() {
      set({ rulesDraft: null, rulesProblems: [] });
    },
    async setBoundaryVintage(vintage) {
      const result = await deps.engine.setBoundaryVintage(vintage);
      if (!result.ok) {
        set({ alert: { title: 'The boundary date was not changed', problems: result.problems } });
        return false;
      }
      get().markChanged();
      await refreshProject(set, get, deps, result.summary);
      return true;
    },
  };
}

function wardSlice(set: Set, get: Get, deps: Deps): WardSlice {
  let latest = 0;
  let latestCompare = 0;
  return {
    selectedWard: null,
    wardDetail: null,
    focus: null,
    async goToWard(code) {
      const ward = get().mapData?.wards.features.find((f) => f.properties.code === code);
      if (!ward) return;
      const bounds = bboxOf(ward.geometry);
      if (bounds) set({ focus: { bounds, seq: (get().focus?.seq ?? 0) + 1 } });
      await get().selectWard(code);
    },
    compareWard: null,
    compareDetail: null,
    async setCompareWard(code) {
      const request = ++latestCompare;
      set({ compareWard: code, compareDetail: code !== null && get().compareDetail?.code === code ? get().compareDetail : null });
      if (code === null) return;
      const detail = await deps.engine.wardDetail(code, get().filter);
      if (request === latestCompare) set({ compareDetail: detail });
    },
    async selectWard(code) {
      const request = ++latest;
      // Comparing is with the selected ward: closing it ends the comparison, choosing the compared one swaps.
      if (code === null || code === get().compareWard) set({ compareWard: null, compareDetail: null });
      // Kept on screen while the same ward is counted again under a new filter, so the panel does not flicker.
      set({ selectedWard: code, wardDetail: code !== null && get().wardDetail?.code === code ? get().wardDetail : null });
      if (code === null) return;
      const detail = await deps.engine.wardDetail(code, get().filter);
      // A later click wins over a slower earlier answer.
      if (request === latest) set({ wardDetail: detail });
    },
  };
}

export function createAppStore(deps: Deps): AppStore {
  return createStore<AppState>()((set, get) => ({
    ...projectSlice(set, get, deps),
    ...viewSlice(set, get, deps),
    ...wardSlice(set, get, deps),
    ...importSlice(set, get, deps),
    ...rulesSlice(set, get, deps),
    ...fileSlice(set, get, deps, (summary) => refreshProject(set, get, deps, summary)),
    ...exploreSlice(set, get, deps),
    ...meetSlice(set, get, deps),
    ...briefSlice(set, get, deps),
    ...storySlice(set, get, deps),
    ...notesSlice(set, get, deps),
    ...audienceSlice(set, get, deps),
  }));
}
