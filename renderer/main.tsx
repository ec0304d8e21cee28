// Starts the renderer. The engine worker and the project's files are asked for first, from this small entry;
// React, MapLibre and the panels arrive as a second chunk while the engine works.

import { createAppStore } from './store/store';
import { documentTitle } from './store/file-slice';
import { startEngineWorker } from './engine/client';
import { choosePlatform } from './platform';
import { isAudienceChannel } from './platform/bridge';

/** Unsaved work is copied for recovery this often; `?autosave-ms=` shortens it for the end-to-end tests. */
const AUTOSAVE_MS = Number(new URLSearchParams(location.search).get('autosave-ms')) || 30_000;

const platform = choosePlatform();
const store = createAppStore({
  engine: startEngineWorker(),
  platform,
  // MapLibre and pmtiles load with the map's chunk, not this first one.
  maps: {
    registerBasemap: (file) => import('./map/basemap').then((m) => m.registerBasemap(file)),
    captureMap: () => import('./map/capture').then((m) => m.captureLiveMap()),
  },
});
// A presentation's audience window (opened by the presenter view) follows the presenter's window instead.
const audience = new URLSearchParams(location.search).get('audience');
if (audience && isAudienceChannel(audience)) void store.getState().joinAudience(audience);
// ?start=empty (the command line's batch of briefs, which opens a project at once): no demo first.
else if (new URLSearchParams(location.search).get('start') === 'empty') void store.getState().newProject();
else void store.getState().openDemo().then(() => store.getState().checkRecovery());
void import('./ui/mount').then(({ mount }) => mount(document.getElementById('root')!, store, platform.onMenuCommand));

// The window title and the shell's close guard follow the project and its unsaved changes.
let shown = '';
store.subscribe((s) => {
  const title = documentTitle(s);
  if (`${title}|${s.dirty}` === shown) return;
  shown = `${title}|${s.dirty}`;
  platform.setDocumentState({ title, dirty: s.dirty });
});
setInterval(() => void store.getState().autosave(), AUTOSAVE_MS);
