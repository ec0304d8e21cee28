// The presenter view: the facilitator's window leads (current and next slide, notes, a timer), a second window shows
// the room only the slide. The two talk over a BroadcastChannel; the audience window has its own engine, given the
// project's bytes, so it draws the same map from the same data.

import type { StoreApi } from 'zustand/vanilla';
import { audienceChannelName, newAudienceId, readAudienceMessage, type AudienceMessage } from '../domain/presenter';
import type { AppState, Deps } from './store';

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

export interface AudienceSlice {
  /** This window leads a presentation shown in an audience window: when it started, and whether that window is up. */
  presenterView: { id: string; startedAt: number; audienceUp: boolean } | null;
  /** This window is the audience's: it shows only the slide, following the presenter's window. */
  audienceOf: { id: string; ended: boolean } | null;
  /** Opens the audience window and presents from the slide given, in presenter view. */
  startPresenterView(from?: number): Promise<void>;
  /** Called with every slide shown while presenting: the audience window follows. */
  tellAudience(index: number): void;
  /** Ends the presenter view (the audience window says the presentation is over). */
  endPresenterView(): void;
  /** In the audience window: asks the presenter's window for the project and follows its slides. */
  joinAudience(id: string): Promise<void>;
}

export function audienceSlice(set: Set, get: Get, deps: Deps): AudienceSlice {
  let channel: BroadcastChannel | null = null;
  const post = (m: AudienceMessage) => channel?.postMessage(m);

  function open(id: string, onMessage: (m: AudienceMessage) => void): void {
    channel?.close();
    channel = new BroadcastChannel(audienceChannelName(id));
    channel.onmessage = (e: MessageEvent) => {
      const m = readAudienceMessage(e.data);
      if (m) onMessage(m);
    };
  }

  return {
    presenterView: null,
    audienceOf: null,
    async startPresenterView(from = 0) {
      if (get().slides.length === 0) {
        await get().present(from);
        return;
      }
      const id = newAudienceId();
      open(id, (m) => {
        if (m.type === 'ready') {
          // The project as it is now, slides and all; its bytes are a copy, so the audience cannot change this one.
          void deps.engine.saveProject().then((bytes) => {
            const p = get().presenting;
            post({ type: 'project', name: get().summary?.name ?? 'Project', bytes, index: p?.index ?? 0 });
          });
          const pv = get().presenterView;
          if (pv) set({ presenterView: { ...pv, audienceUp: true } });
        } else if (m.type === 'closed') {
          const pv = get().presenterView;
          if (pv) set({ presenterView: { ...pv, audienceUp: false } });
        }
      });
      const opened = await deps.platform.openAudienceWindow(id);
      if (!opened) {
        channel?.close();
        channel = null;
        set({ alert: { title: 'The audience window could not be opened', problems: [], message: 'The browser may have blocked it as a pop-up: allow pop-ups for PlaceLens, or present in this window with Present (F5).' } });
        return;
      }
      set({ presenterView: { id, startedAt: Date.now(), audienceUp: false } });
      await get().present(from);
    },
    tellAudience(index) {
      if (get().presenterView) post({ type: 'slide', index });
    },
    endPresenterView() {
      if (!get().presenterView) return;
      post({ type: 'end' });
      channel?.close();
      channel = null;
      set({ presenterView: null });
    },
    async joinAudience(id) {
      set({ audienceOf: { id, ended: false }, status: 'loading', progress: { fraction: 0, label: 'Waiting for the presenter’s window' } });
      let joined = false;
      open(id, (m) => {
        if (m.type === 'project' && !joined) {
          joined = true;
          void (async () => {
            await get().openProjectFile({ name: m.name, bytes: m.bytes }, null);
            await get().present(m.index);
          })();
        } else if (m.type === 'slide' && joined) {
          void get().goToSlide(m.index);
        } else if (m.type === 'end') {
          set({ audienceOf: { id, ended: true }, presenting: null });
        }
      });
      post({ type: 'ready' });
      globalThis.addEventListener?.('pagehide', () => post({ type: 'closed' }));
    },
  };
}
