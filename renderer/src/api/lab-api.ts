import type { AppErrorData, LabApi } from '../../../main/contract/api'

/**
 * The renderer's only door to the services: `window.api`, exposed by the Electron preload or, in
 * browser mode, installed by `installBrowserApi()` (see `main.ts`). Type-only import of the contract.
 */

declare global {
  interface Window {
    /** The typed lab API (preload or browser bridge). */
    api: LabApi
  }
}

/** The lab API; throws when called before the bridge is installed (a bootstrap bug). */
export function labApi(): LabApi {
  if (!window.api) throw new Error('window.api is not installed yet')
  return window.api
}

/** A user-facing message for anything an API call rejects with, by error code. */
export function describeApiError(error: unknown): string {
  const data = error as Partial<AppErrorData> | undefined
  const message = typeof data?.message === 'string' ? data.message : String(error)
  switch (data?.code) {
    case 'VALIDATION':
      return `Invalid input: ${message}`
    case 'NOT_FOUND':
      return `Not found: ${message}`
    case 'CANCELLED':
      return 'Cancelled.'
    case 'ENGINE_FAILED':
      return `The simulation failed: ${message}`
    case 'IMPORT_REJECTED':
      return `The archive was refused: ${message}`
    case 'NOT_AVAILABLE':
      return `Not available: ${message}`
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return `Access denied: ${message}`
    default:
      return message
  }
}
