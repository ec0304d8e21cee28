// Folders the person chose for a batch of files (area briefs): the id→path registry, and writing files into them.

import { randomUUID } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { MAX_SAVE_BYTES, type FolderRef } from '../renderer/platform/bridge';
import { isPlainFileName, writeFileAtomic } from './files';

/** What choosing a folder needs of Electron's dialog module. */
export interface FolderDialogApi {
  showOpenDialog(options: { title: string; properties: ['openDirectory', 'createDirectory'] }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** Printed into a folder: PDFs only. */
export const PRINT_EXTENSIONS: readonly string[] = ['pdf'];
/** Written into a folder: the briefs and their index, nothing a system would run. */
export const WRITE_EXTENSIONS: readonly string[] = ['html', 'csv', 'pdf'];

function listed(extensions: readonly string[]): string {
  const names = extensions.map((e) => `.${e}`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? '');
}

/** Why fileName may not go into a chosen folder, or null when it may: a plain name (never a path) of one of those kinds. */
export function folderFileNameProblem(fileName: unknown, extensions: readonly string[]): string | null {
  if (!isPlainFileName(fileName)) return 'fileName must be a plain file name (no folders), at most 120 characters';
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === undefined || !extensions.includes(extension)) return `fileName must end in ${listed(extensions)}`;
  return null;
}

/**
 * The renderer only ever holds opaque ids; this maps them to the folders the person chose in the dialog, for this run
 * of the app only, so a compromised page cannot name a folder of its own.
 */
export class ChosenFolders {
  private readonly paths = new Map<string, string>();

  /** The folder dialog; null when the person cancelled. */
  async choose(dialog: FolderDialogApi, title: string): Promise<FolderRef | null> {
    const result = await dialog.showOpenDialog({ title, properties: ['openDirectory', 'createDirectory'] });
    const path = result.filePaths[0];
    if (result.canceled || !path) return null;
    return this.refFor(path);
  }

  /** A new id for a folder the person chose. */
  refFor(path: string): FolderRef {
    const full = resolve(path);
    const id = randomUUID();
    this.paths.set(id, full);
    // A drive or file-system root has no last part; its name is then all there is.
    return { id, name: basename(full) || full };
  }

  /** Where fileName goes in the folder; ids this run did not issue, and names that are paths or of other kinds, are refused. */
  target(folder: FolderRef, fileName: string, extensions: readonly string[]): string {
    const path = this.paths.get(folder.id);
    if (path === undefined) throw new Error('refused: that folder id was not issued by PlaceLens in this session; choose the folder again');
    const problem = folderFileNameProblem(fileName, extensions);
    if (problem !== null) throw new Error(`refused: ${problem}`);
    return join(path, fileName);
  }

  /** Writes the bytes atomically as fileName in the folder; a failed write says why and leaves any earlier file whole. */
  async writeFile(folder: FolderRef, fileName: string, bytes: Uint8Array): Promise<{ name: string }> {
    const path = this.target(folder, fileName, WRITE_EXTENSIONS);
    if (bytes.length > MAX_SAVE_BYTES) throw new Error(`refused: ${bytes.length} bytes is more than the ${MAX_SAVE_BYTES} allowed`);
    await writeFileAtomic(path, bytes);
    return { name: fileName };
  }
}
