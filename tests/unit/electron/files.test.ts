import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  describeWriteError,
  isPlainFileName,
  openFileWithDialog,
  saveFileWithDialog,
  TEMP_SUFFIX,
  writeFileAtomic,
  WriteError,
} from '../../../electron/files';

const ROOT = resolve(import.meta.dirname, '../../..');
const CHILD = resolve(import.meta.dirname, 'atomic-write-child.ts');

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'placelens-'));
}

/** A system error as node:fs throws it, for the failures a test machine cannot produce on demand. */
function systemError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** Bytes that differ from place to place, so a file that is half old and half new cannot pass for either. */
function payload(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i += 4) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    bytes.writeUInt32LE(x, i);
  }
  return bytes;
}

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file', async () => {
    const dir = tempFolder();
    const path = join(dir, 'project.gpkg');
    writeFileSync(path, 'old');
    await writeFileAtomic(path, new TextEncoder().encode('new'));
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['project.gpkg']);
  });

  it('creates the file when there was none', async () => {
    const dir = tempFolder();
    await writeFileAtomic(join(dir, 'first.gpkg'), new Uint8Array([1, 2, 3]));
    expect([...readFileSync(join(dir, 'first.gpkg'))]).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['first.gpkg']);
  });

  it('runs the stages in order: write, flush, rename', async () => {
    const dir = tempFolder();
    const path = join(dir, 'project.gpkg');
    writeFileSync(path, 'old');
    const seen: string[] = [];
    await writeFileAtomic(path, new TextEncoder().encode('new'), {
      afterWrite: () => void seen.push(`write:${readFileSync(path, 'utf8')}`),
      afterFlush: () => void seen.push(`flush:${readFileSync(path, 'utf8')}`),
      afterRename: () => void seen.push(`rename:${readFileSync(path, 'utf8')}`),
    });
    expect(seen).toEqual(['write:old', 'flush:old', 'rename:new']);
  });

  describe('a process killed part way leaves the old file or the new one, never part of each', () => {
    const SIZE = 8 * 1024 * 1024;
    const oldBytes = payload(SIZE, 1);
    const newBytes = payload(SIZE + 4096, 2);

    it.each([
      ['afterWrite', 'old'],
      ['afterFlush', 'old'],
      ['afterRename', 'new'],
      ['none', 'new'],
    ] as const)('killed %s: the target holds the %s bytes', (stage, expected) => {
      const dir = tempFolder();
      const target = join(dir, 'project.gpkg');
      const source = join(tempFolder(), 'payload.bin');
      writeFileSync(target, oldBytes);
      writeFileSync(source, newBytes);
      const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, target, source, stage], { cwd: ROOT, encoding: 'utf8' });
      if (stage === 'none') {
        expect(child.stderr).toBe('');
        expect(child.status).toBe(0);
      } else {
        expect(child.signal).toBe('SIGKILL');
      }
      const after = readFileSync(target);
      expect(after.equals(expected === 'old' ? oldBytes : newBytes)).toBe(true);
      // Before the rename the killed save leaves its temporary file behind, for the next save to tidy.
      const temps = readdirSync(dir).filter((n) => n.endsWith(TEMP_SUFFIX));
      expect(temps).toHaveLength(stage === 'afterWrite' || stage === 'afterFlush' ? 1 : 0);
      for (const t of temps) expect(t.startsWith('.project.gpkg.')).toBe(true);
    }, 30_000);
  });

  it('tidies temporary files a crash left more than an hour ago, and only those', async () => {
    const dir = tempFolder();
    const path = join(dir, 'project.gpkg');
    const stale = join(dir, '.project.gpkg.123.abc.placelens-tmp');
    const otherStale = join(dir, '.other.gpkg.9.def.placelens-tmp');
    const fresh = join(dir, '.project.gpkg.456.xyz.placelens-tmp');
    const notOurs = join(dir, '.old-notes.tmp');
    for (const f of [stale, otherStale, fresh, notOurs]) writeFileSync(f, 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    for (const f of [stale, otherStale, notOurs]) utimesSync(f, twoHoursAgo, twoHoursAgo);
    await writeFileAtomic(path, new Uint8Array([1]));
    expect(readdirSync(dir).sort()).toEqual(['.old-notes.tmp', '.project.gpkg.456.xyz.placelens-tmp', 'project.gpkg']);
  });

  it('a full disk: says so, keeps the old file and leaves no temporary file', async () => {
    const dir = tempFolder();
    const path = join(dir, 'Kilburn spend.gpkg');
    writeFileSync(path, 'old');
    const write = writeFileAtomic(path, payload(1024 * 1024, 3), {
      afterWrite: () => {
        throw systemError('ENOSPC');
      },
    });
    await expect(write).rejects.toThrow('Could not save Kilburn spend.gpkg: the disk is full.');
    await expect(write).rejects.toMatchObject({ name: 'WriteError', code: 'ENOSPC' });
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['Kilburn spend.gpkg']);
  });

  it('a failed flush is a failed save too', async () => {
    const dir = tempFolder();
    const path = join(dir, 'project.gpkg');
    writeFileSync(path, 'old');
    await expect(writeFileAtomic(path, new Uint8Array([1]), { afterFlush: () => Promise.reject(systemError('EIO')) })).rejects.toThrow(/Could not save project.gpkg: EIO/);
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['project.gpkg']);
  });

  it('a protected folder (simulated, since CI runs as root): says so and keeps the old file', async () => {
    const dir = tempFolder();
    const path = join(dir, 'project.gpkg');
    writeFileSync(path, 'old');
    await expect(writeFileAtomic(path, new Uint8Array([1]), { afterWrite: () => Promise.reject(systemError('EACCES')) })).rejects.toThrow(
      'Could not save project.gpkg: PlaceLens is not allowed to write in that folder (read-only or protected).',
    );
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['project.gpkg']);
  });

  it.skipIf(process.getuid?.() === 0)('a read-only folder (real chmod): says so and keeps the old file', async () => {
    const dir = tempFolder();
    const path = join(dir, 'project.gpkg');
    writeFileSync(path, 'old');
    chmodSync(dir, 0o500);
    try {
      await expect(writeFileAtomic(path, new Uint8Array([1]))).rejects.toThrow(/not allowed to write in that folder/);
    } finally {
      chmodSync(dir, 0o700);
    }
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['project.gpkg']);
  });

  it.skipIf(process.getuid?.() === 0)('a file marked read-only is not replaced', async () => {
    const dir = tempFolder();
    const path = join(dir, 'project.gpkg');
    writeFileSync(path, 'old');
    chmodSync(path, 0o444);
    await expect(writeFileAtomic(path, new Uint8Array([1]))).rejects.toThrow(/not allowed/);
    expect(readFileSync(path, 'utf8')).toBe('old');
  });

  it('a folder that has gone: says which', async () => {
    await expect(writeFileAtomic('/nonexistent-folder/p.gpkg', new Uint8Array([1]))).rejects.toThrow('Could not save p.gpkg: the folder /nonexistent-folder no longer exists.');
  });

  it('keeps the permissions of the file it replaces', async () => {
    const dir = tempFolder();
    const path = join(dir, 'shared.gpkg');
    writeFileSync(path, 'old');
    chmodSync(path, 0o640);
    await writeFileAtomic(path, new Uint8Array([1]));
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });
});

describe('describeWriteError', () => {
  const path = join('/projects', 'Kilburn spend.gpkg');
  it.each([
    ['ENOSPC', 'the disk is full'],
    ['EDQUOT', 'your disk quota is used up'],
    ['EACCES', 'PlaceLens is not allowed to write in that folder (read-only or protected)'],
    ['EPERM', 'PlaceLens is not allowed to write in that folder (read-only or protected)'],
    ['EROFS', 'the drive is read-only'],
    ['EBUSY', 'another program has the file open'],
    ['ETXTBSY', 'another program has the file open'],
    ['ENOENT', 'the folder /projects no longer exists'],
  ])('%s → %s, naming the file', (code, reason) => {
    expect(describeWriteError(systemError(code), path, 'linux')).toBe(`Could not save Kilburn spend.gpkg: ${reason}.`);
  });
  it('on Windows, EPERM may also be a file another program holds open', () => {
    expect(describeWriteError(systemError('EPERM'), path, 'win32')).toMatch(/not allowed.*or another program has the file open/);
  });
  it('anything else keeps its own message, and a described error is not described twice', () => {
    expect(describeWriteError(new Error('something odd'), path)).toBe('Could not save Kilburn spend.gpkg: something odd.');
    expect(describeWriteError('a string', path)).toBe('Could not save Kilburn spend.gpkg: a string.');
    const described = new WriteError('Could not save x.gpkg: the disk is full.', 'ENOSPC', undefined);
    expect(describeWriteError(described, '/elsewhere/x.gpkg')).toBe(described.message);
  });
});

describe('isPlainFileName', () => {
  it.each([
    ['Kilburn spend.gpkg', true],
    ['rules.json', true],
    ['../x.gpkg', false],
    ['a/b.gpkg', false],
    ['C:\\x.gpkg', false],
    ['..', false],
    ['', false],
    ['x'.repeat(121), false],
    ['tab\there', false],
  ])('%j → %s', (name, ok) => {
    expect(isPlainFileName(name)).toBe(ok);
  });
});

describe('openFileWithDialog', () => {
  it('reads the chosen file, or gives null when the user cancels', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placelens-'));
    const path = join(dir, 'wards.geojson');
    writeFileSync(path, '{}');
    const chosen = await openFileWithDialog({ showOpenDialog: async () => ({ canceled: false, filePaths: [path] }) }, { title: 't', filters: [] });
    expect(chosen?.name).toBe('wards.geojson');
    expect(new TextDecoder().decode(chosen!.bytes)).toBe('{}');
    expect(await openFileWithDialog({ showOpenDialog: async () => ({ canceled: true, filePaths: [] }) }, { title: 't', filters: [] })).toBeNull();
  });
});

describe('saveFileWithDialog', () => {
  it('writes the bytes where the person chose, or nothing when they cancel', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placelens-'));
    const path = join(dir, 'my rules.json');
    const offered: string[] = [];
    const saved = await saveFileWithDialog(
      { showSaveDialog: async (o) => (offered.push(o.defaultPath), { canceled: false, filePath: path }) },
      { title: 't', suggestedName: 'rules.json', filters: [] },
      new TextEncoder().encode('{"version": 1}'),
    );
    expect(offered).toEqual(['rules.json']);
    expect(saved).toEqual({ name: 'my rules.json' });
    expect(readFileSync(path, 'utf8')).toBe('{"version": 1}');
    expect(await saveFileWithDialog({ showSaveDialog: async () => ({ canceled: true }) }, { title: 't', suggestedName: 'x.json', filters: [] }, new Uint8Array(1))).toBeNull();
    expect(readdirSync(dir)).toEqual(['my rules.json']);
  });
});
