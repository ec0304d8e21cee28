// The native menu, as data: File › Open wards… sends a command to the renderer, which runs the same action as its own menu.

import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../renderer/platform/bridge';

export function menuTemplate(send: (command: MenuCommand) => void, isMac: boolean): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: '&New project', accelerator: 'CmdOrCtrl+N', click: () => send('new-project') },
        { label: '&Open project…', accelerator: 'CmdOrCtrl+O', click: () => send('open-project') },
        // The renderer shows the list, with which files have gone missing since.
        { label: 'Open r&ecent…', click: () => send('open-recent') },
        { label: '&Save', accelerator: 'CmdOrCtrl+S', click: () => send('save-project') },
        { label: 'Save &as…', accelerator: 'CmdOrCtrl+Shift+S', click: () => send('save-project-as') },
        { type: 'separator' },
        { label: '&Import spend…', accelerator: 'CmdOrCtrl+I', click: () => send('import-spend') },
        { label: 'Open &wards…', accelerator: 'CmdOrCtrl+Shift+W', click: () => send('open-wards') },
        { label: 'Add &postcode directory…', click: () => send('add-postcodes') },
        { label: 'Add &UPRN table…', click: () => send('add-uprns') },
        { label: 'Add p&laces register…', click: () => send('add-places') },
        { label: 'Load &basemap…', click: () => send('load-basemap') },
        { label: 'Open &demo project', click: () => send('open-demo') },
        { type: 'separator' },
        { label: '&Rules and missions…', click: () => send('edit-rules') },
        { label: 'Area brie&fs for all wards…', click: () => send('briefs-all-wards') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'Wor&kshop',
      submenu: [
        { label: '&Story…', click: () => send('story') },
        // Shift+F5 (from the slide last shown) is the page's own key; F5 here so the menu shows it.
        { label: '&Present from the start', accelerator: 'F5', click: () => send('present') },
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}
