import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Priority, SimCancelledError, Simulation, Timer } from '../../../engine/kernel/simulation'

describe('Simulation', () => {
  it('runs events at the same time and priority in the order they were scheduled', () => {
    const sim = new Simulation(1)
    const order: number[] = []
    const record = sim.register('record', (arg) => order.push(arg))
    for (let i = 0; i < 20; i++) sim.schedule(100, record, i)
    sim.run({ until: 1000 })
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i))
  })

  it('runs Urgent events before Normal ones scheduled earlier for the same time', () => {
    const sim = new Simulation(1)
    const order: string[] = []
    const normal = sim.register('normal', () => order.push('normal'))
    const urgent = sim.register('urgent', () => order.push('urgent'))
    sim.schedule(50, normal)
    sim.schedule(50, urgent, 0, Priority.Urgent)
    sim.run({ until: 100 })
    expect(order).toEqual(['urgent', 'normal'])
  })

  it('orders by time before priority and sequence', () => {
    const sim = new Simulation(1)
    const times: number[] = []
    const record = sim.register('record', () => times.push(sim.now))
    for (const delay of [70, 10, 50, 10, 90, 0, 30]) sim.schedule(delay, record, 0, delay % 20 === 0 ? Priority.Urgent : Priority.Normal)
    sim.run({ until: 100 })
    expect(times).toEqual([0, 10, 10, 30, 50, 70, 90])
  })

  it('runs an event at exactly `until`, not one after it, and leaves the clock at `until`', () => {
    const sim = new Simulation(1)
    const seen: number[] = []
    const record = sim.register('record', () => seen.push(sim.now))
    sim.schedule(100, record)
    sim.schedule(101, record)
    sim.run({ until: 100 })
    expect(seen).toEqual([100])
    expect(sim.now).toBe(100)
    expect(sim.pending).toBe(1)
    sim.run({ until: 200 })
    expect(seen).toEqual([100, 101])
  })

  it('rejects a negative or NaN delay', () => {
    const sim = new Simulation(1)
    const handler = sim.register('noop', () => undefined)
    expect(() => sim.schedule(-1, handler)).toThrow(RangeError)
    expect(() => sim.schedule(Number.NaN, handler)).toThrow(RangeError)
  })

  it('rejects run(until) not later than now', () => {
    const sim = new Simulation(1)
    expect(() => sim.run({ until: 0 })).toThrow(RangeError)
    sim.run({ until: 10 })
    expect(() => sim.run({ until: 10 })).toThrow(RangeError)
    expect(() => sim.run({ until: 5 })).toThrow(RangeError)
  })

  it('throws SimCancelledError when the cancellation check reports true', () => {
    const sim = new Simulation(1)
    const tick = sim.register('tick', () => sim.schedule(1, tick))
    sim.schedule(1, tick)
    let polls = 0
    const run = () => sim.run({ until: 1e9, checkEvery: 100, isCancelled: () => ++polls === 3 })
    expect(run).toThrow(SimCancelledError)
    expect(sim.eventsProcessed).toBe(300)
    expect(sim.now).toBe(300)
  })

  it('reports progress with the current time every checkEvery events', () => {
    const sim = new Simulation(1)
    const tick = sim.register('tick', () => sim.schedule(10, tick))
    sim.schedule(10, tick)
    const reported: number[] = []
    sim.run({ until: 1000, checkEvery: 25, onCheck: (now) => reported.push(now) })
    expect(reported).toEqual([250, 500, 750, 1000])
  })

  it('keeps FIFO order across heap growth with many simultaneous events', () => {
    const sim = new Simulation(1)
    const order: number[] = []
    const record = sim.register('record', (arg) => order.push(arg))
    const count = 10_000
    for (let i = 0; i < count; i++) sim.schedule(i % 7, record, i)
    sim.run({ until: 10 })
    const expected = Array.from({ length: count }, (_, i) => i).sort((a, b) => (a % 7) - (b % 7) || a - b)
    expect(order).toEqual(expected)
  })
})

describe('Timer', () => {
  it('fires once at the re-armed time; the superseded expiry is ignored', () => {
    const sim = new Simulation(1)
    const fired: number[] = []
    const timer = new Timer(sim, 'rto', () => fired.push(sim.now))
    timer.arm(100)
    timer.arm(250)
    expect(timer.expiresAt).toBe(250)
    sim.run({ until: 1000 })
    expect(fired).toEqual([250])
    expect(timer.isArmed).toBe(false)
  })

  it('does not fire after disarm', () => {
    const sim = new Simulation(1)
    const fired: number[] = []
    const timer = new Timer(sim, 'delack', () => fired.push(sim.now))
    timer.arm(100)
    timer.disarm()
    sim.run({ until: 1000 })
    expect(fired).toEqual([])
  })

  it('can be re-armed from its own expiry', () => {
    const sim = new Simulation(1)
    const fired: number[] = []
    const timer: Timer = new Timer(sim, 'periodic', () => {
      fired.push(sim.now)
      if (fired.length < 3) timer.arm(10)
    })
    timer.arm(10)
    sim.run({ until: 100 })
    expect(fired).toEqual([10, 20, 30])
  })
})

describe('Simulation event order (property)', () => {
  interface Action {
    delays: number[]
    priority: 0 | 1
    timer: 'none' | 'arm' | 'disarm'
    timerDelay: number
  }

  /** Events stop scheduling once this many have been created (zero delays would loop forever). */
  const EVENT_BUDGET = 600

  /** A reference kernel: a plain list, sorted by (time, priority, sequence) before every pop. */
  function referenceOrder(actions: Action[], initialDelays: number[], untilNs: number): string[] {
    const pending: { time: number; priority: number; seq: number; id: number; timerSeq: number }[] = []
    const fired: string[] = []
    let seq = 0
    let nextId = 0
    let armedSeq = -1
    const schedule = (time: number, priority: number): void => {
      pending.push({ time, priority, seq: seq++, id: nextId++, timerSeq: -1 })
    }
    for (const delay of initialDelays) schedule(delay, 1)
    for (;;) {
      pending.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq)
      const event = pending.shift()
      if (event === undefined || event.time > untilNs) break
      if (event.timerSeq >= 0) {
        if (event.timerSeq !== armedSeq) continue
        armedSeq = -1
        fired.push(`${event.time}:timer`)
        continue
      }
      fired.push(`${event.time}:${event.id}`)
      if (nextId >= EVENT_BUDGET) continue
      const action = actions[event.id % actions.length]
      for (const delay of action.delays) schedule(event.time + delay, action.priority)
      if (action.timer === 'arm') {
        armedSeq = seq
        pending.push({ time: event.time + action.timerDelay, priority: 1, seq: seq++, id: -1, timerSeq: armedSeq })
      } else if (action.timer === 'disarm') {
        armedSeq = -1
      }
    }
    return fired
  }

  function kernelOrder(actions: Action[], initialDelays: number[], untilNs: number): string[] {
    const sim = new Simulation(5)
    const fired: string[] = []
    let nextId = 0
    const timer = new Timer(sim, 'timer', () => fired.push(`${sim.now}:timer`))
    const handler = sim.register('event', (id) => {
      fired.push(`${sim.now}:${id}`)
      if (nextId >= EVENT_BUDGET) return
      const action = actions[id % actions.length]
      for (const delay of action.delays) sim.schedule(delay, handler, nextId++, action.priority)
      if (action.timer === 'arm') timer.arm(action.timerDelay)
      else if (action.timer === 'disarm') timer.disarm()
    })
    for (const delay of initialDelays) sim.schedule(delay, handler, nextId++)
    sim.run({ until: untilNs })
    return fired
  }

  it('dispatches in (time, priority, sequence) order with equal times, far timers and stale timer events', () => {
    const delay = fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 0, max: 50_000 }),
      fc.constantFrom(40_000_000, 200_000_000),
    )
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            delays: fc.array(delay, { maxLength: 2 }),
            priority: fc.constantFrom(0 as const, 1 as const),
            timer: fc.constantFrom('none' as const, 'arm' as const, 'disarm' as const),
            timerDelay: delay,
          }),
          { minLength: 1, maxLength: 20 },
        ),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 20 }),
        (actions, initialDelays) => {
          const untilNs = 1_000_000_000
          const expected = referenceOrder(actions, initialDelays, untilNs)
          expect(expected.length).toBeGreaterThan(0)
          expect(kernelOrder(actions, initialDelays, untilNs)).toEqual(expected)
        },
      ),
      { numRuns: 100 },
    )
  })
})

