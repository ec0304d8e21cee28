// The desktop shell: everything goes through the preload bridge (window.placelens).

import type { Platform } from './platform';
import { fetchBundled } from './platform';
import type { Bridge } from './bridge';

export function electronPlatform(bridge: Bridge): Platform {
  return {
    openFile: (request) => bridge.openFile(request),
    saveFile: (request, bytes) => bridge.saveFile(request, bytes),
    readBundled: fetchBundled,
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
  };
}
