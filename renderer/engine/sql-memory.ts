// sql.js started so that its wasm memory can be read directly. Reading a million lines' text columns through
// sql.js decodes every value into a new JS string (1.3 s of the 2 s it took); with the memory in hand, repeated
// values (suppliers, dates, codes) are recognised by their bytes and decoded once each (see row-reader.ts).

import initSqlJs, { type SqlJsStatic } from 'sql.js';

/** The little of WebAssembly used here, typed locally: the Node-side TypeScript project has no DOM library. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmInstance {
  exports: Record<string, unknown>;
}
interface WasmApi {
  instantiate(bytes: ArrayBuffer | Uint8Array, imports: object): Promise<{ instance: WasmInstance; module: unknown }>;
  Memory: abstract new (...args: never[]) => WasmMemory;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const memories = new WeakMap<SqlJsStatic, WasmMemory>();

/** The wasm memory of a sql.js started by startSql; null for one started otherwise. */
export function sqlMemory(SQL: SqlJsStatic): WasmMemory | null {
  return memories.get(SQL) ?? null;
}

/**
 * sql.js, instantiated here (emscripten's instantiateWasm hook) from the wasm's bytes, keeping its memory.
 * `wasm` gives the bytes: fetched in the browser, read from disk under Node.
 */
export async function startSql(wasm: () => Promise<ArrayBuffer | Uint8Array>): Promise<SqlJsStatic> {
  let memory: WasmMemory | null = null;
  let fail: (e: unknown) => void = () => {};
  // Emscripten waits for receive() and has no way to hear of a failure: the failure rejects this race instead.
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const SQL = await Promise.race([failed, initSqlJs({
    instantiateWasm(imports: object, receive: (instance: WasmInstance, module: unknown) => void) {
      void wasm()
        .then((bytes) => wasmApi.instantiate(bytes, imports))
        .then(({ instance, module }) => {
          memory = (Object.values(instance.exports).find((v) => v instanceof wasmApi.Memory) as WasmMemory | undefined) ?? null;
          receive(instance, module);
        }, fail);
      return {};
    },
  } as unknown as Parameters<typeof initSqlJs>[0])]);
  if (memory) memories.set(SQL, memory);
  return SQL;
}
