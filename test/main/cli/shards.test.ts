import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { UsageError, type CliIo } from '../../../main/cli/command'
import { importCommand } from '../../../main/cli/commands/import'
import { sweepCommand } from '../../../main/cli/commands/sweep'
import { parseShard, shardPositions } from '../../../main/services/shard-plan'
import { RunStore } from '../../../main/store/run-store'

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

const PLAN = ['--config', 'xen,vlro', '--msg', '1024,16384', '--vary', 'nic.interruptRateHz=8000,20000']
const SHORT = ['--duration', '0.05', '--warmup', '0.02', '--jobs', '1']

describe('sweep shards', () => {
  const directory = mkdtempSync(join(tmpdir(), 'lro-labbench-shards-'))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('slices a plan into every N-th run and refuses bad shards', () => {
    expect(shardPositions(10, parseShard('2/4'))).toEqual([1, 5, 9])
    expect(shardPositions(3, parseShard('4/4'))).toEqual([])
    expect(() => parseShard('5/4')).toThrow(/not a shard K\/N/)
    expect(() => parseShard('0/4')).toThrow(/not a shard/)
  })

  it('merges four shard archives into exactly the unsharded sweep, and a shard imported twice adds nothing', async () => {
    const whole = captureIo()
    expect(await sweepCommand.run([...PLAN, ...SHORT, '--json', '--no-store'], whole)).toBe(0)
    const expected = (
      JSON.parse(whole.stdout.join('')) as { spec: object; result: { throughputMbps: number; clk: number } }[]
    ).map((entry) => ({
      spec: entry.spec,
      throughputMbps: entry.result.throughputMbps,
      clk: entry.result.clk,
    }))
    expect(expected).toHaveLength(8)

    const dbPath = join(directory, 'merged.sqlite')
    for (const shard of [1, 2, 3, 4]) {
      const out = join(directory, `shard-${shard}.lrolab`)
      const io = captureIo()
      expect(
        await sweepCommand.run([...PLAN, ...SHORT, '--shard', `${shard}/4`, '--out', out], io),
        io.stderr.join('\n'),
      ).toBe(0)
      expect(io.stderr.at(-1)).toBe(`sweep: shard ${shard}/4: wrote 2 of 8 runs to ${out}`)
      expect(await importCommand.run([out, '--db', dbPath], captureIo())).toBe(0)
    }
    const again = captureIo()
    expect(await importCommand.run([join(directory, 'shard-3.lrolab'), '--db', dbPath], again)).toBe(0)
    expect(again.stdout.join('')).toMatch(/added 0 experiment\(s\), 0 run\(s\)/)

    const store = RunStore.open(dbPath)
    try {
      const experiments = store.listExperiments({}).items
      expect(experiments).toHaveLength(1)
      expect(experiments[0].runCounts.done).toBe(8)
      const runs = store.listRuns({ sort: 'created', order: 'asc', limit: 100 }).items
      const merged = [...runs]
        .sort((left, right) => left.ordinal - right.ordinal)
        .map((run) => ({
          spec: run.spec,
          throughputMbps: run.metrics?.throughputMbps,
          clk: run.metrics?.clk,
        }))
      expect(merged).toEqual(expected)
    } finally {
      store.close()
    }
  })

  it('needs --out with --shard and --shard with --out', async () => {
    await expect(sweepCommand.run([...PLAN, '--shard', '1/2'], captureIo())).rejects.toThrow(
      /--shard needs --out/,
    )
    await expect(sweepCommand.run([...PLAN, '--out', 'x.lrolab'], captureIo())).rejects.toThrow(UsageError)
  })
})
