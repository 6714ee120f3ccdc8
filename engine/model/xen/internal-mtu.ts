import type { PacketPool } from '../net/packet'
import { IP_TCP_TIMESTAMP_HEADER_BYTES } from '../net/packet'

/**
 * The split-MTU what-if (ENGINE.md section 6; the paper's proposed next step): the physical network
 * keeps its MTU while Xen's internal network (bridge, netback, netfront) uses `guestMtu`.
 *
 * Design choice (documented in docs/MODEL.md by the lead): a pLRO aggregate leaving dom0's driver is
 * re-segmented at the bridge into packets of at most `guestMtu` bytes, each made of whole MSS
 * segments and sent as an ordinary (non-GSO) packet: gso_size 0, so the guest's TCP measures the
 * larger segment as its rcv_mss and ACKs as for a jumbo-MTU stream. A page-sized guestMtu then
 * makes every internal packet one grant-copy slot. Without pLRO the frames are already within the
 * physical MTU and pass unchanged.
 */
export class InternalMtuSplitter {
  private readonly segmentsPerChunk: number
  private chunks = 0

  constructor(
    private readonly pool: PacketPool,
    guestMtu: number,
    private readonly mssBytes: number,
  ) {
    this.segmentsPerChunk = Math.max(1, Math.floor((guestMtu - IP_TCP_TIMESTAMP_HEADER_BYTES) / mssBytes))
  }

  /** Splits `skbId` if needed and passes each resulting packet to `next` in sequence order. */
  split(skbId: number, next: (skbId: number) => void): void {
    const pool = this.pool
    const segments = pool.segments[skbId]
    if (segments <= 1) {
      next(skbId)
      return
    }
    const perChunk = this.segmentsPerChunk
    let remainingPayload = pool.payloadBytes[skbId]
    let remainingSegments = segments
    let seq = pool.seq[skbId]
    while (remainingSegments > 0) {
      const chunkSegments = Math.min(perChunk, remainingSegments)
      const isLast = chunkSegments === remainingSegments
      const chunkPayload = isLast ? remainingPayload : chunkSegments * this.mssBytes
      const id = isLast ? skbId : this.copyHeader(skbId)
      pool.seq[id] = seq
      pool.payloadBytes[id] = chunkPayload
      pool.segments[id] = chunkSegments
      pool.gsoSize[id] = 0
      pool.frameBytes[id] = chunkPayload + IP_TCP_TIMESTAMP_HEADER_BYTES
      seq += chunkPayload
      remainingPayload -= chunkPayload
      remainingSegments -= chunkSegments
      this.chunks++
      next(id)
    }
  }

  private copyHeader(fromId: number): number {
    const pool = this.pool
    const id = pool.alloc()
    pool.flags[id] = pool.flags[fromId]
    pool.ackSeq[id] = pool.ackSeq[fromId]
    pool.windowBytes[id] = pool.windowBytes[fromId]
    pool.tsval[id] = pool.tsval[fromId]
    pool.tsecr[id] = pool.tsecr[fromId]
    pool.flowId[id] = pool.flowId[fromId]
    pool.sentAtNs[id] = pool.sentAtNs[fromId]
    pool.kind[id] = pool.kind[fromId]
    return id
  }

  /** Internal packets produced. */
  get chunksOut(): number {
    return this.chunks
  }

  /** Zeroes the counter. */
  resetWindow(): void {
    this.chunks = 0
  }
}
