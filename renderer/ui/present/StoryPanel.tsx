// The story: the project's slides beside the map, each a saved view with a title and caption the facilitator edits.
// Reorder by dragging or with Alt+↑/↓ on a slide; duplicate; delete with Undo; Present from any slide.

import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useApp } from '../../store/context';
import { CAPTION_MAX, NOTES_MAX, TITLE_MAX, type Slide } from '../../domain/story';
import { NotesList } from './Notes';
import './present.css';

export function StoryPanel() {
  const open = useApp((s) => s.storyOpen);
  const presenting = useApp((s) => s.presenting !== null);
  const slides = useApp((s) => s.slides);
  const name = useApp((s) => s.storyName);
  const problems = useApp((s) => s.storyProblems);
  const current = useApp((s) => s.currentSlide);
  const removed = useApp((s) => s.removedSlide);
  const ready = useApp((s) => s.status === 'ready');
  const toggleStory = useApp((s) => s.toggleStory);
  const addSlide = useApp((s) => s.addSlide);
  const moveSlide = useApp((s) => s.moveSlide);
  const duplicateSlide = useApp((s) => s.duplicateSlide);
  const deleteSlide = useApp((s) => s.deleteSlide);
  const undoDeleteSlide = useApp((s) => s.undoDeleteSlide);
  const showSlide = useApp((s) => s.showSlide);
  const present = useApp((s) => s.present);
  const setStoryName = useApp((s) => s.setStoryName);
  const openHandout = useApp((s) => s.openHandout);
  const startPresenterView = useApp((s) => s.startPresenterView);
  const exportHtml = useApp((s) => s.exportStoryHtml);
  const exporting = useApp((s) => s.storyExport);
  const [dragging, setDragging] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [announce, setAnnounce] = useState('');
  const [tab, setTab] = useState<'slides' | 'notes'>('slides');
  const noteCount = useApp((s) => s.annotations.length);
  const list = useRef<HTMLOListElement>(null);

  if (!open || presenting) return null;

  const focusSlide = (index: number) => {
    // After a move the list re-renders: focus follows the slide so the keys can keep moving it.
    requestAnimationFrame(() => list.current?.querySelectorAll<HTMLElement>('.slide-card')[index]?.focus());
  };
  const onCardKey = (e: ReactKeyboardEvent, index: number, slide: Slide) => {
    if (e.target !== e.currentTarget) return;
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      const to = e.key === 'ArrowUp' ? index - 1 : index + 1;
      if (to < 0 || to >= slides.length) return;
      void moveSlide(index, to).then(() => {
        setAnnounce(`“${slide.title}” moved to position ${to + 1} of ${slides.length}.`);
        focusSlide(to);
      });
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      focusSlide(Math.max(0, Math.min(slides.length - 1, index + (e.key === 'ArrowUp' ? -1 : 1))));
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      void showSlide(slide.id);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      void deleteSlide(index).then(() => setAnnounce(`“${slide.title}” deleted. Undo is in the story panel.`));
    }
  };

  return (
    <aside className="story-panel" aria-label="Story" data-testid="story-panel">
      <header>
        <label className="story-name">
          <span className="visually-hidden">Story name</span>
          <input defaultValue={name} key={name} maxLength={TITLE_MAX} onBlur={(e) => e.target.value !== name && void setStoryName(e.target.value)} data-testid="story-name" />
        </label>
        <button type="button" className="close" onClick={() => toggleStory(false)} aria-label="Close the story">
          ×
        </button>
      </header>
      <div className="tabs" role="tablist" aria-label="Story views">
        <button type="button" role="tab" aria-selected={tab === 'slides'} onClick={() => setTab('slides')} data-testid="story-tab-slides">
          Slides ({slides.length})
        </button>
        <button type="button" role="tab" aria-selected={tab === 'notes'} onClick={() => setTab('notes')} data-testid="story-tab-notes">
          What we heard ({noteCount})
        </button>
      </div>
      {tab === 'notes' && <NotesList />}
      {tab === 'slides' && (
      <>
      <div className="story-actions">
        <button type="button" onClick={() => void addSlide()} disabled={!ready} data-testid="add-slide" title="Save the map as it is now (place, layers, filters, ward or meeting place) as a slide">
          + Add slide
        </button>
        <button type="button" onClick={() => void present(0)} disabled={slides.length === 0} data-testid="present" title="Present the story full screen from the first slide (F5)">
          ▶ Present
        </button>
      </div>
      {slides.length > 0 && (
        <div className="slide-more">
          <button type="button" onClick={() => void startPresenterView(0)} data-testid="presenter-view-button" title="The room sees the slide in a second window (a second screen on the desktop); you see notes, the next slide and a timer here">
            Presenter view…
          </button>
          <button type="button" onClick={() => void openHandout()} disabled={exporting !== null} data-testid="story-handout" title="One A4 page per slide, with its map, caption and key, to print or save as PDF">
            Handout (PDF)…
          </button>
          <button type="button" onClick={() => void exportHtml()} disabled={exporting !== null} data-testid="story-html" title="Every slide in one web page that opens in any browser, with no network and no PlaceLens">
            Web page…
          </button>
        </div>
      )}
      {exporting && (
        <p className="story-progress" role="status" data-testid="story-export-progress">
          Drawing slide {Math.min(exporting.done + 1, exporting.total)} of {exporting.total}…
        </p>
      )}
      {removed && (
        <div className="story-undo" role="status">
          Deleted “{removed.slide.title}”.{' '}
          <button type="button" onClick={() => void undoDeleteSlide()} data-testid="undo-delete-slide">
            Undo
          </button>
        </div>
      )}
      {problems.length > 0 && (
        <ul className="story-problems" data-testid="story-problems">
          {problems.map((p, i) => (
            <li key={i}>{p.reason}</li>
          ))}
        </ul>
      )}
      {slides.length === 0 ? (
        <p className="story-empty">
          A story is a few slides to walk a room through: set up the map (zoom to a place, pick a ward or a meeting place, filter the spend), then
          press <strong>Add slide</strong>. PlaceLens proposes a caption from the figures; edit it into your own words.
        </p>
      ) : (
        <p className="story-help">Drag slides to reorder, or Alt + ↑/↓ on a slide. Enter shows it on the map.</p>
      )}
      <ol className="slide-list" ref={list} data-testid="slide-list">
        {slides.map((slide, index) => (
          <li
            key={slide.id}
            className={`${dropAt === index && dragging !== null && dragging !== index ? 'drop-before' : ''}`}
            onDragOver={(e) => {
              if (dragging === null) return;
              e.preventDefault();
              setDropAt(index);
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging !== null && dragging !== index) void moveSlide(dragging, index);
              setDragging(null);
              setDropAt(null);
            }}
          >
            <div
              role="group"
              className={`slide-card${slide.id === current ? ' current' : ''}`}
              tabIndex={0}
              draggable
              aria-current={slide.id === current ? 'true' : undefined}
              aria-label={`Slide ${index + 1} of ${slides.length}: ${slide.title}`}
              onDragStart={(e) => {
                setDragging(index);
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', slide.id);
              }}
              onDragEnd={() => {
                setDragging(null);
                setDropAt(null);
              }}
              onKeyDown={(e) => onCardKey(e, index, slide)}
              data-testid="slide-card"
            >
              <SlideEditor slide={slide} index={index} selected={slide.id === current} />
            </div>
            <div className="slide-tools">
              <button type="button" onClick={() => void showSlide(slide.id)} data-testid="show-slide">
                Show
              </button>
              <button type="button" onClick={() => void present(index)} title="Present from this slide">
                Present from here
              </button>
              <button type="button" onClick={() => void moveSlide(index, index - 1)} disabled={index === 0} aria-label={`Move “${slide.title}” up`}>
                ↑
              </button>
              <button type="button" onClick={() => void moveSlide(index, index + 1)} disabled={index === slides.length - 1} aria-label={`Move “${slide.title}” down`}>
                ↓
              </button>
              <button type="button" onClick={() => void duplicateSlide(index)} aria-label={`Duplicate “${slide.title}”`} data-testid="duplicate-slide">
                Duplicate
              </button>
              <button type="button" onClick={() => void deleteSlide(index)} aria-label={`Delete “${slide.title}”`} data-testid="delete-slide">
                Delete
              </button>
            </div>
          </li>
        ))}
      </ol>
      </>
      )}
      <div className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </div>
    </aside>
  );
}

/** Title and caption always editable in place; notes and the map actions when the slide is the current one. */
function SlideEditor({ slide, index, selected }: { slide: Slide; index: number; selected: boolean }) {
  const editSlide = useApp((s) => s.editSlide);
  const propose = useApp((s) => s.proposeSlideCaption);
  const updateView = useApp((s) => s.updateSlideView);
  const [title, setTitle] = useState(slide.title);
  const [caption, setCaption] = useState(slide.caption);
  const [notes, setNotes] = useState(slide.notes);
  // Words proposed or restored elsewhere replace what is shown (not while typing: the store only changes on blur).
  useEffect(() => setTitle(slide.title), [slide.title]);
  useEffect(() => setCaption(slide.caption), [slide.caption]);
  useEffect(() => setNotes(slide.notes), [slide.notes]);
  return (
    <>
      <span className="slide-number" aria-hidden>
        {index + 1}
      </span>
      <label>
        <span className="visually-hidden">Title of slide {index + 1}</span>
        <input
          className="slide-title"
          value={title}
          maxLength={TITLE_MAX}
          onChange={(e) => setTitle(e.target.value)}
          onBlur={() => void editSlide(slide.id, { title })}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          data-testid="slide-title"
        />
      </label>
      <label>
        <span className="visually-hidden">Caption of slide {index + 1}</span>
        <textarea
          className="slide-caption"
          value={caption}
          maxLength={CAPTION_MAX}
          rows={selected ? 4 : 2}
          onChange={(e) => setCaption(e.target.value)}
          onBlur={() => void editSlide(slide.id, { caption })}
          data-testid="slide-caption"
        />
      </label>
      {selected && (
        <>
          <label className="slide-notes">
            Notes for the facilitator (not shown to the room)
            <textarea value={notes} maxLength={NOTES_MAX} rows={2} onChange={(e) => setNotes(e.target.value)} onBlur={() => void editSlide(slide.id, { notes })} data-testid="slide-notes" />
          </label>
          <div className="slide-more">
            <button type="button" onClick={() => void propose(slide.id)} title="Write the title and caption again from the slide's figures" data-testid="propose-caption">
              Propose caption
            </button>
            <button type="button" onClick={() => void updateView(slide.id)} title="Save the map as it is now into this slide, keeping its words" data-testid="update-slide-view">
              Use current map
            </button>
          </div>
        </>
      )}
    </>
  );
}
