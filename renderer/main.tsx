// Starts the renderer: the bundled font, the engine worker, the shell's platform, the store, then React.

import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import './ui/styles.css';
import { App } from './ui/App';
import { StoreProvider } from './store/context';
import { createAppStore } from './store/store';
import { startEngineWorker } from './engine/client';
import { choosePlatform } from './platform';

const platform = choosePlatform();
const store = createAppStore({ engine: startEngineWorker(), platform });

// Labels are drawn from this font; load it before the map asks, so the first frame is not in a fallback face.
void Promise.all([document.fonts.load('400 14px "Noto Sans"'), document.fonts.load('700 14px "Noto Sans"')]).finally(() => {
  createRoot(document.getElementById('root')!).render(
    <StoreProvider store={store}>
      <App onMenuCommand={platform.onMenuCommand} />
    </StoreProvider>,
  );
});
void store.getState().openDemo();
