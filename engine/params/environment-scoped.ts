/**
 * Environment-scoped parameter values. A test bed's identified parameters (its sender, NIC and bus,
 * socket settings, driver moderation) belong to one environment; a parameter set or a calibration
 * addresses them as `ENV:id` (e.g. `switched-2008:nic.interruptRateHz`). Flat keys keep parameter
 * sets a plain id -> value map everywhere they travel (files, the store, worker messages).
 */
import { ENVIRONMENTS, type Environment } from '../experiments/spec'

const SEPARATOR = ':'

/** The key of `id` scoped to `env`. */
export function scopedId(env: Environment, id: string): string {
  return `${env}${SEPARATOR}${id}`
}

/** Splits `ENV:id`; null for a plain id. Throws for an unknown environment. */
export function parseScopedId(key: string): { env: Environment; id: string } | null {
  const at = key.indexOf(SEPARATOR)
  if (at < 0) return null
  const env = key.slice(0, at)
  if (!(ENVIRONMENTS as readonly string[]).includes(env)) {
    throw new Error(`unknown environment "${env}" in "${key}" (one of ${ENVIRONMENTS.join(', ')})`)
  }
  return { env: env as Environment, id: key.slice(at + 1) }
}

/** The plain values of `values`, and the values scoped to `env` (unscoped), in two maps. */
export function splitScoped(
  values: Readonly<Record<string, number>>,
  env: Environment,
): { shared: Record<string, number>; scoped: Record<string, number> } {
  const shared: Record<string, number> = {}
  const scoped: Record<string, number> = {}
  for (const [key, value] of Object.entries(values)) {
    const parsed = parseScopedId(key)
    if (parsed === null) shared[key] = value
    else if (parsed.env === env) scoped[parsed.id] = value
  }
  return { shared, scoped }
}
