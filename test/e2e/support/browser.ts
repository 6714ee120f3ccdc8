import { chromium, type Browser, type Page } from 'playwright-core'
import { PERF_INIT_SCRIPT } from './frame-stats'

/** Debian's Chromium, driven by playwright-core (no bundled browser download here). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Launches headless Chromium with flags that keep it quiet and offline. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** A 1280x800 page with downloads allowed and the frame-time recorder installed. */
export async function openPage(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    colorScheme,
  })
  await context.addInitScript(PERF_INIT_SCRIPT)
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('[page error]', error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') console.error('[page console]', message.text())
  })
  return page
}
