import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { RunStore } from '../../../main/store/run-store'

const directory = mkdtempSync(join(tmpdir(), 'lro-labbench-record-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const TSX = 'node_modules/.bin/tsx'

/** Runs the stored-run counts of the only experiment in `dbPath`, by status. */
function runCounts(dbPath: string): Record<string, number> {
  const store = RunStore.open(dbPath, { recoverInterrupted: false })
  try {
    const [experiment] = store.listExperiments().items
    return experiment ? { ...experiment.runCounts } : {}
  } finally {
    store.close()
  }
}

describe('recording into --db as runs finish', () => {
  it('refuses a file that is not a run store before simulating anything, in one line', () => {
    const foreign = join(directory, 'notes.sqlite')
    writeFileSync(foreign, 'these are my notes, not a database\n')
    const started = Date.now()
    const result = spawnSync(
      TSX,
      ['main/cli/index.ts', 'run', '--config', 'xen', '--duration', '30', '--db', foreign],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    )
    expect(result.status).toBe(2)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(/--db .*notes\.sqlite: not a run store/)
    // 30 simulated seconds would take several wall seconds: none were simulated.
    expect(Date.now() - started).toBeLessThan(20_000)
  })

  it('keeps every finished run of a sweep killed with SIGTERM, the rest marked cancelled', async () => {
    const dbPath = join(directory, 'killed.sqlite')
    const child = spawn(
      TSX,
      [
        'main/cli/index.ts',
        'sweep',
        '--preset',
        'fig2',
        '--duration',
        '0.3',
        '--warmup',
        '0.05',
        '--jobs',
        '1',
        '--db',
        dbPath,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    // Wait until at least two runs are done (the progress line counts them), then terminate.
    const deadline = Date.now() + 60_000
    while (!/\b[2-9]\/36\b|\b[1-9]\d\/36\b/.test(stderr) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    child.kill('SIGTERM')
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(1)
    expect(stderr).toMatch(/interrupted, cancelling the remaining runs/)
    const counts = runCounts(dbPath)
    expect(counts.done).toBeGreaterThanOrEqual(2)
    expect(counts.done).toBeLessThan(36)
    expect(counts.queued ?? 0).toBe(0)
    expect(counts.cancelled).toBe(36 - counts.done - (counts.failed ?? 0))
  }, 90_000)
})
