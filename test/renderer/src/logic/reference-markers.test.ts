import { describe, expect, it } from 'vitest'
import targetsFile from '../../../../engine/calibration/targets/oi-nakajima-2009.json'
import {
  referenceMarkers,
  targetMatchesRun,
  type ReferenceTarget,
} from '../../../../renderer/src/logic/reference-markers'

const targets = (targetsFile as { targets: ReferenceTarget[] }).targets
const run = {
  config: 'vlro' as const,
  env: 'switched-2008' as const,
  mtu: 1500,
  messageSize: 16384,
  jbb: 'off' as const,
}

describe('targetMatchesRun', () => {
  it('needs the same environment, configuration and MTU, and SPECjbb off', () => {
    const target = targets.find((candidate) => candidate.id === 'T1-vlro') as ReferenceTarget
    expect(targetMatchesRun(target, run)).toBe(true)
    expect(targetMatchesRun(target, { ...run, env: 'direct-2009' })).toBe(false)
    expect(targetMatchesRun(target, { ...run, jbb: 0.5 })).toBe(false)
  })
  it('honours ">=256" message sizes', () => {
    const target: ReferenceTarget = {
      id: 't',
      env: 'direct-2009',
      config: 'linux',
      mtu: 1500,
      messageSizes: '>=256',
      throughputMbps: 700,
    }
    const linux = { ...run, config: 'linux' as const, env: 'direct-2009' as const }
    expect(targetMatchesRun(target, { ...linux, messageSize: 256 })).toBe(true)
    expect(targetMatchesRun(target, { ...linux, messageSize: 128 })).toBe(false)
  })
})

describe('referenceMarkers', () => {
  it('draws the paper value of each matching target, spanning the compared message sizes', () => {
    const target: ReferenceTarget = {
      id: 't',
      env: 'direct-2009',
      config: 'xen',
      mtu: 1500,
      messageSizes: '>=256',
      throughputMbps: 565.9,
    }
    const xen = { ...run, config: 'xen' as const, env: 'direct-2009' as const }
    const markers = referenceMarkers(
      [target],
      [
        { ...xen, messageSize: 512 },
        { ...xen, messageSize: 4096 },
      ],
      'throughputMbps',
    )
    expect(markers).toEqual([
      expect.objectContaining({ targetId: 't', value: 565.9, messageSizeFrom: 512, messageSizeTo: 4096 }),
    ])
  })
  it('uses the middle of a published range for LRO rates', () => {
    const target: ReferenceTarget = {
      id: 'r',
      env: 'direct-2009',
      config: 'vlro',
      mtu: 1500,
      lroRateRange: [2, 4],
    }
    const markers = referenceMarkers([target], [{ ...run, env: 'direct-2009' }], 'lroRate')
    expect(markers[0]).toMatchObject({ value: 3, range: [2, 4] })
  })
  it('skips targets without the metric or without matching runs', () => {
    expect(referenceMarkers(targets, [run], 'lroRate').map((marker) => marker.targetId)).toEqual(['T1-vlro'])
    expect(referenceMarkers(targets, [{ ...run, mtu: 9000 }], 'throughputMbps')).toEqual([])
  })
})
