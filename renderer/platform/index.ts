// Chooses the shell once at start: the desktop bridge if the preload put it there, else the web shell.

import type { Bridge } from './bridge';
import type { Platform } from './platform';
import { electronPlatform } from './electron';
import { webPlatform } from './web';

export function choosePlatform(): Platform {
  const bridge = (window as Window & { placelens?: Bridge }).placelens;
  return bridge ? electronPlatform(bridge) : webPlatform();
}

export type { Platform };
