// The native menu, as data: File › Open wards… sends a command to the renderer, which runs the same action as its own menu.

import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../renderer/platform/bridge';

export function menuTemplate(send: (command: MenuCommand) => void, isMac: boolean): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: '&Import spend…', accelerator: 'CmdOrCtrl+I', click: () => send('import-spend') },
        { label: 'Open &wards…', accelerator: 'CmdOrCtrl+Shift+W', click: () => send('open-wards') },
        { label: 'Add &postcode directory…', click: () => send('add-postcodes') },
        { label: 'Add &UPRN table…', click: () => send('add-uprns') },
        { label: 'Add p&laces register…', click: () => send('add-places') },
        { label: 'Open &demo project', click: () => send('open-demo') },
        { type: 'separator' },
        { label: '&Rules and missions…', click: () => send('edit-rules') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}
