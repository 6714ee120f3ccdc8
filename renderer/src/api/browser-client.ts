/**
 * Browser mode's `window.api` (`npm run serve`, the e2e tests): installed by the renderer's
 * bootstrap when no Electron preload provided one. Calls go over HTTP and events over a WebSocket
 * to the loopback server, authorized by the token in the page URL. See `browser-api-core.ts`.
 */
import { createBrowserApi } from './browser-api-core'

export { ApiCallError, apiErrorOf, createBrowserApi, type BrowserApiOptions } from './browser-api-core'

/**
 * Installs the browser-mode `window.api` when no preload provided one, reading the access token
 * from the page URL (`?token=...`). Call once at bootstrap, before mounting the app.
 */
export async function installBrowserApi(): Promise<void> {
  if (window.api) return
  const token = new URLSearchParams(window.location.search).get('token')
  if (!token) {
    throw new Error('No access token in the page URL: open the URL that `npm run serve` printed.')
  }
  window.api = createBrowserApi({ origin: window.location.origin, token })
}
