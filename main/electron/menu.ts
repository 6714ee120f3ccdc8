import { Menu, type MenuItemConstructorOptions } from 'electron'

/** What the menu items do; the composition root supplies them. */
export interface MenuActions {
  /** File > Import archive...; the item is disabled while this is undefined. */
  readonly importArchive?: () => void
  /** File > Export archive...; the item is disabled while this is undefined. */
  readonly exportArchive?: () => void
  /** Help > About LRO Lab Bench. */
  readonly showAbout: () => void
}

/** Inputs of the menu template. */
export interface MenuTemplateOptions {
  readonly productName: string
  /** Developer tools are offered only in development builds. */
  readonly isDevelopment: boolean
  /** On macOS the first menu is the application menu. */
  readonly isMac: boolean
  readonly actions: MenuActions
}

/** The application menu as a template (pure data plus callbacks, so it is testable). */
export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const { actions } = options
  const viewItems: MenuItemConstructorOptions[] = [{ role: 'reload' }]
  if (options.isDevelopment) {
    viewItems.push({ role: 'toggleDevTools' })
  }
  viewItems.push({ type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' })
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        {
          label: 'Import Archive…',
          accelerator: 'CmdOrCtrl+O',
          enabled: actions.importArchive !== undefined,
          click: () => actions.importArchive?.(),
        },
        {
          label: 'Export Archive…',
          accelerator: 'CmdOrCtrl+E',
          enabled: actions.exportArchive !== undefined,
          click: () => actions.exportArchive?.(),
        },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: viewItems },
    {
      role: 'help',
      submenu: [{ label: `About ${options.productName}`, click: () => actions.showAbout() }],
    },
  ]
  if (options.isMac) {
    template.unshift({ role: 'appMenu' })
  }
  return template
}

/** Installs the template as the application menu. */
export function installApplicationMenu(template: MenuItemConstructorOptions[]): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
