import { describe, expect, it, vi } from 'vitest'

// ipc.ts only imports electron types; the mock guarantees no real electron is ever loaded.
vi.mock('electron', () => ({}))

const { registerIpcHandlers, UntrustedSenderError } = await import('../../../main/electron/ipc')

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>

/** An ipcMain stand-in that records handlers by channel. */
function fakeIpcMain(): {
  handlers: Map<string, Handler>
  handle: (channel: string, handler: Handler) => void
  removeHandler: (channel: string) => void
} {
  const handlers = new Map<string, Handler>()
  return {
    handlers,
    handle: (channel, handler) => {
      if (handlers.has(channel)) {
        throw new Error(`second handler for ${channel}`)
      }
      handlers.set(channel, handler)
    },
    removeHandler: (channel) => {
      handlers.delete(channel)
    },
  }
}

interface EchoApi {
  echo(request: { text: string }): Promise<string>
  version(): Promise<string>
}

const echoApi: EchoApi = {
  echo: async (request) => request.text.toUpperCase(),
  version: async () => '1.2.3',
}

const fromFrame = (url: string | undefined): unknown => ({ senderFrame: url === undefined ? null : { url } })

function register(overrides: { parseArgs?: (method: keyof EchoApi, args: unknown[]) => unknown[] } = {}) {
  const ipcMain = fakeIpcMain()
  const dispose = registerIpcHandlers(ipcMain as never, echoApi, {
    methods: ['echo', 'version'],
    channelOf: (method) => `test:${method}`,
    isTrustedSender: (frameUrl) => frameUrl === 'app://bench/index.html',
    ...overrides,
  })
  return { ipcMain, dispose }
}

describe('registerIpcHandlers', () => {
  it('registers one channel per contract method', () => {
    const { ipcMain } = register()
    expect([...ipcMain.handlers.keys()]).toEqual(['test:echo', 'test:version'])
  })

  it('calls the service for a trusted sender and returns its answer', async () => {
    const { ipcMain } = register()
    await expect(
      ipcMain.handlers.get('test:echo')!(fromFrame('app://bench/index.html'), { text: 'hi' }),
    ).resolves.toBe('HI')
    await expect(ipcMain.handlers.get('test:version')!(fromFrame('app://bench/index.html'))).resolves.toBe(
      '1.2.3',
    )
  })

  it.each([['https://evil.example/'], [undefined]])('refuses a message from %s', async (frameUrl) => {
    const { ipcMain } = register()
    await expect(
      ipcMain.handlers.get('test:echo')!(fromFrame(frameUrl), { text: 'hi' }),
    ).rejects.toBeInstanceOf(UntrustedSenderError)
  })

  it('validates the payload before the service sees it', async () => {
    const service = vi.spyOn(echoApi, 'echo')
    const { ipcMain } = register({
      parseArgs: (method, args) => {
        if (method === 'echo' && typeof (args[0] as { text?: unknown })?.text !== 'string') {
          throw new TypeError('echo: text must be a string')
        }
        return args
      },
    })
    await expect(
      ipcMain.handlers.get('test:echo')!(fromFrame('app://bench/index.html'), { text: 42 }),
    ).rejects.toThrow('text must be a string')
    expect(service).not.toHaveBeenCalled()
    service.mockRestore()
  })

  it('refuses a contract method without an implementation', () => {
    expect(() =>
      registerIpcHandlers(fakeIpcMain() as never, { echo: echoApi.echo } as never, {
        methods: ['echo', 'version'],
        channelOf: (method: string) => method,
        isTrustedSender: () => true,
      }),
    ).toThrow('version')
  })

  it('removes its handlers when disposed', () => {
    const { ipcMain, dispose } = register()
    dispose()
    expect(ipcMain.handlers.size).toBe(0)
  })
})
