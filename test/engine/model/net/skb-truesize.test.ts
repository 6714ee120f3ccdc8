import { describe, expect, it } from 'vitest'
import {
  e1000RxBufferBytes,
  e1000Truesize,
  netfrontTruesize,
  rcvmemForMss,
} from '../../../../engine/model/net/skb-truesize'

describe('skb truesize of the receive buffers (Linux 2.6.18)', () => {
  it('sizes e1000 receive buffers by max frame as e1000_change_mtu does', () => {
    expect(e1000RxBufferBytes(1500)).toBe(2048) // 1518-byte frames
    expect(e1000RxBufferBytes(4000)).toBe(4096) // 4018
    expect(e1000RxBufferBytes(4500)).toBe(8192) // 4518 does not fit 4096
    expect(e1000RxBufferBytes(9000)).toBe(16384)
  })

  it('charges a whole buffer per frame, or with packet split the header buffer and the page bytes', () => {
    // SKB_DATA_ALIGN(2048 + 2 + 16) = 2112, plus a 200-byte sk_buff.
    expect(e1000Truesize(1500, 1500, false)).toBe(2312)
    // SKB_DATA_ALIGN(8192 + 18) = 8256.
    expect(e1000Truesize(4500, 4500, false)).toBe(8456)
    // Packet split at MTU 4500: SKB_DATA_ALIGN(128 + 18) = 192, the sk_buff, and 4514 - 128 bytes in pages.
    expect(e1000Truesize(4500, 4500, true)).toBe(192 + 200 + 4386)
    // Packet split is for jumbo frames only.
    expect(e1000Truesize(1500, 1500, true)).toBe(2312)
  })

  it("charges netfront's skb the data and its head, not the hypervisor's page", () => {
    // SKB_DATA_ALIGN(256 + 16) = 320, less the 256 the data replaces, 200 of sk_buff, 1514 of frame.
    expect(netfrontTruesize(1500)).toBe(64 + 200 + 1514)
  })

  it("computes tcp_rcv_space_adjust's rcvmem, growing by 128 until 3/4 of it holds an MSS", () => {
    // 1448 + 160 + 16 + 200 = 1824; 3/4 of it is 1368 < 1448, so 1952 (1464 >= 1448).
    expect(rcvmemForMss(1448, 2)).toBe(1952)
  })
})
