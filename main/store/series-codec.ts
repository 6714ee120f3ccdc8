import { endianness } from 'node:os'
import type { ContextName, RunSeries } from '../../engine/results/run-result'

/** A stored series: its name and its samples as little-endian Float64. */
export interface EncodedSeries {
  name: string
  samples: Buffer
}

const CPU_PREFIX = 'cpu.'
const isLittleEndianHost = endianness() === 'LE'

/**
 * Packs samples as little-endian Float64; `null` becomes NaN. Exact for JSON-safe data, because
 * JSON cannot hold NaN, so NaN in a blob always meant null.
 */
export function encodeSamples(values: readonly (number | null)[]): Buffer {
  const floats = new Float64Array(values.length)
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index]
    floats[index] = value === null ? Number.NaN : value
  }
  // PERF: one typed-array copy instead of a DataView write per sample; x86-64 and arm64 are LE.
  if (isLittleEndianHost) return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength)
  const buffer = Buffer.alloc(floats.length * 8)
  floats.forEach((value, index) => buffer.writeDoubleLE(value, index * 8))
  return buffer
}

/** Unpacks a blob written by `encodeSamples`; NaN comes back as null when `nullable`. */
export function decodeSamples(blob: Buffer, nullable: boolean): (number | null)[] {
  if (blob.length % 8 !== 0)
    throw new Error(`series blob of ${blob.length} bytes is not a whole number of Float64`)
  const count = blob.length / 8
  const values: (number | null)[] = new Array(count)
  if (isLittleEndianHost) {
    // Copy first: a Buffer from SQLite may not be 8-byte aligned.
    const floats = new Float64Array(count)
    new Uint8Array(floats.buffer).set(blob)
    for (let index = 0; index < count; index += 1) {
      const value = floats[index]
      values[index] = nullable && Number.isNaN(value) ? null : value
    }
    return values
  }
  for (let index = 0; index < count; index += 1) {
    const value = blob.readDoubleLE(index * 8)
    values[index] = nullable && Number.isNaN(value) ? null : value
  }
  return values
}

/** Splits a run's series into named blobs: `timeS`, `throughputMbps`, `cwndSegments`, `lroRate`, `cpu.<context>`. */
export function encodeSeries(series: RunSeries): EncodedSeries[] {
  const encoded: EncodedSeries[] = [
    { name: 'timeS', samples: encodeSamples(series.timeS) },
    { name: 'throughputMbps', samples: encodeSamples(series.throughputMbps) },
    { name: 'cwndSegments', samples: encodeSamples(series.cwndSegments) },
    { name: 'lroRate', samples: encodeSamples(series.lroRate) },
  ]
  for (const [context, values] of Object.entries(series.cpu)) {
    if (values) encoded.push({ name: `${CPU_PREFIX}${context}`, samples: encodeSamples(values) })
  }
  return encoded
}

/** Rebuilds a run's series from its blobs (inverse of `encodeSeries`). */
export function decodeSeries(intervalS: number, rows: readonly EncodedSeries[]): RunSeries {
  const series: RunSeries = {
    intervalS,
    timeS: [],
    throughputMbps: [],
    cpu: {},
    cwndSegments: [],
    lroRate: [],
  }
  for (const row of rows) {
    if (row.name.startsWith(CPU_PREFIX)) {
      series.cpu[row.name.slice(CPU_PREFIX.length) as ContextName] = decodeSamples(
        row.samples,
        false,
      ) as number[]
    } else if (row.name === 'lroRate') {
      series.lroRate = decodeSamples(row.samples, true)
    } else if (row.name === 'timeS' || row.name === 'throughputMbps' || row.name === 'cwndSegments') {
      series[row.name] = decodeSamples(row.samples, false) as number[]
    }
  }
  return series
}
