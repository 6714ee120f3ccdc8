import { readFile } from 'node:fs/promises'
import { contentTypeFor, resolveAppAssetPath, SECURITY_HEADERS } from './app-scheme'

/** Reads a file's bytes; injected so tests can serve from memory. */
export type ReadFileBytes = (filePath: string) => Promise<Uint8Array>

/**
 * Builds the app:// request handler (the function given to `protocol.handle`). It serves only
 * files under `rootDir` (the built renderer), answers GET and HEAD only, and attaches the CSP and
 * other security headers to every response. Pure Node: no `electron` import.
 */
export function createAppProtocolHandler(
  rootDir: string,
  readBytes: ReadFileBytes = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plainResponse(405, 'Method Not Allowed')
    }
    const filePath = resolveAppAssetPath(rootDir, request.url)
    if (filePath === null) {
      return plainResponse(403, 'Forbidden')
    }
    let body: Uint8Array
    try {
      body = await readBytes(filePath)
    } catch (error) {
      // A missing file is the renderer asking for something that is not in the bundle: a 404,
      // not a crash. Anything else (permissions, I/O) is a real fault and surfaces as a 500.
      const code = (error as NodeJS.ErrnoException).code
      const isMissing = code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR'
      return plainResponse(isMissing ? 404 : 500, isMissing ? 'Not Found' : 'Internal Server Error')
    }
    return new Response(request.method === 'HEAD' ? null : new Blob([body as Uint8Array<ArrayBuffer>]), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(filePath) },
    })
  }
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  })
}
