/**
 * Access rules of browser mode: only loopback clients, only with the random access token printed at
 * start (compared in constant time), and only for our own Host header (a page on another site that
 * rebinds its DNS name to 127.0.0.1 still sends its own Host, so it is refused).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'

/** A fresh access token: 32 random bytes, URL-safe base64. */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url')
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const unmapped = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address
  if (isIP(unmapped) === 4) return unmapped.startsWith('127.')
  return unmapped === '::1'
}

/**
 * Constant-time token comparison. Both sides are hashed first so that the comparison time does not
 * depend on the length of the guess either.
 */
export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given === '') return false
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(digest(expected), digest(given))
}

/** True when the Host header names this server on loopback (`127.0.0.1:port`, `localhost:port`, `[::1]:port`). */
export function isOwnHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]
  return allowed.includes(hostHeader.toLowerCase())
}

/**
 * True when a browser's Origin header is absent (not a browser page) or is this server's own
 * origin. A page elsewhere (another site, another local port) that learned the token cannot open
 * the event stream: browsers let any page open a WebSocket and only the Origin tells them apart.
 */
export function isOwnOrigin(originHeader: string | undefined, port: number): boolean {
  if (originHeader === undefined) return true
  const allowed = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]
  return allowed.includes(originHeader.toLowerCase())
}

/** What a request presents to the guard. */
export interface GuardedRequest {
  remoteAddress: string | undefined
  hostHeader: string | undefined
  /** The token from the Authorization header (API) or the `token` query parameter (WebSocket). */
  token: string | null | undefined
}

/** The guard's verdict: allowed, or the HTTP status to refuse with. */
export type GuardVerdict = { isAllowed: true } | { isAllowed: false; status: 401 | 403; reason: string }

/** Applies the rules in order: loopback address, own Host, then the token. */
export function guardRequest(request: GuardedRequest, expectedToken: string, port: number): GuardVerdict {
  if (!isLoopbackAddress(request.remoteAddress)) {
    return { isAllowed: false, status: 403, reason: 'only loopback clients are served' }
  }
  if (!isOwnHost(request.hostHeader, port)) {
    return { isAllowed: false, status: 403, reason: 'unexpected Host header' }
  }
  if (!tokensMatch(expectedToken, request.token)) {
    return { isAllowed: false, status: 401, reason: 'missing or wrong access token' }
  }
  return { isAllowed: true }
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')
  return match ? match[1] : null
}
