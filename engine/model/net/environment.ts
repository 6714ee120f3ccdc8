/**
 * Test-bed environment presets as parameter overlays (applied over the parameter set, under the
 * run's own overrides): each test bed's stated facts and its identified parameters
 * (`testbeds.ts`).
 */
import type { Environment } from '../../experiments/spec'
import { testBedParams } from './testbeds'

/**
 * The parameter overlay of an environment:
 * - `direct-2009`: the ICCET'09 hosts back to back on a cross cable (no switch), PCIe NICs;
 * - `switched-2008`: the VPACT'08 test bed behind a store-and-forward switch, on-board NICs.
 */
export function environmentParams(env: Environment): Record<string, number> {
  return testBedParams(env)
}
