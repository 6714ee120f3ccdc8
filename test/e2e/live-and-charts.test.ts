/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code inside page.evaluate/waitForFunction runs in the browser: it needs the DOM types.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLabServer } from '../../main/serve/lab-server'
import { launchChromium, openPage } from './support/browser'

/**
 * What a user meets in the Design form, the Live view and its charts, in real Chromium against the
 * real services (engine workers, SQLite): problems named all at once, a preset that survives an edit
 * made and undone, runs named by their SPECjbb load, a finished experiment that still shows a run,
 * Live after a reload, error bars, the shaded warm-up, a single message size on a log axis, and the
 * notes a chart gives about its own data.
 */
const ROOT = resolve(import.meta.dirname, '../..')
const DONE_TIMEOUT_MS = 240_000

describe('live view and charts end to end', () => {
  let dataDir: string
  let server: Awaited<ReturnType<typeof startLabServer>>
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'labbench-e2e-live-'))
    server = await startLabServer({ dataDir, staticDir: join(ROOT, 'dist-renderer'), port: 0 })
    browser = await launchChromium()
    page = await openPage(browser)
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(server.url)
    await page.getByTestId('tab-design').waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  /** The canvas of the chart panel whose slug starts with `slug`. */
  const canvasOf = (slug: string) => page.locator(`[data-chart^="${slug}"] canvas`)
  const notesOf = (slug: string) => page.locator(`[data-chart^="${slug}"] [data-testid="chart-note"]`)

  async function waitForFinished(): Promise<void> {
    await page
      .locator('[data-testid="live-progress"][data-finished="true"]')
      .waitFor({ timeout: DONE_TIMEOUT_MS })
  }

  it('names every problem of the form at once, in words', async () => {
    await page.getByTestId('duration').fill('-1')
    await page.locator('#design-mtus').fill('1500, 100')
    await page.locator('#design-jbb').fill('150%')
    await page.locator('#design-replications').fill('0')
    await expect
      .poll(() => page.locator('#error-durationS').textContent())
      .toBe('duration must be more than 0 s, got -1 s')
    expect(await page.locator('#error-mtusText').textContent()).toBe(
      'MTU must be at least 576 bytes, got 100 bytes',
    )
    expect(await page.locator('#error-jbbLevelsText').textContent()).toMatch(
      /^SPECjbb load must be below 100 %, got 150 %/,
    )
    expect(await page.locator('#error-replications').textContent()).toMatch(/from 1 to 1000/)
    expect(await page.getByText('4 problem(s) to fix before starting.').count()).toBe(1)
    expect(await page.getByTestId('start').isDisabled()).toBe(true)
  })

  it("keeps Figure 6's charts after an edit undone, with error bars, markers explained and loads named", async () => {
    await page.getByTestId('preset-select').selectOption('fig6')
    await page.getByTestId('load-preset').click()
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('24')
    const jbb = page.locator('#design-jbb')
    const presetLoads = await jbb.inputValue()
    await jbb.fill('off, max')
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('8')
    await jbb.fill(presetLoads)
    await page.getByTestId('duration').fill('0.2')
    await page.getByTestId('warmup').fill('0.1')
    await page.locator('#design-replications').fill('2')
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('48')
    await page.getByTestId('start').click()
    // The preset's own figure, not the generic sweep charts: the link survived the undone edit.
    await canvasOf('figure-6-throughput').waitFor()
    await waitForFinished()
    // Two replicates per point: points whose seeds differ in throughput draw their 95% interval.
    const figure = canvasOf('figure-6-throughput')
    // 4 configurations x 6 loads, plus the paper's 4 values at SPECjbb off.
    await expect.poll(() => figure.getAttribute('data-point-count'), { timeout: 10_000 }).toBe('28')
    expect(Number(await figure.getAttribute('data-error-bar-count'))).toBeGreaterThan(0)
    await expect
      .poll(() => notesOf('figure-6-throughput').allTextContents())
      .toContainEqual(expect.stringMatching(/for SPECjbb off only/))
    const options = await page.locator('#series-run option').allTextContents()
    expect(options.some((text) => /SPECjbb 20%, seed 2 \(done\)/.test(text))).toBe(true)
    expect(options.some((text) => /SPECjbb max, seed 1 \(done\)/.test(text))).toBe(true)
  })

  it('shows the last finished run with its warm-up shaded, and the same experiment after a reload', async () => {
    const title = page.locator('[data-chart^="throughput-over-time"] h3')
    await expect
      .poll(() => title.textContent())
      .toMatch(/^Throughput over time: vlro MTU 1500, 1024 B, SPECjbb max, seed 2$/)
    const canvas = canvasOf('throughput-over-time')
    await expect.poll(() => canvas.getAttribute('data-point-count')).not.toBe('0')
    expect(await canvas.getAttribute('data-x-bands')).toBe('0-0.1 warm-up (not measured)')

    await page.reload()
    await page.getByTestId('tab-live').click()
    await page.locator('[data-testid="live-results"] tbody tr').first().waitFor()
    expect(await page.locator('[data-testid="live-results"] tbody tr[data-status="done"]').count()).toBe(48)
    await canvasOf('figure-6-throughput').waitFor()
  })

  it('ticks a single message size once on the log axis and says when two lines coincide', async () => {
    await page.getByTestId('tab-design').click()
    await page.getByRole('button', { name: 'Blank design' }).click()
    await page.getByTestId('config-linux').check()
    await page.getByTestId('config-xen').check()
    await page.getByTestId('config-vlro').uncheck()
    await page.getByTestId('duration').fill('0.3')
    await page.getByTestId('warmup').fill('0.1')
    await page.getByTestId('start').click()
    await waitForFinished()
    const sweep = canvasOf('throughput-vs-message-size')
    await expect.poll(() => sweep.getAttribute('data-point-count')).toBe('2')
    expect(await sweep.getAttribute('data-x-ticks')).toBe('16,384')
    // Native and Xen both run at the sender's bus limit at MTU 1500: their lines lie on each other.
    expect((await notesOf('throughput-vs-message-size').allTextContents()).join(' ')).toMatch(
      /linux @ 1500 and xen @ 1500 lie within 1 % of the axis/,
    )
  })

  it('explains samples above the wire when a loaded receiver drains its backlog in bursts', async () => {
    // A 1 ms sample interval is not in the form; the API the renderer uses takes it.
    await page.evaluate(async () => {
      const api = (window as unknown as { api: { startExperiment(request: unknown): Promise<unknown> } }).api
      await api.startExperiment({
        name: 'bursts under SPECjbb',
        specs: [
          {
            config: 'xen',
            env: 'direct-2009',
            jbb: 0.5,
            durationS: 0.3,
            warmupS: 0.1,
            sampleIntervalS: 0.001,
          },
        ],
      })
    })
    await page.getByTestId('tab-history').click()
    await page
      .locator('tr[data-experiment-id]', { hasText: 'bursts under SPECjbb' })
      .getByRole('button', { name: 'Watch' })
      .click()
    await expect.poll(() => page.locator('[data-testid="live-results"] tbody tr').count()).toBe(1)
    await waitForFinished()
    await expect
      .poll(() => notesOf('throughput-over-time').allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringMatching(/sample\(s\) exceed the 1000 Mb\/s wire/))
    expect(pageErrors).toEqual([])
  })
})
