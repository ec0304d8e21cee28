// The desktop's "Area briefs for all wards…": each ward's brief opened, printed once its map is drawn, then the index.
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/store/store';
import type { EngineApi, MapData } from '../../../renderer/engine/contract';
import type { Platform } from '../../../renderer/platform/platform';
import type { BriefArea, BriefFacts } from '../../../renderer/domain/brief';

const ward = (code: string, name: string) => ({
  type: 'Feature' as const,
  properties: { code, name, total: 100, lines: 1, 'social-care': 100, youth: 0, estates: 0, 'green-spaces': 0, other: 0 },
  geometry: { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
});
const mapData = { wards: { type: 'FeatureCollection', features: [ward('W2', 'Zeta'), ward('W1', 'Alpha'), ward('W3', 'Mid')] } } as unknown as MapData;

function facts(area: BriefArea): BriefFacts {
  const code = area.kind === 'ward' ? area.code : '?';
  return {
    project: { name: 'P', notice: null, boundaryVintage: null, vintageSince: null, wardsFile: 'w.geojson' },
    area: { kind: 'ward', name: code, description: `Ward ${code}`, geometry: { type: 'Polygon', coordinates: [] }, request: area },
    filters: [], totalPence: 123_400, lines: 7, boroughPence: 1_000_000, byArea: { 'social-care': 123_400, youth: 0, estates: 0, 'green-spaces': 0, other: 0 },
    linesByArea: { 'social-care': 7, youth: 0, estates: 0, 'green-spaces': 0, other: 0 }, byMission: [], byYear: [], undated: { pence: 0, lines: 0 }, byMethod: [],
    topSuppliers: [], supplierCount: 1, supplierFlags: null, supplierLocal: null, sharedPlaces: [], firstDate: null, lastDate: null, redacted: { pence: 0, lines: 0 }, credits: { pence: 0, lines: 0 },
    rules: [], boroughUnplaced: { pence: 0, lines: 0 }, meeting: [], gaps: [], meetDistance: 250, heard: [], sources: [], basemapAttribution: null, madeOn: '2026-11-26',
  };
}

function setup(stopAfter = Infinity) {
  const log: string[] = [];
  const engine = { briefFacts: async (area: BriefArea | string) => facts(typeof area === 'string' ? { kind: 'ward', code: area } : area) } as unknown as EngineApi;
  const platform = {
    briefFolder: {
      choose: async () => ({ id: 'f1', name: 'Briefs' }),
      printPdf: async (_f: unknown, name: string) => {
        log.push(`pdf:${name}`);
        if (log.filter((l) => l.startsWith('pdf:')).length >= stopAfter) store.getState().stopBriefBatch();
        return { name };
      },
      writeFile: async (_f: unknown, name: string, bytes: Uint8Array) => {
        const text = new TextDecoder().decode(bytes);
        // The page says when the batch was stopped; the CSV is its rows (a header and one a brief).
        log.push(name.endsWith('.html') ? `file:${name}:${text.includes('Stopped after') ? 'stopped' : 'whole'}` : `file:${name}:${text.trim().split('\r\n').length - 1} rows`);
        return { name };
      },
    },
  } as unknown as Platform;
  const store = createAppStore({ engine, platform });
  store.setState({ mapData });
  // The brief's map "draws" as soon as its facts are in: what PrintMap's onReady does in the page.
  store.subscribe((s) => {
    if (s.brief?.brief && !s.brief.mapReady) s.briefMapReady();
  });
  return { store, log };
}

describe('briefs for all wards (desktop)', () => {
  it('prints every ward in name order once its map is drawn, then writes the index', async () => {
    const { store, log } = setup();
    await store.getState().briefsForAllWards();
    expect(log).toEqual(['pdf:Alpha (W1).pdf', 'pdf:Mid (W3).pdf', 'pdf:Zeta (W2).pdf', 'file:index.html:whole', 'file:index.csv:3 rows']);
    expect(store.getState().briefBatch).toBeNull();
    expect(store.getState().alert?.title).toBe('3 area briefs saved in Briefs');
  });

  it('Stop finishes the brief in hand and indexes only the briefs written', async () => {
    const { store, log } = setup(1);
    await store.getState().briefsForAllWards();
    expect(log).toEqual(['pdf:Alpha (W1).pdf', 'file:index.html:stopped', 'file:index.csv:1 rows']);
    expect(store.getState().alert?.title).toContain('stopped before the rest');
  });

  it('the web shell, which cannot print to files, says how to make them instead', async () => {
    const store = createAppStore({ engine: {} as EngineApi, platform: {} as Platform });
    store.setState({ mapData });
    await store.getState().briefsForAllWards();
    expect(store.getState().alert?.message).toContain('npm run placelens -- briefs');
  });
});
