import { describe, expect, it } from 'vitest'
import { PacketPool } from '../../../../engine/model/net/packet'
import { Netfront, type NetfrontCosts } from '../../../../engine/model/xen/netfront'
import { NetifRxRing } from '../../../../engine/model/xen/rx-ring'
import { TransferMode } from '../../../../engine/model/xen/xen-params'
import { fakeHost } from '../native/fake-host'
import { makeTestNetback } from './helpers/netback-fixture'

const frontCosts: NetfrontCosts = {
  mode: TransferMode.Copy,
  quota: 64,
  pollCycles: 1000,
  responseCycles: 900,
  extraSlotCycles: 300,
  remapPollCycles: 1500,
  pagePerFlipCycles: 1500,
  refillCycles: 1500,
  lroSegmentCycles: 0,
  tcpSkbCycles: 3000,
  eventSendCycles: 500,
  ipc: 0.9,
  minTarget: 64,
  maxTarget: 256,
}

function setup(quota = 64) {
  const fake = fakeHost(true)
  const { sim, host, guest } = fake
  const pool = new PacketPool(64)
  const ring = new NetifRxRing()
  const netback = makeTestNetback(fake, pool, ring)
  const netfront = new Netfront(guest, netback, ring, null, { ...frontCosts, quota }, 4, 64)
  netback.receiver = netfront
  const delivered: number[] = []
  netfront.deliver = (id) => {
    delivered.push(id)
    pool.free(id)
  }
  const send = (count: number): void => {
    for (let i = 0; i < count; i++) {
      const id = pool.alloc()
      pool.frameBytes[id] = 1500
      pool.segments[id] = 1
      netback.transmit(id)
    }
    netback.kick()
  }
  return { sim, ring, netback, netfront, delivered, send, pool, host }
}

describe('Netfront receive side', () => {
  it('starts with rx_min_target buffers posted and keeps a steady stream flowing with batched refills', () => {
    const { sim, ring, netback, netfront, delivered, send, pool } = setup()
    expect(ring.requestsProduced).toBe(64)
    let sent = 0
    for (let burst = 0; burst < 50; burst++) {
      send(20)
      sent += 20
      sim.run({ until: (burst + 1) * 1_000_000 })
    }
    expect(delivered.length).toBe(sent)
    expect(netback.counters()['netback.qdiscDrops']).toBe(0)
    const counters = netfront.counters()
    // Refills are batched: at least half the target per push, so far fewer refills than polls.
    expect(counters['netfront.refills']).toBeLessThan(counters['netfront.polls'])
    expect(counters['netfront.refills']).toBeLessThanOrEqual(Math.ceil(sent / 32))
    expect(pool.liveCount).toBe(0)
  })

  it('takes at most `quota` packets per poll and keeps polling without new events while responses wait', () => {
    const { sim, netfront, delivered, send, host } = setup(8)
    send(40)
    sim.run({ until: 1e9 })
    expect(delivered.length).toBe(40)
    const counters = netfront.counters()
    expect(counters['netfront.polls']).toBeGreaterThanOrEqual(5)
    // One event from the single netback batch; the other polls follow RING_FINAL_CHECK.
    expect(counters['netfront.events']).toBe(1)
    expect(host.notifications).toBeGreaterThanOrEqual(1)
  })
})
