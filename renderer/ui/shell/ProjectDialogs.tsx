// The recent-projects list and the offer to recover work a crash left unsaved.

import { useEffect, useRef } from 'react';
import { useApp } from '../../store/context';

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export function RecentProjects() {
  const recent = useApp((s) => s.recentProjects);
  const openRecent = useApp((s) => s.openRecent);
  const close = useApp((s) => s.closeRecent);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (recent) first.current?.focus();
  }, [recent]);
  if (!recent) return null;
  return (
    <div className="alert-backdrop" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="alert panel" role="dialog" aria-modal="true" aria-labelledby="recent-title" data-testid="recent-projects">
        <h2 id="recent-title">Recent projects</h2>
        {recent.length === 0 ? (
          <p>No recent projects here. Projects you open or save in the desktop app are listed here; in the web version, open a file with File › Open project….</p>
        ) : (
          <ul className="recent-list">
            {recent.map((r, i) => (
              <li key={r.ref.id}>
                <button type="button" ref={i === 0 ? first : undefined} disabled={!r.exists} onClick={() => void openRecent(r.ref.id)}>
                  <strong>{r.ref.name}</strong>
                  <span className="muted">
                    {' '}
                    {r.folder} · {r.exists ? when(r.usedAt) : 'moved or deleted'}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="buttons">
          <button type="button" ref={recent.length === 0 ? first : undefined} onClick={close}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

export function RecoveryOffer() {
  const offer = useApp((s) => s.recoveryOffer);
  const recover = useApp((s) => s.recover);
  const discard = useApp((s) => s.discardRecovery);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (offer) button.current?.focus();
  }, [offer]);
  if (!offer) return null;
  return (
    <div className="alert-backdrop">
      <div className="alert panel" role="alertdialog" aria-modal="true" aria-labelledby="recovery-title" data-testid="recovery-offer">
        <h2 id="recovery-title">Recover unsaved work?</h2>
        <p>
          PlaceLens closed without saving changes to <strong>{offer.projectName}</strong>. A copy was kept at {when(offer.savedAt)}.
        </p>
        <div className="buttons">
          <button type="button" onClick={() => void discard()} data-testid="recovery-discard">
            Discard it
          </button>
          <button type="button" className="primary" ref={button} onClick={() => void recover()} data-testid="recovery-recover">
            Recover
          </button>
        </div>
      </div>
    </div>
  );
}
