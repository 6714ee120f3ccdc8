/**
 * A minimal end-to-end loop for protocol tests: sender -> wire -> NIC -> an instant receiver that
 * polls on each interrupt (optionally after a fixed delay), optionally runs LRO, feeds the TCP
 * receiver, reads everything at once and transmits ACKs straight back through the NIC.
 * Not part of the engine: the real receive paths charge CPU on the receiver host.
 */
import { Simulation } from '../../../../../engine/kernel/simulation'
import { resolveParams } from '../../../../../engine/params/registry'
import { InetLro, type LroConfig } from '../../../../../engine/model/lro/inet-lro'
import { createNetwork, type Network } from '../../../../../engine/model/net/network'
import { PacketPool } from '../../../../../engine/model/net/packet'

/** Options of the harness. */
export interface HarnessOptions {
  mtu?: number
  messageSizeBytes?: number
  params?: Record<string, number>
  /** LRO in the poll, with these settings (mtu is taken from `mtu`). */
  lro?: Partial<Omit<LroConfig, 'mtu' | 'name'>>
  /** Delay between the interrupt and the poll, ns. */
  pollDelayNs?: number
  /** Frames per poll (NAPI weight). */
  pollBudget?: number
  seed?: number
}

/** The assembled loop. */
export interface Harness {
  sim: Simulation
  pool: PacketPool
  net: Network
  lro: InetLro | null
  polls: () => number
  /** Runs until `seconds` of simulated time and returns goodput in bit/s since `fromSeconds`. */
  runGoodputBps(seconds: number, fromSeconds?: number): number
}

/** Builds the loop and starts the sender. */
export function createHarness(options: HarnessOptions = {}): Harness {
  const mtu = options.mtu ?? 1500
  const sim = new Simulation(options.seed ?? 1)
  const pool = new PacketPool(256)
  const params = resolveParams(options.params ?? {})
  const net = createNetwork(sim, pool, params, { mtu, messageSizeBytes: options.messageSizeBytes ?? 16384 })
  const lro = options.lro
    ? new InetLro(pool, {
        maxAggr: options.lro.maxAggr ?? 32,
        maxDescriptors: options.lro.maxDescriptors ?? 8,
        isGsoSizeSet: options.lro.isGsoSizeSet ?? true,
        mtu,
        name: 'lro.test',
      })
    : null
  const budget = options.pollBudget ?? 64
  const frames = new Int32Array(budget)
  let polls = 0
  const deliver = (id: number): void => {
    net.tcpReceiver.onSegment(id)
  }
  if (lro) lro.onOutput = deliver
  const poll = (): void => {
    polls++
    const count = net.nic.takeFrames(budget, frames)
    for (let i = 0; i < count; i++) {
      if (lro) lro.receive(frames[i])
      else deliver(frames[i])
    }
    lro?.flushAll()
    net.tcpReceiver.recvCopy(Number.MAX_SAFE_INTEGER)
    net.nic.enableInterrupts()
  }
  const pollHandler = sim.register('harness.poll', poll)
  const pollDelayNs = options.pollDelayNs ?? 0
  net.nic.onInterrupt = () => {
    if (pollDelayNs > 0) sim.schedule(pollDelayNs, pollHandler)
    else poll()
  }
  net.tcpReceiver.onAck = (ackId) => net.nic.transmit(ackId)
  net.sender.start()
  return {
    sim,
    pool,
    net,
    lro,
    polls: () => polls,
    runGoodputBps(seconds: number, fromSeconds = 0): number {
      let startBytes = net.tcpReceiver.bytesDelivered
      if (fromSeconds > 0) {
        sim.run({ until: fromSeconds * 1e9 })
        startBytes = net.tcpReceiver.bytesDelivered
      }
      sim.run({ until: seconds * 1e9 })
      return ((net.tcpReceiver.bytesDelivered - startBytes) * 8) / (seconds - fromSeconds)
    },
  }
}
