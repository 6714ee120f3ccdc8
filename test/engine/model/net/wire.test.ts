import { describe, expect, it } from 'vitest'
import { Simulation } from '../../../../engine/kernel/simulation'
import { environmentParams } from '../../../../engine/model/net/environment'
import { PacketPool } from '../../../../engine/model/net/packet'
import { Link, goodputCeilingBps } from '../../../../engine/model/net/wire'
import { resolveParams } from '../../../../engine/params/registry'

interface Arrival {
  id: number
  seq: number
  atNs: number
}

function createLink(overrides: Record<string, number> = {}) {
  const sim = new Simulation(7)
  const pool = new PacketPool(64)
  const params = resolveParams(overrides)
  const link = new Link(sim, pool, params, 'wire.test', sim.stream('jitter'))
  const arrivals: Arrival[] = []
  link.receiver = {
    receiveFrame(id) {
      arrivals.push({ id, seq: pool.seq[id], atNs: sim.now })
      pool.free(id)
    },
  }
  const sendFrame = (seq: number, ipBytes: number): boolean => {
    const id = pool.alloc()
    pool.seq[id] = seq
    pool.frameBytes[id] = ipBytes
    return link.send(id)
  }
  return { sim, pool, params, link, arrivals, sendFrame }
}

describe('Link (one direction of the wire)', () => {
  it('delivers one frame after its serialisation time plus propagation', () => {
    const { sim, params, arrivals, sendFrame } = createLink({ 'switch.enabled': 0 })
    sendFrame(0, 1500)
    sim.run({ until: 1e9 })
    const bitsOnWire = (1500 + 38) * 8
    const expectedNs = (bitsOnWire / params['wire.rateBps']) * 1e9 + params['wire.propagationNs']
    expect(arrivals).toHaveLength(1)
    expect(arrivals[0].atNs).toBeCloseTo(expectedNs, 0)
  })

  it('serialises back-to-back frames at the link rate, in FIFO order', () => {
    const { sim, params, arrivals, sendFrame } = createLink({ 'switch.enabled': 0, 'wire.rateBps': 1e8 })
    for (let i = 0; i < 20; i++) sendFrame(i, 1000 + 100 * (i % 3))
    sim.run({ until: 1e9 })
    expect(arrivals.map((a) => a.seq)).toEqual([...Array(20).keys()])
    for (let i = 1; i < arrivals.length; i++) {
      const gapNs = arrivals[i].atNs - arrivals[i - 1].atNs
      const frameNs = ((1000 + 100 * (i % 3) + 38) * 8 * 1e9) / params['wire.rateBps']
      expect(gapNs).toBeCloseTo(frameNs, 0)
    }
  })

  it('drops frames beyond the transmit queue and frees them', () => {
    const { sim, pool, link, arrivals, sendFrame } = createLink({
      'switch.enabled': 0,
      'wire.txQueueFrames': 10,
    })
    const accepted = Array.from({ length: 25 }, (_, i) => sendFrame(i, 1500)).filter(Boolean).length
    expect(accepted).toBe(10)
    expect(link.counters()['wire.test.framesDroppedTxQueue']).toBe(15)
    sim.run({ until: 1e9 })
    expect(arrivals).toHaveLength(10)
    expect(pool.liveCount).toBe(0)
  })

  it('calls onTxRoom once the queue has drained, while frames are still queued', () => {
    const { sim, link, arrivals, sendFrame } = createLink({ 'switch.enabled': 0, 'wire.txQueueFrames': 10 })
    for (let i = 0; i < 10; i++) sendFrame(i, 1500)
    expect(link.hasTxRoom()).toBe(false)
    let calledAtNs = -1
    link.onTxRoom = () => {
      calledAtNs = sim.now
      expect(link.hasTxRoom()).toBe(true)
    }
    link.requestTxRoomNotification()
    sim.run({ until: 1e9 })
    expect(calledAtNs).toBeGreaterThan(0)
    expect(calledAtNs).toBeLessThan(arrivals[arrivals.length - 1].atNs)
  })

  it('keeps FIFO order through a jittery store-and-forward switch and spreads back-to-back frames', () => {
    const direct = createLink({ 'switch.enabled': 0 })
    const switched = createLink({
      ...environmentParams('switched-2008'),
      'switch.jitterNs': 5000,
      'switch.queueFrames': 1000,
    })
    for (const setup of [direct, switched]) {
      for (let i = 0; i < 300; i++) setup.sendFrame(i, 1500)
      setup.sim.run({ until: 1e9 })
    }
    expect(switched.arrivals.map((a) => a.seq)).toEqual([...Array(300).keys()])
    const span = (arrivals: Arrival[]) => arrivals[arrivals.length - 1].atNs - arrivals[0].atNs
    expect(span(switched.arrivals)).toBeGreaterThan(span(direct.arrivals) * 1.2)
    const firstDelay = switched.arrivals[0].atNs - direct.arrivals[0].atNs
    expect(firstDelay).toBeGreaterThanOrEqual(switched.params['switch.latencyNs'])
  })

  it('drops at the switch when its output queue overflows', () => {
    const { sim, link, pool, arrivals, sendFrame } = createLink({
      'switch.enabled': 1,
      'switch.queueFrames': 4,
      'switch.jitterNs': 200000,
    })
    for (let i = 0; i < 200; i++) sendFrame(i, 1500)
    sim.run({ until: 1e9 })
    const dropped = link.counters()['wire.test.framesDroppedSwitch']
    expect(dropped).toBeGreaterThan(0)
    expect(arrivals.length + dropped).toBe(200)
    expect(pool.liveCount).toBe(0)
  })
})

describe('goodputCeilingBps', () => {
  it('is MSS/(MTU+38) of the link rate: 941.5 / 977.7 / 980.2 Mb/s at MTU 1500 / 4000 / 4500', () => {
    const table: [number, number][] = [
      [1500, 941.5],
      [4000, 977.7],
      [4500, 980.2],
    ]
    for (const [mtu, mbps] of table) {
      expect(goodputCeilingBps(mtu, 1e9, mtu - 52) / 1e6).toBeCloseTo(mbps, 1)
    }
  })
})

describe('environmentParams', () => {
  it('puts a switch only in the switched-2008 test bed', () => {
    expect(environmentParams('direct-2009')['switch.enabled']).toBe(0)
    expect(environmentParams('switched-2008')['switch.enabled']).toBe(1)
  })
})
