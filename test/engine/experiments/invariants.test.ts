import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CONFIGURATIONS } from '../../../engine/experiments/spec'
import { runShort } from './run-helpers'

const specArbitrary = fc.record({
  config: fc.constantFrom(...CONFIGURATIONS),
  env: fc.constantFrom('direct-2009' as const, 'switched-2008' as const),
  mtu: fc.constantFrom(1500, 4000, 4500),
  messageSize: fc.constantFrom(64, 1024, 16_384),
  seed: fc.integer({ min: 0, max: 1000 }),
  transferMode: fc.constantFrom(0, 1),
})

describe('run invariants over random specs', () => {
  it('respects the wire ceiling, conserves bytes, keeps CPUs within 100% and costs non-negative', () => {
    fc.assert(
      fc.property(specArbitrary, ({ config, env, mtu, messageSize, seed, transferMode }) => {
        const result = runShort({
          config,
          env,
          mtu,
          messageSize,
          seed,
          durationS: 0.08,
          warmupS: 0.02,
          params: { 'xen.netback.transferMode': transferMode },
        })
        const mss = mtu - 52
        const ceilingMbps = (1000 * mss) / (mtu + 38)
        expect(result.throughputMbps).toBeLessThanOrEqual(ceilingMbps * 1.001)
        const c = result.counters
        // In-order bytes received by TCP are either copied to netserver or still queued on the socket.
        expect(c['flow.bytesDeliveredTotal'] + c['flow.bytesQueued']).toBe(c['flow.rcvNxtTotal'])
        // The sender never sees more acknowledged than the receiver has received in order.
        expect(c['flow.bytesAckedTotal']).toBeLessThanOrEqual(c['flow.rcvNxtTotal'])
        for (const share of result.cpu.byCpu) expect(share).toBeLessThanOrEqual(1 + 1e-9)
        for (const share of Object.values(result.cpu.byContext)) expect(share!).toBeGreaterThanOrEqual(0)
        expect(result.clk).toBeGreaterThanOrEqual(0)
        expect(result.inst).toBeGreaterThanOrEqual(0)
        if (result.lroRate !== null) expect(result.lroRate).toBeGreaterThanOrEqual(1)
        for (const rate of [result.lroRates.plro, result.lroRates.vlro]) {
          if (rate !== null) expect(rate).toBeGreaterThanOrEqual(1)
        }
        expect(c['flow.livePackets']).toBeGreaterThanOrEqual(0)
      }),
      { numRuns: 6, seed: 20_090_122 },
    )
  })
})
