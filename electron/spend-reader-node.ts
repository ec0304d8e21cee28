// Reading spend files in a worker thread under Node (the command line, the benchmarks), as the app's engine reads them
// in a Web Worker: the thread parses and packs batches while the engine stores the ones before.

import { Worker } from 'node:worker_threads';
import { readInWorker, type ReadingWorker, type SpendTextReader } from '../renderer/engine/spend-reading';

/**
 * The worker runs TypeScript, as the command line itself does, through tsx. Node 20 does not carry a loader given
 * with --import into a worker's first module, so the worker starts from a line that registers tsx and then loads it.
 */
function startThread(): Worker {
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./spend-read-worker.ts', import.meta.url).href)}); })`;
  // The reading makes millions of short-lived strings and row objects: a young generation larger than Node's default
  // lets most die there instead of being copied and promoted (0.2–0.4 s of a million-line import, in interleaved runs).
  return new Worker(bootstrap, { eval: true, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 96 } });
}

/** Its worker thread starts at once: the command line reads its input files meanwhile. */
export function nodeSpendReader(): SpendTextReader {
  return readInWorker(() => {
    const thread = startThread();
    const worker: ReadingWorker = {
      postMessage: (message, transfer) => thread.postMessage(message, transfer),
      onmessage: null,
      onerror: null,
      terminate: () => void thread.terminate(),
      // A worker waiting for the next file must not keep the command line from exiting; one reading must.
      busy: (busy) => (busy ? thread.ref() : thread.unref()),
    };
    thread.on('message', (m: Parameters<NonNullable<ReadingWorker['onmessage']>>[0]) => worker.onmessage?.(m));
    thread.on('error', (e) => worker.onerror?.(e.message));
    thread.unref();
    return worker;
  }, { eager: true });
}
