import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UsageError, type CliIo } from '../../../main/cli/command'
import { historyCommand } from '../../../main/cli/commands/history'
import { recordRuns } from '../../../main/cli/record'
import { RunStore } from '../../../main/store/run-store'
import type { RunSummary } from '../../../main/store/types'
import { makeResult, makeSpec } from '../store/helpers/fixtures'

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { io: { out: (text) => out.push(text), err: (text) => err.push(text), isErrTty: false }, out, err }
}

let directory: string
let dbPath: string

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'lrolab-history-'))
  dbPath = join(directory, 'nested', 'runs.sqlite')
  recordRuns(
    dbPath,
    'Table I',
    [
      { spec: makeSpec({ config: 'linux', mtu: 1500 }), result: makeResult(10, 1) },
      { spec: makeSpec({ config: 'xen', mtu: 9000, messageSize: 4096 }), result: makeResult(10, 2) },
      { spec: makeSpec({ config: 'plro' }), result: makeResult(10, 3) },
    ],
    { preset: 'table1' },
  )
})

afterEach(() => rmSync(directory, { recursive: true, force: true }))

async function history(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { io, out, err } = capture()
  const code = await historyCommand.run([...argv, '--db', dbPath], io)
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('recordRuns', () => {
  it('creates the folder, the experiment and its done runs with results', () => {
    const store = RunStore.open(dbPath)
    const page = store.listRuns({ sort: 'config' })
    expect(page.total).toBe(3)
    expect(page.items.map((run) => [run.config, run.status, run.experimentName])).toEqual([
      ['linux', 'done', 'Table I'],
      ['plro', 'done', 'Table I'],
      ['xen', 'done', 'Table I'],
    ])
    expect(store.getRun(page.items[2].id)?.result).toEqual(makeResult(10, 2))
    expect(store.getExperiment(page.items[0].experimentId)?.preset).toBe('table1')
    store.close()
  })

  it('refuses something that is not a run result, recording nothing', () => {
    expect(() => recordRuns(dbPath, 'bad', [{ spec: makeSpec(), result: { nope: 1 } }])).toThrow(
      /not a run result/,
    )
    const store = RunStore.open(dbPath)
    expect(store.listRuns().total).toBe(3)
    store.close()
  })
})

describe('labbench history', () => {
  it('list --json prints a JSON array with one object per run, filtered in SQL', async () => {
    const all = await history('list', '--json')
    expect(all.code).toBe(0)
    expect((JSON.parse(all.out) as RunSummary[]).length).toBe(3)
    const xen = JSON.parse(
      (await history('list', '--json', '--config', 'xen', '--mtu', '9000', '--msg', '4096')).out,
    ) as RunSummary[]
    expect(xen.map((run) => run.config)).toEqual(['xen'])
    const paged = JSON.parse(
      (await history('list', '--json', '--sort', 'config', '--limit', '1', '--offset', '1')).out,
    ) as RunSummary[]
    expect(paged.map((run) => run.config)).toEqual(['plro'])
  })

  it('list prints a table with the count', async () => {
    const { out } = await history('list', '--status', 'done')
    expect(out).toMatch(/^run\s+exp id\s+experiment\s+status/)
    expect(out).toContain('3 of 3 runs')
  })

  it('tags, notes, shows and deletes by short id, text intact', async () => {
    const [run] = JSON.parse((await history('list', '--json', '--config', 'xen')).out) as RunSummary[]
    const tag = `it's "fast" -- ; DROP TABLE runs; ✓`
    expect((await history('tag', run.id.slice(0, 8), tag, 'second')).code).toBe(0)
    expect((await history('note', run.id, 'Notiz: über "alles"')).code).toBe(0)
    const tagged = JSON.parse((await history('list', '--json', '--tag', tag)).out) as RunSummary[]
    expect(tagged.map((item) => [item.id, item.tags, item.notes])).toEqual([
      [run.id, [tag, 'second'], 'Notiz: über "alles"'],
    ])
    await history('tag', run.id, 'second', '--remove')
    const shown = JSON.parse((await history('show', run.id, '--json')).out) as {
      tags: string[]
      result: unknown
    }
    expect(shown.tags).toEqual([tag])
    expect(shown.result).toEqual(makeResult(10, 2))
    const experiment = JSON.parse((await history('show', run.experimentId, '--json')).out) as {
      runs: RunSummary[]
    }
    expect(experiment.runs).toHaveLength(3)
    expect((await history('delete', run.id)).code).toBe(0)
    expect((JSON.parse((await history('list', '--json')).out) as RunSummary[]).length).toBe(2)
    expect((await history('delete', run.experimentId)).code).toBe(0)
    expect((await history('list', '--json')).out).toBe('[]')
  })

  it('reports an unknown id on one line with exit code 1', async () => {
    const { code, err } = await history('show', 'ffffffff-0000')
    expect(code).toBe(1)
    expect(err).toMatch(/^labbench history: no run or experiment matches "ffffffff-0000"/)
    expect(err.split('\n')).toHaveLength(1)
  })

  it('reports a missing store without creating it', async () => {
    const { io, err } = capture()
    const missing = join(directory, 'missing.sqlite')
    expect(await historyCommand.run(['list', '--db', missing], io)).toBe(1)
    expect(err.join('')).toContain(`no run store at ${missing}`)
    expect(existsSync(missing)).toBe(false)
  })

  it.each([
    [['list', '--mtu', 'big'], /--mtu/],
    [['list', '--status', 'sleeping'], /--status/],
    [['list', '--config', 'bsd'], /--config/],
    [['list', '--sort', 'color'], /--sort/],
    [['list', '--limit', '0'], /--limit/],
    [['list', '--bogus'], /--bogus/],
    [['frobnicate'], /list\|show\|tag\|note\|delete/],
    [['tag', 'abc'], /TAG/],
  ])('refuses %j with a usage error naming the problem', async (argv, message) => {
    await expect(history(...(argv as string[]))).rejects.toThrow(UsageError)
    await expect(history(...(argv as string[]))).rejects.toThrow(message)
  })

  it('exits 2 through the real CLI entry point, with one line naming the flag', () => {
    const cli = join(process.cwd(), 'main', 'cli', 'index.ts')
    const bad = spawnSync(
      process.execPath,
      ['--import', 'tsx', cli, 'history', 'list', '--mtu', 'x', '--db', dbPath],
      {
        encoding: 'utf8',
      },
    )
    expect(bad.status).toBe(2)
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^labbench history: --mtu: "x"/)])
  })
})
