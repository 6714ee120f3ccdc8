import type { Simulation } from '../../kernel/simulation'
import { SpecJbb } from '../jbb/jbb-workload'
import type { ReceiverHost } from './host-api'
import { readParam } from './host-machine'
import { NativeHost } from './native-host'
import { XenHost } from './xen-host'

/** What runs on the receiver besides the network path. */
export interface ReceiverHostOptions {
  isXen: boolean
  /** SPECjbb: off, unthrottled, or throttled to this share of one CPU when alone (0..1). */
  jbb: 'off' | 'max' | number
}

/**
 * Builds the receiver machine: native Linux, or Xen with dom0 and the receiver guest, plus SPECjbb
 * (its own guest under Xen, processes of the same Linux natively) when asked for.
 */
export function createReceiverHost(
  sim: Simulation,
  params: Record<string, number>,
  options: ReceiverHostOptions,
): ReceiverHost {
  const hasJbb = options.jbb !== 'off'
  const host = options.isXen ? new XenHost(sim, params, hasJbb) : new NativeHost(sim, params, hasJbb)
  if (options.jbb !== 'off') {
    const kernel = host instanceof XenHost ? host.jbbKernel : host.jbbKernel
    if (kernel === null) throw new Error('SPECjbb kernel missing')
    host.jbb = new SpecJbb(sim, kernel, host.ledger, {
      warehouses: readParam(params, 'jbb.warehouses'),
      transactionCycles: readParam(params, 'jbb.transactionCycles'),
      ipc: readParam(params, 'jbb.ipc'),
      clockHz: readParam(params, 'host.cpu.clockHz'),
      load: options.jbb,
    })
  }
  return host
}
