// The loaded basemap's credit, always visible while it is drawn (OpenStreetMap's licence requires it), and a way to remove it.

import { useApp } from '../../store/context';

export function BasemapAttribution() {
  const basemap = useApp((s) => s.basemap);
  const remove = useApp((s) => s.removeBasemap);
  if (!basemap) return null;
  return (
    <div className="basemap-attribution" data-testid="basemap-attribution">
      <span>{basemap.attribution}</span>
      <button type="button" className="link-button" onClick={remove} aria-label={`Remove the basemap ${basemap.name}`}>
        Remove
      </button>
    </div>
  );
}
