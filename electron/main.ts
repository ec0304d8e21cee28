// The desktop shell's lifecycle: one hardened window on app://placelens/, the menu, and the IPC wiring. No domain logic.

import { app, BrowserWindow, Menu, dialog, ipcMain, net, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ORIGIN, APP_SCHEME, isAllowedNavigation, permissionDecision, secureWebPreferences, securityHeaders } from './security';
import { mimeType, resolveAppPath } from './protocol';
import { registerIpc } from './ipc';
import { openFileWithDialog, saveFileWithDialog } from './files';
import { menuTemplate } from './menu';
import { CHANNELS } from '../renderer/platform/bridge';

const RENDERER_ROOT = join(__dirname, '../dist/renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true } },
]);

function serveApp(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const path = resolveAppPath(request.url, RENDERER_ROOT);
    if (!path) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(path).toString());
    if (!response.ok) return response;
    const headers = new Headers(response.headers);
    headers.set('Content-Type', mimeType(path));
    for (const [k, v] of Object.entries(securityHeaders())) headers.set(k, v);
    return new Response(response.body, { status: 200, headers });
  });
}

function harden(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  // Offline by design: refuse every request that is not to the app itself.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    callback({ cancel: !(url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('devtools:')) });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links to documentation open in the user's browser, never inside the app.
      if (/^https:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'PlaceLens',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

app.whenReady().then(() => {
  serveApp();
  harden();
  registerIpc({
    handle: (channel, listener) => ipcMain.handle(channel, listener),
    openFile: (request, event) => openFileWithDialog(
      { showOpenDialog: (options) => { const win = BrowserWindow.fromWebContents(event.sender); return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options); } },
      request,
    ),
    saveFile: (request, bytes, event) => saveFileWithDialog(
      { showSaveDialog: (options) => { const win = BrowserWindow.fromWebContents(event.sender); return win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options); } },
      request,
      bytes,
    ),
  });
  const win = createWindow();
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate((command) => win.webContents.send(CHANNELS.menuCommand, command), process.platform === 'darwin')));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
