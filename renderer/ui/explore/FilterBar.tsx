// The filter bar under the app bar: time (with play), supplier search, department, mission, amount, confidence, and the active filters as chips.

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useApp } from '../../store/context';
import {
  LOCATE_METHODS, METHOD_CONFIDENCE, filterChips, financialYearRange, financialYearsBetween, monthRange, monthsBetween,
  type Confidence, type SpendFilter,
} from '../../domain/spend-filter';
import { formatCompact, formatPounds, parseAmount } from '../../domain/money';
import './filter-bar.css';

type TimeMode = 'all' | 'month' | 'year';
const PLAY_STEP_MS = 1200;

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
function periodLabel(mode: TimeMode, period: string): string {
  if (mode === 'month') return monthName.format(new Date(`${period}-01T00:00:00Z`));
  return `${period} (April to March)`;
}

/** The periods the time slider steps through, and which one the filter's dates are exactly. */
function usePeriods(mode: TimeMode) {
  const options = useApp((s) => s.filterOptions);
  return useMemo(() => {
    if (mode === 'all' || !options?.firstDate || !options.lastDate) return [];
    return mode === 'month' ? monthsBetween(options.firstDate, options.lastDate) : financialYearsBetween(options.firstDate, options.lastDate);
  }, [mode, options]);
}

function rangeOf(mode: TimeMode, period: string): { from: string; to: string } {
  return mode === 'month' ? monthRange(period) : financialYearRange(period);
}

function TimeControl() {
  const filter = useApp((s) => s.filter);
  const setFilter = useApp((s) => s.setFilter);
  const [mode, setMode] = useState<TimeMode>('all');
  const [playing, setPlaying] = useState(false);
  const periods = usePeriods(mode);
  const current = periods.findIndex((p) => {
    const r = rangeOf(mode, p);
    return r.from === filter.from && r.to === filter.to;
  });
  const go = (index: number) => {
    const p = periods[index];
    if (p) void setFilter((f) => ({ ...f, ...rangeOf(mode, p) }));
  };
  const latest = useRef({ current, periods, go });
  latest.current = { current, periods, go };

  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      const { current: at, periods: ps, go: step } = latest.current;
      if (at >= ps.length - 1) {
        setPlaying(false);
        return;
      }
      step(at + 1);
    }, PLAY_STEP_MS);
    return () => window.clearInterval(timer);
  }, [playing]);

  const chooseMode = (next: TimeMode) => {
    setPlaying(false);
    setMode(next);
    if (next === 'all') void setFilter((f) => ({ ...f, from: null, to: null }));
  };

  return (
    <fieldset className="filter-group time" data-testid="time-control">
      <legend>Time</legend>
      <select aria-label="Step through time by" value={mode} onChange={(e) => chooseMode(e.target.value as TimeMode)} data-testid="time-mode">
        <option value="all">All dates</option>
        <option value="month">By month</option>
        <option value="year">By financial year</option>
      </select>
      {mode !== 'all' && periods.length > 0 && (
        <>
          <button type="button" aria-label="Previous period" onClick={() => go(Math.max(0, current - 1))} disabled={current <= 0} data-testid="time-prev">
            ◀
          </button>
          <input
            type="range"
            min={0}
            max={periods.length - 1}
            value={Math.max(0, current)}
            onChange={(e) => go(Number(e.target.value))}
            aria-label={mode === 'month' ? 'Month' : 'Financial year'}
            aria-valuetext={current >= 0 ? periodLabel(mode, periods[current]!) : 'none chosen'}
            data-testid="time-slider"
          />
          <button type="button" aria-label="Next period" onClick={() => go(Math.min(periods.length - 1, current + 1))} disabled={current >= periods.length - 1} data-testid="time-next">
            ▶
          </button>
          <button
            type="button"
            className="play"
            aria-pressed={playing}
            onClick={() => {
              if (!playing && current < 0) go(0);
              setPlaying(!playing);
            }}
            data-testid="time-play"
          >
            {playing ? 'Pause' : 'Play'}
          </button>
          <output className="period" data-testid="time-period">{current >= 0 ? periodLabel(mode, periods[current]!) : 'Pick a period'}</output>
        </>
      )}
    </fieldset>
  );
}

/** Search as you type: suggestions pick one supplier exactly; Enter keeps every name containing the text. */
function SupplierSearch() {
  const filter = useApp((s) => s.filter);
  const setFilter = useApp((s) => s.setFilter);
  const matches = useApp((s) => s.supplierMatches);
  const search = useApp((s) => s.searchSuppliers);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const pick = (supplier: string) => {
    setOpen(false);
    setText('');
    void setFilter((f) => ({ ...f, suppliers: f.suppliers.includes(supplier) ? f.suppliers : [...f.suppliers, supplier] }));
  };
  return (
    <div className="filter-group supplier-search">
      <label htmlFor={`${listId}-input`}>Supplier</label>
      <input
        id={`${listId}-input`}
        type="search"
        role="combobox"
        aria-expanded={open && matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        placeholder={filter.supplierText || 'Type a name…'}
        value={text}
        data-testid="supplier-search"
        onChange={(e) => {
          setText(e.target.value);
          setActive(-1);
          setOpen(true);
          void search(e.target.value);
        }}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(matches.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(-1, a - 1));
          } else if (e.key === 'Escape') {
            setOpen(false);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (active >= 0 && matches[active]) pick(matches[active].supplier);
            else if (text.trim()) {
              setOpen(false);
              void setFilter((f) => ({ ...f, supplierText: text.trim() }));
              setText('');
            }
          }
        }}
      />
      {open && matches.length > 0 && (
        <ul id={listId} role="listbox" className="suggestions panel" aria-label="Suppliers">
          {matches.map((m, i) => (
            <li
              key={m.supplier}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(m.supplier);
              }}
              data-testid="supplier-option"
            >
              <span>{m.supplier}</span>
              <span className="num muted">
                {formatCompact(m.pence)} · {m.lines.toLocaleString('en-GB')} lines
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function confidenceOf(f: SpendFilter): Confidence | 'custom' {
  const key = [...f.methods].sort().join();
  for (const level of ['low', 'medium', 'high'] as const) {
    const wanted = methodsFor(level);
    if ([...wanted].sort().join() === key) return level;
  }
  return 'custom';
}

function methodsFor(level: Confidence): SpendFilter['methods'] {
  const order: Confidence[] = ['high', 'medium', 'low'];
  return LOCATE_METHODS.filter((m) => order.indexOf(METHOD_CONFIDENCE[m]) <= order.indexOf(level));
}

/** Pounds typed by a person ("1,000", "£2.5k" is not accepted: plain amounts only) to pence; null when blank. */
function poundsToPence(text: string): number | null | 'bad' {
  if (!text.trim()) return null;
  const r = parseAmount(text);
  return r.ok ? r.pence : 'bad';
}

function AmountControl() {
  const filter = useApp((s) => s.filter);
  const setFilter = useApp((s) => s.setFilter);
  const [min, setMin] = useState('');
  const [max, setMax] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setMin(filter.minPence === null ? '' : (filter.minPence / 100).toFixed(2));
    setMax(filter.maxPence === null ? '' : (filter.maxPence / 100).toFixed(2));
  }, [filter.minPence, filter.maxPence]);
  const apply = () => {
    const lo = poundsToPence(min);
    const hi = poundsToPence(max);
    if (lo === 'bad' || hi === 'bad') {
      setError('Amounts are pounds and pence, like 1,000 or -250.50');
      return;
    }
    if (lo !== null && hi !== null && lo > hi) {
      setError(`The smallest amount (${formatPounds(lo)}) is more than the largest (${formatPounds(hi)})`);
      return;
    }
    setError(null);
    if (lo !== filter.minPence || hi !== filter.maxPence) void setFilter((f) => ({ ...f, minPence: lo, maxPence: hi }));
  };
  return (
    <fieldset className="filter-group amount">
      <legend>Amount (£)</legend>
      <input aria-label="Smallest amount in pounds" inputMode="decimal" value={min} placeholder="from" onChange={(e) => setMin(e.target.value)} onBlur={apply} onKeyDown={(e) => e.key === 'Enter' && apply()} data-testid="amount-min" />
      <span aria-hidden>–</span>
      <input aria-label="Largest amount in pounds" inputMode="decimal" value={max} placeholder="to" onChange={(e) => setMax(e.target.value)} onBlur={apply} onKeyDown={(e) => e.key === 'Enter' && apply()} data-testid="amount-max" />
      {error && <span role="alert" className="filter-error">{error}</span>}
    </fieldset>
  );
}

export function FilterBar() {
  const filter = useApp((s) => s.filter);
  const options = useApp((s) => s.filterOptions);
  const explored = useApp((s) => s.explored);
  const setFilter = useApp((s) => s.setFilter);
  const clearFilter = useApp((s) => s.clearFilter);
  const tableOpen = useApp((s) => s.tableOpen);
  const toggleTable = useApp((s) => s.toggleTable);
  const missionLabel = (id: string) => options?.missions.find((m) => m.id === id)?.label ?? id;
  const chips = filterChips(filter, missionLabel);
  const confidence = confidenceOf(filter);
  if (!options) return null;
  return (
    <section className="filter-bar" aria-label="Filters" data-testid="filter-bar">
      <div className="filter-controls">
        <TimeControl />
        <SupplierSearch />
        <div className="filter-group">
          <label htmlFor="filter-department">Department</label>
          <select
            id="filter-department"
            value={filter.departments.length === 1 ? filter.departments[0] : filter.departments.length > 1 ? '\u0000several' : ''}
            onChange={(e) => void setFilter((f) => ({ ...f, departments: e.target.value ? [e.target.value] : [] }))}
            data-testid="filter-department"
          >
            <option value="">All departments</option>
            {filter.departments.length > 1 && <option value={'\u0000several'}>{filter.departments.length} chosen</option>}
            {options.departments.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name} ({d.lines.toLocaleString('en-GB')})
              </option>
            ))}
          </select>
        </div>
        {options.missions.length > 0 && (
          <div className="filter-group">
            <label htmlFor="filter-mission">Mission</label>
            <select
              id="filter-mission"
              value={filter.missions.length === 1 ? filter.missions[0] : ''}
              onChange={(e) => void setFilter((f) => ({ ...f, missions: e.target.value ? [e.target.value] : [] }))}
              data-testid="filter-mission"
            >
              <option value="">All spend</option>
              {options.missions.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <AmountControl />
        <div className="filter-group">
          <label htmlFor="filter-confidence">Placed with confidence</label>
          <select
            id="filter-confidence"
            value={confidence}
            onChange={(e) => {
              const v = e.target.value as Confidence | 'custom';
              if (v !== 'custom') void setFilter((f) => ({ ...f, methods: methodsFor(v) }));
            }}
            data-testid="filter-confidence"
          >
            <option value="low">Any (all placed lines)</option>
            <option value="medium">Medium or high</option>
            <option value="high">High only</option>
            {confidence === 'custom' && <option value="custom">Chosen methods</option>}
          </select>
        </div>
        <label className="filter-check">
          <input type="checkbox" checked={filter.unlocated} onChange={(e) => void setFilter((f) => ({ ...f, unlocated: e.target.checked }))} data-testid="filter-unlocated" />
          Unlocated lines ({options.unlocatedLines.toLocaleString('en-GB')})
        </label>
        <label className="filter-check">
          <input type="checkbox" checked={filter.redacted} onChange={(e) => void setFilter((f) => ({ ...f, redacted: e.target.checked }))} data-testid="filter-redacted" />
          Redacted payees ({options.redactedLines.toLocaleString('en-GB')})
        </label>
      </div>
      <div className="filter-summary" aria-live="polite">
        <span className="filter-count" data-testid="filter-count">
          {explored ? `${explored.lines.toLocaleString('en-GB')} lines · ${formatPounds(explored.pence)}` : 'Counting…'}
          {explored && explored.lines !== explored.placedLines && (
            <span className="muted"> ({(explored.lines - explored.placedLines).toLocaleString('en-GB')} not on the map)</span>
          )}
        </span>
        <button type="button" className="table-toggle" aria-pressed={tableOpen} onClick={() => toggleTable()} data-testid="toggle-table">
          {tableOpen ? 'Hide the table' : 'Show them in a table'}
        </button>
        {chips.length > 0 && (
          <ul className="chips" aria-label="Active filters" data-testid="filter-chips">
            {chips.map((c) => (
              <li key={c.key}>
                <button type="button" className="chip" onClick={() => void clearFilter(c.key)} aria-label={`Remove filter: ${c.label}`}>
                  {c.label} <span aria-hidden>×</span>
                </button>
              </li>
            ))}
            <li>
              <button type="button" className="chip clear-all" onClick={() => void clearFilter()} data-testid="clear-filters">
                Clear all filters
              </button>
            </li>
          </ul>
        )}
      </div>
    </section>
  );
}
