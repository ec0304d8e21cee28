// Files on disk for the renderer: the open dialog, reading bytes, and atomic writes.

import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
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

/**
 * Write a file so that a crash or full disk leaves either the old file or the new one, never half of each:
 * write a temporary file beside the target, flush it to disk, then rename over the target.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(temp).catch(() => {});
    throw e;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw e;
  }
}
