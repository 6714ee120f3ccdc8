/**
 * The HTTP side of the API: `POST /api/<method>` with a JSON body, answered with the dispatcher's
 * envelope as JSON. The HTTP status mirrors the error code so that logs and tools make sense, but
 * clients read the envelope.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { SECURITY_HEADERS } from '../electron/app-scheme'
import type { ApiResponse, AppErrorCode } from '../contract/api'
import type { ApiDispatch } from '../services/api-dispatcher'

/** Largest request body accepted: an archive import of ~150 MB in base64, plus slack. */
export const MAX_REQUEST_BODY_BYTES = 210_000_000

/** The URL prefix of API calls. */
export const API_PATH_PREFIX = '/api/'

const STATUS_BY_CODE: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  CANCELLED: 409,
  ENGINE_FAILED: 500,
  IMPORT_REJECTED: 422,
  CONFLICT: 409,
  NOT_AVAILABLE: 501,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  INTERNAL: 500,
}

/** Writes an envelope as JSON with the status that matches it. */
export function sendEnvelope(response: ServerResponse, envelope: ApiResponse): void {
  const body = JSON.stringify(envelope)
  response.writeHead(envelope.ok ? 200 : STATUS_BY_CODE[envelope.error.code], {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  })
  response.end(body)
}

/** An error envelope (for refusals before the dispatcher is reached). */
export function errorEnvelope(code: AppErrorCode, message: string): ApiResponse {
  return { ok: false, error: { code, message } }
}

class BodyTooLargeError extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > MAX_REQUEST_BODY_BYTES) throw new BodyTooLargeError()
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Handles one (already authorized) API request. */
export async function handleApiRequest(
  dispatch: ApiDispatch,
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
): Promise<void> {
  if (request.method !== 'POST') {
    sendEnvelope(response, errorEnvelope('VALIDATION', 'API calls are POST requests'))
    return
  }
  let method: string
  try {
    method = decodeURIComponent(pathname.slice(API_PATH_PREFIX.length))
  } catch {
    sendEnvelope(response, errorEnvelope('NOT_FOUND', 'malformed method name'))
    return
  }
  let text: string
  try {
    text = await readBody(request)
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      sendEnvelope(
        response,
        errorEnvelope('VALIDATION', `request body exceeds ${MAX_REQUEST_BODY_BYTES} bytes`),
      )
      request.destroy()
      return
    }
    throw error
  }
  let payload: unknown
  try {
    payload = text.trim() === '' ? undefined : JSON.parse(text)
  } catch {
    sendEnvelope(response, errorEnvelope('VALIDATION', 'the request body is not valid JSON'))
    return
  }
  sendEnvelope(response, await dispatch(method, payload, { url: request.headers.origin }))
}
