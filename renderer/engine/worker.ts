// The engine's Web Worker: starts sql.js from the bundled wasm and answers the contract over Comlink.

import * as Comlink from 'comlink';
import { startSql } from './sql-memory';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { Engine } from './engine';
import { readInWorker, type ReadingWorker, type ReadMessage } from './spend-reading';
import type { MeetParams } from '../domain/meeting-places';
import type { Slide } from '../domain/story';
import type { Annotation, AnnotationDraft } from '../domain/annotation';
import type { BriefArea } from '../domain/brief';
import type { AddReferenceOptions, EngineApi, FileInput, ImportSpendOptions, ProgressCallback, ProjectInput, ReferenceKind, ReplaceWardsOptions, SpendReadOptions } from './contract';
import type { ColumnMap } from '../domain/spend-csv';
import type { RuleSet } from '../domain/rule-set';
import type { SpendFilter } from '../domain/spend-filter';
import type { TableSort } from '../domain/spend-columns';

/**
 * A Web Worker of its own reads spend files, so an import parses one batch while the engine stores the one before.
 * Started with the first import, not with the page: opening a project needs none.
 */
function readingWorker(): ReadingWorker {
  const thread = new Worker(new URL('./spend-read-worker.ts', import.meta.url), { type: 'module' });
  const worker: ReadingWorker = {
    postMessage: (message, transfer) => thread.postMessage(message, transfer),
    onmessage: null,
    onerror: null,
    terminate: () => thread.terminate(),
  };
  thread.onmessage = (event: MessageEvent<ReadMessage | { kind: 'ready' }>) => worker.onmessage?.(event.data);
  thread.onerror = (event) => worker.onerror?.(event.message || 'the reading worker failed');
  return worker;
}

// Started with its memory kept, so the engine reads many lines' text by their bytes (see sql-memory.ts).
const ready: Promise<Engine> = startSql(() => fetch(wasmUrl).then((r) => r.arrayBuffer())).then((SQL) => new Engine(SQL, readInWorker(readingWorker)));

const api: EngineApi = {
  loadProject: async (input: ProjectInput, onProgress?: ProgressCallback) => (await ready).loadProject(input, onProgress),
  replaceWards: async (file: FileInput, onProgress?: ProgressCallback, options?: ReplaceWardsOptions) => (await ready).replaceWards(file, onProgress, options),
  previewSpend: async (file: FileInput, columns?: ColumnMap, options?: SpendReadOptions) => (await ready).previewSpend(file, columns, options),
  importSpend: async (file: FileInput, columns?: ColumnMap, onProgress?: ProgressCallback, options?: ImportSpendOptions) =>
    (await ready).importSpend(file, columns, onProgress, options),
  profiles: async () => (await ready).profiles(),
  cancel: async () => (await ready).cancel(),
  summary: async () => (await ready).summary(),
  mapData: async () => (await ready).mapData(),
  wardDetail: async (code: string, filter?: SpendFilter) => (await ready).wardDetail(code, filter),
  explore: async (filter: SpendFilter) => (await ready).explore(filter),
  tableRows: async (filter: SpendFilter, sort: TableSort, offset: number, limit: number) => (await ready).tableRows(filter, sort, offset, limit),
  exportCsv: async (filter: SpendFilter, sort: TableSort, limit?: number) => (await ready).exportCsv(filter, sort, limit),
  filterOptions: async () => (await ready).filterOptions(),
  // Handed over, not copied: the map asks for many tiles.
  spendTile: async (filter: SpendFilter, z: number, x: number, y: number) => {
    const bytes = await (await ready).spendTile(filter, z, x, y);
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
  linesIn: async (filter: SpendFilter, bbox: [number, number, number, number]) => (await ready).linesIn(filter, bbox),
  clusterTile: async (filter: SpendFilter, z: number, x: number, y: number) => {
    const bytes = await (await ready).clusterTile(filter, z, x, y);
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
  hexes: async (filter: SpendFilter, resolution: number) => (await ready).hexes(filter, resolution),
  meetingPlaces: async (filter: SpendFilter, onProgress?: ProgressCallback) => (await ready).meetingPlaces(filter, onProgress),
  meetParams: async () => (await ready).meetParams(),
  exportArea: async (area: BriefArea, filter: SpendFilter, format: 'csv' | 'geojson') => (await ready).exportArea(area, filter, format),
  briefFacts: async (area: BriefArea | string, filter: SpendFilter, madeOn?: string) => (await ready).briefFacts(area, filter, madeOn),
  setMeetParams: async (params: MeetParams) => (await ready).setMeetParams(params),
  story: async () => (await ready).story(),
  setStory: async (story: { name: string; slides: Slide[] }) => (await ready).setStory(story),
  annotations: async () => (await ready).annotations(),
  addAnnotation: async (draft: AnnotationDraft, createdAt?: string) => (await ready).addAnnotation(draft, createdAt),
  updateAnnotation: async (id: number, patch: Partial<Pick<Annotation, 'note' | 'area' | 'slideId'>>) => (await ready).updateAnnotation(id, patch),
  deleteAnnotation: async (id: number) => (await ready).deleteAnnotation(id),
  exportAnnotations: async (format: 'csv' | 'geojson') => (await ready).exportAnnotations(format),
  searchSuppliers: async (text: string, limit?: number) => (await ready).searchSuppliers(text, limit),
  search: async (text: string) => (await ready).search(text),
  ruleSet: async () => (await ready).ruleSet(),
  setRuleSet: async (set: RuleSet, onProgress?: ProgressCallback) => (await ready).setRuleSet(set, onProgress),
  setBoundaryVintage: async (vintage: string | null) => (await ready).setBoundaryVintage(vintage),
  placeReview: async () => (await ready).placeReview(),
  decidePlaceMatch: async (phrase: string, place: { name: string; source: string }, decision: 'accept' | 'reject' | null) => (await ready).decidePlaceMatch(phrase, place, decision),
  setPlaceBySupplierAddress: async (on: boolean, onProgress?: ProgressCallback) => (await ready).setPlaceBySupplierAddress(on, onProgress),
  addReference: async (kind: ReferenceKind, file: FileInput, onProgress?: ProgressCallback, options?: AddReferenceOptions) => (await ready).addReference(kind, file, onProgress, options),
  geopackageLayers: async (file: FileInput) => (await ready).geopackageLayers(file),
  newProject: async (name: string) => (await ready).newProject(name),
  // Handed over, not copied: a large project is hundreds of megabytes.
  saveProject: async () => {
    const bytes = await (await ready).saveProject();
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
  openProject: async (file: FileInput, onProgress?: ProgressCallback) => (await ready).openProject(file, onProgress),
};

Comlink.expose(api);
