import { APP_ORIGIN } from './app-scheme'

/**
 * True when an IPC message comes from our own renderer: a frame whose URL has the app:// origin,
 * or the Vite dev server's origin when one is in use (`electron-vite dev`). Every IPC handler
 * checks this (Electron security checklist item 17 "Validate the sender of all IPC messages").
 * Pure: takes the frame URL, not the frame.
 */
export function isTrustedRendererUrl(frameUrl: string | undefined, devServerUrl?: string): boolean {
  if (frameUrl === undefined || frameUrl === '') {
    return false
  }
  let origin: string
  try {
    origin = new URL(frameUrl).origin
  } catch {
    return false
  }
  // WHATWG URL gives non-special schemes an opaque origin ("null"), so compare the prefix instead.
  if (origin === 'null') {
    return frameUrl === APP_ORIGIN || frameUrl.startsWith(`${APP_ORIGIN}/`)
  }
  if (devServerUrl === undefined || devServerUrl === '') {
    return false
  }
  try {
    return origin === new URL(devServerUrl).origin
  } catch {
    return false
  }
}

/**
 * The renderer dev server to trust and load: `ELECTRON_RENDERER_URL` as `electron-vite dev` sets
 * it, never in a packaged build, where an inherited environment variable would otherwise make the
 * app load (and trust) whatever page it names.
 */
export function rendererDevServerUrl(
  isPackaged: boolean,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  return isPackaged ? undefined : env.ELECTRON_RENDERER_URL
}
