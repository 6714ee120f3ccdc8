import { describe, expect, it } from 'vitest'
import {
  E1000_HEAD_OFFSET_BYTES,
  MAX_REQUIRED_RX_SLOTS,
  PAGE_BYTES,
  slotsForPacket,
} from '../../../../engine/model/xen/slots'
import { TransferMode } from '../../../../engine/model/xen/xen-params'

const offset = E1000_HEAD_OFFSET_BYTES

describe('slotsForPacket (netback ring slots and pages, notes 3.2)', () => {
  it('MTU 1500 takes one slot and no dom0 copy in copy mode', () => {
    expect(slotsForPacket(1500, TransferMode.Copy, offset, 1)).toEqual({
      ringSlots: 1,
      dataPages: 1,
      dom0CopyBytes: 0,
      hasGsoExtra: false,
    })
  })

  it('MTU 1500 flips one page but is first copied in dom0 (flip mode always copies)', () => {
    const plan = slotsForPacket(1500, TransferMode.Flip, offset, 1)
    expect(plan.ringSlots).toBe(1)
    expect(plan.dataPages).toBe(1)
    expect(plan.dom0CopyBytes).toBe(1514)
  })

  it('MTU 4000 fits one page in copy mode but flips two pages', () => {
    expect(slotsForPacket(4000, TransferMode.Copy, offset, 1).ringSlots).toBe(1)
    expect(slotsForPacket(4000, TransferMode.Copy, offset, 1).dom0CopyBytes).toBe(0)
    expect(slotsForPacket(4000, TransferMode.Flip, offset, 1).dataPages).toBe(2)
  })

  it('MTU 4500 crosses a page: a full dom0 copy then two slots in copy mode', () => {
    const plan = slotsForPacket(4500, TransferMode.Copy, offset, 1)
    expect(plan.ringSlots).toBe(2)
    expect(plan.dom0CopyBytes).toBe(4514)
    expect(slotsForPacket(4500, TransferMode.Flip, offset, 1).dataPages).toBe(2)
  })

  it('the page-crossing step depends on the head offset, not only the size', () => {
    expect(slotsForPacket(3000, TransferMode.Copy, 0, 1).ringSlots).toBe(1)
    expect(slotsForPacket(3000, TransferMode.Copy, PAGE_BYTES - 100, 1).dom0CopyBytes).toBeGreaterThan(0)
  })

  it('a pLRO aggregate of A segments takes A data slots plus a GSO extra slot in copy mode', () => {
    for (const segments of [2, 5, 17]) {
      const ipLength = 52 + segments * 1448
      const plan = slotsForPacket(ipLength, TransferMode.Copy, offset, segments)
      expect(plan.ringSlots).toBe(segments + 1)
      expect(plan.hasGsoExtra).toBe(true)
      expect(plan.dom0CopyBytes).toBe(0)
    }
  })

  it('a pLRO aggregate flips about ceil(len/4 KB) pages plus the extra slot', () => {
    const segments = 8
    const ipLength = 52 + segments * 1448
    const plan = slotsForPacket(ipLength, TransferMode.Flip, offset, segments)
    const pages = Math.ceil((ipLength + 14) / PAGE_BYTES)
    expect(plan.dataPages).toBeGreaterThanOrEqual(pages)
    expect(plan.dataPages).toBeLessThanOrEqual(pages + 1)
    expect(plan.ringSlots).toBe(plan.dataPages + 1)
  })

  it('the largest aggregate netback can take stays within the worst-case slot reservation', () => {
    const segments = 17
    const plan = slotsForPacket(52 + segments * 1448, TransferMode.Copy, offset, segments)
    expect(plan.ringSlots).toBeLessThanOrEqual(MAX_REQUIRED_RX_SLOTS)
  })
})
