/**
 * The built-in named parameter set `default`, as plain data (values by parameter id, in each
 * parameter's own unit). It layers over the registry defaults; ids not listed keep their registry
 * default. The receive-path costs start at the magnitudes of the research notes section 10.2 (which
 * put the per-segment totals near Table I); the `calibrate` command overwrites the fitted ones.
 */
export interface NamedParameterSet {
  /** Set name, as referenced by `RunSpec.paramSet`. */
  readonly name: string
  /** One line: where the values come from. */
  readonly description: string
  /** Values by parameter id. */
  readonly values: Readonly<Record<string, number>>
}

/** The calibrated default set. */
export const defaultParameterSet: NamedParameterSet = {
  name: 'default',
  description:
    "Receive-path costs from the research notes section 10.2 (3 GHz Core-2-class Xeon); the Xen path's and TCP's fitted to Table I's cycles and instructions (fit-table1-cycles)",
  values: {
    'linux.irq.cycles': 1500,
    'linux.napi.pollCycles': 2500,
    'linux.driver.rxFrameCycles': 1000,
    // Fitted (2026-12-06): tcp_v4_rcv + tcp_rcv_established per skb, inside the notes' 1.5-5k.
    'linux.tcp.rxSkbCycles': 3834,
    'linux.recv.callCycles': 1500,
    'linux.recv.skbCycles': 250,
    'linux.copy.userByteCycles': 1.1,
    // Fitted (docs/MODEL.md 4.5): native ACK build + xmit + TX clean, top of the notes' 1.5-5k range.
    'linux.ack.txCycles': 5000,
    'ipc.kernel': 1.0,
    // Fitted: guest and dom0 IPC inside the notes' ranges (0.7-1.1 and 0.45-0.8).
    'ipc.guest': 0.932,
    'ipc.dom0': 0.473,
    // Grant copy, not Xen 3.1's flip default: flipping cannot reach Table I's 1.55x cycles (docs/MODEL.md 4.5).
    'xen.netback.transferMode': 0,
    // Fitted: netback start_xmit + rx action per skb (notes 10.2: 900; range 400-2700).
    'xen.netback.skbCycles': 872,
    'xen.netback.batchCycles': 1357,
    'xen.evtchn.sendCycles': 500,
    'xen.grant.copyOpCycles': 150,
    'xen.grant.copyByteCycles': 0.5,
    'xen.flip.dom0CopyByteCycles': 0.6,
    'xen.flip.dom0CopyPacketCycles': 600,
    'xen.flip.transferPageCycles': 2000,
    'xen.flip.tlbFlushCycles': 1500,
    'xen.flip.guestPageCycles': 1500,
    'xen.flip.guestRemapPollCycles': 1500,
    'xen.bridge.skbCycles': 1792,
    'xen.irq.dom0ExtraCycles': 519,
    'xen.netfront.responseCycles': 1150,
    'xen.netfront.extraSlotCycles': 300,
    'xen.netfront.pollCycles': 782,
    'xen.netfront.refillCycles': 1500,
    // Fitted: cache-cold recv() copy in the guest (notes 10.2: 1.1-1.6 c/B against 1.1 native).
    'xen.guest.copyColdFactor': 1.005,
    'xen.ack.guestCycles': 1500,
    'xen.ack.dom0Cycles': 600,
    'xen.ack.grantMapCycles': 300,
    'xen.ack.batchCycles': 1500,
    'xen.plro.segmentCycles': 250,
    // Fitted: dom0's memcpy into the linear pLRO page (notes 10.2: 0.6 c/B for a dom0 copy of received data).
    'xen.plro.copyByteCycles': 0.351,
    'xen.vlro.segmentCycles': 4000,
    'xen.sched.switchCycles': 1007,
    'lro.vlro.flushPolicy': 0,
    'lro.plro.aggregateForm': 1,
    // Chosen by validate --hypotheses (docs/CALIBRATION-LOG.md): a vLRO that leaves gso_size unset,
    // so the guest's TCP ACKs once per two aggregates; 13/22 targets and 4/5 rules against 13 and 3.
    'lro.vlro.setGsoSize': 0,
    // Set against the flat-from-256 B rule: 1.5 us per send() at 3 GHz, the low end of notes section 7.
    'sender.cost.callCycles': 4500,
  },
}
