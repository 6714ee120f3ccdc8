import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliIo } from '../../../main/cli/command'
import { slurmCommand } from '../../../main/cli/commands/slurm'
import { sweepCommand } from '../../../main/cli/commands/sweep'
import { RunStore } from '../../../main/store/run-store'

/**
 * A real single-node Slurm (Debian's slurmctld, slurmd and munge; .ci/run installs them), started
 * by scripts/slurm/start-local-slurm.sh: a sweep submitted as 4 array tasks and a merge job must
 * give the same runs and numbers as the sweep run here. In CI a Slurm that cannot start fails the
 * test; elsewhere (no packages, not root) it is skipped with the reason printed.
 */
const ROOT = resolve(import.meta.dirname, '../../..')
const PLAN = ['--config', 'xen,vlro', '--msg', '1024,16384', '--duration', '0.05', '--warmup', '0.02']

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return {
    stdout,
    stderr,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    isErrTty: false,
  }
}

describe('sweeps on a Slurm cluster', () => {
  const directory = mkdtempSync(join(tmpdir(), 'lro-labbench-slurm-'))
  const clusterDir = join(directory, 'cluster')
  let startProblem: string | null = null

  beforeAll(() => {
    try {
      const printed = execFileSync('bash', [join(ROOT, 'scripts/slurm/start-local-slurm.sh'), clusterDir], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      process.env.SLURM_CONF = /export SLURM_CONF=(\S+)/.exec(printed)?.[1] ?? ''
    } catch (error) {
      startProblem = `Slurm could not start: ${(error as { stderr?: string }).stderr ?? String(error)}`
    }
  })

  afterAll(() => {
    execFileSync('bash', [join(ROOT, 'scripts/slurm/stop-local-slurm.sh'), clusterDir])
    rmSync(directory, { recursive: true, force: true })
  })

  it('runs 4 shards as an array, merges them after it, and matches the local sweep', async (context) => {
    if (startProblem !== null) {
      if (process.env.CI) throw new Error(startProblem)
      console.warn(`skipped: ${startProblem}`)
      context.skip()
    }
    const local = captureIo()
    expect(await sweepCommand.run([...PLAN, '--jobs', '2', '--json', '--no-store'], local)).toBe(0)
    const expected = (
      JSON.parse(local.stdout.join('')) as {
        spec: object
        result: { throughputMbps: number; lroRate: number | null }
      }[]
    ).map((entry) => ({
      spec: entry.spec,
      throughputMbps: entry.result.throughputMbps,
      lroRate: entry.result.lroRate,
    }))

    const jobDir = join(directory, 'job')
    const io = captureIo()
    const args = ['--shards', '4', '--cpus-per-task', '1', '--dir', jobDir, '--submit', '--', ...PLAN]
    expect(await slurmCommand.run(args, io), io.stderr.join('\n')).toBe(0)
    const ids = /array (\d+) merge (\d+)/.exec(io.stdout.join('\n'))
    expect(ids, io.stdout.join('\n')).not.toBeNull()
    // Wait until Slurm no longer lists the array or the merge job (at most 5 minutes).
    await expect
      .poll(
        () => execFileSync('squeue', ['-h', '-j', `${ids?.[1]},${ids?.[2]}`], { encoding: 'utf8' }).trim(),
        {
          timeout: 300_000,
          interval: 1000,
        },
      )
      .toBe('')
    const mergeLog = readFileSync(join(jobDir, 'logs/merge.out'), 'utf8')
    expect(mergeLog.trim().split('\n'), readFileSync(join(jobDir, 'logs/merge.err'), 'utf8')).toHaveLength(4)
    for (const shard of [1, 2, 3, 4])
      expect(readFileSync(join(jobDir, `logs/shard-${shard}.err`), 'utf8')).toMatch(
        `shard ${shard}/4: wrote 1 of 4 runs`,
      )

    const store = RunStore.open(join(jobDir, 'merged.sqlite'))
    try {
      expect(store.listExperiments({}).items).toHaveLength(1)
      const merged = store
        .listRuns({ limit: 100 })
        .items.sort((left, right) => left.ordinal - right.ordinal)
        .map((run) => ({
          spec: run.spec,
          throughputMbps: run.metrics?.throughputMbps,
          lroRate: run.metrics?.lroRate,
        }))
      expect(merged).toEqual(expected)
    } finally {
      store.close()
    }
  }, 360_000)
})
