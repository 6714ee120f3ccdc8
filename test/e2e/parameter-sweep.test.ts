/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLabServer } from '../../main/serve/lab-server'
import { launchChromium, openPage } from './support/browser'
import { screenshotDir } from './support/output-paths'

/**
 * A two-axis parameter sweep designed in the form, in real Chromium against the real services: the
 * NIC's interrupt rate and netfront's ring target as axes (checked against their declared ranges as
 * typed), two configurations, the explore chart with a parameter on x, History filtering the
 * stored runs by an axis value, and a Morris analysis designed in the form with its ranked chart.
 */
const ROOT = resolve(import.meta.dirname, '../..')
const DONE_TIMEOUT_MS = 240_000

describe('parameter sweep end to end', () => {
  let dataDir: string
  let server: Awaited<ReturnType<typeof startLabServer>>
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'labbench-e2e-axes-'))
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

  it('checks an axis against its parameter as typed, then runs the two-axis grid', async () => {
    await page.getByTestId('duration').fill('0.3')
    await page.getByTestId('warmup').fill('0.1')
    await page.getByTestId('add-axis').click()
    await page.locator('#axis-0-id').selectOption('nic.interruptRateHz')
    await page.locator('#axis-0-values').fill('4000, 20000')
    await page.getByTestId('add-axis').click()
    await page.locator('#axis-1-id').selectOption('xen.netfront.rxTarget')
    await page.locator('#axis-1-values').fill('4, 64')
    await expect.poll(() => page.locator('#error-axes-1').textContent()).toMatch(/xen\.netfront\.rxTarget/)
    expect(await page.getByTestId('start').isDisabled()).toBe(true)
    await page.locator('#axis-1-values').fill('64..256/2')
    // xen and vlro (the blank design's) x 2 interrupt rates x 2 ring targets.
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('8')
    expect(await page.locator('#error-axes-1').count()).toBe(0)
    await page.getByTestId('start').click()
    await page
      .locator('[data-testid="live-progress"][data-finished="true"]')
      .waitFor({ timeout: DONE_TIMEOUT_MS })
    expect(await page.locator('[data-testid="live-results"] tbody tr[data-status="done"]').count()).toBe(8)
  })

  it('charts a parameter on x, series split by the other axes, and moves the other axis to x', async () => {
    const explore = page.getByTestId('explore-chart')
    await explore.waitFor()
    // Charts below the fold redraw when scrolled into view, as a user would.
    await explore.scrollIntoViewIfNeeded()
    expect(await page.getByTestId('explore-x').inputValue()).toBe('param:nic.interruptRateHz')
    const canvas = explore.locator('canvas')
    // 4 series (2 configurations x 2 ring targets) x 2 interrupt rates.
    await expect.poll(() => canvas.getAttribute('data-point-count')).toBe('8')
    expect(await canvas.getAttribute('data-x-ticks')).toBe('4000|20000')
    await page.getByTestId('explore-x').selectOption('param:xen.netfront.rxTarget')
    await expect.poll(() => canvas.getAttribute('data-x-ticks')).toBe('64|256')
    await page.getByTestId('explore-series').selectOption('config')
    await expect.poll(() => page.getByTestId('explore-pooled').textContent()).toMatch(/nic\.interruptRateHz/)
    await expect.poll(() => canvas.getAttribute('data-point-count')).toBe('4')
    await explore.screenshot({ path: join(screenshotDir(), 'explore.png') })
    const header = await page.locator('[data-testid="live-results"] thead').textContent()
    expect(header).toContain('Parameters')
  })

  it('finds the runs of one axis value in History', async () => {
    await page.getByTestId('tab-history').click()
    await page.getByTestId('filter-param').fill('nic.interruptRateHz=4 kHz')
    const rows = page.locator('[data-testid="history-table"] tbody tr')
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4)
    const overrides = await page.getByTestId('run-overrides').allTextContents()
    expect(overrides.every((text) => text.includes('nic.interruptRateHz=4000'))).toBe(true)
    await page.getByTestId('filter-param').fill('nic.interruptRateHz=4000, 8000')
    await expect.poll(() => page.locator('#filter-param-error').textContent()).toMatch(/one value/)
  })

  it('runs a Morris analysis designed in the form and ranks its parameters in a bar chart', async () => {
    await page.getByTestId('tab-design').click()
    await page.getByTestId('kind-sensitivity').check()
    await page.getByRole('button', { name: 'Remove xen.sched.switchCycles' }).click()
    await page.locator('#sensitivity-trajectories').fill('2')
    await page.locator('#sensitivity-duration').fill('0.3')
    await page.locator('#sensitivity-warmup').fill('0.1')
    await page.locator('#sensitivity-mtu').fill('100')
    await expect.poll(() => page.locator('#error-mtu').textContent()).toMatch(/^mtu: /)
    await page.locator('#sensitivity-mtu').fill('1500')
    // Morris: r (k + 1) = 2 x 3 runs.
    await expect.poll(() => page.getByTestId('sensitivity-run-count').textContent()).toBe('6')
    await page.getByTestId('sensitivity-start').click()
    const table = page.getByTestId('sensitivity-table')
    // The indices are computed from the runs as they finish: all 6 design points known at the end.
    await expect
      .poll(() => table.locator('caption').textContent(), { timeout: DONE_TIMEOUT_MS })
      .toMatch(/6 of 6 design points known/)
    expect(await table.locator('tbody tr').count()).toBe(2)
    const ranked = await table.locator('tbody tr td:nth-child(2)').allTextContents()
    expect([...ranked].sort()).toEqual([
      'direct-2009:nic.interruptRateHz',
      'direct-2009:sender.nic.busBytesPerS',
    ])
    const canvas = page.getByTestId('sensitivity-result').locator('canvas')
    await expect.poll(() => canvas.getAttribute('data-x-ticks')).toBe(ranked.join('|'))
    // mu* and sigma for each of the two parameters.
    expect(await canvas.getAttribute('data-point-count')).toBe('4')
    await page
      .getByTestId('sensitivity-result')
      .screenshot({ path: join(screenshotDir(), 'sensitivity.png') })
    expect(pageErrors).toEqual([])
  })
})
