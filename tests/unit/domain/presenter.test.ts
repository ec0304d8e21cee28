import { describe, expect, it } from 'vitest';
import { audienceChannelName, formatElapsed, newAudienceId, readAudienceMessage } from '../../../renderer/domain/presenter';

describe('the presenter view’s messages', () => {
  it('reads our messages and ignores anything else on the channel', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(readAudienceMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(readAudienceMessage({ type: 'slide', index: 3, extra: 'dropped' })).toEqual({ type: 'slide', index: 3 });
    expect(readAudienceMessage({ type: 'project', name: 'Fenmarsh', bytes, index: 0 })).toEqual({ type: 'project', name: 'Fenmarsh', bytes, index: 0 });
    expect(readAudienceMessage({ type: 'end' })).toEqual({ type: 'end' });
    for (const bad of [null, 'ready', { type: 'slide', index: -1 }, { type: 'slide', index: 1.5 }, { type: 'slide' }, { type: 'project', name: 'x', bytes: [1], index: 0 }, { type: 'navigate', url: 'http://x' }]) {
      expect(readAudienceMessage(bad)).toBeNull();
    }
  });

  it('names channels from ids the desktop shell accepts', () => {
    const id = newAudienceId();
    expect(id).toMatch(/^[a-z0-9]{16}$/);
    expect(newAudienceId()).not.toBe(id);
    expect(audienceChannelName('abc12345')).toBe('placelens-audience-abc12345');
  });

  it('shows the time as minutes and seconds, with hours past the first', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(65_400)).toBe('1:05');
    expect(formatElapsed(59 * 60_000 + 59_999)).toBe('59:59');
    expect(formatElapsed(3_600_000 + 5 * 60_000 + 7_000)).toBe('1:05:07');
    expect(formatElapsed(-5)).toBe('0:00');
  });
});
