import { describe, expect, it } from 'vitest'
import {
  groupDeltas,
  groupReplicates,
  type GroupableRun,
} from '../../../../renderer/src/logic/replicate-groups'

function run(
  id: string,
  config: GroupableRun['config'],
  throughput: number,
  extra: Partial<GroupableRun> = {},
): GroupableRun {
  return {
    id,
    config,
    env: 'direct-2009',
    mtu: 1500,
    messageSize: 16384,
    jbb: 'off',
    paramSetName: 'default',
    paramSetHash: 'h',
    spec: { durationS: 1, warmupS: 0.5 },
    metrics: { throughputMbps: throughput, lroRate: null, clk: 9, inst: 7, specjbbScore: null },
    ...extra,
  }
}

describe('groupReplicates', () => {
  it('groups runs that differ only by seed', () => {
    const groups = groupReplicates([run('1', 'xen', 500), run('2', 'vlro', 600), run('3', 'xen', 520)])
    expect(groups.map((group) => group.runIds)).toEqual([['1', '3'], ['2']])
    expect(groups[0].metrics.throughputMbps?.mean).toBe(510)
    expect(groups[0].metrics.lroRate).toBeNull()
  })
  it('separates runs with different overrides', () => {
    const groups = groupReplicates([run('1', 'xen', 500), run('2', 'xen', 500, { paramSetHash: 'other' })])
    expect(groups).toHaveLength(2)
  })
})

describe('groupDeltas', () => {
  it('gives percent deltas against the pinned group', () => {
    const groups = groupReplicates([run('1', 'xen', 500), run('2', 'vlro', 600)])
    const deltas = groupDeltas(groups, groups[0].key)
    expect(deltas[groups[1].key].throughputMbps).toBeCloseTo(20, 10)
    expect(deltas[groups[0].key].throughputMbps).toBe(0)
    expect(groupDeltas(groups, groups[1].key)[groups[0].key].throughputMbps).toBeCloseTo(-16.6667, 3)
  })
})
