/**
 * Unit-aware parsing of parameter override values such as `125us`, `10Gbps` or `0.5`.
 * A bare number is taken in the parameter's own unit; a number with a unit suffix is converted only
 * when the suffix measures the same quantity as the parameter's unit, otherwise it is an error.
 */

const SCALES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  ns: { ns: 1, us: 1e3, ms: 1e6, s: 1e9 },
  us: { ns: 1e-3, us: 1, ms: 1e3, s: 1e6 },
  ms: { ns: 1e-6, us: 1e-3, ms: 1, s: 1e3 },
  s: { ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1 },
  'bit/s': { 'bit/s': 1, bps: 1, kbps: 1e3, Mbps: 1e6, Gbps: 1e9 },
  Hz: { Hz: 1, kHz: 1e3, MHz: 1e6, GHz: 1e9 },
  bytes: { B: 1, bytes: 1, KB: 1e3, KiB: 1024, MB: 1e6, MiB: 1048576 },
}

/** Result of parsing one override value. */
export type UnitParse = { ok: true; value: number } | { ok: false; message: string }

/** Converts `raw` (a number, or a string with an optional unit suffix) into `unit`. */
export function parseWithUnit(raw: number | string, unit: string): UnitParse {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, message: `not a finite number` }
  }
  const match = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z/%]*)\s*$/.exec(raw)
  if (!match) return { ok: false, message: `"${raw}" is not a number with an optional unit` }
  const value = Number(match[1])
  const suffix = match[2]
  if (suffix === '' || suffix === unit) return { ok: true, value }
  const scale = SCALES[unit]?.[suffix]
  if (scale === undefined) {
    return { ok: false, message: `unit "${suffix}" does not fit this parameter, whose unit is ${unit}` }
  }
  return { ok: true, value: value * scale }
}
