// The story as a handout: one landscape A4 page per slide (its map as presented, title, caption and key), printed
// to PDF as area briefs are. Rendered outside the app's frame, so printing shows the handout alone.

import { useEffect } from 'react';
import { useApp } from '../../store/context';
import './present.css';

export function StoryHandout() {
  const doc = useApp((s) => s.handout);
  const close = useApp((s) => s.closeHandout);
  const print = useApp((s) => s.printHandout);

  useEffect(() => {
    if (!doc) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    const before = document.title;
    // The PDF's title is the page's.
    document.title = `${doc.storyName} — handout`;
    return () => {
      window.removeEventListener('keydown', onKey);
      document.title = before;
    };
  }, [doc, close]);

  if (!doc) return null;
  const n = doc.pages.length;
  return (
    <div className="handout-view" lang="en-GB" data-testid="handout">
      <div className="brief-toolbar handout-toolbar" role="toolbar" aria-label="Handout">
        <button type="button" onClick={close} data-testid="handout-close">
          ← Back to the map
        </button>
        <button type="button" onClick={() => void print()} data-testid="handout-export">
          Export PDF…
        </button>
        <span>
          {n} page{n === 1 ? '' : 's'}, one per slide
        </span>
      </div>
      {doc.pages.map((p, i) => (
        <article className="handout-page" key={i} aria-label={`Slide ${i + 1} of ${n}`} data-testid="handout-page">
          <header>
            <p className="handout-count">
              {doc.storyName} · slide {i + 1} of {n}
            </p>
            <h1>{p.title}</h1>
          </header>
          <img src={p.image} alt={`Map for “${p.title}”: ${p.caption}`} />
          <div className="handout-words">
            <p className="handout-caption">{p.caption}</p>
            {(p.key.length > 0 || p.shading) && (
              <div className="handout-key">
                <ul>
                  {p.key.map((k) => (
                    <li key={k.label}>
                      <span className="dot" style={{ background: k.colour }} aria-hidden />
                      {k.label}
                    </li>
                  ))}
                </ul>
                {p.shading && <p>{p.shading}</p>}
              </div>
            )}
          </div>
          <footer>
            {doc.projectName}
            {doc.notice ? ` · ${doc.notice}` : ''} · made {doc.madeOn} with PlaceLens · {doc.attributions.join(' ')}
          </footer>
        </article>
      ))}
    </div>
  );
}
