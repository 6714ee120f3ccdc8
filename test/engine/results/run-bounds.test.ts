import { describe, expect, it } from 'vitest'
import { SendLimitTracker, SendStop } from '../../../engine/model/net/send-limit'
import { boundingResource, runBounds, type BoundShares } from '../../../engine/results/run-bounds'
import { runShort } from '../experiments/run-helpers'

const idle: BoundShares = {
  senderCpu: 0.1,
  senderBus: 0,
  wire: 0.5,
  receiverCpu: 0.2,
  sendBuffer: 0,
  receiveWindow: 0,
  congestionWindow: 0,
  transmitQueue: 0,
}

describe('SendLimitTracker', () => {
  it('integrates the time in each state, the application blocked on its buffer apart from plain idle', () => {
    const tracker = new SendLimitTracker()
    tracker.resetWindow(0)
    tracker.update(100, SendStop.Cwnd, false)
    tracker.update(300, SendStop.NoData, true)
    tracker.update(600, SendStop.TxQueue, false)
    const counters = tracker.counters(1000)
    expect(counters['sender.limit.sendingAppNs']).toBe(100)
    expect(counters['sender.limit.cwndNs']).toBe(200)
    expect(counters['sender.limit.sndbufFullNs']).toBe(300)
    expect(counters['sender.limit.txQueueNs']).toBe(400)
  })
})

describe('run bounds', () => {
  it('names a saturated resource first, the wire before the bus that fills its queue', () => {
    expect(boundingResource({ ...idle, wire: 0.99, senderBus: 0.95, transmitQueue: 1 })).toBe('wire')
    expect(boundingResource({ ...idle, senderBus: 1, transmitQueue: 1 })).toBe('senderBus')
    expect(boundingResource({ ...idle, sendBuffer: 0.6, receiveWindow: 0.3 })).toBe('sendBuffer')
    expect(boundingResource(idle)).toBe('latency')
  })

  it('computes shares from window counters and says which one bound the run', () => {
    const bounds = runBounds({
      counters: { 'sender.cpuBusyNs': 2e8, 'sender.nic.busBusyNs': 1e9, 'sender.limit.txQueueNs': 9.5e8 },
      cpu: { byContext: {}, byCpu: [0.3], total: 0.3 },
      measuredSeconds: 1,
      wireRateBps: 1e9,
      wireBytes: 90e6,
    })
    expect(bounds.shares.senderCpu).toBeCloseTo(0.2, 12)
    expect(bounds.shares.wire).toBeCloseTo(0.72, 12)
    expect(bounds.limiter).toBe('senderBus')
    expect(bounds.explanation).toMatch(/sender NIC's bus \(100 % of the time\)/)
  })

  it('finds the bus bound in a real run below the wire, and the wire bound at the wire', () => {
    const busBound = runShort({ config: 'linux', env: 'direct-2009' })
    expect(busBound.bounds?.limiter).toBe('senderBus')
    expect(busBound.throughputMbps).toBeLessThan(941.5 * 0.85)
    const wireBound = runShort({
      config: 'linux',
      env: 'direct-2009',
      params: { 'sender.nic.busBytesPerS': 0 },
    })
    expect(wireBound.bounds?.limiter).toBe('wire')
  })
})
