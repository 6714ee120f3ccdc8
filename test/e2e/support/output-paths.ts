import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * Where the end-to-end tests write what they produce. `npm test` leaves tracked files alone: the
 * screenshots and the renderer's benchmark figures go to the ignored `test-results/e2e/`. The docs
 * are refreshed on purpose with `npm run docs:e2e` (LABBENCH_UPDATE_DOCS=1), which writes them to
 * docs/screenshots and docs/BENCHMARKS.md instead.
 */
const ROOT = resolve(import.meta.dirname, '../../..')

/** True when the run is meant to refresh the documentation. */
export const isUpdatingDocs = process.env.LABBENCH_UPDATE_DOCS === '1'

const OUTPUT_DIR = resolve(ROOT, 'test-results/e2e')

/** Folder for the screenshots (created). */
export function screenshotDir(): string {
  const dir = isUpdatingDocs ? resolve(ROOT, 'docs/screenshots') : resolve(OUTPUT_DIR, 'screenshots')
  mkdirSync(dir, { recursive: true })
  return dir
}

/** The Markdown file the renderer's benchmark figures go into. */
export function benchmarksDocPath(): string {
  if (isUpdatingDocs) return resolve(ROOT, 'docs/BENCHMARKS.md')
  mkdirSync(OUTPUT_DIR, { recursive: true })
  return resolve(OUTPUT_DIR, 'BENCHMARKS-renderer.md')
}
