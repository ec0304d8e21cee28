// The linked table of spend lines: a drawer under the map that scrolls through every line the filter keeps.

import './spend-table.css';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useApp } from '../../store/context';
import type { TableRow } from '../../engine/contract';
import type { SortKey, TableSort } from '../../domain/spend-columns';
import { formatPounds } from '../../domain/money';
import { SERVICE_AREA_COLOUR, SERVICE_AREA_LABEL } from '../../domain/service-areas';
import { LOCATE_METHOD_LABEL, UNLOCATED_LABEL } from '../../domain/locate';
import { methodShortLabel } from '../../domain/spend-filter';

const sharePercent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });

/** The ward cell's tooltip: why a line is not placed, or how a line at a place crossing wards is divided. */
function wardTitle(row: TableRow): string | undefined {
  if (row.wardShares) {
    return `Divided between the wards its place crosses, by area: ${row.wardShares.map((w) => `${w.name} ${sharePercent.format(w.share)} (${formatPounds(w.pence)})`).join(', ')}`;
  }
  return row.wardName ?? (row.unlocatedReason ? `Not placed: ${UNLOCATED_LABEL[row.unlocatedReason]}` : undefined);
}

/** Must match .spend-row's height in spend-table.css: the scroll maths counts in rows. */
const ROW_HEIGHT = 28;
/** Must match .spend-head's height in spend-table.css: the sticky header covers the top of the scroller. */
const HEADER_HEIGHT = 30;
const OVERSCAN = 10;
/** Browsers stop laying out elements somewhere between 16 and 33 million px; a million lines at 28 px would pass that. */
const MAX_SPACER = 8_000_000;

const count = new Intl.NumberFormat('en-GB');

interface Column {
  label: string;
  /** Null for columns the engine cannot sort by. */
  sort: SortKey | null;
  numeric?: boolean;
}

const COLUMNS: Column[] = [
  { label: 'Date', sort: 'date' },
  { label: 'Supplier', sort: 'supplier' },
  { label: 'Purpose', sort: null },
  { label: 'Department', sort: 'department' },
  { label: 'Amount', sort: 'amount', numeric: true },
  { label: 'Service area', sort: 'area' },
  { label: 'Ward', sort: 'ward' },
  { label: 'Placed by', sort: 'method' },
  { label: 'Source', sort: null },
];

// Biggest first is what people look for in money and dates; names read best A to Z.
const DESCENDING_FIRST: ReadonlySet<SortKey> = new Set<SortKey>(['amount', 'date']);

function nextSort(current: TableSort, key: SortKey): TableSort {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: DESCENDING_FIRST.has(key) };
}

/** Where the rows sit for a scroll position: which are on screen and how far down each one is drawn. */
interface Geometry {
  spacer: number;
  /** Whole rows that fit on screen. */
  fits: number;
  first: number;
  /** Rows to draw, overscan included. */
  from: number;
  to: number;
  top(index: number): number;
  /** The scrollTop that brings a row into view, or null when it is already in view. */
  scrollFor(index: number): number | null;
}

function geometry(total: number, scrollTop: number, viewport: number): Geometry {
  const natural = total * ROW_HEIGHT;
  const fits = Math.max(1, Math.floor(viewport / ROW_HEIGHT));
  const onScreen = Math.ceil(viewport / ROW_HEIGHT) + 1;
  if (natural <= MAX_SPACER) {
    const first = Math.min(Math.max(0, Math.floor(scrollTop / ROW_HEIGHT)), Math.max(0, total - 1));
    return {
      spacer: natural,
      fits,
      first,
      from: Math.max(0, first - OVERSCAN),
      to: Math.min(total - 1, first + onScreen + OVERSCAN),
      top: (i) => i * ROW_HEIGHT,
      scrollFor(i) {
        if (i * ROW_HEIGHT < scrollTop) return i * ROW_HEIGHT;
        if ((i + 1) * ROW_HEIGHT > scrollTop + viewport) return (i + 1) * ROW_HEIGHT - viewport;
        return null;
      },
    };
  }
  // Too tall to lay out: the scrollbar stands for a fraction of the list, and the rows are drawn where the view is.
  const range = Math.max(1, MAX_SPACER - viewport);
  const lastFirst = Math.max(0, total - fits);
  const rowsPerPx = lastFirst / range;
  // Multiply before dividing so the bottom lands on a whole row; the last pixel snaps to the end because browsers can
  // stop a fraction short of the maximum scrollTop, which would leave the last line out of reach.
  const first = scrollTop >= range - 1 ? lastFirst : Math.min(Math.max(0, Math.floor((scrollTop * lastFirst) / range)), lastFirst);
  return {
    spacer: MAX_SPACER,
    fits,
    first,
    from: Math.max(0, first - OVERSCAN),
    to: Math.min(total - 1, first + onScreen + OVERSCAN),
    top: (i) => scrollTop + (i - first) * ROW_HEIGHT,
    scrollFor(i) {
      // Whole pixels, rounded towards the row, since the browser rounds scrollTop and a pixel is several rows here.
      if (i < first) return Math.floor(i / rowsPerPx);
      if (i > first + fits - 1) return Math.min(range, Math.ceil((i - fits + 1) / rowsPerPx));
      return null;
    },
  };
}

export function SpendTable() {
  const open = useApp((s) => s.tableOpen);
  // The drawer is its own component so its scroll state starts afresh each time it opens.
  return open ? <SpendDrawer /> : null;
}

function SpendDrawer() {
  const lines = useApp((s) => s.explored?.lines ?? null);
  const pence = useApp((s) => s.explored?.pence ?? null);
  const toggleTable = useApp((s) => s.toggleTable);
  const exportView = useApp((s) => s.exportView);
  const [exporting, setExporting] = useState(false);
  const copyView = useApp((s) => s.copyView);
  const [copied, setCopied] = useState<string | null>(null);
  const onCopy = () => {
    setCopied('Copying…');
    void copyView().then((r) =>
      setCopied(r ? (r.lines < r.of ? `Copied the first ${count.format(r.lines)} of ${count.format(r.of)} lines` : `Copied ${count.format(r.lines)} line${r.lines === 1 ? '' : 's'}`) : null),
    );
  };

  const onExport = () => {
    setExporting(true);
    void exportView().finally(() => setExporting(false));
  };

  return (
    <section className="spend-table" aria-labelledby="spend-table-title" data-testid="spend-table">
      <header className="spend-table-header">
        <h2 id="spend-table-title">Spend lines</h2>
        {lines !== null && pence !== null && (
          <span className="spend-table-count" data-testid="table-count">
            {count.format(lines)} {lines === 1 ? 'line' : 'lines'} · {formatPounds(pence)}
          </span>
        )}
        <span className="spacer" />
        <span className="muted" role="status" data-testid="copy-status">
          {copied}
        </span>
        <button type="button" onClick={onCopy} disabled={!lines} data-testid="copy-csv" title="Copy the lines as CSV, to paste into a spreadsheet (up to 10,000)">
          Copy
        </button>
        <button type="button" onClick={onExport} disabled={exporting || !lines} data-testid="export-csv">
          {exporting ? 'Exporting…' : 'Export CSV…'}
        </button>
        <button type="button" className="close" onClick={() => toggleTable(false)} aria-label="Close the table">
          ×
        </button>
      </header>
      {lines === null ? (
        <p className="spend-table-empty muted">No spend lines to show yet.</p>
      ) : lines === 0 ? (
        <p className="spend-table-empty" role="status">
          No spend lines match the filters.
        </p>
      ) : (
        <SpendGrid />
      )}
    </section>
  );
}

function SpendGrid() {
  const table = useApp((s) => s.table);
  const keptLines = useApp((s) => s.explored?.lines ?? 0);
  const sort = useApp((s) => s.tableSort);
  const setTableSort = useApp((s) => s.setTableSort);
  const loadTableRows = useApp((s) => s.loadTableRows);
  const shownId = useApp((s) => s.shownLine?.id ?? null);
  const showLine = useApp((s) => s.showLine);

  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);
  const [active, setActive] = useState(0);

  // While a new filter or order is being fetched the table is null, but the count is already known.
  const total = table?.total ?? keptLines;
  const g = geometry(total, scrollTop, viewport);
  const activeIndex = Math.min(active, Math.max(0, total - 1));

  useLayoutEffect(() => {
    if (!scroller) return;
    const measure = () => setViewport(Math.max(0, scroller.clientHeight - HEADER_HEIGHT));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [scroller]);

  // A null table means a new filter or sort: the old scroll position points at unrelated lines.
  const replaced = table === null;
  const asked = useRef<{ first: number; last: number } | null>(null);
  useEffect(() => {
    if (!replaced) return;
    asked.current = null;
    setActive(0);
    setScrollTop(0);
    if (scroller) scroller.scrollTop = 0;
  }, [replaced, scroller]);

  const loadFrom = g.from;
  const loadTo = g.to;
  useEffect(() => {
    // The store is already fetching the first page after a change; asking too would only cancel its answer.
    if (!table || total === 0 || loadTo < loadFrom) return;
    if (loadFrom >= table.offset && loadTo < table.offset + table.rows.length) return;
    // An answer that still does not cover the range (the lines changed meanwhile) must not set off a loop of asks.
    if (asked.current && asked.current.first === loadFrom && asked.current.last === loadTo) return;
    asked.current = { first: loadFrom, last: loadTo };
    void loadTableRows(loadFrom, loadTo);
  }, [table, total, loadFrom, loadTo, loadTableRows]);

  const rowAt = (i: number): TableRow | null =>
    table && i >= table.offset && i < table.offset + table.rows.length ? (table.rows[i - table.offset] ?? null) : null;

  const moveTo = (index: number) => {
    const i = Math.min(Math.max(0, index), total - 1);
    setActive(i);
    const target = g.scrollFor(i);
    if (scroller && target !== null) scroller.scrollTop = target;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys pressed on a header's sort button belong to that button.
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, g.fits - 1);
    switch (e.key) {
      case 'ArrowDown': moveTo(activeIndex + 1); break;
      case 'ArrowUp': moveTo(activeIndex - 1); break;
      case 'PageDown': moveTo(activeIndex + page); break;
      case 'PageUp': moveTo(activeIndex - page); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(total - 1); break;
      case 'Enter':
      case ' ': {
        const row = rowAt(activeIndex);
        if (row) showLine(row);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  const rows = [];
  for (let i = g.from; i <= g.to; i++) {
    const row = rowAt(i);
    const style = { top: g.top(i) };
    const isActive = i === activeIndex;
    if (!row) {
      rows.push(
        <div key={i} id={`spend-row-${i}`} role="row" aria-rowindex={i + 2} className={`spend-cols spend-row pending${isActive ? ' active' : ''}`} style={style} onClick={() => setActive(i)}>
          <div role="gridcell" className="muted">…</div>
          {COLUMNS.slice(1).map((c) => (
            <div key={c.label} role="gridcell" />
          ))}
        </div>,
      );
      continue;
    }
    const shown = row.id === shownId;
    rows.push(
      <div
        key={i}
        id={`spend-row-${i}`}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={shown}
        className={`spend-cols spend-row${isActive ? ' active' : ''}${shown ? ' shown' : ''}`}
        style={style}
        data-testid="spend-row"
        data-line-id={row.id}
        onClick={() => {
          setActive(i);
          showLine(row);
        }}
      >
        <div role="gridcell" className="date">{row.date ?? <span className="muted">No date</span>}</div>
        <div role="gridcell" title={row.supplier}>{row.supplier}</div>
        <div role="gridcell" title={row.purpose}>{row.purpose}</div>
        <div role="gridcell" title={row.department}>{row.department}</div>
        <div role="gridcell" className="num">{formatPounds(row.pence)}</div>
        <div role="gridcell">
          <span className="spend-dot" style={{ background: SERVICE_AREA_COLOUR[row.area] }} aria-hidden />
          {SERVICE_AREA_LABEL[row.area]}
        </div>
        <div role="gridcell" title={wardTitle(row)} data-testid={row.wardShares ? 'spend-row-shared' : undefined}>
          {row.wardName ?? <span className="muted">Not placed</span>}
          {row.wardShares && <span className="muted"> +{row.wardShares.length - 1}</span>}
        </div>
        <div role="gridcell" title={row.method ? `Placed by ${LOCATE_METHOD_LABEL[row.method]}${row.from ? `, from the ${row.from}` : ''}` : undefined}>
          {row.method ? methodShortLabel(row.method) : '—'}
        </div>
        <div role="gridcell" title={row.source}>{row.source}</div>
      </div>,
    );
  }

  // Only a row that is drawn can be pointed at; after a wheel scroll the active row may be off screen.
  const activeDrawn = total > 0 && activeIndex >= g.from && activeIndex <= g.to;

  return (
    <div
      ref={setScroller}
      className="spend-grid"
      role="grid"
      aria-label="Spend lines"
      aria-rowcount={total + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={activeDrawn ? `spend-row-${activeIndex}` : undefined}
      aria-busy={table === null}
      tabIndex={0}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="spend-head">
        <div role="row" aria-rowindex={1} className="spend-cols spend-head-row">
          {COLUMNS.map((c) => {
            if (!c.sort) {
              return (
                <div key={c.label} role="columnheader" className="plain">
                  {c.label}
                </div>
              );
            }
            const key = c.sort;
            const current = sort.key === key;
            return (
              <div key={c.label} role="columnheader" className={c.numeric ? 'num' : undefined} aria-sort={current ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                <button type="button" onClick={() => void setTableSort(nextSort(sort, key))}>
                  {c.label}
                  {current && <span aria-hidden className="sort-glyph">{sort.descending ? '▼' : '▲'}</span>}
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="spend-body" style={{ height: g.spacer }}>
        {rows}
      </div>
    </div>
  );
}
