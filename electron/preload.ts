// Exposes exactly the Bridge to the renderer, one method per IPC channel. Runs sandboxed: only electron's renderer modules.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, MENU_COMMANDS, type Bridge, type MenuCommand, type OpenFileRequest, type OpenedFile, type SavedFile, type SaveFileRequest } from '../renderer/platform/bridge';

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
} satisfies Bridge;

contextBridge.exposeInMainWorld('placelens', bridge);
