// What the rest of the renderer may ask of the shell it runs in, whichever shell that is.

import type { FolderRef, MenuCommand, OpenedFile, OpenFileRequest, PrintRequest, ProjectFiles, SavedFile, SaveFileRequest } from './bridge';

export interface Platform extends ProjectFiles {
  openFile(request: OpenFileRequest): Promise<OpenedFile | null>;
  /** Desktop: a save dialog and an atomic write. Web shell: a download of the same bytes. */
  saveFile(request: SaveFileRequest, bytes: Uint8Array): Promise<SavedFile>;
  /** Files bundled with the app (the demo project), by path relative to the app. */
  readBundled(path: string): Promise<Uint8Array>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Puts text on the clipboard (both shells run the renderer in a secure context, where the page's clipboard works). */
  copyText(text: string): Promise<void>;
  /**
   * Prints the current page (an area brief). Desktop: prints the window to an A4 PDF file, saved atomically where the
   * person chooses; null when they cancel. Web shell: opens the browser's print dialog (window.print()), where the
   * person can choose Save as PDF; returns null, because the browser does the saving and says nothing of it.
   */
  printPage(request: PrintRequest): Promise<SavedFile>;
  /**
   * A batch of area briefs into one folder: a PDF per ward, then the index. Desktop only: the web shell cannot print
   * to files, so it has none (undefined), and batches there are made by the command line
   * (`npm run placelens -- briefs FILE.gpkg --all-wards --out FOLDER`).
   */
  briefFolder?: BriefFolder;
  /**
   * Opens the audience window of a presentation's presenter view at index.html?audience=<channel>; channel must pass
   * isAudienceChannel (bridge.ts) or the call rejects. Desktop: a second app window, full screen on a second display
   * when there is one, else 1280×800 in the middle of the main screen; opening again reuses it with the new channel.
   * Web shell: a popup browser window. Resolves false when the window could not be opened (a popup blocker).
   */
  openAudienceWindow(channel: string): Promise<boolean>;
}

/** A folder the person chose, written into by plain file names; the renderer never sees its path. */
export interface BriefFolder {
  /** The folder dialog (a new folder may be made in it). Null when the person cancelled. */
  choose(title: string): Promise<FolderRef | null>;
  /**
   * Prints the current page (a brief) to an A4 PDF named fileName (ending in .pdf) in the folder, atomically,
   * replacing a file of that name. A failed print or write rejects with the reason; any earlier file stays whole.
   */
  printPdf(folder: FolderRef, fileName: string, landscape: boolean): Promise<{ name: string }>;
  /** Writes the bytes atomically as fileName (ending in .html, .csv or .pdf) in the folder, e.g. index.html. */
  writeFile(folder: FolderRef, fileName: string, bytes: Uint8Array): Promise<{ name: string }>;
}

export async function copyToClipboard(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

export async function fetchBundled(path: string): Promise<Uint8Array> {
  const response = await fetch(new URL(path, document.baseURI));
  if (!response.ok) throw new Error(`The app's own file ${path} could not be read (${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}
