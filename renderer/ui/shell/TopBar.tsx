// The app bar: what is open, the demo notice, and the File menu (mirrored by the desktop menu).

import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../store/context';
import { WardPicker } from '../explore/WardPicker';

export function TopBar() {
  const summary = useApp((s) => s.summary);
  const openWards = useApp((s) => s.openWards);
  const openDemo = useApp((s) => s.openDemo);
  const startImport = useApp((s) => s.startImport);
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !menu.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', close);
    menu.current?.querySelector<HTMLButtonElement>('[role=menuitem]')?.focus();
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open]);

  const run = (action: () => Promise<void>) => () => {
    setOpen(false);
    void action();
  };

  return (
    <header className="top-bar">
      <span className="brand">PlaceLens</span>
      <div className="menu" ref={menu}>
        <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="file-menu">
          File
        </button>
        {open && (
          <div role="menu" className="menu-items">
            <button type="button" role="menuitem" onClick={run(startImport)} data-testid="import-spend">
              Import spend…
            </button>
            <button type="button" role="menuitem" onClick={run(openWards)} data-testid="open-wards">
              Open wards…
            </button>
            <button type="button" role="menuitem" onClick={run(openDemo)}>
              Open demo project
            </button>
          </div>
        )}
      </div>
      <span className="project-name" data-testid="project-name">{summary?.name ?? ''}</span>
      {summary?.notice && (
        <span className="notice" data-testid="notice">
          {summary.notice}
        </span>
      )}
      <WardPicker />
      <span className="spacer" />
      {summary && (
        <span className="muted boundary">
          Wards: {summary.wardsFile}
          {summary.boundaryVintage ? ` (boundaries of ${summary.boundaryVintage})` : ''}
        </span>
      )}
      {summary?.beforeVintage && (
        <span className="notice warn" title="Some spend is dated before these ward boundaries; see the ledger" data-testid="vintage-chip">
          ⚠ {summary.beforeVintage.lines.toLocaleString('en-GB')} lines before these boundaries
        </span>
      )}
    </header>
  );
}
