/**
 * Large Receive Offload after Linux net/ipv4/inet_lro.c (Themann & Raisch, IBM 2007): per-flow
 * descriptors found by linear search, in-order merging of eligible TCP segments into a parent
 * packet, and flushes on max_aggr, near 64 KB, out-of-order or ineligible packets and at the end of
 * every poll (`flushAll`, called by the driver: lro_flush_all()). One instance per placement:
 * dom0's physical driver (pLRO) and/or netfront (vLRO).
 */
import { defineParams, type ParamValues } from '../../params/define'
import type { Lro, PacketSink } from '../net/net-api'
import { LRO_REJECT_FLAGS, PacketFlag, type PacketPool } from '../net/packet'

/** Parameters of both LRO placements. */
export const lroParams = defineParams([
  {
    id: 'lro.plro.maxAggr',
    unit: 'packets',
    default: 32,
    min: 1,
    max: 1024,
    isInteger: true,
    help: 'pLRO (dom0 driver): segments merged into one aggregate before it is flushed (max_aggr).',
    provenance: 'source',
    source: 'inet_lro users: drivers/net/mv643xx_eth.c and ixgbe (IXGBE_MAX_LRO_AGGREGATE) use 32; notes 5.2',
    group: 'LRO',
  },
  {
    id: 'lro.vlro.maxAggr',
    unit: 'packets',
    default: 32,
    min: 1,
    max: 1024,
    isInteger: true,
    help: 'vLRO (netfront): segments merged into one aggregate before it is flushed (max_aggr).',
    provenance: 'source',
    source: 'as lro.plro.maxAggr; aggregation is bounded in practice by packets per poll (notes 5.2)',
    group: 'LRO',
  },
  {
    id: 'lro.maxDescriptors',
    unit: 'packets',
    default: 8,
    min: 1,
    max: 256,
    isInteger: true,
    help: 'Concurrent LRO sessions (max_desc), searched linearly; a packet with no free one passes up alone.',
    provenance: 'source',
    source: 'inet_lro users set max_desc to 4-8 (notes 5.2); net/ipv4/inet_lro.c lro_get_desc',
    group: 'LRO',
  },
  {
    id: 'lro.plro.setGsoSize',
    unit: 'bool',
    default: 1,
    min: 0,
    max: 1,
    isInteger: true,
    choices: { 0: 'no (the bridge drops the aggregates)', 1: 'gso_size = MSS' },
    help: "Whether pLRO's aggregate carries gso_size = MSS. It must: the bridge drops a non-GSO frame longer than the vif's MTU, and netback passes gso_size to the guest (GSO extra info), whose TCP then measures rcv_mss from it and ACKs every two segments as without LRO.",
    provenance: 'source',
    source:
      "Linux 2.6.18 net/bridge/br_forward.c br_dev_queue_push_xmit: 'drop mtu oversized packets except gso'; tcp_input.c tcp_measure_rcv_mss: len = skb_shinfo(skb)->gso_size ?: skb->len; Xen 3.1 netback netbk_gop_skb GSO extra info",
    group: 'LRO',
  },
  {
    id: 'lro.vlro.setGsoSize',
    unit: 'bool',
    default: 1,
    min: 0,
    max: 1,
    isInteger: true,
    choices: { 0: 'no (rcv_mss inflates to the aggregate)', 1: 'gso_size = MSS (as inet_lro)' },
    help: "Whether vLRO's aggregate carries gso_size = MSS. Nothing forces it (netfront hands the aggregate straight to the guest's stack): without it the guest's TCP takes the aggregate's length as rcv_mss and ACKs once per two aggregates instead of once per aggregate.",
    provenance: 'assumed',
    source:
      'the VPACT 2008 vLRO implementation is unpublished and predates inet_lro (2.6.24, whose lro_flush sets gso_size); tcp_input.c tcp_measure_rcv_mss: len = gso_size ?: skb->len; validate --hypotheses scores both',
    group: 'LRO',
  },
  {
    id: 'lro.plro.aggregateForm',
    unit: 'choice',
    default: 0,
    min: 0,
    max: 1,
    isInteger: true,
    choices: { 0: 'page frags (64 KB)', 1: 'linear, one 4 KB page' },
    help: "How pLRO builds an aggregate in dom0: page fragments up to inet_lro's 64 KB cap (lro_receive_frags), or linear in one 4 KB page, which crosses netback as a single slot and never needs netbk_copy_skb (then an MTU-1500 aggregate holds 2 segments).",
    provenance: 'assumed',
    source:
      'the VPACT 2008 pLRO implementation is unpublished; netback (Xen 3.1) cannot carry inet_lro frag_list skbs (netbk_copy_skb BUG_ON(frag_list)), so an implementation either builds page frags or linearises (notes 3.2); validate --hypotheses scores both',
    group: 'LRO',
  },
  {
    id: 'lro.vlro.flushPolicy',
    unit: 'choice',
    default: 0,
    min: 0,
    max: 2,
    isInteger: true,
    choices: { 0: 'poll-end', 1: 'idle-timer', 2: 'age-timer' },
    help: 'When vLRO hands its open aggregates up besides max_aggr, the 64 KB cap and out-of-order or ineligible segments: at the end of every netfront poll (inet_lro practice), when no segment has arrived for lro.vlro.flushTimeoutNs, or lro.vlro.flushTimeoutNs after the aggregate opened (both hold segments across polls).',
    provenance: 'assumed',
    source:
      'the VPACT 2008 vLRO implementation is unpublished; poll-end is what inet_lro drivers do (lro_flush_all at the end of the NAPI poll); the timers are the alternatives a netfront implementation could take (docs/MODEL.md, validate --hypotheses)',
    group: 'LRO',
  },
  {
    id: 'lro.vlro.flushTimeoutNs',
    unit: 'ns',
    default: 100000,
    min: 1000,
    max: 1e8,
    help: 'Hold time of the timer flush policies of vLRO (idle or age of the open aggregate).',
    provenance: 'assumed',
    source:
      'used only by lro.vlro.flushPolicy 1 and 2; one jiffy (1-10 ms) would be the coarsest kernel timer, an hrtimer-less 2.6.18 rounds to jiffies',
    group: 'LRO',
  },
])

/** vLRO flush policies (`lro.vlro.flushPolicy`). */
export const VlroFlushPolicy = { PollEnd: 0, IdleTimer: 1, AgeTimer: 2 } as const
export type VlroFlushPolicy = (typeof VlroFlushPolicy)[keyof typeof VlroFlushPolicy]

/** Largest IP datagram: inet_lro flushes when the aggregate exceeds 0xFFFF - mtu. */
const MAX_IP_LENGTH = 0xffff

/** Where an LRO instance sits. */
export type LroPlacement = 'plro' | 'vlro'

/** Configuration of one LRO instance. */
export interface LroConfig {
  maxAggr: number
  maxDescriptors: number
  isGsoSizeSet: boolean
  /** MTU of the device the LRO runs on (for the 0xFFFF - mtu cap). */
  mtu: number
  /** Largest aggregate, IP bytes: 0xFFFF (the default), or what one linear page holds. */
  maxAggregateIpBytes?: number
  /**
   * True when the aggregate is built linearly in a fresh page: the parent frame is copied there
   * when the first segment joins it, and every joining segment's payload is appended by copy.
   */
  copiesIntoPage?: boolean
  /** Counter prefix, e.g. `lro.plro`. */
  name: string
}

/** Reads the configuration of a placement from resolved parameters. */
export function lroConfigFromParams(params: ParamValues, placement: LroPlacement, mtu: number): LroConfig {
  const isLinearPage = placement === 'plro' && params['lro.plro.aggregateForm'] === 1
  return {
    maxAggr: params[`lro.${placement}.maxAggr`],
    maxDescriptors: params['lro.maxDescriptors'],
    isGsoSizeSet: params[`lro.${placement}.setGsoSize`] === 1,
    mtu,
    maxAggregateIpBytes: isLinearPage ? LINEAR_PAGE_IP_BYTES : MAX_IP_LENGTH,
    copiesIntoPage: isLinearPage,
    name: `lro.${placement}`,
  }
}

/**
 * IP bytes a linear skb in one 4 KB page can hold: the page less NET_SKB_PAD (16), NET_IP_ALIGN (2)
 * and the Ethernet header (14).
 */
const LINEAR_PAGE_IP_BYTES = 4096 - 16 - 2 - 14

/** Why a session was flushed. */
const FlushReason = { MaxAggr: 0, SizeCap: 1, OutOfOrder: 2, Ineligible: 3, PollEnd: 4, Timer: 5 } as const
type FlushReason = (typeof FlushReason)[keyof typeof FlushReason]
const FLUSH_REASON_NAMES = [
  'flushMaxAggr',
  'flushSizeCap',
  'flushOutOfOrder',
  'flushIneligible',
  'flushPollEnd',
  'flushTimer',
]

// PERF: module-local copies of imported constants (some loaders turn imports into getters).
const ACK_FLAG = PacketFlag.Ack
const TIMESTAMP_FLAG = PacketFlag.HasTimestamps
const PUSH_FLAG = PacketFlag.Psh
const REJECT_FLAGS = LRO_REJECT_FLAGS

/** The inet_lro model. */
export class InetLro implements Lro {
  onOutput: PacketSink = () => {
    throw new Error('InetLro: onOutput is not set')
  }

  private readonly isActive: Uint8Array
  private readonly flowIds: Int32Array
  private readonly parentIds: Int32Array
  private readonly nextSeq: Float64Array
  private readonly aggregated: Int32Array
  private readonly largestSegment: Int32Array
  private readonly lastTsval: Float64Array
  private readonly sizeCapBytes: number
  private inCount = 0
  private outCount = 0
  private aggregates = 0
  private passedThrough = 0
  private noDescriptor = 0
  private copiedBytes = 0
  private copiedBytesUntaken = 0
  private readonly flushes = new Float64Array(FLUSH_REASON_NAMES.length)

  constructor(
    private readonly pool: PacketPool,
    private readonly config: LroConfig,
  ) {
    const slots = config.maxDescriptors
    this.isActive = new Uint8Array(slots)
    this.flowIds = new Int32Array(slots)
    this.parentIds = new Int32Array(slots)
    this.nextSeq = new Float64Array(slots)
    this.aggregated = new Int32Array(slots)
    this.largestSegment = new Int32Array(slots)
    this.lastTsval = new Float64Array(slots)
    // inet_lro flushes once another full-MTU packet might not fit (0xFFFF - mtu); a page cap alike.
    this.sizeCapBytes = (config.maxAggregateIpBytes ?? MAX_IP_LENGTH) - config.mtu
  }

  get packetsIn(): number {
    return this.inCount
  }

  get packetsOut(): number {
    return this.outCount
  }

  /** packetsIn / packetsOut since the last reset (1 when nothing passed). */
  get lroRate(): number {
    return this.outCount > 0 ? this.inCount / this.outCount : 1
  }

  /** Sessions currently open. */
  get openSessions(): number {
    let open = 0
    for (let i = 0; i < this.isActive.length; i++) open += this.isActive[i]
    return open
  }

  receive(packetId: number): void {
    this.inCount++
    const pool = this.pool
    const flowId = pool.flowId[packetId]
    const slot = this.findSession(flowId)
    if (!this.isEligible(packetId, slot)) {
      if (slot >= 0) this.flush(slot, FlushReason.Ineligible)
      this.passUp(packetId)
      return
    }
    if (slot >= 0) {
      // lro_get_desc found the session: the segment must continue it exactly (tcp_next_seq).
      if (pool.seq[packetId] !== this.nextSeq[slot]) {
        this.flush(slot, FlushReason.OutOfOrder)
        this.passUp(packetId)
        return
      }
      this.merge(slot, packetId)
      this.checkLimits(slot)
      return
    }
    const free = this.findFreeSlot()
    if (free < 0) {
      this.noDescriptor++
      this.passUp(packetId)
      return
    }
    this.open(free, packetId)
    this.checkLimits(free)
  }

  takeCopiedBytes(): number {
    const bytes = this.copiedBytesUntaken
    this.copiedBytesUntaken = 0
    return bytes
  }

  flushAll(): void {
    this.flushOpen(FlushReason.PollEnd)
  }

  /** Flushes every open session because a hold timer expired (vLRO's timer flush policies). */
  flushAllOnTimer(): void {
    this.flushOpen(FlushReason.Timer)
  }

  private flushOpen(reason: FlushReason): void {
    for (let slot = 0; slot < this.isActive.length; slot++) {
      if (this.isActive[slot] === 1) this.flush(slot, reason)
    }
  }

  counters(): Record<string, number> {
    const prefix = this.config.name
    const values: Record<string, number> = {
      [`${prefix}.packetsIn`]: this.inCount,
      [`${prefix}.packetsOut`]: this.outCount,
      [`${prefix}.aggregates`]: this.aggregates,
      [`${prefix}.passedThrough`]: this.passedThrough,
      [`${prefix}.noDescriptor`]: this.noDescriptor,
      [`${prefix}.copiedBytes`]: this.copiedBytes,
    }
    for (let reason = 0; reason < FLUSH_REASON_NAMES.length; reason++) {
      values[`${prefix}.${FLUSH_REASON_NAMES[reason]}`] = this.flushes[reason]
    }
    return values
  }

  resetWindow(): void {
    this.inCount = 0
    this.outCount = 0
    this.aggregates = 0
    this.passedThrough = 0
    this.noDescriptor = 0
    this.copiedBytes = 0
    this.flushes.fill(0)
  }

  /** lro_tcp_ip_check, plus the timestamp checks done against an existing session. */
  private isEligible(packetId: number, slot: number): boolean {
    const pool = this.pool
    const flags = pool.flags[packetId]
    if (pool.payloadBytes[packetId] <= 0) return false
    if ((flags & ACK_FLAG) === 0 || (flags & REJECT_FLAGS) !== 0) return false
    if ((flags & TIMESTAMP_FLAG) !== 0) {
      if (pool.tsecr[packetId] === 0) return false
      if (slot >= 0 && pool.tsval[packetId] < this.lastTsval[slot]) return false
    }
    return true
  }

  private findSession(flowId: number): number {
    for (let slot = 0; slot < this.isActive.length; slot++) {
      if (this.isActive[slot] === 1 && this.flowIds[slot] === flowId) return slot
    }
    return -1
  }

  private findFreeSlot(): number {
    for (let slot = 0; slot < this.isActive.length; slot++) if (this.isActive[slot] === 0) return slot
    return -1
  }

  /** lro_init_desc: the packet becomes the parent of a new session. */
  private open(slot: number, packetId: number): void {
    const pool = this.pool
    this.isActive[slot] = 1
    this.flowIds[slot] = pool.flowId[packetId]
    this.parentIds[slot] = packetId
    this.nextSeq[slot] = pool.seq[packetId] + pool.payloadBytes[packetId]
    this.aggregated[slot] = 1
    this.largestSegment[slot] = pool.payloadBytes[packetId]
    this.lastTsval[slot] = pool.tsval[packetId]
  }

  /** lro_add_common: latest ack, window and tsecr; tsval is not updated (PAWS). */
  private merge(slot: number, packetId: number): void {
    const pool = this.pool
    const parent = this.parentIds[slot]
    const payload = pool.payloadBytes[packetId]
    if (this.config.copiesIntoPage === true) {
      // The parent sits in a driver buffer too small for two segments: the first join moves it
      // into the page (its whole frame), then each joining payload is appended.
      const copied = (this.aggregated[slot] === 1 ? pool.frameBytes[parent] : 0) + payload
      this.copiedBytes += copied
      this.copiedBytesUntaken += copied
    }
    pool.payloadBytes[parent] += payload
    pool.frameBytes[parent] += payload
    // An aggregate holds its parts' buffers: the socket is charged the sum of their truesizes.
    pool.truesize[parent] += pool.truesize[packetId]
    pool.segments[parent] += pool.segments[packetId]
    pool.ackSeq[parent] = pool.ackSeq[packetId]
    pool.windowBytes[parent] = pool.windowBytes[packetId]
    pool.tsecr[parent] = pool.tsecr[packetId]
    pool.flags[parent] |= pool.flags[packetId] & PUSH_FLAG
    this.nextSeq[slot] += payload
    this.aggregated[slot]++
    if (payload > this.largestSegment[slot]) this.largestSegment[slot] = payload
    this.lastTsval[slot] = pool.tsval[packetId]
    pool.free(packetId)
  }

  private checkLimits(slot: number): void {
    if (this.aggregated[slot] >= this.config.maxAggr) {
      this.flush(slot, FlushReason.MaxAggr)
    } else if (this.pool.frameBytes[this.parentIds[slot]] > this.sizeCapBytes) {
      this.flush(slot, FlushReason.SizeCap)
    }
  }

  /** lro_flush: rewrite the parent's headers, set gso_size, hand it up. */
  private flush(slot: number, reason: FlushReason): void {
    const parent = this.parentIds[slot]
    this.isActive[slot] = 0
    this.pool.gsoSize[parent] = this.config.isGsoSizeSet ? this.largestSegment[slot] : 0
    this.flushes[reason]++
    this.aggregates++
    this.outCount++
    this.onOutput(parent)
  }

  private passUp(packetId: number): void {
    this.passedThrough++
    this.outCount++
    this.onOutput(packetId)
  }
}
