import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UsageError, type CliIo } from '../../../main/cli/command'
import { csvCommand } from '../../../main/cli/commands/csv'
import { exportCommand } from '../../../main/cli/commands/export'
import { importCommand } from '../../../main/cli/commands/import'
import { recordRuns } from '../../../main/cli/record'
import { RunStore } from '../../../main/store/run-store'
import { makeResult, makeSpec } from '../store/helpers/fixtures'

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { io: { out: (text) => out.push(text), err: (text) => err.push(text), isErrTty: false }, out, err }
}

let directory: string
let source: string
let experimentIds: string[]

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'lrolab-cli-archive-'))
  source = join(directory, 'source.sqlite')
  recordRuns(source, 'first', [{ spec: makeSpec(), result: makeResult(8, 1) }])
  recordRuns(source, 'second, "quoted"', [
    { spec: makeSpec({ config: 'xen' }), result: makeResult(8, 2) },
    { spec: makeSpec({ config: 'vlro' }), result: makeResult(8, 3) },
  ])
  const store = RunStore.open(source)
  experimentIds = store.listExperiments().items.map((experiment) => experiment.id)
  store.close()
})

afterEach(() => rmSync(directory, { recursive: true, force: true }))

describe('labbench export / import', () => {
  it('exports one experiment and imports it into a new store, then skips it the second time', async () => {
    const archive = join(directory, 'second.lrolab')
    const target = join(directory, 'target.sqlite')
    const exported = capture()
    expect(
      await exportCommand.run(
        ['--db', source, '--out', archive, '--experiment', experimentIds[0].slice(0, 8)],
        exported.io,
      ),
    ).toBe(0)
    expect(exported.out.join('')).toContain('exported 1 experiment(s), 2 run(s)')
    const first = capture()
    expect(await importCommand.run(['--db', target, archive], first.io)).toBe(0)
    expect(first.out.join('')).toBe(
      'added 1 experiment(s), 2 run(s); skipped 0 experiment(s), 0 run(s) already present',
    )
    const again = capture()
    expect(await importCommand.run(['--db', target, archive], again.io)).toBe(0)
    expect(again.out.join('')).toContain('skipped 1 experiment(s), 2 run(s)')
    const store = RunStore.open(target)
    expect(store.listRuns().items.map((run) => run.experimentName)).toEqual([
      'second, "quoted"',
      'second, "quoted"',
    ])
    store.close()
  })

  it('refuses a bad archive on one line with exit code 1', async () => {
    const bogus = join(directory, 'bogus.lrolab')
    writeFileSync(bogus, 'hello')
    const { io, err } = capture()
    const target = join(directory, 'target.sqlite')
    expect(await importCommand.run(['--db', target, bogus], io)).toBe(1)
    expect(err).toEqual([expect.stringMatching(/^labbench import: .*not a SQLite database$/)])
    expect(existsSync(target)).toBe(false)
  })

  it('requires --out and an archive argument', async () => {
    await expect(exportCommand.run(['--db', source], capture().io)).rejects.toThrow(UsageError)
    await expect(exportCommand.run(['--db', source], capture().io)).rejects.toThrow(/--out/)
    await expect(importCommand.run(['--db', source], capture().io)).rejects.toThrow(/archive file/)
  })
})

describe('labbench csv', () => {
  it('writes the filtered run table', async () => {
    const out = join(directory, 'runs.csv')
    expect(await csvCommand.run(['--db', source, '--out', out, '--config', 'xen'], capture().io)).toBe(0)
    const lines = readFileSync(out, 'utf8').split('\r\n')
    expect(lines[0]).toMatch(/^run_id,experiment_id,experiment,status,config/)
    expect(lines[1]).toContain(',"second, ""quoted""",done,xen,')
    expect(lines).toHaveLength(3)
  })

  it('writes one run time series to stdout', async () => {
    const store = RunStore.open(source)
    const run = store.listRuns({ config: 'vlro' }).items[0]
    store.close()
    const { io, out } = capture()
    expect(await csvCommand.run(['--db', source, '--out', '-', '--run', run.id], io)).toBe(0)
    const lines = out.join('').trimEnd().split('\r\n')
    expect(lines[0]).toBe('time_s,throughput_mbps,cwnd_segments,lro_rate,cpu_dom0,cpu_guest')
    expect(lines).toHaveLength(9)
  })

  it('refuses --run together with list filters', async () => {
    await expect(
      csvCommand.run(['--db', source, '--out', '-', '--run', 'x', '--mtu', '1500'], capture().io),
    ).rejects.toThrow(/--run/)
  })
})
