import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { ROOT } from '../../paths';

const eslint = new ESLint({ cwd: ROOT });

async function importErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: resolve(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('lint enforces the layering of DESIGN.md', () => {
  it.each([
    ['renderer/domain/x.ts', "import initSqlJs from 'sql.js';\nexport const a = initSqlJs;"],
    ['renderer/domain/x.ts', "import { useApp } from '../store/context';\nexport const a = useApp;"],
    ['renderer/domain/x.ts', 'export const w = window.innerWidth;'],
    ['renderer/ui/x.tsx', "import { Engine } from '../engine/engine';\nexport const a = Engine;"],
    ['renderer/ui/x.tsx', "import { Map } from 'maplibre-gl';\nexport const a = Map;"],
    ['renderer/store/x.ts', "import initSqlJs from 'sql.js';\nexport const a = initSqlJs;"],
    ['renderer/engine/x.ts', "import { create } from 'zustand';\nexport const a = create;"],
    ['renderer/map/x.ts', "import { useApp } from '../store/context';\nexport const a = useApp;"],
    ['renderer/platform/x.ts', "import { readFile } from 'node:fs/promises';\nexport const a = readFile;"],
    ['electron/x.ts', "import { Engine } from '../renderer/engine/engine';\nexport const a = Engine;"],
  ])('refuses in %s: %s', async (file, source) => {
    expect((await importErrors(file, source)).length).toBeGreaterThan(0);
  });

  it.each([
    ['renderer/ui/x.tsx', "import { useApp } from '../store/context';\nexport const a = useApp;"],
    ['renderer/store/x.ts', "import type { EngineApi } from '../engine/contract';\nexport type A = EngineApi;"],
    ['electron/x.ts', "import { CHANNELS } from '../renderer/platform/bridge';\nexport const a = CHANNELS;"],
    ['renderer/engine/x.ts', "import initSqlJs from 'sql.js';\nexport const a = initSqlJs;"],
  ])('allows in %s: %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });
});
