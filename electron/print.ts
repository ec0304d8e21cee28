// Printing for briefs: a window's page to an A4 PDF, saved where the person chooses or into a folder they chose. No electron import, so tests give fakes.

import { basename } from 'node:path';
import type { FolderRef, PrintRequest, SavedFile } from '../renderer/platform/bridge';
import { writeFileAtomic, type SaveDialogApi } from './files';
import { PRINT_EXTENSIONS, type ChosenFolders } from './folders';

/** The options PlaceLens gives webContents.printToPDF; every name is one of Electron's PrintToPDFOptions. */
export interface PdfOptions {
  pageSize: 'A4';
  landscape: boolean;
  /** Map fills, chart bars and shaded table rows are backgrounds; without this they print blank. */
  printBackground: boolean;
  /** An accessible (tagged) PDF; experimental in Electron, so the PDF may not meet PDF/UA fully. */
  generateTaggedPDF: boolean;
  /** Bookmarks from the brief's headings; experimental in Electron. */
  generateDocumentOutline: boolean;
  /** A brief's own `@page` size wins over A4 (and Electron then ignores `landscape`). */
  preferCSSPageSize: boolean;
}

/** What printing needs of a window's webContents. */
export interface PrintableContents {
  printToPDF(options: PdfOptions): Promise<Uint8Array | Buffer>;
}

export function pdfOptions(landscape: boolean): PdfOptions {
  return { pageSize: 'A4', landscape, printBackground: true, generateTaggedPDF: true, generateDocumentOutline: true, preferCSSPageSize: true };
}

/**
 * Asks where to save first (a cancel prints nothing), then prints the page and writes the PDF atomically.
 * A failed print or write rejects with the reason and leaves any file already at the chosen path untouched.
 */
export async function printToPdfWithDialog(contents: PrintableContents, dialog: SaveDialogApi, request: PrintRequest): Promise<SavedFile> {
  const result = await dialog.showSaveDialog({ title: request.title, defaultPath: request.suggestedName, filters: request.filters });
  if (result.canceled || !result.filePath) return null;
  const pdf = await contents.printToPDF(pdfOptions(request.landscape));
  await writeFileAtomic(result.filePath, pdf);
  return { name: basename(result.filePath) };
}

/**
 * One brief of a batch: prints the page and writes the PDF atomically as fileName in a folder the person chose earlier.
 * The folder and name are checked before printing, so a refused one prints nothing; a failed print or write rejects
 * with the reason and leaves any file already of that name untouched.
 */
export async function printToPdfInFolder(contents: PrintableContents, folders: ChosenFolders, folder: FolderRef, fileName: string, landscape: boolean): Promise<{ name: string }> {
  const path = folders.target(folder, fileName, PRINT_EXTENSIONS);
  const pdf = await contents.printToPDF(pdfOptions(landscape));
  await writeFileAtomic(path, pdf);
  return { name: fileName };
}
