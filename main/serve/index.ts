/**
 * `npm run serve [-- --port N] [--db FILE] [--threads N]`: opens the bench in a browser on this
 * machine. Serves `dist-renderer/` (built by the npm script first) and the API on 127.0.0.1 only,
 * and prints the start URL with its one-time access token.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { defaultRunStorePath } from '../platform/data-dir'
import { startLabServer } from './lab-server'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

function readAppVersion(): string {
  const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version?: string }
  return manifest.version ?? '0.0.0'
}

function parsePositiveInteger(text: string | undefined, name: string, fallback?: number): number | undefined {
  if (text === undefined) return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new Error(`--${name} must be a whole number`)
  return value
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      db: { type: 'string' },
      threads: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    process.stdout.write('Usage: npm run serve [-- --port N] [--db FILE] [--threads N]\n')
    return
  }
  const server = await startLabServer({
    port: parsePositiveInteger(values.port, 'port', 0),
    staticDir: resolve(ROOT, 'dist-renderer'),
    dbPath: values.db ? resolve(values.db) : defaultRunStorePath(),
    threadCount: parsePositiveInteger(values.threads, 'threads'),
    appVersion: readAppVersion(),
  })
  process.stdout.write(
    `LRO Lab Bench is served on loopback only. Open this URL in a browser on this machine:\n\n  ${server.url}\n\n` +
      'The token in the URL is required for every request; press Ctrl+C to stop.\n',
  )
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed:', error)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`serve: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
