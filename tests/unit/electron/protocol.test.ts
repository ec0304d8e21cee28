import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { mimeType, resolveAppPath } from '../../../electron/protocol';

const root = resolve('/opt/placelens/dist/renderer');

describe('resolveAppPath', () => {
  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveAppPath('app://placelens/', root)).toBe(resolve(root, 'index.html'));
    expect(resolveAppPath('app://placelens/assets/index.js', root)).toBe(resolve(root, 'assets/index.js'));
    expect(resolveAppPath('app://placelens/demo/spend%20file.csv', root)).toBe(resolve(root, 'demo/spend file.csv'));
  });
  it.each(['app://placelens/../secret.txt', 'app://placelens/%2e%2e/%2e%2e/etc/passwd'])('keeps %s inside the renderer folder', (url) => {
    expect(resolveAppPath(url, root)!.startsWith(root + '/')).toBe(true);
  });
  it.each(['app://placelens/..%2f..%2fetc%2fpasswd', 'app://placelens/a%00.js', 'app://placelens/%E0%A4%A'])('refuses %s', (url) => {
    expect(resolveAppPath(url, root)).toBeNull();
  });
  it('serves wasm and modules with the types browsers insist on', () => {
    expect(mimeType('x/sql-wasm.wasm')).toBe('application/wasm');
    expect(mimeType('x/maplibre-gl-worker.mjs')).toMatch(/javascript/);
  });
});
