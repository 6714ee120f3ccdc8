/**
 * The request target of an HTTP request or WebSocket upgrade, parsed without throwing. Browser mode
 * serves only origin-form targets (`/path?query`, RFC 9112 section 3.2.1): an absolute-form target
 * (`http://a:b/`, what proxies are sent) or a malformed one gets 400, where `new URL` on it used to
 * throw inside the request handler and take the whole server down.
 */

/** The parsed target, or null when it is not a well-formed origin-form target. */
export function parseRequestTarget(rawTarget: string | undefined): URL | null {
  const target = rawTarget ?? '/'
  if (!target.startsWith('/') || target.startsWith('//')) return null
  try {
    return new URL(target, 'http://placeholder')
  } catch {
    // Deliberately swallowed: an unparsable target is the client's error, answered with 400.
    return null
  }
}
