// The app bar: what is open, the demo notice, and the File menu (mirrored by the desktop menu).

import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../store/context';
import { WardPicker } from '../explore/WardPicker';
import { SearchBox } from '../explore/SearchBox';

/** When the ward boundaries came into force, set by hand when the file does not say (or says it wrongly). */
function VintageEditor({ current }: { current: string | null }) {
  const setVintage = useApp((s) => s.setBoundaryVintage);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) input.current?.focus();
  }, [editing]);
  if (!editing) {
    return (
      <button
        type="button"
        className="link-button"
        data-testid="set-vintage"
        onClick={() => {
          setText(current?.replace(/ \(from .*\)$/, '') ?? '');
          setEditing(true);
        }}
      >
        {current ? 'Change date' : 'Set date'}
      </button>
    );
  }
  return (
    <form
      className="vintage-form"
      onSubmit={(e) => {
        e.preventDefault();
        void setVintage(text.trim() || null).then((ok) => ok && setEditing(false));
      }}
      onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
    >
      <label>
        Boundaries in force from <input ref={input} value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. May 2022" data-testid="vintage-input" size={12} />
      </label>
      <button type="submit">Set</button>
      <button type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  );
}

export function TopBar() {
  const summary = useApp((s) => s.summary);
  const openWards = useApp((s) => s.openWards);
  const openDemo = useApp((s) => s.openDemo);
  const startImport = useApp((s) => s.startImport);
  const openRules = useApp((s) => s.openRules);
  const addReference = useApp((s) => s.addReference);
  const loadBasemap = useApp((s) => s.loadBasemap);
  const newProject = useApp((s) => s.newProject);
  const openProject = useApp((s) => s.openProject);
  const showRecent = useApp((s) => s.showRecent);
  const saveProject = useApp((s) => s.saveProject);
  const projectFile = useApp((s) => s.projectFile);
  const dirty = useApp((s) => s.dirty);
  const storyOpen = useApp((s) => s.storyOpen);
  const toggleStory = useApp((s) => s.toggleStory);
  const slideCount = useApp((s) => s.slides.length);
  const present = useApp((s) => s.present);
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
            <button type="button" role="menuitem" onClick={run(newProject)} data-testid="new-project">
              New project
            </button>
            <button type="button" role="menuitem" onClick={run(openProject)} data-testid="open-project">
              Open project…
            </button>
            <button type="button" role="menuitem" onClick={run(showRecent)} data-testid="open-recent">
              Open recent…
            </button>
            <button type="button" role="menuitem" onClick={run(async () => void (await saveProject()))} data-testid="save-project">
              Save
            </button>
            <button type="button" role="menuitem" onClick={run(async () => void (await saveProject(true)))} data-testid="save-project-as">
              Save as…
            </button>
            <hr />
            <button type="button" role="menuitem" onClick={run(startImport)} data-testid="import-spend">
              Import spend…
            </button>
            <button type="button" role="menuitem" onClick={run(openWards)} data-testid="open-wards">
              Open wards…
            </button>
            <button type="button" role="menuitem" onClick={run(() => addReference('postcodes'))} data-testid="add-postcodes">
              Add postcode directory…
            </button>
            <button type="button" role="menuitem" onClick={run(() => addReference('uprns'))}>
              Add UPRN table…
            </button>
            <button type="button" role="menuitem" onClick={run(() => addReference('places'))}>
              Add places register…
            </button>
            <button type="button" role="menuitem" onClick={run(loadBasemap)} data-testid="load-basemap">
              Load basemap…
            </button>
            <button type="button" role="menuitem" onClick={run(openDemo)}>
              Open demo project
            </button>
            <button type="button" role="menuitem" onClick={run(openRules)} data-testid="edit-rules">
              Rules and missions…
            </button>
          </div>
        )}
      </div>
      <span className="project-name" data-testid="project-name">
        {summary?.name ?? ''}
        {projectFile && projectFile.name !== `${summary?.name}.gpkg` && <span className="muted"> ({projectFile.name})</span>}
        {dirty && (
          <span className="unsaved" title="Changes not yet saved (File › Save)" data-testid="unsaved">
            {' '}
            • unsaved changes
          </span>
        )}
      </span>
      {summary?.notice && (
        <span className="notice" data-testid="notice">
          {summary.notice}
        </span>
      )}
      <WardPicker />
      <SearchBox />
      <button type="button" className="top-button" aria-pressed={storyOpen} onClick={() => toggleStory()} data-testid="story-button" title="Slides for a workshop: saved views of the map with captions">
        Story{slideCount > 0 ? ` (${slideCount})` : ''}
      </button>
      <button type="button" className="top-button" onClick={() => void present(0)} disabled={!summary} data-testid="present-button" title="Present the story full screen (F5)">
        ▶ Present
      </button>
      <span className="spacer" />
      {summary && (
        <span className="muted boundary">
          {/* The text gives way when the bar is crowded; the button never does. */}
          <span className="boundary-text">
            Wards: {summary.wardsFile}
            {summary.boundaryVintage ? ` (boundaries of ${summary.boundaryVintage})` : ' (boundary date not known)'}
          </span>
          <VintageEditor current={summary.boundaryVintage} />
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
