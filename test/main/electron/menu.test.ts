import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'

const installed = vi.hoisted(() => ({ template: undefined as unknown, menu: undefined as unknown }))

vi.mock('electron', () => ({
  Menu: {
    buildFromTemplate: (template: unknown) => {
      installed.template = template
      return { built: template }
    },
    setApplicationMenu: (menu: unknown) => {
      installed.menu = menu
    },
  },
}))

const { buildMenuTemplate, installApplicationMenu } = await import('../../../main/electron/menu')

const noActions = { showAbout: () => undefined }

function submenuOf(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label === label || item.role === label)
  return (menu?.submenu ?? []) as MenuItemConstructorOptions[]
}

function click(item: MenuItemConstructorOptions | undefined): void {
  ;(item?.click as (() => void) | undefined)?.()
}

describe('buildMenuTemplate', () => {
  it('has File with import, export and quit', () => {
    const file = submenuOf(
      buildMenuTemplate({ productName: 'P', isDevelopment: false, isMac: false, actions: noActions }),
      'File',
    )
    expect(file.map((item) => item.label ?? item.role ?? item.type)).toEqual([
      'Import Archive…',
      'Export Archive…',
      'separator',
      'quit',
    ])
  })

  it('offers developer tools only in development', () => {
    const view = (isDevelopment: boolean) =>
      submenuOf(
        buildMenuTemplate({ productName: 'P', isDevelopment, isMac: false, actions: noActions }),
        'View',
      ).map((item) => item.role)
    expect(view(true)).toContain('toggleDevTools')
    expect(view(false)).not.toContain('toggleDevTools')
    expect(view(false)).toContain('reload')
  })

  it('disables archive items until their actions are wired, then calls them', () => {
    const unwired = submenuOf(
      buildMenuTemplate({ productName: 'P', isDevelopment: false, isMac: false, actions: noActions }),
      'File',
    )
    expect(unwired[0].enabled).toBe(false)
    expect(unwired[1].enabled).toBe(false)

    const importArchive = vi.fn()
    const exportArchive = vi.fn()
    const wired = submenuOf(
      buildMenuTemplate({
        productName: 'P',
        isDevelopment: false,
        isMac: false,
        actions: { ...noActions, importArchive, exportArchive },
      }),
      'File',
    )
    expect(wired[0].enabled).toBe(true)
    click(wired[0])
    click(wired[1])
    expect(importArchive).toHaveBeenCalledOnce()
    expect(exportArchive).toHaveBeenCalledOnce()
  })

  it('shows About from the Help menu', () => {
    const showAbout = vi.fn()
    const help = submenuOf(
      buildMenuTemplate({
        productName: 'LRO Lab Bench',
        isDevelopment: false,
        isMac: false,
        actions: { showAbout },
      }),
      'help',
    )
    expect(help[0].label).toBe('About LRO Lab Bench')
    click(help[0])
    expect(showAbout).toHaveBeenCalledOnce()
  })

  it('starts with the application menu on macOS only', () => {
    expect(
      buildMenuTemplate({ productName: 'P', isDevelopment: false, isMac: true, actions: noActions })[0].role,
    ).toBe('appMenu')
    expect(
      buildMenuTemplate({ productName: 'P', isDevelopment: false, isMac: false, actions: noActions })[0]
        .label,
    ).toBe('File')
  })
})

describe('installApplicationMenu', () => {
  it('builds the template and sets it as the application menu', () => {
    const template = buildMenuTemplate({
      productName: 'P',
      isDevelopment: false,
      isMac: false,
      actions: noActions,
    })
    installApplicationMenu(template)
    expect(installed.template).toBe(template)
    expect(installed.menu).toEqual({ built: template })
  })
})
