import { describe, expect, it, vi } from 'vitest'

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invocations: [] as unknown[][],
}))

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      bridge.exposed.set(key, value)
    },
  },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      bridge.invocations.push([channel, ...args])
      return `answer from ${channel}`
    },
  },
}))

const { buildApiProxy, exposeApi } = await import('../../../main/preload/expose-api')
const { shellApiMethods, shellChannelOf } = await import('../../../main/preload/shell-api')

describe('buildApiProxy', () => {
  it('has exactly one function per listed method, each invoking its own channel', async () => {
    const invoke = vi.fn(async (channel: string) => channel)
    const api = buildApiProxy(['alpha', 'beta'], (method) => `c:${method}`, invoke)
    expect(Object.keys(api)).toEqual(['alpha', 'beta'])
    await expect(api.beta({ id: 1 })).resolves.toBe('c:beta')
    expect(invoke).toHaveBeenCalledExactlyOnceWith('c:beta', { id: 1 })
  })

  it('is frozen, so the renderer cannot add or replace methods', () => {
    const api = buildApiProxy(
      ['alpha'],
      (method) => method,
      async () => undefined,
    )
    expect(Object.isFrozen(api)).toBe(true)
  })
})

describe('exposeApi', () => {
  it('exposes only window.api, wired to ipcRenderer.invoke', async () => {
    exposeApi(shellApiMethods, shellChannelOf)
    expect([...bridge.exposed.keys()]).toEqual(['api'])
    const api = bridge.exposed.get('api') as Record<string, (...args: unknown[]) => Promise<unknown>>
    expect(Object.keys(api).sort()).toEqual(['getVersion', 'ping'])
    await expect(api.ping()).resolves.toBe('answer from shell:ping')
    expect(bridge.invocations).toEqual([['shell:ping']])
  })
})
