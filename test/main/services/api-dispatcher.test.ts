import { describe, expect, it } from 'vitest'
import { API_METHODS, AppError } from '../../../main/contract/api'
import { appErrorOf, createLabApiClient, errorForBridge } from '../../../main/contract/client-proxy'
import { createApiDispatcher } from '../../../main/services/api-dispatcher'
import type { ApiHandlers } from '../../../main/services/api-handlers'

/** Handlers that record calls; `ping` and `getRun` behave, the rest are never reached here. */
function recordingHandlers(calls: string[]): ApiHandlers {
  const handlers = Object.fromEntries(
    API_METHODS.map((method) => [
      method,
      (request: unknown) => {
        calls.push(method)
        return { method, request }
      },
    ]),
  ) as unknown as ApiHandlers
  handlers.getRun = () => {
    throw AppError.notFound('run', 'r1')
  }
  handlers.listPresets = () => {
    throw new TypeError('a bug')
  }
  return handlers
}

describe('createApiDispatcher', () => {
  it('passes the parsed request to the handler and wraps the result', async () => {
    const calls: string[] = []
    const dispatch = createApiDispatcher({ handlers: recordingHandlers(calls) })
    const response = await dispatch('noteRun', { runId: ' r1 ', notes: 'n' })
    // The schema trims ids: the handler receives the parsed request, not the raw payload.
    expect(response).toEqual({ ok: true, value: { method: 'noteRun', request: { runId: 'r1', notes: 'n' } } })
    expect(calls).toEqual(['noteRun'])
  })

  it('refuses unknown method names, including prototype keys, without calling anything', async () => {
    const calls: string[] = []
    const dispatch = createApiDispatcher({ handlers: recordingHandlers(calls) })
    for (const method of ['dropEverything', '__proto__', 'constructor', 'toString']) {
      const response = await dispatch(method, {})
      expect(response).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
    expect(calls).toEqual([])
  })

  it('refuses an untrusted caller before validating or calling', async () => {
    const calls: string[] = []
    const dispatch = createApiDispatcher({
      handlers: recordingHandlers(calls),
      isTrustedCaller: (caller) => caller.url === 'app://bench/index.html',
    })
    expect(await dispatch('ping', undefined, { url: 'https://evil.example/' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await dispatch('ping', undefined, { url: 'app://bench/index.html' })).toMatchObject({ ok: true })
    expect(calls).toEqual(['ping'])
  })

  it('maps AppErrors to their code and anything else to INTERNAL, reporting the latter', async () => {
    const reported: string[] = []
    const dispatch = createApiDispatcher({
      handlers: recordingHandlers([]),
      reportInternalError: (method) => reported.push(method),
    })
    expect(await dispatch('getRun', { runId: 'r1' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await dispatch('listPresets', undefined)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'a bug' },
    })
    expect(reported).toEqual(['listPresets'])
  })
})

describe('the client proxy', () => {
  it('exposes exactly the contract methods and events', () => {
    const api = createLabApiClient({
      invoke: async () => ({ ok: true, value: null }),
      subscribe: () => () => undefined,
    })
    expect(Object.keys(api).sort()).toEqual(
      [
        ...API_METHODS,
        'onDidProgress',
        'onDidRunChange',
        'onDidExperimentChange',
        'onDidCalibrationChange',
      ].sort(),
    )
  })

  it('subscribes to the transport once and stops when the last listener leaves', () => {
    let subscriptions = 0
    let stops = 0
    const api = createLabApiClient({
      invoke: async () => ({ ok: true, value: null }),
      subscribe: () => {
        subscriptions += 1
        return () => (stops += 1)
      },
    })
    const first = api.onDidProgress(() => undefined)
    const second = api.onDidRunChange(() => undefined)
    first()
    expect(stops).toBe(0)
    second()
    expect([subscriptions, stops]).toEqual([1, 1])
  })

  it('round-trips an error through the bridge encoding', () => {
    const bridged = errorForBridge({
      code: 'VALIDATION',
      message: 'mtu: too small',
      details: { issues: [{ path: 'mtu', message: 'x' }] },
    })
    expect(bridged.message.split('\n')[0]).toBe('mtu: too small')
    expect(appErrorOf(new Error(bridged.message))).toEqual({
      code: 'VALIDATION',
      message: 'mtu: too small',
      details: { issues: [{ path: 'mtu', message: 'x' }] },
    })
    expect(appErrorOf(new RangeError('plain'))).toEqual({ code: 'INTERNAL', message: 'plain' })
  })
})
