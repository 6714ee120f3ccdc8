/**
 * Packet records as a struct of typed arrays with a free list: one pool per simulation, shared by
 * every component (sender, wire, NIC, LRO, receive paths, TCP receiver), so the hot path allocates
 * nothing per packet. A packet is an integer id; its fields live at that index of each array.
 *
 * Ownership: exactly one component holds a packet id at a time. Whoever ends a packet's life
 * (drop, consumption by the TCP receiver, arrival of an ACK at the sender, merge into an LRO
 * aggregate) calls `free(id)`. `liveCount` lets tests check for leaks.
 */

import { grownFloat64, grownInt32, grownUint8 } from '../../kernel/typed-array-growth'

/** TCP flag bits plus option bits, in `PacketPool.flags`. */
export const PacketFlag = {
  Fin: 1 << 0,
  Syn: 1 << 1,
  Rst: 1 << 2,
  Psh: 1 << 3,
  Ack: 1 << 4,
  Urg: 1 << 5,
  Ece: 1 << 6,
  Cwr: 1 << 7,
  /** The TCP options are exactly NOP,NOP,TIMESTAMP (doff = 8): what inet_lro accepts. */
  HasTimestamps: 1 << 8,
  /** IP options present (ihl != 5): inet_lro rejects these. */
  HasIpOptions: 1 << 9,
  /** TCP options other than the timestamp (e.g. SACK blocks): inet_lro rejects these. */
  HasOtherTcpOptions: 1 << 10,
} as const

/** The flags that make a segment ineligible for inet_lro (`lro_tcp_ip_check`). */
export const LRO_REJECT_FLAGS =
  PacketFlag.Fin |
  PacketFlag.Syn |
  PacketFlag.Rst |
  PacketFlag.Urg |
  PacketFlag.Ece |
  PacketFlag.Cwr |
  PacketFlag.HasIpOptions |
  PacketFlag.HasOtherTcpOptions

/** What a packet carries. */
export const PacketKind = { Data: 0, PureAck: 1 } as const
export type PacketKind = (typeof PacketKind)[keyof typeof PacketKind]

/** IPv4 20 + TCP 20 + timestamp option 12 bytes: MSS = MTU - 52 (Linux default tcp_timestamps = 1). */
export const IP_TCP_TIMESTAMP_HEADER_BYTES = 52

/** The Ethernet (MAC) header in front of the IP packet: what NICs move over their bus and drivers count. */
export const ETHERNET_HEADER_BYTES = 14

/** Preamble+SFD 8 + Ethernet header 14 + FCS 4 + inter-frame gap 12: wire bytes beyond the IP length. */
export const ETHERNET_OVERHEAD_BYTES = 38

/**
 * SACK blocks an ACK can carry: with timestamps (12 bytes) only 3 of the 8-byte blocks fit in the
 * 40 bytes of TCP options (Linux 2.6.18 tcp_output.c: eff_sacks = min(num_sacks + dsack,
 * 4 - tstamp_ok)).
 */
export const MAX_SACK_BLOCKS = 3

/** NOP,NOP,SACK kind+length (TCPOLEN_SACK_BASE_ALIGNED): option bytes before the blocks. */
export const SACK_OPTION_BASE_BYTES = 4

/** Bytes per SACK block (TCPOLEN_SACK_PERBLOCK). */
export const SACK_BLOCK_BYTES = 8

/** TCP maximum segment size for an IP MTU, with timestamps. */
export function mssForMtu(mtu: number): number {
  return mtu - IP_TCP_TIMESTAMP_HEADER_BYTES
}

/** The shared packet store. Read fields as `pool.seq[id]`; never keep an array across `alloc()` (it may grow). */
export class PacketPool {
  /** Sequence number of the first payload byte (bytes since the connection start, no wrap-around). */
  seq: Float64Array
  /** TCP payload bytes (the sum of merged segments for an LRO aggregate). */
  payloadBytes: Int32Array
  /** MSS segments this packet stands for: 1 for a wire frame, N for an LRO aggregate, 0 for a pure ACK. */
  segments: Int32Array
  /** skb_shinfo(skb)->gso_size: 0, or the MSS of an aggregate (what tcp_measure_rcv_mss reads). */
  gsoSize: Int32Array
  /** `PacketFlag` bits. */
  flags: Int32Array
  /** Cumulative acknowledgement (next byte expected by the packet's sender). */
  ackSeq: Float64Array
  /** Advertised receive window, bytes (already scaled). */
  windowBytes: Float64Array
  /** TCP timestamp value (sender's clock ticks, starting at 1). */
  tsval: Float64Array
  /** TCP timestamp echo reply. */
  tsecr: Float64Array
  /** Flow (connection direction) id; LRO sessions are matched on it. */
  flowId: Int32Array
  /** IP total length: payload + 52 for a single frame; the merged length for an aggregate. */
  frameBytes: Int32Array
  /** Simulated time the packet was created by its sender, ns. */
  sentAtNs: Float64Array
  /**
   * skb->truesize of a received packet as the receiving host allocated it (buffer, head and struct
   * sk_buff), charged against the socket's receive buffer; 0 until a receive path sets it.
   */
  truesize: Int32Array
  /** `PacketKind`. */
  kind: Uint8Array
  /** SACK blocks carried (0..MAX_SACK_BLOCKS), most recently changed first (RFC 2018). */
  sackCount: Uint8Array
  /** SACK block left edges: block `b` of packet `id` is at `id * MAX_SACK_BLOCKS + b`. */
  sackStarts: Float64Array
  /** SACK block right edges (exclusive), indexed like `sackStarts`. */
  sackEnds: Float64Array

  private nextFree: Int32Array
  private isAllocated: Uint8Array
  private freeHead = -1
  private allocated = 0
  private live = 0

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity | 0)
    this.seq = new Float64Array(capacity)
    this.payloadBytes = new Int32Array(capacity)
    this.segments = new Int32Array(capacity)
    this.gsoSize = new Int32Array(capacity)
    this.flags = new Int32Array(capacity)
    this.ackSeq = new Float64Array(capacity)
    this.windowBytes = new Float64Array(capacity)
    this.tsval = new Float64Array(capacity)
    this.tsecr = new Float64Array(capacity)
    this.flowId = new Int32Array(capacity)
    this.frameBytes = new Int32Array(capacity)
    this.sentAtNs = new Float64Array(capacity)
    this.truesize = new Int32Array(capacity)
    this.kind = new Uint8Array(capacity)
    this.sackCount = new Uint8Array(capacity)
    this.sackStarts = new Float64Array(capacity * MAX_SACK_BLOCKS)
    this.sackEnds = new Float64Array(capacity * MAX_SACK_BLOCKS)
    this.nextFree = new Int32Array(capacity)
    this.isAllocated = new Uint8Array(capacity)
  }

  /** Packets allocated and not yet freed. */
  get liveCount(): number {
    return this.live
  }

  /** Current capacity (grows by doubling). */
  get capacity(): number {
    return this.seq.length
  }

  /** Allocates a packet with every field zeroed; returns its id. */
  alloc(): number {
    let id: number
    if (this.freeHead >= 0) {
      id = this.freeHead
      this.freeHead = this.nextFree[id]
    } else {
      if (this.allocated === this.seq.length) this.grow()
      id = this.allocated++
    }
    this.isAllocated[id] = 1
    this.live++
    this.seq[id] = 0
    this.payloadBytes[id] = 0
    this.segments[id] = 0
    this.gsoSize[id] = 0
    this.flags[id] = 0
    this.ackSeq[id] = 0
    this.windowBytes[id] = 0
    this.tsval[id] = 0
    this.tsecr[id] = 0
    this.flowId[id] = 0
    this.frameBytes[id] = 0
    this.sentAtNs[id] = 0
    this.truesize[id] = 0
    this.kind[id] = 0
    // The block edges need no clearing: only the first sackCount[id] of them are read.
    this.sackCount[id] = 0
    return id
  }

  /** Returns a packet to the free list. Freeing a packet twice is an error (ownership bug). */
  free(id: number): void {
    if (!(id >= 0 && id < this.allocated) || this.isAllocated[id] !== 1) {
      throw new Error(`PacketPool.free(${id}): not a live packet`)
    }
    this.isAllocated[id] = 0
    this.nextFree[id] = this.freeHead
    this.freeHead = id
    this.live--
  }

  /** True when `id` is currently allocated. */
  isLive(id: number): boolean {
    return id >= 0 && id < this.allocated && this.isAllocated[id] === 1
  }

  private grow(): void {
    const capacity = this.seq.length * 2
    this.seq = grownFloat64(this.seq, capacity)
    this.payloadBytes = grownInt32(this.payloadBytes, capacity)
    this.segments = grownInt32(this.segments, capacity)
    this.gsoSize = grownInt32(this.gsoSize, capacity)
    this.flags = grownInt32(this.flags, capacity)
    this.ackSeq = grownFloat64(this.ackSeq, capacity)
    this.windowBytes = grownFloat64(this.windowBytes, capacity)
    this.tsval = grownFloat64(this.tsval, capacity)
    this.tsecr = grownFloat64(this.tsecr, capacity)
    this.flowId = grownInt32(this.flowId, capacity)
    this.frameBytes = grownInt32(this.frameBytes, capacity)
    this.sentAtNs = grownFloat64(this.sentAtNs, capacity)
    this.truesize = grownInt32(this.truesize, capacity)
    this.kind = grownUint8(this.kind, capacity)
    this.sackCount = grownUint8(this.sackCount, capacity)
    this.sackStarts = grownFloat64(this.sackStarts, capacity * MAX_SACK_BLOCKS)
    this.sackEnds = grownFloat64(this.sackEnds, capacity * MAX_SACK_BLOCKS)
    this.nextFree = grownInt32(this.nextFree, capacity)
    this.isAllocated = grownUint8(this.isAllocated, capacity)
  }
}
