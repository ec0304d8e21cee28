import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChosenFolders, folderFileNameProblem, PRINT_EXTENSIONS, WRITE_EXTENSIONS, type FolderDialogApi } from '../../../electron/folders';
import { MAX_SAVE_BYTES } from '../../../renderer/platform/bridge';

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'placelens-folders-'));
}

/** A folder dialog that answers with the given folder, or as cancelled when there is none, and remembers what it was asked. */
function folderDialog(path: string | null): FolderDialogApi & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    showOpenDialog: async (options) => (asked.push(options), path ? { canceled: false, filePaths: [path] } : { canceled: true, filePaths: [] }),
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('folderFileNameProblem', () => {
  it.each([
    ['Kilburn (E05013661).pdf', PRINT_EXTENSIONS],
    ['brief.PDF', PRINT_EXTENSIONS],
    ['index.html', WRITE_EXTENSIONS],
    ['index.csv', WRITE_EXTENSIONS],
    ['Kilburn.pdf', WRITE_EXTENSIONS],
    [`${'x'.repeat(116)}.pdf`, PRINT_EXTENSIONS],
  ])('takes %j', (name, extensions) => {
    expect(folderFileNameProblem(name, extensions)).toBeNull();
  });
  it.each([
    ['../brief.pdf', PRINT_EXTENSIONS, /plain file name/],
    ['/tmp/brief.pdf', PRINT_EXTENSIONS, /plain file name/],
    ['a\\b.pdf', PRINT_EXTENSIONS, /plain file name/],
    ['..', WRITE_EXTENSIONS, /plain file name/],
    ['', WRITE_EXTENSIONS, /plain file name/],
    [undefined, WRITE_EXTENSIONS, /plain file name/],
    [`${'x'.repeat(117)}.pdf`, PRINT_EXTENSIONS, /at most 120 characters/],
    ['index.html', PRINT_EXTENSIONS, /^fileName must end in \.pdf$/],
    ['brief', PRINT_EXTENSIONS, /end in \.pdf/],
    ['script.js', WRITE_EXTENSIONS, /^fileName must end in \.html, \.csv or \.pdf$/],
    ['index.csv.lnk', WRITE_EXTENSIONS, /end in/],
  ])('refuses %j', (name, extensions, message) => {
    expect(folderFileNameProblem(name, extensions)).toMatch(message);
  });
});

describe('ChosenFolders', () => {
  it('asks for a folder (one that may be made new there), and gives null when the person cancels', async () => {
    const folders = new ChosenFolders();
    const dialog = folderDialog(null);
    await expect(folders.choose(dialog, 'Choose a folder for the briefs')).resolves.toBeNull();
    expect(dialog.asked).toEqual([{ title: 'Choose a folder for the briefs', properties: ['openDirectory', 'createDirectory'] }]);
  });

  it('gives the renderer an opaque id and the folder name, never the path', async () => {
    const dir = tempFolder();
    const folders = new ChosenFolders();
    const ref = await folders.choose(folderDialog(join(dir, 'Briefs March')), 'Choose');
    expect(ref).toEqual({ id: expect.any(String), name: 'Briefs March' });
    expect(JSON.stringify(ref)).not.toContain(dir);
    expect(folders.target(ref!, 'index.html', WRITE_EXTENSIONS)).toBe(join(dir, 'Briefs March', 'index.html'));
  });

  it('a new id each time, and ids from another run (another registry) are refused', async () => {
    const dir = tempFolder();
    const folders = new ChosenFolders();
    const a = folders.refFor(dir);
    const b = folders.refFor(dir);
    expect(a.id).not.toBe(b.id);
    const later = new ChosenFolders();
    expect(() => later.target(a, 'index.html', WRITE_EXTENSIONS)).toThrow(/refused: that folder id was not issued by PlaceLens/);
    await expect(later.writeFile(a, 'index.html', bytes('x'))).rejects.toThrow(/not issued by PlaceLens/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an id it did not issue, even with a real folder name beside it', async () => {
    const folders = new ChosenFolders();
    await expect(folders.writeFile({ id: '/tmp', name: 'tmp' }, 'index.html', bytes('x'))).rejects.toThrow(/not issued by PlaceLens/);
  });

  it.each(['../index.html', '../../etc/cron.d/x.csv', 'sub/index.html', 'C:\\x.html', 'index.sh', '.profile'])('refuses to write %j, writing nothing', async (name) => {
    const dir = tempFolder();
    const folders = new ChosenFolders();
    const ref = folders.refFor(dir);
    await expect(folders.writeFile(ref, name, bytes('x'))).rejects.toThrow(/^refused: fileName must/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses bytes beyond the limit without writing', async () => {
    const dir = tempFolder();
    const folders = new ChosenFolders();
    const huge = { length: MAX_SAVE_BYTES + 1 };
    Object.setPrototypeOf(huge, Uint8Array.prototype);
    await expect(folders.writeFile(folders.refFor(dir), 'index.csv', huge as Uint8Array)).rejects.toThrow(/more than/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes exactly the bytes as the file name given, and answers with that name', async () => {
    const dir = tempFolder();
    const folders = new ChosenFolders();
    const ref = folders.refFor(dir);
    await expect(folders.writeFile(ref, 'index.html', bytes('<h1>Briefs</h1>'))).resolves.toEqual({ name: 'index.html' });
    await expect(folders.writeFile(ref, 'index.csv', bytes('ward,file\n'))).resolves.toEqual({ name: 'index.csv' });
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe('<h1>Briefs</h1>');
    expect(readFileSync(join(dir, 'index.csv'), 'utf8')).toBe('ward,file\n');
    expect(readdirSync(dir).sort()).toEqual(['index.csv', 'index.html']);
  });

  it('replaces an earlier file of that name, leaving no temporary file', async () => {
    const dir = tempFolder();
    writeFileSync(join(dir, 'index.html'), 'the old index');
    const folders = new ChosenFolders();
    await folders.writeFile(folders.refFor(dir), 'index.html', bytes('the new index'));
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe('the new index');
    expect(readdirSync(dir)).toEqual(['index.html']);
  });

  it('a folder that has gone since it was chosen: the write says why, naming the file', async () => {
    const dir = tempFolder();
    const folders = new ChosenFolders();
    const ref = folders.refFor(join(dir, 'gone'));
    await expect(folders.writeFile(ref, 'index.csv', bytes('x'))).rejects.toThrow(/Could not save index\.csv: the folder .*gone no longer exists/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
