/**
 * The core of browser mode's `window.api` (see `browser-client.ts`): the same `LabApi` as the
 * Electron preload exposes, over HTTP (`POST /api/<method>` with the access token) and a WebSocket
 * for the `onDidX` events. No DOM globals are referenced, so Node tests run it against the real
 * server (with the `ws` package as the WebSocket).
 *
 * The renderer may import only types from `main/contract`, so this client is generic by name: any
 * `onDid*` property subscribes to that event, any other property calls the method of that name.
 */
import type { ApiEventMessage, ApiResponse, AppErrorData, LabApi } from '../../../main/contract/api'

/** The error every browser-mode call rejects with: carries the contract's `code` and `details`. */
export class ApiCallError extends Error {
  readonly code: AppErrorData['code']
  readonly details: unknown

  constructor(data: AppErrorData) {
    super(data.message)
    this.name = 'AppError'
    this.code = data.code
    this.details = data.details
  }
}

/** Marker the Electron preload puts before the JSON of an error (the context bridge keeps only `message`). */
const BRIDGED_ERROR_MARKER = '\n@@AppError@@'

/**
 * `{ code, message, details }` of anything a `window.api` call rejected with, in both modes: an
 * error with a `code` (browser mode), an Electron-bridged error (code encoded after the marker in
 * its message), or anything else (INTERNAL). Use this to show errors.
 */
export function apiErrorOf(error: unknown): AppErrorData {
  if (typeof error === 'object' && error !== null) {
    const candidate = error as Partial<AppErrorData>
    if (typeof candidate.code === 'string' && typeof candidate.message === 'string') {
      return { code: candidate.code, message: candidate.message, details: candidate.details }
    }
    if (typeof candidate.message === 'string') {
      const markerAt = candidate.message.indexOf(BRIDGED_ERROR_MARKER)
      if (markerAt >= 0) {
        try {
          return JSON.parse(candidate.message.slice(markerAt + BRIDGED_ERROR_MARKER.length)) as AppErrorData
        } catch {
          return { code: 'INTERNAL', message: candidate.message.slice(0, markerAt) }
        }
      }
      return { code: 'INTERNAL', message: candidate.message }
    }
  }
  return { code: 'INTERNAL', message: String(error) }
}

/** The part of `fetch` the client uses. */
export type FetchLike = (
  url: URL,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{ status: number; json(): Promise<unknown> }>

/** The part of a WebSocket the client uses (the browser's, or the `ws` package's in Node). */
export interface EventSocket {
  onopen: ((event: unknown) => void) | null
  onmessage: ((message: { data: unknown }) => void) | null
  onclose: ((event: unknown) => void) | null
  close(): void
}

/** A WebSocket constructor. */
export type EventSocketConstructor = new (url: string) => EventSocket

/** Where and how to reach the browser-mode server. */
export interface BrowserApiOptions {
  /** Server origin, e.g. `http://127.0.0.1:5173` (default: the page's origin). */
  origin: string
  /** The access token printed by `npm run serve`. */
  token: string
  /** Injected for tests outside a browser; default globalThis.fetch / WebSocket. */
  fetch?: FetchLike
  WebSocket?: EventSocketConstructor
  /** Delay before reconnecting a dropped event socket, ms. */
  reconnectDelayMs?: number
}

/** Longest a call waits for the event socket to open before going ahead without it. */
const SOCKET_OPEN_WAIT_MS = 3_000

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds))
}

/** Builds a `LabApi` over HTTP + WebSocket. */
export function createBrowserApi(options: BrowserApiOptions): LabApi {
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init))
  const SocketImpl =
    options.WebSocket ?? (globalThis as unknown as { WebSocket: EventSocketConstructor }).WebSocket
  const reconnectDelayMs = options.reconnectDelayMs ?? 1_000
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let socket: EventSocket | null = null
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null
  /** Settles when the event socket being opened is open (or failed); null when none is pending. */
  let socketOpening: Promise<void> | null = null

  const listenerCount = (): number => [...listeners.values()].reduce((count, set) => count + set.size, 0)

  const connect = (): void => {
    if (socket || listenerCount() === 0) return
    const url = new URL('/events', options.origin)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    url.searchParams.set('token', options.token)
    const opened = new SocketImpl(url.toString())
    socket = opened
    let settleOpening!: () => void
    const opening = new Promise<void>((resolve) => (settleOpening = resolve))
    socketOpening = opening
    const finishOpening = (): void => {
      settleOpening()
      if (socketOpening === opening) socketOpening = null
    }
    opened.onopen = finishOpening
    opened.onmessage = (message) => {
      let parsed: ApiEventMessage
      try {
        parsed = JSON.parse(String(message.data)) as ApiEventMessage
      } catch {
        return // Not ours: the server only sends JSON event messages.
      }
      for (const listener of [...(listeners.get(parsed.event) ?? [])]) {
        try {
          listener(parsed.payload)
        } catch (error) {
          console.error(`listener of ${parsed.event} failed:`, error)
        }
      }
    }
    opened.onclose = () => {
      finishOpening()
      if (socket === opened) socket = null
      // Keep the stream alive while anyone listens (e.g. the server restarted).
      if (listenerCount() > 0 && reconnectTimer === null) {
        reconnectTimer = setTimeout(() => {
          reconnectTimer = null
          connect()
        }, reconnectDelayMs)
      }
    }
  }

  const disconnectIfIdle = (): void => {
    if (listenerCount() > 0) return
    if (reconnectTimer !== null) clearTimeout(reconnectTimer)
    reconnectTimer = null
    const open = socket
    socket = null
    open?.close()
  }

  const subscribe = (event: string, listener: (payload: unknown) => void): (() => void) => {
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    set.add(listener)
    connect()
    return () => {
      set.delete(listener)
      disconnectIfIdle()
    }
  }

  const call = async (method: string, request: unknown): Promise<unknown> => {
    // Subscribe-then-call must not lose the events the call causes: wait (briefly) for a socket
    // that is still opening before sending the call.
    if (socketOpening) await Promise.race([socketOpening, sleep(SOCKET_OPEN_WAIT_MS)])
    let response: Awaited<ReturnType<FetchLike>>
    try {
      response = await fetchImpl(new URL(`/api/${encodeURIComponent(method)}`, options.origin), {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json' },
        body: request === undefined ? '' : JSON.stringify(request),
      })
    } catch (error) {
      throw new ApiCallError({
        code: 'INTERNAL',
        message: `the bench server is unreachable (${String(error)})`,
      })
    }
    let envelope: ApiResponse
    try {
      envelope = (await response.json()) as ApiResponse
    } catch {
      throw new ApiCallError({
        code: 'INTERNAL',
        message: `unexpected answer from the server (HTTP ${response.status})`,
      })
    }
    if (envelope.ok) return envelope.value === null ? undefined : envelope.value
    throw new ApiCallError(envelope.error)
  }

  const cache = new Map<string, unknown>()
  return new Proxy({} as LabApi, {
    get: (_target, property) => {
      if (typeof property !== 'string' || property === 'then') return undefined
      let member = cache.get(property)
      if (!member) {
        member = property.startsWith('onDid')
          ? (listener: (payload: unknown) => void) => subscribe(property, listener)
          : (request?: unknown) => call(property, request)
        cache.set(property, member)
      }
      return member
    },
  })
}
