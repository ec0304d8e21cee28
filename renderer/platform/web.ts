// The web shell: files come from a file picker; there is no native menu.

import type { Platform } from './platform';
import { fetchBundled } from './platform';
import type { OpenedFile, OpenFileRequest } from './bridge';

export function webPlatform(): Platform {
  return {
    openFile: (request) => pickFile(request),
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
