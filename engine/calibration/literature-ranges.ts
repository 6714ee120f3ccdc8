/**
 * Where a fitted cost may go: the literature ranges of the research notes
 * (xen-receive-path-notes.md, sections 2, 4.4, 7 and 10.2-10.4). The calibrator searches inside the
 * intersection of this range and the parameter's own [min, max]; docs/MODEL.md lists every fitted
 * value beside its range. Parameters without an entry are searched over their whole declared range
 * (a zero lower bound is replaced by a tenth of the default so the log scale exists).
 */
export interface SearchRange {
  low: number
  high: number
  /** Why this range: the notes' section and the figure it comes from. */
  source: string
}

/** Search ranges by parameter id. */
export const LITERATURE_RANGES: Readonly<Record<string, SearchRange>> = {
  // Native receive path, notes 10.2 (defaults chosen within the literature) and 4.4 (~8.5k cycles/segment).
  'linux.driver.rxFrameCycles': { low: 500, high: 2000, source: 'notes 10.2 drv_rx 1,000' },
  'linux.irq.cycles': { low: 500, high: 4000, source: 'notes 10.2 irq_poll 4,000 per poll (IRQ share)' },
  'linux.napi.pollCycles': { low: 1000, high: 6000, source: 'notes 10.2 irq_poll 4,000 per poll' },
  'linux.tcp.rxSkbCycles': { low: 1500, high: 5000, source: 'notes 10.2 tcp_rx 3,000 per skb' },
  'linux.recv.callCycles': { low: 400, high: 3000, source: 'notes 10.2 app 400 per segment amortised' },
  'linux.recv.skbCycles': { low: 100, high: 1000, source: 'notes 10.2 app' },
  'linux.copy.userByteCycles': {
    low: 0.5,
    high: 2,
    source: 'notes 10.2 copy_user 1.1 c/B; Menon & Zwaenepoel 2008: copy <= 25%',
  },
  'linux.ack.txCycles': { low: 1500, high: 5000, source: 'notes 10.2 ack_native 3,400' },
  // Xen path, notes 10.2 mode A (x1) to mode B (x2.5-3 for dom0/Xen rows).
  'xen.bridge.skbCycles': { low: 300, high: 2100, source: 'notes 10.2 bridge 700 (mode B x3)' },
  'xen.netback.skbCycles': { low: 400, high: 2700, source: 'notes 10.2 netback_rx 900 (mode B x3)' },
  'xen.netback.batchCycles': { low: 1000, high: 7500, source: 'notes 10.2 nb_batch 2,500 (mode B x3)' },
  'xen.grant.copyOpCycles': { low: 150, high: 900, source: 'notes 10.2 gcopy_op 300 (mode B x3)' },
  'xen.grant.copyByteCycles': { low: 0.3, high: 1, source: 'notes 10.2 gcopy_byte 0.5-1.0 c/B' },
  'xen.evtchn.sendCycles': { low: 200, high: 3000, source: 'notes 10.2 notify 3,000 per batch (share)' },
  'xen.evtchn.upcallCycles': { low: 200, high: 3000, source: 'notes 10.2 notify 3,000 per batch (share)' },
  'xen.irq.dom0ExtraCycles': { low: 500, high: 4000, source: 'notes 10.2 irq_xen_extra 2,000 per poll' },
  'xen.irq.hypervisorCycles': { low: 500, high: 4000, source: 'notes 10.2 irq_xen_extra 2,000 per poll' },
  'xen.netfront.responseCycles': { low: 400, high: 2000, source: 'notes 10.2 netfront_rx 900' },
  'xen.netfront.pollCycles': { low: 300, high: 3000, source: 'notes 10.2 netfront_rx' },
  'xen.guest.copyColdFactor': {
    low: 1,
    high: 1.5,
    source: 'notes 10.2 copy_user 1.1-1.6 c/B in Xen vs 1.1 native',
  },
  'xen.ack.guestCycles': {
    low: 800,
    high: 3000,
    source: 'notes 10.2 ack_xen 3,400 (1,500 guest), up to 5-8k',
  },
  'xen.ack.dom0Cycles': { low: 600, high: 4000, source: 'notes 10.2 ack_xen (1,900 dom0/Xen), up to 5-8k' },
  'xen.ack.grantMapCycles': { low: 300, high: 2000, source: 'notes 3.1 step 8, 10.2 ack_xen' },
  'xen.ack.batchCycles': { low: 500, high: 4000, source: 'notes 10.2 ack_xen' },
  'xen.plro.segmentCycles': { low: 100, high: 1000, source: 'notes 10.2 lro_p 250 (inet_lro-like)' },
  'xen.plro.copyByteCycles': {
    low: 0.3,
    high: 1.0,
    source: 'notes 10.2 nb_copy / flip_dom0_copy 0.6 c/B, gcopy_byte 0.5-1.0 for DMA-cold data',
  },
  'xen.vlro.segmentCycles': {
    low: 250,
    high: 4000,
    source: 'notes 1.2 / 10.2 lro_v ~3,400 fitted (250 inet_lro-like)',
  },
  'xen.sched.switchCycles': {
    low: 1000,
    high: 10000,
    source: 'notes 10.2 notify row: +3-10k for switch and cache effects',
  },
  // Per-context IPC, notes 10.2: native ~1.0, Xen configurations 0.67-0.76 overall, dom0/Xen 0.5-0.6.
  'ipc.kernel': { low: 0.8, high: 1.2, source: 'notes 1.2 native IPC 1.005' },
  'ipc.guest': { low: 0.7, high: 1.1, source: 'notes 10.2 IPC ~1.0 guest kernel' },
  'ipc.dom0': { low: 0.45, high: 0.8, source: 'notes 10.2 IPC 0.5-0.6 dom0/Xen' },
  'xen.hypervisorIpc': { low: 0.4, high: 0.8, source: 'notes 10.2 IPC 0.5-0.6 dom0/Xen' },
  // Sender (netperf TCP_STREAM), notes 7: 1.5-3 us per send() at 3 GHz, 0.3-0.5 ns/B.
  'sender.cost.callCycles': { low: 4500, high: 9000, source: 'notes 7: 1.5-3 us per send() at 3 GHz' },
  'sender.cost.byteCycles': { low: 0.9, high: 1.5, source: 'notes 7: 0.3-0.5 ns/B at 3 GHz' },
  'sender.cost.ackCycles': {
    low: 1000,
    high: 8000,
    source: 'notes 1.2 / 10.4 step 6: c_ack/MSS ~ 0.86 (c_call/m + c_byte)',
  },
  'sender.cost.segmentCycles': { low: 1000, high: 6000, source: 'notes 10.4 step 6 (assumed)' },
  'sender.cost.interruptCycles': { low: 2000, high: 8000, source: 'notes 10.2 irq_poll 4,000 per poll' },
  // Switched 2008 test bed: a store-and-forward switch spreads back-to-back frames (ENGINE.md 2).
  'switch.jitterNs': {
    low: 1000,
    high: 50000,
    source: 'assumed: store-and-forward spreading, ~12 us per frame at 1 Gb/s',
  },
  'switch.latencyNs': { low: 1000, high: 30000, source: 'assumed: switch forwarding delay' },
}
