import { describe, expect, it } from 'vitest'
import { RandomStream } from '../../../engine/kernel/rng'
import { morrisDesign, morrisIndices } from '../../../engine/analysis/morris'
import { saltelliDesign, sobolIndices } from '../../../engine/analysis/sobol'

/** Ishigami and Homma 1990, a = 7, b = 0.1, each input uniform on [-pi, pi]. */
function ishigami(unit: readonly number[]): number {
  const [x1, x2, x3] = unit.map((value) => -Math.PI + 2 * Math.PI * value)
  return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1)
}

// Analytic indices (Sobol' & Levitan 1999; Saltelli et al. 2008, section 3.7).
const a = 7
const b = 0.1
const pi4 = Math.PI ** 4
const variance = a ** 2 / 8 + (b * pi4) / 5 + (b ** 2 * pi4 ** 2) / 18 + 0.5
const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2
const v2 = a ** 2 / 8
const v13 = (8 * b ** 2 * pi4 ** 2) / 225
const FIRST = [v1 / variance, v2 / variance, 0]
const TOTAL = [(v1 + v13) / variance, v2 / variance, v13 / variance]

describe('Sobol indices by Saltelli sampling', () => {
  it("recover Ishigami's analytic first-order and total indices, inside their bootstrap intervals", () => {
    const design = saltelliDesign(3, 8192, new RandomStream(7, 'saltelli'))
    expect(design.points).toHaveLength(8192 * 5)
    const indices = sobolIndices(design, design.points.map(ishigami), new RandomStream(7, 'bootstrap'), 200)
    // S1 = 0.3139, S2 = 0.4424, S3 = 0; ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437.
    expect(FIRST.map((value) => value.toFixed(4))).toEqual(['0.3139', '0.4424', '0.0000'])
    expect(TOTAL.map((value) => value.toFixed(4))).toEqual(['0.5576', '0.4424', '0.2437'])
    indices.forEach((index, column) => {
      expect(index.first.value).toBeCloseTo(FIRST[column], 1)
      expect(index.total.value).toBeCloseTo(TOTAL[column], 1)
      expect(index.first.low).toBeLessThanOrEqual(FIRST[column] + 0.01)
      expect(index.first.high).toBeGreaterThanOrEqual(FIRST[column] - 0.01)
      expect(index.total.low).toBeLessThanOrEqual(TOTAL[column] + 0.01)
      expect(index.total.high).toBeGreaterThanOrEqual(TOTAL[column] - 0.01)
      expect(index.first.high - index.first.low).toBeLessThan(0.15)
    })
  })

  it('leaves out rows with a failed run instead of failing', () => {
    const design = saltelliDesign(2, 4096, new RandomStream(1, 's'))
    const outputs = design.points.map(([x, y]) => 3 * x + y)
    outputs[5] = Number.NaN
    const [first, second] = sobolIndices(design, outputs, new RandomStream(1, 'b'), 50)
    // Additive: S_i = ST_i = c_i^2 / (c_1^2 + c_2^2) = 0.9 and 0.1.
    expect(first.first.value).toBeCloseTo(0.9, 1)
    expect(second.total.value).toBeCloseTo(0.1, 1)
  })
})

describe('Morris elementary effects', () => {
  it('give each coefficient of a linear function exactly, with no spread', () => {
    const design = morrisDesign(3, 10, new RandomStream(3, 'morris'))
    expect(design.points).toHaveLength(10 * 4)
    for (const point of design.points) for (const value of point) expect(value >= 0 && value <= 1).toBe(true)
    const indices = morrisIndices(
      design,
      design.points.map(([x, y, z]) => 5 * x - 2 * y + 0 * z),
    )
    expect(indices.map((index) => index.mu)).toEqual([5, -2, 0].map((value) => expect.closeTo(value, 10)))
    expect(indices.map((index) => index.muStar)).toEqual([5, 2, 0].map((value) => expect.closeTo(value, 10)))
    expect(indices.every((index) => index.sigma < 1e-9 && index.effects === 10)).toBe(true)
  })

  it("rank Ishigami's inputs as the literature does and flag x3's interaction by its spread", () => {
    const design = morrisDesign(3, 200, new RandomStream(11, 'morris'))
    const [x1, x2, x3] = morrisIndices(design, design.points.map(ishigami))
    // x3 acts only through its interaction with x1: its mean effect is near zero, its spread is not.
    expect(Math.abs(x3.mu)).toBeLessThan(x3.sigma / 2)
    expect(x3.sigma).toBeGreaterThan(1)
    expect(x1.muStar).toBeGreaterThan(x3.muStar)
    expect(x2.muStar).toBeGreaterThan(1)
  })
})
