// Where tests find the project's files and the shared real reference data (../shared/data beside the clone).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const SHARED_DATA = resolve(ROOT, '../shared/data');
export const DEMO = resolve(ROOT, 'data/demo');
export const FIXTURES = resolve(ROOT, 'tests/fixtures');

export const CAMDEN_WARDS = resolve(SHARED_DATA, 'camden/wards-2022.geojson');

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}
