// Filtering for the explore view: the lines held as columns beside the database, rebuilt whenever the lines change.

import type { Database, SqlJsStatic } from 'sql.js';
import { RowReader, TextDictionary } from './row-reader';
import { queryAll } from './sql';
import { perResident } from './per-resident';
import type { ExploreResult, SharedPlaceView, FilterOptions, HexProperties, MeetingPlacesResult, SupplierMatch, TablePage, TableRow, WardDetail, WardProperties } from './contract';
import {
  ColumnsBuilder, areaIndexOf, insideRing, methodIndexOf, linesInWards, penceIn, sharedPlacesIn, resolveFilter, wardPartsOf, type AreaLines, select, sortOrder, tableOrder, wardBreakdown, wardTotalsOf,
  type ResolvedFilter, type Selection, type SortKey, type SpendColumns, type TableSort,
} from '../domain/spend-columns';
import { dayNumber, defaultFilter, isDefaultFilter, isoOfDay, NO_DAY, type SpendFilter } from '../domain/spend-filter';
import { SERVICE_AREAS, emptyByArea, isServiceArea } from '../domain/service-areas';
import { decodeMissions } from '../domain/missions';
import type { LocateMethod, UnlocatedReason } from '../domain/locate';
import { csvDocument, csvNumber, csvPounds, csvText } from '../domain/csv-export';
import { placeSpend, type PlaceInWard } from '../domain/place-spend';
import { WardIndex } from '../domain/spatial';
import { normalisePostcode } from '../domain/postcodes';
import type { Ward } from '../domain/wards';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import { hexAggregate } from '../domain/hexes';
import { findMeetingPlaces, type MeetParams, type MeetResult, type NamedPlace } from '../domain/meeting-places';
import type { BriefArea } from '../domain/brief';
import { storedGeometry } from './project-file';
import { PointIndex, clusterIndex, clusterTile, linesIn, placed, spendTile } from './spend-tiles';

interface Built {
  db: Database;
  /** SQLite's count of rows changed on this connection when the columns were read. */
  changes: number;
  cols: SpendColumns;
  wardNames: string[];
  wardPopulations: (number | null)[];
  orders: Map<SortKey, Uint32Array>;
  selection: { key: string; resolved: ResolvedFilter; sel: Selection } | null;
  table: { key: string; rows: Uint32Array } | null;
  /** The places register by ward index, read when a ward's profile first asks. */
  places: PlaceInWard[][] | null;
  /** Contract awards' supplier flags by line id: [sme, vcse], each 1, 0 or null (not said). */
  flags: Map<number, [number | null, number | null]> | null;
  /** Lines whose supplier's postcode the postcode directory knows, by line id: 1 when it lies in a ward here, else 0. */
  local: Map<number, 0 | 1> | null;
  /** The whole places register, for meeting places. */
  named: NamedPlace[] | null;
  /** Each line's rule, for briefs' caveats. */
  rules: { index: Uint16Array; names: (string | null)[] } | null;
  /** The placed lines' points, indexed for tiles and picks, made when the map first asks. */
  pointIndex: PointIndex | null;
  /** The kept points clustered, for the selection of that key (the clustered view's tiles). */
  clusters: { key: string; index: ReturnType<typeof clusterIndex> } | null;
}

const TABLE_COLUMNS = 'id, payment_date, supplier, purpose, department, amount_pence, service_area, missions, ward_code, locate_method, located_from, unlocated_reason, lon, lat, line_kind, source_row, source_id';

const COLUMNS = 'id, ward_code, service_area, missions, payment_date, amount_pence, supplier, department, locate_method, lon, lat';
const COLUMNS_SQL = `SELECT ${COLUMNS} FROM spend_lines ORDER BY id`;
/** The same from the stored rows: the coded columns as their numbers into spend_texts, looked up once each. */
const CODED_COLUMNS_SQL = `SELECT ${COLUMNS} FROM spend_line_rows ORDER BY id`;

/**
 * The stored lines into the builder: each coded column's number (see CODED_LINE_COLUMNS) is turned into the
 * builder's code once, from its words in spend_texts; each distinct date is decoded from its bytes once.
 */
function readCoded(reader: RowReader, builder: ColumnsBuilder, texts: string[]): void {
  const date = new TextDictionary();
  // spend_texts id → the builder's code, filled as each value first appears.
  const wardCode: number[] = [], areaCode: number[] = [], missionCode: number[] = [], dayCode: number[] = [];
  const supplierCode: number[] = [], departmentCode: number[] = [], methodCode: number[] = [];
  const word = (id: number) => {
    const text = texts[id];
    if (text === undefined) throw new Error(`a spend line refers to word ${id}, which spend_texts does not have`);
    return text;
  };
  try {
    while (reader.step()) {
      const w = reader.isNull(1) ? -1 : reader.number(1);
      const a = reader.number(2);
      const m = reader.number(3);
      const d = reader.text(4, date);
      const s = reader.number(6);
      const dp = reader.number(7);
      const lm = reader.isNull(8) ? -1 : reader.number(8);
      builder.addCoded(
        reader.number(0),
        w < 0 ? -1 : (wardCode[w] ??= builder.wardOf(word(w))),
        areaCode[a] ??= areaIndexOf(word(a)),
        missionCode[m] ??= builder.missionMask(word(m)),
        d < 0 ? NO_DAY : (dayCode[d] ??= dayNumber(date.values[d]!)),
        reader.number(5),
        supplierCode[s] ??= builder.supplierOf(word(s)),
        departmentCode[dp] ??= builder.departmentOf(word(dp)),
        lm < 0 ? methodIndexOf(null) : (methodCode[lm] ??= methodIndexOf(word(lm))),
        reader.orNaN(9),
        reader.orNaN(10),
      );
    }
  } finally {
    reader.free();
  }
}

/** The project's wards as stored, for a spatial index. */
function storedWards(db: Database): Ward[] {
  return queryAll(db, 'SELECT code, name, geom, min_x, min_y, max_x, max_y FROM wards ORDER BY fid').map((r) => ({
    code: r.code as string, name: r.name as string,
    geometry: storedGeometry(r.geom, `ward ${r.code as string}`) as Ward['geometry'],
    bbox: [r.min_x, r.min_y, r.max_x, r.max_y] as [number, number, number, number],
  }));
}

export class Explorer {
  private built: Built | null = null;
  private lastMeeting: { built: Built; key: string; result: MeetResult; view: MeetingPlacesResult } | null = null;

  constructor(
    private readonly db: () => Database,
    private readonly missions: () => { id: string; label: string }[],
    private readonly SQL: () => SqlJsStatic | null = () => null,
  ) {}

  private changes(db: Database): number {
    return Number(db.exec('SELECT total_changes()')[0]!.values[0]![0]);
  }

  /** The columns, read again when any row has changed since (total_changes moves with every insert, update and delete). */
  private current(): Built {
    const db = this.db();
    const changes = this.changes(db);
    if (this.built && this.built.db === db && this.built.changes === changes) return this.built;
    const wards = queryAll(db, 'SELECT code, name, population FROM wards ORDER BY fid');
    const count = Number(db.exec('SELECT COUNT(*) FROM spend_line_rows')[0]!.values[0]![0]);
    const builder = new ColumnsBuilder(wards.map((w) => w.code as string), this.missions().map((m) => m.id), count);
    const SQL = this.SQL();
    const reader = SQL ? RowReader.open(SQL, db, CODED_COLUMNS_SQL) : null;
    if (reader) {
      const texts: string[] = [];
      for (const r of queryAll(db, 'SELECT id, text FROM spend_texts')) texts[r.id as number] = r.text as string;
      readCoded(reader, builder, texts);
    }
    else {
      const stmt = db.prepare(COLUMNS_SQL);
      try {
        while (stmt.step()) {
          const r = stmt.get();
          builder.add({
            id: r[0] as number, wardCode: r[1] as string | null, serviceArea: r[2] as string, missions: r[3] as string,
            date: r[4] as string | null, pence: r[5] as number, supplier: r[6] as string, department: r[7] as string,
            method: r[8] as string | null, lon: r[9] as number | null, lat: r[10] as number | null,
          });
        }
      } finally {
        stmt.free();
      }
    }
    const cols = builder.build();
    cols.parts = wardPartsOf(cols, queryAll(db, 'SELECT line_id, ward_code, pence, share, place FROM spend_line_wards ORDER BY line_id, share DESC').map((r) => ({
      lineId: r.line_id as number, wardCode: r.ward_code as string, pence: r.pence as number, share: r.share as number, place: r.place as string,
    })));
    this.built = { db, changes, cols, wardNames: wards.map((w) => w.name as string), wardPopulations: wards.map((w) => w.population as number | null), orders: new Map(), selection: null, table: null, places: null, flags: null, local: null, named: null, rules: null, pointIndex: null, clusters: null };
    this.lastMeeting = null;
    return this.built;
  }

  /** After the engine's own bookkeeping writes (saving refreshes feature counts) that leave the lines as they were. */
  keepCurrent(wasCurrent: boolean): void {
    if (wasCurrent && this.built) this.built.changes = this.changes(this.built.db);
  }

  isCurrent(): boolean {
    return this.built !== null && this.built.db === this.db() && this.built.changes === this.changes(this.built.db);
  }

  columns(): SpendColumns {
    return this.current().cols;
  }

  private selection(filter: SpendFilter): { built: Built; resolved: ResolvedFilter; sel: Selection } {
    const built = this.current();
    const key = JSON.stringify(filter);
    if (built.selection?.key !== key) {
      const resolved = resolveFilter(filter, built.cols);
      built.selection = { key, resolved, sel: select(built.cols, resolved) };
      built.table = null;
    }
    return { built, resolved: built.selection.resolved, sel: built.selection.sel };
  }

  explore(filter: SpendFilter): ExploreResult {
    const { built, resolved, sel } = this.selection(filter);
    const wards: WardProperties[] = built.cols.wardCodes.map((code, wi) => {
      const t = wardTotalsOf(built.cols, sel, wi);
      return { code, name: built.wardNames[wi]!, total: t.totalPence, lines: t.lines, ...t.byArea, ...perResident(t.totalPence, built.wardPopulations[wi] ?? null) };
    });
    return {
      resolved,
      lines: sel.lines,
      pence: sel.pence,
      placedLines: sel.placedLines,
      placedPence: sel.placedPence,
      byArea: sel.byArea,
      linesByArea: sel.linesByArea,
      wards,
    };
  }

  wardDetail(code: string, filter: SpendFilter = defaultFilter()): WardDetail | null {
    const { built, sel } = this.selection(filter);
    const wi = built.cols.wardCodes.indexOf(code);
    if (wi < 0) return null;
    const t = wardTotalsOf(built.cols, sel, wi);
    const b = wardBreakdown(built.cols, sel, wi, 5);
    const labels = new Map(this.missions().map((m) => [m.id, m.label]));
    return {
      code,
      name: built.wardNames[wi]!,
      totalPence: t.totalPence,
      lines: t.lines,
      byArea: t.byArea,
      linesByArea: t.linesByArea,
      topSuppliers: b.suppliers,
      shareOfPlaced: sel.placedPence !== 0 ? t.totalPence / sel.placedPence : 0,
      byMission: b.byMission.map((m) => ({ ...m, label: labels.get(m.mission) ?? m.mission })),
      byMethod: b.byMethod,
      byYear: b.byYear,
      undated: b.undated,
      supplierCount: b.supplierCount,
      filtered: !isDefaultFilter(filter),
      places: placeSpend(built.cols, sel.mask, wi, this.placesByWard(built)[wi] ?? []).map((p) => ({
        name: p.name, kind: p.kind, pence: p.pence, lines: p.lines, rule: p.rule,
        areas: SERVICE_AREAS.filter((a) => p.byArea[a] !== 0).length,
      })),
      supplierFlags: this.supplierFlags(built, sel, wi),
      supplierLocal: this.supplierLocal(built, sel, wi),
      sharedPlaces: this.sharedPlaces(built, sel, new Set([wi])),
    };
  }

  /** Spend at places crossing the wards' boundaries that these wards take a share of, with the other wards named. */
  private sharedPlaces(built: Built, sel: Selection, wards: ReadonlySet<number>): SharedPlaceView[] {
    return sharedPlacesIn(built.cols, sel.mask, wards).map((p) => ({
      place: p.place, share: p.share, pence: p.pence, lines: p.lines,
      otherWards: p.wards.filter((w) => !wards.has(w)).map((w) => built.wardNames[w] ?? built.cols.wardCodes[w]!),
    }));
  }

  /** Each place in the ward its point lies in. */
  private placesByWard(built: Built): PlaceInWard[][] {
    if (built.places) return built.places;
    const byWard: PlaceInWard[][] = built.cols.wardCodes.map(() => []);
    const rows = queryAll(built.db, 'SELECT name, kind, geom, lon, lat FROM places ORDER BY id');
    if (rows.length > 0) {
      const index = new WardIndex(storedWards(built.db), rows.length);
      const wardOf = new Map(built.cols.wardCodes.map((c, i) => [c, i]));
      for (const r of rows) {
        const lon = r.lon as number;
        const lat = r.lat as number;
        const ward = index.wardAt(lon, lat);
        const wi = ward ? wardOf.get(ward.code) : undefined;
        if (wi === undefined) continue;
        let geometry: Geometry = { type: 'Point', coordinates: [lon, lat] };
        try {
          geometry = storedGeometry(r.geom, `place ${r.name as string}`);
        } catch {
          // Counted around its point when its outline cannot be read.
        }
        byWard[wi]!.push({ name: r.name as string, kind: r.kind as string, geometry, lon, lat });
      }
    }
    built.places = byWard;
    return byWard;
  }

  private supplierFlags(built: Built, sel: Selection, wi: number | AreaLines): WardDetail['supplierFlags'] {
    if (!built.flags) {
      built.flags = new Map(
        queryAll(built.db, 'SELECT line_id, supplier_sme, supplier_vcse FROM contract_awards WHERE supplier_sme IS NOT NULL OR supplier_vcse IS NOT NULL').map((r) => [
          r.line_id as number, [r.supplier_sme as number | null, r.supplier_vcse as number | null],
        ]),
      );
    }
    if (built.flags.size === 0) return null;
    const out = { knownPence: 0, knownLines: 0, smePence: 0, smeLines: 0, vcsePence: 0, vcseLines: 0 };
    const { cols } = built;
    const area = typeof wi === 'number' ? linesInWards(cols, sel.mask, new Set([wi])) : wi;
    for (let i = 0; i < cols.n; i++) {
      if (!sel.mask[i] || !area.inArea[i]) continue;
      const f = built.flags.get(cols.id[i]!);
      if (!f) continue;
      const p = penceIn(cols, area, i);
      out.knownPence += p;
      out.knownLines++;
      if (f[0] === 1) { out.smePence += p; out.smeLines++; }
      if (f[1] === 1) { out.vcsePence += p; out.vcseLines++; }
    }
    return out.knownLines > 0 ? out : null;
  }

  /**
   * A local supplier is one whose own postcode lies in one of the project's wards. Known only for lines that give a
   * supplier postcode the postcode directory holds; the rest are left out of both sides of the share.
   */
  private supplierLocal(built: Built, sel: Selection, wi: number | AreaLines): WardDetail['supplierLocal'] {
    if (!built.local) {
      built.local = new Map();
      const given = queryAll(built.db, "SELECT id, supplier_postcode FROM spend_lines WHERE supplier_postcode <> ''");
      if (given.length > 0) {
        const index = new WardIndex(storedWards(built.db), given.length);
        const lookup = built.db.prepare('SELECT lon, lat FROM postcodes WHERE postcode = ?');
        const known = new Map<string, 0 | 1 | null>();
        try {
          for (const r of given) {
            const key = normalisePostcode(r.supplier_postcode as string);
            let local = known.get(key);
            if (local === undefined) {
              lookup.bind([key]);
              local = lookup.step() ? (index.wardAt(lookup.get()[0] as number, lookup.get()[1] as number) ? 1 : 0) : null;
              lookup.reset();
              known.set(key, local);
            }
            if (local !== null) built.local.set(r.id as number, local);
          }
        } finally {
          lookup.free();
        }
      }
    }
    if (built.local.size === 0) return null;
    const out = { knownPence: 0, knownLines: 0, localPence: 0, localLines: 0 };
    const { cols } = built;
    const area = typeof wi === 'number' ? linesInWards(cols, sel.mask, new Set([wi])) : wi;
    for (let i = 0; i < cols.n; i++) {
      if (!sel.mask[i] || !area.inArea[i]) continue;
      const local = built.local.get(cols.id[i]!);
      if (local === undefined) continue;
      const p = penceIn(cols, area, i);
      out.knownPence += p;
      out.knownLines++;
      if (local === 1) {
        out.localPence += p;
        out.localLines++;
      }
    }
    return out.knownLines > 0 ? out : null;
  }

  private tableIndexes(filter: SpendFilter, sort: TableSort): { built: Built; rows: Uint32Array } {
    const { built, sel } = this.selection(filter);
    const key = `${sort.key}:${sort.descending}`;
    if (built.table?.key !== key) {
      let order = built.orders.get(sort.key);
      if (!order) built.orders.set(sort.key, (order = sortOrder(built.cols, sort.key, built.wardNames)));
      built.table = { key, rows: tableOrder(order, sel.mask, sel.lines, sort.descending) };
    }
    return { built, rows: built.table.rows };
  }

  tableRows(filter: SpendFilter, sort: TableSort, offset: number, limit: number): TablePage {
    const { built, rows } = this.tableIndexes(filter, sort);
    const start = Math.max(0, Math.min(offset, rows.length));
    const page = rows.subarray(start, Math.min(rows.length, start + Math.max(0, limit)));
    return { total: rows.length, offset: start, rows: this.fetch(built, page) };
  }

  /** The lines at these column indexes, read from the database in that order. */
  private fetch(built: Built, indexes: Uint32Array): TableRow[] {
    if (indexes.length === 0) return [];
    const db = built.db;
    const sources = new Map(queryAll(db, 'SELECT id, file FROM sources').map((r) => [r.id as number, r.file as string]));
    const wardName = new Map(built.cols.wardCodes.map((c, i) => [c, built.wardNames[i]!]));
    const ids = Array.from(indexes, (i) => built.cols.id[i]!);
    const byId = new Map<number, TableRow>();
    const CHUNK = 500;
    for (let k = 0; k < ids.length; k += CHUNK) {
      const part = ids.slice(k, k + CHUNK);
      const stmt = db.prepare(`SELECT ${TABLE_COLUMNS} FROM spend_lines WHERE id IN (${part.map(() => '?').join(',')})`);
      try {
        stmt.bind(part);
        while (stmt.step()) {
          const r = stmt.getAsObject();
          const area = r.service_area as string;
          const wardCode = r.ward_code as string | null;
          byId.set(r.id as number, {
            id: r.id as number,
            date: r.payment_date as string | null,
            supplier: r.supplier as string,
            purpose: r.purpose as string,
            department: r.department as string,
            pence: r.amount_pence as number,
            area: isServiceArea(area) ? area : 'other',
            missions: decodeMissions(r.missions as string),
            wardCode,
            wardName: wardCode === null ? null : wardName.get(wardCode) ?? null,
            method: r.locate_method as LocateMethod | null,
            from: r.located_from as string | null,
            unlocatedReason: r.unlocated_reason as UnlocatedReason | null,
            lon: r.lon as number | null,
            lat: r.lat as number | null,
            lineKind: r.line_kind as string,
            source: `${sources.get(r.source_id as number) ?? 'unknown file'} row ${(r.source_row as number).toLocaleString('en-GB')}`,
          });
        }
      } finally {
        stmt.free();
      }
    }
    const parts = built.cols.parts;
    if (parts) {
      for (const i of indexes) {
        const row = byId.get(built.cols.id[i]!);
        if (!row || parts.of[i]! < 0) continue;
        row.wardShares = [];
        for (let k = parts.of[i]!; k < parts.line.length && parts.line[k] === i; k++) {
          row.wardShares.push({ name: built.wardNames[parts.ward[k]!]!, share: parts.share[k]!, pence: parts.pence[k]! });
        }
      }
    }
    return ids.map((id) => byId.get(id)!).filter(Boolean);
  }

  exportCsv(filter: SpendFilter, sort: TableSort, limit = Infinity): string {
    const { built, rows: all } = this.tableIndexes(filter, sort);
    return this.csvOf(built, all.length > limit ? all.subarray(0, limit) : all);
  }

  private csvOf(built: Built, rows: Uint32Array): string {
    const labels = new Map(this.missions().map((m) => [m.id, m.label]));
    const out: string[][] = [];
    const CHUNK = 5000;
    const parts = built.cols.parts;
    // A line at a place crossing ward boundaries: each ward's share and pounds, as the ward totals count them.
    const sharesOf = (i: number): string => {
      if (!parts || i < 0 || parts.of[i]! < 0) return '';
      const out: string[] = [];
      for (let k = parts.of[i]!; k < parts.line.length && parts.line[k] === i; k++) {
        out.push(`${built.cols.wardCodes[parts.ward[k]!]} ${(100 * parts.share[k]!).toFixed(1)}% ${csvPounds(parts.pence[k]!)}`);
      }
      return out.join('; ');
    };
    for (let k = 0; k < rows.length; k += CHUNK) {
      const chunk = rows.subarray(k, k + CHUNK);
      const indexOf = new Map(Array.from(chunk, (i) => [built.cols.id[i]!, i]));
      this.fetch(built, chunk).forEach((r) => {
        out.push([
          csvNumber(r.id), csvText(r.date ?? ''), csvText(r.supplier), csvText(r.purpose), csvText(r.department), csvPounds(r.pence),
          csvText(r.area), csvText(r.missions.map((m) => labels.get(m) ?? m).join('; ')), csvText(r.wardCode ?? ''), csvText(r.wardName ?? ''),
          csvText(r.method ?? ''), csvText(r.unlocatedReason ?? ''), csvNumber(r.lon), csvNumber(r.lat), csvText(r.lineKind), csvText(r.source),
          csvText(sharesOf(indexOf.get(r.id) ?? -1)),
        ]);
      });
    }
    return csvDocument(
      ['line_id', 'date', 'supplier', 'purpose', 'department', 'amount_gbp', 'service_area', 'missions', 'ward_code', 'ward_name', 'located_by', 'unlocated_reason', 'longitude', 'latitude', 'line_kind', 'source', 'ward_shares'],
      out,
    );
  }

  hexes(filter: SpendFilter, resolution: number, minShare?: number): FeatureCollection<Polygon, HexProperties> {
    const { built, sel } = this.selection(filter);
    return {
      type: 'FeatureCollection',
      features: hexAggregate(built.cols, sel.mask, resolution, minShare === undefined ? undefined : { minShare }).map((h) => ({
        type: 'Feature',
        properties: {
          cell: h.cell, areas: h.areas, evenness: h.evenness, total: h.total, lines: h.lines,
          approximate: h.approximateShare > 0.5 ? 1 : 0, approximateShare: h.approximateShare, ...h.byArea,
        },
        geometry: { type: 'Polygon', coordinates: [h.ring] },
      })),
    };
  }

  /**
   * Everything a brief states about an area (a ward, several wards, a drawn shape, a meeting place) under the
   * filter: the figures over the kept lines in it, and the caveats' inputs. Names and geometry come from the engine.
   */
  /** Which kept lines are in an area: a ward's or wards', those inside a shape, or a meeting place's own. */
  private areaMask(area: BriefArea, filter: SpendFilter, params: MeetParams): { built: Built; sel: Selection; inArea: Uint8Array; lines: AreaLines; wards?: Set<number> } {
    const { built, sel } = this.selection(filter);
    const { cols } = built;
    const inArea = new Uint8Array(cols.n);
    if (area.kind === 'ward' || area.kind === 'wards') {
      const codes = area.kind === 'ward' ? [area.code] : area.codes;
      const wis = new Set(codes.map((c) => cols.wardCodes.indexOf(c)).filter((i) => i >= 0));
      const lines = linesInWards(cols, sel.mask, wis);
      return { built, sel, inArea: lines.inArea, lines, wards: wis };
    } else if (area.kind === 'shape') {
      const ring = area.ring;
      for (let i = 0; i < cols.n; i++) {
        const x = cols.lon[i]!;
        const y = cols.lat[i]!;
        if (sel.mask[i] && x === x && insideRing(x, y, ring)) inArea[i] = 1;
      }
    } else if (area.kind === 'place') {
      const place = this.namedPlaces(built).find((p) => p.name === area.name && (p.geometry.type === 'Polygon' || p.geometry.type === 'MultiPolygon'));
      if (place) {
        const outline = place.geometry as Polygon | MultiPolygon;
        const rings = outline.type === 'Polygon' ? [outline.coordinates[0]!] : outline.coordinates.map((p) => p[0]!);
        let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
        for (const ring of rings) for (const [x, y] of ring as [number, number][]) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
        const feature = { type: 'Feature' as const, properties: {}, geometry: outline };
        for (let i = 0; i < cols.n; i++) {
          const x = cols.lon[i]!;
          const y = cols.lat[i]!;
          if (sel.mask[i] && x >= w && x <= e && y >= s && y <= n && booleanPointInPolygon([x, y], feature)) inArea[i] = 1;
        }
      }
    } else {
      this.meetingPlaces(filter, params);
      const members = this.lastMeeting?.result.places[area.rank - 1]?.members ?? [];
      for (const i of members) if (sel.mask[i]) inArea[i] = 1;
    }
    return { built, sel, inArea, lines: { inArea, partial: new Map() } };
  }

  /** The area's lines as CSV, by date then id, with the same columns as Export CSV…. */
  exportAreaCsv(area: BriefArea, filter: SpendFilter, params: MeetParams): string {
    const { built, inArea } = this.areaMask(area, filter, params);
    const indexes: number[] = [];
    for (let i = 0; i < inArea.length; i++) if (inArea[i]) indexes.push(i);
    const { cols } = built;
    indexes.sort((a, b) => cols.day[a]! - cols.day[b]! || cols.id[a]! - cols.id[b]!);
    return this.csvOf(built, Uint32Array.from(indexes));
  }

  /** The area's lines that have a point, as GeoJSON points in WGS84 (RFC 7946), with the CSV's facts as properties. */
  exportAreaGeoJson(area: BriefArea, filter: SpendFilter, params: MeetParams): FeatureCollection<Point> {
    const { built, inArea } = this.areaMask(area, filter, params);
    const indexes: number[] = [];
    const { cols } = built;
    for (let i = 0; i < inArea.length; i++) if (inArea[i] && cols.lon[i] === cols.lon[i]) indexes.push(i);
    const features: Feature<Point>[] = [];
    const CHUNK = 5000;
    for (let k = 0; k < indexes.length; k += CHUNK) {
      for (const r of this.fetch(built, Uint32Array.from(indexes.slice(k, k + CHUNK)))) {
        features.push({
          type: 'Feature',
          properties: { line_id: r.id, date: r.date, supplier: r.supplier, purpose: r.purpose, department: r.department, amount_pence: r.pence, service_area: r.area, missions: r.missions, ward_code: r.wardCode, located_by: r.method },
          geometry: { type: 'Point', coordinates: [r.lon!, r.lat!] },
        });
      }
    }
    return { type: 'FeatureCollection', features };
  }

  /**
   * Everything a brief states about an area (a ward, several wards, a drawn shape, a meeting place) under the
   * filter: the figures over the kept lines in it, and the caveats' inputs. Names and geometry come from the engine.
   */
  areaFigures(area: BriefArea, filter: SpendFilter, params: MeetParams) {
    const { built, sel, inArea, lines: inAreaLines, wards: areaWards } = this.areaMask(area, filter, params);
    const { cols } = built;
    const meeting = this.meetingPlaces(filter, params);
    const byArea = emptyByArea();
    const linesByArea = emptyByArea();
    let totalPence = 0;
    let lines = 0;
    let first = Infinity;
    let last = -Infinity;
    const redacted = { pence: 0, lines: 0 };
    const credits = { pence: 0, lines: 0 };
    const unplaced = { pence: 0, lines: 0 };
    const ruleOf = this.ruleColumn(built);
    const rules = new Map<string, { ruleId: string | null; serviceArea: (typeof SERVICE_AREAS)[number]; pence: number }>();
    for (let i = 0; i < cols.n; i++) {
      if (sel.mask[i] && cols.ward[i]! < 0) {
        unplaced.pence += cols.pence[i]!;
        unplaced.lines++;
      }
      if (!inArea[i]) continue;
      const p = penceIn(cols, inAreaLines, i);
      const a = SERVICE_AREAS[cols.area[i]!]!;
      byArea[a] += p;
      linesByArea[a]++;
      totalPence += p;
      lines++;
      const day = cols.day[i]!;
      if (day !== NO_DAY) {
        if (day < first) first = day;
        if (day > last) last = day;
      }
      if (cols.supplierRedacted[cols.supplier[i]!]) {
        redacted.pence += p;
        redacted.lines++;
      }
      if (p < 0) {
        credits.pence += p;
        credits.lines++;
      }
      const ruleId = ruleOf.names[ruleOf.index[i]!] ?? null;
      const key = `${ruleId}|${a}`;
      const r = rules.get(key) ?? { ruleId, serviceArea: a, pence: 0 };
      r.pence += p;
      rules.set(key, r);
    }
    const b = wardBreakdown(cols, sel, inAreaLines, 5);
    const labels = new Map(this.missions().map((m) => [m.id, m.label]));
    return {
      totalPence, lines, byArea, linesByArea,
      boroughPence: sel.placedPence,
      byMission: b.byMission.filter((m) => m.lines > 0).map((m) => ({ label: labels.get(m.mission) ?? m.mission, pence: m.pence, lines: m.lines })),
      byYear: b.byYear, undated: b.undated, byMethod: b.byMethod, topSuppliers: b.suppliers, supplierCount: b.supplierCount,
      supplierFlags: this.supplierFlags(built, sel, inAreaLines),
      supplierLocal: this.supplierLocal(built, sel, inAreaLines),
      sharedPlaces: areaWards ? this.sharedPlaces(built, sel, areaWards) : [],
      firstDate: first === Infinity ? null : isoOfDay(first),
      lastDate: last === -Infinity ? null : isoOfDay(last),
      redacted, credits, unplaced,
      rules: [...rules.values()].sort((x, y) => y.pence - x.pence || String(x.ruleId).localeCompare(String(y.ruleId))),
      meeting,
      wardNames: built.wardNames,
      wardCodes: cols.wardCodes,
    };
  }

  /** Each line's classifying rule, in the columns' order (both read ORDER BY id), kept until the lines change. */
  private ruleColumn(built: Built): { index: Uint16Array; names: (string | null)[] } {
    if (built.rules) return built.rules;
    const names: (string | null)[] = [null];
    const ids = new Map<string, number>();
    const index = new Uint16Array(built.cols.n);
    const stmt = built.db.prepare('SELECT rule_id FROM spend_lines ORDER BY id');
    try {
      let i = 0;
      while (stmt.step()) {
        const r = stmt.get()[0] as string | null;
        if (r !== null) {
          let k = ids.get(r);
          if (k === undefined) {
            k = names.length;
            names.push(r);
            ids.set(r, k);
          }
          index[i] = k;
        }
        i++;
      }
    } finally {
      stmt.free();
    }
    built.rules = { index, names };
    return built.rules;
  }

  /** Meeting places and mission-lens gaps among the lines the filter keeps (see domain/meeting-places). */
  meetingPlaces(filter: SpendFilter, params: MeetParams, progress?: (fraction: number) => void): MeetingPlacesResult {
    const { built, sel } = this.selection(filter);
    const key = JSON.stringify([filter, params]);
    // A brief asks again for what the panel just found: the same lines and parameters give the same places.
    if (this.lastMeeting && this.lastMeeting.built === built && this.lastMeeting.key === key) {
      progress?.(1);
      return this.lastMeeting.view;
    }
    const started = performance.now();
    const result = findMeetingPlaces({
      cols: built.cols, mask: sel.mask, places: this.namedPlaces(built), wardNames: built.wardNames, params, progress,
      missionLabels: Object.fromEntries(this.missions().map((m) => [m.id, m.label])),
    });
    const wardName = (w: number) => built.wardNames[w] ?? built.cols.wardCodes[w] ?? '';
    const view: MeetingPlacesResult = {
      params,
      considered: result.considered,
      placed: result.placed,
      candidates: result.candidates,
      milliseconds: Math.round(performance.now() - started),
      places: result.places.map((m, i) => ({
        rank: i + 1, kind: m.kind, score: m.score, scoreParts: m.scoreParts, centre: m.centre, outline: m.outline,
        byArea: m.byArea, present: m.present, evenness: m.evenness, total: m.total, lines: m.lines,
        approximateShare: m.approximateShare, suppliers: m.suppliers, sharedSuppliers: m.sharedSuppliers.slice(0, 20),
        sharedSupplierCount: m.sharedSuppliers.length, touches: m.touches,
        wards: m.wards.map((w) => ({ code: built.cols.wardCodes[w.ward]!, name: wardName(w.ward), pence: w.pence })),
        overlapMonths: m.overlapMonths, title: m.title, sentence: m.sentence,
      })),
      gaps: result.gaps,
    };
    this.lastMeeting = { built, key, result, view };
    return view;
  }

  /** An outlined place in the register by name, for a brief about it; null when there is none. */
  placeOutline(name: string): Polygon | MultiPolygon | null {
    const g = this.namedPlaces(this.current()).find((p) => p.name === name && (p.geometry.type === 'Polygon' || p.geometry.type === 'MultiPolygon'))?.geometry;
    return (g as Polygon | MultiPolygon | undefined) ?? null;
  }

  private namedPlaces(built: Built): NamedPlace[] {
    if (built.named) return built.named;
    built.named = queryAll(built.db, 'SELECT name, kind, geom, lon, lat FROM places ORDER BY id').map((r) => {
      let geometry: Geometry = { type: 'Point', coordinates: [r.lon as number, r.lat as number] };
      try {
        geometry = storedGeometry(r.geom, `place ${r.name as string}`);
      } catch {
        // Taken at its point when its outline cannot be read.
      }
      return { name: r.name as string, kind: r.kind as string, geometry };
    });
    return built.named;
  }

  filterOptions(): FilterOptions {
    const { cols } = this.current();
    let first = Infinity;
    let last = -Infinity;
    let min = Infinity;
    let max = -Infinity;
    let unlocated = 0;
    let redacted = 0;
    const deptLines = new Uint32Array(cols.departments.length);
    for (let i = 0; i < cols.n; i++) {
      const d = cols.day[i]!;
      if (d !== NO_DAY) {
        if (d < first) first = d;
        if (d > last) last = d;
      }
      const p = cols.pence[i]!;
      if (p < min) min = p;
      if (p > max) max = p;
      if (cols.ward[i]! < 0) unlocated++;
      if (cols.supplierRedacted[cols.supplier[i]!]) redacted++;
      deptLines[cols.department[i]!]!++;
    }
    return {
      firstDate: Number.isFinite(first) ? isoOfDay(first) : null,
      lastDate: Number.isFinite(last) ? isoOfDay(last) : null,
      missions: this.missions(),
      departments: cols.departments
        .map((name, i) => ({ name, lines: deptLines[i]! }))
        .filter((d) => d.name.trim() !== '')
        .sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
      minPence: Number.isFinite(min) ? min : null,
      maxPence: Number.isFinite(max) ? max : null,
      unlocatedLines: unlocated,
      redactedLines: redacted,
    };
  }

  searchSuppliers(text: string, limit = 12): SupplierMatch[] {
    const { cols } = this.current();
    const q = text.trim().toLowerCase();
    if (!q) return [];
    const hit = new Int32Array(cols.suppliers.length).fill(-1);
    const found: SupplierMatch[] = [];
    cols.suppliers.forEach((s, i) => {
      if (s.toLowerCase().includes(q)) {
        hit[i] = found.length;
        found.push({ supplier: s, lines: 0, pence: 0 });
      }
    });
    if (found.length === 0) return [];
    for (let i = 0; i < cols.n; i++) {
      const h = hit[cols.supplier[i]!]!;
      if (h >= 0) {
        found[h]!.lines++;
        found[h]!.pence += cols.pence[i]!;
      }
    }
    // Names that start with the text first: typing "acme" wants Acme Ltd before Pacmelon.
    const starts = (s: string) => (s.toLowerCase().startsWith(q) ? 0 : 1);
    return found.sort((a, b) => starts(a.supplier) - starts(b.supplier) || b.pence - a.pence || a.supplier.localeCompare(b.supplier)).slice(0, limit);
  }

  /** How many lines the map can draw: each has a point and lies in a ward. */
  placedPoints(): number {
    const { cols } = this.current();
    let n = 0;
    for (let i = 0; i < cols.n; i++) if (placed(cols, i)) n++;
    return n;
  }

  hasPointIndex(): boolean {
    return this.isCurrent() && this.built!.pointIndex !== null;
  }

  /** Makes the points' index for the current lines, if they are still current (an import may have begun since). */
  warmPointIndex(): void {
    if (this.isCurrent()) this.pointIndex(this.built!);
  }

  private pointIndex(built: Built): PointIndex {
    return (built.pointIndex ??= new PointIndex(built.cols));
  }

  /** A vector tile of the points of the lines the filter keeps (see spend-tiles.ts). */
  spendTile(filter: SpendFilter, z: number, x: number, y: number): Uint8Array {
    const { built, sel } = this.selection(filter);
    return spendTile(built.cols, sel.mask, this.pointIndex(built), z, x, y);
  }

  /** A vector tile of the kept lines clustered where dense; the clusters are made once per filter. */
  clusterTile(filter: SpendFilter, z: number, x: number, y: number): Uint8Array {
    const { built, sel } = this.selection(filter);
    const key = built.selection!.key;
    if (built.clusters?.key !== key) built.clusters = { key, index: clusterIndex(built.cols, sel.mask, this.pointIndex(built)) };
    return clusterTile(built.clusters.index, z, x, y);
  }

  /** Ids of the lines the filter keeps whose points lie in [west, south, east, north]. */
  linesIn(filter: SpendFilter, bbox: readonly [number, number, number, number]): number[] {
    const { built, sel } = this.selection(filter);
    return linesIn(built.cols, sel.mask, this.pointIndex(built), bbox);
  }
}
