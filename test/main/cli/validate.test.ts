import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serialBatchRunner } from '../../../engine/calibration/runner'
import type { CliIo } from '../../../main/cli/command'
import { createValidateCommand } from '../../../main/cli/commands/validate'
import type { EngineBatchRunnerOptions } from '../../../main/cli/engine-batch-runner'
import { fakeRun, type FakeEngineTweaks } from '../../engine/calibration/fake-engine'

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { io: { out: (text) => out.push(text), err: (text) => err.push(text), isErrTty: false }, out, err }
}

function commandWith(tweaks: FakeEngineTweaks = {}, seen: EngineBatchRunnerOptions[] = []) {
  return createValidateCommand({
    createRunner: (options) => {
      seen.push(options)
      return {
        runner: serialBatchRunner((spec) => fakeRun(spec, tweaks)),
        parallelism: 1,
        close: async () => undefined,
      }
    },
  })
}

describe('labbench validate', () => {
  it('prints every target with its verdict and exits 0 when all hold', async () => {
    const { io, out } = capture()
    const code = await commandWith().run([], io)
    expect(code).toBe(0)
    const text = out.join('\n')
    for (const id of ['T1-linux', 'T1-vlro', 'F2-plro', 'F3-linux', 'F5-vlro-1500'])
      expect(text).toContain(id)
    expect(text).toMatch(/PASSED/)
    expect(text).toMatch(/consolidated-lro-gains \(informational\)/)
  })

  it('exits 1 and marks the miss when a target is outside its tolerance', async () => {
    const { io, out } = capture()
    const code = await commandWith({ throughputScale: { xen: 0.9 } }).run(['--no-rules'], io)
    expect(code).toBe(1)
    const missLine = out
      .join('\n')
      .split('\n')
      .find((line) => line.startsWith('T1-xen') && line.includes('throughputMbps'))
    expect(missLine).toMatch(/-10\.0%.*MISS/)
  })

  it('prints a JSON report with --json and passes duration, seed and sizes to the points', async () => {
    const { io, out } = capture()
    const code = await commandWith().run(
      ['--json', '--duration', '0.25', '--seed', '7', '--sizes', '512,4096', '--no-rules'],
      io,
    )
    expect(code).toBe(0)
    const report = JSON.parse(out.join('\n'))
    expect(report.options.durationS).toBe(0.25)
    expect(report.options.seed).toBe(7)
    const f2 = report.comparisons.find((c: { targetId: string }) => c.targetId === 'F2-linux')
    expect(f2.perSize.map((size: { messageSizeBytes: number }) => size.messageSizeBytes)).toEqual([512, 4096])
    expect(report.rules).toEqual([])
  })

  it('hands --jobs and the chosen parameter set to the runner factory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labbench-validate-'))
    const setPath = join(dir, 'mine.json')
    writeFileSync(setPath, JSON.stringify({ name: 'mine', values: { 'some.parameter': 3 } }))
    const seen: EngineBatchRunnerOptions[] = []
    const { io } = capture()
    await commandWith({}, seen).run(['--jobs', '2', '--param-set', setPath, '--no-rules'], io)
    expect(seen[0].jobs).toBe(2)
    // A set file layers over the built-in default set.
    expect(seen[0].paramSet?.['some.parameter']).toBe(3)
    expect(seen[0].paramSet?.['xen.vlro.segmentCycles']).toBeDefined()
    expect(readFileSync(setPath, 'utf8')).toContain('mine')
  })

  it('rejects bad options with a usage error', async () => {
    const { io } = capture()
    await expect(commandWith().run(['--duration', '0'], io)).rejects.toThrow(
      /--duration: "[^"]*" is not a positive number/,
    )
    await expect(commandWith().run(['--sizes', '64'], io)).rejects.toThrow(
      /--sizes: "[^"]*" is not a whole number in \[256, /,
    )
    await expect(commandWith().run(['--targets', '/no/such/file.json'], io)).rejects.toThrow(
      /cannot read targets/,
    )
    await expect(commandWith().run(['--param-set', 'no-such-set'], io)).rejects.toThrow(/not found/)
  })
})
