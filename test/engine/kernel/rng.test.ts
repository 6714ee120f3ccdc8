import { describe, expect, it } from 'vitest'
import { ZIGGURAT_TAIL_START } from '../../../engine/kernel/exponential-ziggurat'
import { RandomStream } from '../../../engine/kernel/rng'
import { Simulation } from '../../../engine/kernel/simulation'

function draw(stream: RandomStream, count: number): number[] {
  return Array.from({ length: count }, () => stream.nextUint32())
}

describe('RandomStream', () => {
  it('gives the same sequence for the same seed and stream name', () => {
    expect(draw(new RandomStream(7, 'nic'), 50)).toEqual(draw(new RandomStream(7, 'nic'), 50))
  })

  it('gives different sequences for different stream names or seeds', () => {
    const base = draw(new RandomStream(7, 'nic'), 50)
    expect(draw(new RandomStream(7, 'jbb'), 50)).not.toEqual(base)
    expect(draw(new RandomStream(8, 'nic'), 50)).not.toEqual(base)
  })

  it('derives streams from the simulation seed', () => {
    expect(draw(new Simulation(3).stream('a'), 10)).toEqual(draw(new Simulation(3).stream('a'), 10))
    expect(draw(new Simulation(3).stream('a'), 10)).not.toEqual(draw(new Simulation(4).stream('a'), 10))
  })

  it('draws uniforms in [0, 1) with the right mean', () => {
    const stream = new RandomStream(1, 'u')
    let sum = 0
    let outside = 0
    const count = 100_000
    for (let i = 0; i < count; i++) {
      const value = stream.next()
      if (!(value >= 0 && value < 1)) outside++
      sum += value
    }
    expect(outside).toBe(0)
    expect(sum / count).toBeCloseTo(0.5, 2)
  })

  it('draws exponentials with the requested mean', () => {
    const stream = new RandomStream(1, 'e')
    let sum = 0
    const count = 100_000
    for (let i = 0; i < count; i++) sum += stream.exponential(250)
    expect(Math.abs(sum / count - 250) / 250).toBeLessThan(0.02)
  })
})

describe('RandomStream.exponential (ziggurat)', () => {
  const count = 400_000
  const draws = (seed: number, name: string, mean = 1): Float64Array => {
    const stream = new RandomStream(seed, name)
    const out = new Float64Array(count)
    for (let i = 0; i < count; i++) out[i] = stream.exponential(mean)
    return out
  }

  it('follows the exponential distribution: Kolmogorov-Smirnov distance under the 1 % critical value', () => {
    const sorted = draws(3, 'ks').sort()
    let distance = 0
    for (let i = 0; i < count; i++) {
      const cdf = 1 - Math.exp(-sorted[i])
      distance = Math.max(distance, Math.abs(cdf - i / count), Math.abs(cdf - (i + 1) / count))
    }
    expect(distance).toBeLessThan(1.628 / Math.sqrt(count))
  })

  it('has mean and variance of the requested mean, and never a negative value', () => {
    const values = draws(5, 'moments', 250)
    let sum = 0
    let squares = 0
    let negatives = 0
    for (const value of values) {
      sum += value
      squares += value * value
      if (value < 0) negatives++
    }
    const mean = sum / count
    expect(Math.abs(mean - 250) / 250).toBeLessThan(0.01)
    expect(Math.abs((squares / count - mean * mean) / 250 ** 2 - 1)).toBeLessThan(0.03)
    expect(negatives).toBe(0)
  })

  it('reaches the tail beyond the base layer and the wedges at the exponential rate', () => {
    const values = draws(9, 'tail')
    // P(X > 7.7) = e^-7.7 = 4.5e-4: about 181 of 400,000, binomial sd about 13.
    const beyondTail = values.filter((value) => value > ZIGGURAT_TAIL_START).length
    expect(Math.abs(beyondTail - count * Math.exp(-ZIGGURAT_TAIL_START))).toBeLessThan(5 * 13.5)
    // A band inside one wedge region: P(2 < X < 2.05) = e^-2 - e^-2.05.
    const band = values.filter((value) => value > 2 && value < 2.05).length
    const expected = count * (Math.exp(-2) - Math.exp(-2.05))
    expect(Math.abs(band - expected)).toBeLessThan(5 * Math.sqrt(expected))
  })

  it('repeats exactly for the same seed and stream, and differs for another stream', () => {
    expect(draws(11, 'same').subarray(0, 10_000)).toEqual(draws(11, 'same').subarray(0, 10_000))
    expect(draws(11, 'other').subarray(0, 100)).not.toEqual(draws(11, 'same').subarray(0, 100))
  })
})
