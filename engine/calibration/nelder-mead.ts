/**
 * Nelder-Mead downhill simplex (Nelder & Mead 1965; coefficients as in Lagarias et al. 1998 and the
 * `fmin` package: reflect 1, expand 2, contract 0.5, shrink 0.5).
 *
 * Written here rather than imported from `fmin`: fmin 0.0.4 declares `"type": "module"` but ships a
 * UMD bundle as `main` and extensionless ESM sources, so neither loads under Node's ESM resolver (the
 * CLI and Vitest). The objective here is also asynchronous (each evaluation runs simulations on a
 * worker pool), which fmin's synchronous loop cannot await.
 */

/** Options of `nelderMead`. */
export interface NelderMeadOptions {
  /** Stop after this many objective evaluations. */
  maxEvaluations: number
  /** Initial simplex edge along each axis (the caller's units). */
  initialStep: number
  /** Stop when the simplex's values differ by less than this... */
  valueTolerance: number
  /** ...and its vertices by less than this along every axis. */
  pointTolerance: number
  /** Called after each evaluation with the best point so far. */
  onEvaluation?: (progress: NelderMeadProgress) => void
}

/** Progress after one evaluation. */
export interface NelderMeadProgress {
  evaluations: number
  point: readonly number[]
  value: number
  bestPoint: readonly number[]
  bestValue: number
}

/** The minimum found. */
export interface NelderMeadResult {
  point: number[]
  value: number
  evaluations: number
  /** True when the tolerances were met before the evaluation budget ran out. */
  hasConverged: boolean
}

const DEFAULT_OPTIONS: NelderMeadOptions = {
  maxEvaluations: 200,
  initialStep: 0.1,
  valueTolerance: 1e-6,
  pointTolerance: 1e-4,
}

interface Vertex {
  point: number[]
  value: number
}

/** Minimises `objective` from `start`. A NaN value counts as +Infinity (the point is rejected). */
export async function nelderMead(
  objective: (point: readonly number[]) => number | Promise<number>,
  start: readonly number[],
  options: Partial<NelderMeadOptions> = {},
): Promise<NelderMeadResult> {
  const settings = { ...DEFAULT_OPTIONS, ...options }
  const dimensions = start.length
  let evaluations = 0
  let best: Vertex = { point: [...start], value: Infinity }

  async function evaluate(point: number[]): Promise<Vertex> {
    const raw = await objective(point)
    const value = Number.isNaN(raw) ? Infinity : raw
    evaluations++
    if (value < best.value) best = { point: [...point], value }
    settings.onEvaluation?.({ evaluations, point, value, bestPoint: best.point, bestValue: best.value })
    return { point, value }
  }

  const isBudgetLeft = (): boolean => evaluations < settings.maxEvaluations

  const simplex: Vertex[] = [await evaluate([...start])]
  for (let axis = 0; axis < dimensions && isBudgetLeft(); axis++) {
    const point = [...start]
    point[axis] += settings.initialStep
    simplex.push(await evaluate(point))
  }
  if (simplex.length < dimensions + 1)
    return { point: best.point, value: best.value, evaluations, hasConverged: false }

  let hasConverged = false
  while (isBudgetLeft()) {
    simplex.sort((left, right) => left.value - right.value)
    const lowest = simplex[0]
    const highest = simplex[dimensions]
    if (hasShrunk(simplex, settings)) {
      hasConverged = true
      break
    }
    const centroid = new Array<number>(dimensions).fill(0)
    for (let index = 0; index < dimensions; index++) {
      for (let axis = 0; axis < dimensions; axis++) centroid[axis] += simplex[index].point[axis] / dimensions
    }
    const along = (factor: number): number[] =>
      centroid.map((value, axis) => value + factor * (value - highest.point[axis]))

    const reflected = await evaluate(along(1))
    if (reflected.value < lowest.value) {
      const expanded = isBudgetLeft() ? await evaluate(along(2)) : reflected
      simplex[dimensions] = expanded.value < reflected.value ? expanded : reflected
      continue
    }
    if (reflected.value < simplex[dimensions - 1].value) {
      simplex[dimensions] = reflected
      continue
    }
    if (!isBudgetLeft()) break
    // Outside contraction when the reflection improved on the worst vertex, inside otherwise.
    const isOutside = reflected.value < highest.value
    const contracted = await evaluate(along(isOutside ? 0.5 : -0.5))
    if (contracted.value < (isOutside ? reflected.value : highest.value)) {
      simplex[dimensions] = contracted
      continue
    }
    // Shrink every vertex towards the best one.
    for (let index = 1; index <= dimensions && isBudgetLeft(); index++) {
      const point = simplex[index].point.map(
        (value, axis) => lowest.point[axis] + 0.5 * (value - lowest.point[axis]),
      )
      simplex[index] = await evaluate(point)
    }
  }
  return { point: best.point, value: best.value, evaluations, hasConverged }
}

function hasShrunk(sortedSimplex: readonly Vertex[], settings: NelderMeadOptions): boolean {
  const lowest = sortedSimplex[0]
  const highest = sortedSimplex[sortedSimplex.length - 1]
  if (!(Math.abs(highest.value - lowest.value) <= settings.valueTolerance)) return false
  return sortedSimplex.every((vertex) =>
    vertex.point.every((value, axis) => Math.abs(value - lowest.point[axis]) <= settings.pointTolerance),
  )
}
