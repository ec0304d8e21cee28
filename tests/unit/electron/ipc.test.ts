import { describe, expect, it } from 'vitest';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import {
  registerIpc,
  validateAudienceChannel,
  validateDocumentState,
  validateFolderRef,
  validateFolderTitle,
  validateOpenFileRequest,
  validatePrintInFolderArgs,
  validatePrintRequest,
  validateProjectRef,
  validateSaveFileRequest,
  validateSaveProjectArgs,
  validateWriteInFolderArgs,
  validateWriteRecoveryArgs,
} from '../../../electron/ipc';
import { CHANNELS, MAX_SAVE_BYTES } from '../../../renderer/platform/bridge';

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
  const listeners = new Map<string, (event: IpcMainEvent, ...args: unknown[]) => void>();
  const calls: unknown[] = [];
  const warnings: string[] = [];
  const ref = { id: '3f2b5c1e-0000-4000-8000-000000000000', name: 'Kilburn.gpkg' };
  const folder = { id: '9a1d7e2c-0000-4000-8000-000000000000', name: 'Briefs March' };
  registerIpc({
    handle: (channel, listener) => handlers.set(channel, listener),
    on: (channel, listener) => listeners.set(channel, listener),
    openFile: async (request) => {
      calls.push(request);
      return { name: 'wards.geojson', bytes: new Uint8Array([1]) };
    },
    saveFile: async (request, bytes) => {
      calls.push({ saved: request.suggestedName, bytes: bytes.length });
      return { name: request.suggestedName };
    },
    openProject: async () => (calls.push('openProject'), { ref, bytes: new Uint8Array([1]) }),
    openRecentProject: async (id) => (calls.push({ openRecent: id }), { ref, bytes: new Uint8Array([1]) }),
    saveProject: async (args) => (calls.push({ saveProject: args }), { ok: true, ref }),
    recentProjects: async () => (calls.push('recentProjects'), []),
    writeRecovery: async (args) => void calls.push({ writeRecovery: args }),
    readRecovery: async () => (calls.push('readRecovery'), null),
    clearRecovery: async () => void calls.push('clearRecovery'),
    printToPdf: async (request) => (calls.push({ printToPdf: request }), { name: request.suggestedName }),
    chooseFolder: async (title) => (calls.push({ chooseFolder: title }), folder),
    printToPdfInFolder: async (args) => (calls.push({ printToPdfInFolder: args }), { name: args.fileName }),
    writeFileInFolder: async (args) => (calls.push({ writeFileInFolder: args }), { name: args.fileName }),
    openAudienceWindow: async (channel) => (calls.push({ openAudienceWindow: channel }), true),
    setDocumentState: (state) => void calls.push({ setDocumentState: state }),
    closeWindow: () => void calls.push('closeWindow'),
    warn: (message) => void warnings.push(message),
  });
  const event = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent & IpcMainEvent;
  const app = event('app://placelens/index.html');
  const evil = event('https://evil.example/');
  const handler = handlers.get(CHANNELS.openFile)!;
  const invoke = (channel: string, from: IpcMainInvokeEvent, ...args: unknown[]) => handlers.get(channel)!(from, ...args);
  const send = (channel: string, from: IpcMainEvent, ...args: unknown[]) => listeners.get(channel)!(from, ...args);
  const bytes = new Uint8Array([1, 2, 3]);

  it('registers one handler per bridge method: invoked ones with handle, sent ones with on', () => {
    const { menuCommand: _sentByMain, setDocumentState, closeWindow, ...invoked } = CHANNELS;
    expect([...handlers.keys()].sort()).toEqual(Object.values(invoked).sort());
    expect([...listeners.keys()]).toEqual([setDocumentState, closeWindow]);
  });
  it('answers the app page with valid arguments', async () => {
    await expect(handler(app, { title: 'Open', filters: [] })).resolves.toMatchObject({ name: 'wards.geojson' });
    expect(calls).toHaveLength(1);
  });
  it('refuses a foreign sender and invalid arguments without touching the disk', async () => {
    const before = calls.length;
    await expect(handler(evil, { title: 'Open', filters: [] })).rejects.toThrow(/not PlaceLens/);
    await expect(handler(app, { title: 1 })).rejects.toThrow(/title/);
    expect(calls).toHaveLength(before);
  });

  it('passes checked project calls through', async () => {
    calls.length = 0;
    await invoke(CHANNELS.openProject, app);
    await invoke(CHANNELS.openRecentProject, app, ref.id);
    await invoke(CHANNELS.saveProject, app, ref, 'Kilburn', bytes, true);
    await invoke(CHANNELS.saveProject, app, null, 'Untitled', bytes, false);
    await invoke(CHANNELS.recentProjects, app);
    await expect(invoke(CHANNELS.writeRecovery, app, 'Kilburn', ref, bytes)).resolves.toBeUndefined();
    await invoke(CHANNELS.readRecovery, app);
    await expect(invoke(CHANNELS.clearRecovery, app)).resolves.toBeUndefined();
    expect(calls).toEqual([
      'openProject',
      { openRecent: ref.id },
      { saveProject: { ref, suggestedName: 'Kilburn', bytes, saveAs: true } },
      { saveProject: { ref: null, suggestedName: 'Untitled', bytes, saveAs: false } },
      'recentProjects',
      { writeRecovery: { projectName: 'Kilburn', ref, bytes } },
      'readRecovery',
      'clearRecovery',
    ]);
  });

  it.each([
    [CHANNELS.openProject, []],
    [CHANNELS.openRecentProject, [ref.id]],
    [CHANNELS.saveProject, [ref, 'p', bytes, false]],
    [CHANNELS.recentProjects, []],
    [CHANNELS.writeRecovery, ['p', null, bytes]],
    [CHANNELS.readRecovery, []],
    [CHANNELS.clearRecovery, []],
    [CHANNELS.printToPdf, [{ title: 'Print brief', suggestedName: 'brief.pdf', filters: [], landscape: false }]],
    [CHANNELS.chooseFolder, ['Choose a folder for the briefs']],
    [CHANNELS.printToPdfInFolder, [folder, 'Kilburn (E05013661).pdf', false]],
    [CHANNELS.writeFileInFolder, [folder, 'index.html', bytes]],
    [CHANNELS.openAudienceWindow, ['k3x9q2m7a1b4c8d0']],
  ])('%s refuses a page that is not PlaceLens', async (channel, args) => {
    calls.length = 0;
    await expect(invoke(channel, evil, ...args)).rejects.toThrow(/not PlaceLens/);
    expect(calls).toEqual([]);
  });

  it.each([
    [CHANNELS.openRecentProject, [42], /project id/],
    [CHANNELS.openRecentProject, ['x'.repeat(101)], /project id/],
    [CHANNELS.openRecentProject, ['/home/me/secret.gpkg'.padEnd(101, 'x')], /project id/],
    [CHANNELS.saveProject, [{ id: ref.id, name: 'x', path: '/etc/passwd' }, 'p', bytes, false], /unexpected field\(s\) path/],
    [CHANNELS.saveProject, [{ id: 5, name: 'x' }, 'p', bytes, false], /project id/],
    [CHANNELS.saveProject, ['/tmp/x.gpkg', 'p', bytes, false], /ref must be/],
    [CHANNELS.saveProject, [null, '../../etc/passwd', bytes, false], /plain file name/],
    [CHANNELS.saveProject, [null, 'p', 'not bytes', false], /bytes/],
    [CHANNELS.saveProject, [null, 'p', [1, 2, 3], false], /bytes/],
    [CHANNELS.saveProject, [null, 'p', bytes, 'yes'], /saveAs/],
    [CHANNELS.writeRecovery, ['x'.repeat(201), null, bytes], /projectName/],
    [CHANNELS.writeRecovery, [5, null, bytes], /projectName/],
    [CHANNELS.writeRecovery, ['p', { id: '' , name: 'x' }, bytes], /project id/],
    [CHANNELS.writeRecovery, ['p', null, null], /bytes/],
    [CHANNELS.printToPdf, [{ title: 'Print', suggestedName: 'brief.pdf', filters: [], landscape: 'yes' }], /landscape/],
    [CHANNELS.printToPdf, [{ title: 'Print', suggestedName: '/tmp/brief.pdf', filters: [], landscape: true }], /plain file name/],
    [CHANNELS.printToPdf, [null], /expects/],
    [CHANNELS.chooseFolder, [42], /title/],
    [CHANNELS.chooseFolder, ['x'.repeat(201)], /title/],
    [CHANNELS.printToPdfInFolder, ['/home/me/briefs', 'a.pdf', false], /folder must be/],
    [CHANNELS.printToPdfInFolder, [{ ...folder, path: '/home/me/briefs' }, 'a.pdf', false], /unexpected field\(s\) path/],
    [CHANNELS.printToPdfInFolder, [folder, '../a.pdf', false], /plain file name/],
    [CHANNELS.printToPdfInFolder, [folder, 'a.html', false], /end in \.pdf/],
    [CHANNELS.printToPdfInFolder, [folder, 'a.pdf', 'no'], /landscape/],
    [CHANNELS.writeFileInFolder, [null, 'index.html', bytes], /folder must be/],
    [CHANNELS.writeFileInFolder, [folder, '/etc/cron.d/x.csv', bytes], /plain file name/],
    [CHANNELS.writeFileInFolder, [folder, 'run.sh', bytes], /end in \.html, \.csv or \.pdf/],
    [CHANNELS.writeFileInFolder, [folder, 'index.html', 'text'], /bytes/],
    [CHANNELS.openAudienceWindow, [], /openAudienceWindow: channel must be 8 to 32 lowercase letters and digits/],
    [CHANNELS.openAudienceWindow, [12345678], /channel must be/],
    [CHANNELS.openAudienceWindow, ['abc'], /channel must be/],
    [CHANNELS.openAudienceWindow, ['k3x9q2m7&x=1'], /channel must be/],
    [CHANNELS.openAudienceWindow, ['../../etc/passwd'], /channel must be/],
  ])('%s refuses arguments %j', async (channel, args, message) => {
    calls.length = 0;
    await expect(invoke(channel, app, ...args)).rejects.toThrow(message);
    expect(calls).toEqual([]);
  });

  it('passes a checked print request through, with only its known fields', async () => {
    calls.length = 0;
    const request = { title: 'Print brief', suggestedName: 'Kilburn brief.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }], landscape: true };
    await expect(invoke(CHANNELS.printToPdf, app, request)).resolves.toEqual({ name: 'Kilburn brief.pdf' });
    expect(calls).toEqual([{ printToPdf: request }]);
  });

  it('passes checked folder calls through, with only their known fields', async () => {
    calls.length = 0;
    await expect(invoke(CHANNELS.chooseFolder, app, 'Choose a folder for the briefs')).resolves.toEqual(folder);
    await expect(invoke(CHANNELS.printToPdfInFolder, app, folder, 'Kilburn (E05013661).pdf', true)).resolves.toEqual({ name: 'Kilburn (E05013661).pdf' });
    await expect(invoke(CHANNELS.writeFileInFolder, app, folder, 'index.csv', bytes)).resolves.toEqual({ name: 'index.csv' });
    expect(calls).toEqual([
      { chooseFolder: 'Choose a folder for the briefs' },
      { printToPdfInFolder: { folder, fileName: 'Kilburn (E05013661).pdf', landscape: true } },
      { writeFileInFolder: { folder, fileName: 'index.csv', bytes } },
    ]);
  });

  it('passes a checked audience channel through and answers whether the window is there', async () => {
    calls.length = 0;
    await expect(invoke(CHANNELS.openAudienceWindow, app, 'k3x9q2m7a1b4c8d0')).resolves.toBe(true);
    expect(calls).toEqual([{ openAudienceWindow: 'k3x9q2m7a1b4c8d0' }]);
  });

  it('refuses bytes beyond the limit without copying them', () => {
    const huge = { length: MAX_SAVE_BYTES + 1 };
    Object.setPrototypeOf(huge, Uint8Array.prototype);
    expect(validateSaveProjectArgs(null, 'p', huge, false)).toMatchObject({ ok: false, error: expect.stringMatching(/more than/) });
    expect(validateWriteRecoveryArgs('p', null, huge)).toMatchObject({ ok: false, error: expect.stringMatching(/more than/) });
    expect(validateWriteInFolderArgs({ id: 'f', name: 'Briefs' }, 'index.html', huge)).toMatchObject({ ok: false, error: expect.stringMatching(/more than/) });
  });

  it('takes the document state and close requests from the app page only, warning instead of throwing', () => {
    calls.length = 0;
    send(CHANNELS.setDocumentState, app, { title: 'Kilburn.gpkg — PlaceLens', dirty: true });
    send(CHANNELS.closeWindow, app);
    expect(calls).toEqual([{ setDocumentState: { title: 'Kilburn.gpkg — PlaceLens', dirty: true } }, 'closeWindow']);
    calls.length = 0;
    expect(() => send(CHANNELS.setDocumentState, evil, { title: 't', dirty: false })).not.toThrow();
    expect(() => send(CHANNELS.closeWindow, evil)).not.toThrow();
    expect(() => send(CHANNELS.setDocumentState, app, { title: 't', dirty: 'yes' })).not.toThrow();
    expect(calls).toEqual([]);
    expect(warnings).toEqual([
      'refused: setDocumentState from a page that is not PlaceLens',
      'refused: closeWindow from a page that is not PlaceLens',
      'setDocumentState: dirty must be true or false',
    ]);
  });
});

describe('validateAudienceChannel', () => {
  it.each(['abcd1234', 'k3x9q2m7a1b4c8d0', 'z'.repeat(32)])('takes %j', (channel) => {
    expect(validateAudienceChannel(channel)).toEqual({ ok: true, value: channel });
  });
  it.each([undefined, null, 12345678, ['abcd1234'], '', 'abcd123', 'z'.repeat(33), 'ABCD1234', 'abcd-1234', 'abcd 1234', 'abcd1234\n', 'abcd1234?x=1', 'abcd%2f1234'])(
    'refuses %j',
    (channel) => {
      expect(validateAudienceChannel(channel)).toEqual({ ok: false, error: 'openAudienceWindow: channel must be 8 to 32 lowercase letters and digits' });
    },
  );
});

describe('validateDocumentState', () => {
  it('takes a title and whether there is unsaved work', () => {
    expect(validateDocumentState({ title: 'Fenmarsh (demo)', dirty: false })).toEqual({ ok: true, value: { title: 'Fenmarsh (demo)', dirty: false } });
  });
  it.each([
    [null, /expects/],
    [{ title: 'x'.repeat(301), dirty: true }, /title/],
    [{ title: 3, dirty: true }, /title/],
    [{ title: 't' }, /dirty/],
    [{ title: 't', dirty: true, path: '/x' }, /unexpected field/],
  ])('refuses %j', (arg, message) => {
    const r = validateDocumentState(arg);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('validateProjectRef', () => {
  it('takes null (never saved) or { id, name }', () => {
    expect(validateProjectRef(null)).toEqual({ ok: true, value: null });
    expect(validateProjectRef({ id: 'abc', name: 'p.gpkg' })).toEqual({ ok: true, value: { id: 'abc', name: 'p.gpkg' } });
    expect(validateProjectRef(undefined).ok).toBe(false);
    expect(validateProjectRef({ id: 'abc', name: 'x'.repeat(301) }).ok).toBe(false);
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

describe('validatePrintRequest', () => {
  const ok = { title: 'Print brief', suggestedName: 'Kilburn brief.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }], landscape: false };
  it('takes a save request for a .pdf name plus the orientation', () => {
    expect(validatePrintRequest(ok)).toEqual({ ok: true, value: ok });
    expect(validatePrintRequest({ ...ok, suggestedName: 'BRIEF.PDF', landscape: true })).toEqual({ ok: true, value: { ...ok, suggestedName: 'BRIEF.PDF', landscape: true } });
  });
  it.each([
    [null, /expects/],
    [[ok], /expects/],
    [{ ...ok, landscape: 'true' }, /landscape/],
    [{ ...ok, landscape: 1 }, /landscape/],
    [{ title: ok.title, suggestedName: ok.suggestedName, filters: ok.filters }, /landscape/],
    [{ ...ok, suggestedName: '../../etc/brief.pdf' }, /plain file name/],
    [{ ...ok, suggestedName: 'C:\\Users\\me\\brief.pdf' }, /plain file name/],
    [{ ...ok, suggestedName: 'brief.html' }, /end in \.pdf/],
    [{ ...ok, suggestedName: 'brief.pdf.exe' }, /end in \.pdf/],
    [{ ...ok, title: 7 }, /title/],
    [{ ...ok, filters: [{ name: 'x', extensions: ['p/df'] }] }, /filters/],
    [{ ...ok, path: '/tmp/brief.pdf' }, /unexpected field\(s\) path/],
    [{ ...ok, pageSize: 'A3' }, /unexpected field\(s\) pageSize/],
  ])('refuses %j', (arg, message) => {
    const r = validatePrintRequest(arg);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('validateFolderTitle', () => {
  it('takes a title of at most 200 characters', () => {
    expect(validateFolderTitle('Choose a folder for the briefs')).toEqual({ ok: true, value: 'Choose a folder for the briefs' });
    expect(validateFolderTitle('')).toEqual({ ok: true, value: '' });
  });
  it.each([[undefined], [null], [7], [{ title: 't' }], ['x'.repeat(201)]])('refuses %j', (title) => {
    expect(validateFolderTitle(title)).toMatchObject({ ok: false, error: expect.stringMatching(/chooseFolder: title/) });
  });
});

describe('validateFolderRef', () => {
  it('takes { id, name } exactly', () => {
    expect(validateFolderRef({ id: 'abc', name: 'Briefs' })).toEqual({ ok: true, value: { id: 'abc', name: 'Briefs' } });
  });
  it.each([
    [null, /folder must be/],
    ['/home/me/briefs', /folder must be/],
    [[{ id: 'abc', name: 'x' }], /folder must be/],
    [{ id: '', name: 'x' }, /folder id/],
    [{ id: 5, name: 'x' }, /folder id/],
    [{ id: 'x'.repeat(101), name: 'x' }, /folder id/],
    [{ id: 'abc' }, /name/],
    [{ id: 'abc', name: 'x'.repeat(301) }, /name/],
    [{ id: 'abc', name: 'x', path: '/tmp' }, /unexpected field\(s\) path/],
  ])('refuses %j', (arg, message) => {
    const r = validateFolderRef(arg);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('validatePrintInFolderArgs', () => {
  const folder = { id: 'abc', name: 'Briefs' };
  it('takes a folder ref, a plain .pdf name of at most 120 characters, and the orientation', () => {
    expect(validatePrintInFolderArgs(folder, 'Kilburn (E05013661).pdf', false)).toEqual({ ok: true, value: { folder, fileName: 'Kilburn (E05013661).pdf', landscape: false } });
    expect(validatePrintInFolderArgs(folder, 'BRIEF.PDF', true)).toEqual({ ok: true, value: { folder, fileName: 'BRIEF.PDF', landscape: true } });
    expect(validatePrintInFolderArgs(folder, `${'x'.repeat(116)}.pdf`, true).ok).toBe(true);
  });
  it.each([
    [{ id: 'abc' }, 'a.pdf', false, /printToPdfInFolder: folder: name/],
    [folder, '../../etc/a.pdf', false, /plain file name/],
    [folder, 'C:\\Users\\me\\a.pdf', false, /plain file name/],
    [folder, '..', false, /plain file name/],
    [folder, '', false, /plain file name/],
    [folder, 42, false, /plain file name/],
    [folder, `${'x'.repeat(117)}.pdf`, false, /at most 120 characters/],
    [folder, 'index.html', false, /end in \.pdf/],
    [folder, 'brief.pdf.exe', false, /end in \.pdf/],
    [folder, 'pdf', false, /end in \.pdf/],
    [folder, 'a.pdf', 1, /landscape/],
    [folder, 'a.pdf', undefined, /landscape/],
  ])('refuses %j %j %j', (f, name, landscape, message) => {
    const r = validatePrintInFolderArgs(f, name, landscape);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('validateWriteInFolderArgs', () => {
  const folder = { id: 'abc', name: 'Briefs' };
  const bytes = new Uint8Array([1, 2]);
  it.each(['index.html', 'index.csv', 'Kilburn (E05013661).pdf', 'INDEX.HTML'])('takes %j', (name) => {
    expect(validateWriteInFolderArgs(folder, name, bytes)).toEqual({ ok: true, value: { folder, fileName: name, bytes } });
  });
  it.each([
    ['notafolder', 'index.html', bytes, /folder must be/],
    [folder, '../index.html', bytes, /plain file name/],
    [folder, 'sub/index.html', bytes, /plain file name/],
    [folder, `${'x'.repeat(116)}.html`, bytes, /at most 120 characters/],
    [folder, 'index.htm', bytes, /end in \.html, \.csv or \.pdf/],
    [folder, 'run.exe', bytes, /end in/],
    [folder, '.bashrc', bytes, /end in/],
    [folder, 'index.html', [1, 2], /bytes/],
    [folder, 'index.html', 'text', /bytes/],
  ])('refuses %j %j', (f, name, content, message) => {
    const r = validateWriteInFolderArgs(f, name, content);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});
