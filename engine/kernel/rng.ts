import { ZIGGURAT_TAIL_START, zigguratTables } from './exponential-ziggurat'

const { ke: ZIGGURAT_KE, we: ZIGGURAT_WE, fe: ZIGGURAT_FE } = zigguratTables

/**
 * Seeded pseudo-random streams: xoshiro128** (Blackman & Vigna), seeded through splitmix32 from the
 * run seed and a stream name, so each component draws from its own stream and adding a component
 * never shifts another's numbers. Pure 32-bit integer arithmetic: identical on every machine.
 */
export class RandomStream {
  private s0: number
  private s1: number
  private s2: number
  private s3: number

  constructor(seed: number, streamName: string) {
    let state = (mix32(seed >>> 0) ^ hashString(streamName)) >>> 0
    const next = (): number => {
      state = (state + 0x9e3779b9) >>> 0
      return mix32(state)
    }
    this.s0 = next()
    this.s1 = next()
    this.s2 = next()
    this.s3 = next()
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0
    const t = this.s1 << 9
    this.s2 ^= this.s0
    this.s3 ^= this.s1
    this.s1 ^= this.s2
    this.s0 ^= this.s3
    this.s2 ^= t
    this.s3 = rotl(this.s3, 11)
    return result
  }

  /** A uniform number in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 4294967296
  }

  /** A uniform number in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next()
  }

  /**
   * An exponential variate with the given mean, by the ziggurat method (exponential-ziggurat.ts):
   * one 32-bit draw and one multiplication for about 98.9 % of variates.
   */
  exponential(mean: number): number {
    // PERF: `nextUint32` written out (the same operations: see rng.test.ts) and the rare wedge and
    // tail cases out of line, so that the whole common draw is one small function V8 inlines into
    // the caller. The ziggurat replaced `-mean * log(1 - u)`, whose `Math.log` was about a quarter
    // of every hold-model event (docs/BENCHMARKS.md).
    const s0 = this.s0
    const s1 = this.s1
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0
    const s2 = this.s2 ^ s0
    const s3 = this.s3 ^ s1
    this.s1 = s1 ^ s2
    this.s0 = s0 ^ s3
    this.s2 = s2 ^ (s1 << 9)
    this.s3 = rotl(s3, 11)
    const layer = result & 0xff
    const position = result >>> 8
    if (position < ZIGGURAT_KE[layer]) return mean * (position * ZIGGURAT_WE[layer])
    return mean * this.exponentialOutsideRectangle(layer, position)
  }

  /** The ziggurat's rare cases (Marsaglia & Tsang's `efix`): the tail beyond R and the wedges. */
  private exponentialOutsideRectangle(firstLayer: number, firstPosition: number): number {
    let layer = firstLayer
    let position = firstPosition
    for (;;) {
      if (layer === 0) return ZIGGURAT_TAIL_START - Math.log(1 - this.next())
      const x = position * ZIGGURAT_WE[layer]
      const edge = ZIGGURAT_FE[layer]
      if (edge + this.next() * (ZIGGURAT_FE[layer - 1] - edge) < Math.exp(-x)) return x
      const draw = this.nextUint32()
      layer = draw & 0xff
      position = draw >>> 8
      if (position < ZIGGURAT_KE[layer]) return position * ZIGGURAT_WE[layer]
    }
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}

/** The splitmix32 / murmur3 finaliser: a bijective avalanche on 32 bits. */
function mix32(x: number): number {
  let z = x >>> 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/** FNV-1a over UTF-16 code units: stable stream ids from names. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
