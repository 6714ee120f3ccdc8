import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { benchmarksDocPath } from './output-paths'

/**
 * Writes the renderer's measured figures inside a "## Renderer" section of docs/BENCHMARKS.md (with
 * `npm run docs:e2e`) or of an ignored copy under test-results/e2e (`npm test`); other engineers own
 * the other sections. Each test owns one marked block inside the section, so re-running a test
 * replaces its own figures and leaves everything else as it was.
 */
const DOC_PATH = benchmarksDocPath()
const SECTION = '## Renderer'
const INTRO = [
  SECTION,
  '',
  'Measured by the end-to-end tests (`npm run test:e2e`) in headless Chromium (`/usr/bin/chromium`,',
  'software rendering, 1280x800) against the real services in the test process. Frame times are',
  'requestAnimationFrame deltas and long tasks from the Performance API; they are recorded, not',
  'asserted, and depend on the machine (CI here: 2 shared cores, the simulation workers running on',
  'the same cores).',
  '',
].join('\n')

/** Replaces (or adds) the block `key` of the Renderer section with `markdown`. */
export function writeRendererBenchmark(key: string, markdown: string): void {
  const begin = `<!-- renderer:${key} -->`
  const end = `<!-- /renderer:${key} -->`
  const block = `${begin}\n${markdown.trim()}\n${end}`
  let text = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, 'utf8') : '# Benchmarks\n'
  let start = text.indexOf(`\n${SECTION}\n`)
  if (start < 0) {
    text = `${text.trimEnd()}\n\n${INTRO}\n${block}\n`
    writeFileSync(DOC_PATH, text)
    return
  }
  start += 1
  const next = text.indexOf('\n## ', start + SECTION.length)
  const sectionEnd = next < 0 ? text.length : next + 1
  let section = text.slice(start, sectionEnd)
  const blockStart = section.indexOf(begin)
  const blockEnd = section.indexOf(end)
  if (blockStart >= 0 && blockEnd > blockStart) {
    section = section.slice(0, blockStart) + block + section.slice(blockEnd + end.length)
  } else {
    section = `${section.trimEnd()}\n\n${block}\n${next < 0 ? '' : '\n'}`
  }
  writeFileSync(DOC_PATH, text.slice(0, start) + section + text.slice(sectionEnd))
}
