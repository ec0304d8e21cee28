// Puts the React app on the page once the label font is ready. Loaded as its own chunk, after the engine has started.

import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import './styles.css';
import { App } from './App';
import { StoreProvider } from '../store/context';
import type { AppStore } from '../store/store';
import type { MenuCommand } from '../platform/bridge';

export async function mount(root: HTMLElement, store: AppStore, onMenuCommand: (listener: (command: MenuCommand) => void) => () => void): Promise<void> {
  // Labels are drawn from this font; load it before the map asks, so the first frame is not in a fallback face.
  await Promise.allSettled([document.fonts.load('400 14px "Noto Sans"'), document.fonts.load('700 14px "Noto Sans"')]);
  createRoot(root).render(
    <StoreProvider store={store}>
      <App onMenuCommand={onMenuCommand} />
    </StoreProvider>,
  );
}
