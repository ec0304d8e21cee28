import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../electron/menu';
import type { MenuItemConstructorOptions } from 'electron';

function fileMenu(sent: string[]): MenuItemConstructorOptions[] {
  const file = menuTemplate((c) => sent.push(c), false).find((m) => m.label === '&File')!;
  return file.submenu as MenuItemConstructorOptions[];
}

describe('menuTemplate', () => {
  it('File › Open wards… sends the open-wards command to the renderer', () => {
    const sent: string[] = [];
    const open = fileMenu(sent).find((i) => i.label === 'Open &wards…')!;
    (open.click as () => void)();
    expect(sent).toEqual(['open-wards']);
  });

  it('opens with the project commands and their usual shortcuts, then a separator, then the rest', () => {
    const sent: string[] = [];
    const items = fileMenu(sent);
    const project = items.slice(0, 5);
    expect(project.map((i) => [i.label, i.accelerator])).toEqual([
      ['&New project', 'CmdOrCtrl+N'],
      ['&Open project…', 'CmdOrCtrl+O'],
      ['Open r&ecent…', undefined],
      ['&Save', 'CmdOrCtrl+S'],
      ['Save &as…', 'CmdOrCtrl+Shift+S'],
    ]);
    for (const item of project) (item.click as () => void)();
    expect(sent).toEqual(['new-project', 'open-project', 'open-recent', 'save-project', 'save-project-as']);
    expect(items[5]).toEqual({ type: 'separator' });
    expect(items[6]!.label).toBe('&Import spend…');
  });

  it('gives no two File items the same shortcut or access key', () => {
    const items = fileMenu([]);
    const accelerators = items.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
    const keys = items.map((i) => i.label?.match(/&(.)/)?.[1]?.toLowerCase()).filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
