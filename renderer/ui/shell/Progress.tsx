// The progress bar shown while the engine works.

import { useApp } from '../../store/context';

export function Progress() {
  const progress = useApp((s) => s.progress);
  const importing = useApp((s) => s.importing);
  const stopImport = useApp((s) => s.stopImport);
  if (!progress) return null;
  return (
    <div className="progress panel" role="status" aria-live="polite" data-testid="progress">
      <span>{progress.label}</span>
      <progress max={1} value={progress.fraction} aria-label={progress.label} />
      {importing && (
        <button type="button" onClick={() => void stopImport()} data-testid="stop-import">
          Cancel
        </button>
      )}
    </div>
  );
}
