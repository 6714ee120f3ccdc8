/**
 * Shards of one sweep: the K-th of N deterministic slices of its plan, each run under ids derived
 * from the plan itself, so that N archives made on N machines import as one experiment holding
 * exactly the runs (same specs, seeds and numbers) of the unsharded sweep, and importing a shard
 * twice changes nothing.
 */
import { createHash } from 'node:crypto'
import type { RunSpec } from '../../engine/experiments/spec'
import { canonicalJson } from '../store/canonical-json'

/** The K-th (1-based) of N shards. */
export interface Shard {
  index: number
  count: number
}

/** Parses `K/N` (1 <= K <= N <= 10000); throws an Error naming the problem. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || count > 10_000 || index < 1 || index > count)
    throw new Error(`"${text}" is not a shard K/N with 1 <= K <= N <= 10000`)
  return { index, count }
}

/**
 * Plan positions of a shard: every N-th run starting at K - 1, so each shard gets a share of every
 * configuration and size (run times differ most between those), not one contiguous block.
 */
export function shardPositions(total: number, shard: Shard): number[] {
  const positions: number[] = []
  for (let position = shard.index - 1; position < total; position += shard.count) positions.push(position)
  return positions
}

/** A UUID-shaped id from a hash (RFC 4122 variant, version 8: custom). */
function uuidFromHash(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex').slice(0, 32).split('')
  hex[12] = '8'
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)
  const joined = hex.join('')
  return `${joined.slice(0, 8)}-${joined.slice(8, 12)}-${joined.slice(12, 16)}-${joined.slice(16, 20)}-${joined.slice(20)}`
}

/** The ids a plan's experiment and runs take in every shard. */
export function planIdentity(
  name: string,
  specs: readonly RunSpec[],
): { experimentId: string; runIdOf: (position: number) => string } {
  const experimentId = uuidFromHash(`labbench-plan:${name}:${canonicalJson(specs)}`)
  return { experimentId, runIdOf: (position) => uuidFromHash(`${experimentId}:${position}`) }
}
