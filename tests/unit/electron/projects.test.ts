import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeOpenError, MAX_RECENT, ProjectFiles, projectFileName, PROJECT_FILTERS } from '../../../electron/projects';
import type { DialogApi, SaveDialogApi } from '../../../electron/files';
import { MAX_SAVE_BYTES } from '../../../renderer/platform/bridge';

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'placelens-projects-'));
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** A clock that moves on a minute each time it is read, so "most recent first" is visible. */
function steppingClock(start = Date.parse('2025-03-01T09:00:00Z')): () => Date {
  let t = start;
  return () => new Date((t += 60_000));
}

/** Fake dialogs that answer with the given path (or cancel) and remember what they were asked. */
function openDialog(path: string | null): DialogApi & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    showOpenDialog: async (options) => (asked.push(options), path ? { canceled: false, filePaths: [path] } : { canceled: true, filePaths: [] }),
  };
}

function saveDialog(path: string | null): SaveDialogApi & { asked: { title: string; defaultPath: string }[] } {
  const asked: { title: string; defaultPath: string }[] = [];
  return {
    asked,
    showSaveDialog: async (options) => (asked.push(options), path ? { canceled: false, filePath: path } : { canceled: true }),
  };
}

const noDialog: SaveDialogApi = {
  showSaveDialog: async () => {
    throw new Error('no dialog expected');
  },
};

function systemError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('projectFileName', () => {
  it.each([
    ['Kilburn spend', 'Kilburn spend.gpkg'],
    ['Kilburn spend.gpkg', 'Kilburn spend.gpkg'],
    ['Fenmarsh.GPKG', 'Fenmarsh.GPKG'],
    ['notes.txt', 'notes.txt.gpkg'],
    ['x'.repeat(120), `${'x'.repeat(120)}.gpkg`],
    ['../etc/passwd', null],
    ['a\\b', null],
    ['..', null],
    ['', null],
  ])('%j → %j', (suggested, expected) => {
    expect(projectFileName(suggested)).toBe(expected);
  });
});

describe('ProjectFiles: opening', () => {
  it('opens what the person chose, as an opaque id and the name only', async () => {
    const files = new ProjectFiles(tempFolder());
    const path = join(tempFolder(), 'Kilburn spend.gpkg');
    writeFileSync(path, 'gpkg bytes');
    const dialog = openDialog(path);
    const opened = await files.openWithDialog(dialog);
    expect(dialog.asked).toEqual([{ title: 'Open project', filters: PROJECT_FILTERS, properties: ['openFile'] }]);
    expect(opened?.ref.name).toBe('Kilburn spend.gpkg');
    expect(opened?.ref.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(opened?.ref)).not.toContain(path);
    expect(text(opened!.bytes)).toBe('gpkg bytes');
    expect(files.pathOf(opened!.ref.id)).toBe(path);
  });

  it('gives null when the person cancels', async () => {
    expect(await new ProjectFiles(tempFolder()).openWithDialog(openDialog(null))).toBeNull();
  });

  it('refuses ids it never issued', async () => {
    const files = new ProjectFiles(tempFolder());
    await expect(files.openRecent('made-up')).rejects.toThrow(/not issued by PlaceLens/);
    await expect(files.save({ id: 'made-up', name: 'x.gpkg' }, 'x.gpkg', bytes('x'), false, noDialog)).rejects.toThrow(/not issued/);
    await expect(files.writeRecovery('x', { id: 'made-up', name: 'x.gpkg' }, bytes('x'))).rejects.toThrow(/not issued/);
  });

  it('says plainly when a recent file has been moved or deleted', async () => {
    const files = new ProjectFiles(tempFolder());
    const folder = tempFolder();
    const path = join(folder, 'gone.gpkg');
    writeFileSync(path, 'x');
    const opened = await files.openWithDialog(openDialog(path));
    rmSync(path);
    await expect(files.openRecent(opened!.ref.id)).rejects.toThrow(`gone.gpkg is no longer in ${folder}; it may have been moved or deleted.`);
  });

  it('refuses a file over the 1 GiB limit with a clear message, without reading it', async () => {
    const path = join(tempFolder(), 'huge.gpkg');
    // Sparse: the size is real to stat, the disk space is not used.
    truncateSync((writeFileSync(path, ''), path), MAX_SAVE_BYTES + 1);
    await expect(new ProjectFiles(tempFolder()).openWithDialog(openDialog(path))).rejects.toThrow('huge.gpkg is 1.0 GB; PlaceLens opens projects up to 1 GB.');
  });

  it('refuses a folder, naming it', async () => {
    const folder = join(tempFolder(), 'looks like.gpkg');
    mkdirSync(folder);
    await expect(new ProjectFiles(tempFolder()).openWithDialog(openDialog(folder))).rejects.toThrow('looks like.gpkg is a folder, not a project file.');
  });

  it('words read errors for the person', () => {
    expect(describeOpenError(systemError('EACCES'), '/p/x.gpkg')).toBe('PlaceLens is not allowed to read x.gpkg.');
    expect(describeOpenError(systemError('EBUSY'), '/p/x.gpkg')).toMatch(/another program/);
  });
});

describe('ProjectFiles: the recent list', () => {
  it('lists the latest first, at most ten, once per file, with whether each still exists', async () => {
    const data = tempFolder();
    const folder = tempFolder();
    const files = new ProjectFiles(data, { now: steppingClock() });
    const paths = Array.from({ length: 12 }, (_, i) => join(folder, `p${i}.gpkg`));
    for (const p of paths) {
      writeFileSync(p, 'x');
      await files.openWithDialog(openDialog(p));
    }
    // Opening p3 again moves it to the top rather than listing it twice.
    await files.openWithDialog(openDialog(paths[3]!));
    rmSync(paths[11]!);
    const recent = await files.recentProjects();
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent.map((r) => r.ref.name)).toEqual(['p3.gpkg', 'p11.gpkg', 'p10.gpkg', 'p9.gpkg', 'p8.gpkg', 'p7.gpkg', 'p6.gpkg', 'p5.gpkg', 'p4.gpkg', 'p2.gpkg']);
    expect(recent[0]).toMatchObject({ folder, usedAt: '2025-03-01T09:13:00.000Z', exists: true });
    expect(recent[1]!.exists).toBe(false);
  });

  it('survives a restart: a new ProjectFiles reads the list and issues fresh ids that open the files', async () => {
    const data = tempFolder();
    const path = join(tempFolder(), 'Fenmarsh.gpkg');
    writeFileSync(path, 'fenmarsh');
    const first = new ProjectFiles(data);
    const { ref } = (await first.openWithDialog(openDialog(path)))!;
    const second = new ProjectFiles(data);
    await expect(second.openRecent(ref.id)).rejects.toThrow(/not issued/);
    const [listed] = await second.recentProjects();
    expect(listed!.ref.name).toBe('Fenmarsh.gpkg');
    expect(text((await second.openRecent(listed!.ref.id)).bytes)).toBe('fenmarsh');
    // The same file keeps one id for the life of the app.
    expect((await second.recentProjects())[0]!.ref.id).toBe(listed!.ref.id);
  });

  it.each([
    ['not JSON at all', '{{{'],
    ['the wrong shape', '{"projects": "p.gpkg"}'],
    ['entries of the wrong shape', '{"projects": [{"path": 5}, null, {"path": "/p/ok.gpkg", "usedAt": "2025-01-01T00:00:00Z"}]}'],
  ])('treats a list file holding %s as empty (keeping any good entries), not as a crash', async (_what, content) => {
    const data = tempFolder();
    writeFileSync(join(data, 'recent-projects.json'), content);
    const recent = await new ProjectFiles(data).recentProjects();
    expect(recent.map((r) => r.ref.name)).toEqual(content.includes('ok.gpkg') ? ['ok.gpkg'] : []);
  });

  it('starts empty when the data folder does not exist yet, and creates it on first use', async () => {
    const data = join(tempFolder(), 'not yet');
    const files = new ProjectFiles(data);
    expect(await files.recentProjects()).toEqual([]);
    const path = join(tempFolder(), 'a.gpkg');
    writeFileSync(path, 'x');
    await files.openWithDialog(openDialog(path));
    expect(JSON.parse(readFileSync(join(data, 'recent-projects.json'), 'utf8'))).toMatchObject({ version: 1, projects: [{ path }] });
  });
});

describe('ProjectFiles: saving', () => {
  it('a first save asks where, adding .gpkg to the suggested name, and remembers the file', async () => {
    const files = new ProjectFiles(tempFolder());
    const path = join(tempFolder(), 'Kilburn spend.gpkg');
    const dialog = saveDialog(path);
    const saved = await files.save(null, 'Kilburn spend', bytes('v1'), false, dialog);
    expect(dialog.asked).toEqual([expect.objectContaining({ title: 'Save project', defaultPath: 'Kilburn spend.gpkg', filters: PROJECT_FILTERS })]);
    expect(saved).toEqual({ ok: true, ref: { id: expect.any(String), name: 'Kilburn spend.gpkg' } });
    expect(readFileSync(path, 'utf8')).toBe('v1');
    expect((await files.recentProjects())[0]!.ref).toEqual(saved.ok && saved.ref);
  });

  it('saving again writes to the same file without a dialog', async () => {
    const files = new ProjectFiles(tempFolder());
    const path = join(tempFolder(), 'p.gpkg');
    const first = await files.save(null, 'p', bytes('v1'), false, saveDialog(path));
    if (!first.ok) throw new Error('first save failed');
    expect(await files.save(first.ref, 'p', bytes('v2'), false, noDialog)).toEqual(first);
    expect(readFileSync(path, 'utf8')).toBe('v2');
  });

  it('save as offers the folder of the current file, and leaves the old file as it was', async () => {
    const files = new ProjectFiles(tempFolder());
    const folder = tempFolder();
    const first = await files.save(null, 'p', bytes('v1'), false, saveDialog(join(folder, 'p.gpkg')));
    if (!first.ok) throw new Error('first save failed');
    const dialog = saveDialog(join(folder, 'copy.gpkg'));
    const copy = await files.save(first.ref, 'copy', bytes('v2'), true, dialog);
    expect(dialog.asked[0]).toMatchObject({ title: 'Save project as', defaultPath: join(folder, 'copy.gpkg') });
    expect(copy).toMatchObject({ ok: true, ref: { name: 'copy.gpkg' } });
    expect(copy.ok && copy.ref.id).not.toBe(first.ref.id);
    expect(readFileSync(join(folder, 'p.gpkg'), 'utf8')).toBe('v1');
    expect(readFileSync(join(folder, 'copy.gpkg'), 'utf8')).toBe('v2');
  });

  it('adds .gpkg to a typed name without one, unless either name is taken', async () => {
    const files = new ProjectFiles(tempFolder());
    const folder = tempFolder();
    expect(await files.save(null, 'x', bytes('a'), false, saveDialog(join(folder, 'typed')))).toMatchObject({ ok: true, ref: { name: 'typed.gpkg' } });
    writeFileSync(join(folder, 'existing'), 'old');
    expect(await files.save(null, 'x', bytes('b'), false, saveDialog(join(folder, 'existing')))).toMatchObject({ ok: true, ref: { name: 'existing' } });
    // An untyped name whose .gpkg twin exists: writing the twin would overwrite a file nobody confirmed.
    writeFileSync(join(folder, 'twin.gpkg'), 'keep me');
    expect(await files.save(null, 'x', bytes('c'), false, saveDialog(join(folder, 'twin')))).toMatchObject({ ok: true, ref: { name: 'twin' } });
    expect(readFileSync(join(folder, 'twin.gpkg'), 'utf8')).toBe('keep me');
    expect(readdirSync(folder).sort()).toEqual(['existing', 'twin', 'twin.gpkg', 'typed.gpkg']);
  });

  it('a cancelled dialog writes nothing', async () => {
    const files = new ProjectFiles(tempFolder());
    expect(await files.save(null, 'p', bytes('v1'), false, saveDialog(null))).toEqual({ ok: false, cancelled: true });
    expect(await files.recentProjects()).toEqual([]);
  });

  it('refuses a suggested name that is a path', async () => {
    const files = new ProjectFiles(tempFolder());
    await expect(files.save(null, '../../evil', bytes('x'), false, saveDialog('/tmp/x.gpkg'))).rejects.toThrow(/plain file name/);
  });

  it('a full disk: says why, keeps the earlier file whole, and does not throw', async () => {
    const data = tempFolder();
    const path = join(tempFolder(), 'p.gpkg');
    const good = await new ProjectFiles(data).save(null, 'p', bytes('v1'), false, saveDialog(path));
    expect(good.ok).toBe(true);
    const full = new ProjectFiles(data, {
      write: async () => {
        throw systemError('ENOSPC');
      },
    });
    const [listed] = await full.recentProjects();
    expect(await full.save(listed!.ref, 'p', bytes('v2'), false, noDialog)).toEqual({ ok: false, cancelled: false, reason: 'Could not save p.gpkg: the disk is full.' });
    expect(readFileSync(path, 'utf8')).toBe('v1');
  });

  it('a real failure (the folder has gone) comes back as a reason too', async () => {
    const files = new ProjectFiles(tempFolder());
    const folder = join(tempFolder(), 'removed');
    const result = await files.save(null, 'p', bytes('x'), false, saveDialog(join(folder, 'p.gpkg')));
    expect(result).toEqual({ ok: false, cancelled: false, reason: `Could not save p.gpkg: the folder ${folder} no longer exists.` });
  });
});

describe('ProjectFiles: recovery', () => {
  it('writes the bytes and a note, and reads them back with a fresh id for the file', async () => {
    const data = tempFolder();
    const path = join(tempFolder(), 'Kilburn.gpkg');
    const files = new ProjectFiles(data, { now: () => new Date('2025-03-01T10:00:00Z') });
    const saved = await files.save(null, 'Kilburn', bytes('saved'), false, saveDialog(path));
    if (!saved.ok) throw new Error('save failed');
    await files.writeRecovery('Kilburn', saved.ref, bytes('unsaved work'));
    expect(readdirSync(join(data, 'recovery')).sort()).toEqual(['recovery.gpkg', 'recovery.json']);

    // After a crash: a new process, new ids.
    const next = new ProjectFiles(data);
    const recovered = await next.readRecovery();
    expect(recovered).toMatchObject({ projectName: 'Kilburn', savedAt: '2025-03-01T10:00:00.000Z', ref: { name: 'Kilburn.gpkg' } });
    expect(text(recovered!.bytes)).toBe('unsaved work');
    expect(next.pathOf(recovered!.ref!.id)).toBe(path);
  });

  it('keeps a never-saved project with no file', async () => {
    const files = new ProjectFiles(tempFolder());
    await files.writeRecovery('Untitled', null, bytes('new work'));
    expect(await files.readRecovery()).toMatchObject({ projectName: 'Untitled', ref: null });
  });

  it('offers nothing when there is none, or when either half is missing or corrupt', async () => {
    const data = tempFolder();
    const files = new ProjectFiles(data);
    expect(await files.readRecovery()).toBeNull();
    await files.writeRecovery('P', null, bytes('work'));
    rmSync(join(data, 'recovery', 'recovery.gpkg'));
    expect(await files.readRecovery()).toBeNull();
    await files.writeRecovery('P', null, bytes('work'));
    writeFileSync(join(data, 'recovery', 'recovery.json'), '{"projectName": 5}');
    expect(await files.readRecovery()).toBeNull();
    await files.writeRecovery('P', null, bytes('work'));
    writeFileSync(join(data, 'recovery', 'recovery.json'), 'not json');
    expect(await files.readRecovery()).toBeNull();
  });

  it('never pairs one project\'s note with another project\'s bytes: a failed write of B leaves no offer of A', async () => {
    const data = tempFolder();
    let failBytes = false;
    const files = new ProjectFiles(data, {
      write: async (path, b) => {
        if (failBytes && path.endsWith('recovery.gpkg')) {
          // As if the process died after the bytes landed but before the note did.
          writeFileSync(path, b);
          throw systemError('EIO');
        }
        writeFileSync(path, b);
      },
    });
    await files.writeRecovery('A', null, bytes('work of A'));
    failBytes = true;
    await expect(files.writeRecovery('B', null, bytes('work of B'))).rejects.toThrow();
    expect(await files.readRecovery()).toBeNull();
  });

  it('clearRecovery removes both halves, and is harmless when there is nothing', async () => {
    const data = tempFolder();
    const files = new ProjectFiles(data);
    await files.clearRecovery();
    await files.writeRecovery('P', null, bytes('work'));
    await files.clearRecovery();
    expect(await files.readRecovery()).toBeNull();
    expect(existsSync(join(data, 'recovery', 'recovery.gpkg'))).toBe(false);
    expect(existsSync(join(data, 'recovery', 'recovery.json'))).toBe(false);
  });

  it('back-to-back writes do not interleave: the last one is what is offered', async () => {
    const files = new ProjectFiles(tempFolder());
    await Promise.all([files.writeRecovery('A', null, bytes('a')), files.writeRecovery('B', null, bytes('b')), files.writeRecovery('C', null, bytes('c'))]);
    const recovered = await files.readRecovery();
    expect(recovered?.projectName).toBe('C');
    expect(text(recovered!.bytes)).toBe('c');
  });
});
