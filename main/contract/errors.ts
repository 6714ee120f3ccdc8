/**
 * Errors that cross the API boundary (IPC or HTTP) as data. Services reject with `AppError`; the
 * transports carry `{ code, message, details }` and the client proxy rethrows an `AppError`, so the
 * renderer can map `code` to UI text. No Node or Electron imports: the renderer imports this module.
 */

/** Why an API call failed. */
export const APP_ERROR_CODES = [
  /** The request did not match the method's schema, or a spec/parameter value is out of range. */
  'VALIDATION',
  /** An id (run, experiment, preset, parameter set, view, job) does not exist. */
  'NOT_FOUND',
  /** The operation (or the run) was cancelled, by the user or a file dialog. */
  'CANCELLED',
  /** The engine threw or the worker running it crashed / ran out of memory. */
  'ENGINE_FAILED',
  /** An archive was refused (wrong application id, newer schema, failed integrity check). */
  'IMPORT_REJECTED',
  /** The request is valid but conflicts with the current state (e.g. a name that exists). */
  'CONFLICT',
  /** The feature is not available in this build or mode (e.g. calibration before it lands). */
  'NOT_AVAILABLE',
  /** Browser mode: missing or wrong access token. */
  'UNAUTHORIZED',
  /** The caller is not allowed (wrong sender origin, non-loopback address). */
  'FORBIDDEN',
  /** A bug: anything else. */
  'INTERNAL',
] as const

/** Why an API call failed (see `APP_ERROR_CODES`). */
export type AppErrorCode = (typeof APP_ERROR_CODES)[number]

/** One field-level problem, named by its dotted path (e.g. `specs.0.mtu`). */
export interface FieldIssue {
  path: string
  message: string
}

/** An error as it travels over a transport. */
export interface AppErrorData {
  code: AppErrorCode
  message: string
  /** For VALIDATION: `{ issues: FieldIssue[] }`; otherwise free-form JSON-safe data. */
  details?: unknown
}

/** The error every service rejects with. */
export class AppError extends Error {
  readonly code: AppErrorCode
  readonly details: unknown

  constructor(code: AppErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }

  /** A VALIDATION error listing each problem by field path; the message names the fields. */
  static validation(issues: readonly FieldIssue[], prefix = 'Invalid request'): AppError {
    const listed = issues
      .slice(0, 5)
      .map((issue) => `${issue.path}: ${issue.message}`)
      .join('; ')
    const more = issues.length > 5 ? ` (+${issues.length - 5} more)` : ''
    return new AppError('VALIDATION', `${prefix}: ${listed}${more}`, { issues: [...issues] })
  }

  /** A NOT_FOUND error for an entity kind and id. */
  static notFound(kind: string, id: string): AppError {
    return new AppError('NOT_FOUND', `${kind} "${id}" does not exist`, { kind, id })
  }

  /** The transport form of this error. */
  toData(): AppErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

/** True for a value shaped like `AppErrorData` (as received from a transport). */
export function isAppErrorData(value: unknown): value is AppErrorData {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Record<string, unknown>
  return (
    typeof candidate.message === 'string' &&
    typeof candidate.code === 'string' &&
    (APP_ERROR_CODES as readonly string[]).includes(candidate.code)
  )
}

/** Converts anything thrown into transport data; unknown errors become INTERNAL with their text. */
export function toAppErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData()
  if (isAppErrorData(error)) return { code: error.code, message: error.message, details: error.details }
  if (error instanceof Error) return { code: 'INTERNAL', message: error.message }
  return { code: 'INTERNAL', message: String(error) }
}

/** Rebuilds an `AppError` from transport data (client side). */
export function fromAppErrorData(data: AppErrorData): AppError {
  return new AppError(data.code, data.message, data.details)
}
