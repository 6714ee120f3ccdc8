import type { Simulation } from '../kernel/simulation'
import { InetLro, lroConfigFromParams } from '../model/lro/inet-lro'
import { E1000Nic } from '../model/net/nic'
import { mssForMtu, PacketPool } from '../model/net/packet'
import { NetperfSender } from '../model/net/sender-host'
import { LinuxTcpReceiver } from '../model/net/tcp-receiver'
import { Link } from '../model/net/wire'
import { MAX_SKB_FRAGS } from '../model/xen/slots'
import type { Configuration } from './spec'

/** The network side of one run: sender, both link directions, the receiver NIC, TCP, LRO points. */
export interface AssembledNetwork {
  pool: PacketPool
  forward: Link
  reverse: Link
  nic: E1000Nic
  tcp: LinuxTcpReceiver
  sender: NetperfSender
  plro: InetLro | null
  vlro: InetLro | null
  mssBytes: number
}

/** What decides the network's shape. */
export interface NetworkShape {
  config: Configuration
  mtu: number
  messageSize: number
  /** MTU inside Xen (netfront's device MTU for vLRO's size cap). */
  internalMtu: number
}

/**
 * Wires E2's components: netperf sender -> forward link (and switch) -> receiver NIC; receiver ACKs
 * -> NIC transmit -> reverse link -> sender. LRO instances are created per configuration: pLRO in
 * dom0's driver (`plro`, `pvlro`), vLRO in netfront (`vlro`, `pvlro`).
 */
export function assembleNetwork(sim: Simulation, params: Record<string, number>, shape: NetworkShape): AssembledNetwork {
  const pool = new PacketPool(4096)
  const mssBytes = mssForMtu(shape.mtu)
  const forward = new Link(sim, pool, params, 'wire.forward', sim.stream('wire.forward'))
  const reverse = new Link(sim, pool, params, 'wire.reverse', sim.stream('wire.reverse'))
  const nic = new E1000Nic(sim, pool, params, reverse)
  forward.receiver = nic
  const tcp = new LinuxTcpReceiver(sim, pool, params, mssBytes)
  const sender = new NetperfSender(sim, pool, params, {
    mss: mssBytes,
    messageSizeBytes: shape.messageSize,
    forward,
    initialWindowBytes: tcp.initialWindowBytes(),
  })
  reverse.receiver = sender
  const hasPlro = shape.config === 'plro' || shape.config === 'pvlro'
  const hasVlro = shape.config === 'vlro' || shape.config === 'pvlro'
  let plro: InetLro | null = null
  if (hasPlro) {
    const config = lroConfigFromParams(params, 'plro', shape.mtu)
    // A pLRO aggregate must cross netback as page frags: at most MAX_SKB_FRAGS frags plus the head
    // (netback.c reserves nr_frags + 1 + !!gso_size slots and can take no more than 20).
    plro = new InetLro(pool, { ...config, maxAggr: Math.min(config.maxAggr, MAX_SKB_FRAGS + 1) })
  }
  const vlro = hasVlro ? new InetLro(pool, lroConfigFromParams(params, 'vlro', shape.internalMtu)) : null
  return { pool, forward, reverse, nic, tcp, sender, plro, vlro, mssBytes }
}
