/**
 * The client side of the contract, generic over the transport: builds a `LabApi` from an `invoke`
 * (method, payload) -> envelope function and a `subscribe` to the event stream. The preload (IPC),
 * the browser-mode client (HTTP + WebSocket) and the in-memory test transport all use it, so every
 * `window.api` behaves the same. No Node or Electron imports.
 */
import type { ApiEventMessage, ApiEventName, ApiResponse, LabApi } from './api'
import { API_EVENTS, API_METHODS } from './api-names'
import { AppError, isAppErrorData, type AppErrorData } from './errors'

/** What a transport provides to the client proxy. */
export interface ApiClientTransport {
  /** Sends one call; resolves with the envelope (rejects only when the transport itself fails). */
  invoke(method: string, payload: unknown): Promise<ApiResponse>
  /**
   * Starts delivering every event message to `listener`; returns the function that stops it. The
   * proxy subscribes once and fans out to the `onDidX` listeners itself.
   */
  subscribe(listener: (message: ApiEventMessage) => void): () => void
  /**
   * How a failed call is thrown. Default: an `AppError`. The preload passes `errorForBridge`
   * because Electron's context bridge copies only an Error's message.
   */
  toThrown?: (error: AppErrorData) => Error
}

/** Builds the `LabApi` over a transport. */
export function createLabApiClient(transport: ApiClientTransport): LabApi {
  const listeners = new Map<ApiEventName, Set<(payload: unknown) => void>>()
  let stopTransport: (() => void) | null = null
  const toThrown =
    transport.toThrown ?? ((error: AppErrorData) => new AppError(error.code, error.message, error.details))

  const deliver = (message: ApiEventMessage): void => {
    for (const listener of [...(listeners.get(message.event) ?? [])]) {
      try {
        listener(message.payload)
      } catch (error) {
        // One broken listener must not starve the others of events.
        console.error(`listener of ${message.event} failed:`, error)
      }
    }
  }
  const listen = (event: ApiEventName, listener: (payload: unknown) => void): (() => void) => {
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    set.add(listener)
    stopTransport ??= transport.subscribe(deliver)
    return () => {
      set.delete(listener)
      const remaining = [...listeners.values()].reduce((count, entries) => count + entries.size, 0)
      if (remaining === 0 && stopTransport) {
        stopTransport()
        stopTransport = null
      }
    }
  }

  const api: Record<string, unknown> = {}
  for (const method of API_METHODS) {
    api[method] = async (request?: unknown) => {
      const response = await transport.invoke(method, request)
      if (response.ok) return response.value === null ? undefined : response.value
      throw toThrown(response.error)
    }
  }
  for (const event of API_EVENTS) {
    api[event] = (listener: (payload: unknown) => void) => listen(event, listener)
  }
  return Object.freeze(api) as unknown as LabApi
}

/** Marker that starts the JSON part of a bridged error's message. */
const BRIDGED_ERROR_MARKER = '\n@@AppError@@'

/**
 * An Error to throw across Electron's context bridge, which keeps only `message`: the first line is
 * the human message and the rest carries the `AppErrorData` as JSON (read back by `appErrorOf`).
 */
export function errorForBridge(error: AppErrorData): Error {
  return new Error(`${error.message}${BRIDGED_ERROR_MARKER}${JSON.stringify(error)}`)
}

/**
 * The `{ code, message, details }` of anything a `window.api` call rejected with, in every mode:
 * an `AppError` (browser mode, tests), a bridged Error (Electron), or anything else (INTERNAL).
 * Renderer code should read errors through this.
 */
export function appErrorOf(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData()
  // Any error carrying a contract code (e.g. the browser client's ApiCallError).
  if (isAppErrorData(error)) return { code: error.code, message: error.message, details: error.details }
  if (error instanceof Error) {
    const markerAt = error.message.indexOf(BRIDGED_ERROR_MARKER)
    if (markerAt >= 0) {
      try {
        const data: unknown = JSON.parse(error.message.slice(markerAt + BRIDGED_ERROR_MARKER.length))
        if (isAppErrorData(data)) return data
      } catch {
        // Not our encoding after all: fall through to INTERNAL with the raw message.
      }
    }
    return { code: 'INTERNAL', message: error.message }
  }
  return { code: 'INTERNAL', message: String(error) }
}
