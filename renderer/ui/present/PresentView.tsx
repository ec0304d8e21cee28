// Presenting a story: the map full screen with the slide's title and caption in large type, a legend a room can read,
// and nothing to edit. Arrow keys, Page Up/Down (what a clicker sends), Space, Home/End move; Esc leaves.

import { useEffect, useRef, useState } from 'react';
import { formatElapsed } from '../../domain/presenter';
import { useApp, useAppStore } from '../../store/context';
import { SERVICE_AREAS, SERVICE_AREA_COLOUR, SERVICE_AREA_LABEL } from '../../domain/service-areas';
import { MIX_COLOURS } from '../../domain/meet';
import { formatCompact } from '../../domain/money';
import './present.css';

const k0 = (e: KeyboardEvent) => e.key;

export function PresentView() {
  const presenting = useApp((s) => s.presenting);
  const slides = useApp((s) => s.slides);
  const storyName = useApp((s) => s.storyName);
  const next = useApp((s) => s.nextSlide);
  const previous = useApp((s) => s.previousSlide);
  const goTo = useApp((s) => s.goToSlide);
  const stop = useApp((s) => s.stopPresenting);
  const notice = useApp((s) => s.summary?.notice);
  const root = useRef<HTMLDivElement>(null);
  const enteredFullscreen = useRef(false);
  const on = presenting !== null;
  const setNoteMode = useApp((s) => s.setNoteMode);
  const presenterView = useApp((s) => s.presenterView);
  const audienceOf = useApp((s) => s.audienceOf);
  const store = useAppStore();
  const noteMode = useApp((s) => s.noteMode);

  useEffect(() => {
    // The audience window follows the presenter's; its own keys move nothing.
    if (!on || audienceOf) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      // A note being placed or written takes the keys (Enter pins, Esc cancels).
      const state = store.getState();
      if (state.noteMode || state.noteDraft) return;
      // Typing a note, or a button or field with focus: the keys are theirs.
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT' || (t.tagName === 'BUTTON' && (k0(e) === 'Enter' || k0(e) === ' ')))) return;
      const k = e.key;
      if (k === 'ArrowRight' || k === 'ArrowDown' || k === 'PageDown' || k === ' ' || k === 'Enter' || k === 'n' || k === 'N') void next();
      else if (k === 'ArrowLeft' || k === 'ArrowUp' || k === 'PageUp' || k === 'Backspace' || k === 'p' || k === 'P') void previous();
      else if (k === 'Home') void goTo(0);
      else if (k === 'End') void goTo(slides.length - 1);
      else if (k === 'Escape') stop();
      else return;
      // The map would pan with the arrow keys, and the page scroll with Space.
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [on, next, previous, goTo, stop, slides.length, store, audienceOf]);

  useEffect(() => {
    if (!on) return;
    root.current?.focus();
    if (presenterView) return;
    // Full screen where the shell allows it (the desktop app and a browser both do, on a key press or click).
    const el = document.documentElement;
    if (!document.fullscreenElement && el.requestFullscreen) {
      el.requestFullscreen({ navigationUI: 'hide' }).then(
        () => { enteredFullscreen.current = true; },
        () => { enteredFullscreen.current = false; },
      );
    }
    // Leaving full screen (Esc is taken by the browser then) ends the presentation too.
    const onChange = () => {
      if (!document.fullscreenElement && enteredFullscreen.current) {
        enteredFullscreen.current = false;
        stop();
      }
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      if (document.fullscreenElement && enteredFullscreen.current) void document.exitFullscreen().catch(() => {});
      enteredFullscreen.current = false;
    };
  }, [on, stop, presenterView]);

  if (audienceOf && !presenting) {
    return (
      <div className="present present-waiting" role="status" data-testid="audience-waiting">
        <p>{audienceOf.ended ? 'The presentation has ended. You can close this window.' : 'Waiting for the presenter’s window…'}</p>
      </div>
    );
  }
  if (!presenting) return null;
  const slide = slides[presenting.index];
  if (!slide) return null;
  const n = slides.length;
  if (presenterView) return <PresenterConsole index={presenting.index} />;
  return (
    <div className="present" ref={root} tabIndex={-1} aria-label={`${storyName}: presentation`} role="region" data-testid="present-view">
      <section className="present-caption" aria-live="polite" aria-atomic="true" data-testid="present-caption">
        <p className="present-count">
          {presenting.index + 1} / {n}
        </p>
        <h1 data-testid="present-title">{slide.title}</h1>
        {slide.caption && <p className="present-text" data-testid="present-text">{slide.caption}</p>}
      </section>
      <PresentLegend />
      {notice && <p className="present-notice">{notice}</p>}
      {/* The audience window follows the presenter's: nothing to press there. */}
      {!audienceOf && (
      <nav className="present-controls" aria-label="Slides">
        <button type="button" aria-pressed={noteMode === 'pin'} onClick={() => setNoteMode(noteMode === 'pin' ? null : 'pin')} title="Pin what someone said to a spot on the map" data-testid="present-pin-note">
          Pin a note
        </button>
        <button type="button" aria-pressed={noteMode === 'area'} onClick={() => setNoteMode(noteMode === 'area' ? null : 'area')} title="Draw round the area someone spoke about">
          Draw an area
        </button>
        <button type="button" onClick={() => void previous()} disabled={presenting.index === 0} aria-label="Previous slide">
          ‹
        </button>
        <button type="button" onClick={() => void next()} disabled={presenting.index === n - 1} aria-label="Next slide" data-testid="present-next">
          ›
        </button>
        <button type="button" onClick={stop} data-testid="present-leave">
          Leave (Esc)
        </button>
      </nav>
      )}
    </div>
  );
}

/** Only what the slide shows, in large type: the service areas on the map and what the ward shading means. */
function PresentLegend() {
  const areas = useApp((s) => s.filter.areas);
  const layers = useApp((s) => s.mapLayers);
  const classes = useApp((s) => s.classes);
  const metric = useApp((s) => s.wardMetric);
  const pointsShown = layers.points || layers.clusters;
  return (
    <section className="present-legend" aria-label="Key" data-testid="present-legend">
      {pointsShown && (
        <ul>
          {SERVICE_AREAS.filter((a) => areas.includes(a)).map((a) => (
            <li key={a}>
              <span className="dot" style={{ background: SERVICE_AREA_COLOUR[a] }} aria-hidden />
              {SERVICE_AREA_LABEL[a]}
            </li>
          ))}
        </ul>
      )}
      {layers.shading && metric === 'mix' && (
        <p className="ramp-words">
          <span className="ramp" style={{ background: `linear-gradient(to right, ${MIX_COLOURS.join(', ')})` }} aria-hidden />
          Darker wards: more services meet
        </p>
      )}
      {layers.shading && metric !== 'mix' && classes.length > 0 && (
        <p className="ramp-words">
          <span className="ramp" style={{ background: `linear-gradient(to right, ${classes.map((c) => c.colour).join(', ')})` }} aria-hidden />
          {metric === 'lines' ? 'Darker wards: more payments' : metric === 'per-resident' ? 'Darker wards: more spend per resident' : `Darker wards: more spend (up to ${formatCompact(Math.max(...classes.map((c) => c.to)))})`}
        </p>
      )}
      {layers.meeting && <p className="ramp-words">Numbered outlines: places where services meet</p>}
    </section>
  );
}

/**
 * The facilitator's screen while an audience window shows the slide: the slide on the map as the room sees it, and
 * beside it the words, the notes, what comes next and how long it has been.
 */
function PresenterConsole({ index }: { index: number }) {
  const slides = useApp((s) => s.slides);
  const view = useApp((s) => s.presenterView);
  const next = useApp((s) => s.nextSlide);
  const previous = useApp((s) => s.previousSlide);
  const stop = useApp((s) => s.stopPresenting);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const slide = slides[index]!;
  const after = slides[index + 1];
  return (
    <div className="present presenter" role="region" aria-label="Presenter view" data-testid="presenter-view">
      <aside className="presenter-console">
        <p className="presenter-status">
          <span data-testid="presenter-timer" aria-label="Time since the presentation started">
            {formatElapsed(now - (view?.startedAt ?? now))}
          </span>
          <span>
            Slide {index + 1} of {slides.length}
          </span>
          <span className={view?.audienceUp ? 'up' : 'down'} data-testid="audience-status">
            {view?.audienceUp ? 'Audience window showing' : 'Waiting for the audience window'}
          </span>
        </p>
        <h2 data-testid="presenter-title">{slide.title}</h2>
        <p>{slide.caption}</p>
        <h3>Notes</h3>
        <p className="presenter-notes" data-testid="presenter-notes">
          {slide.notes || 'No notes for this slide.'}
        </p>
        <h3>Next</h3>
        {after ? (
          <p data-testid="presenter-next">
            <strong>{after.title}</strong> — {after.caption}
          </p>
        ) : (
          <p data-testid="presenter-next">This is the last slide.</p>
        )}
        <div className="presenter-buttons">
          <button type="button" onClick={() => void previous()} disabled={index === 0}>
            ‹ Previous
          </button>
          <button type="button" onClick={() => void next()} disabled={!after} data-testid="presenter-next-button">
            Next ›
          </button>
          <button type="button" onClick={stop} data-testid="presenter-end">
            End (Esc)
          </button>
        </div>
      </aside>
    </div>
  );
}
