/**
 * Saving a chart: its canvas as PNG (`canvas.toDataURL`) and its data as CSV, downloaded through a
 * temporary link so the same code works in Electron and in a browser.
 */

/** Triggers a download of `url` under `fileName`. */
export function downloadUrl(url: string, fileName: string): void {
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
}

/** Downloads text (CSV) as a file. */
export function downloadText(text: string, fileName: string, mimeType = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mimeType};charset=utf-8` }))
  downloadUrl(url, fileName)
  // Revoke later: some browsers start the download asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Downloads base64 bytes (archives and CSV files produced by the API in browser mode). */
export function downloadBase64(bytesBase64: string, fileName: string, mimeType: string): void {
  downloadUrl(`data:${mimeType};base64,${bytesBase64}`, fileName)
}

/**
 * The canvas as a PNG data URL, painted over the page background: a transparent PNG of a dark-theme
 * chart is unreadable on a white slide.
 */
export function canvasToPngDataUrl(canvas: HTMLCanvasElement, background: string): string {
  const copy = document.createElement('canvas')
  copy.width = canvas.width
  copy.height = canvas.height
  const context = copy.getContext('2d')
  if (!context) return canvas.toDataURL('image/png')
  context.fillStyle = background
  context.fillRect(0, 0, copy.width, copy.height)
  context.drawImage(canvas, 0, 0)
  return copy.toDataURL('image/png')
}

/** A file-name-safe slug of a title (`Throughput vs message size` -> `throughput-vs-message-size`). */
export function fileSlug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'chart'
  )
}
