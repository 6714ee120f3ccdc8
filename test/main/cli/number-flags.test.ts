import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../main/cli/command'
import { numberFlag, wholeNumberFlag } from '../../../main/cli/number-flags'

describe('wholeNumberFlag', () => {
  it('passes an absent flag through and parses digits within the bounds', () => {
    expect(wholeNumberFlag('jobs', undefined, 1)).toBeUndefined()
    expect(wholeNumberFlag('jobs', ' 4 ', 1, 8)).toBe(4)
  })
  it.each(['-1', '2.5', '1e3', '', 'x', '9'])('refuses "%s" naming the flag and the bounds', (text) => {
    expect(() => wholeNumberFlag('jobs', text, 0, 8)).toThrow(UsageError)
    expect(() => wholeNumberFlag('jobs', text, 0, 8)).toThrow(`--jobs: "${text}" is not a whole number in [0, 8]`)
  })
})

describe('numberFlag', () => {
  it('tells positive from non-negative at zero', () => {
    expect(numberFlag('warmup', '0', 'non-negative')).toBe(0)
    expect(() => numberFlag('duration', '0', 'positive')).toThrow('--duration: "0" is not a positive number')
    expect(numberFlag('duration', '2.5', 'positive')).toBe(2.5)
    expect(numberFlag('duration', undefined, 'positive')).toBeUndefined()
  })
  it.each(['', ' ', 'abc', 'Infinity', '-0.1'])('refuses "%s"', (text) => {
    expect(() => numberFlag('warmup', text, 'non-negative')).toThrow(UsageError)
  })
})
