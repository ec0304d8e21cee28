import { DEFAULT_MEET_PARAMS } from '../../../renderer/domain/meeting-places';
import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../../renderer/store/store';
import { documentTitle } from '../../../renderer/store/file-slice';
import type { EngineApi, MapData, ProjectSummary, WardDetail } from '../../../renderer/engine/contract';
import type { Platform } from '../../../renderer/platform/platform';
import { defaultRuleSet } from '../../../renderer/domain/rule-set';
import type { Slide } from '../../../renderer/domain/story';
import type { Annotation } from '../../../renderer/domain/annotation';

const summary: ProjectSummary = {
  name: 'Test', notice: null, boundaryVintage: null, wardsFile: 'w.geojson', wardCount: 2, lineCount: 3, totalPence: 600,
  placedLines: 3, placedPence: 600, firstDate: null, lastDate: null, sources: [], ledger: [], problems: [], problemCount: 0,
  duplicates: { lines: 0, pence: 0, groups: 0, examples: [] }, beforeVintage: null, classification: [], placeBySupplierAddress: false, dividedByArea: { lines: 0, pence: 0, places: 0 },
};
const ward = (code: string, total: number) => ({
  type: 'Feature' as const,
  properties: { code, name: code, total, lines: 1, 'social-care': total, youth: 0, estates: 0, 'green-spaces': 0, other: 0 },
  geometry: { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
});
const mapData: MapData = {
  wards: { type: 'FeatureCollection', features: [ward('A', 100), ward('B', 500)] },
  labels: { type: 'FeatureCollection', features: [] },
  places: { type: 'FeatureCollection', features: [] },
  pointCount: 0,
  bounds: [0, 0, 1, 1],
};

function fakes(overrides: Partial<EngineApi> = {}, openFile: Platform['openFile'] = async () => null) {
  const calls: string[] = [];
  // What the explore view asked for, apart from calls, which tests of project actions compare whole.
  const views: string[] = [];
  const recovery: { file: Awaited<ReturnType<Platform['readRecovery']>> } = { file: null };
  // The project's story as the engine keeps it (what the last setStory stored).
  const storyStored: { name: string; slides: Slide[] } = { name: 'Workshop story', slides: [] };
  const notes: Annotation[] = [];
  const engine: EngineApi = {
    loadProject: async (input, onProgress) => {
      calls.push(`load:${input.name}:${input.spend.map((f) => f.name).join('+')}`);
      onProgress?.({ fraction: 0.5, label: 'half' });
      return summary;
    },
    replaceWards: async () => ({ ok: true, summary }),
    summary: async () => summary,
    mapData: async () => mapData,
    spendTile: async () => new Uint8Array(0),
    linesIn: async () => [],
    wardDetail: async (code) => ({ code, name: code, totalPence: 1, lines: 1 }) as WardDetail,
    previewSpend: async (file, columns, options) => {
      calls.push(`preview:${file.name}:${JSON.stringify(columns ?? null)}${options?.sheet ? `:${options.sheet}` : ''}`);
      const sheets = file.name.endsWith('.xlsx') ? ['Cover', 'Payments'] : [];
      return {
        file: file.name, format: 'table', encoding: 'utf-8', headerRow: 1, header: ['Date', 'Payee', 'Team', 'Amount'],
        columns: columns ?? { date: 0, supplier: 1, amount: 3 }, dataRows: 2, sampleRows: [], sampleLines: [], problems: [], profile: null,
        sheets, sheet: sheets.length ? (options?.sheet ?? sheets[0]!) : null,
      };
    },
    cancel: async () => {
      calls.push('cancel');
    },
    importSpend: async (file, columns, _onProgress, options) => {
      calls.push(`import:${file.name}:${JSON.stringify(columns)}${options ? `:${JSON.stringify(options)}` : ''}`);
      return { ok: true, summary: { ...summary, lineCount: 5 }, problems: [], problemCount: 0 };
    },
    profiles: async () => [],
    ruleSet: async () => defaultRuleSet(),
    setRuleSet: async () => ({ ok: true, summary, changed: { lines: 0, pence: 0 }, warnings: [] }),
    setBoundaryVintage: async (vintage) => ({ ok: true, summary: { ...summary, boundaryVintage: vintage } }),
    placeReview: async () => {
      calls.push('place-review');
      return { pending: [{ phrase: 'regents park estate', field: 'purpose', place: { name: "Regent's Park Estate", kind: 'estate', source: 'p.csv row 2' }, why: 'w', score: 0.85, lines: 2, pence: 500, examples: ['Regents Park Estate roofs'] }], decided: [] };
    },
    decidePlaceMatch: async (phrase, place, decision) => {
      calls.push(`decide:${phrase}:${place.name}:${decision}`);
      return { summary: { ...summary, placedLines: summary.placedLines + (decision === 'accept' ? 2 : 0) }, newlyPlaced: decision === 'accept' ? 2 : 0 };
    },
    setPlaceBySupplierAddress: async (on) => {
      calls.push(`supplier-address:${on}`);
      return { summary: { ...summary, placeBySupplierAddress: on, placedLines: summary.placedLines + (on ? 2 : 0) }, newlyPlaced: on ? 2 : 0 };
    },
    addReference: async (kind, file) => {
      calls.push(`reference:${kind}:${file.name}`);
      return { ok: true, summary: { ...summary, placedLines: summary.placedLines + 3 }, newlyPlaced: 3 };
    },
    geopackageLayers: async () => ({ ok: true, layers: [] }),
    newProject: async (name) => ({ ...summary, name, wardCount: 0, lineCount: 0 }),
    saveProject: async () => {
      calls.push('save');
      return new Uint8Array([1, 2, 3]);
    },
    openProject: async (file) => {
      calls.push(`open:${file.name}`);
      if (file.name.startsWith('plain')) return { ok: false, geopackage: true, problems: [{ file: file.name, reason: 'not a project', severity: 'error' }] };
      if (file.name.startsWith('broken')) return { ok: false, problems: [{ file: file.name, reason: 'cut short', severity: 'error' }] };
      return { ok: true, summary: { ...summary, name: 'Opened' }, migratedFrom: file.name.startsWith('old') ? 1 : null };
    },
    explore: async (filter) => {
      views.push(`explore:${filter.areas.join('+')}:${filter.supplierText}`);
      // Youth off in the filter takes ward B's spend away, so the map and classes must follow.
      const wards = mapData.wards.features.map((f) => ({ ...f.properties, total: filter.areas.includes('social-care') ? f.properties.total : 0 }));
      return {
        resolved: { areas: [], missionMask: 0, missions: [], fromDay: null, toDay: null, minPence: null, maxPence: null, suppliers: null, departments: null, methods: [], redacted: true, bbox: null, lasso: null, picked: null },
        lines: 3, pence: 600, placedLines: 3, placedPence: 600,
        byArea: { 'social-care': 600, youth: 0, estates: 0, 'green-spaces': 0, other: 0 },
        linesByArea: { 'social-care': 3, youth: 0, estates: 0, 'green-spaces': 0, other: 0 },
        wards,
      };
    },
    tableRows: async (filter, sort, offset, limit) => {
      views.push(`table:${sort.key}:${sort.descending}:${offset}:${limit}`);
      return { total: 3, offset, rows: [] };
    },
    exportCsv: async () => 'line_id\r\n1\r\n',
    filterOptions: async () => ({ firstDate: null, lastDate: null, missions: [], departments: [], minPence: null, maxPence: null, unlocatedLines: 0, redactedLines: 0 }),
    searchSuppliers: async (text) => [{ supplier: `${text} Ltd`, lines: 1, pence: 100 }],
    hexes: async () => ({ type: 'FeatureCollection', features: [] }),
    clusterTile: async () => new Uint8Array(0),
    meetingPlaces: async () => ({ params: DEFAULT_MEET_PARAMS, places: [], gaps: [], considered: 0, placed: 0, candidates: 0, milliseconds: 0 }),
    meetParams: async () => DEFAULT_MEET_PARAMS,
    briefFacts: async () => null,
    exportArea: async () => '',
    setMeetParams: async (p) => p,
    annotations: async () => notes,
    addAnnotation: async (draft, createdAt) => {
      const annotation = { ...draft, id: notes.length + 1, createdAt: createdAt ?? '2026-11-27T10:00:00.000Z' };
      notes.push(annotation);
      return { ok: true, annotation };
    },
    updateAnnotation: async (id, patch) => {
      const i = notes.findIndex((n) => n.id === id);
      if (i < 0) return { ok: false, reason: 'gone' };
      notes[i] = { ...notes[i]!, ...patch };
      return { ok: true, annotation: notes[i]! };
    },
    deleteAnnotation: async (id) => {
      const i = notes.findIndex((n) => n.id === id);
      return i < 0 ? null : notes.splice(i, 1)[0]!;
    },
    exportAnnotations: async (format) => (format === 'csv' ? 'id,note\r\n' : '{"type":"FeatureCollection","features":[]}'),
    story: async () => ({ ...storyStored, problems: [] }),
    setStory: async (story) => {
      calls.push(`story:${story.slides.length}`);
      storyStored.name = story.name.trim() || 'Workshop story';
      storyStored.slides = structuredClone(story.slides);
      return { ...storyStored, problems: [] };
    },
    search: async (text) => [
      { kind: 'ward', label: 'A', detail: 'Ward A', wardCode: 'A', bounds: [0, 0, 1, 1] },
      { kind: 'supplier', label: `${text} Ltd`, detail: 'Supplier: 1 line', supplier: `${text} Ltd`, bounds: [0.2, 0.2, 0.3, 0.3] },
    ],
    ...overrides,
  };
  const files: Record<string, string> = {
    'demo/project.json': JSON.stringify({ name: 'Demo', notice: 'Demo data — fictional', wards: 'w.geojson', spend: ['a.csv', 'b.csv'] }),
    'demo/w.geojson': '{}',
    'demo/a.csv': '',
    'demo/b.csv': '',
  };
  const saved: { name: string; text: string }[] = [];
  const platform: Platform = {
    openFile,
    saveFile: async (request, bytes) => {
      saved.push({ name: request.suggestedName, text: new TextDecoder().decode(bytes) });
      return { name: request.suggestedName };
    },
    readBundled: async (path) => {
      if (!(path in files)) throw new Error(`no ${path}`);
      return new TextEncoder().encode(files[path]);
    },
    onMenuCommand: () => () => {},
    copyText: async (text) => {
      saved.push({ name: 'clipboard', text });
    },
    openProject: async () => ({ ref: { id: 'p1', name: 'Kilburn.gpkg' }, bytes: new Uint8Array([9]) }),
    openRecentProject: async (id) => ({ ref: { id, name: 'Recent.gpkg' }, bytes: new Uint8Array([9]) }),
    saveProject: async (ref, suggestedName, bytes, saveAs) => {
      calls.push(`write:${ref?.name ?? 'new'}:${suggestedName}:${bytes.length}:${saveAs}`);
      if (suggestedName.startsWith('Full')) return { ok: false, cancelled: false, reason: 'the disk is full' };
      return { ok: true, ref: ref && !saveAs ? ref : { id: 'p2', name: suggestedName } };
    },
    recentProjects: async () => [],
    writeRecovery: async (name, ref, bytes) => {
      calls.push(`recovery:${name}:${ref?.name ?? 'none'}:${bytes.length}`);
    },
    readRecovery: async () => recovery.file,
    clearRecovery: async () => {
      calls.push('clear-recovery');
      recovery.file = null;
    },
    setDocumentState: () => {},
    closeWindow: () => calls.push('close'),
    printPage: async () => null,
    openAudienceWindow: async () => true,
  };
  return { store: createAppStore({ engine, platform }), calls, views, recovery, saved };
}

describe('app store', () => {
  it('opens the demo through the same engine call as any project, reading its manifest', async () => {
    const { store, calls } = fakes();
    await store.getState().openDemo();
    expect(calls).toEqual(['load:Demo:a.csv+b.csv']);
    expect(store.getState()).toMatchObject({ status: 'ready', progress: null, summary });
    expect(store.getState().classes.length).toBeGreaterThan(0);
  });

  it('switches a service area off and on through the one filter', async () => {
    const { store } = fakes();
    store.getState().toggleArea('youth');
    expect(store.getState().filter.areas).toEqual(['social-care', 'estates', 'green-spaces', 'other']);
    store.getState().toggleArea('youth');
    // Back in its place in the list, so the filter reads the same as the default.
    expect(store.getState().filter.areas).toEqual(['social-care', 'youth', 'estates', 'green-spaces', 'other']);
  });

  it('a filter change re-counts the wards, reclasses the map, reloads the open table and clears by chip', async () => {
    const { store, views } = fakes();
    await store.getState().openDemo();
    expect(store.getState().filteredWards?.features.map((f) => f.properties.total)).toEqual([100, 500]);
    // A closed table is not fetched for; opening it fetches its first page, and while open it follows the filter.
    expect(views.filter((c) => c.startsWith('table:'))).toEqual([]);
    store.getState().toggleTable(true);
    await vi.waitFor(() => expect(store.getState().table).not.toBeNull());
    await store.getState().setFilter((f) => ({ ...f, areas: ['youth'] }));
    expect(store.getState().filteredWards?.features.map((f) => f.properties.total)).toEqual([0, 0]);
    expect(store.getState().classes).toEqual([]);
    expect(views.filter((c) => c.startsWith('table:'))).toEqual(['table:amount:true:0:200', 'table:amount:true:0:200']);
    await store.getState().clearFilter('areas');
    expect(store.getState().filter.areas).toHaveLength(5);
    expect(store.getState().filteredWards?.features.map((f) => f.properties.total)).toEqual([100, 500]);
  });

  it('only the answer to the latest filter is shown when answers arrive out of order', async () => {
    const answers: (() => void)[] = [];
    const { store } = fakes({
      explore: (filter) => new Promise((resolve) => answers.push(() => resolve({
        resolved: { areas: [], missionMask: 0, missions: [], fromDay: null, toDay: null, minPence: null, maxPence: null, suppliers: null, departments: null, methods: [], redacted: true, bbox: null, lasso: null, picked: null },
        lines: filter.supplierText.length, pence: 0, placedLines: 0, placedPence: 0,
        byArea: { 'social-care': 0, youth: 0, estates: 0, 'green-spaces': 0, other: 0 },
        linesByArea: { 'social-care': 0, youth: 0, estates: 0, 'green-spaces': 0, other: 0 },
        wards: [],
      }))),
    });
    const first = store.getState().setFilter((f) => ({ ...f, supplierText: 'a' }));
    const second = store.getState().setFilter((f) => ({ ...f, supplierText: 'abc' }));
    answers[1]!();
    await second;
    answers[0]!();
    await first;
    expect(store.getState().explored?.lines).toBe(3);
  });

  it('a search result for a supplier keeps its spend and brings its lines into view; a ward is selected', async () => {
    const { store } = fakes();
    await store.getState().openDemo();
    await store.getState().search('acme');
    const [ward, supplier] = store.getState().searchResults;
    await store.getState().chooseSearchResult(supplier!);
    expect(store.getState().filter.suppliers).toEqual(['acme Ltd']);
    expect(store.getState().focus?.bounds).toEqual([0.2, 0.2, 0.3, 0.3]);
    expect(store.getState().searchResults).toEqual([]);
    await store.getState().chooseSearchResult(ward!);
    expect(store.getState().selectedWard).toBe('A');
  });

  it('exports the filtered view through the platform as CSV', async () => {
    const { store, saved } = fakes();
    await store.getState().openDemo();
    await store.getState().exportView();
    expect(saved).toEqual([{ name: 'Test - spend lines.csv', text: 'line_id\r\n1\r\n' }]);
    await expect(store.getState().copyView()).resolves.toEqual({ lines: 3, of: 3 });
    expect(saved.at(-1)).toEqual({ name: 'clipboard', text: 'line_id\r\n1\r\n' });
  });

  it('a later ward click wins over a slower earlier answer', async () => {
    let release: (() => void) | undefined;
    const { store } = fakes({
      wardDetail: (code) =>
        new Promise((resolve) => {
          const answer = () => resolve({ code, name: code, totalPence: 0, lines: 0 } as WardDetail);
          if (code === 'A') release = answer;
          else answer();
        }),
    });
    const first = store.getState().selectWard('A');
    await store.getState().selectWard('B');
    release!();
    await first;
    expect(store.getState().selectedWard).toBe('B');
    expect(store.getState().wardDetail?.code).toBe('B');
  });

  it('going to a ward from the list selects it and asks the map to bring it into view', async () => {
    const { store } = fakes();
    await store.getState().openDemo();
    await store.getState().goToWard('B');
    expect(store.getState().selectedWard).toBe('B');
    expect(store.getState().focus).toEqual({ bounds: [0, 0, 1, 1], seq: 1 });
    await store.getState().goToWard('A');
    expect(store.getState().focus?.seq).toBe(2);
    await store.getState().goToWard('nowhere');
    expect(store.getState().selectedWard).toBe('A');
  });

  it('keeps the current wards and shows the problems when a wards file is refused', async () => {
    const { store } = fakes(
      { replaceWards: async () => ({ ok: false, problems: [{ file: 'bad.geojson', feature: 1, reason: 'not lon/lat', severity: 'error' }] }) },
      async () => ({ name: 'bad.geojson', bytes: new Uint8Array() }),
    );
    await store.getState().openDemo();
    await store.getState().openWards();
    expect(store.getState().mapData).toBe(mapData);
    expect(store.getState().alert?.title).toMatch(/bad\.geojson could not be used as ward boundaries; the current wards are kept/);
    expect(store.getState().alert?.problems[0]?.feature).toBe(1);
  });

  it('imports a spend file with the columns the person chose, each role given to one column only', async () => {
    const { store, calls } = fakes({}, async () => ({ name: 'q1.csv', bytes: new Uint8Array([1]) }));
    await store.getState().openDemo();
    await store.getState().startImport();
    expect(store.getState().importDraft?.columns).toEqual({ date: 0, supplier: 1, amount: 3 });
    await store.getState().setColumnRole(2, 'department');
    await store.getState().setColumnRole(2, 'supplier');
    expect(store.getState().importDraft?.columns).toEqual({ date: 0, amount: 3, supplier: 2 });
    await store.getState().setColumnRole(0, null);
    expect(store.getState().importDraft?.columns).toEqual({ amount: 3, supplier: 2 });
    await store.getState().confirmImport();
    expect(calls.at(-1)).toBe('import:q1.csv:{"amount":3,"supplier":2}:{"profileName":"q1"}');
    expect(store.getState().importDraft).toBeNull();
    expect(store.getState().summary?.lineCount).toBe(5);
    // A plain file: nothing to say.
    expect(store.getState().alert).toBeNull();
  });

  it("says after an import which of the file's rows need checking, and where", async () => {
    const problem = { file: 'q1.csv', row: 7, column: 'Amount', severity: 'error' as const, reason: '"five pounds" is not an amount' };
    const { store } = fakes(
      { importSpend: async () => ({ ok: true, summary: { ...summary, lineCount: 5 }, problems: [problem], problemCount: 3 }) },
      async () => ({ name: 'q1.csv', bytes: new Uint8Array([1]) }),
    );
    await store.getState().openDemo();
    await store.getState().startImport();
    await store.getState().confirmImport();
    expect(store.getState().summary?.lineCount).toBe(5);
    expect(store.getState().alert).toMatchObject({ title: 'q1.csv imported, with 3 problems to check', problems: [problem], problemCount: 3 });
  });

  it('reads another sheet of a workbook afresh, keeps it for each re-read, and imports it under the name typed', async () => {
    const { store, calls } = fakes(
      {
        previewSpend: async (file, columns, options) => {
          calls.push(`preview:${JSON.stringify(columns ?? null)}:${options?.sheet ?? ''}`);
          const payments = options?.sheet === 'Payments';
          return {
            file: file.name, format: 'table', encoding: 'xlsx', headerRow: 1, header: ['Date', 'Payee', 'Amount'],
            columns: columns ?? (payments ? { date: 0, supplier: 1, amount: 2 } : { supplier: 0 }), dataRows: 2, sampleRows: [], sampleLines: [], problems: [],
            profile: payments && !columns ? 'Quarterly payments' : null, sheets: ['Cover', 'Payments'], sheet: options?.sheet ?? 'Cover',
          };
        },
      },
      async () => ({ name: 'q2.xlsx', bytes: new Uint8Array([1]) }),
    );
    await store.getState().openDemo();
    await store.getState().startImport();
    expect(store.getState().importDraft).toMatchObject({ columns: { supplier: 0 }, profileName: 'q2', preview: { sheet: 'Cover' } });
    await store.getState().setImportSheet('Payments');
    // The columns and the name follow the sheet: its header has a saved profile.
    expect(store.getState().importDraft).toMatchObject({ columns: { date: 0, supplier: 1, amount: 2 }, profileName: 'Quarterly payments', preview: { sheet: 'Payments' } });
    await store.getState().setColumnRole(1, null);
    expect(calls.at(-1)).toBe('preview:{"date":0,"amount":2}:Payments');
    store.getState().setImportProfileName('Camden payments');
    await store.getState().setImportSheet('Cover');
    // A name the person typed is kept across sheets, even onto one whose header has a profile.
    expect(store.getState().importDraft).toMatchObject({ columns: { supplier: 0 }, profileName: 'Camden payments' });
    await store.getState().setImportSheet('Payments');
    expect(store.getState().importDraft?.profileName).toBe('Camden payments');
    await store.getState().confirmImport();
    expect(calls.at(-1)).toBe('import:q2.xlsx:{"date":0,"supplier":1,"amount":2}:{"sheet":"Payments","profileName":"Camden payments"}');
  });

  it('cancelling an import changes nothing', async () => {
    const { store, calls } = fakes({}, async () => ({ name: 'q1.csv', bytes: new Uint8Array([1]) }));
    await store.getState().startImport();
    store.getState().cancelImport();
    expect(store.getState().importDraft).toBeNull();
    expect(calls.some((c) => c.startsWith('import:'))).toBe(false);
  });

  it('says plainly when the demo cannot be read', async () => {
    const { store } = fakes({ loadProject: async () => { throw new Error('disk on fire'); } });
    await store.getState().openDemo();
    expect(store.getState().status).toBe('error');
    expect(store.getState().alert?.message).toBe('disk on fire');
  });
});

describe('app store: the project as a file', () => {
  it('marks changes unsaved, saves under the project name, and is clean again after', async () => {
    const { store, calls } = fakes();
    await store.getState().openDemo();
    expect([store.getState().dirty, documentTitle(store.getState())]).toEqual([false, 'Test — PlaceLens']);
    await store.getState().setBoundaryVintage('May 2022');
    expect([store.getState().dirty, documentTitle(store.getState())]).toEqual([true, '• Test — PlaceLens']);
    expect(await store.getState().saveProject()).toBe(true);
    expect(calls.slice(-3)).toEqual(['save', 'write:new:Test.gpkg:3:false', 'clear-recovery']);
    expect([store.getState().dirty, store.getState().projectFile?.name, documentTitle(store.getState())]).toEqual([false, 'Test.gpkg', 'Test.gpkg — PlaceLens']);
    await store.getState().setBoundaryVintage('2023');
    await store.getState().saveProject();
    expect(calls.at(-2)).toBe('write:Test.gpkg:Test.gpkg:3:false');
  });

  it('keeps the changes unsaved and says why when the save fails', async () => {
    const { store } = fakes({ setBoundaryVintage: async () => ({ ok: true, summary: { ...summary, name: 'Full disk' } }) });
    await store.getState().newProject();
    await store.getState().setBoundaryVintage('2022');
    expect(await store.getState().saveProject()).toBe(false);
    expect(store.getState().dirty).toBe(true);
    expect(store.getState().alert).toMatchObject({ title: 'The project was not saved; the file on disk is as it was', message: 'the disk is full' });
  });

  it('asks before opening a project over unsaved changes, and opens it when told to', async () => {
    const { store, calls } = fakes();
    await store.getState().openDemo();
    await store.getState().setBoundaryVintage('2022');
    await store.getState().openProject();
    expect(calls).not.toContain('open:Kilburn.gpkg');
    expect(store.getState().alert?.title).toBe('Discard the unsaved changes to Test?');
    await store.getState().alert!.action!.run();
    expect(calls).toContain('open:Kilburn.gpkg');
    expect([store.getState().dirty, store.getState().projectFile?.name, store.getState().summary?.name]).toEqual([false, 'Kilburn.gpkg', 'Opened']);
  });

  it('says an older project will be migrated on save, and keeps the open project when a file is refused', async () => {
    const { store } = fakes();
    await store.getState().openProjectFile({ name: 'old.gpkg', bytes: new Uint8Array(1) }, null);
    expect(store.getState().alert?.title).toBe('old.gpkg was made by an earlier PlaceLens');
    store.getState().dismissAlert();
    await store.getState().openProjectFile({ name: 'broken.gpkg', bytes: new Uint8Array(1) }, null);
    expect(store.getState().alert).toMatchObject({ title: 'broken.gpkg could not be opened; the open project is unchanged', problems: [{ reason: 'cut short' }] });
    expect(store.getState().summary?.name).toBe('Opened');
  });

  it('offers the layers of a dropped GeoPackage that is not a project, read as wards or places as chosen', async () => {
    const { store, calls } = fakes({
      replaceWards: async (file, _p, options) => (calls.push(`wards:${file.name}:${options?.layer}`), { ok: true, summary }),
      geopackageLayers: async () => ({ ok: true, layers: [{ table: 'boundaries', geometryType: 'MULTIPOLYGON', features: 20, srs: 'EPSG:27700', usableAs: ['wards', 'places'] }] }),
    });
    await store.getState().openDropped([{ name: 'plain-wards.gpkg', bytes: new Uint8Array([1]) }]);
    expect(calls).toEqual(['open:plain-wards.gpkg']);
    expect(store.getState().geopackageChoice?.layers.map((l) => l.table)).toEqual(['boundaries']);
    await store.getState().readGeoPackageLayer('boundaries', 'wards');
    expect(calls).toEqual(['open:plain-wards.gpkg', 'wards:plain-wards.gpkg:boundaries']);
    expect(store.getState().geopackageChoice).toBeNull();
    // Reading the wards changed the project: opening the file again asks first.
    await store.getState().openDropped([{ name: 'plain-wards.gpkg', bytes: new Uint8Array([1]) }]);
    await store.getState().alert!.action!.run();
    await store.getState().readGeoPackageLayer('boundaries', 'places');
    expect(calls.at(-1)).toBe('reference:places:plain-wards.gpkg');
  });

  it("turns placing by the supplier's address on and off through the engine, marks the project changed and says what moved", async () => {
    const { store, calls } = fakes();
    await store.getState().openDemo();
    await store.getState().setPlaceBySupplierAddress(true);
    expect(calls.at(-1)).toBe('supplier-address:true');
    expect(store.getState().summary?.placeBySupplierAddress).toBe(true);
    expect(store.getState().dirty).toBe(true);
    expect(store.getState().progress).toBeNull();
    expect(store.getState().alert?.message).toMatch(/^2 spend lines that nothing else placed are now at their supplier's postcode/);
    await store.getState().setPlaceBySupplierAddress(false);
    expect(store.getState().summary?.placeBySupplierAddress).toBe(false);
    expect(store.getState().alert?.title).toBe("Lines no longer placed at their supplier's address");
  });

  it('answers a place name to check through the engine, then reads the list again and says what moved', async () => {
    const { store, calls } = fakes();
    await store.getState().openDemo();
    await store.getState().loadPlaceReview();
    expect(store.getState().placeReview?.pending[0]?.phrase).toBe('regents park estate');
    await store.getState().decidePlaceMatch('regents park estate', { name: "Regent's Park Estate", source: 'p.csv row 2' }, 'accept');
    expect(calls.slice(-2)).toEqual(["decide:regents park estate:Regent's Park Estate:accept", 'place-review']);
    expect(store.getState().placeReviewNote).toBe("“regents park estate” is Regent's Park Estate: 2 spend lines placed there.");
    expect(store.getState().dirty).toBe(true);
    await store.getState().decidePlaceMatch('regents park estate', { name: "Regent's Park Estate", source: 'p.csv row 2' }, 'reject');
    expect(store.getState().placeReviewNote).toBe("“regents park estate” is not Regent's Park Estate: it will not be offered again.");
  });

  it('autosaves a recovery copy only when something changed since the last one', async () => {
    const { store, calls } = fakes();
    await store.getState().openDemo();
    await store.getState().autosave();
    expect(calls.filter((c) => c.startsWith('recovery'))).toEqual([]);
    await store.getState().setBoundaryVintage('2022');
    await store.getState().autosave();
    await store.getState().autosave();
    expect(calls.filter((c) => c.startsWith('recovery'))).toEqual(['recovery:Test:none:3']);
  });

  it('offers recovered work at start and opens it as unsaved changes to the same file', async () => {
    const { store, calls, recovery } = fakes();
    recovery.file = { projectName: 'Kilburn', ref: { id: 'p9', name: 'Kilburn.gpkg' }, savedAt: '2026-11-26T10:00:00.000Z', bytes: new Uint8Array([5]) };
    await store.getState().checkRecovery();
    expect(store.getState().recoveryOffer).toEqual({ projectName: 'Kilburn', savedAt: '2026-11-26T10:00:00.000Z' });
    await store.getState().recover();
    expect(calls).toContain('open:Kilburn.gpkg');
    expect([store.getState().recoveryOffer, store.getState().dirty, store.getState().projectFile?.name]).toEqual([null, true, 'Kilburn.gpkg']);
    await store.getState().discardRecovery();
    expect(recovery.file).toBeNull();
  });

  it('saves then closes the window when closing with unsaved changes and Save was chosen', async () => {
    const { store, calls } = fakes();
    await store.getState().openDemo();
    await store.getState().setBoundaryVintage('2022');
    await store.getState().saveThenClose();
    expect(calls.at(-1)).toBe('close');
  });
});

describe('app store: workshop stories', () => {
  const detail = (code: string) => ({ code, name: `Ward ${code}`, totalPence: 250, lines: 2, byArea: { 'social-care': 0, youth: 200, estates: 50, 'green-spaces': 0, other: 0 } }) as WardDetail;

  it('saves the map as it is as a slide, with a caption from the figures on screen, and stores the story', async () => {
    const { store, calls } = fakes({ wardDetail: async (code) => detail(code) });
    await store.getState().openDemo();
    store.getState().setCamera({ centre: [0.1, 51.5], zoom: 13, bearing: 0, pitch: 0 });
    await store.getState().selectWard('B');
    await store.getState().addSlide();
    const [slide] = store.getState().slides;
    expect(slide).toMatchObject({
      title: 'Council spend in Ward B ward',
      caption: '£3 of council spend in Ward B, over 2 payments. Youth services is the largest part (80%), then estate management (20%).',
      view: { centre: [0.1, 51.5], zoom: 13, bearing: 0, pitch: 0 },
      state: { selectedWard: 'B', wardMetric: 'pence', meeting: null },
    });
    expect(slide!.state.filter.areas).toHaveLength(5);
    expect(store.getState()).toMatchObject({ currentSlide: slide!.id, storyOpen: true, dirty: true });
    expect(calls.filter((c) => c.startsWith('story:'))).toEqual(['story:1']);
  });

  it('shows a slide: layers, filter, ward and camera as saved, the camera asked for first', async () => {
    const { store } = fakes({ wardDetail: async (code) => detail(code) });
    await store.getState().openDemo();
    store.getState().setCamera({ centre: [0.2, 51.6], zoom: 14, bearing: 0, pitch: 0 });
    store.getState().toggleLayer('heat');
    await store.getState().setFilter((f) => ({ ...f, areas: ['youth'] }));
    await store.getState().selectWard('A');
    await store.getState().addSlide();
    const id = store.getState().slides[0]!.id;
    // Somewhere else entirely.
    store.getState().toggleLayer('points');
    await store.getState().clearFilter();
    await store.getState().selectWard(null);
    const seq = store.getState().cameraRequest?.seq ?? 0;
    await store.getState().showSlide(id);
    const s = store.getState();
    expect(s.cameraRequest).toEqual({ view: { centre: [0.2, 51.6], zoom: 14, bearing: 0, pitch: 0 }, seq: seq + 1, duration: 900 });
    expect(s.mapLayers.heat).toBe(true);
    expect(s.mapLayers.points).toBe(false);
    expect(s.filter.areas).toEqual(['youth']);
    expect(s.selectedWard).toBe('A');
    expect(s.wardDetail?.code).toBe('A');
  });

  it('reorders, duplicates, deletes with undo, storing each change', async () => {
    const { store, calls } = fakes();
    await store.getState().openDemo();
    for (let i = 0; i < 3; i++) await store.getState().addSlide();
    const titles = () => store.getState().slides.map((s) => s.title);
    await store.getState().editSlide(store.getState().slides[0]!.id, { title: 'One' });
    await store.getState().editSlide(store.getState().slides[1]!.id, { title: 'Two' });
    await store.getState().editSlide(store.getState().slides[2]!.id, { title: 'Three' });
    // An edit that changes nothing stores nothing.
    const stored = calls.length;
    await store.getState().editSlide(store.getState().slides[2]!.id, { title: 'Three' });
    expect(calls.length).toBe(stored);
    await store.getState().moveSlide(2, 0);
    expect(titles()).toEqual(['Three', 'One', 'Two']);
    await store.getState().duplicateSlide(1);
    expect(titles()).toEqual(['Three', 'One', 'One (copy)', 'Two']);
    await store.getState().deleteSlide(0);
    expect(titles()).toEqual(['One', 'One (copy)', 'Two']);
    expect(store.getState().removedSlide?.slide.title).toBe('Three');
    await store.getState().undoDeleteSlide();
    expect(titles()).toEqual(['Three', 'One', 'One (copy)', 'Two']);
    expect(store.getState().removedSlide).toBeNull();
    // What the engine holds is what the panel shows.
    expect((await store.getState().loadStory(), titles())).toEqual(['Three', 'One', 'One (copy)', 'Two']);
  });

  it('presents from a slide, moves within the story only, and says so when there is nothing to present', async () => {
    const { store } = fakes();
    await store.getState().openDemo();
    await store.getState().present();
    expect(store.getState().presenting).toBeNull();
    expect(store.getState().alert?.title).toBe('There are no slides to present');
    store.getState().dismissAlert();
    for (let i = 0; i < 3; i++) await store.getState().addSlide();
    const ids = store.getState().slides.map((s) => s.id);
    await store.getState().present(1);
    expect(store.getState().presenting).toEqual({ index: 1 });
    expect(store.getState().currentSlide).toBe(ids[1]);
    await store.getState().nextSlide();
    await store.getState().nextSlide();
    expect(store.getState().presenting).toEqual({ index: 2 });
    await store.getState().goToSlide(0);
    await store.getState().previousSlide();
    expect(store.getState().presenting).toEqual({ index: 0 });
    expect(store.getState().currentSlide).toBe(ids[0]);
    store.getState().stopPresenting();
    expect(store.getState().presenting).toBeNull();
  });
});
