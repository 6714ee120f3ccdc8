/**
 * Test-bed environment presets as parameter overlays (applied over the parameter set, under the
 * run's own overrides).
 */
import type { Environment } from '../../experiments/spec'

/**
 * The parameter overlay of an environment:
 * - `direct-2009`: the ICCET'09 hosts back to back on a cross cable (no switch);
 * - `switched-2008`: the VPACT'08 test bed behind a store-and-forward switch, whose forwarding
 *   jitter spreads back-to-back frames (which is what lowers LRO aggregation there).
 */
export function environmentParams(env: Environment): Record<string, number> {
  switch (env) {
    case 'direct-2009':
      return { 'switch.enabled': 0 }
    case 'switched-2008':
      return { 'switch.enabled': 1 }
  }
}
