import type { Simulation } from '../kernel/simulation'
import { InetLro, lroConfigFromParams } from '../model/lro/inet-lro'
import { createNetwork } from '../model/net/network'
import type { E1000Nic } from '../model/net/nic'
import { PacketPool } from '../model/net/packet'
import type { NetperfSender } from '../model/net/sender-host'
import type { LinuxTcpReceiver } from '../model/net/tcp-receiver'
import type { Link } from '../model/net/wire'
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
 * Wires the network through E2's `createNetwork`: netperf sender -> forward link (and switch) -> receiver NIC; receiver ACKs
 * -> NIC transmit -> reverse link -> sender. LRO instances are created per configuration: pLRO in
 * dom0's driver (`plro`, `pvlro`), vLRO in netfront (`vlro`, `pvlro`).
 */
export function assembleNetwork(
  sim: Simulation,
  params: Record<string, number>,
  shape: NetworkShape,
): AssembledNetwork {
  const pool = new PacketPool(4096)
  const network = createNetwork(sim, pool, params, { mtu: shape.mtu, messageSizeBytes: shape.messageSize })
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
  return {
    pool,
    forward: network.forward,
    reverse: network.reverse,
    nic: network.nic,
    tcp: network.tcpReceiver,
    sender: network.sender,
    plro,
    vlro,
    mssBytes: network.mss,
  }
}
