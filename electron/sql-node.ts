// sql.js under Node (the command line, the benchmarks and the tests) started with its memory kept, as the
// engine's worker starts it in the browser: see renderer/engine/sql-memory.ts.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { SqlJsStatic } from 'sql.js';
import { startSql } from '../renderer/engine/sql-memory';

const wasmPath = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');

export function startSqlNode(): Promise<SqlJsStatic> {
  return startSql(() => readFile(wasmPath));
}
