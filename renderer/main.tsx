// Starts the renderer. The engine worker and the project's files are asked for first, from this small entry;
// React, MapLibre and the panels arrive as a second chunk while the engine works.

import { createAppStore } from './store/store';
import { startEngineWorker } from './engine/client';
import { choosePlatform } from './platform';

const platform = choosePlatform();
const store = createAppStore({ engine: startEngineWorker(), platform });
void store.getState().openDemo();
void import('./ui/mount').then(({ mount }) => mount(document.getElementById('root')!, store, platform.onMenuCommand));
