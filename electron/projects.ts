// Project files (.gpkg) for the renderer: the id→path registry, the recent list, and the crash-recovery copy.

import { randomUUID } from 'node:crypto';
import { mkdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  MAX_SAVE_BYTES,
  type FileFilter,
  type OpenedProjectFile,
  type ProjectFileRef,
  type RecentProject,
  type RecoveryFile,
  type SaveProjectResult,
} from '../renderer/platform/bridge';
import { describeWriteError, errorCode, isPlainFileName, writeFileAtomic, type DialogApi, type SaveDialogApi } from './files';

export const PROJECT_FILTERS: FileFilter[] = [{ name: 'GeoPackage project', extensions: ['gpkg'] }];
export const MAX_RECENT = 10;
export const RECENT_FILE = 'recent-projects.json';
export const RECOVERY_FOLDER = 'recovery';

interface RecentEntry {
  path: string;
  usedAt: string;
}

interface RecoveryNote {
  projectName: string;
  path: string | null;
  savedAt: string;
}

export interface ProjectFilesOptions {
  /** The clock, so tests can say when a file was used. */
  now?: () => Date;
  /** The writer, so tests can make a save fail the way a full or read-only disk does. */
  write?: (path: string, bytes: Uint8Array) => Promise<void>;
}

/** The suggested name as a .gpkg file name, or null when it is not a plain file name. */
export function projectFileName(suggestedName: string): string | null {
  if (!isPlainFileName(suggestedName)) return null;
  return suggestedName.toLowerCase().endsWith('.gpkg') ? suggestedName : `${suggestedName}.gpkg`;
}

/** Why a project could not be read, in words for the person. */
export function describeOpenError(error: unknown, path: string): string {
  const name = basename(path);
  switch (errorCode(error)) {
    case 'ENOENT':
      return `${name} is no longer in ${dirname(path)}; it may have been moved or deleted.`;
    case 'EACCES':
    case 'EPERM':
      return `PlaceLens is not allowed to read ${name}.`;
    case 'EBUSY':
      return `Could not read ${name}: another program has it locked.`;
    case 'EISDIR':
      return `${name} is a folder, not a project file.`;
    default:
      return `Could not read ${name}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function isRecentEntry(v: unknown): v is RecentEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.path === 'string' && e.path.length > 0 && typeof e.usedAt === 'string';
}

function isRecoveryNote(v: unknown): v is RecoveryNote {
  if (typeof v !== 'object' || v === null) return false;
  const n = v as Record<string, unknown>;
  return typeof n.projectName === 'string' && (n.path === null || typeof n.path === 'string') && typeof n.savedAt === 'string';
}

/** Windows and macOS file names ignore case, so one file must not be listed twice under two spellings. */
function pathKey(path: string): string {
  const full = resolve(path);
  return process.platform === 'win32' || process.platform === 'darwin' ? full.toLowerCase() : full;
}

/**
 * The renderer only ever holds opaque ids; this maps them to the paths the person chose in a dialog or the recent
 * list, so a compromised page cannot name a path of its own.
 */
export class ProjectFiles {
  private readonly ids = new Map<string, string>();
  private readonly idsByPath = new Map<string, string>();
  private readonly now: () => Date;
  private readonly write: (path: string, bytes: Uint8Array) => Promise<void>;
  // One at a time: two read-modify-writes of one small file would lose an entry, two recovery pairs would mix.
  private recentQueue: Promise<unknown> = Promise.resolve();
  private recoveryQueue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataFolder: string,
    options: ProjectFilesOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.write = options.write ?? ((path, bytes) => writeFileAtomic(path, bytes));
  }

  private get recentPath(): string {
    return join(this.dataFolder, RECENT_FILE);
  }

  private get recoveryBytesPath(): string {
    return join(this.dataFolder, RECOVERY_FOLDER, 'recovery.gpkg');
  }

  private get recoveryNotePath(): string {
    return join(this.dataFolder, RECOVERY_FOLDER, 'recovery.json');
  }

  /** The ref for a path, keeping one id per file for the life of the app. */
  refFor(path: string): ProjectFileRef {
    const key = pathKey(path);
    let id = this.idsByPath.get(key);
    if (!id) {
      id = randomUUID();
      this.idsByPath.set(key, id);
      this.ids.set(id, resolve(path));
    }
    return { id, name: basename(path) };
  }

  /** The path behind an id; ids the shell did not issue are refused. */
  pathOf(id: string): string {
    const path = this.ids.get(id);
    if (path === undefined) throw new Error('refused: that project file id was not issued by PlaceLens');
    return path;
  }

  private serial<T>(queue: 'recent' | 'recovery', task: () => Promise<T>): Promise<T> {
    const previous = queue === 'recent' ? this.recentQueue : this.recoveryQueue;
    const next = previous.then(task, task);
    const settled = next.catch(() => {});
    if (queue === 'recent') this.recentQueue = settled;
    else this.recoveryQueue = settled;
    return next;
  }

  /** The stored list; a missing or corrupt file is an empty list, never a crash at start-up. */
  private async readRecent(): Promise<RecentEntry[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.recentPath, 'utf8'));
      const list = typeof parsed === 'object' && parsed !== null ? (parsed as { projects?: unknown }).projects : undefined;
      return Array.isArray(list) ? list.filter(isRecentEntry).slice(0, MAX_RECENT) : [];
    } catch {
      return [];
    }
  }

  /** Puts the file at the top of the recent list. A failure here must not undo a save or open that worked. */
  private remember(path: string): Promise<void> {
    return this.serial('recent', async () => {
      const key = pathKey(path);
      const rest = (await this.readRecent()).filter((e) => pathKey(e.path) !== key);
      const projects = [{ path: resolve(path), usedAt: this.now().toISOString() }, ...rest].slice(0, MAX_RECENT);
      await mkdir(this.dataFolder, { recursive: true });
      await this.write(this.recentPath, new TextEncoder().encode(`${JSON.stringify({ version: 1, projects }, null, 2)}\n`));
    }).catch(() => {});
  }

  async recentProjects(): Promise<RecentProject[]> {
    const entries = await this.serial('recent', () => this.readRecent());
    return Promise.all(
      entries.map(async (e) => ({
        ref: this.refFor(e.path),
        folder: dirname(e.path),
        usedAt: e.usedAt,
        exists: (await stat(e.path).catch(() => null))?.isFile() ?? false,
      })),
    );
  }

  /** Reads a project for the renderer, refusing what it could not hold in memory. */
  private async read(path: string): Promise<OpenedProjectFile> {
    let bytes: Uint8Array;
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
      if (info.size > MAX_SAVE_BYTES) {
        throw new Error(`${basename(path)} is ${(info.size / 2 ** 30).toFixed(1)} GB; PlaceLens opens projects up to ${MAX_SAVE_BYTES / 2 ** 30} GB.`);
      }
      bytes = new Uint8Array(await readFile(path));
    } catch (error) {
      throw new Error(errorCode(error) ? describeOpenError(error, path) : error instanceof Error ? error.message : String(error), { cause: error });
    }
    await this.remember(path);
    return { ref: this.refFor(path), bytes };
  }

  /** The open dialog for .gpkg projects; null when the person cancelled. */
  async openWithDialog(dialog: DialogApi): Promise<OpenedProjectFile | null> {
    const result = await dialog.showOpenDialog({ title: 'Open project', filters: PROJECT_FILTERS, properties: ['openFile'] });
    const path = result.filePaths[0];
    if (result.canceled || !path) return null;
    return this.read(path);
  }

  /** A project from the recent list (or any id already issued); throws with the reason when it has gone. */
  async openRecent(id: string): Promise<OpenedProjectFile> {
    return this.read(this.pathOf(id));
  }

  /**
   * Saves to ref's file, or where the person chooses when there is none yet or they asked for Save as.
   * Never throws for the disk: a failed write says why and leaves the earlier file whole.
   */
  async save(ref: ProjectFileRef | null, suggestedName: string, bytes: Uint8Array, saveAs: boolean, dialog: SaveDialogApi): Promise<SaveProjectResult> {
    const known = ref ? this.pathOf(ref.id) : null;
    const name = projectFileName(suggestedName);
    if (name === null) throw new Error('refused: the suggested name must be a plain file name (no folders)');
    let target = known;
    if (target === null || saveAs) {
      // Save as starts beside the current file; a first save lets the dialog pick its usual folder.
      const result = await dialog.showSaveDialog({ title: saveAs ? 'Save project as' : 'Save project', defaultPath: known ? join(dirname(known), name) : name, filters: PROJECT_FILTERS });
      if (result.canceled || !result.filePath) return { ok: false, cancelled: true };
      target = await withProjectExtension(result.filePath);
    }
    try {
      await this.write(target, bytes);
    } catch (error) {
      return { ok: false, cancelled: false, reason: describeWriteError(error, target) };
    }
    await this.remember(target);
    return { ok: true, ref: this.refFor(target) };
  }

  /**
   * Replaces the recovery copy: the bytes first, then the note that offers them, so a crash between the two never
   * pairs one project's work with another project's name and file.
   */
  async writeRecovery(projectName: string, ref: ProjectFileRef | null, bytes: Uint8Array): Promise<void> {
    const path = ref ? this.pathOf(ref.id) : null;
    return this.serial('recovery', async () => {
      await mkdir(join(this.dataFolder, RECOVERY_FOLDER), { recursive: true });
      const previous = await this.readNote();
      // Same project: new bytes under the old note are still that project's work. Another project: drop the note first.
      if (previous && (previous.projectName !== projectName || previous.path !== path)) await removeIfThere(this.recoveryNotePath);
      await this.write(this.recoveryBytesPath, bytes);
      const note: RecoveryNote = { projectName, path, savedAt: this.now().toISOString() };
      await this.write(this.recoveryNotePath, new TextEncoder().encode(`${JSON.stringify(note, null, 2)}\n`));
    });
  }

  private async readNote(): Promise<RecoveryNote | null> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.recoveryNotePath, 'utf8'));
      return isRecoveryNote(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  /** The recovery copy, or null when there is none or either half is missing or unreadable. */
  readRecovery(): Promise<RecoveryFile | null> {
    return this.serial('recovery', async () => {
      const note = await this.readNote();
      if (!note) return null;
      const info = await stat(this.recoveryBytesPath).catch(() => null);
      if (!info?.isFile() || info.size > MAX_SAVE_BYTES) return null;
      const bytes = await readFile(this.recoveryBytesPath).catch(() => null);
      if (!bytes) return null;
      return { projectName: note.projectName, ref: note.path === null ? null : this.refFor(note.path), savedAt: note.savedAt, bytes: new Uint8Array(bytes) };
    });
  }

  /** Removes the recovery copy: the note first, so a half-removed pair is never offered. */
  clearRecovery(): Promise<void> {
    return this.serial('recovery', async () => {
      await removeIfThere(this.recoveryNotePath);
      await removeIfThere(this.recoveryBytesPath);
    });
  }
}

async function removeIfThere(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

/**
 * Linux save dialogs do not add the filter's extension; QGIS looks for .gpkg. Added only when neither name is taken:
 * the person confirmed overwriting the name they typed, never another file.
 */
async function withProjectExtension(path: string): Promise<string> {
  if (extname(path) !== '') return path;
  const withExt = `${path}.gpkg`;
  const taken = async (p: string) => (await stat(p).catch(() => null)) !== null;
  return (await taken(path)) || (await taken(withExt)) ? path : withExt;
}
