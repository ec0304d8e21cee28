// The worker thread behind spend-reader-node.ts: reads each spend file it is sent, posting batches as it goes.

import { parentPort } from 'node:worker_threads';
import { readSpendText, type ReadingState, type ReadRequest } from '../renderer/engine/spend-reading';

// Kept from file to file: the duplicates found so far in one project's files.
const state: ReadingState = { duplicates: null };

const port = parentPort!;
port.postMessage({ kind: 'ready' });
port.on('message', (request: ReadRequest) => {
  try {
    readSpendText(request, (message, transfer) => port.postMessage(message, transfer), state);
  } catch (e) {
    port.postMessage({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
});
