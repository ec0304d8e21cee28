import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../electron/menu';
import type { MenuItemConstructorOptions } from 'electron';

describe('menuTemplate', () => {
  it('File › Open wards… sends the open-wards command to the renderer', () => {
    const sent: string[] = [];
    const file = menuTemplate((c) => sent.push(c), false).find((m) => m.label === '&File')!;
    const open = (file.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Open &wards…')!;
    (open.click as () => void)();
    expect(sent).toEqual(['open-wards']);
  });
});
