// The project as a file: new, open, save, save as, recent projects, unsaved changes and the recovery copy.

import type { StoreApi } from 'zustand/vanilla';
import type { FileInput, GeoPackageLayerInfo, ProjectSummary } from '../engine/contract';
import type { ProjectFileRef, RecentProject } from '../platform/bridge';
import type { AppState, Deps } from './store';

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

export interface FileSlice {
  /** The file the project was opened from or last saved to; null while it has never been saved (the demo, a new one). */
  projectFile: ProjectFileRef | null;
  /** Changes not yet saved. */
  dirty: boolean;
  /** Counts changes, so autosave writes only when something changed since its last copy. */
  changeSeq: number;
  /** The recent-projects list while it is shown; null when closed. */
  recentProjects: RecentProject[] | null;
  /** A GeoPackage that is not a project, with its layers, while the person chooses what to read from it. */
  geopackageChoice: { file: FileInput; layers: GeoPackageLayerInfo[] } | null;
  /** Reads a layer of the GeoPackage being chosen from, as the wards or as a places register. */
  readGeoPackageLayer(table: string, as: 'wards' | 'places'): Promise<void>;
  closeGeoPackageChoice(): void;
  /** Work left unsaved by a crash, offered back at start. */
  recoveryOffer: { projectName: string; savedAt: string } | null;
  newProject(): Promise<void>;
  /** File › Open project…: a PlaceLens .gpkg. */
  openProject(): Promise<void>;
  /** A project file already in hand (dropped on the window); a GeoPackage that is not a project is offered as wards. */
  openProjectFile(file: FileInput, ref: ProjectFileRef | null): Promise<void>;
  showRecent(): Promise<void>;
  openRecent(id: string): Promise<void>;
  closeRecent(): void;
  /** Save (or Save as…); true when the project is now safely on disk. */
  saveProject(saveAs?: boolean): Promise<boolean>;
  /** The window is closing and the person chose Save: save, then close if that worked. */
  saveThenClose(): Promise<void>;
  /** Writes the recovery copy when there are changes since the last one. */
  autosave(): Promise<void>;
  checkRecovery(): Promise<void>;
  recover(): Promise<void>;
  discardRecovery(): Promise<void>;
  /** Every action that changes the project calls this once it has. */
  markChanged(): void;
  /** The project was replaced (opened, new, demo): it matches its file, if any. */
  markOpened(file: ProjectFileRef | null): void;
}

/** "Kilburn spend.gpkg" for a saved project, else the project's own name. */
export function documentTitle(s: Pick<AppState, 'projectFile' | 'summary' | 'dirty'>): string {
  const name = s.projectFile?.name ?? s.summary?.name ?? 'PlaceLens';
  return `${s.dirty ? '• ' : ''}${name} — PlaceLens`;
}

/** The name offered when a project is first saved: its own name, made safe as a file name. */
function suggestedName(s: AppState): string {
  if (s.projectFile) return s.projectFile.name;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
  const base = (s.summary?.name ?? 'Untitled project').replace(/[/\\:*?"<>|\u0000-\u001f]+/g, ' ').trim().slice(0, 100) || 'Untitled project';
  return `${base}.gpkg`;
}

export function fileSlice(set: Set, get: Get, deps: Deps, refresh: (summary: ProjectSummary) => Promise<void>): FileSlice {
  let autosavedSeq = 0;

  /** Runs `then` now, or after the person agrees to lose unsaved changes. */
  function unlessUnsaved(what: string, then: () => Promise<void>): Promise<void> {
    if (!get().dirty) return then();
    const s = get();
    set({
      alert: {
        title: `Discard the unsaved changes to ${s.projectFile?.name ?? s.summary?.name ?? 'this project'}?`,
        message: `${what} replaces the open project. Save first (File › Save) to keep your changes.`,
        problems: [],
        action: { label: 'Discard changes', run: then },
      },
    });
    return Promise.resolve();
  }

  async function openBytes(file: FileInput, ref: ProjectFileRef | null, recovered: boolean): Promise<void> {
    set({ progress: { fraction: 0, label: `Opening ${file.name}` } });
    try {
      const result = await deps.engine.openProject(file, (progress) => set({ progress }));
      if (!result.ok) {
        if (result.geopackage) {
          // Not a project, but boundaries or places may be inside: the person says which layer is which.
          const layers = await deps.engine.geopackageLayers(file);
          set({ progress: null, ...(layers.ok ? { geopackageChoice: { file, layers: layers.layers } } : { alert: { title: `${file.name} could not be read`, problems: layers.problems } }) });
          return;
        }
        set({ progress: null, alert: { title: `${file.name} could not be opened; the open project is unchanged`, problems: result.problems } });
        return;
      }
      // The title and unsaved mark follow the engine at once; the map and panels catch up in refresh.
      set({ selectedWard: null, wardDetail: null, summary: result.summary });
      get().markOpened(ref);
      if (recovered) get().markChanged();
      await refresh(result.summary);
      if (result.migratedFrom !== null) {
        set({
          alert: {
            title: `${file.name} was made by an earlier PlaceLens`,
            message: `It opened as usual. It will be written in the current project format when you save it, after which older versions of PlaceLens cannot open it (format ${result.migratedFrom} → the current one). Until then the file is unchanged.`,
            problems: [],
          },
        });
      }
    } catch (e) {
      set({ progress: null, alert: { title: `${file.name} could not be opened; the open project is unchanged`, problems: [], message: (e as Error).message } });
    }
  }

  return {
    projectFile: null,
    dirty: false,
    changeSeq: 0,
    recentProjects: null,
    recoveryOffer: null,
    geopackageChoice: null,
    async readGeoPackageLayer(table, as) {
      const choice = get().geopackageChoice;
      if (!choice) return;
      set({ geopackageChoice: null });
      if (as === 'wards') await get().openWardsFile(choice.file, { layer: table });
      else await get().addReferenceFile('places', choice.file, { layer: table });
    },
    closeGeoPackageChoice() {
      set({ geopackageChoice: null });
    },
    markChanged() {
      set({ dirty: true, changeSeq: get().changeSeq + 1 });
    },
    markOpened(file) {
      autosavedSeq = get().changeSeq;
      set({ projectFile: file, dirty: false });
    },
    newProject() {
      return unlessUnsaved('A new project', async () => {
        const summary = await deps.engine.newProject('Untitled project');
        set({ selectedWard: null, wardDetail: null, summary });
        get().markOpened(null);
        await refresh(summary);
      });
    },
    openProject() {
      return unlessUnsaved('Opening a project', async () => {
        try {
          const picked = await deps.platform.openProject();
          if (picked) await openBytes({ name: picked.ref.name, bytes: picked.bytes }, picked.ref, false);
        } catch (e) {
          set({ alert: { title: 'The project could not be opened', problems: [], message: (e as Error).message } });
        }
      });
    },
    openProjectFile(file, ref) {
      return unlessUnsaved(`Opening ${file.name}`, () => openBytes(file, ref, false));
    },
    async showRecent() {
      set({ recentProjects: await deps.platform.recentProjects() });
    },
    closeRecent() {
      set({ recentProjects: null });
    },
    openRecent(id) {
      set({ recentProjects: null });
      return unlessUnsaved('Opening a project', async () => {
        try {
          const opened = await deps.platform.openRecentProject(id);
          await openBytes({ name: opened.ref.name, bytes: opened.bytes }, opened.ref, false);
        } catch (e) {
          set({ alert: { title: 'The project could not be opened', problems: [], message: (e as Error).message } });
        }
      });
    },
    async saveProject(saveAs = false) {
      const s = get();
      if (!s.summary) return false;
      const seq = s.changeSeq;
      set({ progress: { fraction: 0, label: 'Saving the project' } });
      try {
        const bytes = await deps.engine.saveProject();
        const result = await deps.platform.saveProject(s.projectFile, suggestedName(s), bytes, saveAs);
        set({ progress: null });
        if (!result.ok) {
          if (!result.cancelled) set({ alert: { title: 'The project was not saved; the file on disk is as it was', problems: [], message: result.reason } });
          return false;
        }
        // Changes made while the file was being written are not in it, and stay unsaved.
        set({ projectFile: result.ref, dirty: get().changeSeq !== seq });
        if (!get().dirty) await deps.platform.clearRecovery().catch(() => {});
        return true;
      } catch (e) {
        set({ progress: null, alert: { title: 'The project was not saved; the file on disk is as it was', problems: [], message: (e as Error).message } });
        return false;
      }
    },
    async saveThenClose() {
      if (await get().saveProject()) deps.platform.closeWindow();
    },
    async autosave() {
      const s = get();
      if (!s.dirty || !s.summary || s.changeSeq === autosavedSeq || s.importing) return;
      const seq = s.changeSeq;
      try {
        const bytes = await deps.engine.saveProject();
        await deps.platform.writeRecovery(s.summary.name, s.projectFile, bytes);
        autosavedSeq = seq;
      } catch {
        // A failed recovery copy must not interrupt work; the next tick tries again.
      }
    },
    async checkRecovery() {
      const found = await deps.platform.readRecovery().catch(() => null);
      if (found) set({ recoveryOffer: { projectName: found.projectName, savedAt: found.savedAt } });
    },
    async recover() {
      set({ recoveryOffer: null });
      const found = await deps.platform.readRecovery();
      if (!found) return;
      await openBytes({ name: found.ref?.name ?? `${found.projectName} (recovered)`, bytes: found.bytes }, found.ref, true);
    },
    async discardRecovery() {
      set({ recoveryOffer: null });
      await deps.platform.clearRecovery();
    },
  };
}
