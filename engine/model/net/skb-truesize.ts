/**
 * skb->truesize as Linux 2.6.18 sets it for the receive buffers of this model: what a socket is
 * charged for a queued segment (sk_rmem_alloc), which is what its advertised window is computed
 * from. truesize = the allocated data area (SKB_DATA_ALIGN of the requested size) plus
 * sizeof(struct sk_buff), plus the bytes of page fragments added to it.
 */

import { ETHERNET_HEADER_BYTES } from './packet'

/** sizeof(struct sk_buff) in 2.6.18: about 170 B on i386 and 232 B on x86_64. */
export const SKB_STRUCT_BYTES = 200
/** NET_SKB_PAD: headroom netdev_alloc_skb adds. */
const NET_SKB_PAD = 16
/** NET_IP_ALIGN: the driver's offset that aligns the IP header. */
const NET_IP_ALIGN = 2
/** SMP_CACHE_BYTES of a Core-2 / Xeon build: SKB_DATA_ALIGN rounds to it. */
const SMP_CACHE_BYTES = 64
/** Ethernet header and FCS: e1000_change_mtu's max_frame = mtu + 18. */
const ENET_HEADER_AND_FCS = 18
/** e1000's packet-split header buffer (rx_ps_bsize0 = E1000_RXBUFFER_128). */
const E1000_PS_HEADER_BYTES = 128
/** netfront's RX_COPY_THRESHOLD: the head it allocates and copies. */
const RX_COPY_THRESHOLD = 256

/** SKB_DATA_ALIGN. */
export function skbDataAlign(bytes: number): number {
  return Math.ceil(bytes / SMP_CACHE_BYTES) * SMP_CACHE_BYTES
}

/**
 * e1000_change_mtu: the receive buffer for a max frame of mtu + 18 bytes, the smallest of
 * 2048 / 4096 / 8192 / 16384 that holds it.
 */
export function e1000RxBufferBytes(mtu: number): number {
  const maxFrame = mtu + ENET_HEADER_AND_FCS
  for (const size of [2048, 4096, 8192, 16384]) if (maxFrame <= size) return size
  return 16384
}

/**
 * Truesize of an skb e1000 hands up for a frame of `ipBytes`. One buffer per frame
 * (netdev_alloc_skb(rx_buffer_len + NET_IP_ALIGN)); with packet split (82571 and newer PCIe
 * parts at MTU > 1500, e1000_clean_rx_irq_ps) a 128-byte header buffer and page fragments,
 * truesize growing by the bytes placed in the pages.
 */
export function e1000Truesize(mtu: number, ipBytes: number, isPacketSplit: boolean): number {
  if (isPacketSplit && mtu > 1500) {
    const inPages = Math.max(0, ipBytes + ETHERNET_HEADER_BYTES - E1000_PS_HEADER_BYTES)
    return skbDataAlign(E1000_PS_HEADER_BYTES + NET_IP_ALIGN + NET_SKB_PAD) + SKB_STRUCT_BYTES + inPages
  }
  return skbDataAlign(e1000RxBufferBytes(mtu) + NET_IP_ALIGN + NET_SKB_PAD) + SKB_STRUCT_BYTES
}

/**
 * Truesize of an skb netfront hands up for a packet of `ipBytes` (2.6.18-xen netfront, like
 * xen-netfront later): alloc_skb(RX_COPY_THRESHOLD), then "truesize += data_len -
 * (RX_COPY_THRESHOLD - len)" so the hypervisor's page is not charged, only the data in it.
 */
export function netfrontTruesize(ipBytes: number): number {
  const frameBytes = ipBytes + ETHERNET_HEADER_BYTES
  return skbDataAlign(RX_COPY_THRESHOLD + NET_SKB_PAD) - RX_COPY_THRESHOLD + SKB_STRUCT_BYTES + frameBytes
}

/**
 * Truesize of the skbs tcp_collapse rebuilds `bytes` of queued data into when the receive buffer
 * overflows: dense skbs of up to SKB_MAX_ORDER(0) (a page less the shared info) each.
 */
export function collapsedTruesize(bytes: number): number {
  const perSkb = 4096 - 320
  return bytes + Math.ceil(bytes / perSkb) * SKB_STRUCT_BYTES
}

/** tcp_win_from_space: the part of a buffer the window may offer (the rest is skb overhead). */
export function windowFromSpace(space: number, advWinScale: number): number {
  return advWinScale > 0 ? space - Math.floor(space / 2 ** advWinScale) : space
}

/** tcp_rcv_space_adjust's rcvmem: the truesize it assumes for an MSS skb. */
export function rcvmemForMss(advMss: number, advWinScale: number): number {
  const MAX_TCP_HEADER = 128 + 32
  let rcvmem = advMss + MAX_TCP_HEADER + 16 + SKB_STRUCT_BYTES
  while (windowFromSpace(rcvmem, advWinScale) < advMss) rcvmem += 128
  return rcvmem
}
