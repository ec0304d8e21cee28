// Lint: TypeScript rules plus the layering of DESIGN.md, enforced rather than remembered.
// ui → store → {engine, map/style, platform} → domain; only engine/ touches sql.js; only map/ touches maplibre-gl.

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Each folder gets one no-restricted-imports rule (a later config would replace, not merge, an earlier one).
const NODE_ONLY = ['electron', 'fs', 'path', 'child_process', 'os'].map((name) => ({ name, message: 'The renderer runs without Node or electron.' }));
const pkgs = (names, message) => names.map((name) => ({ name, message }));
const rendererRule = (paths, patterns = []) => ['error', { paths: [...NODE_ONLY, ...paths], patterns: [{ group: ['node:*'], message: 'The renderer runs without Node.' }, ...patterns] }];
const group = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'node_modules/**', 'test-results/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    files: ['renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['renderer/domain/**'],
    rules: {
      'no-restricted-imports': rendererRule(pkgs(['react', 'react-dom', 'maplibre-gl', 'sql.js', 'zustand', 'comlink'], 'domain/ is pure TypeScript: no UI, map, database or shell.'), [
        group(['maplibre-gl/*', 'sql.js/*', 'zustand/*', 'react-dom/*'], 'domain/ is pure TypeScript: no UI, map, database or shell.'),
        group(['**/engine/**', '**/store/**', '**/ui/**', '**/map/**', '**/platform/**'], 'domain/ depends on nothing else in the app.'),
      ]),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'fetch'],
    },
  },
  {
    files: ['renderer/engine/**'],
    rules: {
      'no-restricted-imports': rendererRule(pkgs(['react', 'react-dom', 'maplibre-gl', 'zustand'], 'engine/ runs in a worker: no UI, map or app state.'), [
        group(['**/store/**', '**/ui/**', '**/map/**', '**/platform/**'], 'engine/ may use only domain/.'),
      ]),
    },
  },
  {
    files: ['renderer/map/**'],
    rules: {
      'no-restricted-imports': rendererRule(pkgs(['sql.js', 'zustand', 'comlink'], 'map/ draws; it does not own data or state.'), [
        group(['**/store/**', '**/ui/**', '**/platform/**', '**/engine/engine', '**/engine/worker', '**/engine/client'], 'map/ may use domain/ and engine contract types only.'),
      ]),
    },
  },
  {
    files: ['renderer/platform/**'],
    rules: {
      'no-restricted-imports': rendererRule(pkgs(['sql.js', 'maplibre-gl', 'react', 'zustand', 'comlink'], 'platform/ is the shell boundary only.'), [
        group(['**/store/**', '**/ui/**', '**/map/**', '**/engine/**'], 'platform/ may use only domain/.'),
      ]),
    },
  },
  {
    files: ['renderer/store/**'],
    rules: {
      'no-restricted-imports': rendererRule(pkgs(['sql.js', 'maplibre-gl', 'comlink'], 'store/ talks to the engine and platform through their contracts.'), [
        group(['**/ui/**', '**/map/MapView', '**/engine/engine', '**/engine/worker', '**/engine/client', '**/platform/web', '**/platform/electron'], 'store/ may not reach up into ui/ or into engine or shell internals.'),
      ]),
    },
  },
  {
    files: ['renderer/ui/**'],
    rules: {
      'no-restricted-imports': rendererRule(pkgs(['sql.js', 'maplibre-gl', 'comlink'], 'ui/ reads the store; only map/MapView owns the map, only engine/ owns the database.'), [
        group(['**/engine/engine', '**/engine/worker', '**/engine/client', '**/platform/web', '**/platform/electron', '**/platform/index'], 'ui/ calls store actions, never the engine or the shell directly.'),
      ]),
    },
  },
  {
    files: ['renderer/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': rendererRule([]) },
  },
  {
    // The command line is a shell like the desktop one, but it runs the engine itself, in Node (briefs.ts is its
    // batch of area briefs, and is never loaded by the desktop app; sql-node.ts starts its sql.js, spend-reader-node.ts
    // and spend-read-worker.ts read its spend files in a worker thread).
    files: ['electron/cli.ts', 'electron/briefs.ts', 'electron/sql-node.ts', 'electron/spend-reader-node.ts', 'electron/spend-read-worker.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: pkgs(['react', 'react-dom', 'maplibre-gl', 'zustand'], 'the command line has no UI.') }],
    },
  },
  {
    files: ['electron/**'],
    ignores: ['electron/cli.ts', 'electron/briefs.ts', 'electron/sql-node.ts', 'electron/spend-reader-node.ts', 'electron/spend-read-worker.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: pkgs(['react', 'react-dom', 'maplibre-gl', 'sql.js', 'zustand'], 'electron/ is a thin shell.'),
          patterns: [{ regex: '^(\\.\\./)+renderer/(?!platform/bridge$)', message: 'electron/ may import only the bridge types from the renderer.' }],
        },
      ],
    },
  },
);
