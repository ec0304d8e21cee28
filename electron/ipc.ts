// One ipcMain handler per bridge method; every argument is validated before anything touches the disk.

import type { IpcMainInvokeEvent } from 'electron';
import { CHANNELS, MAX_SAVE_BYTES, type FileFilter, type OpenFileRequest, type SaveFileRequest } from '../renderer/platform/bridge';
import { isTrustedSender } from './security';

export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function validFilter(v: unknown): v is FileFilter {
  return (
    isPlainObject(v) &&
    typeof v.name === 'string' &&
    v.name.length <= 200 &&
    Array.isArray(v.extensions) &&
    v.extensions.length <= 20 &&
    v.extensions.every((e) => typeof e === 'string' && /^[A-Za-z0-9]{1,12}$/.test(e))
  );
}

export function validateOpenFileRequest(arg: unknown): Validation<OpenFileRequest> {
  if (!isPlainObject(arg)) return { ok: false, error: 'openFile expects { title, filters }' };
  if (typeof arg.title !== 'string' || arg.title.length > 200) return { ok: false, error: 'openFile: title must be a string of at most 200 characters' };
  if (!Array.isArray(arg.filters) || arg.filters.length > 10 || !arg.filters.every(validFilter)) {
    return { ok: false, error: 'openFile: filters must be at most 10 { name, extensions[] } with plain extensions like "geojson"' };
  }
  const extra = Object.keys(arg).filter((k) => k !== 'title' && k !== 'filters');
  if (extra.length > 0) return { ok: false, error: `openFile: unexpected field(s) ${extra.join(', ')}` };
  return { ok: true, value: { title: arg.title, filters: arg.filters as FileFilter[] } };
}

export function validateSaveFileRequest(arg: unknown, bytes: unknown): Validation<{ request: SaveFileRequest; bytes: Uint8Array }> {
  if (!isPlainObject(arg)) return { ok: false, error: 'saveFile expects { title, suggestedName, filters } and the bytes' };
  if (typeof arg.title !== 'string' || arg.title.length > 200) return { ok: false, error: 'saveFile: title must be a string of at most 200 characters' };
  // A name only, never a path: where it goes is the person's choice in the dialog.
  const name = arg.suggestedName;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
  const unsafe = /[/\\:*?"<>|\u0000-\u001f]/;
  if (typeof name !== 'string' || name.length === 0 || name.length > 120 || unsafe.test(name) || /^\.+$/.test(name)) {
    return { ok: false, error: 'saveFile: suggestedName must be a plain file name (no folders), at most 120 characters' };
  }
  if (!Array.isArray(arg.filters) || arg.filters.length > 10 || !arg.filters.every(validFilter)) {
    return { ok: false, error: 'saveFile: filters must be at most 10 { name, extensions[] } with plain extensions like "json"' };
  }
  const extra = Object.keys(arg).filter((k) => k !== 'title' && k !== 'suggestedName' && k !== 'filters');
  if (extra.length > 0) return { ok: false, error: `saveFile: unexpected field(s) ${extra.join(', ')}` };
  if (!(bytes instanceof Uint8Array)) return { ok: false, error: 'saveFile: the content must be bytes (a Uint8Array)' };
  if (bytes.length > MAX_SAVE_BYTES) return { ok: false, error: `saveFile: ${bytes.length} bytes is more than the ${MAX_SAVE_BYTES} allowed` };
  return { ok: true, value: { request: { title: arg.title, suggestedName: name, filters: arg.filters as FileFilter[] }, bytes } };
}

export interface IpcDeps {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  openFile(request: OpenFileRequest, event: IpcMainInvokeEvent): Promise<unknown>;
  saveFile(request: SaveFileRequest, bytes: Uint8Array, event: IpcMainInvokeEvent): Promise<unknown>;
}

/** Wires the handlers. Kept free of electron imports so tests can give it a fake ipcMain. */
export function registerIpc(deps: IpcDeps): void {
  deps.handle(CHANNELS.openFile, async (event, arg) => {
    if (!isTrustedSender(event.senderFrame?.url)) throw new Error('refused: IPC from a page that is not PlaceLens');
    const request = validateOpenFileRequest(arg);
    if (!request.ok) throw new Error(request.error);
    return deps.openFile(request.value, event);
  });
  deps.handle(CHANNELS.saveFile, async (event, arg, bytes) => {
    if (!isTrustedSender(event.senderFrame?.url)) throw new Error('refused: IPC from a page that is not PlaceLens');
    const checked = validateSaveFileRequest(arg, bytes);
    if (!checked.ok) throw new Error(checked.error);
    return deps.saveFile(checked.value.request, checked.value.bytes, event);
  });
}
