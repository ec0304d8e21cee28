// One ipcMain handler per bridge method; every argument is validated before anything touches the disk.

import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, isAudienceChannel, MAX_SAVE_BYTES, type FileFilter, type FolderRef, type OpenFileRequest, type PrintRequest, type ProjectFileRef, type SaveFileRequest } from '../renderer/platform/bridge';
import { isPlainFileName } from './files';
import { folderFileNameProblem, PRINT_EXTENSIONS, WRITE_EXTENSIONS } from './folders';
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

/** The fields a save dialog is asked with: a title, a plain file name (never a path) and filters, and no others. */
function validateSaveFields(what: string, arg: Record<string, unknown>, otherFields: readonly string[]): Validation<SaveFileRequest> {
  if (typeof arg.title !== 'string' || arg.title.length > 200) return { ok: false, error: `${what}: title must be a string of at most 200 characters` };
  // A name only, never a path: where it goes is the person's choice in the dialog.
  const name = arg.suggestedName;
  if (!isPlainFileName(name)) {
    return { ok: false, error: `${what}: suggestedName must be a plain file name (no folders), at most 120 characters` };
  }
  if (!Array.isArray(arg.filters) || arg.filters.length > 10 || !arg.filters.every(validFilter)) {
    return { ok: false, error: `${what}: filters must be at most 10 { name, extensions[] } with plain extensions like "json"` };
  }
  const known = ['title', 'suggestedName', 'filters', ...otherFields];
  const extra = Object.keys(arg).filter((k) => !known.includes(k));
  if (extra.length > 0) return { ok: false, error: `${what}: unexpected field(s) ${extra.join(', ')}` };
  return { ok: true, value: { title: arg.title, suggestedName: name, filters: arg.filters as FileFilter[] } };
}

export function validateSaveFileRequest(arg: unknown, bytes: unknown): Validation<{ request: SaveFileRequest; bytes: Uint8Array }> {
  if (!isPlainObject(arg)) return { ok: false, error: 'saveFile expects { title, suggestedName, filters } and the bytes' };
  const request = validateSaveFields('saveFile', arg, []);
  if (!request.ok) return request;
  if (!(bytes instanceof Uint8Array)) return { ok: false, error: 'saveFile: the content must be bytes (a Uint8Array)' };
  if (bytes.length > MAX_SAVE_BYTES) return { ok: false, error: `saveFile: ${bytes.length} bytes is more than the ${MAX_SAVE_BYTES} allowed` };
  return { ok: true, value: { request: request.value, bytes } };
}

/** As a save request, plus the paper's orientation; the name must be a PDF's, since a PDF is what gets written. */
export function validatePrintRequest(arg: unknown): Validation<PrintRequest> {
  if (!isPlainObject(arg)) return { ok: false, error: 'printToPdf expects { title, suggestedName, filters, landscape }' };
  const request = validateSaveFields('printToPdf', arg, ['landscape']);
  if (!request.ok) return request;
  if (!/\.pdf$/i.test(request.value.suggestedName)) return { ok: false, error: 'printToPdf: suggestedName must end in .pdf' };
  if (typeof arg.landscape !== 'boolean') return { ok: false, error: 'printToPdf: landscape must be true or false' };
  return { ok: true, value: { ...request.value, landscape: arg.landscape } };
}

/** Ids are issued by the shell (electron/projects.ts); anything longer was never one of them. */
export function validateProjectId(v: unknown): Validation<string> {
  if (typeof v !== 'string' || v.length === 0 || v.length > 100) return { ok: false, error: 'project id must be a string of at most 100 characters' };
  return { ok: true, value: v };
}

export function validateProjectRef(v: unknown): Validation<ProjectFileRef | null> {
  if (v === null) return { ok: true, value: null };
  if (!isPlainObject(v)) return { ok: false, error: 'project ref must be { id, name } or null' };
  const id = validateProjectId(v.id);
  if (!id.ok) return id;
  if (typeof v.name !== 'string' || v.name.length > 300) return { ok: false, error: 'project ref: name must be a string of at most 300 characters' };
  const extra = Object.keys(v).filter((k) => k !== 'id' && k !== 'name');
  if (extra.length > 0) return { ok: false, error: `project ref: unexpected field(s) ${extra.join(', ')}` };
  return { ok: true, value: { id: id.value, name: v.name } };
}

function validBytes(what: string, bytes: unknown): Validation<Uint8Array> {
  if (!(bytes instanceof Uint8Array)) return { ok: false, error: `${what}: the content must be bytes (a Uint8Array)` };
  if (bytes.length > MAX_SAVE_BYTES) return { ok: false, error: `${what}: ${bytes.length} bytes is more than the ${MAX_SAVE_BYTES} allowed` };
  return { ok: true, value: bytes };
}

export interface SaveProjectArgs {
  ref: ProjectFileRef | null;
  suggestedName: string;
  bytes: Uint8Array;
  saveAs: boolean;
}

export function validateSaveProjectArgs(ref: unknown, suggestedName: unknown, bytes: unknown, saveAs: unknown): Validation<SaveProjectArgs> {
  const checkedRef = validateProjectRef(ref);
  if (!checkedRef.ok) return { ok: false, error: `saveProject: ${checkedRef.error}` };
  if (!isPlainFileName(suggestedName)) return { ok: false, error: 'saveProject: suggestedName must be a plain file name (no folders), at most 120 characters' };
  const checkedBytes = validBytes('saveProject', bytes);
  if (!checkedBytes.ok) return checkedBytes;
  if (typeof saveAs !== 'boolean') return { ok: false, error: 'saveProject: saveAs must be true or false' };
  return { ok: true, value: { ref: checkedRef.value, suggestedName, bytes: checkedBytes.value, saveAs } };
}

export interface WriteRecoveryArgs {
  projectName: string;
  ref: ProjectFileRef | null;
  bytes: Uint8Array;
}

export function validateWriteRecoveryArgs(projectName: unknown, ref: unknown, bytes: unknown): Validation<WriteRecoveryArgs> {
  if (typeof projectName !== 'string' || projectName.length > 200) return { ok: false, error: 'writeRecovery: projectName must be a string of at most 200 characters' };
  const checkedRef = validateProjectRef(ref);
  if (!checkedRef.ok) return { ok: false, error: `writeRecovery: ${checkedRef.error}` };
  const checkedBytes = validBytes('writeRecovery', bytes);
  if (!checkedBytes.ok) return checkedBytes;
  return { ok: true, value: { projectName, ref: checkedRef.value, bytes: checkedBytes.value } };
}

export function validateFolderTitle(title: unknown): Validation<string> {
  if (typeof title !== 'string' || title.length > 200) return { ok: false, error: 'chooseFolder: title must be a string of at most 200 characters' };
  return { ok: true, value: title };
}

/** Ids are issued by the shell (electron/folders.ts); anything longer was never one of them, and a path is never one. */
export function validateFolderRef(v: unknown): Validation<FolderRef> {
  if (!isPlainObject(v)) return { ok: false, error: 'folder must be { id, name } from chooseFolder' };
  if (typeof v.id !== 'string' || v.id.length === 0 || v.id.length > 100) return { ok: false, error: 'folder id must be a string of at most 100 characters' };
  if (typeof v.name !== 'string' || v.name.length > 300) return { ok: false, error: 'folder: name must be a string of at most 300 characters' };
  const extra = Object.keys(v).filter((k) => k !== 'id' && k !== 'name');
  if (extra.length > 0) return { ok: false, error: `folder: unexpected field(s) ${extra.join(', ')}` };
  return { ok: true, value: { id: v.id, name: v.name } };
}

export interface PrintInFolderArgs {
  folder: FolderRef;
  fileName: string;
  landscape: boolean;
}

export function validatePrintInFolderArgs(folder: unknown, fileName: unknown, landscape: unknown): Validation<PrintInFolderArgs> {
  const checkedFolder = validateFolderRef(folder);
  if (!checkedFolder.ok) return { ok: false, error: `printToPdfInFolder: ${checkedFolder.error}` };
  const problem = folderFileNameProblem(fileName, PRINT_EXTENSIONS);
  if (problem !== null) return { ok: false, error: `printToPdfInFolder: ${problem}` };
  if (typeof landscape !== 'boolean') return { ok: false, error: 'printToPdfInFolder: landscape must be true or false' };
  return { ok: true, value: { folder: checkedFolder.value, fileName: fileName as string, landscape } };
}

export interface WriteInFolderArgs {
  folder: FolderRef;
  fileName: string;
  bytes: Uint8Array;
}

export function validateWriteInFolderArgs(folder: unknown, fileName: unknown, bytes: unknown): Validation<WriteInFolderArgs> {
  const checkedFolder = validateFolderRef(folder);
  if (!checkedFolder.ok) return { ok: false, error: `writeFileInFolder: ${checkedFolder.error}` };
  const problem = folderFileNameProblem(fileName, WRITE_EXTENSIONS);
  if (problem !== null) return { ok: false, error: `writeFileInFolder: ${problem}` };
  const checkedBytes = validBytes('writeFileInFolder', bytes);
  if (!checkedBytes.ok) return checkedBytes;
  return { ok: true, value: { folder: checkedFolder.value, fileName: fileName as string, bytes: checkedBytes.value } };
}

/** The channel goes into the audience window's URL, so only the plain ids the renderer makes are taken. */
export function validateAudienceChannel(v: unknown): Validation<string> {
  if (!isAudienceChannel(v)) return { ok: false, error: 'openAudienceWindow: channel must be 8 to 32 lowercase letters and digits' };
  return { ok: true, value: v };
}

export interface DocumentState {
  title: string;
  dirty: boolean;
}

export function validateDocumentState(arg: unknown): Validation<DocumentState> {
  if (!isPlainObject(arg)) return { ok: false, error: 'setDocumentState expects { title, dirty }' };
  if (typeof arg.title !== 'string' || arg.title.length > 300) return { ok: false, error: 'setDocumentState: title must be a string of at most 300 characters' };
  if (typeof arg.dirty !== 'boolean') return { ok: false, error: 'setDocumentState: dirty must be true or false' };
  const extra = Object.keys(arg).filter((k) => k !== 'title' && k !== 'dirty');
  if (extra.length > 0) return { ok: false, error: `setDocumentState: unexpected field(s) ${extra.join(', ')}` };
  return { ok: true, value: { title: arg.title, dirty: arg.dirty } };
}

export interface IpcDeps {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  /** For the bridge's fire-and-forget methods (ipcRenderer.send). */
  on(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): void;
  openFile(request: OpenFileRequest, event: IpcMainInvokeEvent): Promise<unknown>;
  saveFile(request: SaveFileRequest, bytes: Uint8Array, event: IpcMainInvokeEvent): Promise<unknown>;
  openProject(event: IpcMainInvokeEvent): Promise<unknown>;
  openRecentProject(id: string, event: IpcMainInvokeEvent): Promise<unknown>;
  saveProject(args: SaveProjectArgs, event: IpcMainInvokeEvent): Promise<unknown>;
  recentProjects(event: IpcMainInvokeEvent): Promise<unknown>;
  writeRecovery(args: WriteRecoveryArgs, event: IpcMainInvokeEvent): Promise<unknown>;
  readRecovery(event: IpcMainInvokeEvent): Promise<unknown>;
  clearRecovery(event: IpcMainInvokeEvent): Promise<unknown>;
  /** Prints the sender's page to a PDF where the person chooses. */
  printToPdf(request: PrintRequest, event: IpcMainInvokeEvent): Promise<unknown>;
  /** The folder dialog for a batch of briefs, on the sender's window. */
  chooseFolder(title: string, event: IpcMainInvokeEvent): Promise<unknown>;
  /** Prints the sender's page into a folder chosen earlier. */
  printToPdfInFolder(args: PrintInFolderArgs, event: IpcMainInvokeEvent): Promise<unknown>;
  writeFileInFolder(args: WriteInFolderArgs, event: IpcMainInvokeEvent): Promise<unknown>;
  /** Opens (or reuses) the audience window on the channel; true when it is there. */
  openAudienceWindow(channel: string, event: IpcMainInvokeEvent): Promise<boolean>;
  setDocumentState(state: DocumentState, event: IpcMainEvent): void;
  closeWindow(event: IpcMainEvent): void;
  /** Where refused fire-and-forget messages are reported; they have no caller to throw to. */
  warn?(message: string): void;
}

function checkSender(event: IpcMainInvokeEvent): void {
  if (!isTrustedSender(event.senderFrame?.url)) throw new Error('refused: IPC from a page that is not PlaceLens');
}

function unwrap<T>(checked: Validation<T>): T {
  if (!checked.ok) throw new Error(checked.error);
  return checked.value;
}

/** Wires the handlers. Kept free of electron imports so tests can give it a fake ipcMain. */
export function registerIpc(deps: IpcDeps): void {
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  deps.handle(CHANNELS.openFile, async (event, arg) => {
    checkSender(event);
    return deps.openFile(unwrap(validateOpenFileRequest(arg)), event);
  });
  deps.handle(CHANNELS.saveFile, async (event, arg, bytes) => {
    checkSender(event);
    const checked = unwrap(validateSaveFileRequest(arg, bytes));
    return deps.saveFile(checked.request, checked.bytes, event);
  });
  deps.handle(CHANNELS.openProject, async (event) => {
    checkSender(event);
    return deps.openProject(event);
  });
  deps.handle(CHANNELS.openRecentProject, async (event, id) => {
    checkSender(event);
    return deps.openRecentProject(unwrap(validateProjectId(id)), event);
  });
  deps.handle(CHANNELS.saveProject, async (event, ref, suggestedName, bytes, saveAs) => {
    checkSender(event);
    return deps.saveProject(unwrap(validateSaveProjectArgs(ref, suggestedName, bytes, saveAs)), event);
  });
  deps.handle(CHANNELS.recentProjects, async (event) => {
    checkSender(event);
    return deps.recentProjects(event);
  });
  deps.handle(CHANNELS.writeRecovery, async (event, projectName, ref, bytes) => {
    checkSender(event);
    await deps.writeRecovery(unwrap(validateWriteRecoveryArgs(projectName, ref, bytes)), event);
  });
  deps.handle(CHANNELS.readRecovery, async (event) => {
    checkSender(event);
    return deps.readRecovery(event);
  });
  deps.handle(CHANNELS.clearRecovery, async (event) => {
    checkSender(event);
    await deps.clearRecovery(event);
  });
  deps.handle(CHANNELS.printToPdf, async (event, arg) => {
    checkSender(event);
    return deps.printToPdf(unwrap(validatePrintRequest(arg)), event);
  });
  deps.handle(CHANNELS.chooseFolder, async (event, title) => {
    checkSender(event);
    return deps.chooseFolder(unwrap(validateFolderTitle(title)), event);
  });
  deps.handle(CHANNELS.printToPdfInFolder, async (event, folder, fileName, landscape) => {
    checkSender(event);
    return deps.printToPdfInFolder(unwrap(validatePrintInFolderArgs(folder, fileName, landscape)), event);
  });
  deps.handle(CHANNELS.writeFileInFolder, async (event, folder, fileName, bytes) => {
    checkSender(event);
    return deps.writeFileInFolder(unwrap(validateWriteInFolderArgs(folder, fileName, bytes)), event);
  });
  deps.handle(CHANNELS.openAudienceWindow, async (event, channel) => {
    checkSender(event);
    return deps.openAudienceWindow(unwrap(validateAudienceChannel(channel)), event);
  });
  // Sent, not invoked: nobody waits for an answer, so a refusal is logged rather than thrown into the main process.
  deps.on(CHANNELS.setDocumentState, (event, state) => {
    if (!isTrustedSender(event.senderFrame?.url)) return warn('refused: setDocumentState from a page that is not PlaceLens');
    const checked = validateDocumentState(state);
    if (!checked.ok) return warn(checked.error);
    deps.setDocumentState(checked.value, event);
  });
  deps.on(CHANNELS.closeWindow, (event) => {
    if (!isTrustedSender(event.senderFrame?.url)) return warn('refused: closeWindow from a page that is not PlaceLens');
    deps.closeWindow(event);
  });
}
