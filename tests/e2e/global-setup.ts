// Before the end-to-end tests: the web shell must be built and Debian's Chromium present.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { CHROMIUM, ROOT } from './harness';

export default async function setup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`End-to-end tests need Chromium at ${CHROMIUM} (apt-get install -y chromium), or set PLACELENS_CHROMIUM.`);
  }
  if (!existsSync(resolve(ROOT, 'dist/renderer/index.html'))) {
    await build({ configFile: resolve(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
}
