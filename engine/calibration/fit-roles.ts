/**
 * Which calibration targets the default parameter set was fitted to, and what each one fixed.
 * Everything else the validation checks is a prediction: the model's output where no parameter
 * was set with that number in view. `labbench validate` prints the role beside every target, so a
 * reader can tell a reproduced number from a fitted one.
 */

/** Target quantities (`id:quantity`) that fixed a parameter, with the parameter they fixed. */
export const FITTED_QUANTITIES: Readonly<Record<string, string>> = {
  'T1-linux:throughputMbps': 'switched-2008 sender.nic.busBytesPerS and dmaTxFrameNs (the PCI bus rate)',
  'T1-vlro:throughputMbps': 'switched-2008 sender.nic.dmaRxFrameNs (bus time per ACK)',
  'T1-plro:lroRate': 'switched-2008 nic.interruptRateHz, with the pLRO aggregate form',
  'T1-xen:clkRatioToLinux': 'shared receive-path costs (calibrate on oi-nakajima-2009-table1-cycles.json)',
  'T1-xen:instRatioToLinux': 'shared receive-path costs',
  'T1-plro:clkRatioToLinux': 'shared receive-path costs',
  'T1-plro:instRatioToLinux': 'shared receive-path costs',
  'T1-vlro:clkRatioToLinux': 'shared receive-path costs (xen.vlro.segmentCycles)',
  'T1-vlro:instRatioToLinux': 'shared receive-path costs',
  'F2-linux:throughputMbps': 'direct-2009 sender.nic.busBytesPerS and dmaTxFrameNs',
  'F3-linux:throughputMbps': 'direct-2009 sender.nic.busBytesPerS (per-byte against per-frame bus time)',
  'F4-linux:throughputMbps': 'direct-2009 sender.nic.busBytesPerS',
  'F5-plro-1500:lroRate': 'direct-2009 nic.interruptRateHz',
}

/** Qualitative rules a parameter was set against. */
export const FITTED_RULES: Readonly<Record<string, string>> = {
  'standalone-2009-gains': 'direct-2009 split of bus time between a sent frame and a received ACK',
}

/** `fitted` or `predicted`, for a target quantity. */
export function targetRole(targetId: string, quantity: string): 'fitted' | 'predicted' {
  return `${targetId}:${quantity}` in FITTED_QUANTITIES ? 'fitted' : 'predicted'
}

/** `fitted` or `predicted`, for a rule. */
export function ruleRole(ruleId: string): 'fitted' | 'predicted' {
  return ruleId in FITTED_RULES ? 'fitted' : 'predicted'
}
