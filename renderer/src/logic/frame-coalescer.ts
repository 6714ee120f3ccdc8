/**
 * Coalesces many "please redraw" requests into one callback per animation frame: progress events
 * can arrive far more often than the screen refreshes, and each Chart.js update costs a full redraw.
 */

/** A requestAnimationFrame-like scheduler (injected so tests can drive frames by hand). */
export type FrameScheduler = (callback: () => void) => unknown

/** Calls `flush` at most once per frame, however often `request` is called. */
export function createFrameCoalescer(
  flush: () => void,
  schedule: FrameScheduler = (callback) => requestAnimationFrame(() => callback()),
): { request: () => void; readonly isPending: boolean } {
  let isPending = false
  return {
    request(): void {
      if (isPending) return
      isPending = true
      schedule(() => {
        isPending = false
        flush()
      })
    },
    get isPending(): boolean {
      return isPending
    },
  }
}
