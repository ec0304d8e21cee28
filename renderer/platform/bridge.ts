// The contract between the renderer and the desktop shell's preload. Types only: both TypeScript projects read it.

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface OpenFileRequest {
  title: string;
  filters: FileFilter[];
}

export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
}

export type MenuCommand = 'open-wards' | 'open-demo' | 'import-spend';

export const MENU_COMMANDS: readonly MenuCommand[] = ['open-wards', 'open-demo', 'import-spend'];

/** Exposed by electron/preload.ts as window.placelens; one method per IPC channel. */
export interface Bridge {
  openFile(request: OpenFileRequest): Promise<OpenedFile | null>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

export const CHANNELS = {
  openFile: 'placelens:open-file',
  menuCommand: 'placelens:menu-command',
} as const;

/** Largest file the shell will read for the renderer; bigger files need streaming import. */
export const MAX_OPEN_BYTES = 512 * 1024 * 1024;
