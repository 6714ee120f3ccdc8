import { dialog, type BrowserWindow, type FileFilter } from 'electron'

/** Archive files are SQLite databases; these filters steer the file pickers to them. */
export const ARCHIVE_FILE_FILTERS: FileFilter[] = [
  { name: 'Lab bench archive', extensions: ['labbench', 'sqlite', 'db'] },
  { name: 'All files', extensions: ['*'] },
]

/** Asks for an archive to import; resolves with its path, or undefined when cancelled. */
export async function chooseArchiveToImport(window: BrowserWindow): Promise<string | undefined> {
  const result = await dialog.showOpenDialog(window, {
    title: 'Import archive',
    properties: ['openFile'],
    filters: ARCHIVE_FILE_FILTERS,
  })
  return result.canceled ? undefined : result.filePaths[0]
}

/** Asks where to write an exported archive; resolves with the path, or undefined when cancelled. */
export async function chooseArchiveExportPath(
  window: BrowserWindow,
  defaultFileName: string,
): Promise<string | undefined> {
  const result = await dialog.showSaveDialog(window, {
    title: 'Export archive',
    defaultPath: defaultFileName,
    filters: ARCHIVE_FILE_FILTERS,
  })
  return result.canceled ? undefined : result.filePath
}

/** Shows the About box. */
export async function showAboutDialog(
  window: BrowserWindow,
  about: { productName: string; version: string; description: string },
): Promise<void> {
  await dialog.showMessageBox(window, {
    type: 'info',
    title: `About ${about.productName}`,
    message: `${about.productName} ${about.version}`,
    detail: about.description,
    buttons: ['OK'],
  })
}

/** Shows an error box (e.g. a failed import), attached to the window. */
export async function showErrorDialog(window: BrowserWindow, title: string, message: string): Promise<void> {
  await dialog.showMessageBox(window, { type: 'error', title, message, buttons: ['OK'] })
}
