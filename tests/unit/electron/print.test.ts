import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printToPdfInFolder, printToPdfWithDialog, type PdfOptions, type PrintableContents } from '../../../electron/print';
import { ChosenFolders, type FolderDialogApi } from '../../../electron/folders';
import type { SaveDialogApi } from '../../../electron/files';
import type { PrintRequest } from '../../../renderer/platform/bridge';

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'placelens-print-'));
}

/** A window's webContents that records what it was asked and answers with the given bytes, or fails. */
function fakeContents(answer: Uint8Array | Error) {
  const printed: PdfOptions[] = [];
  const contents: PrintableContents = {
    printToPDF: async (options) => {
      printed.push(options);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { contents, printed };
}

/** A save dialog that answers with the given path, or as cancelled when there is none. */
function fakeDialog(filePath: string | undefined) {
  const asked: Parameters<SaveDialogApi['showSaveDialog']>[0][] = [];
  const dialog: SaveDialogApi = {
    showSaveDialog: async (options) => {
      asked.push(options);
      return filePath ? { canceled: false, filePath } : { canceled: true };
    },
  };
  return { dialog, asked };
}

const request: PrintRequest = { title: 'Print brief', suggestedName: 'Kilburn brief.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }], landscape: true };
const PDF = new TextEncoder().encode('%PDF-1.7\n…brief…\n%%EOF\n');

describe('printToPdfWithDialog', () => {
  it('asks first, and prints nothing when the person cancels', async () => {
    const { contents, printed } = fakeContents(PDF);
    const { dialog, asked } = fakeDialog(undefined);
    await expect(printToPdfWithDialog(contents, dialog, request)).resolves.toBeNull();
    expect(asked).toEqual([{ title: 'Print brief', defaultPath: 'Kilburn brief.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] }]);
    expect(printed).toEqual([]);
  });

  it('prints the page to A4 as asked and writes exactly those bytes to the chosen file', async () => {
    const dir = tempFolder();
    const path = join(dir, 'Brief for Kilburn.pdf');
    const { contents, printed } = fakeContents(Buffer.from(PDF));
    const { dialog } = fakeDialog(path);
    await expect(printToPdfWithDialog(contents, dialog, request)).resolves.toEqual({ name: 'Brief for Kilburn.pdf' });
    expect(new Uint8Array(readFileSync(path))).toEqual(PDF);
    expect(readdirSync(dir)).toEqual(['Brief for Kilburn.pdf']);
    expect(printed).toEqual([
      { pageSize: 'A4', landscape: true, printBackground: true, generateTaggedPDF: true, generateDocumentOutline: true, preferCSSPageSize: true },
    ]);
  });

  it('prints portrait when asked', async () => {
    const dir = tempFolder();
    const { contents, printed } = fakeContents(PDF);
    await printToPdfWithDialog(contents, fakeDialog(join(dir, 'b.pdf')).dialog, { ...request, landscape: false });
    expect(printed).toEqual([expect.objectContaining({ pageSize: 'A4', landscape: false, printBackground: true, generateTaggedPDF: true })]);
  });

  it('replaces an earlier file at the chosen path', async () => {
    const dir = tempFolder();
    const path = join(dir, 'brief.pdf');
    writeFileSync(path, 'the old brief');
    await printToPdfWithDialog(fakeContents(PDF).contents, fakeDialog(path).dialog, request);
    expect(new Uint8Array(readFileSync(path))).toEqual(PDF);
    expect(readdirSync(dir)).toEqual(['brief.pdf']);
  });

  it('a failed print rejects with the reason and leaves the file already there untouched', async () => {
    const dir = tempFolder();
    const path = join(dir, 'brief.pdf');
    writeFileSync(path, 'the old brief');
    const { contents } = fakeContents(new Error('Failed to generate PDF'));
    await expect(printToPdfWithDialog(contents, fakeDialog(path).dialog, request)).rejects.toThrow('Failed to generate PDF');
    expect(readFileSync(path, 'utf8')).toBe('the old brief');
    expect(readdirSync(dir)).toEqual(['brief.pdf']);
  });

  it('a failed write says why, naming the file, and leaves no half-written file', async () => {
    const dir = tempFolder();
    const path = join(dir, 'gone', 'brief.pdf');
    await expect(printToPdfWithDialog(fakeContents(PDF).contents, fakeDialog(path).dialog, request)).rejects.toThrow(/Could not save brief\.pdf: the folder .*gone no longer exists/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('printToPdfInFolder', () => {
  /** A folder dialog that answers with the given folder, or as cancelled. */
  const folderDialog = (path: string | null): FolderDialogApi => ({
    showOpenDialog: async () => (path ? { canceled: false, filePaths: [path] } : { canceled: true, filePaths: [] }),
  });

  it('a cancelled folder dialog gives null, and there is nothing to print into', async () => {
    await expect(new ChosenFolders().choose(folderDialog(null), 'Choose a folder for the briefs')).resolves.toBeNull();
  });

  it('prints the page to A4 and writes exactly those bytes as the name given, in the chosen folder', async () => {
    const dir = tempFolder();
    const folders = new ChosenFolders();
    const folder = (await folders.choose(folderDialog(dir), 'Choose'))!;
    const { contents, printed } = fakeContents(Buffer.from(PDF));
    await expect(printToPdfInFolder(contents, folders, folder, 'Kilburn (E05013661).pdf', false)).resolves.toEqual({ name: 'Kilburn (E05013661).pdf' });
    expect(new Uint8Array(readFileSync(join(dir, 'Kilburn (E05013661).pdf')))).toEqual(PDF);
    expect(readdirSync(dir)).toEqual(['Kilburn (E05013661).pdf']);
    expect(printed).toEqual([
      { pageSize: 'A4', landscape: false, printBackground: true, generateTaggedPDF: true, generateDocumentOutline: true, preferCSSPageSize: true },
    ]);
  });

  it('replaces an earlier file of that name atomically', async () => {
    const dir = tempFolder();
    writeFileSync(join(dir, 'brief.pdf'), 'the old brief');
    const folders = new ChosenFolders();
    const { contents, printed } = fakeContents(PDF);
    await printToPdfInFolder(contents, folders, folders.refFor(dir), 'brief.pdf', true);
    expect(new Uint8Array(readFileSync(join(dir, 'brief.pdf')))).toEqual(PDF);
    expect(readdirSync(dir)).toEqual(['brief.pdf']);
    expect(printed).toEqual([expect.objectContaining({ landscape: true })]);
  });

  it('a failed print rejects with the reason and leaves the file already there untouched', async () => {
    const dir = tempFolder();
    writeFileSync(join(dir, 'brief.pdf'), 'the old brief');
    const folders = new ChosenFolders();
    const { contents } = fakeContents(new Error('Failed to generate PDF'));
    await expect(printToPdfInFolder(contents, folders, folders.refFor(dir), 'brief.pdf', false)).rejects.toThrow('Failed to generate PDF');
    expect(readFileSync(join(dir, 'brief.pdf'), 'utf8')).toBe('the old brief');
    expect(readdirSync(dir)).toEqual(['brief.pdf']);
  });

  it('refuses a folder id it did not issue, printing nothing', async () => {
    const { contents, printed } = fakeContents(PDF);
    await expect(printToPdfInFolder(contents, new ChosenFolders(), { id: 'made-up', name: 'tmp' }, 'brief.pdf', false)).rejects.toThrow(/not issued by PlaceLens/);
    expect(printed).toEqual([]);
  });

  it.each(['../brief.pdf', '/tmp/brief.pdf', 'sub\\brief.pdf', 'index.html', 'brief.pdf.exe', `${'x'.repeat(117)}.pdf`])('refuses the name %j, printing and writing nothing', async (name) => {
    const dir = tempFolder();
    const folders = new ChosenFolders();
    const { contents, printed } = fakeContents(PDF);
    await expect(printToPdfInFolder(contents, folders, folders.refFor(dir), name, false)).rejects.toThrow(/^refused: fileName must/);
    expect(printed).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
