// The UI side of the engine: starts the worker and gives back a typed handle.

import * as Comlink from 'comlink';
import type { MeetParams } from '../domain/meeting-places';
import type { Slide } from '../domain/story';
import type { Annotation, AnnotationDraft } from '../domain/annotation';
import type { BriefArea } from '../domain/brief';
import type { AddReferenceOptions, EngineApi, FileInput, ImportSpendOptions, ProgressCallback, ProjectInput, ReferenceKind, ReplaceWardsOptions, SpendReadOptions } from './contract';
import type { ColumnMap } from '../domain/spend-csv';
import type { RuleSet } from '../domain/rule-set';
import type { SpendFilter } from '../domain/spend-filter';
import type { TableSort } from '../domain/spend-columns';

export function startEngineWorker(): EngineApi {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'placelens-engine' });
  const remote = Comlink.wrap<EngineApi>(worker);
  // Callbacks cross the worker boundary only as proxies.
  const proxied = (cb?: ProgressCallback) => (cb ? Comlink.proxy(cb) : undefined);
  return {
    loadProject: (input: ProjectInput, onProgress?: ProgressCallback) =>
      remote.loadProject(input, proxied(onProgress)),
    replaceWards: (file: FileInput, onProgress?: ProgressCallback, options?: ReplaceWardsOptions) => remote.replaceWards(file, proxied(onProgress), options),
    previewSpend: (file: FileInput, columns?: ColumnMap, options?: SpendReadOptions) => remote.previewSpend(file, columns, options),
    importSpend: (file: FileInput, columns?: ColumnMap, onProgress?: ProgressCallback, options?: ImportSpendOptions) =>
      remote.importSpend(file, columns, proxied(onProgress), options),
    profiles: () => remote.profiles(),
    cancel: () => remote.cancel(),
    summary: () => remote.summary(),
    mapData: () => remote.mapData(),
    wardDetail: (code: string, filter?: SpendFilter) => remote.wardDetail(code, filter),
    explore: (filter: SpendFilter) => remote.explore(filter),
    tableRows: (filter: SpendFilter, sort: TableSort, offset: number, limit: number) => remote.tableRows(filter, sort, offset, limit),
    exportCsv: (filter: SpendFilter, sort: TableSort, limit?: number) => remote.exportCsv(filter, sort, limit),
    filterOptions: () => remote.filterOptions(),
    spendTile: (filter: SpendFilter, z: number, x: number, y: number) => remote.spendTile(filter, z, x, y),
    linesIn: (filter: SpendFilter, bbox: [number, number, number, number]) => remote.linesIn(filter, bbox),
    clusterTile: (filter: SpendFilter, z: number, x: number, y: number) => remote.clusterTile(filter, z, x, y),
    hexes: (filter: SpendFilter, resolution: number) => remote.hexes(filter, resolution),
    meetingPlaces: (filter: SpendFilter, onProgress?: ProgressCallback) => remote.meetingPlaces(filter, proxied(onProgress)),
    meetParams: () => remote.meetParams(),
    exportArea: (area: BriefArea, filter: SpendFilter, format: 'csv' | 'geojson') => remote.exportArea(area, filter, format),
    briefFacts: (area: BriefArea | string, filter: SpendFilter, madeOn?: string) => remote.briefFacts(area, filter, madeOn),
    setMeetParams: (params: MeetParams) => remote.setMeetParams(params),
    annotations: () => remote.annotations(),
    addAnnotation: (draft: AnnotationDraft, createdAt?: string) => remote.addAnnotation(draft, createdAt),
    updateAnnotation: (id: number, patch: Partial<Pick<Annotation, 'note' | 'area' | 'slideId'>>) => remote.updateAnnotation(id, patch),
    deleteAnnotation: (id: number) => remote.deleteAnnotation(id),
    exportAnnotations: (format: 'csv' | 'geojson') => remote.exportAnnotations(format),
    story: () => remote.story(),
    setStory: (story: { name: string; slides: Slide[] }) => remote.setStory(story),
    searchSuppliers: (text: string, limit?: number) => remote.searchSuppliers(text, limit),
    search: (text: string) => remote.search(text),
    ruleSet: () => remote.ruleSet(),
    setRuleSet: (set: RuleSet, onProgress?: ProgressCallback) => remote.setRuleSet(set, proxied(onProgress)),
    setBoundaryVintage: (vintage: string | null) => remote.setBoundaryVintage(vintage),
    placeReview: () => remote.placeReview(),
    decidePlaceMatch: (phrase: string, place: { name: string; source: string }, decision: 'accept' | 'reject' | null) => remote.decidePlaceMatch(phrase, place, decision),
    setPlaceBySupplierAddress: (on: boolean, onProgress?: ProgressCallback) => remote.setPlaceBySupplierAddress(on, proxied(onProgress)),
    addReference: (kind: ReferenceKind, file: FileInput, onProgress?: ProgressCallback, options?: AddReferenceOptions) => remote.addReference(kind, file, proxied(onProgress), options),
    geopackageLayers: (file: FileInput) => remote.geopackageLayers(file),
    newProject: (name: string) => remote.newProject(name),
    saveProject: () => remote.saveProject(),
    // Copied, not handed over: a GeoPackage that is not a project is read again as wards.
    openProject: (file: FileInput, onProgress?: ProgressCallback) => remote.openProject(file, proxied(onProgress)),
  };
}
