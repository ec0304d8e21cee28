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

/** Where the file went: the name it was saved under, or null when the person cancelled. */
export type SavedFile = { name: string } | null;

export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
}

export type MenuCommand = 'open-wards' | 'open-demo' | 'import-spend' | 'edit-rules' | 'add-postcodes' | 'add-uprns' | 'add-places';

export const MENU_COMMANDS: readonly MenuCommand[] = ['open-wards', 'open-demo', 'import-spend', 'edit-rules', 'add-postcodes', 'add-uprns', 'add-places'];

/** Exposed by electron/preload.ts as window.placelens; one method per IPC channel. */
export interface Bridge {
  openFile(request: OpenFileRequest): Promise<OpenedFile | null>;
  /** Asks where to save, then writes the bytes atomically (a failed write leaves any earlier file whole). */
  saveFile(request: SaveFileRequest, bytes: Uint8Array): Promise<SavedFile>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

export const CHANNELS = {
  openFile: 'placelens:open-file',
  saveFile: 'placelens:save-file',
  menuCommand: 'placelens:menu-command',
} as const;

/** Largest file the renderer may ask the shell to write. */
export const MAX_SAVE_BYTES = 1024 * 1024 * 1024;

/** Largest file the shell will read for the renderer; bigger files need streaming import. */
export const MAX_OPEN_BYTES = 512 * 1024 * 1024;
