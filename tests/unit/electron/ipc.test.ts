import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { registerIpc, validateOpenFileRequest, validateSaveFileRequest } from '../../../electron/ipc';
import { CHANNELS } from '../../../renderer/platform/bridge';

describe('validateOpenFileRequest', () => {
  it('accepts a well-formed request', () => {
    const req = { title: 'Open wards', filters: [{ name: 'GeoJSON', extensions: ['geojson', 'json'] }] };
    expect(validateOpenFileRequest(req)).toEqual({ ok: true, value: req });
  });
  it.each([
    [null, /expects/],
    ['open', /expects/],
    [{ title: 5, filters: [] }, /title/],
    [{ title: 'x'.repeat(201), filters: [] }, /title/],
    [{ title: 'ok', filters: 'geojson' }, /filters/],
    [{ title: 'ok', filters: [{ name: 'x', extensions: ['../../etc'] }] }, /filters/],
    [{ title: 'ok', filters: [{ name: 'x', extensions: ['*'] }] }, /filters/],
    [{ title: 'ok', filters: [], defaultPath: '/etc' }, /unexpected field\(s\) defaultPath/],
  ])('refuses %j', (arg, message) => {
    const r = validateOpenFileRequest(arg);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('registerIpc', () => {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const opened: unknown[] = [];
  registerIpc({
    handle: (channel, listener) => handlers.set(channel, listener),
    openFile: async (request) => {
      opened.push(request);
      return { name: 'wards.geojson', bytes: new Uint8Array([1]) };
    },
    saveFile: async (request, bytes) => {
      opened.push({ saved: request.suggestedName, bytes: bytes.length });
      return { name: request.suggestedName };
    },
  });
  const event = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent;
  const handler = handlers.get(CHANNELS.openFile)!;

  it('registers one handler per bridge method', () => {
    expect([...handlers.keys()]).toEqual([CHANNELS.openFile, CHANNELS.saveFile]);
  });
  it('answers the app page with valid arguments', async () => {
    await expect(handler(event('app://placelens/index.html'), { title: 'Open', filters: [] })).resolves.toMatchObject({ name: 'wards.geojson' });
    expect(opened).toHaveLength(1);
  });
  it('refuses a foreign sender and invalid arguments without touching the disk', async () => {
    await expect(handler(event('https://evil.example/'), { title: 'Open', filters: [] })).rejects.toThrow(/not PlaceLens/);
    await expect(handler(event('app://placelens/index.html'), { title: 1 })).rejects.toThrow(/title/);
    expect(opened).toHaveLength(1);
  });
});

describe('validateSaveFileRequest', () => {
  const ok = { title: 'Export rules', suggestedName: 'rules.json', filters: [{ name: 'JSON', extensions: ['json'] }] };
  it('takes a plain file name, filters and bytes', () => {
    expect(validateSaveFileRequest(ok, new Uint8Array([1, 2]))).toMatchObject({ ok: true, value: { request: ok } });
  });
  it.each([
    [{ ...ok, suggestedName: '../../etc/passwd' }, /plain file name/],
    [{ ...ok, suggestedName: 'C:\\Windows\\x.json' }, /plain file name/],
    [{ ...ok, suggestedName: '..' }, /plain file name/],
    [{ ...ok, filters: [{ name: 'x', extensions: ['j/s'] }] }, /filters/],
    [{ ...ok, path: '/tmp/x' }, /unexpected field/],
  ])('refuses %j', (arg, message) => {
    const r = validateSaveFileRequest(arg, new Uint8Array(1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
  it('refuses content that is not bytes', () => {
    expect(validateSaveFileRequest(ok, 'text')).toMatchObject({ ok: false, error: expect.stringMatching(/bytes/) });
  });
});
