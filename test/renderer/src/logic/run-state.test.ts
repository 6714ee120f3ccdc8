import { describe, expect, it } from 'vitest'
import {
  applyProgress,
  applyRunChange,
  isFinishedStatus,
  RecentEvents,
  type MutableRunState,
} from '../../../../renderer/src/logic/run-state'

function state(status: MutableRunState<number>['status'] = 'queued'): MutableRunState<number> {
  return { status, progress: 0, error: null, metrics: null, wallMs: null }
}

describe('applyRunChange', () => {
  it('moves a run forward and records metrics', () => {
    const run = state()
    expect(applyRunChange(run, { status: 'running', error: null, metrics: null, wallMs: null })).toBe(true)
    expect(applyRunChange(run, { status: 'done', error: null, metrics: 42, wallMs: 10 })).toBe(true)
    expect(run).toEqual({ status: 'done', progress: 1, error: null, metrics: 42, wallMs: 10 })
  })
  it('never moves a finished run backwards or to another final status', () => {
    const run = state('done')
    expect(applyRunChange(run, { status: 'running', error: null, metrics: null, wallMs: null })).toBe(false)
    expect(applyRunChange(run, { status: 'cancelled', error: null, metrics: null, wallMs: null })).toBe(false)
    expect(run.status).toBe('done')
  })
  it('keeps the error of a failed run', () => {
    const run = state('running')
    applyRunChange(run, { status: 'failed', error: 'engine threw', metrics: null, wallMs: null })
    expect(run).toMatchObject({ status: 'failed', error: 'engine threw' })
    expect(isFinishedStatus(run.status)).toBe(true)
  })
})

describe('applyProgress', () => {
  it('marks a queued run running, never lowers progress, and ignores finished runs', () => {
    const run = state()
    applyProgress(run, 0.5)
    applyProgress(run, 0.3)
    expect(run).toMatchObject({ status: 'running', progress: 0.5 })
    const finished = state('cancelled')
    expect(applyProgress(finished, 0.9)).toBe(false)
    expect(finished.progress).toBe(0)
  })
})

describe('RecentEvents', () => {
  it('keeps events per experiment and forgets the oldest experiment first', () => {
    const events = new RecentEvents<{ experimentId: string; n: number }>(3)
    events.add({ experimentId: 'a', n: 1 })
    events.add({ experimentId: 'a', n: 2 })
    events.add({ experimentId: 'b', n: 3 })
    expect(events.of('a').map((event) => event.n)).toEqual([1, 2])
    events.add({ experimentId: 'b', n: 4 })
    expect(events.of('a')).toEqual([])
    expect(events.of('b').map((event) => event.n)).toEqual([3, 4])
  })
})
