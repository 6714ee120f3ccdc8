import { describe, expect, it } from 'vitest'
import type { Nic } from '../../../../engine/model/net/net-api'
import { InetLro } from '../../../../engine/model/lro/inet-lro'
import { PacketFlag, PacketKind, PacketPool } from '../../../../engine/model/net/packet'
import { NapiPoller, type NapiCosts } from '../../../../engine/model/native/napi-poller'
import { fakeHost } from './fake-host'

class FakeNic implements Nic {
  onInterrupt: () => void = () => {}
  pending: number[] = []
  enables = 0
  readonly transmitted: number[] = []
  get pendingFrames(): number {
    return this.pending.length
  }
  takeFrames(max: number, out: Int32Array): number {
    const count = Math.min(max, this.pending.length)
    for (let i = 0; i < count; i++) out[i] = this.pending.shift()!
    return count
  }
  enableInterrupts(): void {
    this.enables++
  }
  transmit(packetId: number): void {
    this.transmitted.push(packetId)
  }
  receiveFrame(packetId: number): void {
    this.pending.push(packetId)
  }
  counters(): Record<string, number> {
    return {}
  }
  resetWindow(): void {}
}

const costs: NapiCosts = {
  irqCycles: 1000,
  pollCycles: 2000,
  frameCycles: 100,
  lroSegmentCycles: 0,
  lroCopyByteCycles: 0,
  lroCopyByteInstructions: 0,
  skbCycles: 10,
  weight: 64,
  budget: 300,
  ipc: 1,
}

function setup() {
  const { sim, host, dom0 } = fakeHost(false)
  const nic = new FakeNic()
  const poller = new NapiPoller(host, dom0, nic, null, costs, 0, 1, 'native')
  const delivered: number[] = []
  poller.deliver = (id) => delivered.push(id)
  return { sim, nic, poller, delivered, dom0 }
}

describe('NapiPoller', () => {
  it('takes at most `weight` frames per poll, keeps polling while the ring is full, then re-enables interrupts', () => {
    const { sim, nic, poller, delivered, dom0 } = setup()
    for (let i = 0; i < 150; i++) nic.receiveFrame(i)
    nic.onInterrupt()
    sim.run({ until: 1e9 })
    expect(delivered).toEqual(Array.from({ length: 150 }, (_, i) => i))
    const counters = poller.counters()
    expect(counters['native.polls']).toBe(3)
    expect(counters['native.interrupts']).toBe(1)
    expect(nic.enables).toBe(1)
    // One item per poll: the hard IRQ, then polls of 64, 64 and 22 frames.
    const pollCosts = dom0.posted.filter((item) => item.stage === 1).map((item) => item.cycles)
    expect(pollCosts).toEqual([64, 64, 22].map((frames) => 2000 + frames * 110))
  })

  it('counts a budget yield when one softirq exceeds netdev_budget', () => {
    const { sim, nic, poller } = setup()
    for (let i = 0; i < 400; i++) nic.receiveFrame(i)
    nic.onInterrupt()
    sim.run({ until: 1e9 })
    expect(poller.counters()['native.budgetYields']).toBe(1)
    expect(poller.counters()['native.frames']).toBe(400)
  })

  it('charges a linear-page LRO copy its cycles per byte and few instructions', () => {
    const { sim, host, dom0 } = fakeHost(false)
    const pool = new PacketPool(16)
    // 4 KB page: an MTU-1500 aggregate holds two segments (inet-lro.ts LINEAR_PAGE_IP_BYTES).
    const lro = new InetLro(pool, {
      maxAggr: 32,
      maxDescriptors: 8,
      isGsoSizeSet: true,
      mtu: 1500,
      maxAggregateIpBytes: 4064,
      copiesIntoPage: true,
      name: 'lro.plro',
    })
    const nic = new FakeNic()
    const copyCosts = { ...costs, lroCopyByteCycles: 0.5, lroCopyByteInstructions: 0.02 }
    const poller = new NapiPoller(host, dom0, nic, lro, copyCosts, 0, 1, 'dom0')
    for (let i = 0; i < 3; i++) {
      const id = pool.alloc()
      pool.kind[id] = PacketKind.Data
      pool.seq[id] = 1 + i * 1448
      pool.payloadBytes[id] = 1448
      pool.segments[id] = 1
      pool.flags[id] = PacketFlag.Ack | PacketFlag.HasTimestamps
      pool.frameBytes[id] = 1500
      pool.tsval[id] = 10
      pool.tsecr[id] = 5
      nic.receiveFrame(id)
    }
    nic.onInterrupt()
    sim.run({ until: 1e9 })
    // Segments 1 and 2 share a page (frame 1 moved there, payload 2 appended); 3 goes up alone.
    const copied = 1500 + 1448
    const [poll] = dom0.posted.filter((item) => item.stage === 1)
    const plainCycles = 2000 + 3 * 100 + 2 * 10
    expect(poll.cycles).toBeCloseTo(plainCycles + copied * 0.5, 6)
    expect(poll.instructions).toBeCloseTo(plainCycles + copied * 0.02, 6)
    expect(lro.counters()['lro.plro.copiedBytes']).toBe(copied)
    expect(poller.counters()['dom0.skbs']).toBe(2)
  })
})
