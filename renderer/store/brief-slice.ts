// The area brief: which area, the brief built from the engine's facts, and printing it to PDF.

import type { StoreApi } from 'zustand/vanilla';
import { buildBrief, type Brief, type BriefArea } from '../domain/brief';
import type { AppState, Deps } from './store';
import type { SpendFilter } from '../domain/spend-filter';
import { briefFileName, briefIndex, type BriefWritten } from '../domain/brief-batch';
import { formatWholePounds } from '../domain/money';

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

export interface BriefSlice {
  /** The brief shown in place of the app (its print view); null when none is open. */
  brief: { area: BriefArea; brief: Brief | null; landscape: boolean; mapReady: boolean } | null;
  /** Builds the brief for an area (a ward's code, or any BriefArea) under the current filters and shows it. */
  openBrief(area: BriefArea | string): Promise<void>;
  closeBrief(): void;
  setBriefLandscape(landscape: boolean): void;
  /** Called by the brief's map once it is drawn: only then is the page ready to print. */
  briefMapReady(): void;
  /** Desktop: saves the brief as a PDF where the person chooses. Web shell: the browser's print dialog. */
  printBrief(): Promise<void>;
  /** A batch of every ward's brief in progress (desktop): how far, and whether Stop was asked. */
  briefBatch: { done: number; total: number; current: string; stopping: boolean } | null;
  /** Desktop: every ward's brief as a PDF in a chosen folder, with index.html and index.csv. Web shell: says how. */
  briefsForAllWards(): Promise<void>;
  stopBriefBatch(): void;
  /** The main map's visible bounds, as MapView last reported them. */
  mapView: [number, number, number, number] | null;
  setMapView(bounds: [number, number, number, number]): void;
  /** Export map image… is open. */
  mapImageOpen: boolean;
  openMapImage(open: boolean): void;
  /** Saves a finished map picture (PNG bytes). */
  saveMapImage(bytes: Uint8Array, suggestedName: string): Promise<void>;
  /** The brief's area's spend lines, under the same filters, as a CSV or GeoJSON file. */
  exportBriefData(format: 'csv' | 'geojson'): Promise<void>;
}

export function briefSlice(set: Set, get: Get, deps: Deps): BriefSlice {
  let seq = 0;
  return {
    brief: null,
    async openBrief(which) {
      const request = ++seq;
      const area: BriefArea = typeof which === 'string' ? { kind: 'ward', code: which } : which;
      // For end-to-end tests: the shape a drawn-area brief was made for, to ask the engine the same question.
      if (area.kind === 'shape') (globalThis as { __placelensLastBriefArea?: unknown }).__placelensLastBriefArea = area.ring;
      set({ brief: { area, brief: null, landscape: get().brief?.landscape ?? false, mapReady: false } });
      const filter = briefFilter(area, get().filter);
      globalThis.performance?.mark?.('placelens:brief-asked');
      const facts = await deps.engine.briefFacts(area, filter);
      globalThis.performance?.mark?.('placelens:brief-facts');
      if (request !== seq) return;
      if (!facts) {
        set({ brief: null, alert: { title: 'There is nothing in this project for that brief', problems: [], message: 'The ward or meeting place is no longer there, or the shape has fewer than three corners.' } });
        return;
      }
      const basemap = get().basemap;
      set({ brief: { ...get().brief!, brief: buildBrief({ ...facts, basemapAttribution: basemap?.attribution ?? null }) } });
    },
    closeBrief() {
      seq++;
      set({ brief: null });
    },
    setBriefLandscape(landscape) {
      const b = get().brief;
      // The map is drawn again at the new page shape.
      if (b) set({ brief: { ...b, landscape, mapReady: false } });
    },
    briefMapReady() {
      const b = get().brief;
      if (b && !b.mapReady) {
        globalThis.performance?.mark?.('placelens:brief-map');
        set({ brief: { ...b, mapReady: true } });
      }
    },
    briefBatch: null,
    stopBriefBatch() {
      const b = get().briefBatch;
      if (b) set({ briefBatch: { ...b, stopping: true } });
    },
    async briefsForAllWards() {
      const folders = deps.platform.briefFolder;
      if (!folders) {
        set({ alert: { title: 'Briefs for all wards are made by the desktop app or the command line', problems: [], message: 'In this web page, open one ward\'s brief and use Export PDF… (your browser\'s Save as PDF). For every ward at once: npm run placelens -- briefs PROJECT.gpkg --all-wards --out FOLDER.' } });
        return;
      }
      const wards = [...(get().mapData?.wards.features ?? [])].map((w) => w.properties).sort((a, b) => a.name.localeCompare(b.name));
      if (wards.length === 0) return;
      const folder = await folders.choose('Choose the folder for the area briefs');
      if (!folder) return;
      const written: BriefWritten[] = [];
      set({ briefBatch: { done: 0, total: wards.length, current: wards[0]!.name, stopping: false } });
      try {
        for (const w of wards) {
          if (get().briefBatch?.stopping) break;
          set({ briefBatch: { ...get().briefBatch!, current: w.name } });
          const t0 = performance.now();
          await get().openBrief(w.code);
          // The PDF is printed from the page as drawn: wait for the brief's map.
          while (!get().brief?.mapReady) {
            if (!get().brief) throw new Error(`the brief for ${w.name} could not be made`);
            await new Promise((r) => setTimeout(r, 50));
          }
          const b = get().brief!;
          const file = briefFileName(w.name, w.code);
          await folders.printPdf(folder, file, b.landscape);
          const f = b.brief!.facts;
          written.push({ code: w.code, name: w.name, file, total: formatWholePounds(f.totalPence), lines: f.lines.toLocaleString('en-GB'), ms: performance.now() - t0 });
          set({ briefBatch: { ...get().briefBatch!, done: written.length } });
        }
        const stopped = written.length < wards.length ? written.length : null;
        const index = briefIndex(get().summary?.name ?? 'Project', written, stopped);
        await folders.writeFile(folder, 'index.html', new TextEncoder().encode(index.html));
        await folders.writeFile(folder, 'index.csv', new TextEncoder().encode(index.csv));
        set({ alert: { title: `${written.length} area briefs saved in ${folder.name}${stopped === null ? '' : ' (stopped before the rest)'}`, problems: [], message: 'index.html lists them, with each ward\'s spend.' } });
      } catch (e) {
        set({ alert: { title: `The briefs stopped after ${written.length} of ${wards.length}`, problems: [], message: (e as Error).message } });
      } finally {
        set({ briefBatch: null });
      }
    },
    mapView: null,
    setMapView(bounds) {
      set({ mapView: bounds });
    },
    mapImageOpen: false,
    openMapImage(open) {
      set({ mapImageOpen: open });
    },
    async saveMapImage(bytes, suggestedName) {
      await deps.platform.saveFile({ title: 'Export map image', suggestedName, filters: [{ name: 'PNG image', extensions: ['png'] }] }, bytes);
    },
    async exportBriefData(format) {
      const b = get().brief;
      if (!b?.brief) return;
      const text = await deps.engine.exportArea(b.area, briefFilter(b.area, get().filter), format);
      const name = `${safeName(b.brief.facts.area.name)} - spend lines.${format}`;
      await deps.platform.saveFile(
        { title: `Export the area's spend lines as ${format === 'csv' ? 'CSV' : 'GeoJSON'}`, suggestedName: name, filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'GeoJSON', extensions: ['geojson'] }] },
        new TextEncoder().encode(text),
      );
    },
    async printBrief() {
      const b = get().brief;
      if (!b?.brief || !b.mapReady) return;
      const name = `${safeName(b.brief.facts.area.name)} - area brief.pdf`;
      await deps.platform.printPage({ title: 'Export brief as PDF', suggestedName: name, filters: [{ name: 'PDF', extensions: ['pdf'] }], landscape: b.landscape });
    },
  };
}

/** A drawn shape is the brief's area, not also a filter on it. */
function briefFilter(area: BriefArea, filter: SpendFilter): SpendFilter {
  return area.kind === 'shape' ? { ...filter, lasso: null, bbox: null } : filter;
}

function safeName(name: string): string {
  return name.replace(/[/\\:*?"<>|]+/g, ' ').trim().slice(0, 80) || 'Area';
}
