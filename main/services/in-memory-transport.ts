/**
 * A transport that connects the client proxy to the dispatcher in the same process, with JSON
 * round trips on both sides so it carries exactly what IPC or HTTP would (no shared objects, no
 * functions, no class instances). Used by the contract tests and by tools that want `LabApi`
 * semantics without a window.
 */
import type { ApiClientTransport } from '../contract/client-proxy'
import type { ApiEventMessage, ApiResponse } from '../contract/api'
import type { ApiDispatch, CallerInfo } from './api-dispatcher'
import { forwardApiEvents, type ApiEventSources } from './api-handlers'

function jsonRoundTrip<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

/** A transport that calls `dispatch` directly and subscribes to `events` directly. */
export function createInMemoryTransport(
  dispatch: ApiDispatch,
  events: ApiEventSources,
  caller: CallerInfo = {},
): ApiClientTransport {
  return {
    invoke: async (method, payload): Promise<ApiResponse> =>
      jsonRoundTrip(await dispatch(method, jsonRoundTrip(payload), caller)),
    subscribe: (listener: (message: ApiEventMessage) => void) => {
      const subscription = forwardApiEvents(events, (message) => listener(jsonRoundTrip(message)))
      return () => subscription.dispose()
    },
  }
}
