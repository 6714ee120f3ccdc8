import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serialBatchRunner } from '../../../engine/calibration/runner'
import { ParamSetFileSchema } from '../../../engine/params/sets/param-set-file'
import { parameterRegistry } from '../../../engine/params/registry'
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
  it.skipIf(!parameterRegistry.has(FREE_ID))(
    'saves a named set whose provenance traces the fit',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'labbench-calibrate-'))
      const targetsPath = join(dir, 'mine.json')
      const targetsText = JSON.stringify({
        targets: [{ id: 'mine-xen', env: 'direct-2009', config: 'xen', mtu: 1500, throughputMbps: 560 }],
      })
      writeFileSync(targetsPath, targetsText)
      const { io, out, err } = capture()
      const code = await command.run(
        [
          '--targets',
          targetsPath,
          '--free',
          FREE_ID,
          '--out',
          'my-fit',
          '--out-dir',
          dir,
          '--max-evals',
          '4',
        ],
        io,
      )
      expect(code).toBe(0)
      const saved = ParamSetFileSchema.parse(JSON.parse(readFileSync(join(dir, 'my-fit.json'), 'utf8')))
      expect(saved.name).toBe('my-fit')
      expect(saved.provenance?.targetsSha256).toBe(createHash('sha256').update(targetsText).digest('hex'))
      expect(saved.provenance?.date).toBe('2026-11-25T12:00:00.000Z')
      expect(saved.provenance?.free).toEqual([FREE_ID])
      expect(saved.provenance?.errors.map((error) => error.targetId)).toEqual(['mine-xen'])
      // The fake gives 565.9 Mb/s for xen: +1.05 % off 560.
      expect(saved.provenance?.errors[0].relativeError).toBeCloseTo(565.9 / 560 - 1, 6)
      expect(typeof saved.values[FREE_ID]).toBe('number')
      expect(out.join('\n')).toContain(`${FREE_ID} = `)
      expect(err.some((line) => /evaluation 4\/4/.test(line))).toBe(true)
    },
  )

  it('rejects unknown free parameters and bad set names', async () => {
    const { io } = capture()
    await expect(command.run(['--free', 'no.such.id'], io)).rejects.toThrow(/unknown parameter id/)
    await expect(command.run(['--free', FREE_ID, '--out', '../escape'], io)).rejects.toThrow(/--out/)
  })
})
