// Builds the renderer (the same page for the desktop app and the web shell) and runs the tests.

import { cpSync, existsSync, readFileSync } from 'node:fs';
import { resolve, normalize, sep } from 'node:path';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const demoDir = resolve(import.meta.dirname, 'data/demo');

/** The bundled demo project ships beside the page as plain files at ./demo/, read by the same code as any project. */
function bundledDemo(): Plugin {
  return {
    name: 'placelens-bundled-demo',
    configureServer(server) {
      server.middlewares.use('/demo/', (req, res, next) => {
        const file = normalize(resolve(demoDir, decodeURIComponent((req.url ?? '').split('?')[0]!.replace(/^\//, ''))));
        if (!file.startsWith(demoDir + sep) || !existsSync(file)) return next();
        res.end(readFileSync(file));
      });
    },
    writeBundle(options) {
      cpSync(demoDir, resolve(options.dir!, 'demo'), { recursive: true });
    },
  };
}

const port = Number(process.env.PORT ?? 5173);

export default defineConfig({
  root: 'renderer',
  // Relative paths: the desktop shell serves the built files from its own app:// origin.
  base: './',
  publicDir: false,
  plugins: [react(), bundledDemo()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port, strictPort: true },
  preview: { host: '127.0.0.1', port, strictPort: true },
  test: {
    root: '.',
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'engine', include: ['tests/engine/**/*.test.ts'], environment: 'node', testTimeout: 30000 } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90000,
          hookTimeout: 120000,
        },
      },
    ],
  },
});
