/**
 * Morris elementary effects (Morris 1991, with mu* of Campolongo, Cariboni & Saltelli 2007): a
 * screening method that ranks parameters by influence with r(k + 1) model runs. Each trajectory
 * starts at a random point of a p-level grid in the unit cube and moves one parameter at a time by
 * Delta = p / (2 (p - 1)); the change of the output per step, divided by Delta, is an elementary
 * effect of that parameter. mu* (mean absolute effect) ranks influence, sigma flags interactions
 * or non-linearity, mu (signed mean) the direction.
 */
import type { RandomStream } from '../kernel/rng'

/** Points to run, in unit-cube coordinates, with which coordinate each step changed. */
export interface MorrisDesign {
  /** k parameters. */
  dimensions: number
  trajectories: number
  /** Grid step of every move, in unit-cube coordinates. */
  delta: number
  /** r (k + 1) points, trajectory after trajectory. */
  points: number[][]
  /** For each point, the coordinate changed from the point before (-1 at a trajectory start). */
  changed: number[]
  /** For each point, +1 or -1: the direction of the change (0 at a trajectory start). */
  directions: number[]
}

/** The elementary-effect statistics of one parameter. */
export interface MorrisIndex {
  /** Parameter position in the design. */
  index: number
  /** Mean absolute elementary effect (output units per unit-cube range). */
  muStar: number
  /** Signed mean elementary effect. */
  mu: number
  /** Standard deviation of the elementary effects. */
  sigma: number
  /** Effects that could be computed (both ends of the step ran). */
  effects: number
}

/** Builds r trajectories over k parameters on a p-level grid (p even, default 4). */
export function morrisDesign(
  dimensions: number,
  trajectories: number,
  random: RandomStream,
  levels = 4,
): MorrisDesign {
  if (!(dimensions >= 1 && trajectories >= 1 && levels >= 2 && levels % 2 === 0))
    throw new RangeError('Morris needs k >= 1, r >= 1 and an even number of levels >= 2')
  const delta = levels / (2 * (levels - 1))
  const points: number[][] = []
  const changed: number[] = []
  const directions: number[] = []
  for (let trajectory = 0; trajectory < trajectories; trajectory++) {
    // A random grid point from which every coordinate can move by delta in its chosen direction.
    const direction = Array.from({ length: dimensions }, () => (random.next() < 0.5 ? 1 : -1))
    const start = direction.map((sign) => {
      const level = Math.floor(random.next() * (levels / 2)) / (levels - 1)
      return sign > 0 ? level : 1 - level
    })
    points.push(start)
    changed.push(-1)
    directions.push(0)
    const order = shuffled(dimensions, random)
    let current = start
    for (const coordinate of order) {
      current = [...current]
      current[coordinate] += direction[coordinate] * delta
      points.push(current)
      changed.push(coordinate)
      directions.push(direction[coordinate])
    }
  }
  return { dimensions, trajectories, delta, points, changed, directions }
}

/** mu*, mu and sigma per parameter from the outputs of the design's points (NaN = failed run). */
export function morrisIndices(design: MorrisDesign, outputs: readonly number[]): MorrisIndex[] {
  if (outputs.length !== design.points.length)
    throw new RangeError(`expected ${design.points.length} outputs, got ${outputs.length}`)
  const effects: number[][] = Array.from({ length: design.dimensions }, () => [])
  for (let point = 1; point < design.points.length; point++) {
    const coordinate = design.changed[point]
    if (coordinate < 0) continue
    const before = outputs[point - 1]
    const after = outputs[point]
    if (!Number.isFinite(before) || !Number.isFinite(after)) continue
    effects[coordinate].push(((after - before) / design.delta) * design.directions[point])
  }
  return effects.map((list, index) => {
    const count = list.length
    const mu = count > 0 ? list.reduce((sum, value) => sum + value, 0) / count : Number.NaN
    const muStar = count > 0 ? list.reduce((sum, value) => sum + Math.abs(value), 0) / count : Number.NaN
    const variance =
      count > 1 ? list.reduce((sum, value) => sum + (value - mu) ** 2, 0) / (count - 1) : Number.NaN
    return { index, muStar, mu, sigma: Math.sqrt(variance), effects: count }
  })
}

/** 0..n-1 in random order (Fisher-Yates). */
function shuffled(count: number, random: RandomStream): number[] {
  const order = Array.from({ length: count }, (_, index) => index)
  for (let index = count - 1; index > 0; index--) {
    const other = Math.floor(random.next() * (index + 1))
    ;[order[index], order[other]] = [order[other], order[index]]
  }
  return order
}
