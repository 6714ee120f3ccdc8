/**
 * Child process for the crash test: writes a sweep into a store, reporting each finished run on
 * stdout (`done <runId>`) after its transaction committed, until the parent kills it.
 * Usage: node --import tsx sweep-writer.ts <dbPath> <runCount> <samplesPerRun>
 */
import { RunStore } from '../../../../main/store/run-store'
import { makeResult, makeSpec } from './fixtures'

const [dbPath, runCountText, samplesText] = process.argv.slice(2)
const store = RunStore.open(dbPath)
const runCount = Number(runCountText)
const specs = Array.from({ length: runCount }, (_, index) => makeSpec({ seed: index + 1 }))
const { experimentId, runIds } = store.createExperiment({ name: 'crash sweep', specs })
process.stdout.write(`experiment ${experimentId}\n`)
for (const [index, runId] of runIds.entries()) {
  store.markRunning(runId)
  store.recordProgress(runId, 0.5)
  store.storeResult(runId, makeResult(Number(samplesText), index + 1))
  process.stdout.write(`done ${runId}\n`)
}
store.close()
process.stdout.write('finished\n')
