// Live annotations: notes pinned or drawn on the map during a workshop, kept in the project and exported.

import type { StoreApi } from 'zustand/vanilla';
import type { Annotation } from '../domain/annotation';
import type { ServiceArea } from '../domain/service-areas';
import type { Point, Polygon } from 'geojson';
import type { AppState, Deps } from './store';

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

export interface NotesSlice {
  annotations: Annotation[];
  /** What a click (pin) or a drag (area) on the map does next; null for the map's usual behaviour. */
  noteMode: 'pin' | 'area' | null;
  setNoteMode(mode: 'pin' | 'area' | null): void;
  /** A note being written: where it goes, and the slide it will be tagged to. */
  noteDraft: { geometry: Point | Polygon; slideId: string | null } | null;
  /** The map's click or drawing ends the mode and opens the note for writing. */
  placeNote(geometry: Point | Polygon): void;
  cancelNote(): void;
  /** Stores the note being written; false (and the reason shown) when it was refused. */
  saveNote(note: string, area: ServiceArea | null, slideId: string | null): Promise<boolean>;
  editNote(id: number, patch: Partial<Pick<Annotation, 'note' | 'area' | 'slideId'>>): Promise<void>;
  deleteNote(id: number): Promise<void>;
  /** The note last deleted, until Undo or the next deletion. */
  removedNote: Annotation | null;
  undoDeleteNote(): Promise<void>;
  loadAnnotations(): Promise<void>;
  exportNotes(format: 'csv' | 'geojson'): Promise<void>;
}

export function notesSlice(set: Set, get: Get, deps: Deps): NotesSlice {
  const refused = (reason: string) => set({ alert: { title: 'The note was not saved', problems: [], message: `It could not be kept: ${reason}.` } });
  return {
    annotations: [],
    noteMode: null,
    setNoteMode(mode) {
      set({ noteMode: mode });
    },
    noteDraft: null,
    placeNote(geometry) {
      const s = get();
      // Said while a slide is on screen: tagged to it; otherwise to the slide last shown, which the person can change.
      const slideId = s.presenting ? (s.slides[s.presenting.index]?.id ?? null) : s.currentSlide;
      set({ noteMode: null, noteDraft: { geometry, slideId } });
    },
    cancelNote() {
      set({ noteDraft: null, noteMode: null });
    },
    async saveNote(note, area, slideId) {
      const draft = get().noteDraft;
      if (!draft) return false;
      const result = await deps.engine.addAnnotation({ geometry: draft.geometry, note, area, slideId });
      if (!result.ok) {
        refused(result.reason);
        return false;
      }
      set({ noteDraft: null, annotations: [...get().annotations, result.annotation] });
      get().markChanged();
      return true;
    },
    async editNote(id, patch) {
      const before = get().annotations.find((a) => a.id === id);
      if (!before || (Object.keys(patch) as (keyof typeof patch)[]).every((k) => patch[k] === before[k])) return;
      const result = await deps.engine.updateAnnotation(id, patch);
      if (!result.ok) {
        refused(result.reason);
        return;
      }
      set({ annotations: get().annotations.map((a) => (a.id === id ? result.annotation : a)) });
      get().markChanged();
    },
    removedNote: null,
    async deleteNote(id) {
      const removed = await deps.engine.deleteAnnotation(id);
      if (!removed) return;
      set({ annotations: get().annotations.filter((a) => a.id !== id), removedNote: removed });
      get().markChanged();
    },
    async undoDeleteNote() {
      const removed = get().removedNote;
      if (!removed) return;
      const result = await deps.engine.addAnnotation({ geometry: removed.geometry, note: removed.note, area: removed.area, slideId: removed.slideId }, removed.createdAt);
      set({ removedNote: null });
      if (!result.ok) return refused(result.reason);
      // Back in the order it was made, though it is stored again under a new number.
      set({ annotations: [...get().annotations, result.annotation].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id) });
      get().markChanged();
    },
    async loadAnnotations() {
      set({ annotations: await deps.engine.annotations(), removedNote: null, noteDraft: null, noteMode: null });
    },
    async exportNotes(format) {
      const text = await deps.engine.exportAnnotations(format);
      const base = `${(get().summary?.name ?? 'workshop').replace(/[/\\:*?"<>|]+/g, ' ').trim() || 'workshop'} - what we heard`;
      await deps.platform.saveFile(
        format === 'csv'
          ? { title: 'Export notes', suggestedName: `${base}.csv`, filters: [{ name: 'CSV', extensions: ['csv'] }] }
          : { title: 'Export notes', suggestedName: `${base}.geojson`, filters: [{ name: 'GeoJSON', extensions: ['geojson'] }] },
        new TextEncoder().encode(text),
      );
    },
  };
}
