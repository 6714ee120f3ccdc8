import { TransferMode } from './xen-params'
import { ETHERNET_HEADER_BYTES } from '../net/packet'

/** x86 page size: the unit of grant copies and page flips. */
export const PAGE_BYTES = 4096

/** Ethernet header netback sees in front of the IP packet (the bridge pushes it back). */
export { ETHERNET_HEADER_BYTES }

/**
 * Where the e1000 places a frame in its page-aligned receive buffer: skb_reserve(16) plus
 * NET_IP_ALIGN (2), so the Ethernet header starts 18 bytes into the page (notes 3.2).
 */
export const E1000_HEAD_OFFSET_BYTES = 18

/**
 * Usable linear head of the skb `netbk_copy_skb` allocates: SKB_MAX_HEAD(0) = one page minus
 * the aligned skb_shared_info (~300 B on i386/x86-64 2.6.18) and the 16-byte reserve. The notes put
 * it at about 3.8 KB; what matters is that a 4014-byte frame does not fit (MTU 4000 flips 2 pages).
 */
export const NETBK_COPY_HEAD_BYTES = 3776

/**
 * Worst-case ring slots one skb can need: MAX_SKB_FRAGS (18) + head + GSO extra = 20
 * (`netbk_max_required_rx_slots` with SG/TSO).
 */
export const MAX_REQUIRED_RX_SLOTS = 20

/** MAX_SKB_FRAGS = 65536/4096 + 2. */
export const MAX_SKB_FRAGS = 18

/** NET_RX_RING_SIZE = __RING_SIZE(netif_rx_sring, PAGE_SIZE). */
export const NET_RX_RING_SIZE = 256

/** How netback moves one skb into the guest. */
export interface SlotPlan {
  /** RX ring requests (and responses) the skb consumes, including a GSO extra-info slot. */
  ringSlots: number
  /** Data pages copied into (copy mode) or flipped to (flip mode) the guest. */
  dataPages: number
  /** Bytes `netbk_copy_skb` memcpys inside dom0 before the transfer (0 when it does not run). */
  dom0CopyBytes: number
  /** True when the skb carries gso_size, which takes one extra ring slot. */
  hasGsoExtra: boolean
}

/**
 * Ring slots, data pages and dom0 copy for one skb handed to netback (Linux 2.6.18-xen
 * `netif_be_start_xmit` / `netbk_gop_skb`; notes 3.2). Pure, so the page arithmetic is tested alone.
 *
 * - A single frame (`segments` = 1): in copy mode one slot, unless the linear head crosses a page
 *   (`offset_in_page(data) + headlen >= PAGE_SIZE`), in which case dom0 copies the whole packet into
 *   a fresh skb (head of `NETBK_COPY_HEAD_BYTES` plus page frags) and each piece takes a slot. In flip
 *   mode every packet goes through `netbk_copy_skb` and each piece is a flipped page.
 * - An LRO aggregate in page frags (`segments` > 1, gso_size set): copy mode takes 1 head + (A-1)
 *   frags + 1 GSO extra slot; flip mode packs it densely (head + full pages) + 1 extra slot.
 *
 * @param ipLengthBytes IP total length of the skb (all merged segments for an aggregate).
 * @param mode `TransferMode.Copy` or `TransferMode.Flip`.
 * @param headOffsetBytes Offset of the Ethernet header inside its page.
 * @param segments MSS segments the skb carries; more than 1 means a GSO aggregate.
 */
export function slotsForPacket(
  ipLengthBytes: number,
  mode: TransferMode,
  headOffsetBytes: number,
  segments: number,
): SlotPlan {
  const frameBytes = ipLengthBytes + ETHERNET_HEADER_BYTES
  if (segments > 1) {
    if (mode === TransferMode.Copy) {
      // lro_receive_frags: the headers and first segment in the head, one page frag per further
      // segment; a frag larger than a page (jumbo segments) spans ceil(size/page) slots.
      const segmentBytes = Math.ceil(frameBytes / segments)
      const slotsPerFrag = Math.ceil(segmentBytes / PAGE_BYTES)
      const dataPages = 1 + (segments - 1) * slotsPerFrag
      return { ringSlots: dataPages + 1, dataPages, dom0CopyBytes: 0, hasGsoExtra: true }
    }
    const dataPages = pagesAfterDom0Copy(frameBytes)
    return { ringSlots: dataPages + 1, dataPages, dom0CopyBytes: frameBytes, hasGsoExtra: true }
  }
  const headCrossesPage = headOffsetBytes + frameBytes >= PAGE_BYTES
  if (mode === TransferMode.Copy && !headCrossesPage) {
    return { ringSlots: 1, dataPages: 1, dom0CopyBytes: 0, hasGsoExtra: false }
  }
  const dataPages = pagesAfterDom0Copy(frameBytes)
  return { ringSlots: dataPages, dataPages, dom0CopyBytes: frameBytes, hasGsoExtra: false }
}

/** Pages of the skb `netbk_copy_skb` builds: a bounded linear head, then full page frags. */
function pagesAfterDom0Copy(frameBytes: number): number {
  if (frameBytes <= NETBK_COPY_HEAD_BYTES) return 1
  return 1 + Math.ceil((frameBytes - NETBK_COPY_HEAD_BYTES) / PAGE_BYTES)
}
