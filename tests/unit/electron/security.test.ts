import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY, isAllowedNavigation, isTrustedSender, permissionDecision, secureWebPreferences, securityHeaders,
} from '../../../electron/security';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/preload.cjs');
  it('isolates the renderer from Node and sandboxes it', () => {
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('Content-Security-Policy', () => {
  const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
  it("allows scripts only from the app, plus exactly 'wasm-unsafe-eval' for sql.js", () => {
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'/);
  });
  it('names no host but the app itself', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
  });
  it('is sent with every app response', () => {
    expect(securityHeaders()['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('navigation, permissions and IPC senders', () => {
  it.each([
    ['app://placelens/index.html', true],
    ['app://placelens/demo/spend.csv', true],
    ['app://evil/index.html', false],
    ['https://example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('navigation to %s allowed: %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed);
  });
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])('denies the %s permission', (p) => {
    expect(permissionDecision(p)).toBe(false);
  });
  it('trusts IPC only from the app origin', () => {
    expect(isTrustedSender('app://placelens/index.html')).toBe(true);
    expect(isTrustedSender('https://example.com/')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});
