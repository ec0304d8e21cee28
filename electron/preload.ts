// Exposes exactly the Bridge to the renderer, one method per IPC channel. Runs sandboxed: only electron's renderer modules.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  CHANNELS,
  MENU_COMMANDS,
  type Bridge,
  type FolderRef,
  type MenuCommand,
  type OpenedFile,
  type OpenedProjectFile,
  type OpenFileRequest,
  type PrintRequest,
  type ProjectFileRef,
  type RecentProject,
  type RecoveryFile,
  type SavedFile,
  type SaveFileRequest,
  type SaveProjectResult,
} from '../renderer/platform/bridge';

/** Only the two fields cross: a ref the renderer decorated must not be refused for its extra fields. */
const plainRef = (ref: ProjectFileRef | null) => (ref ? { id: ref.id, name: ref.name } : null);

/** Likewise for a print request: only its known fields cross, copied plain. */
const plainPrintRequest = (request: PrintRequest): PrintRequest => ({
  title: request.title,
  suggestedName: request.suggestedName,
  filters: request.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
  landscape: request.landscape,
});

/** A folder ref as chosen: its id and name only. */
const plainFolder = (folder: FolderRef) => ({ id: folder.id, name: folder.name });

const bridge = {
  openFile: (request: OpenFileRequest) => ipcRenderer.invoke(CHANNELS.openFile, request) as Promise<OpenedFile | null>,
  saveFile: (request: SaveFileRequest, bytes: Uint8Array) => ipcRenderer.invoke(CHANNELS.saveFile, request, bytes) as Promise<SavedFile>,
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    const wrapped = (_event: IpcRendererEvent, command: unknown) => {
      if ((MENU_COMMANDS as readonly unknown[]).includes(command)) listener(command as MenuCommand);
    };
    ipcRenderer.on(CHANNELS.menuCommand, wrapped);
    return () => {
      ipcRenderer.removeListener(CHANNELS.menuCommand, wrapped);
    };
  },
  openProject: () => ipcRenderer.invoke(CHANNELS.openProject) as Promise<OpenedProjectFile | null>,
  openRecentProject: (id: string) => ipcRenderer.invoke(CHANNELS.openRecentProject, id) as Promise<OpenedProjectFile>,
  saveProject: (ref: ProjectFileRef | null, suggestedName: string, bytes: Uint8Array, saveAs: boolean) =>
    ipcRenderer.invoke(CHANNELS.saveProject, plainRef(ref), suggestedName, bytes, saveAs) as Promise<SaveProjectResult>,
  recentProjects: () => ipcRenderer.invoke(CHANNELS.recentProjects) as Promise<RecentProject[]>,
  writeRecovery: (projectName: string, ref: ProjectFileRef | null, bytes: Uint8Array) =>
    ipcRenderer.invoke(CHANNELS.writeRecovery, projectName, plainRef(ref), bytes) as Promise<void>,
  readRecovery: () => ipcRenderer.invoke(CHANNELS.readRecovery) as Promise<RecoveryFile | null>,
  clearRecovery: () => ipcRenderer.invoke(CHANNELS.clearRecovery) as Promise<void>,
  printToPdf: (request: PrintRequest) => ipcRenderer.invoke(CHANNELS.printToPdf, plainPrintRequest(request)) as Promise<SavedFile>,
  chooseFolder: (title: string) => ipcRenderer.invoke(CHANNELS.chooseFolder, title) as Promise<FolderRef | null>,
  printToPdfInFolder: (folder: FolderRef, fileName: string, landscape: boolean) =>
    ipcRenderer.invoke(CHANNELS.printToPdfInFolder, plainFolder(folder), fileName, landscape) as Promise<{ name: string }>,
  writeFileInFolder: (folder: FolderRef, fileName: string, bytes: Uint8Array) =>
    ipcRenderer.invoke(CHANNELS.writeFileInFolder, plainFolder(folder), fileName, bytes) as Promise<{ name: string }>,
  openAudienceWindow: (channel: string) => ipcRenderer.invoke(CHANNELS.openAudienceWindow, channel) as Promise<boolean>,
  // Fire-and-forget: the window title and the close question need no answer.
  setDocumentState: (state: { title: string; dirty: boolean }) => ipcRenderer.send(CHANNELS.setDocumentState, { title: state.title, dirty: state.dirty }),
  closeWindow: () => ipcRenderer.send(CHANNELS.closeWindow),
} satisfies Bridge;

contextBridge.exposeInMainWorld('placelens', bridge);
