import type { IpcMain, IpcMainInvokeEvent } from 'electron'

/**
 * The service implementing a contract: one function per method. Callers type it with the
 * contract interface (e.g. `const runs: RunApi = ...`), which is what keeps it honest.
 */
export type ApiHandlers<Method extends string> = Readonly<Record<Method, (...args: never[]) => unknown>>

/** How a contract is mapped onto IPC; the same options drive `exposeApi` in the preload. */
export interface IpcRegistrationOptions<Method extends string> {
  /** The contract's method names, e.g. `contractMethods` from `main/contract`. */
  readonly methods: readonly Method[]
  /** The channel a method travels on; feature code never writes channel strings. */
  readonly channelOf: (method: Method) => string
  /** Sender check, called with the sending frame's URL (see `isTrustedRendererUrl`). */
  readonly isTrustedSender: (frameUrl: string | undefined) => boolean
  /**
   * Payload validation hook (e.g. the contract's zod schemas): returns the arguments to pass on
   * or throws. Defaults to passing the arguments through unchanged.
   */
  readonly parseArgs?: (method: Method, args: unknown[]) => unknown[]
}

/** Thrown to the renderer when an IPC message does not come from our own renderer. */
export class UntrustedSenderError extends Error {
  constructor(channel: string, frameUrl: string | undefined) {
    super(`IPC on ${channel} refused: untrusted sender ${frameUrl ?? '(no frame)'}`)
    this.name = 'UntrustedSenderError'
  }
}

/**
 * Registers one `ipcMain.handle` per contract method: checks the sender, validates the payload,
 * then calls the service implementation. Returns a function that removes the handlers (the
 * composition root calls it on quit). Electron-specific code stays here and in the preload; the
 * handlers themselves are plain services.
 */
export function registerIpcHandlers<Method extends string>(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: ApiHandlers<Method>,
  options: IpcRegistrationOptions<Method>,
): () => void {
  const channels: string[] = []
  for (const method of options.methods) {
    const channel = options.channelOf(method)
    const handler = handlers[method] as unknown as (...args: unknown[]) => unknown
    if (typeof handler !== 'function') {
      throw new TypeError(`registerIpcHandlers: no handler for contract method "${method}"`)
    }
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const frameUrl = event.senderFrame?.url
      if (!options.isTrustedSender(frameUrl)) {
        throw new UntrustedSenderError(channel, frameUrl)
      }
      const parsedArgs = options.parseArgs ? options.parseArgs(method, args) : args
      return handler.apply(handlers, parsedArgs)
    })
    channels.push(channel)
  }
  return () => {
    for (const channel of channels) {
      ipcMain.removeHandler(channel)
    }
  }
}
