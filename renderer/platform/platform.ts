// What the rest of the renderer may ask of the shell it runs in, whichever shell that is.

import type { MenuCommand, OpenedFile, OpenedProjectFile, OpenFileRequest, ProjectFileRef, RecentProject, RecoveryFile, SavedFile, SaveFileRequest, SaveProjectResult } from './bridge';

/** Project files as each shell keeps them: the desktop by path (behind opaque ids), the web shell by picker and download. */
export interface ProjectFiles {
  openProject(): Promise<OpenedProjectFile | null>;
  openRecentProject(id: string): Promise<OpenedProjectFile>;
  /** Desktop: atomic write (dialog when never saved or saveAs). Web shell: a download of the same bytes. */
  saveProject(ref: ProjectFileRef | null, suggestedName: string, bytes: Uint8Array, saveAs: boolean): Promise<SaveProjectResult>;
  /** Desktop: the recent list. Web shell: none (a browser page cannot reopen a file by itself). */
  recentProjects(): Promise<RecentProject[]>;
  writeRecovery(projectName: string, ref: ProjectFileRef | null, bytes: Uint8Array): Promise<void>;
  readRecovery(): Promise<RecoveryFile | null>;
  clearRecovery(): Promise<void>;
  /** The window title and whether closing should ask first. */
  setDocumentState(state: { title: string; dirty: boolean }): void;
  closeWindow(): void;
}

export interface Platform extends ProjectFiles {
  openFile(request: OpenFileRequest): Promise<OpenedFile | null>;
  /** Desktop: a save dialog and an atomic write. Web shell: a download of the same bytes. */
  saveFile(request: SaveFileRequest, bytes: Uint8Array): Promise<SavedFile>;
  /** Files bundled with the app (the demo project), by path relative to the app. */
  readBundled(path: string): Promise<Uint8Array>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

export async function fetchBundled(path: string): Promise<Uint8Array> {
  const response = await fetch(new URL(path, document.baseURI));
  if (!response.ok) throw new Error(`The app's own file ${path} could not be read (${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}
