// The presenter view's audience window: where it goes and its one-at-a-time life. Plain functions and a small class,
// so the tests need no Electron; main.ts makes the BrowserWindow.

import type { Display, Rectangle } from 'electron';
import { isAudienceChannel } from '../renderer/platform/bridge';

/** The audience window's size when there is only one display. */
export const AUDIENCE_WINDOW_SIZE = { width: 1280, height: 800 } as const;

/** The app page that joins the presentation on the channel; the channel is checked again, since it goes into a URL. */
export function audienceWindowUrl(appOrigin: string, channel: string): string {
  if (!isAudienceChannel(channel)) throw new Error('openAudienceWindow: channel must be 8 to 32 lowercase letters and digits');
  return `${appOrigin}/index.html?audience=${channel}`;
}

/** The little of Electron's Display that placing the window needs. */
export type DisplayArea = Pick<Display, 'id' | 'bounds' | 'workArea'>;

export interface AudiencePlacement {
  bounds: Rectangle;
  fullscreen: boolean;
}

/**
 * Full screen on the first display that is not the primary one (the projector, as the system lists it); with one
 * display, a window in the middle of its work area (clear of the taskbar), shrunk to fit a small screen.
 */
export function audienceBounds(displays: readonly DisplayArea[], primaryId: number): AudiencePlacement {
  const primary = displays.find((d) => d.id === primaryId) ?? displays[0];
  const other = displays.find((d) => d !== primary);
  if (other) return { bounds: { ...other.bounds }, fullscreen: true };
  const area = primary?.workArea ?? { x: 0, y: 0, ...AUDIENCE_WINDOW_SIZE };
  const width = Math.min(AUDIENCE_WINDOW_SIZE.width, area.width);
  const height = Math.min(AUDIENCE_WINDOW_SIZE.height, area.height);
  // Whole pixels: Electron refuses fractional window bounds.
  const x = area.x + Math.floor((area.width - width) / 2);
  const y = area.y + Math.floor((area.height - height) / 2);
  return { bounds: { x, y, width, height }, fullscreen: false };
}

/** The little of a BrowserWindow the audience window needs. */
export interface AudienceWindowHandle {
  loadURL(url: string): Promise<void>;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
  close(): void;
  isDestroyed(): boolean;
  on(event: 'closed', listener: () => void): unknown;
}

export interface AudienceWindowDeps<W extends AudienceWindowHandle> {
  /** Makes the window, not yet loaded, where placement says. */
  create(placement: AudiencePlacement): W;
  /** Asked at each new window, since displays come and go between presentations. */
  placement(): AudiencePlacement;
  warn?(message: string): void;
}

/** At most one audience window: opening again reuses it on the new channel. */
export class AudienceWindow<W extends AudienceWindowHandle> {
  private window: W | null = null;
  private readonly appOrigin: string;
  private readonly deps: AudienceWindowDeps<W>;

  constructor(appOrigin: string, deps: AudienceWindowDeps<W>) {
    this.appOrigin = appOrigin;
    this.deps = deps;
  }

  /** The audience window while it is open. */
  get current(): W | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  /**
   * Opens the window on the channel, or brings the open one forward and loads the new channel there. True once the
   * window is there: the page itself tells the presenter's window when it is ready, over the channel.
   */
  open(channel: string): boolean {
    const url = audienceWindowUrl(this.appOrigin, channel);
    let win = this.current;
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    } else {
      const made = this.deps.create(this.deps.placement());
      made.on('closed', () => {
        if (this.window === made) this.window = null;
      });
      this.window = win = made;
    }
    const warn = this.deps.warn ?? ((message: string) => console.warn(message));
    // A load cut short by a newer one (opened again at once) rejects too; either way the window stays.
    win.loadURL(url).catch((e: unknown) => warn(`the audience window did not load: ${(e as Error).message}`));
    return true;
  }

  /** Closes the audience window, if open (when the presenter's window closes). */
  close(): void {
    this.current?.close();
    this.window = null;
  }
}
