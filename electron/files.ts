// Files on disk for the renderer: the open dialog, reading bytes, and atomic writes.

import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MAX_OPEN_BYTES, type OpenedFile, type OpenFileRequest, type SavedFile, type SaveFileRequest } from '../renderer/platform/bridge';

export interface DialogApi {
  showOpenDialog(options: { title: string; filters: OpenFileRequest['filters']; properties: ['openFile'] }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface SaveDialogApi {
  showSaveDialog(options: { title: string; defaultPath: string; filters: SaveFileRequest['filters'] }): Promise<{ canceled: boolean; filePath?: string }>;
}

/** The save dialog, then an atomic write; a write that fails (full disk, read-only folder) throws with the reason. */
export async function saveFileWithDialog(dialog: SaveDialogApi, request: SaveFileRequest, bytes: Uint8Array): Promise<SavedFile> {
  const result = await dialog.showSaveDialog({ title: request.title, defaultPath: request.suggestedName, filters: request.filters });
  if (result.canceled || !result.filePath) return null;
  await writeFileAtomic(result.filePath, bytes);
  return { name: basename(result.filePath) };
}

export async function openFileWithDialog(dialog: DialogApi, request: OpenFileRequest): Promise<OpenedFile | null> {
  const result = await dialog.showOpenDialog({ title: request.title, filters: request.filters, properties: ['openFile'] });
  const path = result.filePaths[0];
  if (result.canceled || !path) return null;
  return readForRenderer(path);
}

export async function readForRenderer(path: string): Promise<OpenedFile> {
  const info = await stat(path);
  if (info.size > MAX_OPEN_BYTES) {
    throw new Error(`${basename(path)} is ${(info.size / 1e6).toFixed(0)} MB; PlaceLens opens files up to ${MAX_OPEN_BYTES / 1e6} MB`);
  }
  return { name: basename(path), bytes: new Uint8Array(await readFile(path)) };
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
const UNSAFE_IN_NAME = /[/\\:*?"<>|\u0000-\u001f]/;

/** A name only, never a path: where a file goes is the person's choice in the dialog, not the page's. */
export function isPlainFileName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && name.length <= 120 && !UNSAFE_IN_NAME.test(name) && !/^\.+$/.test(name);
}

/** Test seams: a test can kill the process, or fail the write, at each stage of writeFileAtomic. */
export interface AtomicWriteHooks {
  /** The bytes are written to the temporary file but not yet flushed to disk. */
  afterWrite?: () => void | Promise<void>;
  /** The temporary file is flushed to disk; the target still holds the old bytes. */
  afterFlush?: () => void | Promise<void>;
  /** The temporary file has replaced the target. */
  afterRename?: () => void | Promise<void>;
}

/** Every temporary file ends so; a crash leaves one behind, and the next save in that folder tidies it. */
export const TEMP_SUFFIX = '.placelens-tmp';

/** Older than this, a temporary file cannot belong to a save still running. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** A failed write, worded for the person; `code` keeps the system's reason for logs and tests. */
export class WriteError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined, cause: unknown) {
    super(message, { cause });
    this.name = 'WriteError';
    this.code = code;
  }
}

/** The system's code on a node:fs error (ENOSPC, EACCES…), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** Why writing `path` failed, in plain English, always naming the file. */
export function describeWriteError(error: unknown, path: string, platform: NodeJS.Platform = process.platform): string {
  if (error instanceof WriteError) return error.message;
  const code = errorCode(error);
  const reason = (() => {
    switch (code) {
      case 'ENOSPC':
        return 'the disk is full';
      case 'EDQUOT':
        return 'your disk quota is used up';
      case 'EACCES':
        return 'PlaceLens is not allowed to write in that folder (read-only or protected)';
      case 'EPERM':
        // Windows also says EPERM when another program holds the file it would replace.
        return platform === 'win32'
          ? 'PlaceLens is not allowed to write in that folder (read-only or protected), or another program has the file open'
          : 'PlaceLens is not allowed to write in that folder (read-only or protected)';
      case 'EROFS':
        return 'the drive is read-only';
      case 'EBUSY':
      case 'ETXTBSY':
        return 'another program has the file open';
      case 'ENOENT':
        return `the folder ${dirname(path)} no longer exists`;
      case 'EISDIR':
        return 'there is a folder of that name';
      case 'ENAMETOOLONG':
        return 'the name or the folder path is too long';
      default:
        return error instanceof Error ? error.message : String(error);
    }
  })();
  return `Could not save ${basename(path)}: ${reason}.`;
}

/** Temporary files a crash left beside the target: removed so they do not pile up, never failing the save. */
async function removeStaleTemps(folder: string): Promise<void> {
  const names = await readdir(folder).catch((): string[] => []);
  const cutoff = Date.now() - STALE_TEMP_MS;
  for (const name of names) {
    if (!name.startsWith('.') || !name.endsWith(TEMP_SUFFIX)) continue;
    const file = join(folder, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile() && info.mtimeMs < cutoff) await unlink(file).catch(() => {});
  }
}

/** Flushes the folder so the rename itself survives a power cut. Windows cannot open folders; elsewhere it is best effort too. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // EPERM/EISDIR/EINVAL on Windows and some file systems. The new file is already in place, so saying "not saved" would be false.
  }
}

/**
 * Write a file so that a crash or full disk leaves either the old file or the new one, never half of each:
 * write a temporary file beside the target, flush it to disk, then rename over the target and flush the folder.
 * Rejects with a WriteError worded by describeWriteError; the target is then untouched and no temporary file remains.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, hooks: AtomicWriteHooks = {}): Promise<void> {
  const folder = dirname(path);
  // First, so a big file left by a crash cannot be why this save finds the disk full.
  await removeStaleTemps(folder);
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomUUID().slice(0, 8)}${TEMP_SUFFIX}`);
  let created = false;
  try {
    const existing = await stat(path).catch(() => null);
    // A file the person marked read-only stays theirs: rename would otherwise replace it on Linux and macOS.
    if (existing) await access(path, constants.W_OK);
    const handle = await open(temp, 'wx');
    created = true;
    try {
      // Keep the file's permissions, so a shared project stays readable by the same people.
      if (existing) await handle.chmod(existing.mode & 0o777).catch(() => {});
      await handle.writeFile(bytes);
      await hooks.afterWrite?.();
      await handle.sync();
      await hooks.afterFlush?.();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    created = false;
  } catch (error) {
    if (created) await unlink(temp).catch(() => {});
    throw new WriteError(describeWriteError(error, path), errorCode(error), error);
  }
  await hooks.afterRename?.();
  await syncFolder(folder);
}
