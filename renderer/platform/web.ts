// The web shell: files come from a file picker; there is no native menu.

import type { Platform } from './platform';
import { copyToClipboard, fetchBundled } from './platform';
import { isAudienceChannel, type OpenedFile, type OpenFileRequest, type ProjectFileRef, type RecoveryFile } from './bridge';

const PROJECT_FILTER = { title: 'Open project', filters: [{ name: 'PlaceLens project (GeoPackage)', extensions: ['gpkg'] }] };

export function webPlatform(): Platform {
  let dirty = false;
  // The browser's own question before leaving a page with unsaved work; it cannot offer to save.
  window.addEventListener('beforeunload', (event) => {
    if (dirty) event.preventDefault();
  });
  return {
    openFile: (request) => pickFile(request),
    copyText: (text) => copyToClipboard(text),
    saveFile: async (request, bytes) => {
      downloadFile(request.suggestedName, bytes);
      return { name: request.suggestedName };
    },
    readBundled: fetchBundled,
    onMenuCommand: () => () => {},
    async openProject() {
      const file = await pickFile(PROJECT_FILTER);
      return file && { ref: { id: `picked:${file.name}`, name: file.name }, bytes: file.bytes };
    },
    async openRecentProject() {
      throw new Error('The web shell keeps no recent projects: open the file again with File › Open project….');
    },
    async saveProject(_ref, suggestedName, bytes) {
      const name = /\.gpkg$/i.test(suggestedName) ? suggestedName : `${suggestedName}.gpkg`;
      downloadFile(name, bytes);
      return { ok: true, ref: { id: `download:${name}`, name } };
    },
    recentProjects: async () => [],
    writeRecovery: (projectName, ref, bytes) => recoveryStore('readwrite', (store) => store.put({ projectName, ref, savedAt: new Date().toISOString(), bytes } satisfies RecoveryFile, RECOVERY_KEY)).then(() => {}),
    readRecovery: () => recoveryStore('readonly', (store) => store.get(RECOVERY_KEY)).then((r) => (isRecovery(r) ? r : null)),
    clearRecovery: () => recoveryStore('readwrite', (store) => store.delete(RECOVERY_KEY)).then(() => {}),
    setDocumentState(state) {
      document.title = state.title;
      dirty = state.dirty;
    },
    closeWindow: () => window.close(),
    // The browser's own print dialog, where Save as PDF is one of the printers; it does the saving itself.
    printPage: async () => {
      window.print();
      return null;
    },
    // A named popup: opening again reuses the same browser window. window.open gives null when a popup blocker stops it.
    openAudienceWindow: async (channel) => {
      if (!isAudienceChannel(channel)) throw new Error('openAudienceWindow: channel must be 8 to 32 lowercase letters and digits');
      return window.open(`${location.pathname}?audience=${channel}`, 'placelens-audience', 'popup=yes,width=1280,height=800') !== null;
    },
    // briefFolder is left out on purpose: the browser can neither print to a file nor write into a chosen folder.
  };
}

// Unsaved work is kept in the browser's own storage for this page (IndexedDB), the web shell's recovery file.
const RECOVERY_KEY = 'current';

function recoveryStore<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openRecoveryDatabase().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const request = act(db.transaction('recovery', mode).objectStore('recovery'));
        request.onsuccess = () => {
          db.close();
          resolve(request.result);
        };
        request.onerror = () => {
          db.close();
          reject(request.error ?? new Error('the browser refused its storage'));
        };
      }),
  );
}

/** The database with its one store; a database left without it (by an older page, or by hand) is upgraded to have it. */
function openRecoveryDatabase(version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open('placelens-recovery', version);
    opening.onupgradeneeded = () => {
      if (!opening.result.objectStoreNames.contains('recovery')) opening.result.createObjectStore('recovery');
    };
    opening.onerror = () => reject(opening.error ?? new Error('the browser refused its storage'));
    opening.onsuccess = () => {
      const db = opening.result;
      if (db.objectStoreNames.contains('recovery')) return resolve(db);
      db.close();
      openRecoveryDatabase(db.version + 1).then(resolve, reject);
    };
  });
}

function isRecovery(v: unknown): v is RecoveryFile {
  const r = v as RecoveryFile | undefined;
  return !!r && typeof r.projectName === 'string' && typeof r.savedAt === 'string' && r.bytes instanceof Uint8Array && (r.ref === null || isRef(r.ref));
}

function isRef(v: unknown): v is ProjectFileRef {
  const r = v as ProjectFileRef;
  return typeof r?.id === 'string' && typeof r.name === 'string';
}

function pickFile(request: OpenFileRequest): Promise<OpenedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = request.filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
    input.title = request.title;
    input.hidden = true;
    input.dataset.testid = 'file-picker';
    document.body.append(input);
    const done = () => input.remove();
    input.addEventListener('cancel', () => {
      done();
      resolve(null);
    });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      done();
      if (!file) return resolve(null);
      file.arrayBuffer().then((buffer) => resolve({ name: file.name, bytes: new Uint8Array(buffer) }), reject);
    });
    input.click();
  });
}

/** The web shell saves by download; the browser chooses the folder (and may rename a clash). */
function downloadFile(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)]));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: Chromium reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
