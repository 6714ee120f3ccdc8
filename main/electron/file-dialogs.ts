/**
 * Electron's file pickers as the services' `FileDialogs` collaborator (archives and CSV): the
 * services never import electron, they ask this adapter for a path.
 */
import { dialog, type BrowserWindow } from 'electron'
import type { FileDialogs } from '../services/archive-service'

/** File dialogs attached to the current main window (free-floating when there is none). */
export function createElectronFileDialogs(currentWindow: () => BrowserWindow | undefined): FileDialogs {
  return {
    chooseSavePath: async ({ title, defaultFileName, filters }) => {
      const window = currentWindow()
      const options = { title, defaultPath: defaultFileName, filters }
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options)
      return result.canceled ? undefined : result.filePath
    },
    chooseOpenPath: async ({ title, filters }) => {
      const window = currentWindow()
      const options = { title, filters, properties: ['openFile' as const] }
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? undefined : result.filePaths[0]
    },
  }
}
