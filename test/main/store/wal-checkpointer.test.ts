import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RunStore, type RunStoreOptions } from '../../../main/store/run-store'
import { makeResult, makeSpec } from './helpers/fixtures'

let directory: string

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'lrolab-wal-'))
})

afterEach(() => rmSync(directory, { recursive: true, force: true }))

/** Stores one run with a 10,000-sample series and returns the main database file's size after. */
function storeBigRun(options: RunStoreOptions): { store: RunStore; mainBytes: () => number } {
  const dbPath = join(directory, 'runs.sqlite')
  const store = RunStore.open(dbPath, options)
  const { runIds } = store.createExperiment({ name: 'big', specs: [makeSpec()] })
  store.storeResult(runIds[0], makeResult(10_000, 1))
  return { store, mainBytes: () => statSync(dbPath).size }
}

describe('WAL checkpoints off the write path', () => {
  it('leaves a stored run in the WAL while writes continue', () => {
    const { store, mainBytes } = storeBigRun({ idleCheckpointMs: 0 })
    expect(mainBytes()).toBeLessThan(200_000)
    store.close()
    expect(mainBytes()).toBeGreaterThan(400_000)
  })

  it('checkpoints at once when the WAL outgrows its cap', () => {
    const { store, mainBytes } = storeBigRun({ idleCheckpointMs: 0, maxWalBytes: 1 })
    expect(mainBytes()).toBeGreaterThan(400_000)
    store.close()
  })

  it('checkpoints once writes pause', async () => {
    const { store, mainBytes } = storeBigRun({ idleCheckpointMs: 20 })
    expect(mainBytes()).toBeLessThan(200_000)
    for (let attempt = 0; attempt < 100 && mainBytes() < 400_000; attempt += 1) await sleep(20)
    expect(mainBytes()).toBeGreaterThan(400_000)
    store.close()
  })
})
