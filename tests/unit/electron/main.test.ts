import { beforeAll, describe, expect, it, vi } from 'vitest';

// electron cannot run on the build machines; main.ts is checked by running it against a recording stand-in.
const calls = vi.hoisted(() => ({
  privileged: [] as unknown[],
  protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  ipcChannels: [] as string[],
  windows: [] as { options: Record<string, unknown>; url?: string }[],
  permissionHandler: undefined as undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
  beforeRequest: undefined as undefined | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  contentsHandlers: new Map<string, (...args: unknown[]) => unknown>(),
  windowOpen: undefined as undefined | ((d: { url: string }) => { action: string }),
  menu: undefined as unknown,
  ready: undefined as undefined | Promise<void>,
}));

vi.mock('electron', () => {
  let resolveReady: () => void;
  calls.ready = new Promise<void>((r) => (resolveReady = r));
  class BrowserWindow {
    webContents = { send: vi.fn() };
    constructor(public options: Record<string, unknown>) {
      calls.windows.push({ options });
    }
    once() {}
    show() {}
    loadURL(url: string) {
      calls.windows.at(-1)!.url = url;
      return Promise.resolve();
    }
    static getAllWindows() {
      return calls.windows;
    }
    static fromWebContents() {
      return null;
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
      },
      quit: vi.fn(),
    },
    BrowserWindow,
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (calls.menu = m) },
    dialog: { showOpenDialog: vi.fn() },
    ipcMain: { handle: (channel: string) => calls.ipcChannels.push(channel) },
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
    expect(calls.ipcChannels).toEqual(['placelens:open-file', 'placelens:save-file']);
    expect(JSON.stringify(calls.menu)).toContain('Open &wards…');
  });
});
