// The web shell: files come from a file picker; there is no native menu.

import type { Platform } from './platform';
import { fetchBundled } from './platform';
import type { OpenedFile, OpenFileRequest } from './bridge';

export function webPlatform(): Platform {
  return {
    openFile: (request) => pickFile(request),
    saveFile: async (request, bytes) => {
      downloadFile(request.suggestedName, bytes);
      return { name: request.suggestedName };
    },
    readBundled: fetchBundled,
    onMenuCommand: () => () => {},
  };
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
