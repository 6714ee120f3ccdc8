import { UsageError } from './command'

/** Numeric flag parsing shared by every command, so each malformed value is reported the same way. */

/** A whole number from a flag in [min, max], or undefined when absent; names the flag when malformed. */
export function wholeNumberFlag(flag: string, raw: string, min?: number, max?: number): number
export function wholeNumberFlag(flag: string, raw: unknown, min?: number, max?: number): number | undefined
export function wholeNumberFlag(
  flag: string,
  raw: unknown,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (raw === undefined) return undefined
  const text = String(raw)
  const value = Number(text)
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${flag}: "${text}" is not a whole number in [${min}, ${max}]`)
  }
  return value
}

/** Which numbers a real-valued flag accepts. */
export type NumberFlagRange = 'positive' | 'non-negative'

/** A finite number from a flag, or undefined when absent; names the flag when malformed. */
export function numberFlag(flag: string, raw: string, range: NumberFlagRange): number
export function numberFlag(flag: string, raw: unknown, range: NumberFlagRange): number | undefined
export function numberFlag(flag: string, raw: unknown, range: NumberFlagRange): number | undefined {
  if (raw === undefined) return undefined
  const text = String(raw)
  const value = Number(text)
  const inRange = range === 'positive' ? value > 0 : value >= 0
  if (text.trim() === '' || !Number.isFinite(value) || !inRange) {
    throw new UsageError(`--${flag}: "${text}" is not a ${range} number`)
  }
  return value
}

/**
 * A SPECjbb level from a flag: `off`, `max` or a CPU share (the run spec's schema checks that the
 * share lies in (0, 1)); names the flag when it is none of these.
 */
export function jbbLevelFlag(flag: string, raw: string): 'off' | 'max' | number {
  if (raw === 'off' || raw === 'max') return raw
  const share = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(share))
    throw new UsageError(`--${flag}: "${raw}" is not off, max or a CPU share such as 0.4`)
  return share
}
