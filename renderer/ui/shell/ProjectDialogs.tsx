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

/** A GeoPackage that is not a PlaceLens project: its layers, each offered as what it can be read as. */
export function GeoPackageChoice() {
  const choice = useApp((s) => s.geopackageChoice);
  const read = useApp((s) => s.readGeoPackageLayer);
  const close = useApp((s) => s.closeGeoPackageChoice);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (choice) cancel.current?.focus();
  }, [choice]);
  if (!choice) return null;
  return (
    <div className="alert-backdrop" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="alert panel" role="dialog" aria-modal="true" aria-labelledby="gpkg-title" data-testid="geopackage-choice">
        <h2 id="gpkg-title">{choice.file.name} is a GeoPackage, not a PlaceLens project</h2>
        <p>Read one of its layers into the open project: as the ward boundaries (every spend line is placed again), or as a places register (estates, parks, youth centres… that spend lines name).</p>
        <table className="layer-table">
          <thead>
            <tr>
              <th scope="col">Layer</th>
              <th scope="col">Geometry</th>
              <th scope="col">Features</th>
              <th scope="col">Coordinates</th>
              <th scope="col">
                <span className="visually-hidden">Read as</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {choice.layers.map((l) => (
              <tr key={l.table}>
                <td>{l.table}</td>
                <td>{l.geometryType}</td>
                <td className="number">{l.features.toLocaleString('en-GB')}</td>
                <td>{l.srs}</td>
                <td className="actions">
                  {l.usableAs.length === 0 && <span className="muted">coordinate system not supported</span>}
                  {l.usableAs.includes('wards') && (
                    <button type="button" onClick={() => void read(l.table, 'wards')} data-testid={`layer-wards-${l.table}`}>
                      Use as wards
                    </button>
                  )}
                  {l.usableAs.includes('places') && (
                    <button type="button" onClick={() => void read(l.table, 'places')} data-testid={`layer-places-${l.table}`}>
                      Add as places
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="buttons">
          <button type="button" ref={cancel} onClick={close}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
