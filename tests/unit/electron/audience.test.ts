import { describe, expect, it, vi } from 'vitest';
import { AudienceWindow, audienceBounds, audienceWindowUrl, type AudiencePlacement, type DisplayArea } from '../../../electron/audience';
import { AUDIENCE_CHANNEL_PATTERN, isAudienceChannel } from '../../../renderer/platform/bridge';

describe('isAudienceChannel', () => {
  it.each(['abcd1234', 'k3x9q2m7a1b4c8d0', '0'.repeat(32)])('takes %j', (channel) => {
    expect(isAudienceChannel(channel)).toBe(true);
    expect(AUDIENCE_CHANNEL_PATTERN.test(channel)).toBe(true);
  });
  it.each([undefined, null, 12345678, '', 'abcd123', '0'.repeat(33), 'Abcd1234', 'abcd_1234', 'abcd1234\n', 'abc/../../x', 'abcd1234#x'])('refuses %j', (channel) => {
    expect(isAudienceChannel(channel)).toBe(false);
  });
});

describe('audienceWindowUrl', () => {
  it('is the app page with the channel, as the renderer reads it', () => {
    expect(audienceWindowUrl('app://placelens', 'k3x9q2m7a1b4c8d0')).toBe('app://placelens/index.html?audience=k3x9q2m7a1b4c8d0');
    expect(new URL(audienceWindowUrl('app://placelens', 'abcd1234')).searchParams.get('audience')).toBe('abcd1234');
  });
  it('refuses a channel that is not a plain id', () => {
    expect(() => audienceWindowUrl('app://placelens', 'x&y=1abcdef')).toThrow(/channel must be 8 to 32 lowercase letters and digits/);
  });
});

describe('audienceBounds', () => {
  const laptop: DisplayArea = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 25, width: 1920, height: 1055 } };
  const projector: DisplayArea = { id: 2, bounds: { x: 1920, y: -200, width: 1280, height: 720 }, workArea: { x: 1920, y: -200, width: 1280, height: 690 } };
  const third: DisplayArea = { id: 3, bounds: { x: -1024, y: 0, width: 1024, height: 768 }, workArea: { x: -1024, y: 0, width: 1024, height: 768 } };

  it('with one display: 1280×800 in the middle of its work area, not full screen', () => {
    expect(audienceBounds([laptop], 1)).toEqual({ bounds: { x: 320, y: 152, width: 1280, height: 800 }, fullscreen: false });
  });
  it('with one small display: shrunk to its work area', () => {
    const small: DisplayArea = { id: 7, bounds: { x: 0, y: 0, width: 1024, height: 768 }, workArea: { x: 0, y: 0, width: 1024, height: 728 } };
    expect(audienceBounds([small], 7)).toEqual({ bounds: { x: 0, y: 0, width: 1024, height: 728 }, fullscreen: false });
  });
  it('with two displays: full screen on the one that is not primary', () => {
    expect(audienceBounds([laptop, projector], 1)).toEqual({ bounds: projector.bounds, fullscreen: true });
  });
  it('with the primary listed second: still the other one', () => {
    expect(audienceBounds([projector, laptop], 1)).toEqual({ bounds: projector.bounds, fullscreen: true });
    expect(audienceBounds([laptop, projector], 2)).toEqual({ bounds: laptop.bounds, fullscreen: true });
  });
  it('with three displays: the first that is not primary', () => {
    expect(audienceBounds([laptop, third, projector], 1)).toEqual({ bounds: third.bounds, fullscreen: true });
    expect(audienceBounds([third, laptop, projector], 3)).toEqual({ bounds: laptop.bounds, fullscreen: true });
  });
  it('gives a copy, not the display\'s own rectangle', () => {
    expect(audienceBounds([laptop, projector], 1).bounds).not.toBe(projector.bounds);
  });
  it('with a primary id not listed: treats the first display as primary', () => {
    expect(audienceBounds([laptop], 99).fullscreen).toBe(false);
    expect(audienceBounds([laptop, projector], 99)).toEqual({ bounds: projector.bounds, fullscreen: true });
  });
  it('with no displays at all: a plain 1280×800 window', () => {
    expect(audienceBounds([], 1)).toEqual({ bounds: { x: 0, y: 0, width: 1280, height: 800 }, fullscreen: false });
  });
});

describe('AudienceWindow', () => {
  class FakeWindow {
    urls: string[] = [];
    destroyed = false;
    minimized = false;
    focus = vi.fn();
    restore = vi.fn(() => void (this.minimized = false));
    closedListeners: (() => void)[] = [];
    loadResult: Promise<void> = Promise.resolve();
    constructor(public placement: AudiencePlacement) {}
    loadURL(url: string) {
      this.urls.push(url);
      return this.loadResult;
    }
    isMinimized() {
      return this.minimized;
    }
    isDestroyed() {
      return this.destroyed;
    }
    on(_event: 'closed', listener: () => void) {
      this.closedListeners.push(listener);
    }
    close = vi.fn(() => {
      this.destroyed = true;
      for (const l of this.closedListeners) l();
    });
  }
  const placement: AudiencePlacement = { bounds: { x: 1920, y: 0, width: 1280, height: 720 }, fullscreen: true };
  const setup = () => {
    const made: FakeWindow[] = [];
    const warnings: string[] = [];
    const audience = new AudienceWindow('app://placelens', {
      create: (p) => {
        const w = new FakeWindow(p);
        made.push(w);
        return w;
      },
      placement: () => placement,
      warn: (m) => void warnings.push(m),
    });
    return { audience, made, warnings };
  };

  it('opens one window where placement says, on the channel', () => {
    const { audience, made } = setup();
    expect(audience.current).toBeNull();
    expect(audience.open('k3x9q2m7a1b4c8d0')).toBe(true);
    expect(made).toHaveLength(1);
    expect(made[0]!.placement).toEqual(placement);
    expect(made[0]!.urls).toEqual(['app://placelens/index.html?audience=k3x9q2m7a1b4c8d0']);
    expect(made[0]!.focus).not.toHaveBeenCalled();
    expect(audience.current).toBe(made[0]);
  });

  it('opening again reuses the window: brought forward and loaded on the new channel', () => {
    const { audience, made } = setup();
    audience.open('abcd1234');
    made[0]!.minimized = true;
    expect(audience.open('efgh5678')).toBe(true);
    expect(made).toHaveLength(1);
    expect(made[0]!.restore).toHaveBeenCalledTimes(1);
    expect(made[0]!.focus).toHaveBeenCalledTimes(1);
    expect(made[0]!.urls).toEqual(['app://placelens/index.html?audience=abcd1234', 'app://placelens/index.html?audience=efgh5678']);
  });

  it('after the person closes it, opening makes a new one', () => {
    const { audience, made } = setup();
    audience.open('abcd1234');
    made[0]!.close();
    expect(audience.current).toBeNull();
    audience.open('efgh5678');
    expect(made).toHaveLength(2);
    expect(audience.current).toBe(made[1]);
    // A late closed event from the old window must not forget the new one.
    made[0]!.closedListeners.forEach((l) => l());
    expect(audience.current).toBe(made[1]);
  });

  it('close() closes the open window, and is harmless with none', () => {
    const { audience, made } = setup();
    expect(() => audience.close()).not.toThrow();
    audience.open('abcd1234');
    audience.close();
    expect(made[0]!.close).toHaveBeenCalledTimes(1);
    expect(audience.current).toBeNull();
    audience.close();
    expect(made[0]!.close).toHaveBeenCalledTimes(1);
  });

  it('treats a window destroyed without a closed event as gone', () => {
    const { audience, made } = setup();
    audience.open('abcd1234');
    made[0]!.destroyed = true;
    audience.open('efgh5678');
    expect(made).toHaveLength(2);
  });

  it('refuses a bad channel before making any window', () => {
    const { audience, made } = setup();
    expect(() => audience.open('ABC')).toThrow(/channel must be/);
    expect(made).toHaveLength(0);
  });

  it('reports a failed load instead of throwing, and keeps the window', async () => {
    const { audience, made, warnings } = setup();
    audience.open('abcd1234');
    made[0]!.loadResult = Promise.reject(new Error('ERR_ABORTED (-3) loading app://placelens/index.html'));
    audience.open('efgh5678');
    await vi.waitFor(() => expect(warnings).toEqual(['the audience window did not load: ERR_ABORTED (-3) loading app://placelens/index.html']));
    expect(audience.current).toBe(made[0]);
  });
});
