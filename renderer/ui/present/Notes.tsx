// Workshop notes: placing one on the map (click, draw, or Enter for the map's centre), writing it, and the list of
// what was heard with its edits, Undo and exports.

import { useEffect, useRef, useState } from 'react';
import { useApp, useAppStore } from '../../store/context';
import { NOTE_MAX, type Annotation } from '../../domain/annotation';
import { SERVICE_AREAS, SERVICE_AREA_LABEL, isServiceArea, type ServiceArea } from '../../domain/service-areas';

/** While placing a note: what to do, with a keyboard way (Enter pins at the map's centre) and a way out (Esc). */
export function NoteModeBanner() {
  const mode = useApp((s) => s.noteMode);
  const setMode = useApp((s) => s.setNoteMode);
  const placeNote = useApp((s) => s.placeNote);
  const store = useAppStore();
  const centreButton = useRef<HTMLButtonElement>(null);
  // Focus goes to "Pin at the centre" (or "Use the area in view"), so Enter places the note: the keyboard's way.
  useEffect(() => {
    if (mode) centreButton.current?.focus();
  }, [mode]);
  const pinAtCentre = () => {
    const centre = store.getState().camera?.centre;
    if (centre) placeNote({ type: 'Point', coordinates: centre });
  };
  // The keyboard's way to give an area: the middle of the map in view (a tenth in from each edge).
  const areaInView = () => {
    const view = store.getState().mapView;
    if (!view) return;
    const [w, s, e, n] = view;
    const dx = (e - w) / 10;
    const dy = (n - s) / 10;
    placeNote({ type: 'Polygon', coordinates: [[[w + dx, s + dy], [e - dx, s + dy], [e - dx, n - dy], [w + dx, n - dy], [w + dx, s + dy]]] });
  };
  useEffect(() => {
    if (!mode) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMode(null);
      else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
        if (mode === 'pin') pinAtCentre();
        else areaInView();
      }
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    // Before the presentation's own keys, so Esc ends placing a note rather than the presentation.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode, setMode]);
  if (!mode) return null;
  return (
    <div className="note-banner" role="status" data-testid="note-banner">
      {mode === 'pin' ? 'Click the map where it was said, or press Enter to pin it at the centre of the map.' : 'Drag round the area it was about, or press Enter to use the middle of the map in view.'}
      {mode === 'pin' ? (
        <button type="button" ref={centreButton} onClick={pinAtCentre} data-testid="pin-at-centre">
          Pin at the centre
        </button>
      ) : (
        <button type="button" ref={centreButton} onClick={areaInView} data-testid="area-in-view">
          Use the area in view
        </button>
      )}
      <button type="button" onClick={() => setMode(null)}>
        Cancel (Esc)
      </button>
    </div>
  );
}

/** Writing the note just placed: what was said, what it is about, and the slide it belongs to. */
export function NoteDialog() {
  const draft = useApp((s) => s.noteDraft);
  const slides = useApp((s) => s.slides);
  const save = useApp((s) => s.saveNote);
  const cancel = useApp((s) => s.cancelNote);
  const [note, setNote] = useState('');
  const [area, setArea] = useState<ServiceArea | ''>('');
  const [slideId, setSlideId] = useState('');
  const text = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!draft) return;
    setNote('');
    setArea('');
    setSlideId(draft.slideId ?? '');
    text.current?.focus();
  }, [draft]);
  useEffect(() => {
    if (!draft) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      cancel();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [draft, cancel]);
  if (!draft) return null;
  const submit = () => void save(note, area || null, slideId || null);
  return (
    <div className="alert-backdrop note-backdrop">
      <form
        className="alert panel note-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="note-title"
        data-testid="note-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        // Every keystroke here is the note's, not the presentation's.
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
        }}
      >
        <h2 id="note-title">{draft.geometry.type === 'Point' ? 'A note at this pin' : 'A note about this area'}</h2>
        <label className="note-field">
          What was said
          <textarea ref={text} value={note} maxLength={NOTE_MAX} rows={4} onChange={(e) => setNote(e.target.value)} data-testid="note-text" />
        </label>
        <label className="note-field">
          About (optional)
          <select value={area} onChange={(e) => setArea(isServiceArea(e.target.value) ? e.target.value : '')} data-testid="note-area">
            <AreaOptions />
          </select>
        </label>
        <label className="note-field">
          Slide
          <select value={slideId} onChange={(e) => setSlideId(e.target.value)} data-testid="note-slide">
            <option value="">No slide</option>
            {slides.map((s, i) => (
              <option key={s.id} value={s.id}>
                {i + 1}. {s.title}
              </option>
            ))}
          </select>
        </label>
        <div className="buttons">
          <button type="submit" className="primary" disabled={!note.trim()} data-testid="save-note">
            Save note
          </button>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

/** The notes so far, numbered as on the map: each editable, removable with Undo; all exportable. */
export function NotesList() {
  const notes = useApp((s) => s.annotations);
  const slides = useApp((s) => s.slides);
  const removed = useApp((s) => s.removedNote);
  const setMode = useApp((s) => s.setNoteMode);
  const mode = useApp((s) => s.noteMode);
  const undo = useApp((s) => s.undoDeleteNote);
  const exportNotes = useApp((s) => s.exportNotes);
  const ready = useApp((s) => s.status === 'ready');
  return (
    <div className="notes" data-testid="notes">
      <div className="story-actions">
        <button type="button" aria-pressed={mode === 'pin'} onClick={() => setMode(mode === 'pin' ? null : 'pin')} disabled={!ready} data-testid="pin-note">
          Pin a note
        </button>
        <button type="button" aria-pressed={mode === 'area'} onClick={() => setMode(mode === 'area' ? null : 'area')} disabled={!ready} data-testid="draw-note">
          Draw a note area
        </button>
      </div>
      {removed && (
        <div className="story-undo" role="status">
          Deleted note “{removed.note.slice(0, 40)}{removed.note.length > 40 ? '…' : ''}”.{' '}
          <button type="button" onClick={() => void undo()} data-testid="undo-delete-note">
            Undo
          </button>
        </div>
      )}
      {notes.length === 0 ? (
        <p className="story-empty">
          Notes keep what people say in the room, where they say it: pin one to a spot, or draw round an area, and write it down. They are saved with the
          project, shown on the map and in area briefs as “what we heard”.
        </p>
      ) : (
        <ol className="note-list" data-testid="note-list">
          {notes.map((n, i) => (
            <NoteItem key={n.id} note={n} number={i + 1} slideTitles={slides.map((s, j) => ({ id: s.id, title: `${j + 1}. ${s.title}` }))} />
          ))}
        </ol>
      )}
      {notes.length > 0 && (
        <div className="slide-more">
          <button type="button" onClick={() => void exportNotes('csv')} data-testid="export-notes-csv">
            Export CSV
          </button>
          <button type="button" onClick={() => void exportNotes('geojson')} data-testid="export-notes-geojson">
            Export GeoJSON
          </button>
        </div>
      )}
    </div>
  );
}

function NoteItem({ note, number, slideTitles }: { note: Annotation; number: number; slideTitles: { id: string; title: string }[] }) {
  const edit = useApp((s) => s.editNote);
  const remove = useApp((s) => s.deleteNote);
  const [text, setText] = useState(note.note);
  useEffect(() => setText(note.note), [note.note]);
  return (
    <li className="note-item" data-testid="note-item">
      <span className="note-number" aria-hidden>
        {number}
      </span>
      <label>
        <span className="visually-hidden">Note {number}</span>
        <textarea value={text} maxLength={NOTE_MAX} rows={2} onChange={(e) => setText(e.target.value)} onBlur={() => void edit(note.id, { note: text })} data-testid="note-item-text" />
      </label>
      <div className="note-meta">
        <label>
          <span className="visually-hidden">Note {number} is about</span>
          <select value={note.area ?? ''} onChange={(e) => void edit(note.id, { area: isServiceArea(e.target.value) ? e.target.value : null })}>
            <AreaOptions />
          </select>
        </label>
        <label>
          <span className="visually-hidden">Note {number} belongs to slide</span>
          <select value={note.slideId ?? ''} onChange={(e) => void edit(note.id, { slideId: e.target.value || null })}>
            <option value="">No slide</option>
            {slideTitles.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void remove(note.id)} aria-label={`Delete note ${number}`} data-testid="delete-note">
          Delete
        </button>
      </div>
    </li>
  );
}

/** "No one service", then each service area: what a note can be about. */
function AreaOptions() {
  return (
    <>
      <option value="">No one service</option>
      {SERVICE_AREAS.map((a) => (
        <option key={a} value={a}>
          {SERVICE_AREA_LABEL[a]}
        </option>
      ))}
    </>
  );
}
