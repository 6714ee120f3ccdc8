/**
 * Assembles the network side of one run: the sender host, both link directions (with the switch
 * when the environment has one), the receiver NIC and the receiving TCP socket. The receive path
 * between `nic` and `tcpReceiver` (and the ACK path back to `nic.transmit`) is the caller's.
 */
import type { Simulation } from '../../kernel/simulation'
import type { ParamValues } from '../../params/define'
import { wireParams, Link } from './wire'
import { E1000Nic, nicParams } from './nic'
import { NicBus, nicBusParams } from './nic-bus'
import { mssForMtu, type PacketPool } from './packet'
import { NetperfSender, senderParams } from './sender-host'
import { LinuxTcpReceiver, tcpReceiverParams } from './tcp-receiver'
import { receiveBufferTunerParams } from './receive-buffer-tuner'
import { retransmitTimeoutParams } from './retransmit-timeout'
import { tcpSenderParams } from './tcp-sender'

/** Every parameter list of the network models (for the registry). */
export const networkParamLists = [
  wireParams,
  nicParams,
  senderParams,
  nicBusParams,
  tcpSenderParams,
  tcpReceiverParams,
  receiveBufferTunerParams,
  retransmitTimeoutParams,
] as const

/** Options of `createNetwork`. */
export interface NetworkOptions {
  /** IP MTU of the physical network, bytes. */
  mtu: number
  /** netperf -m, bytes per send() call. */
  messageSizeBytes: number
}

/** The assembled network models. */
export interface Network {
  readonly mss: number
  readonly sender: NetperfSender
  /** Sender -> receiver (data). */
  readonly forward: Link
  /** Receiver -> sender (ACKs). */
  readonly reverse: Link
  readonly nic: E1000Nic
  readonly tcpReceiver: LinuxTcpReceiver
  /** Every component's counters, merged. */
  counters(): Record<string, number>
  /** Resets every component's counters (end of warm-up). */
  resetWindow(): void
}

/**
 * Builds and connects the network models. `params` must already include the environment overlay
 * (`environmentParams(env)`). Call `network.sender.start()` once the receive path is wired.
 */
export function createNetwork(
  sim: Simulation,
  pool: PacketPool,
  params: ParamValues,
  options: NetworkOptions,
): Network {
  const mss = mssForMtu(options.mtu)
  const forward = new Link(sim, pool, params, 'wire.forward', sim.stream('wire.forward.jitter'))
  const reverse = new Link(sim, pool, params, 'wire.reverse', sim.stream('wire.reverse.jitter'))
  const nic = new E1000Nic(sim, pool, params, reverse, options.mtu)
  const tcpReceiver = new LinuxTcpReceiver(sim, pool, params, mss)
  const senderBus = new NicBus(params)
  forward.txBus = senderBus.isModelled ? senderBus : null
  const sender = new NetperfSender(sim, pool, params, {
    mss,
    messageSizeBytes: options.messageSizeBytes,
    forward,
    initialWindowBytes: tcpReceiver.initialWindowBytes(),
    bus: senderBus,
  })
  forward.receiver = nic
  reverse.receiver = sender
  const components = [sender, forward, reverse, nic, tcpReceiver]
  return {
    mss,
    sender,
    forward,
    reverse,
    nic,
    tcpReceiver,
    counters: () => Object.assign({}, ...components.map((component) => component.counters())),
    resetWindow: () => components.forEach((component) => component.resetWindow()),
  }
}
