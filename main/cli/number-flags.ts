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
