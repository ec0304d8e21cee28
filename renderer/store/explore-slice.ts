// The explore view's state: one filter for map, panels and table, the table's window of rows, and the line shown.

import type { StoreApi } from 'zustand/vanilla';
import type { ExploreResult, FilterOptions, MapData, SearchResult, SupplierMatch, TableRow } from '../engine/contract';
import { clearChip, defaultFilter, type FilterKey, type SpendFilter } from '../domain/spend-filter';
import type { TableSort } from '../domain/spend-columns';
import type { ServiceArea } from '../domain/service-areas';
import { SERVICE_AREAS } from '../domain/service-areas';
import { classify, metricFormat, mixClasses, type ChoroplethClass, type ClassMethod, type WardMetric } from '../domain/choropleth';
import { MIX_COLOURS, mixOf } from '../domain/meet';
import { DEFAULT_HEX_RESOLUTION } from '../domain/hexes';
import type { FeatureCollection, Polygon } from 'geojson';
import type { HexProperties } from '../engine/contract';
import type { WardProperties } from '../engine/contract';
import type { AppState, Deps } from './store';

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

/** Rows fetched around what is on screen, so scrolling a little does not ask the engine again. */
export const TABLE_WINDOW = 200;
/** Lines put on the clipboard at most: enough for any paste into a sheet or an email; Export CSV… takes them all. */
export const COPY_LIMIT = 10_000;

export interface ExploreSlice {
  filter: SpendFilter;
  /** What the filter controls can offer for this project (dates, departments, missions…). */
  filterOptions: FilterOptions | null;
  /** The totals for the current filter; null until the first answer. */
  explored: ExploreResult | null;
  /** The map's wards with the filtered totals as their properties. */
  filteredWards: MapData['wards'] | null;
  /** Replaces the filter (or changes it from the current one) and brings map, panel and table up to date. */
  setFilter(next: SpendFilter | ((current: SpendFilter) => SpendFilter)): Promise<void>;
  /** Clears one chip's condition, or every condition when no key is given. */
  clearFilter(key?: FilterKey): Promise<void>;
  /** A service area on or off (the legend's switches): the same as the filter's service areas. */
  toggleArea(area: ServiceArea): void;
  supplierMatches: SupplierMatch[];
  /** The search box's answers for what was last typed. */
  searchResults: SearchResult[];
  search(text: string): Promise<void>;
  /** Goes to what was found: a ward is selected, a place or postcode brought into view, a supplier's spend kept. */
  chooseSearchResult(result: SearchResult): Promise<void>;
  searchSuppliers(text: string): Promise<void>;

  tableOpen: boolean;
  toggleTable(open?: boolean): void;
  /** Every ward's figures as a table (the map's shading in words and numbers). */
  wardTableOpen: boolean;
  toggleWardTable(open?: boolean): void;
  tableSort: TableSort;
  setTableSort(sort: TableSort): Promise<void>;
  /** The lines from `offset` on, for the rows on screen; total is every line the filter keeps. */
  table: { total: number; offset: number; rows: TableRow[]; seq: number } | null;
  /** Makes sure the rows from `first` to `last` (inclusive) are in the window. */
  loadTableRows(first: number, last: number): Promise<void>;
  /** A line picked in the table: shown and highlighted on the map. */
  shownLine: TableRow | null;
  showLine(row: TableRow | null): void;
  /** The lines the filter keeps as a CSV file, in the table's order. */
  exportView(): Promise<void>;
  /** The same as CSV on the clipboard, up to COPY_LIMIT lines (a spreadsheet paste, not an archive); what was copied. */
  copyView(): Promise<{ lines: number; of: number } | null>;
  /** Box drawn on the map (Shift-drag): the view narrows to the lines inside it. */
  selectBox(bbox: [number, number, number, number] | null): Promise<void>;
  /** A freehand shape drawn on the map: the view narrows to the lines inside it. */
  selectLasso(ring: [number, number][] | null): Promise<void>;
  /** Points picked on the map (Shift-click): the view narrows to those lines, and the table opens on them. */
  pickLines(ids: number[]): Promise<void>;
  /** The same for every kept line whose point is in [west, south, east, north] (the map holds one point per cell). */
  pickLinesIn(bbox: [number, number, number, number]): Promise<void>;
  /**
   * Names the filter the map's point tiles are made for (the explored one): a new name with every new answer, so
   * the map asks for its tiles again; null before the first.
   */
  pointTiles: string | null;
  /**
   * One tile of the points, or of the clustered view, for the filter named `key`; empty for a name that is no longer
   * the map's (a tile asked before a change).
   */
  spendTile(layer: 'points' | 'clusters', key: string, z: number, x: number, y: number): Promise<Uint8Array>;
  /**
   * Called after any change to the project, to read options and totals again. `loaded` (the new map data and the
   * state that goes with it) is set together with the first totals, so the map's first style is already final.
   */
  refreshExplore(loaded?: Partial<AppState> & { mapData: MapData }): Promise<void>;
  /** What the ward shading shows: £ or number of lines (£ per resident needs a population the wards do not carry yet). */
  wardMetric: WardMetric;
  classMethod: ClassMethod;
  /** Where service areas meet below ward level: H3 hexes of the filtered lines (when the layer is on). */
  hexResolution: number;
  hexes: FeatureCollection<Polygon, HexProperties> | null;
  setHexResolution(resolution: number): Promise<void>;
  loadHexes(): Promise<void>;
  setWardMetric(metric: WardMetric): void;
  setClassMethod(method: ClassMethod): void;
}

/** The shading's classes for the wards' current figures. */
export function wardClasses(wards: readonly WardProperties[], metric: WardMetric, method: ClassMethod): ChoroplethClass[] {
  if (metric === 'mix') return mixClasses(MIX_COLOURS);
  const values =
    metric === 'per-resident'
      ? wards.filter((w) => (w.population ?? 0) > 0).map((w) => w.perResident ?? 0)
      : wards.map((w) => (metric === 'lines' ? w.lines : w.total));
  return classify(values, method, undefined, metricFormat(metric));
}

export function exploreSlice(set: Set, get: Get, deps: Deps): ExploreSlice {
  let exploreSeq = 0;
  let tableSeq = 0;
  let searchSeq = 0;
  let boxSeq = 0;
  let hexSeq = 0;
  let tilesSeq = 0;
  // The filter each point tiles name stands for: only the map's current one is kept.
  let tilesFilter: { key: string; filter: SpendFilter } | null = null;

  const wardsWith = (result: ExploreResult, data = get().mapData): MapData['wards'] | null => {
    if (!data) return null;
    const byCode = new Map(result.wards.map((w) => [w.code, w]));
    return {
      type: 'FeatureCollection',
      // The geometry objects are shared with mapData: only the numbers change with a filter.
      features: data.wards.features.map((f) => {
        const p = byCode.get(f.properties.code) ?? { ...f.properties, total: 0, lines: 0 };
        return { ...f, properties: { ...p, mix: mixOf(p, { minShare: get().meetParams.minShare }).count } };
      }),
    };
  };

  function reclass(): void {
    const wards = get().filteredWards ?? get().mapData?.wards ?? null;
    if (wards) set({ classes: wardClasses(wards.features.map((f) => f.properties), get().wardMetric, get().classMethod) });
  }

  async function apply(loaded?: Partial<AppState> & { mapData: MapData }): Promise<void> {
    const request = ++exploreSeq;
    const filter = get().filter;
    const result = await deps.engine.explore(filter);
    // Typing in the supplier box sends a filter per key: only the answer to the latest one is shown.
    if (request !== exploreSeq) {
      if (loaded) set(loaded);
      return;
    }
    const filteredWards = wardsWith(result, loaded?.mapData ?? get().mapData);
    // £ per resident needs populations; wards opened since without them fall back to £.
    if (get().wardMetric === 'per-resident' && !result.wards.some((w) => (w.population ?? 0) > 0)) set({ wardMetric: 'pence' });
    tilesFilter = { key: `f${++tilesSeq}`, filter };
    set({
      ...loaded,
      pointTiles: tilesFilter.key,
      explored: result,
      filteredWards,
      classes: wardClasses(result.wards, get().wardMetric, get().classMethod),
      table: null,
    });
    const selected = get().selectedWard;
    // The table's first page only while it is open (opening it asks): sorting every kept line for a closed table
    // kept the engine from the map's first point tiles.
    const work: Promise<unknown>[] = [get().tableOpen ? get().loadTableRows(0, TABLE_WINDOW - 1) : Promise.resolve(), get().loadHexes(), get().loadMeeting()];
    if (selected) work.push(get().selectWard(selected));
    const compared = get().compareWard;
    if (compared) work.push(get().setCompareWard(compared));
    await Promise.all(work);
  }

  return {
    filter: defaultFilter(),
    filterOptions: null,
    explored: null,
    filteredWards: null,
    supplierMatches: [],
    async setFilter(next) {
      const filter = typeof next === 'function' ? next(get().filter) : next;
      set({ filter });
      await apply();
    },
    async clearFilter(key) {
      await get().setFilter(key ? clearChip(get().filter, key) : defaultFilter());
    },
    toggleArea(area) {
      const areas = get().filter.areas;
      const next = areas.includes(area) ? areas.filter((a) => a !== area) : SERVICE_AREAS.filter((a) => a === area || areas.includes(a));
      void get().setFilter({ ...get().filter, areas: next });
    },
    searchResults: [],
    async search(text) {
      const request = ++boxSeq;
      const results = text.trim().length >= 2 ? await deps.engine.search(text) : [];
      if (request === boxSeq) set({ searchResults: results });
    },
    async chooseSearchResult(result) {
      set({ searchResults: [] });
      if (result.kind === 'ward' && result.wardCode) {
        await get().goToWard(result.wardCode);
        return;
      }
      if (result.bounds) set({ focus: { bounds: result.bounds, seq: (get().focus?.seq ?? 0) + 1 } });
      const supplier = result.supplier;
      if (result.kind === 'supplier' && supplier) await get().setFilter((f) => ({ ...f, suppliers: [supplier] }));
    },
    async searchSuppliers(text) {
      const request = ++searchSeq;
      const matches = text.trim() ? await deps.engine.searchSuppliers(text, 12) : [];
      if (request === searchSeq) set({ supplierMatches: matches });
    },

    tableOpen: false,
    toggleTable(open) {
      set({ tableOpen: open ?? !get().tableOpen });
      if (get().tableOpen && !get().table) void get().loadTableRows(0, TABLE_WINDOW - 1);
    },
    wardTableOpen: false,
    toggleWardTable(open) {
      set({ wardTableOpen: open ?? !get().wardTableOpen });
    },
    tableSort: { key: 'amount', descending: true },
    async setTableSort(sort) {
      set({ tableSort: sort, table: null });
      await get().loadTableRows(0, TABLE_WINDOW - 1);
    },
    table: null,
    async loadTableRows(first, last) {
      const t = get().table;
      if (t && first >= t.offset && last < t.offset + t.rows.length) return;
      if (t && t.total > 0 && first >= t.total) return;
      const request = ++tableSeq;
      // Centre the window on what is asked for, so scrolling either way has rows ready.
      const offset = Math.max(0, first - Math.floor((TABLE_WINDOW - (last - first + 1)) / 2));
      const page = await deps.engine.tableRows(get().filter, get().tableSort, offset, Math.max(TABLE_WINDOW, last - first + 1));
      if (request !== tableSeq) return;
      set({ table: { ...page, seq: request } });
    },
    shownLine: null,
    showLine(row) {
      set({ shownLine: row });
      if (row && row.lon !== null && row.lat !== null) {
        // A small box around the point: the map's fitBounds then flies there at street level.
        const d = 0.0015;
        set({ focus: { bounds: [row.lon - d, row.lat - d, row.lon + d, row.lat + d], seq: (get().focus?.seq ?? 0) + 1 } });
      }
    },
    async exportView() {
      const csv = await deps.engine.exportCsv(get().filter, get().tableSort);
      const name = `${(get().summary?.name ?? 'spend').replace(/[/\\:*?"<>|]+/g, ' ').trim() || 'spend'} - spend lines.csv`;
      await deps.platform.saveFile({ title: 'Export spend lines', suggestedName: name, filters: [{ name: 'CSV', extensions: ['csv'] }] }, new TextEncoder().encode(csv));
    },
    async copyView() {
      const of = get().explored?.lines ?? 0;
      const csv = await deps.engine.exportCsv(get().filter, get().tableSort, COPY_LIMIT);
      try {
        await deps.platform.copyText(csv);
      } catch (e) {
        set({ alert: { title: 'The lines could not be copied', problems: [], message: `The clipboard refused them (${(e as Error).message}). Export CSV… writes the same lines to a file.` } });
        return null;
      }
      return { lines: Math.min(of, COPY_LIMIT), of };
    },
    async selectBox(bbox) {
      await get().setFilter({ ...get().filter, bbox });
    },
    async selectLasso(ring) {
      await get().setFilter({ ...get().filter, lasso: ring });
    },
    async pickLines(ids) {
      // Opened without asking for rows: the new filter's answer fetches the table's first page.
      set({ tableOpen: true });
      await get().setFilter({ ...get().filter, picked: ids });
    },
    async pickLinesIn(bbox) {
      const ids = await deps.engine.linesIn(get().filter, bbox);
      if (ids.length > 0) await get().pickLines(ids);
    },
    pointTiles: null,
    async spendTile(layer, key, z, x, y) {
      if (tilesFilter?.key !== key) return new Uint8Array(0);
      return layer === 'clusters' ? deps.engine.clusterTile(tilesFilter.filter, z, x, y) : deps.engine.spendTile(tilesFilter.filter, z, x, y);
    },
    hexResolution: DEFAULT_HEX_RESOLUTION,
    hexes: null,
    async setHexResolution(resolution) {
      // The resolution is one of the project's meeting-place parameters, saved with it.
      await get().setMeetParams({ ...get().meetParams, hexResolution: resolution });
    },
    async loadHexes() {
      if (!get().mapLayers.hexes) return;
      const request = ++hexSeq;
      const hexes = await deps.engine.hexes(get().filter, get().hexResolution);
      if (request === hexSeq) set({ hexes });
    },
    wardMetric: 'pence',
    classMethod: 'quantiles',
    setWardMetric(metric) {
      set({ wardMetric: metric });
      reclass();
    },
    setClassMethod(method) {
      set({ classMethod: method });
      reclass();
    },
    async refreshExplore(loaded) {
      const options = await deps.engine.filterOptions();
      set({ filterOptions: options, shownLine: null });
      await apply(loaded);
    },
  };
}
