import type { Session, WebContents } from 'electron'

/**
 * Refuses every navigation away from the loaded page, every `window.open` / `target=_blank`
 * and every `<webview>` (Electron security checklist, items 13 "Disable or limit navigation",
 * 14 "Disable or limit creation of new windows" and 12 "Verify WebView options").
 * The renderer is a single-page app: it never has a reason to navigate.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/**
 * Denies every permission request (camera, notifications, geolocation...) and permission check
 * for the session (checklist item 5 "Handle session permission requests from remote content").
 * The bench needs none of them.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false)
  })
  session.setPermissionCheckHandler(() => false)
}
