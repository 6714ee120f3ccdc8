import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

function labbench(args: string[]): { status: number | null; stdout: string; stderr: string } {
  // The tsx binary npx would resolve, without npx's own start-up cost.
  const result = spawnSync('node_modules/.bin/tsx', ['main/cli/index.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('labbench run', () => {
  it('prints exactly one JSON object with the spec and the result', () => {
    const { status, stdout, stderr } = labbench([
      'run',
      '--config',
      'vlro',
      '--duration',
      '0.05',
      '--warmup',
      '0.01',
      '--set',
      'lro.vlro.maxAggr=8',
      '--json',
    ])
    expect(status, stderr).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    const { spec, result } = JSON.parse(lines[0])
    expect(spec.config).toBe('vlro')
    expect(spec.params['lro.vlro.maxAggr']).toBe(8)
    for (const field of ['throughputMbps', 'clk', 'inst', 'lroRate', 'cpu', 'stages', 'counters', 'series']) {
      expect(result).toHaveProperty(field)
    }
    expect(result.throughputMbps).toBeGreaterThan(0)
    expect(stderr).toMatch(/run: \d+%/)
  })

  it('rejects a bad flag value with exit code 2 and a one-line message naming the flag', () => {
    const { status, stderr, stdout } = labbench(['run', '--config', 'linux', '--mtu', '100'])
    expect(status).toBe(2)
    expect(stdout).toBe('')
    const lines = stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/--mtu/)
  })

  it('rejects an unknown parameter id with exit code 2, naming it', () => {
    const unknownParam = labbench(['run', '--config', 'linux', '--set', 'no.such.param=1'])
    expect(unknownParam.status).toBe(2)
    expect(unknownParam.stderr).toMatch(/--set no\.such\.param/)
  })

  it('refuses __proto__ as a parameter id instead of ignoring it', () => {
    const result = labbench(['run', '--config', 'linux', '--set', '__proto__=5'])
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/--set __proto__: unknown parameter id "__proto__"/)
  })

  it('rejects a value an enumerated parameter does not declare, with exit code 2 and the choices', () => {
    const badMode = labbench(['run', '--config', 'linux', '--set', 'nic.interruptThrottleMode=2'])
    expect(badMode.status).toBe(2)
    expect(badMode.stderr).toMatch(/nic\.interruptThrottleMode must be one of 0 \(fixed/)
    expect(badMode.stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe('run argument parsing (in process)', () => {
  it('maps flags to spec fields and names unknown flags', async () => {
    const { specInputFromArgs, validateSpec } = await import('../../../main/cli/commands/run')
    const { input, json } = specInputFromArgs([
      '--config',
      'xen',
      '--msg',
      '1024',
      '--guest-mtu',
      '4000',
      '--jbb',
      '0.5',
      '--json',
    ])
    expect(input).toEqual({ config: 'xen', messageSize: 1024, guestMtu: 4000, jbb: 0.5 })
    expect(json).toBe(true)
    expect(validateSpec(input).guestMtu).toBe(4000)
    expect(() => specInputFromArgs(['--config', 'xen', '--bogus', '1'])).toThrow(/bogus/)
    expect(() => specInputFromArgs(['--mtu', '1500'])).toThrow(/--config/)
    expect(() => validateSpec({ config: 'linux', guestMtu: 4000 })).toThrow(/--guest-mtu/)
    expect(() => specInputFromArgs(['--config', 'xen', '--seed', 'abc'])).toThrow(/--seed/)
  })
})

describe('labbench run and history: recording by default', () => {
  it('records into the data folder unless --no-store, and history lists the experiment id export takes', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lro-labbench-default-store-'))
    const env = { ...process.env, LROLAB_DATA_DIR: dataDir }
    const cli = (args: string[]) =>
      spawnSync('node_modules/.bin/tsx', ['main/cli/index.ts', ...args], {
        encoding: 'utf8',
        timeout: 60_000,
        env,
      })
    // Before anything is recorded, history says where it looked and how runs get there.
    const empty = cli(['history', 'list'])
    expect(empty.status).toBe(1)
    expect(empty.stderr).toMatch(/no run store at .*record there unless given --no-store/)
    expect(
      cli(['run', '--config', 'linux', '--duration', '0.05', '--warmup', '0.01', '--no-store']).status,
    ).toBe(0)
    expect(existsSync(join(dataDir, 'runs.sqlite'))).toBe(false)
    const specPath = join(dataDir, 'spec.json')
    writeFileSync(specPath, JSON.stringify({ config: 'xen', mtu: 4000, durationS: 0.05, warmupS: 0.01 }))
    const recorded = cli(['run', '--spec', specPath, '--json'])
    expect(recorded.status, recorded.stderr).toBe(0)
    expect(JSON.parse(recorded.stdout).spec).toMatchObject({ config: 'xen', mtu: 4000 })
    const listed = cli(['history', 'list'])
    expect(listed.status).toBe(0)
    const [header, row] = listed.stdout.trim().split('\n')
    expect(header).toMatch(/^run\s+exp id\s+experiment/)
    const experimentPrefix = row.split(/\s+/)[1]
    const exported = cli(['export', '--out', join(dataDir, 'one.lrolab'), '--experiment', experimentPrefix])
    expect(exported.status, exported.stderr).toBe(0)
    expect(exported.stdout).toMatch(/exported 1 experiment\(s\), 1 run\(s\)/)
    rmSync(dataDir, { recursive: true, force: true })
  })
})
