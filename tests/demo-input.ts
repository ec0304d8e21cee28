// The bundled demo project read from data/demo/ as the app reads it: through its manifest.

import { resolve } from 'node:path';
import type { ProjectInput } from '../renderer/engine/contract';
import type { ProjectManifest } from '../renderer/store/store';
import { DEMO, readBytes, readText } from './paths';

export function demoManifest(): ProjectManifest {
  return JSON.parse(readText(resolve(DEMO, 'project.json'))) as ProjectManifest;
}

export function demoInput(options: { postcodes?: boolean; places?: boolean } = {}): ProjectInput {
  const m = demoManifest();
  const file = (name: string) => ({ name, bytes: readBytes(resolve(DEMO, name)) });
  return {
    name: m.name,
    notice: m.notice,
    boundaryVintage: m.boundaryVintage,
    wards: file(m.wards),
    spend: m.spend.map(file),
    postcodes: options.postcodes !== false && m.postcodes ? file(m.postcodes) : undefined,
    places: options.places !== false && m.places ? ([] as string[]).concat(m.places).map(file) : undefined,
  };
}
