import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { presetById } from '../../../engine/experiments/presets'
import { UsageError, type CliIo } from '../../../main/cli/command'
import { parseSweepArgs, sweepCommand } from '../../../main/cli/commands/sweep'
import { RunStore } from '../../../main/store/run-store'

function captureIo(isErrTty = false): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (text) => stdout.push(text), err: (text) => stderr.push(text), isErrTty }
}

describe('labbench sweep', () => {
  const directory = mkdtempSync(join(tmpdir(), 'lro-labbench-sweep-'))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('summarises replications as one row per point with a mean and a 95% interval', async () => {
    const io = captureIo()
    const args = ['--preset', 'table1', '--duration', '0.05', '--warmup', '0.02', '--jobs', '2']
    const code = await sweepCommand.run([...args, '--replications', '3'], io)
    expect(code, io.stderr.join('\n')).toBe(0)
    const text = io.stdout.join('\n')
    const summary = text.slice(text.indexOf('Replications:'))
    const rows = summary.split('\n').slice(2)
    // table1 has four configurations; each row aggregates its three seeds.
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(['linux', 'xen', 'plro', 'vlro'])
    for (const row of rows) {
      const match = / 3 +([\d.]+) ± ([\d.]+)/.exec(row)
      expect(match, row).not.toBeNull()
      expect(Number(match?.[1])).toBeGreaterThan(0)
    }
  })

  it('crosses a grid with two parameter axes, one of the NIC and one of Xen, and stores their values', async () => {
    const dbPath = join(directory, 'vary.sqlite')
    const io = captureIo()
    const args = ['--config', 'xen,vlro', '--duration', '0.05', '--warmup', '0.02', '--jobs', '2']
    const axes = ['--vary', 'nic.interruptRateHz=8000,20000', '--vary', 'xen.sched.ticksPerSlice=1..3/2']
    const code = await sweepCommand.run([...args, ...axes, '--json', '--db', dbPath], io)
    expect(code, io.stderr.join('\n')).toBe(0)
    const printed = JSON.parse(io.stdout.join('')) as {
      spec: { config: string; params: Record<string, number> }
      result: { lroRate: number | null }
    }[]
    expect(printed.map((entry) => [entry.spec.config, entry.spec.params])).toEqual([
      ['xen', { 'nic.interruptRateHz': 8000, 'xen.sched.ticksPerSlice': 1 }],
      ['xen', { 'nic.interruptRateHz': 8000, 'xen.sched.ticksPerSlice': 3 }],
      ['xen', { 'nic.interruptRateHz': 20000, 'xen.sched.ticksPerSlice': 1 }],
      ['xen', { 'nic.interruptRateHz': 20000, 'xen.sched.ticksPerSlice': 3 }],
      ['vlro', { 'nic.interruptRateHz': 8000, 'xen.sched.ticksPerSlice': 1 }],
      ['vlro', { 'nic.interruptRateHz': 8000, 'xen.sched.ticksPerSlice': 3 }],
      ['vlro', { 'nic.interruptRateHz': 20000, 'xen.sched.ticksPerSlice': 1 }],
      ['vlro', { 'nic.interruptRateHz': 20000, 'xen.sched.ticksPerSlice': 3 }],
    ])
    // Fewer interrupts per second, more segments per poll: vLRO aggregates deeper at 8000/s.
    expect(printed[4].result.lroRate).toBeGreaterThan(printed[6].result.lroRate ?? Infinity)
    const store = RunStore.open(dbPath)
    try {
      const runs = store.listRuns({ limit: 100 }).items
      expect(runs.map((run) => run.spec.params['nic.interruptRateHz'])).toEqual(
        expect.arrayContaining([8000, 20000]),
      )
      expect(runs[0].experimentName).toBe('sweep xen,vlro')
    } finally {
      store.close()
    }
  })

  it("refuses an axis outside the parameter's range before running anything", async () => {
    const io = captureIo()
    await expect(
      sweepCommand.run(['--config', 'xen', '--vary', 'xen.sched.ticksPerSlice=0,3', '--no-store'], io),
    ).rejects.toThrow(/--vary xen.sched.ticksPerSlice = 0 ticks is outside \[1, 30\]/)
    await expect(sweepCommand.run(['--mtu', '1500', '--no-store'], io)).rejects.toThrow(UsageError)
  })

  it('plans a list of presets, or all of them, as one sweep in preset order', () => {
    const [table1, fig2] = ['table1', 'fig2'].map((id) => presetById(id)?.expand().length ?? 0)
    const two = parseSweepArgs(['--preset', 'table1,fig2', '--replications', '2', '--no-store'])
    expect(two.specs).toHaveLength(2 * (table1 + fig2))
    expect(two.plan.presetId).toBeNull()
    expect(two.specs.slice(0, 2).map((spec) => spec.seed)).toEqual([1, 2])
    expect(parseSweepArgs(['--preset', 'fig2']).plan.presetId).toBe('fig2')
    const all = parseSweepArgs(['--preset', 'all', '--no-store'])
    expect(all.specs.length).toBeGreaterThan(table1 + fig2)
    expect(() => parseSweepArgs(['--preset', 'table1,fig9'])).toThrow(/unknown preset "fig9"/)
  })

  it('runs every point of a preset, prints JSON and records the runs', async () => {
    const dbPath = join(directory, 'runs.sqlite')
    const io = captureIo()
    const args = [
      '--preset',
      'table1',
      '--duration',
      '0.05',
      '--warmup',
      '0.02',
      '--jobs',
      '2',
      '--json',
      '--db',
      dbPath,
    ]
    const code = await sweepCommand.run(args, io)
    expect(code, io.stderr.join('\n')).toBe(0)
    const printed = JSON.parse(io.stdout.join('')) as {
      spec: { config: string; durationS: number }
      result: { throughputMbps: number }
    }[]
    const expectedCount = presetById('table1')?.expand().length
    expect(printed).toHaveLength(expectedCount ?? -1)
    expect(printed.every((entry) => entry.spec.durationS === 0.05 && entry.result.throughputMbps > 0)).toBe(
      true,
    )
    // Without a terminal the bar is printed once per finished run, ending at 100%.
    expect(io.stderr.filter((line) => line.startsWith('sweep: [')).at(-1)).toMatch(/100% 4\/4 runs/)
    const store = RunStore.open(dbPath)
    try {
      const runs = store.listRuns({ limit: 100 })
      expect(runs.total).toBe(printed.length)
      expect(runs.items.every((run) => run.status === 'done' && run.experimentName === 'sweep table1')).toBe(
        true,
      )
    } finally {
      store.close()
    }
  })

  it.each([
    [['--preset', 'fig99'], /unknown preset/],
    [[], /--preset or --config is required/],
    [['--preset', 'table1', '--jobs', '0'], /--jobs/],
    [['--preset', 'table1', '--replications', 'two'], /--replications/],
    [['--preset', 'table1', '--duration', '-1'], /--duration/],
  ])('refuses %j with a usage error naming the problem', async (args, message) => {
    await expect(sweepCommand.run(args, captureIo())).rejects.toThrow(UsageError)
    await expect(sweepCommand.run(args, captureIo())).rejects.toThrow(message)
  })
})
