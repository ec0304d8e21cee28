import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileWithDialog, saveFileWithDialog, writeFileAtomic } from '../../../electron/files';

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placelens-'));
    const path = join(dir, 'project.gpkg');
    writeFileSync(path, 'old');
    await writeFileAtomic(path, new TextEncoder().encode('new'));
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['project.gpkg']);
  });
  it('leaves the old file intact when the folder cannot be written', async () => {
    if (process.getuid?.() === 0) {
      // root ignores folder permissions; a missing folder fails the same way before any write.
      await expect(writeFileAtomic('/nonexistent-folder/p.gpkg', new Uint8Array([1]))).rejects.toThrow(/ENOENT/);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'placelens-'));
    const path = join(dir, 'project.gpkg');
    writeFileSync(path, 'old');
    chmodSync(dir, 0o500);
    await expect(writeFileAtomic(path, new Uint8Array([1]))).rejects.toThrow();
    chmodSync(dir, 0o700);
    expect(readFileSync(path, 'utf8')).toBe('old');
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
