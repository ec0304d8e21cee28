// The contract between the renderer and the desktop shell's preload. Types only: both TypeScript projects read it.

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface OpenFileRequest {
  title: string;
  filters: FileFilter[];
}

export interface SaveFileRequest {
  title: string;
  /** The file name offered, e.g. "rules.json"; the person may change it (desktop) or the browser may (web). */
  suggestedName: string;
  filters: FileFilter[];
}

/** A page printed to PDF: where to offer saving it (suggestedName ends in .pdf), and which way up the A4 paper goes. */
export interface PrintRequest extends SaveFileRequest {
  landscape: boolean;
}

/** Where the file went: the name it was saved under, or null when the person cancelled. */
export type SavedFile = { name: string } | null;

export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
}

export type MenuCommand =
  | 'new-project' | 'open-project' | 'open-recent' | 'save-project' | 'save-project-as'
  /** The window is closing with unsaved work and the person chose Save: save, then call closeWindow. */
  | 'save-then-close'
  | 'open-wards' | 'open-demo' | 'import-spend' | 'edit-rules' | 'add-postcodes' | 'add-uprns' | 'add-places' | 'load-basemap' | 'briefs-all-wards'
  | 'story' | 'present';

export const MENU_COMMANDS: readonly MenuCommand[] = [
  'new-project', 'open-project', 'open-recent', 'save-project', 'save-project-as', 'save-then-close',
  'open-wards', 'open-demo', 'import-spend', 'edit-rules', 'add-postcodes', 'add-uprns', 'add-places', 'load-basemap', 'briefs-all-wards', 'story', 'present',
];

/**
 * A project file as the renderer knows it: an opaque id the shell maps to a path it chose through its own dialog
 * or its recent list. The renderer never sees or sends a path, so a compromised page cannot write anywhere else.
 */
export interface ProjectFileRef {
  id: string;
  /** The file's name, for the window title and messages, e.g. "Kilburn spend.gpkg". */
  name: string;
}

export interface OpenedProjectFile {
  ref: ProjectFileRef;
  bytes: Uint8Array;
}

export interface RecentProject {
  ref: ProjectFileRef;
  /** The folder, for telling two files of one name apart. */
  folder: string;
  /** ISO 8601: when it was last opened or saved. */
  usedAt: string;
  /** False when the file has gone (moved or deleted) since. */
  exists: boolean;
}

/** Unsaved work kept beside the app, every 30 s, for the next start to offer back after a crash. */
export interface RecoveryFile {
  /** The project's name as shown, e.g. "Fenmarsh (demo)". */
  projectName: string;
  /** The file the work belongs to, when it had been saved or opened from one. */
  ref: ProjectFileRef | null;
  /** ISO 8601: when the recovery copy was written. */
  savedAt: string;
  bytes: Uint8Array;
}

/**
 * A folder the person chose for a batch of files (area briefs), as the renderer knows it: an opaque id the shell maps
 * to the path chosen in its folder dialog, for this run of the app only. The renderer never sees or sends the path.
 */
export interface FolderRef {
  id: string;
  /** The folder's own name (the last part of its path), for messages, e.g. "Briefs March". */
  name: string;
}

/** Why a save failed, in words for the person, with the file left as it was. */
export type SaveProjectResult = { ok: true; ref: ProjectFileRef } | { ok: false; cancelled: true } | { ok: false; cancelled: false; reason: string };

/**
 * Project files as a shell keeps them: the desktop by path (behind opaque ids), the web shell by picker and download.
 * The bridge carries them as they are; the web shell implements them itself.
 */
export interface ProjectFiles {
  /** The open dialog for projects (.gpkg). Null when the person cancelled. */
  openProject(): Promise<OpenedProjectFile | null>;
  /** Reads a project from the recent list again; throws with the reason when it cannot (moved, unreadable). */
  openRecentProject(id: string): Promise<OpenedProjectFile>;
  /**
   * Writes the project atomically: to `ref`'s file, or, when ref is null (never saved) or saveAs, wherever the person
   * chooses in the save dialog (suggestedName offered). A failure leaves the earlier file whole and says why.
   * The web shell downloads the same bytes instead.
   */
  saveProject(ref: ProjectFileRef | null, suggestedName: string, bytes: Uint8Array, saveAs: boolean): Promise<SaveProjectResult>;
  /** The recent list (none in the web shell: a page cannot reopen a file by itself). */
  recentProjects(): Promise<RecentProject[]>;
  /** Replaces the recovery copy (one per app: the work of the one window). */
  writeRecovery(projectName: string, ref: ProjectFileRef | null, bytes: Uint8Array): Promise<void>;
  readRecovery(): Promise<RecoveryFile | null>;
  clearRecovery(): Promise<void>;
  /** Tells the shell whether there is unsaved work, so closing the window can ask first, and the title to show. */
  setDocumentState(state: { title: string; dirty: boolean }): void;
  /** Closes the window without asking again (after save-then-close has saved). */
  closeWindow(): void;
}

/** Exposed by electron/preload.ts as window.placelens; one method per IPC channel. */
export interface Bridge extends ProjectFiles {
  openFile(request: OpenFileRequest): Promise<OpenedFile | null>;
  /** Asks where to save, then writes the bytes atomically (a failed write leaves any earlier file whole). */
  saveFile(request: SaveFileRequest, bytes: Uint8Array): Promise<SavedFile>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * Prints the calling window's current page to an A4 PDF and saves it where the person chooses, atomically
   * (a failed print or write leaves any earlier file whole). Null when the person cancelled.
   */
  printToPdf(request: PrintRequest): Promise<SavedFile>;
  /** The folder dialog (a new folder may be made in it) for a batch of files. Null when the person cancelled. */
  chooseFolder(title: string): Promise<FolderRef | null>;
  /**
   * Prints the calling window's current page to an A4 PDF, as printToPdf does, and writes it atomically as fileName
   * (a plain name ending in .pdf) in a folder from chooseFolder, replacing a file of that name. A failed print or
   * write rejects with the reason and leaves any earlier file whole.
   */
  printToPdfInFolder(folder: FolderRef, fileName: string, landscape: boolean): Promise<{ name: string }>;
  /** Writes the bytes atomically as fileName (a plain name ending in .html, .csv or .pdf) in a folder from chooseFolder. */
  writeFileInFolder(folder: FolderRef, fileName: string, bytes: Uint8Array): Promise<{ name: string }>;
  /**
   * Opens the presenter view's audience window: a second window of the app at index.html?audience=<channel>, full
   * screen on a second display when there is one. Opening again reuses that window with the new channel. True when
   * the window is there (it is still loading); the channel must pass isAudienceChannel or the call rejects.
   */
  openAudienceWindow(channel: string): Promise<boolean>;
}

export const CHANNELS = {
  openFile: 'placelens:open-file',
  saveFile: 'placelens:save-file',
  menuCommand: 'placelens:menu-command',
  openProject: 'placelens:open-project',
  openRecentProject: 'placelens:open-recent-project',
  saveProject: 'placelens:save-project',
  recentProjects: 'placelens:recent-projects',
  writeRecovery: 'placelens:write-recovery',
  readRecovery: 'placelens:read-recovery',
  clearRecovery: 'placelens:clear-recovery',
  setDocumentState: 'placelens:set-document-state',
  closeWindow: 'placelens:close-window',
  printToPdf: 'placelens:print-to-pdf',
  chooseFolder: 'placelens:choose-folder',
  printToPdfInFolder: 'placelens:print-to-pdf-in-folder',
  writeFileInFolder: 'placelens:write-file-in-folder',
  openAudienceWindow: 'placelens:open-audience-window',
} as const;

/**
 * An audience window's channel id: lowercase letters and digits only, so it goes into a URL and a BroadcastChannel
 * name as it is, with nothing to escape.
 */
export const AUDIENCE_CHANNEL_PATTERN = /^[a-z0-9]{8,32}$/;

export function isAudienceChannel(v: unknown): v is string {
  return typeof v === 'string' && AUDIENCE_CHANNEL_PATTERN.test(v);
}

/** Largest file the renderer may ask the shell to write. */
export const MAX_SAVE_BYTES = 1024 * 1024 * 1024;

/** Largest file the shell will read for the renderer; bigger files need streaming import. */
export const MAX_OPEN_BYTES = 512 * 1024 * 1024;
