import { describe, expect, it } from 'vitest'
import { InetLro } from '../../../../engine/model/lro/inet-lro'
import { PacketFlag, PacketKind, PacketPool } from '../../../../engine/model/net/packet'
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

const MSS = 1448

function setup(quota = 64, withLro = false) {
  const fake = fakeHost(true)
  const { sim, host, guest } = fake
  const pool = new PacketPool(64)
  const ring = new NetifRxRing()
  const netback = makeTestNetback(fake, pool, ring)
  const lro = withLro
    ? new InetLro(pool, { maxAggr: 64, maxDescriptors: 8, isGsoSizeSet: true, mtu: 1500, name: 'lro.vlro' })
    : null
  const netfront = new Netfront(guest, netback, ring, lro, { ...frontCosts, quota }, 4, 64)
  netback.receiver = netfront
  const delivered: number[] = []
  /** Segments of each skb handed up, grouped by the poll that delivered them. */
  const skbSegmentsByPoll: number[][] = []
  netfront.beforeDeliver = () => skbSegmentsByPoll.push([])
  netfront.deliver = (id) => {
    delivered.push(id)
    skbSegmentsByPoll[skbSegmentsByPoll.length - 1].push(pool.segments[id])
    pool.free(id)
  }
  let nextSeq = 0
  /** dom0 forwards `count` in-order full-size TCP segments of one flow to the vif, then runs its tasklet. */
  const send = (count: number): void => {
    for (let i = 0; i < count; i++) {
      const id = pool.alloc()
      pool.kind[id] = PacketKind.Data
      pool.frameBytes[id] = 1500
      pool.payloadBytes[id] = MSS
      pool.segments[id] = 1
      pool.seq[id] = nextSeq
      pool.flags[id] = PacketFlag.Ack | PacketFlag.HasTimestamps
      pool.tsval[id] = 10
      pool.tsecr[id] = 5
      pool.ackSeq[id] = 1
      nextSeq += MSS
      netback.transmit(id)
    }
    netback.kick()
  }
  return { sim, ring, netback, netfront, delivered, skbSegmentsByPoll, send, pool, host, guest }
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

  it('raises no event for batches pushed while an earlier event is unhandled; the next poll takes them all', () => {
    const { sim, netfront, netback, host, guest, send, skbSegmentsByPoll, pool } = setup(64, true)
    // The guest cannot run for 200 us (its vCPU is busy), so it cannot take netback's event.
    guest.post(2, 9, 200_000, 0, () => {}, 0)
    send(3)
    sim.run({ until: 50_000 })
    expect(netback.counters()['netback.batches']).toBe(1)
    expect(netfront.counters()['netfront.polls']).toBe(0)
    send(2)
    sim.run({ until: 100_000 })
    expect(netback.counters()['netback.batches']).toBe(2)
    sim.run({ until: 1e9 })
    // The second push did not pass rsp_event: one event in all.
    expect(netback.counters()['netback.eventsToGuest']).toBe(1)
    expect(host.notifications).toBe(1)
    const counters = netfront.counters()
    expect(counters['netfront.events']).toBe(1)
    expect(counters['netfront.polls']).toBe(1)
    expect(counters['netfront.packets']).toBe(5)
    expect(counters['netfront.batchesTaken']).toBe(2)
    expect(counters['netfront.maxBatchesPerPoll']).toBe(2)
    // vLRO aggregates across both batches: one skb of 5 segments.
    expect(skbSegmentsByPoll).toEqual([[5]])
    expect(pool.liveCount).toBe(0)
  })

  it('leaves a batch pushed during a poll to the next poll (rsp_prod is read once), without an event', () => {
    const { sim, netfront, netback, send, skbSegmentsByPoll } = setup(64, true)
    send(3)
    let now = 0
    while (netfront.counters()['netfront.polls'] === 0) sim.run({ until: (now += 100) })
    // The first poll has started with 3 responses; dom0 pushes 2 more while it runs.
    expect(netfront.counters()['netfront.packets']).toBe(3)
    send(2)
    sim.run({ until: 1e9 })
    expect(netback.counters()['netback.batches']).toBe(2)
    const counters = netfront.counters()
    // The first batch's poll had not finished when the second was pushed.
    expect(counters['netfront.polls']).toBe(2)
    expect(counters['netfront.events']).toBe(1)
    expect(netback.counters()['netback.eventsToGuest']).toBe(1)
    expect(counters['netfront.batchesTaken']).toBe(2)
    expect(counters['netfront.maxBatchesPerPoll']).toBe(1)
    // vLRO flushes at the end of each netif_poll call: two aggregates.
    expect(skbSegmentsByPoll).toEqual([[3], [2]])
  })

  it('re-arms the event when a poll finds no more work, so a later batch raises a new event', () => {
    const { sim, netfront, netback, send } = setup()
    send(2)
    sim.run({ until: 1_000_000 })
    expect(netfront.counters()['netfront.polls']).toBe(1)
    send(2)
    sim.run({ until: 2_000_000 })
    expect(netback.counters()['netback.eventsToGuest']).toBe(2)
    expect(netfront.counters()['netfront.events']).toBe(2)
    expect(netfront.counters()['netfront.batchesTaken']).toBe(2)
  })
})
