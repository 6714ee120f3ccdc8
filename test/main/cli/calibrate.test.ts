import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serialBatchRunner } from '../../../engine/calibration/runner'
import { parameterRegistry } from '../../../engine/params/registry'
import { defaultParameterSet } from '../../../engine/params/sets/default'
import { ParamSetFileSchema } from '../../../engine/params/sets/param-set-file'
import type { CliIo } from '../../../main/cli/command'
import { createCalibrateCommand } from '../../../main/cli/commands/calibrate'
import { fakeRun } from '../../engine/calibration/fake-engine'

const FREE_ID = 'xen.vlro.segmentCycles'

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { io: { out: (text) => out.push(text), err: (text) => err.push(text), isErrTty: false }, out, err }
}

const command = createCalibrateCommand({
  createRunner: () => ({
    runner: serialBatchRunner((spec) => fakeRun(spec)),
    parallelism: 1,
    close: async () => undefined,
  }),
  now: () => '2026-11-25T12:00:00.000Z',
})

describe('labbench calibrate', () => {
  it('saves a named set whose provenance traces the fit', async () => {
    expect(parameterRegistry.has(FREE_ID)).toBe(true)
    const dir = mkdtempSync(join(tmpdir(), 'labbench-calibrate-'))
    const targetsPath = join(dir, 'mine.json')
    const targetsText = JSON.stringify({
      targets: [{ id: 'mine-xen', env: 'direct-2009', config: 'xen', mtu: 1500, throughputMbps: 560 }],
    })
    writeFileSync(targetsPath, targetsText)
    // A partial base set: its value is the start, the built-in default set fills in the rest.
    const basePath = join(dir, 'base.json')
    writeFileSync(basePath, JSON.stringify({ name: 'base', values: { [FREE_ID]: 1234 } }))
    const { io, out, err } = capture()
    const args = ['--targets', targetsPath, '--free', FREE_ID, '--param-set', basePath]
    const code = await command.run([...args, '--out', 'my-fit', '--out-dir', dir, '--max-evals', '4'], io)
    expect(code).toBe(0)
    const saved = ParamSetFileSchema.parse(JSON.parse(readFileSync(join(dir, 'my-fit.json'), 'utf8')))
    expect(saved.name).toBe('my-fit')
    expect(saved.provenance?.targetsSha256).toBe(createHash('sha256').update(targetsText).digest('hex'))
    expect(saved.provenance?.date).toBe('2026-11-25T12:00:00.000Z')
    expect(saved.provenance?.free).toEqual([FREE_ID])
    expect(saved.provenance?.baseSet).toBe(basePath)
    expect(saved.provenance?.errors.map((error) => error.targetId)).toEqual(['mine-xen'])
    // The fake gives 565.9 Mb/s for xen: +1.05 % off 560.
    expect(saved.provenance?.errors[0].relativeError).toBeCloseTo(565.9 / 560 - 1, 6)
    expect(typeof saved.values[FREE_ID]).toBe('number')
    expect(Object.keys(saved.values)).toEqual(expect.arrayContaining(Object.keys(defaultParameterSet.values)))
    expect(out.join('\n')).toContain(`${FREE_ID} = `)
    expect(out.join('\n')).toContain('(start 1234,')
    expect(err.some((line) => /evaluation 4\/4/.test(line))).toBe(true)
  })

  it('rejects unknown free parameters and bad set names', async () => {
    const { io } = capture()
    await expect(command.run(['--free', 'no.such.id'], io)).rejects.toThrow(/unknown parameter id/)
    await expect(command.run(['--free', FREE_ID, '--out', '../escape'], io)).rejects.toThrow(/--out/)
  })
})
