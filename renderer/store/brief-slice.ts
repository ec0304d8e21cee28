// The area brief: which area, the brief built from the engine's facts, and printing it to PDF.

import type { StoreApi } from 'zustand/vanilla';
import { buildBrief, type Brief } from '../domain/brief';
import type { AppState, Deps } from './store';

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

export interface BriefSlice {
  /** The brief shown in place of the app (its print view); null when none is open. */
  brief: { code: string; brief: Brief | null; landscape: boolean; mapReady: boolean } | null;
  /** Builds the brief for a ward under the current filters and shows it. */
  openBrief(code: string): Promise<void>;
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
    async openBrief(code) {
      const request = ++seq;
      set({ brief: { code, brief: null, landscape: get().brief?.landscape ?? false, mapReady: false } });
      const facts = await deps.engine.briefFacts(code, get().filter);
      if (request !== seq || get().brief?.code !== code) return;
      if (!facts) {
        set({ brief: null, alert: { title: `No ward ${code} in this project`, problems: [] } });
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
      if (b && !b.mapReady) set({ brief: { ...b, mapReady: true } });
    },
    async printBrief() {
      const b = get().brief;
      if (!b?.brief || !b.mapReady) return;
      const name = `${b.brief.facts.area.name.replace(/[/\\:*?"<>|]+/g, ' ').trim() || b.code} - area brief.pdf`;
      await deps.platform.printPage({ title: 'Export brief as PDF', suggestedName: name, filters: [{ name: 'PDF', extensions: ['pdf'] }], landscape: b.landscape });
    },
  };
}
