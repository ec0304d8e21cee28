// Every spend line as typed-array columns, so a filter change is one pass over memory rather than a query per panel.

import { SERVICE_AREAS, emptyByArea, isServiceArea, type ByArea, type ServiceArea } from './service-areas';
import { LOCATE_METHODS, NO_DAY, UNLOCATED, dayNumber, financialYear, type SpendFilter } from './spend-filter';
import { isRedactedSupplier, type SupplierTotal } from './aggregate';
import type { LocateMethod } from './locate';
import type { Pence } from './money';

export interface SpendColumns {
  n: number;
  /** spend_lines.id */
  id: Uint32Array;
  /** Index into wardCodes; -1 for a line in no ward. */
  ward: Int32Array;
  /** Index into SERVICE_AREAS. */
  area: Uint8Array;
  /** Bit i set when the line serves missionIds[i]. */
  missions: Uint32Array;
  /** Days since 1970-01-01; NO_DAY when the line has no date. */
  day: Int32Array;
  pence: Float64Array;
  supplier: Uint32Array;
  department: Uint32Array;
  /** Index into LOCATE_METHODS; UNLOCATED for a line not placed. */
  method: Uint8Array;
  /** NaN for lines without a point (unlocated, or placed by ward name). */
  lon: Float64Array;
  lat: Float64Array;
  wardCodes: string[];
  suppliers: string[];
  supplierRedacted: Uint8Array;
  departments: string[];
  missionIds: string[];
  /** Lines at places that cross ward boundaries, with their pence divided between the wards; absent when none. */
  parts?: WardParts;
}

/**
 * A line's parts, by ward (see domain/ward-shares): `of[i]` is the first part of line i, or -1 for a line wholly in
 * the ward its point is in; its parts follow in order while `line[k] === i`.
 */
export interface WardParts {
  of: Int32Array;
  line: Uint32Array;
  ward: Int32Array;
  pence: Float64Array;
  /** The ward's share of the place's area. */
  share: Float64Array;
  /** Index into placeNames: the place the line is at. */
  place: Uint32Array;
  placeNames: string[];
}

/** Parts from rows ordered by line id, against columns ordered by id; rows for unknown lines or wards are skipped. */
export function wardPartsOf(
  cols: Pick<SpendColumns, 'n' | 'id' | 'wardCodes'>,
  rows: readonly { lineId: number; wardCode: string; pence: number; share: number; place: string }[],
): WardParts | undefined {
  if (rows.length === 0) return undefined;
  const wardIndex = new Map(cols.wardCodes.map((c, i) => [c, i]));
  const placeIndex = new Map<string, number>();
  const of = new Int32Array(cols.n).fill(-1);
  const line: number[] = [];
  const ward: number[] = [];
  const pence: number[] = [];
  const share: number[] = [];
  const place: number[] = [];
  let i = 0;
  for (const r of rows) {
    while (i < cols.n && cols.id[i]! < r.lineId) i++;
    if (i === cols.n) break;
    const w = wardIndex.get(r.wardCode);
    if (cols.id[i] !== r.lineId || w === undefined) continue;
    if (of[i] === -1) of[i] = line.length;
    line.push(i);
    ward.push(w);
    pence.push(r.pence);
    share.push(r.share);
    place.push(intern(placeIndex, r.place));
  }
  if (line.length === 0) return undefined;
  return {
    of, line: Uint32Array.from(line), ward: Int32Array.from(ward), pence: Float64Array.from(pence), share: Float64Array.from(share),
    place: Uint32Array.from(place), placeNames: [...placeIndex.keys()],
  };
}

/**
 * The lines an area holds, and what each counts there: a line at a place crossing ward boundaries counts, in a ward,
 * only the pence that ward's share of the place gives it.
 */
export interface AreaLines {
  inArea: Uint8Array;
  /** Pence in the area by line index, for lines only partly in it; any other line counts its whole amount. */
  partial: Map<number, Pence>;
}

/** The kept lines in these wards, each counted for the part of its pence that falls in them. */
export function linesInWards(cols: SpendColumns, mask: Uint8Array, wards: ReadonlySet<number>): AreaLines {
  const inArea = new Uint8Array(cols.n);
  const partial = new Map<number, Pence>();
  const parts = cols.parts;
  for (let i = 0; i < cols.n; i++) {
    if (!mask[i]) continue;
    const k0 = parts ? parts.of[i]! : -1;
    if (k0 < 0) {
      if (wards.has(cols.ward[i]!)) inArea[i] = 1;
      continue;
    }
    let p = 0;
    let any = false;
    for (let k = k0; k < parts!.line.length && parts!.line[k] === i; k++) {
      if (wards.has(parts!.ward[k]!)) {
        p += parts!.pence[k]!;
        any = true;
      }
    }
    if (any) {
      inArea[i] = 1;
      if (p !== cols.pence[i]) partial.set(i, p);
    }
  }
  return { inArea, partial };
}

/** A ward's parts of spend at places crossing its boundary, by place, over the kept lines; most money first. */
export interface SharedPlace {
  place: string;
  /** The ward's share of the place's area. */
  share: number;
  pence: Pence;
  lines: number;
  /** Every ward the place's spend is divided between. */
  wards: number[];
}

export function sharedPlacesIn(cols: SpendColumns, mask: Uint8Array, wards: ReadonlySet<number>): SharedPlace[] {
  const parts = cols.parts;
  if (!parts) return [];
  const byPlace = new Map<number, SharedPlace>();
  for (let k0 = 0; k0 < parts.line.length;) {
    const i = parts.line[k0]!;
    let k = k0;
    let pence = 0;
    let share = 0;
    let any = false;
    const all: number[] = [];
    for (; k < parts.line.length && parts.line[k] === i; k++) {
      all.push(parts.ward[k]!);
      if (!wards.has(parts.ward[k]!)) continue;
      any = true;
      pence += parts.pence[k]!;
      share += parts.share[k]!;
    }
    if (any && mask[i]) {
      const pi = parts.place[k0]!;
      const t = byPlace.get(pi) ?? { place: parts.placeNames[pi]!, share, pence: 0, lines: 0, wards: all };
      t.pence += pence;
      t.lines++;
      byPlace.set(pi, t);
    }
    k0 = k;
  }
  return [...byPlace.values()].sort((a, b) => b.pence - a.pence || a.place.localeCompare(b.place));
}

/** What line i counts in an area. */
export function penceIn(cols: SpendColumns, area: AreaLines, i: number): Pence {
  return area.partial.size === 0 ? cols.pence[i]! : area.partial.get(i) ?? cols.pence[i]!;
}

export interface ColumnRow {
  id: number;
  wardCode: string | null;
  serviceArea: string;
  /** As stored: ",food,young-people," */
  missions: string;
  date: string | null;
  pence: Pence;
  supplier: string;
  department: string;
  method: string | null;
  lon: number | null;
  lat: number | null;
}

/** Builds the columns a row at a time; strings become indexes into small dictionaries. */
export class ColumnsBuilder {
  private n = 0;
  private cap: number;
  private readonly wardIndex = new Map<string, number>();
  private readonly supplierIndex = new Map<string, number>();
  private readonly departmentIndex = new Map<string, number>();
  private readonly missionIndex = new Map<string, number>();
  private readonly missionMasks = new Map<string, number>();
  private cols: Omit<SpendColumns, 'n' | 'wardCodes' | 'suppliers' | 'supplierRedacted' | 'departments' | 'missionIds'>;

  constructor(wardCodes: readonly string[], missionIds: readonly string[], expected = 1024) {
    wardCodes.forEach((c, i) => this.wardIndex.set(c, i));
    // Bits beyond 32 missions are dropped rather than wrapped onto others; rule sets have a handful.
    missionIds.slice(0, 32).forEach((m, i) => this.missionIndex.set(m, i));
    this.cap = Math.max(16, expected);
    this.cols = allocate(this.cap);
  }

  add(r: ColumnRow): void {
    this.addCoded(r.id, this.wardOf(r.wardCode), areaIndexOf(r.serviceArea), this.missionMask(r.missions), dayNumber(r.date), r.pence,
      this.supplierOf(r.supplier), this.departmentOf(r.department), methodIndexOf(r.method), r.lon ?? NaN, r.lat ?? NaN);
  }

  /** A row whose texts are already indexes (from wardOf, areaIndexOf, missionMask, dayNumber, supplierOf, departmentOf, methodIndexOf). */
  addCoded(id: number, ward: number, area: number, missions: number, day: number, pence: Pence, supplier: number, department: number, method: number, lon: number, lat: number): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    const c = this.cols;
    c.id[i] = id;
    c.ward[i] = ward;
    c.area[i] = area;
    c.missions[i] = missions;
    c.day[i] = day;
    c.pence[i] = pence;
    c.supplier[i] = supplier;
    c.department[i] = department;
    c.method[i] = method;
    c.lon[i] = lon;
    c.lat[i] = lat;
  }

  /** The ward's index; -1 for no ward, or a code the project's wards do not have. */
  wardOf(code: string | null): number {
    return code === null ? -1 : this.wardIndex.get(code) ?? -1;
  }

  supplierOf(name: string): number {
    return intern(this.supplierIndex, name);
  }

  departmentOf(name: string): number {
    return intern(this.departmentIndex, name);
  }

  build(): SpendColumns {
    const n = this.n;
    const c = this.cols;
    const suppliers = [...this.supplierIndex.keys()];
    return {
      n,
      id: c.id.slice(0, n), ward: c.ward.slice(0, n), area: c.area.slice(0, n), missions: c.missions.slice(0, n),
      day: c.day.slice(0, n), pence: c.pence.slice(0, n), supplier: c.supplier.slice(0, n), department: c.department.slice(0, n),
      method: c.method.slice(0, n), lon: c.lon.slice(0, n), lat: c.lat.slice(0, n),
      wardCodes: [...this.wardIndex.keys()],
      suppliers,
      supplierRedacted: Uint8Array.from(suppliers, (s) => (isRedactedSupplier(s) ? 1 : 0)),
      departments: [...this.departmentIndex.keys()],
      missionIds: [...this.missionIndex.keys()],
    };
  }

  /** The bits of the missions stored as ",food,young-people,". */
  missionMask(stored: string): number {
    if (stored === '') return 0;
    let mask = this.missionMasks.get(stored);
    if (mask === undefined) {
      mask = 0;
      for (const id of stored.split(',')) {
        const bit = this.missionIndex.get(id);
        if (bit !== undefined) mask |= 1 << bit;
      }
      mask >>>= 0;
      this.missionMasks.set(stored, mask);
    }
    return mask;
  }

  private grow(): void {
    const bigger = allocate(this.cap * 2);
    for (const k of Object.keys(bigger) as (keyof typeof bigger)[]) (bigger[k] as Uint8Array).set(this.cols[k] as Uint8Array);
    this.cols = bigger;
    this.cap *= 2;
  }
}

/** A stored service area's index in SERVICE_AREAS; anything else is 'other'. */
export function areaIndexOf(serviceArea: string): number {
  return SERVICE_AREAS.indexOf(isServiceArea(serviceArea) ? serviceArea : 'other');
}

/** A stored locating method's index in LOCATE_METHODS; UNLOCATED for none or one not known. */
export function methodIndexOf(method: string | null): number {
  const m = method === null ? -1 : (LOCATE_METHODS as readonly string[]).indexOf(method);
  return m < 0 ? UNLOCATED : m;
}

function allocate(cap: number) {
  return {
    id: new Uint32Array(cap), ward: new Int32Array(cap), area: new Uint8Array(cap), missions: new Uint32Array(cap),
    day: new Int32Array(cap), pence: new Float64Array(cap), supplier: new Uint32Array(cap), department: new Uint32Array(cap),
    method: new Uint8Array(cap), lon: new Float64Array(cap), lat: new Float64Array(cap),
  };
}

function intern(index: Map<string, number>, value: string): number {
  let i = index.get(value);
  if (i === undefined) index.set(value, (i = index.size));
  return i;
}

/**
 * A filter in the columns' own terms: sets as masks over dictionary indexes. Plain arrays and numbers, so it can
 * cross to the UI and become the map's point filter (map/style.ts) with exactly the same meaning.
 */
export interface ResolvedFilter {
  areas: number[];
  /** Mission bit mask: a line must serve at least one; 0 for no mission filter. */
  missionMask: number;
  missions: string[];
  fromDay: number | null;
  toDay: number | null;
  minPence: number | null;
  maxPence: number | null;
  /** Supplier indexes allowed; null when suppliers are not filtered. */
  suppliers: number[] | null;
  departments: number[] | null;
  /** Method indexes allowed, UNLOCATED among them when unlocated lines are kept. */
  methods: number[];
  redacted: boolean;
  bbox: [number, number, number, number] | null;
  /** A ring of [lon, lat] (closed or not); null for none. */
  lasso: [number, number][] | null;
  /** Spend line ids, ascending; null for none. */
  picked: number[] | null;
}

export function resolveFilter(f: SpendFilter, cols: Pick<SpendColumns, 'suppliers' | 'departments' | 'missionIds'>): ResolvedFilter {
  // Sets, not lists: the map's `match` refuses a label twice.
  const areas = [...new Set(f.areas.map((a) => SERVICE_AREAS.indexOf(a)).filter((i) => i >= 0))].sort((a, b) => a - b);
  let missionMask = 0;
  for (const m of f.missions) {
    const bit = cols.missionIds.indexOf(m);
    if (bit >= 0) missionMask |= 1 << bit;
  }
  missionMask >>>= 0;
  let suppliers: number[] | null = null;
  const text = f.supplierText.trim().toLowerCase();
  if (text || f.suppliers.length > 0) {
    const exact = new Set(f.suppliers);
    suppliers = [];
    cols.suppliers.forEach((s, i) => {
      // Both given: a picked supplier must also contain the text, as the two chips read together.
      if ((exact.size === 0 || exact.has(s)) && (!text || s.toLowerCase().includes(text))) suppliers!.push(i);
    });
  }
  let departments: number[] | null = null;
  if (f.departments.length > 0) {
    const wanted = new Set(f.departments);
    departments = [];
    cols.departments.forEach((d, i) => {
      if (wanted.has(d)) departments!.push(i);
    });
  }
  const methods = [...new Set(f.methods.map((m) => (LOCATE_METHODS as readonly string[]).indexOf(m)).filter((i) => i >= 0))];
  if (f.unlocated) methods.push(UNLOCATED);
  methods.sort((a, b) => a - b);
  return {
    areas,
    missionMask,
    // A mission the project does not know matches nothing, rather than lifting the filter.
    missions: f.missions,
    fromDay: f.from ? dayNumber(f.from) : null,
    toDay: f.to ? dayNumber(f.to) : null,
    minPence: f.minPence,
    maxPence: f.maxPence,
    suppliers,
    departments,
    methods,
    redacted: f.redacted,
    bbox: f.bbox,
    lasso: f.lasso && f.lasso.length >= 3 ? f.lasso : null,
    picked: f.picked && f.picked.length > 0 ? [...new Set(f.picked)].sort((a, b) => a - b) : null,
  };
}

/** One pass: which lines the filter keeps, and the totals every view needs. */
export interface Selection {
  /** 1 for each line kept. */
  mask: Uint8Array;
  lines: number;
  pence: Pence;
  placedLines: number;
  placedPence: Pence;
  byArea: ByArea<Pence>;
  linesByArea: ByArea<number>;
  /** Per ward (index as in wardCodes): pence and lines by service area, area-major: [ward * areas + area]. */
  wardAreaPence: Float64Array;
  wardAreaLines: Uint32Array;
}

export function select(cols: SpendColumns, r: ResolvedFilter): Selection {
  const A = SERVICE_AREAS.length;
  const areaOk = maskOf(A, r.areas);
  const methodOk = maskOf(UNLOCATED + 1, r.methods);
  const supplierOk = r.suppliers ? maskOf(cols.suppliers.length, r.suppliers) : null;
  const departmentOk = r.departments ? maskOf(cols.departments.length, r.departments) : null;
  const redactedOut = r.redacted ? null : cols.supplierRedacted;
  const missionFiltered = r.missions.length > 0;
  const fromDay = r.fromDay ?? -Infinity;
  const toDay = r.toDay ?? Infinity;
  const dated = r.fromDay !== null || r.toDay !== null;
  const minP = r.minPence ?? -Infinity;
  const maxP = r.maxPence ?? Infinity;
  const [w, s, e, nth] = r.bbox ?? [0, 0, 0, 0];
  const boxed = r.bbox !== null;
  const lasso = r.lasso;
  const [lw, ls, le, ln] = lasso ? ringBbox(lasso) : [0, 0, 0, 0];
  const picked = r.picked ? new Set(r.picked) : null;

  const W = cols.wardCodes.length;
  const wardAreaPence = new Float64Array(W * A);
  const wardAreaLines = new Uint32Array(W * A);
  const mask = new Uint8Array(cols.n);
  const areaPence = new Float64Array(A);
  const areaLines = new Uint32Array(A);
  let lines = 0;
  let pence = 0;
  let placedLines = 0;
  let placedPence = 0;
  const { area, method, supplier, department, missions, day, pence: amount, lon, lat, ward, parts } = cols;
  for (let i = 0; i < cols.n; i++) {
    const a = area[i]!;
    if (!areaOk[a] || !methodOk[method[i]!]) continue;
    if (supplierOk && !supplierOk[supplier[i]!]) continue;
    if (departmentOk && !departmentOk[department[i]!]) continue;
    if (redactedOut && redactedOut[supplier[i]!]) continue;
    if (missionFiltered && (missions[i]! & r.missionMask) === 0) continue;
    if (dated) {
      const d = day[i]!;
      if (d === NO_DAY || d < fromDay || d > toDay) continue;
    }
    const p = amount[i]!;
    if (p < minP || p > maxP) continue;
    if (boxed) {
      const x = lon[i]!;
      const y = lat[i]!;
      // NaN (no point) fails every comparison, so lines without a point drop out of a drawn area.
      if (!(x >= w && x <= e && y >= s && y <= nth)) continue;
    }
    if (lasso) {
      const x = lon[i]!;
      const y = lat[i]!;
      if (!(x >= lw && x <= le && y >= ls && y <= ln) || !insideRing(x, y, lasso)) continue;
    }
    if (picked && !picked.has(cols.id[i]!)) continue;
    mask[i] = 1;
    lines++;
    pence += p;
    areaPence[a]! += p;
    areaLines[a]!++;
    const wi = ward[i]!;
    if (wi >= 0) {
      placedLines++;
      placedPence += p;
      const k0 = parts ? parts.of[i]! : -1;
      if (k0 < 0) {
        wardAreaPence[wi * A + a]! += p;
        wardAreaLines[wi * A + a]!++;
      } else {
        // A line whose place crosses wards counts in each of them, with that ward's part of its pence.
        for (let k = k0; k < parts!.line.length && parts!.line[k] === i; k++) {
          const pw = parts!.ward[k]!;
          wardAreaPence[pw * A + a]! += parts!.pence[k]!;
          wardAreaLines[pw * A + a]!++;
        }
      }
    }
  }
  const byArea = emptyByArea();
  const linesByArea = emptyByArea();
  SERVICE_AREAS.forEach((name, k) => {
    byArea[name] = areaPence[k]!;
    linesByArea[name] = areaLines[k]!;
  });
  return { mask, lines, pence, placedLines, placedPence, byArea, linesByArea, wardAreaPence, wardAreaLines };
}

function ringBbox(ring: readonly [number, number][]): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [x, y] of ring) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}

/** Even-odd ray casting: a freehand shape may cross itself, and this counts such a shape as people expect. */
export function insideRing(x: number, y: number, ring: readonly [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function maskOf(size: number, members: readonly number[]): Uint8Array {
  const m = new Uint8Array(size);
  for (const i of members) if (i >= 0 && i < size) m[i] = 1;
  return m;
}

export interface WardTotalsRow {
  wardCode: string;
  totalPence: Pence;
  lines: number;
  byArea: ByArea<Pence>;
  linesByArea: ByArea<number>;
}

export function wardTotalsOf(cols: SpendColumns, sel: Selection, wi: number): WardTotalsRow {
  const A = SERVICE_AREAS.length;
  const byArea = emptyByArea();
  const linesByArea = emptyByArea();
  let totalPence = 0;
  let lines = 0;
  SERVICE_AREAS.forEach((name, k) => {
    byArea[name] = sel.wardAreaPence[wi * A + k]!;
    linesByArea[name] = sel.wardAreaLines[wi * A + k]!;
    totalPence += byArea[name];
    lines += linesByArea[name];
  });
  return { wardCode: cols.wardCodes[wi]!, totalPence, lines, byArea, linesByArea };
}

/** What a ward's profile shows beyond its totals, over the selected lines in it. */
export interface WardBreakdown {
  suppliers: SupplierTotal[];
  /** Suppliers with any lines in the ward, redacted payees pooled as one. */
  supplierCount: number;
  byMission: { mission: string; pence: Pence; lines: number }[];
  byMethod: { method: LocateMethod; pence: Pence; lines: number }[];
  byYear: { year: string; pence: Pence; lines: number }[];
  /** Lines with no date, which no financial year can show. */
  undated: { pence: Pence; lines: number };
}

/** The breakdown of a ward's kept lines, or of the kept lines an area mask marks (a brief's drawn area, several wards). */
export function wardBreakdown(cols: SpendColumns, sel: Selection, wi: number | AreaLines, topN = 5): WardBreakdown {
  const lines = typeof wi === 'number' ? linesInWards(cols, sel.mask, new Set([wi])) : wi;
  const { inArea } = lines;
  const bySupplier = new Map<number, { pence: number; lines: number }>();
  const missionPence = new Float64Array(cols.missionIds.length);
  const missionLines = new Uint32Array(cols.missionIds.length);
  const methodPence = new Float64Array(LOCATE_METHODS.length);
  const methodLines = new Uint32Array(LOCATE_METHODS.length);
  const years = new Map<string, { pence: number; lines: number }>();
  const undated = { pence: 0, lines: 0 };
  const yearOfDay = new Map<number, string>();
  for (let i = 0; i < cols.n; i++) {
    if (!sel.mask[i] || !inArea[i]) continue;
    const p = penceIn(cols, lines, i);
    const s = cols.supplier[i]!;
    const t = bySupplier.get(s);
    if (t) { t.pence += p; t.lines++; } else bySupplier.set(s, { pence: p, lines: 1 });
    const ms = cols.missions[i]!;
    if (ms !== 0) for (let b = 0; b < missionPence.length; b++) if (ms & (1 << b)) { missionPence[b]! += p; missionLines[b]!++; }
    const m = cols.method[i]!;
    if (m < LOCATE_METHODS.length) { methodPence[m]! += p; methodLines[m]!++; }
    const d = cols.day[i]!;
    if (d === NO_DAY) { undated.pence += p; undated.lines++; continue; }
    let fy = yearOfDay.get(d);
    if (fy === undefined) yearOfDay.set(d, (fy = financialYear(d)));
    const y = years.get(fy);
    if (y) { y.pence += p; y.lines++; } else years.set(fy, { pence: p, lines: 1 });
  }
  const pooled = new Map<string, SupplierTotal>();
  for (const [s, t] of bySupplier) {
    const redacted = cols.supplierRedacted[s] === 1;
    const name = redacted ? 'Redacted payees' : cols.suppliers[s]!.trim();
    const key = redacted ? '\u0000redacted' : name;
    const row = pooled.get(key) ?? { supplier: name, pence: 0, lines: 0, redacted };
    row.pence += t.pence;
    row.lines += t.lines;
    pooled.set(key, row);
  }
  return {
    suppliers: [...pooled.values()].filter((s) => !s.redacted).sort((a, b) => b.pence - a.pence || a.supplier.localeCompare(b.supplier)).slice(0, topN),
    supplierCount: pooled.size,
    byMission: cols.missionIds.map((mission, b) => ({ mission, pence: missionPence[b]!, lines: missionLines[b]! })),
    byMethod: LOCATE_METHODS.map((method, k) => ({ method, pence: methodPence[k]!, lines: methodLines[k]! }))
      .filter((r) => r.lines > 0)
      .sort((a, b) => b.pence - a.pence || LOCATE_METHODS.indexOf(a.method) - LOCATE_METHODS.indexOf(b.method)),
    byYear: [...years.entries()].map(([year, t]) => ({ year, ...t })).sort((a, b) => a.year.localeCompare(b.year)),
    undated,
  };
}

export const SORT_KEYS = ['date', 'amount', 'supplier', 'department', 'area', 'ward', 'method'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface TableSort {
  key: SortKey;
  descending: boolean;
}

/**
 * Every line's index in the order of one column, ties by line id. Built once per column (about a second for a
 * million lines) and kept until the lines change, so a filter change only walks it.
 */
export function sortOrder(cols: SpendColumns, key: SortKey, wardNames?: readonly string[]): Uint32Array {
  const order = new Uint32Array(cols.n);
  for (let i = 0; i < cols.n; i++) order[i] = i;
  const byRank = (dict: readonly string[]) => {
    const sorted = dict.map((s, i) => [s.toLocaleLowerCase('en-GB'), i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    const rank = new Uint32Array(dict.length);
    // Names equal but for case share a rank, so their lines tie and fall back to line id like any other tie.
    let r = -1;
    sorted.forEach(([s, i], k) => {
      if (k === 0 || s !== sorted[k - 1]![0]) r++;
      rank[i] = r;
    });
    return rank;
  };
  let key1: ArrayLike<number>;
  switch (key) {
    case 'date': key1 = cols.day; break;
    case 'amount': key1 = cols.pence; break;
    case 'area': key1 = cols.area; break;
    case 'method': key1 = cols.method; break;
    case 'supplier': {
      const rank = byRank(cols.suppliers);
      key1 = Uint32Array.from(cols.supplier, (s) => rank[s]!);
      break;
    }
    case 'department': {
      const rank = byRank(cols.departments);
      key1 = Uint32Array.from(cols.department, (d) => rank[d]!);
      break;
    }
    case 'ward': {
      const rank = byRank(wardNames ?? cols.wardCodes);
      // Lines in no ward sort after every ward.
      key1 = Float64Array.from(cols.ward, (w) => (w < 0 ? Infinity : rank[w]!));
      break;
    }
  }
  const id = cols.id;
  order.sort((a, b) => key1[a]! - key1[b]! || id[a]! - id[b]!);
  return order;
}

/** The selected lines' indexes in table order. */
export function tableOrder(order: Uint32Array, mask: Uint8Array, count: number, descending: boolean): Uint32Array {
  const out = new Uint32Array(count);
  let k = 0;
  if (descending) {
    for (let j = order.length - 1; j >= 0; j--) if (mask[order[j]!]) out[k++] = order[j]!;
  } else {
    for (let j = 0; j < order.length; j++) if (mask[order[j]!]) out[k++] = order[j]!;
  }
  return out;
}

export function areaOfIndex(k: number): ServiceArea {
  return SERVICE_AREAS[k] ?? 'other';
}
