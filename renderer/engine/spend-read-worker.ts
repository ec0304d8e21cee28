// The engine's reading worker (a Web Worker the engine's own worker starts): reads each spend file it is sent,
// posting batches as it goes, so the engine stores one batch while this reads the next.

import { readSpendText, type ReadingState, type ReadRequest } from './spend-reading';

// Kept from file to file: the duplicates found so far in one project's files.
const state: ReadingState = { duplicates: null };

interface WorkerScope {
  onmessage: ((event: { data: ReadRequest }) => void) | null;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
}
const scope = self as unknown as WorkerScope;
scope.postMessage({ kind: 'ready' }, []);

scope.onmessage = (event) => {
  try {
    readSpendText(event.data, (message, transfer) => scope.postMessage(message, transfer), state);
  } catch (e) {
    scope.postMessage({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }, []);
  }
};
