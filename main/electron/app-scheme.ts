import { extname, isAbsolute, relative, resolve, sep } from 'node:path'

/**
 * The custom scheme the renderer is served from. A privileged, standard, secure scheme gives the
 * renderer a real origin (`app://bench`) so that CSP `'self'`, fetch and module scripts work, while
 * keeping `file://` (which grants every local file the same origin) out of the picture
 * (Electron security checklist, item 18 "Avoid usage of the file:// protocol").
 *
 * This module is pure Node (no `electron` import) so the guard and headers are unit-tested directly.
 */
export const APP_SCHEME = 'app'

/** The only host the app scheme answers for. */
export const APP_HOST = 'bench'

/** The renderer's origin. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** The URL the main window loads in production builds. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * The Content-Security-Policy sent with every app:// response. No `'unsafe-inline'` for styles:
 * Vite extracts SFC styles into .css files and Vue/Chart.js set inline styles through the CSSOM
 * (`element.style`), which CSP does not govern; only `<style>` elements and `style="..."` markup are.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Headers added to every app:// response, successful or not. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

/** The Content-Type for a file served from the renderer bundle (octet-stream when unknown). */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream'
}

/** A `..` segment, literal or percent-encoded, between any kind of separator. */
const DOT_DOT_SEGMENT = /(?:\/|\\|%2f|%5c)(?:\.|%2e){2}(?:\/|\\|%2f|%5c|[?#]|$)/i

/**
 * Maps an app:// request URL to a file inside `rootDir`, or returns `null` when the request must be
 * refused: another scheme or host, a malformed escape, a NUL byte, a backslash (a path separator on
 * Windows) or any path that would resolve outside `rootDir` (`..`, encoded `%2e%2e`, absolute paths).
 * `/` serves `index.html`. Query strings and fragments are ignored.
 */
export function resolveAppAssetPath(rootDir: string, requestUrl: string): string | null {
  // URL parsing already folds `..` and `%2e%2e` segments into the root, so those could not escape;
  // refusing them outright is defence in depth (a built bundle never asks for such a path).
  if (DOT_DOT_SEGMENT.test(requestUrl)) {
    return null
  }
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return null
  }
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) {
    return null
  }
  if (pathname === '' || pathname.endsWith('/')) {
    pathname += 'index.html'
  }
  const root = resolve(rootDir)
  const target = resolve(root, `.${pathname.startsWith('/') ? pathname : `/${pathname}`}`)
  const fromRoot = relative(root, target)
  if (fromRoot === '' || fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot)) {
    return null
  }
  return target
}
