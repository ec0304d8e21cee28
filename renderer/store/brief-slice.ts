// The area brief: which area, the brief built from the engine's facts, and printing it to PDF.

import type { StoreApi } from 'zustand/vanilla';
import { buildBrief, type Brief, type BriefArea } from '../domain/brief';
import type { AppState, Deps } from './store';

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
      // A drawn shape is the brief's area, not also a filter on it.
      const filter = area.kind === 'shape' ? { ...get().filter, lasso: null, bbox: null } : get().filter;
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
    async printBrief() {
      const b = get().brief;
      if (!b?.brief || !b.mapReady) return;
      const name = `${b.brief.facts.area.name.replace(/[/\\:*?"<>|]+/g, ' ').trim().slice(0, 80) || 'Area'} - area brief.pdf`;
      await deps.platform.printPage({ title: 'Export brief as PDF', suggestedName: name, filters: [{ name: 'PDF', extensions: ['pdf'] }], landscape: b.landscape });
    },
  };
}
