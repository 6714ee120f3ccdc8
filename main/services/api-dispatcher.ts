/**
 * The transport-independent core of every API endpoint: checks the caller, looks the method up in
 * the contract (untrusted names are refused), validates the payload with the method's zod schema,
 * calls the handler, and turns every outcome into an `ApiResponse` envelope (errors as
 * `{ code, message, details }`). IPC and HTTP adapters are thin wrappers around `dispatch`.
 */
import type { ZodError } from 'zod'
import {
  API_REQUEST_SCHEMAS,
  AppError,
  isApiMethodName,
  toAppErrorData,
  type ApiResponse,
  type FieldIssue,
} from '../contract/api'
import type { ApiHandlers } from './api-handlers'

/** Who is calling, as far as the transport knows. */
export interface CallerInfo {
  /** The sending frame's URL (IPC) or the page origin (HTTP), when known. */
  url?: string
}

/** Options of `createApiDispatcher`. */
export interface ApiDispatcherOptions {
  handlers: ApiHandlers
  /** Refuses a caller with FORBIDDEN (IPC: the frame is not the app's). Default: allow. */
  isTrustedCaller?: (caller: CallerInfo) => boolean
  /** Reports INTERNAL errors (bugs) with their stack; default console.error. */
  reportInternalError?: (method: string, error: unknown) => void
}

/** Dispatches one call: `(method, payload, caller) => envelope`. Never rejects. */
export type ApiDispatch = (method: string, payload: unknown, caller?: CallerInfo) => Promise<ApiResponse>

/** Converts zod issues into field issues (`specs.0.mtu`, or `(request)` for the whole payload). */
export function fieldIssuesOf(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(request)',
    message: issue.message,
  }))
}

/** Builds the dispatcher over a handler table. */
export function createApiDispatcher(options: ApiDispatcherOptions): ApiDispatch {
  const report =
    options.reportInternalError ?? ((method, error) => console.error(`API ${method} failed:`, error))
  return async (method, payload, caller = {}) => {
    try {
      if (options.isTrustedCaller && !options.isTrustedCaller(caller)) {
        throw new AppError('FORBIDDEN', `caller ${caller.url ?? '(unknown)'} is not allowed`)
      }
      if (!isApiMethodName(method)) {
        throw new AppError('NOT_FOUND', `unknown API method "${method.slice(0, 100)}"`)
      }
      const schema = API_REQUEST_SCHEMAS[method]
      const parsed = schema.safeParse(payload)
      if (!parsed.success) throw AppError.validation(fieldIssuesOf(parsed.error), `Invalid ${method} request`)
      const handler = options.handlers[method] as (request: unknown) => unknown
      const value = await handler(parsed.data)
      return { ok: true, value: value === undefined ? null : value }
    } catch (error) {
      const data = toAppErrorData(error)
      if (data.code === 'INTERNAL') report(method, error)
      return { ok: false, error: data }
    }
  }
}
