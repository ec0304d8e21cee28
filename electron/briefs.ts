// Area briefs in batch from the command line: the app's own pages, served from the built files on 127.0.0.1, opened
// in a headless Chromium found on the machine, and each ward's brief printed to PDF as the app prints it.

import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/** Where Chromium or Chrome usually lives, in the order tried after PLACELENS_CHROMIUM. */
export const CHROMIUM_CANDIDATES: Record<string, readonly string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'],
};

/** The browser to print with: the one named, else the first found; null when there is none. */
export function findChromium(env: Record<string, string | undefined>, platform: string, exists: (path: string) => boolean): string | null {
  if (env.PLACELENS_CHROMIUM) return exists(env.PLACELENS_CHROMIUM) ? env.PLACELENS_CHROMIUM : null;
  return (CHROMIUM_CANDIDATES[platform] ?? []).find(exists) ?? null;
}

export { briefFileName, briefIndex, type BriefWritten } from '../renderer/domain/brief-batch';
import type { BriefWritten } from '../renderer/domain/brief-batch';
import { briefFileName } from '../renderer/domain/brief-batch';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.json': 'application/json', '.geojson': 'application/geo+json', '.csv': 'text/csv', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.ttf': 'font/ttf', '.png': 'image/png', '.svg': 'image/svg+xml', '.pmtiles': 'application/octet-stream',
};

/** The built app's files on 127.0.0.1, on a port the system picks; nothing outside `root` is served. */
export async function serveFolder(root: string): Promise<{ server: Server; url: string }> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Type', TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('could not serve the app on 127.0.0.1');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

export interface BriefBatch {
  /** The saved project (.gpkg). */
  project: string;
  /** The folder the PDFs and the index go in (made if missing). */
  out: string;
  /** Ward codes, or 'all'. */
  wards: 'all' | string[];
  landscape: boolean;
  chromium: string;
  /** The built renderer (dist/renderer). */
  app: string;
  write(path: string, bytes: Uint8Array): void;
  progress(done: number, total: number, ward: string, ms: number): void;
  /** Set to stop after the brief in hand; files already written stay, each complete. */
  signal?: AbortSignal;
}

async function waitForBrief(page: Page, name: string): Promise<void> {
  // Strings, not functions: this side is compiled without the DOM's types, and the page has them.
  await page.waitForFunction(`document.querySelector('[data-testid=brief][data-ready=yes] h1')?.textContent === ${JSON.stringify(name)}`, undefined, { timeout: 120_000 });
}

/** Opens the project in the app's page and prints each ward's brief; returns what was written. */
/**
 * Briefs printed at once, each page its own copy of the app and the project. On our 2-core machine two pages were
 * slower than one (the batch of 20 demo wards took 25–30 s against 21–23 s: drawing the maps in software already
 * takes both cores), so one it is; a machine with more cores and a GPU may gain from more.
 */
export const BATCH_PAGES = 1;

export async function runBriefBatch(batch: BriefBatch): Promise<{ written: BriefWritten[]; cancelled: boolean; unknown: string[] }> {
  const { chromium } = await import('playwright-core');
  const { server, url } = await serveFolder(batch.app);
  let browser: Browser | null = null;
  const written: BriefWritten[] = [];
  try {
    browser = await chromium.launch({
      executablePath: batch.chromium,
      headless: true,
      // Ctrl+C is ours: the brief in hand is finished and the index written, then the browser closes in `finally`.
      handleSIGINT: false,
      args: ['--no-sandbox', '--disable-background-networking', '--enable-unsafe-swiftshader', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    // bypassCSP: the waits below are evaluated in the page, which the app's own policy (no eval) would refuse.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    // Offline, as the app always is: anything not on 127.0.0.1 is refused.
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' || !/^https?:/.test(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
    const mapIdle = "document.documentElement.dataset.mapState === 'idle'";
    const openProject = async (): Promise<Page> => {
      const page = await context.newPage();
      // ?start=empty: no demo loaded first, only to be replaced by the project.
      await page.goto(`${url}?start=empty`);
      await page.waitForFunction(mapIdle, undefined, { timeout: 120_000 });
      // The empty project's map is idle already: only an idle after the project is drawn counts.
      await page.evaluate("delete document.documentElement.dataset.mapState");
      await page.getByTestId('file-menu').click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('open-project').click();
      await (await chooser).setFiles(batch.project);
      await page.waitForFunction(`document.title.startsWith(${JSON.stringify(basename(batch.project))})`, undefined, { timeout: 300_000 });
      await page.waitForFunction(mapIdle, undefined, { timeout: 300_000 });
      await page.waitForFunction("document.querySelectorAll('[data-testid=ward-picker] option').length > 1", undefined, { timeout: 300_000 });
      return page;
    };
    const first = await openProject();
    const options = ((await first.evaluate("[...document.querySelectorAll('[data-testid=ward-picker] option')].map((o) => [o.value, o.textContent ?? ''])")) as [string, string][])
      .filter(([v]) => v !== '');
    const known = new Map(options);
    const codes = batch.wards === 'all' ? options.map(([c]) => c) : batch.wards.filter((c) => known.has(c));
    const unknown = batch.wards === 'all' ? [] : batch.wards.filter((c) => !known.has(c));
    const pages = [first, ...(await Promise.all(Array.from({ length: Math.min(BATCH_PAGES, codes.length) - 1 }, openProject)))];
    let next = 0;
    let cancelled = false;
    const work = async (page: Page) => {
      let opened = false;
      for (;;) {
        if (batch.signal?.aborted) {
          cancelled = true;
          return;
        }
        const k = next++;
        const code = codes[k];
        if (code === undefined) return;
        const t0 = performance.now();
        if (!opened) {
          await page.getByTestId('ward-picker').selectOption(code);
          await page.getByTestId('open-brief').click();
          opened = true;
        } else {
          // Stepping from brief to brief in the brief's own ward list leaves the map behind it still.
          await page.getByTestId('brief-ward').selectOption(code);
        }
        if (batch.landscape && !(await page.getByTestId('brief-landscape').isChecked())) await page.getByTestId('brief-landscape').check();
        await waitForBrief(page, known.get(code)!);
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
        const file = briefFileName(known.get(code)!, code);
        batch.write(join(batch.out, file), new Uint8Array(pdf));
        const total = (await page.getByTestId('brief-total').textContent()) ?? '';
        const lines = (await page.getByTestId('brief-headline').locator('dd').nth(2).textContent()) ?? '';
        const ms = performance.now() - t0;
        written.push({ code, name: known.get(code)!, file, total, lines, ms });
        batch.progress(written.length, codes.length, known.get(code)!, ms);
      }
    };
    await Promise.all(pages.map(work));
    // In the wards' order, whichever page finished first.
    const order = new Map(codes.map((c, i) => [c, i]));
    written.sort((a, b) => order.get(a.code)! - order.get(b.code)!);
    return { written, cancelled, unknown };
  } finally {
    await browser?.close();
    await new Promise((ok) => server.close(ok));
  }
}
