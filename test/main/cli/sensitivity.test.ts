import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError, type CliIo } from '../../../main/cli/command'
import { sensitivityCommand } from '../../../main/cli/commands/sensitivity'

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

const SIX = [
  'direct-2009:sender.nic.busBytesPerS',
  'direct-2009:nic.interruptRateHz',
  'xen.vlro.segmentCycles',
  'xen.netfront.responseCycles',
  'xen.grant.copyByteCycles',
  'xen.sched.switchCycles',
].join(',')
const SHORT = ['--duration', '0.05', '--warmup', '0.02', '--jobs', '2', '--no-store']

describe('labbench sensitivity', () => {
  it('ranks six parameters by Morris mu* from real runs, the sender bus first for an idle vLRO receiver', async () => {
    const io = captureIo()
    const code = await sensitivityCommand.run(['--params', SIX, '--trajectories', '3', ...SHORT], io)
    expect(code, io.stderr.join('\n')).toBe(0)
    expect(io.stderr.at(-1)).toMatch(/100% 21\/21 runs/)
    const rows = io.stdout.join('\n').split('\n').slice(1)
    expect(rows).toHaveLength(6)
    const muStars = rows.map((row) => Number(row.trim().split(/\s+/)[4]))
    expect(muStars).toEqual([...muStars].sort((left, right) => right - left))
    // The idle receiver is held by the sender's NIC bus (docs/MODEL.md): its speed moves throughput most.
    expect(rows[0]).toMatch(
      /^1\s+direct-2009:sender\.nic\.busBytesPerS\s+100000000\.0\.\.250000000\.0 \(log\)/,
    )
  })

  it('gives Sobol indices with intervals as JSON', async () => {
    const io = captureIo()
    const args = [
      '--params',
      'direct-2009:sender.nic.busBytesPerS,xen.sched.switchCycles',
      '--method',
      'sobol',
    ]
    const code = await sensitivityCommand.run([...args, '--samples', '6', '--json', ...SHORT], io)
    expect(code, io.stderr.join('\n')).toBe(0)
    const indices = JSON.parse(io.stdout.join('')) as {
      id: string
      first: { value: number; low: number; high: number }
      total: { value: number }
    }[]
    expect(indices.map((index) => index.id)).toEqual([
      'direct-2009:sender.nic.busBytesPerS',
      'xen.sched.switchCycles',
    ])
    expect(indices[0].total.value).toBeGreaterThan(indices[1].total.value)
    expect(indices[0].first.low).toBeLessThanOrEqual(indices[0].first.high)
  })

  it('computes the same indices from the archives of three shards as from one local analysis', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'lro-labbench-sensitivity-'))
    try {
      const params = ['--params', 'direct-2009:nic.interruptRateHz,xen.sched.switchCycles']
      const analysis = [...params, '--trajectories', '3', '--duration', '0.05', '--warmup', '0.02']
      const local = captureIo()
      expect(await sensitivityCommand.run([...analysis, '--json', '--jobs', '2', '--no-store'], local)).toBe(
        0,
      )
      const archives = [1, 2, 3].map((shard) => join(directory, `shard-${shard}.lrolab`))
      for (const [index, out] of archives.entries()) {
        const io = captureIo()
        const shardArgs = [...analysis, '--jobs', '2', '--shard', `${index + 1}/3`]
        expect(await sensitivityCommand.run([...shardArgs, '--out', out], io), io.stderr.join('\n')).toBe(0)
        expect(io.stdout).toEqual([])
      }
      const merged = captureIo()
      expect(await sensitivityCommand.run([...analysis, '--json', '--from', ...archives], merged)).toBe(0)
      expect(JSON.parse(merged.stdout.join(''))).toEqual(JSON.parse(local.stdout.join('')))
      // Archives of another analysis (another seed: other points) are refused, not mixed in.
      await expect(
        sensitivityCommand.run([...analysis, '--seed', '2', '--from', ...archives], captureIo()),
      ).rejects.toThrow(/not this analysis's|no runs of/)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })

  it.each([
    [[], /--params/],
    [['--params', 'no.such'], /unknown parameter id "no.such"/],
    [['--params', 'xen.sched.switchCycles', '--metric', 'speed'], /--metric/],
    [['--params', 'xen.sched.switchCycles', '--method', 'fast'], /--method/],
    [['--params', 'switched-2008:nic.interruptRateHz'], /belongs to switched-2008/],
  ])('refuses %j with a usage error', async (argv, message) => {
    await expect(sensitivityCommand.run(argv, captureIo())).rejects.toThrow(UsageError)
    await expect(sensitivityCommand.run(argv, captureIo())).rejects.toThrow(message)
  })
})
