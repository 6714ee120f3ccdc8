import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { RunStore } from '../../../main/store/run-store'
import { makeResult } from './helpers/fixtures'

const writerScript = fileURLToPath(new URL('./helpers/sweep-writer.ts', import.meta.url))
let directory: string

afterEach(() => rmSync(directory, { recursive: true, force: true }))

/** Starts the writer and SIGKILLs it once it reported `killAfter` finished runs. */
function runAndKill(
  dbPath: string,
  killAfter: number,
): Promise<{ experimentId: string; reported: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dbPath, '400', '5000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let buffered = ''
    let experimentId = ''
    let stderr = ''
    const reported: string[] = []
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        const [word, id] = line.split(' ')
        if (word === 'experiment') experimentId = id
        if (word === 'done') reported.push(id)
      }
      if (reported.length >= killAfter && child.exitCode === null && !child.killed) child.kill('SIGKILL')
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited with ${code}: ${stderr}`))
      else resolve({ experimentId, reported, signal })
    })
  })
}

describe('a sweep killed mid-way', () => {
  it('keeps every finished run, marks the rest interrupted and stays intact', async () => {
    directory = mkdtempSync(join(tmpdir(), 'lrolab-crash-'))
    const dbPath = join(directory, 'runs.sqlite')
    const { experimentId, reported } = await runAndKill(dbPath, 5)
    const store = RunStore.open(dbPath)
    try {
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(store.db.pragma('foreign_key_check')).toEqual([])
      const runs = store.listRuns({ experimentId, limit: 1000, sort: 'created' }).items
      expect(runs).toHaveLength(400)
      const done = runs.filter((run) => run.status === 'done')
      const interrupted = runs.filter((run) => run.status === 'interrupted')
      expect(done.length + interrupted.length).toBe(400)
      expect(interrupted.length).toBeGreaterThan(0)
      expect(store.openReport.interruptedRuns).toBe(interrupted.length)
      const doneIds = new Set(done.map((run) => run.id))
      for (const runId of reported) expect(doneIds.has(runId)).toBe(true)
      // Every done run has its whole result: a crash never leaves half of one.
      for (const run of done) {
        expect(store.getRun(run.id)?.result).toEqual({ ...makeResult(5000, run.seed), wallMs: run.wallMs })
      }
    } finally {
      store.close()
    }
  })
})
