// Reading a delimited spend file's lines for the engine, in batches. With a worker to hand, the worker reads the file's
// bytes (spend-bytes.ts) and packs the file a piece at a time while the engine places and stores the pieces before (the two halves of an
// import run side by side); without one, the same reading runs here first and its batches are handed out after.

import type { ExcludedRow, SpendFileResult, SpendParseOptions } from '../domain/spend-csv';
import { batchBuffers, LinePacker, transactionIdOf, type LineBatch } from '../domain/line-batch';
import { readSpendBytesInPieces } from '../domain/spend-bytes';
import { decodeInParts } from '../domain/text';
import type { InputProblem } from '../domain/problems';
import { DuplicateFinder, type DuplicateSummary } from '../domain/duplicates';
import { gridCells, WardGrid, type WardShapes } from '../domain/ward-grid';

export type ReadMessage =
  | { kind: 'piece'; batch: LineBatch; problems: InputProblem[]; excluded: ExcludedRow[]; fraction: number }
  /**
   * The reading's end: the file's header, columns and counts (its lines, excluded rows and problems came in pieces),
   * and the suspected duplicates when asked for (see ReadRequest.duplicates).
   */
  | { kind: 'end'; result: SpendFileResult; encoding: string; duplicates?: DuplicateSummary }
  | { kind: 'failed'; message: string };

/** What a reading worker is asked to do. */
export interface ReadRequest {
  bytes: Uint8Array;
  name: string;
  options: SpendParseOptions;
  /**
   * For a new project whose spend files are all read here: its suspected duplicates are found while they are read,
   * across its files (`first` starts afresh), and the last file's end gives them.
   */
  duplicates?: { first: boolean; last: boolean };
  /**
   * The project's wards, as the engine's locator holds them: each line's ward by its coordinates is then found here
   * (LineBatch.ward), by the same exact grid, while the engine stores the lines before.
   */
  wards?: WardShapes;
}

/** What a reader keeps from one file to the next: the duplicates found so far in the files of one project. */
export interface ReadingState {
  duplicates: DuplicateFinder | null;
}

/**
 * The reading itself, the same in a worker and here: the file decoded, read in pieces, each piece's lines packed into
 * a batch and posted with the rows excluded and the problems met since the one before, then the end.
 */
export function readSpendText(
  { bytes, name, options, duplicates, wards }: ReadRequest, post: (message: ReadMessage, transfer: ArrayBuffer[]) => void, state: ReadingState = { duplicates: null },
): void {
  const decoded = decodeInParts(bytes);
  const packer = new LinePacker();
  // Sized for about as many lines as the file's size suggests (80 bytes a line; it grows if there are more).
  if (duplicates?.first) state.duplicates = new DuplicateFinder(Math.round(bytes.length / 80));
  const finder = duplicates ? state.duplicates : null;
  const file = finder?.word(name) ?? -1;
  // The finder's number for each of the packer's words, so a line's supplier and date are found by number.
  const finderWords: number[] = [];
  // Built before the first piece, so that every batch comes placed and the engine never builds a grid of its own.
  const grid = wards && wards.shapes.length > 0 ? new WardGrid(wards.shapes, { maxCells: gridCells(wards.expectedPoints) }) : null;
  const { result, encoding } = readSpendBytesInPieces(bytes, decoded, name, options, packer, (piece) => {
    const batch = piece.batch;
    if (grid) {
      const ward = (batch.ward = new Int32Array(batch.count));
      for (let i = 0; i < batch.count; i++) ward[i] = grid.indexAt(batch.lon[i]!, batch.lat[i]!);
    }
    if (finder) {
      for (const w of batch.newWords) finderWords.push(finder.word(w));
      const { supplier, date } = batch.words;
      for (let i = 0; i < batch.count; i++) {
        const d = date[i]!;
        finder.addNumbered(finderWords[supplier[i]!]!, d < 0 ? -1 : finderWords[d]!, batch.amountPence[i]!, transactionIdOf(batch, i), file, batch.sourceRow[i]!);
      }
    }
    post({ kind: 'piece', batch, problems: piece.problems, excluded: piece.excluded, fraction: piece.fraction }, batchBuffers(batch));
  });
  const found = duplicates?.last && finder ? finder.summary() : undefined;
  if (duplicates?.last) state.duplicates = null;
  post({ kind: 'end', result: { ...result, lines: [], excluded: [], problems: [] }, encoding, ...(found ? { duplicates: found } : {}) }, []);
}

/** A reading under way: its messages in order, ending with 'end' (or 'failed'); stop() gives up on it. */
export interface SpendReading extends AsyncIterable<ReadMessage> {
  stop(): void;
}

export interface SpendTextReader {
  (request: ReadRequest): SpendReading;
  /** Settles when the reader can start at once (its worker has loaded); a reader here is always ready. */
  ready?: () => Promise<void>;
}

/** Reading here, in the engine's own thread: the whole file is read before the first batch is handed out. */
export function hereReader(): SpendTextReader {
  const state: ReadingState = { duplicates: null };
  return (request) => readHereWith(request, state);
}

function readHereWith(request: ReadRequest, state: ReadingState): SpendReading {
  const messages: ReadMessage[] = [];
  try {
    readSpendText(request, (m) => messages.push(m), state);
  } catch (e) {
    messages.push({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
  return {
    async *[Symbol.asyncIterator]() {
      yield* messages;
    },
    stop() {
      messages.length = 0;
    },
  };
}

/** The little of a worker the engine needs, whether a Web Worker or Node's worker_threads behind an adapter. */
export interface ReadingWorker {
  postMessage(message: ReadRequest, transfer: ArrayBuffer[]): void;
  /** Set by the reader: called with each message the worker posts ('ready' first, once it has loaded). */
  onmessage: ((message: ReadMessage | { kind: 'ready' }) => void) | null;
  /** Called if the worker itself fails (its script would not load, it ran out of memory). */
  onerror: ((message: string) => void) | null;
  terminate(): void;
  /** Told when a reading starts and ends, for a worker that must not keep its process alive while idle. */
  busy?(busy: boolean): void;
}

/**
 * Reading in a worker, one file at a time. The worker is started with the first file, or at once when `eager` (so it
 * has loaded when the first file comes), and kept for the next file; a stopped reading ends its worker, and the next
 * reading starts another.
 */
export function readInWorker(start: () => ReadingWorker, { eager = false }: { eager?: boolean } = {}): SpendTextReader {
  /** The worker, whether it has loaded, and where its messages go: the reading under way, if any. */
  interface Started {
    worker: ReadingWorker;
    loaded: Promise<void>;
    isLoaded: boolean;
    reading: ((m: ReadMessage) => void) | null;
  }
  const begin = (): Started => {
    const worker = start();
    const started: Started = { worker, loaded: Promise.resolve(), isLoaded: false, reading: null };
    // Busy while loading too: someone may be waiting for ready().
    worker.busy?.(true);
    const settle = () => {
      started.isLoaded = true;
      if (!started.reading) worker.busy?.(false);
    };
    started.loaded = new Promise<void>((resolve) => {
      worker.onmessage = (m) => {
        if (m.kind !== 'ready') started.reading?.(m);
        else {
          settle();
          resolve();
        }
      };
      worker.onerror = (message) => {
        settle();
        resolve();
        started.reading?.({ kind: 'failed', message });
        worker.terminate();
        if (current === started) current = null;
      };
    });
    return started;
  };
  let current: Started | null = eager ? begin() : null;
  const reader: SpendTextReader = (request) => {
    const started = (current ??= begin());
    const w = started.worker;
    const queue: ReadMessage[] = [];
    let wake: (() => void) | null = null;
    let finished = false;
    const end = () => {
      finished = true;
      started.reading = null;
      if (started.isLoaded) w.busy?.(false);
    };
    started.reading = (m: ReadMessage) => {
      queue.push(m);
      if (m.kind !== 'piece') end();
      wake?.();
      wake = null;
    };
    w.busy?.(true);
    // The worker is handed a copy of the bytes: the caller may still need its own (an import asks for a preview
    // again), and posting them would copy them twice, out and in again (0.17 s for 90 MB before the first line).
    const bytes = request.bytes.slice();
    w.postMessage({ ...request, bytes }, [bytes.buffer]);
    return {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const m = queue.shift();
          if (m !== undefined) {
            yield m;
            if (m.kind !== 'piece') return;
            continue;
          }
          if (finished && queue.length === 0) return;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
      stop() {
        if (finished) return;
        end();
        w.terminate();
        if (current === started) current = null;
        wake?.();
      },
    };
  };
  reader.ready = () => (current ??= begin()).loaded;
  return reader;
}
