/**
 * Serves the built renderer (`dist-renderer/`) over HTTP with the app's security headers (the same
 * CSP as the app:// protocol) and the same path-traversal guard, reused from the Electron side's
 * pure helpers by mapping the request path onto an app:// URL.
 */
import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { APP_ORIGIN, SECURITY_HEADERS, contentTypeFor, resolveAppAssetPath } from '../electron/app-scheme'

/** The file under `rootDir` an HTTP request path names, or null when it must be refused. */
export function resolveStaticPath(rootDir: string, requestPath: string): string | null {
  if (!requestPath.startsWith('/')) return null
  return resolveAppAssetPath(rootDir, `${APP_ORIGIN}${requestPath}`)
}

/** Writes a plain-text response with the security headers. */
export function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  })
  response.end(text)
}

/** Answers a GET/HEAD for a file of the renderer bundle. */
export async function serveStaticFile(
  rootDir: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Method Not Allowed')
    return
  }
  const filePath = resolveStaticPath(rootDir, request.url ?? '/')
  if (filePath === null) {
    sendText(response, 403, 'Forbidden')
    return
  }
  let body: Buffer
  try {
    body = await readFile(filePath)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const isMissing = code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR'
    sendText(response, isMissing ? 404 : 500, isMissing ? 'Not Found' : 'Internal Server Error')
    return
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentTypeFor(filePath),
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  })
  response.end(request.method === 'HEAD' ? undefined : body)
}
