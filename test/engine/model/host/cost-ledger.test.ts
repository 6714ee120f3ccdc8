import { describe, expect, it } from 'vitest'
import { TypedCostLedger } from '../../../../engine/model/host/cost-ledger'

describe('TypedCostLedger', () => {
  it('returns the same id for the same context and stage, a new one otherwise', () => {
    const ledger = new TypedCostLedger()
    const tcp = ledger.stage('guest', 'guest.tcp')
    expect(ledger.stage('guest', 'guest.tcp')).toBe(tcp)
    expect(ledger.stage('kernel', 'guest.tcp')).not.toBe(tcp)
    expect(ledger.stage('guest', 'guest.copy')).not.toBe(tcp)
  })

  it('sums charges per stage and in total, and zeroes them at a window reset', () => {
    const ledger = new TypedCostLedger()
    const stages = Array.from({ length: 40 }, (_, i) => ledger.stage(i % 2 ? 'dom0' : 'guest', `s${i}`))
    stages.forEach((stage, i) => {
      ledger.charge(stage, 100 * i, 10 * i)
      ledger.charge(stage, 1, 1)
    })
    const sumCycles = stages.reduce((sum, _, i) => sum + 100 * i + 1, 0)
    expect(ledger.totals()).toEqual({ cycles: sumCycles, instructions: stages.reduce((sum, _, i) => sum + 10 * i + 1, 0) })
    const entry = ledger.entries().find((e) => e.stage === 's7')
    expect(entry).toEqual({ context: 'dom0', stage: 's7', cycles: 701, instructions: 71 })
    ledger.resetWindow()
    expect(ledger.totals()).toEqual({ cycles: 0, instructions: 0 })
    expect(ledger.entries()).toHaveLength(40)
  })

  it('rejects an unknown context', () => {
    const ledger = new TypedCostLedger()
    expect(() => ledger.stage('sender' as never, 'x')).toThrow(RangeError)
  })
})
