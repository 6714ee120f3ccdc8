import type { PacketPool } from '../../../../../engine/model/net/packet'
import { Netback, type NetbackCosts } from '../../../../../engine/model/xen/netback'
import type { NetifRxRing } from '../../../../../engine/model/xen/rx-ring'
import { TransferMode } from '../../../../../engine/model/xen/xen-params'
import type { fakeHost } from '../../native/fake-host'

/** Netback costs for unit tests: round figures of the right order, copy mode. */
export const TEST_NETBACK_COSTS: NetbackCosts = {
  mode: TransferMode.Copy,
  queueLength: 32,
  batchCycles: 2500,
  copyOpCycles: 300,
  copyByteCycles: 0.5,
  dom0CopyPacketCycles: 600,
  dom0CopyByteCycles: 0.6,
  transferPageCycles: 2000,
  tlbFlushCycles: 1500,
  eventSendCycles: 500,
  wakeHandlerCycles: 1000,
  dom0Ipc: 0.6,
  hypervisorIpc: 0.55,
}

/**
 * A netback on a `fakeHost(true)` with `TEST_NETBACK_COSTS` (in `mode`), stages 0-3 and the
 * netback and netfront tests' shared clock and IPC figures.
 */
export function makeTestNetback(
  { host, dom0, guest }: ReturnType<typeof fakeHost>,
  pool: PacketPool,
  ring: NetifRxRing,
  mode: TransferMode = TransferMode.Copy,
): Netback {
  return new Netback(
    host,
    dom0,
    guest,
    pool,
    ring,
    { ...TEST_NETBACK_COSTS, mode },
    { dom0Tasklet: 0, hypervisorBatch: 1, guestIrq: 2, dom0Wake: 3 },
    1000,
    0.9,
  )
}
