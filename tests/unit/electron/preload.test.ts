import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Bridge } from '../../../renderer/platform/bridge';

// The preload runs against a recording stand-in for electron's renderer modules.
const calls = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => calls.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => (calls.invoked.push(args), true),
    send: vi.fn(),
    on: vi.fn(),
    removeListener: vi.fn(),
  },
}));

beforeAll(async () => {
  await import('../../../electron/preload');
});

describe('electron/preload.ts', () => {
  const bridge = () => calls.exposed.get('placelens') as Bridge;

  it('exposes one method per channel as window.placelens, and nothing else', () => {
    expect([...calls.exposed.keys()]).toEqual(['placelens']);
    const { menuCommand: _listened, ...methods } = CHANNELS;
    expect(Object.keys(bridge()).sort()).toEqual([...Object.keys(methods), 'onMenuCommand'].sort());
  });

  it('openAudienceWindow invokes its channel with the channel id and gives back the answer', async () => {
    calls.invoked.length = 0;
    await expect(bridge().openAudienceWindow('k3x9q2m7a1b4c8d0')).resolves.toBe(true);
    expect(calls.invoked).toEqual([[CHANNELS.openAudienceWindow, 'k3x9q2m7a1b4c8d0']]);
  });
});
