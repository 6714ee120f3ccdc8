/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code inside page.evaluate/waitForFunction runs in the browser: it needs the DOM types.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseRunSpec, type RunSpec } from '../../engine/experiments/spec'
import type { RunResult } from '../../engine/results/run-result'
import { startLabServer } from '../../main/serve/lab-server'
import { RunStore } from '../../main/store/run-store'
import { writeRendererBenchmark } from './support/benchmarks-doc'
import { launchChromium, openPage } from './support/browser'
import {
  FRAME_STATS_HEADER,
  frameStatsRow,
  summarizeFrames,
  type RecordedFrames,
} from './support/frame-stats'

/**
 * History with 10,000 stored runs (seeded straight into the SQLite store through its repository):
 * the first page must come from the server (paged in SQL), not from loading everything. The time to
 * the first page and the frame times while paging and sorting are written to docs/BENCHMARKS.md.
 */
const ROOT = resolve(import.meta.dirname, '../..')
const RUN_COUNT = 10_000
const CONFIGS = ['linux', 'xen', 'plro', 'vlro'] as const
const SIZES = [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384]

/** A small synthetic result: the history table shows headline metrics only. */
function syntheticResult(index: number, spec: RunSpec): RunResult {
  const throughputMbps = 300 + ((index * 37) % 600)
  return {
    throughputMbps,
    throughputCi95: 5,
    lroRate: spec.config === 'plro' || spec.config === 'vlro' ? 1 + (index % 40) / 10 : null,
    lroRates: { plro: null, vlro: null },
    clk: 6 + (index % 50) / 10,
    inst: 5 + (index % 30) / 10,
    cpu: { byContext: { guest: 0.2 }, byCpu: [0.5], total: 0.5 },
    stages: [],
    specjbbScore: null,
    counters: {},
    series: {
      intervalS: 0.05,
      timeS: [0.05],
      throughputMbps: [throughputMbps],
      cpu: {},
      cwndSegments: [10],
      lroRate: [null],
    },
    events: 1000,
    simSeconds: 0.3,
    wallMs: 100,
    stoppedEarly: false,
  }
}

function seedStore(filePath: string): number {
  const startedMs = performance.now()
  const store = RunStore.open(filePath)
  try {
    const specs: RunSpec[] = []
    for (let index = 0; index < RUN_COUNT; index++) {
      const parsed = parseRunSpec({
        config: CONFIGS[index % CONFIGS.length],
        mtu: [1500, 4000, 4500][Math.floor(index / 4) % 3],
        messageSize: SIZES[Math.floor(index / 12) % SIZES.length],
        durationS: 0.2,
        warmupS: 0.1,
        seed: 1 + Math.floor(index / 108),
      })
      if (!parsed.ok) throw new Error(parsed.issues.map((issue) => issue.message).join('; '))
      specs.push(parsed.spec)
    }
    store.transaction(() => {
      const created = store.createExperiment({ name: 'Seeded history (10,000 runs)', preset: null, specs })
      created.runIds.forEach((runId, index) => store.storeResult(runId, syntheticResult(index, specs[index])))
    })
  } finally {
    store.close()
  }
  return performance.now() - startedMs
}

describe('history with 10,000 runs', () => {
  let dataDir: string
  let server: Awaited<ReturnType<typeof startLabServer>>
  let browser: Browser
  let page: Page
  let seedMs = 0

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'labbench-e2e-history-'))
    const dbPath = join(dataDir, 'seeded.sqlite')
    seedMs = seedStore(dbPath)
    server = await startLabServer({ dbPath, staticDir: join(ROOT, 'dist-renderer'), port: 0 })
    browser = await launchChromium()
    page = await openPage(browser)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('shows the first page quickly and pages and sorts on the server', async () => {
    await page.goto(server.url)
    await page.getByTestId('tab-history').waitFor()
    const firstPageMs = await page.evaluate(async () => {
      const startedMs = performance.now()
      ;(document.querySelector('[data-testid="tab-history"]') as HTMLButtonElement).click()
      await new Promise<void>((done) => {
        const check = (): void => {
          if (document.querySelectorAll('[data-testid="history-table"] tbody tr[data-run-id]').length > 0)
            done()
          else requestAnimationFrame(check)
        }
        check()
      })
      return performance.now() - startedMs
    })
    const rows = page.locator('[data-testid="history-table"] tbody tr[data-run-id]')
    expect(await rows.count()).toBe(50)
    await expect.poll(() => page.getByTestId('page-info').textContent()).toContain(`of ${RUN_COUNT}`)

    await page.evaluate(() => (window as unknown as { __labPerf: { start(): void } }).__labPerf.start())
    for (let step = 0; step < 5; step++) {
      const before = await page.getByTestId('page-info').textContent()
      await page.getByRole('button', { name: 'Next' }).click()
      await expect.poll(() => page.getByTestId('page-info').textContent()).not.toBe(before)
    }
    await page.getByRole('button', { name: /Throughput/ }).click()
    await page.getByRole('button', { name: /Throughput/ }).click()
    await page.locator('select').filter({ hasText: '200' }).selectOption('200')
    await expect.poll(() => rows.count()).toBe(200)
    await page.getByTestId('filter-config').selectOption('vlro')
    await expect.poll(() => page.getByTestId('page-info').textContent()).toContain(`of ${RUN_COUNT / 4}`)
    const recorded = await page.evaluate(() =>
      (window as unknown as { __labPerf: { stop(): RecordedFrames } }).__labPerf.stop(),
    )
    const firstThroughputs = await rows.locator('td:nth-child(9)').allTextContents()
    const values = firstThroughputs.map(Number)
    expect(values).toEqual([...values].sort((left, right) => right - left))

    writeRendererBenchmark(
      'history',
      [
        `### History with ${RUN_COUNT.toLocaleString('en-US')} stored runs`,
        '',
        `- Seeding the store through its repository (one transaction): ${(seedMs / 1000).toFixed(1)} s.`,
        `- Click on History to the first page of 50 rows on screen: ${firstPageMs.toFixed(0)} ms (server-side paging, filter and sort in SQL).`,
        '',
        FRAME_STATS_HEADER,
        frameStatsRow(
          '5 pages forward, sort by throughput twice, 200 rows per page, filter vlro',
          summarizeFrames(recorded),
        ),
      ].join('\n'),
    )
  })
})
