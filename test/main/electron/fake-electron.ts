/**
 * Minimal stand-ins for the Electron objects the adapters touch, for tests that `vi.mock('electron')`
 * (the Electron binary is not available on build machines). They record what the adapters do.
 */

/** A listener registry with `on`/`once`/`emit`, like Node's EventEmitter (enough for our adapters). */
export class FakeEmitter {
  private readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>()

  on(name: string, listener: (...args: unknown[]) => void): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
    return this
  }

  once(name: string, listener: (...args: unknown[]) => void): this {
    const wrapped = (...args: unknown[]): void => {
      this.listeners.set(
        name,
        (this.listeners.get(name) ?? []).filter((candidate) => candidate !== wrapped),
      )
      listener(...args)
    }
    return this.on(name, wrapped)
  }

  emit(name: string, ...args: unknown[]): boolean {
    const listeners = this.listeners.get(name) ?? []
    for (const listener of listeners) {
      listener(...args)
    }
    return listeners.length > 0
  }

  listenerCount(name: string): number {
    return (this.listeners.get(name) ?? []).length
  }
}

/** An Electron-style event whose `preventDefault` is observable. */
export function fakeEvent(): { preventDefault: () => void; isDefaultPrevented: boolean } {
  const event = {
    isDefaultPrevented: false,
    preventDefault: () => {
      event.isDefaultPrevented = true
    },
  }
  return event
}

/** A WebContents with the events and the window-open handler slot the adapters use. */
export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
}

/** A Session recording its permission handlers and protocol handlers. */
export class FakeSession {
  permissionRequestHandler:
    | ((
        contents: unknown,
        permission: string,
        callback: (isGranted: boolean) => void,
        details: unknown,
      ) => void)
    | undefined
  permissionCheckHandler: ((...args: unknown[]) => boolean) | undefined
  readonly protocolHandlers = new Map<string, (request: Request) => Promise<Response>>()
  readonly protocol = {
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
      this.protocolHandlers.set(scheme, handler)
    },
  }

  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler
  }

  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler
  }
}
