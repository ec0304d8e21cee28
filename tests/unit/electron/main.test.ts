import { beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNELS } from '../../../renderer/platform/bridge';

// electron cannot run on the build machines; main.ts is checked by running it against a recording stand-in.
const calls = vi.hoisted(() => ({
  privileged: [] as unknown[],
  protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  ipcChannels: [] as string[],
  ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
  ipcListeners: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
  windows: [] as {
    options: Record<string, unknown>;
    url?: string;
    handlers: Map<string, (event: { preventDefault: () => void }) => void>;
    webContents: { send: ReturnType<typeof vi.fn> };
    setTitle: ReturnType<typeof vi.fn>;
    close: ReturnType<typeof vi.fn<() => void>>;
    focus: ReturnType<typeof vi.fn>;
    removeMenu: ReturnType<typeof vi.fn>;
    closed: boolean;
  }[],
  displays: [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] as {
    id: number;
    bounds: { x: number; y: number; width: number; height: number };
    workArea: { x: number; y: number; width: number; height: number };
  }[],
  focused: null as unknown,
  appHandlers: new Map<string, (...args: unknown[]) => void>(),
  userData: '',
  messageBoxResponse: 0,
  messageBoxes: [] as unknown[][],
  permissionHandler: undefined as undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
  beforeRequest: undefined as undefined | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  contentsHandlers: new Map<string, (...args: unknown[]) => unknown>(),
  windowOpen: undefined as undefined | ((d: { url: string }) => { action: string }),
  menu: undefined as unknown,
  ready: undefined as undefined | Promise<void>,
}));

vi.mock('electron', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  calls.userData = mkdtempSync(join(tmpdir(), 'placelens-userdata-'));
  let resolveReady: () => void;
  calls.ready = new Promise<void>((r) => (resolveReady = r));
  class BrowserWindow {
    webContents = { send: vi.fn() };
    url?: string;
    handlers = new Map<string, (event: { preventDefault: () => void }) => void>();
    setTitle = vi.fn();
    setDocumentEdited = vi.fn();
    focus = vi.fn();
    removeMenu = vi.fn();
    closed = false;
    // As in Electron: close() fires the close event, and only a close nobody stopped takes the window away (closed).
    close = vi.fn(() => {
      let stopped = false;
      this.handlers.get('close')?.({ preventDefault: () => (stopped = true) });
      if (stopped) return;
      this.closed = true;
      this.handlers.get('closed')?.({ preventDefault: () => {} });
    });
    constructor(public options: Record<string, unknown>) {
      calls.windows.push(this);
    }
    on(event: string, fn: (event: { preventDefault: () => void }) => void) {
      this.handlers.set(event, fn);
    }
    once() {}
    show() {}
    showInactive() {}
    isDestroyed() {
      return this.closed;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    static getAllWindows() {
      return calls.windows.filter((w) => !w.closed);
    }
    static getFocusedWindow() {
      return calls.focused;
    }
    static fromWebContents(contents: unknown) {
      return calls.windows.find((w) => w.webContents === contents) ?? null;
    }
  }
  const contents = {
    on: (event: string, fn: (...args: unknown[]) => unknown) => calls.contentsHandlers.set(event, fn),
    setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => (calls.windowOpen = fn),
  };
  return {
    app: {
      whenReady: () => Promise.resolve().then(() => setTimeout(() => resolveReady(), 0)),
      on: (event: string, fn: (e: unknown, c: unknown) => void) => {
        if (event === 'web-contents-created') fn({}, contents);
        else calls.appHandlers.set(event, fn as (...args: unknown[]) => void);
      },
      quit: vi.fn(),
      getPath: (name: string) => (name === 'userData' ? calls.userData : '/nonexistent'),
    },
    BrowserWindow,
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (calls.menu = m) },
    dialog: {
      showOpenDialog: vi.fn(),
      showMessageBox: async (...args: unknown[]) => (calls.messageBoxes.push(args), { response: calls.messageBoxResponse, checkboxChecked: false }),
    },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => {
        calls.ipcChannels.push(channel);
        calls.ipcHandlers.set(channel, fn);
      },
      on: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) => calls.ipcListeners.set(channel, fn),
    },
    net: { fetch: async () => new Response('<html></html>', { status: 200 }) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => calls.privileged.push(...s),
      handle: (scheme: string, fn: (request: { url: string }) => Promise<Response>) => calls.protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof calls.permissionHandler) => (calls.permissionHandler = fn),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onBeforeRequest: (fn: typeof calls.beforeRequest) => (calls.beforeRequest = fn) },
      },
    },
    shell: { openExternal: vi.fn() },
    screen: {
      getAllDisplays: () => calls.displays,
      getPrimaryDisplay: () => calls.displays.find((d) => d.id === 1)!,
    },
  };
});

beforeAll(async () => {
  await import('../../../electron/main');
  await calls.ready;
  await new Promise((r) => setTimeout(r, 10));
});

describe('electron/main.ts wiring', () => {
  it('registers app:// as a secure standard scheme and serves the renderer with the CSP', async () => {
    expect(calls.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }]);
    const handler = calls.protocolHandlers.get('app')!;
    const ok = await handler({ url: 'app://placelens/index.html' });
    expect(ok.headers.get('Content-Security-Policy')).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(ok.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect((await handler({ url: 'app://placelens/..%2f..%2fetc%2fpasswd' })).status).toBe(404);
  });

  it('opens one window with the hardened preferences on the app origin', () => {
    expect(calls.windows).toHaveLength(1);
    expect(calls.windows[0]!.url).toBe('app://placelens/index.html');
    expect(calls.windows[0]!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it('denies permissions, cancels requests that leave the app, and blocks navigation and new windows', () => {
    let granted: boolean | undefined;
    calls.permissionHandler!({}, 'geolocation', (ok) => (granted = ok));
    expect(granted).toBe(false);
    const cancel = (url: string) => {
      let result: boolean | undefined;
      calls.beforeRequest!({ url }, (r) => (result = r.cancel));
      return result;
    };
    expect(cancel('app://placelens/assets/index.js')).toBe(false);
    expect(cancel('https://tiles.example.com/0/0/0.pbf')).toBe(true);
    const event = { preventDefault: vi.fn() };
    calls.contentsHandlers.get('will-navigate')!(event, 'https://example.com/');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(calls.windowOpen!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('answers exactly the bridge channels and installs the File menu', () => {
    const { menuCommand: _sentByMain, setDocumentState, closeWindow, ...invoked } = CHANNELS;
    expect([...calls.ipcChannels].sort()).toEqual(Object.values(invoked).sort());
    expect([...calls.ipcListeners.keys()]).toEqual([setDocumentState, closeWindow]);
    expect(JSON.stringify(calls.menu)).toContain('Open &wards…');
    expect(JSON.stringify(calls.menu)).toContain('&Open project…');
  });
});

describe('closing a window with unsaved work', () => {
  const win = () => calls.windows.at(-1)!;
  const fromApp = () => ({ senderFrame: { url: 'app://placelens/index.html' }, sender: win().webContents });
  const setState = (title: string, dirty: boolean) => calls.ipcListeners.get(CHANNELS.setDocumentState)!(fromApp(), { title, dirty });
  const tryClose = () => {
    const event = { preventDefault: vi.fn() };
    win().handlers.get('close')!(event);
    return event;
  };
  const recovery = (name: string) => join(calls.userData, 'recovery', name);

  it('shows the title it is given, and closes without asking when nothing is unsaved', () => {
    setState('Kilburn.gpkg — PlaceLens', false);
    expect(win().setTitle).toHaveBeenLastCalledWith('Kilburn.gpkg — PlaceLens');
    expect(tryClose().preventDefault).not.toHaveBeenCalled();
    expect(calls.messageBoxes).toEqual([]);
  });

  it('Cancel: stops the close, asks on the window, and leaves everything as it was', async () => {
    setState('Kilburn.gpkg', true);
    calls.messageBoxResponse = 2;
    expect(tryClose().preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(calls.messageBoxes).toHaveLength(1));
    expect(calls.messageBoxes[0]).toEqual([win(), expect.objectContaining({ message: 'Save the changes to Kilburn.gpkg?', buttons: ['Save', "Don't save", 'Cancel'], cancelId: 2 })]);
    await new Promise((r) => setTimeout(r, 10));
    expect(win().close).not.toHaveBeenCalled();
    expect(win().webContents.send).not.toHaveBeenCalledWith(CHANNELS.menuCommand, 'save-then-close');
  });

  it("Don't save: clears the recovery copy and closes for real", async () => {
    mkdirSync(join(calls.userData, 'recovery'), { recursive: true });
    writeFileSync(recovery('recovery.json'), '{}');
    writeFileSync(recovery('recovery.gpkg'), 'work');
    calls.messageBoxResponse = 1;
    expect(tryClose().preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(win().closed).toBe(true));
    expect(existsSync(recovery('recovery.json'))).toBe(false);
    expect(existsSync(recovery('recovery.gpkg'))).toBe(false);
  });

  it('Save: tells the renderer to save then close; the renderer then closes the window for real', async () => {
    calls.appHandlers.get('activate')!();
    expect(calls.windows.filter((w) => !w.closed)).toHaveLength(1);
    setState('Fenmarsh (demo)', true);
    calls.messageBoxResponse = 0;
    expect(tryClose().preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(win().webContents.send).toHaveBeenCalledWith(CHANNELS.menuCommand, 'save-then-close'));
    expect(win().closed).toBe(false);
    calls.ipcListeners.get(CHANNELS.closeWindow)!(fromApp());
    expect(win().closed).toBe(true);
    expect(calls.messageBoxes).toHaveLength(3);
  });
});

describe('quitting with unsaved work', () => {
  it("carries on quitting once the person has answered Don't save, and stays open on Cancel", async () => {
    const electron = await import('electron');
    const quit = vi.mocked(electron.app.quit);
    const fromApp = (w: (typeof calls.windows)[number]) => ({ senderFrame: { url: 'app://placelens/index.html' }, sender: w.webContents });
    // As Electron quits: before-quit, then each window is asked to close.
    const quitNow = () => {
      calls.appHandlers.get('before-quit')!();
      for (const w of calls.windows.filter((x) => !x.closed)) w.close();
    };
    calls.appHandlers.get('activate')!();
    const win = calls.windows.filter((w) => !w.closed).at(-1)!;
    calls.ipcListeners.get(CHANNELS.setDocumentState)!(fromApp(win), { title: 'Quitting.gpkg', dirty: true });
    quit.mockClear();
    calls.messageBoxResponse = 2;
    const asked = calls.messageBoxes.length;
    quitNow();
    await vi.waitFor(() => expect(calls.messageBoxes).toHaveLength(asked + 1));
    await new Promise((r) => setTimeout(r, 10));
    expect(win.closed).toBe(false);
    expect(quit).not.toHaveBeenCalled();
    calls.messageBoxResponse = 1;
    quitNow();
    await vi.waitFor(() => expect(win.closed).toBe(true));
    expect(quit).toHaveBeenCalledTimes(1);
  });
});

describe('the audience window', () => {
  const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
  const projector = { id: 2, bounds: { x: 1920, y: 0, width: 1280, height: 720 }, workArea: { x: 1920, y: 0, width: 1280, height: 720 } };
  const open = (from: (typeof calls.windows)[number], channel: unknown) =>
    calls.ipcHandlers.get(CHANNELS.openAudienceWindow)!({ senderFrame: { url: 'app://placelens/index.html' }, sender: from.webContents }, channel);
  const presentMenuItem = () => {
    const workshop = (calls.menu as { label?: string; submenu?: { label?: string; click?: () => void }[] }[]).find((m) => m.label === 'Wor&kshop')!;
    return workshop.submenu!.find((i) => i.label === '&Present from the start')!;
  };

  it('opens full screen on the second display, hardened like the main window, and is reused on a new channel', async () => {
    calls.appHandlers.get('activate')!();
    const open_ = calls.windows.filter((w) => !w.closed);
    expect(open_).toHaveLength(1);
    const main = open_[0]!;
    calls.displays = [projector, laptop];
    const before = calls.windows.length;
    await expect(open(main, 'k3x9q2m7a1b4c8d0')).resolves.toBe(true);
    expect(calls.windows).toHaveLength(before + 1);
    const audience = calls.windows.at(-1)!;
    expect(audience.options).toMatchObject({ ...projector.bounds, fullscreen: true, show: false });
    expect(audience.options.webPreferences).toEqual(main.options.webPreferences);
    expect(audience.url).toBe('app://placelens/index.html?audience=k3x9q2m7a1b4c8d0');
    expect(audience.removeMenu).toHaveBeenCalled();

    await expect(open(main, 'abcd1234')).resolves.toBe(true);
    expect(calls.windows).toHaveLength(before + 1);
    expect(audience.focus).toHaveBeenCalledTimes(1);
    expect(audience.url).toBe('app://placelens/index.html?audience=abcd1234');
    await expect(open(main, 'NOT A CHANNEL')).rejects.toThrow(/channel must be 8 to 32 lowercase letters and digits/);
    expect(calls.windows).toHaveLength(before + 1);
  });

  it('sends menu commands to the presenter window even when the audience window is in front', () => {
    const [main, audience] = calls.windows.filter((w) => !w.closed);
    calls.focused = audience;
    presentMenuItem().click!();
    calls.focused = null;
    expect(main!.webContents.send).toHaveBeenLastCalledWith(CHANNELS.menuCommand, 'present');
    expect(audience!.webContents.send).not.toHaveBeenCalled();
  });

  it('closes with the main window; a later opening makes a new one, 1280×800 mid-screen on one display', async () => {
    const [main, audience] = calls.windows.filter((w) => !w.closed);
    main!.close();
    expect(audience!.closed).toBe(true);
    calls.appHandlers.get('activate')!();
    calls.displays = [laptop];
    await open(calls.windows.at(-1)!, 'abcd1234');
    expect(calls.windows.at(-1)!.options).toMatchObject({ x: 320, y: 120, width: 1280, height: 800, fullscreen: false });
  });
});
