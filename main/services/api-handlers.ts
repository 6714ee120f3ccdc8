/**
 * The implementation side of the contract: one handler per `LabApi` method (receiving the request
 * already validated by its zod schema) and one subscription per event. Transports (IPC, HTTP +
 * WebSocket, the in-memory test transport) reach the services only through these tables.
 */
import {
  API_EVENTS,
  type ApiEventMessage,
  type ApiEventName,
  type ApiEventPayload,
  type ApiMethodName,
  type ApiMethodResult,
  type ApiRequest,
} from '../contract/api'
import type { IDisposable } from './lifecycle'

/** One handler per method: takes the parsed request, returns (or resolves to) the result. */
export type ApiHandlers = {
  [M in ApiMethodName]: (request: ApiRequest<M>) => ApiMethodResult<M> | Promise<ApiMethodResult<M>>
}

/** One subscription per event. */
export type ApiEventSources = {
  [E in ApiEventName]: (listener: (payload: ApiEventPayload<E>) => void) => IDisposable
}

/** What transports serve: the handlers and the event sources. */
export interface ApiBackend {
  readonly handlers: ApiHandlers
  readonly events: ApiEventSources
}

/**
 * Subscribes to every event of the backend and hands each one to `send` as an `ApiEventMessage`
 * (the IPC adapter sends it to the window, browser mode to every WebSocket). Dispose to stop.
 */
export function forwardApiEvents(
  events: ApiEventSources,
  send: (message: ApiEventMessage) => void,
): IDisposable {
  const subscriptions = API_EVENTS.map((event) =>
    (events[event] as (listener: (payload: unknown) => void) => IDisposable)((payload) =>
      send({ event, payload } as ApiEventMessage),
    ),
  )
  return { dispose: () => subscriptions.forEach((subscription) => subscription.dispose()) }
}
