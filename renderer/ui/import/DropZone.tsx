// Dropping a file anywhere on the window: wards or spend, as the File menu would open them.

import { useEffect, useState } from 'react';
import { useApp } from '../../store/context';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

export function DropZone() {
  const openDropped = useApp((s) => s.openDropped);
  const [over, setOver] = useState(false);

  useEffect(() => {
    // Counting enters and leaves, because dragging over child elements fires a leave for each.
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const overHandler = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      // Without this the browser (or Electron) would open the file itself, leaving the app.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      void Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))).then(openDropped);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [openDropped]);

  if (!over) return null;
  return (
    <div className="drop-zone" data-testid="drop-zone" aria-live="polite">
      <p>
        Drop to open
        <span>ward boundaries (GeoJSON, Shapefile .zip, KML/KMZ, GeoPackage) or spend (CSV, TSV, Excel, OCDS contracts)</span>
      </p>
    </div>
  );
}
