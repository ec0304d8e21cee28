// The desktop shell: everything goes through the preload bridge (window.placelens).

import type { Platform } from './platform';
import { copyToClipboard, fetchBundled } from './platform';
import type { Bridge } from './bridge';

export function electronPlatform(bridge: Bridge): Platform {
  return {
    openFile: (request) => bridge.openFile(request),
    copyText: (text) => copyToClipboard(text),
    saveFile: (request, bytes) => bridge.saveFile(request, bytes),
    readBundled: fetchBundled,
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
    openProject: () => bridge.openProject(),
    openRecentProject: (id) => bridge.openRecentProject(id),
    saveProject: (ref, suggestedName, bytes, saveAs) => bridge.saveProject(ref, suggestedName, bytes, saveAs),
    recentProjects: () => bridge.recentProjects(),
    writeRecovery: (projectName, ref, bytes) => bridge.writeRecovery(projectName, ref, bytes),
    readRecovery: () => bridge.readRecovery(),
    clearRecovery: () => bridge.clearRecovery(),
    setDocumentState: (state) => bridge.setDocumentState(state),
    closeWindow: () => bridge.closeWindow(),
    printPage: (request) => bridge.printToPdf(request),
    openAudienceWindow: (channel) => bridge.openAudienceWindow(channel),
    briefFolder: {
      choose: (title) => bridge.chooseFolder(title),
      printPdf: (folder, fileName, landscape) => bridge.printToPdfInFolder(folder, fileName, landscape),
      writeFile: (folder, fileName, bytes) => bridge.writeFileInFolder(folder, fileName, bytes),
    },
  };
}
