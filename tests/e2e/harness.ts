// Drives the web shell in Debian's Chromium: serves the built renderer on 127.0.0.1 and fails on any request elsewhere.

import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SHOTS = resolve(ROOT, 'test-results/screenshots');
export const CHROMIUM = process.env.PLACELENS_CHROMIUM ?? '/usr/bin/chromium';

export async function startWebShell(port = 0): Promise<{ server: PreviewServer; url: string }> {
  const server = await preview({
    configFile: resolve(ROOT, 'vite.config.ts'),
    preview: { port, host: '127.0.0.1', strictPort: false, open: false },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('web shell did not start');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--enable-unsafe-swiftshader', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-gpu-sandbox'],
  });
}

export interface GuardedPage {
  page: Page;
  /** Every request that tried to leave 127.0.0.1; a test fails if this is not empty. */
  offHost: string[];
  consoleErrors: string[];
}

/** A page where any request to another host is blocked and recorded, so a test can fail on it. */
export async function openGuardedPage(browser: Browser, viewport = { width: 1400, height: 900 }): Promise<GuardedPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const offHost: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1';
    if (local) return route.continue();
    offHost.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  // Workers' requests are not routed through context.route in every Chromium; record them too.
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1' && !offHost.includes(request.url())) offHost.push(request.url());
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  return { page, offHost, consoleErrors };
}

/** Waits until the app says its map has settled with data drawn. */
export async function waitForMapIdle(page: Page, timeout = 60000): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.mapState === 'idle', undefined, { timeout });
}

export async function screenshot(page: Page, name: string): Promise<Buffer> {
  mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: resolve(SHOTS, `${name}.png`) });
}

/**
 * One web shell and one Chromium for a test file, torn down after it; every test's page must ask nothing of another
 * host and log no error. `open` gives a fresh guarded page on the app (a path such as "?autosave-ms=300" appended).
 */
export function useWebShell(): { open(path?: string): Promise<GuardedPage>; url(): string } {
  let server: PreviewServer | undefined;
  let url = '';
  let browser: Browser | undefined;
  let current: GuardedPage | undefined;
  beforeAll(async () => {
    ({ server, url } = await startWebShell());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(() => {
    if (!current) return;
    expect(current.offHost).toEqual([]);
    expect(current.consoleErrors).toEqual([]);
  });
  return {
    url: () => url,
    async open(path = '') {
      current = await openGuardedPage(browser!);
      await current.page.goto(`${url}${path}`);
      return current;
    },
  };
}

/** Writes a project built in Node into folder and opens it in the web shell through File › Open project…. */
export async function openProjectFile(page: Page, folder: string, bytes: Uint8Array, name: string): Promise<void> {
  mkdirSync(folder, { recursive: true });
  const file = resolve(folder, name);
  writeFileSync(file, bytes);
  await page.getByTestId('file-menu').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open-project').click();
  await (await chooser).setFiles(file);
  await page.waitForFunction((n) => document.title.startsWith(n), name, { timeout: 60000 });
  await waitForMapIdle(page);
}
