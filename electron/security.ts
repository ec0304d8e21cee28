// All of the desktop shell's hardening in one place, as plain functions the tests can check.

import type { WebPreferences } from 'electron';

/** The app's own origin: the renderer is served from app://placelens/ by protocol.ts. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'placelens';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/**
 * The Content-Security-Policy for every response from the app's origin. sql.js compiles its
 * WebAssembly at run time, which needs exactly 'wasm-unsafe-eval' and nothing looser.
 * MapLibre starts its workers from blob: URLs when it must, hence worker-src blob:.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Only the app's own pages may be loaded in its windows. */
export function isAllowedNavigation(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** PlaceLens needs no camera, microphone, location, notifications or anything else: every request is refused. */
export function permissionDecision(_permission: string): boolean {
  return false;
}

/** IPC is answered only for frames showing the app's own pages, never for anything that got navigated elsewhere. */
export function isTrustedSender(frameUrl: string | undefined | null): boolean {
  return typeof frameUrl === 'string' && isAllowedNavigation(frameUrl);
}

/** Headers added to every app:// response. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
