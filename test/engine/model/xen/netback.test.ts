import { describe, expect, it } from 'vitest'
import { PacketPool } from '../../../../engine/model/net/packet'
import { NetifRxRing } from '../../../../engine/model/xen/rx-ring'
import { MAX_SKB_FRAGS, NET_RX_RING_SIZE } from '../../../../engine/model/xen/slots'
import { TransferMode } from '../../../../engine/model/xen/xen-params'
import { fakeHost } from '../native/fake-host'
import { makeTestNetback } from './helpers/netback-fixture'

function setup(requests: number, options: { isPolling?: boolean; mode?: TransferMode } = {}) {
  const fake = fakeHost(true)
  const { sim, host, dom0 } = fake
  const pool = new PacketPool(64)
  const ring = new NetifRxRing()
  ring.requestsProduced = requests
  const netback = makeTestNetback(fake, pool, ring, options.mode ?? TransferMode.Copy)
  const received: number[] = []
  let events = 0
  netback.receiver = {
    onResponses: (count) => {
      received.push(count)
      return options.isPolling ?? false
    },
    onEvent: () => {
      events++
    },
  }
  const packet = (ipLength = 1500): number => {
    const id = pool.alloc()
    pool.frameBytes[id] = ipLength
    pool.payloadBytes[id] = ipLength - 52
    pool.segments[id] = 1
    return id
  }
  return { sim, host, pool, ring, netback, received, packet, events: () => events, dom0 }
}

describe('Netback receive side', () => {
  it('stops the vif queue below MAX_SKB_FRAGS + 2 free requests and drops beyond the 32-packet qdisc', () => {
    const { netback, packet, pool } = setup(NET_RX_RING_SIZE)
    for (let i = 0; i < 300; i++) netback.transmit(packet())
    const counters = netback.counters()
    expect(counters['netback.queueStops']).toBe(1)
    // 256 requests - 19 left when the queue stops = 237 accepted; 32 wait in the qdisc.
    expect(counters['netback.qdiscDrops']).toBe(300 - 237 - 32)
    expect(netback.isQueueStopped).toBe(true)
    expect(pool.liveCount).toBe(237 + 32)
  })

  it('batches at most a ring of slots per multicall and sends one event per batch', () => {
    const { sim, netback, packet, received, events } = setup(NET_RX_RING_SIZE)
    for (let i = 0; i < 100; i++) netback.transmit(packet())
    netback.kick()
    sim.run({ until: 1e9 })
    expect(netback.counters()['netback.batches']).toBe(1)
    expect(received).toEqual([100])
    expect(events()).toBe(1)
    expect(netback.counters()['netback.slots'] + MAX_SKB_FRAGS).toBeLessThan(NET_RX_RING_SIZE + MAX_SKB_FRAGS)
  })

  it('never reserves more than the ring allows, so one multicall carries the whole backlog', () => {
    const { sim, netback, packet, ring } = setup(NET_RX_RING_SIZE)
    for (let i = 0; i < 237; i++) netback.transmit(packet())
    // Extra posted requests cannot be reserved beyond the response side of the ring.
    ring.requestsProduced += 200
    netback.kick()
    sim.run({ until: 1e9 })
    const counters = netback.counters()
    expect(counters['netback.batches']).toBe(1)
    expect(counters['netback.slots']).toBe(237)
  })

  it('raises no event while the guest is already polling', () => {
    const { sim, netback, packet, events } = setup(64, { isPolling: true })
    for (let i = 0; i < 10; i++) netback.transmit(packet())
    netback.kick()
    sim.run({ until: 1e9 })
    expect(events()).toBe(0)
    expect(netback.responses.length).toBe(10)
  })

  it('copies every packet in dom0 in flip mode but none at MTU 1500 in copy mode', () => {
    for (const mode of [TransferMode.Copy, TransferMode.Flip]) {
      const { sim, netback, packet } = setup(64, { mode })
      for (let i = 0; i < 5; i++) netback.transmit(packet())
      netback.kick()
      sim.run({ until: 1e9 })
      expect(netback.counters()['netback.dom0Copies']).toBe(mode === TransferMode.Flip ? 5 : 0)
    }
  })

  it('wakes the queue and drains the qdisc when the guest posts requests', () => {
    const { sim, netback, packet, ring } = setup(30)
    for (let i = 0; i < 20; i++) netback.transmit(packet())
    expect(netback.isQueueStopped).toBe(true)
    netback.kick()
    sim.run({ until: 1e6 })
    ring.responsesConsumed = ring.responsesProduced
    ring.requestsProduced += 64
    netback.requestsPosted()
    sim.run({ until: 2e6 })
    expect(netback.isQueueStopped).toBe(false)
    expect(netback.counters()['netback.wakeEvents']).toBe(1)
  })
})
