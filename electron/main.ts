// The desktop shell's lifecycle: one hardened window on app://placelens/ (and a presentation's audience window), the
// menu, and the IPC wiring. No domain logic.

import { app, BrowserWindow, Menu, dialog, ipcMain, net, protocol, screen, session, shell, type OpenDialogOptions, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ORIGIN, APP_SCHEME, isAllowedNavigation, permissionDecision, secureWebPreferences, securityHeaders } from './security';
import { mimeType, resolveAppPath } from './protocol';
import { registerIpc } from './ipc';
import { openFileWithDialog, saveFileWithDialog, type DialogApi, type SaveDialogApi } from './files';
import { printToPdfInFolder, printToPdfWithDialog } from './print';
import { ChosenFolders, type FolderDialogApi } from './folders';
import { menuTemplate } from './menu';
import { ProjectFiles } from './projects';
import { QuitIntent, mustAsk, newWindowDocument, resolveClose, type WindowDocument } from './close-guard';
import { AudienceWindow, audienceBounds, type AudiencePlacement } from './audience';
import { CHANNELS, type MenuCommand } from '../renderer/platform/bridge';

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

/** Each window's project state, from the renderer's setDocumentState. */
const documents = new WeakMap<BrowserWindow, WindowDocument>();
const quit = new QuitIntent();

/** Dialogs sheet-attached to the window that asked, so they cannot open behind it. */
function dialogsFor(sender: WebContents): DialogApi & SaveDialogApi & FolderDialogApi {
  const win = BrowserWindow.fromWebContents(sender);
  return {
    // One open dialog for files and folders alike; the caller's properties say which.
    showOpenDialog: (options: OpenDialogOptions) => (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options)),
    showSaveDialog: (options) => (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options)),
  };
}

/** The presenter view's audience window: the same app and the same hardening as the main window. */
function createAudienceWindow(placement: AudiencePlacement): BrowserWindow {
  const win = new BrowserWindow({
    ...placement.bounds,
    fullscreen: placement.fullscreen,
    title: 'PlaceLens audience',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  // The menu is the presenter's: Windows and Linux would otherwise put it on this window too.
  win.removeMenu();
  // Shown without taking focus: the presenter's keys and clicker must keep driving the presenter's window.
  win.once('ready-to-show', () => win.showInactive());
  return win;
}

// Displays are asked for only when a window is made: the screen module works only once the app is ready.
const audience = new AudienceWindow(APP_ORIGIN, {
  create: createAudienceWindow,
  placement: () => audienceBounds(screen.getAllDisplays(), screen.getPrimaryDisplay().id),
});

function createWindow(projects: ProjectFiles): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'PlaceLens',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  const doc = newWindowDocument();
  documents.set(win, doc);
  // Unsaved work: stop the close and ask; the decision itself lives in close-guard.ts.
  win.on('close', (event) => {
    if (!mustAsk(doc)) return;
    event.preventDefault();
    quit.interrupted();
    void resolveClose(doc, {
      ask: async (question) => (await dialog.showMessageBox(win, question)).response,
      saveThenClose: () => win.webContents.send(CHANNELS.menuCommand, 'save-then-close'),
      clearRecovery: () => projects.clearRecovery(),
      close: () => win.close(),
    }).then((choice) => quit.answered(choice));
  });
  // The audience follows this window; without it there is nothing to show. A quit it asked about carries on.
  win.on('closed', () => {
    audience.close();
    if (quit.resume()) app.quit();
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

app.whenReady().then(() => {
  serveApp();
  harden();
  const projects = new ProjectFiles(app.getPath('userData'));
  const folders = new ChosenFolders();
  registerIpc({
    handle: (channel, listener) => ipcMain.handle(channel, listener),
    on: (channel, listener) => ipcMain.on(channel, listener),
    openFile: (request, event) => openFileWithDialog(dialogsFor(event.sender), request),
    saveFile: (request, bytes, event) => saveFileWithDialog(dialogsFor(event.sender), request, bytes),
    openProject: (event) => projects.openWithDialog(dialogsFor(event.sender)),
    openRecentProject: (id) => projects.openRecent(id),
    saveProject: (a, event) => projects.save(a.ref, a.suggestedName, a.bytes, a.saveAs, dialogsFor(event.sender)),
    recentProjects: () => projects.recentProjects(),
    writeRecovery: (a) => projects.writeRecovery(a.projectName, a.ref, a.bytes),
    readRecovery: () => projects.readRecovery(),
    clearRecovery: () => projects.clearRecovery(),
    printToPdf: (request, event) => printToPdfWithDialog(event.sender, dialogsFor(event.sender), request),
    chooseFolder: (title, event) => folders.choose(dialogsFor(event.sender), title),
    printToPdfInFolder: (a, event) => printToPdfInFolder(event.sender, folders, a.folder, a.fileName, a.landscape),
    writeFileInFolder: (a) => folders.writeFile(a.folder, a.fileName, a.bytes),
    openAudienceWindow: async (channel) => audience.open(channel),
    setDocumentState: (state, event) => {
      const win = BrowserWindow.fromWebContents(event.sender);
      const doc = win && documents.get(win);
      if (!win || !doc) return;
      doc.title = state.title;
      doc.dirty = state.dirty;
      win.setTitle(state.title || 'PlaceLens');
      // The dot in the close button: macOS's own sign of unsaved work.
      if (process.platform === 'darwin') win.setDocumentEdited(state.dirty);
    },
    closeWindow: (event) => {
      const win = BrowserWindow.fromWebContents(event.sender);
      const doc = win && documents.get(win);
      if (!win) return;
      if (doc) doc.closing = true;
      win.close();
    },
  });
  createWindow(projects);
  // To the window in front: on macOS the first window can be closed and another opened. Never to the audience window,
  // which only follows the presenter's (a Save there would save its copy).
  const send = (command: MenuCommand) => {
    const front = BrowserWindow.getFocusedWindow();
    const target = front && front !== audience.current ? front : BrowserWindow.getAllWindows().find((w) => w !== audience.current);
    target?.webContents.send(CHANNELS.menuCommand, command);
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(send, process.platform === 'darwin')));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(projects);
  });
});

app.on('before-quit', () => quit.begin());

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
