import { Simulation } from '../../../../engine/kernel/simulation'
import type {
  CostLedger,
  Kernel,
  ReceiverHost,
  StageId,
  Thread,
  WorkCallback,
  WorkLevel,
} from '../../../../engine/model/host/host-api'
import type { ContextName } from '../../../../engine/results/run-result'

/**
 * A minimal host for unit tests of the receive paths: every kernel runs its items one at a time
 * in FIFO order at 1 cycle per ns, and notify/raisePhysicalIrq deliver their callback after the
 * posted cost. Records posted work per stage so tests can check what was charged.
 */
export class FakeKernel implements Kernel {
  readonly posted: { stage: StageId; cycles: number; instructions: number }[] = []
  private busyUntilNs = 0
  private readonly runHandler: number
  private readonly callbacks: { done: WorkCallback; arg: number }[] = []

  constructor(
    readonly name: string,
    private readonly sim: Simulation,
  ) {
    this.runHandler = sim.register(`${name}.done`, () => {
      const item = this.callbacks.shift()
      if (item) item.done(item.arg)
    })
  }

  post(
    level: WorkLevel,
    stage: StageId,
    cycles: number,
    instructions: number,
    done: WorkCallback,
    arg: number,
  ): void {
    void level
    this.posted.push({ stage, cycles, instructions })
    const start = Math.max(this.sim.now, this.busyUntilNs)
    this.busyUntilNs = start + Math.round(cycles)
    this.callbacks.push({ done, arg })
    this.sim.scheduleAt(this.busyUntilNs, this.runHandler)
  }

  createThread(name: string, context: ContextName): Thread {
    void context
    const post = (
      stage: StageId,
      cycles: number,
      instructions: number,
      done: WorkCallback,
      arg: number,
    ): void => this.post(2 as WorkLevel, stage, cycles, instructions, done, arg)
    return { name, post, isRunnable: false }
  }

  get isBusy(): boolean {
    return this.busyUntilNs > this.sim.now
  }
}

/** A ledger that only names stages. */
export class FakeLedger implements CostLedger {
  readonly names: string[] = []
  stage(context: ContextName, name: string): StageId {
    this.names.push(`${context}/${name}`)
    return this.names.length - 1
  }
  charge(): void {}
  resetWindow(): void {}
  totals(): { cycles: number; instructions: number } {
    return { cycles: 0, instructions: 0 }
  }
  entries(): { context: ContextName; stage: string; cycles: number; instructions: number }[] {
    return []
  }
}

/** Builds a fake Xen (or native) host on a fresh simulation. */
export function fakeHost(isXen: boolean): {
  sim: Simulation
  host: ReceiverHost & { notifications: number }
  dom0: FakeKernel
  guest: FakeKernel
} {
  const sim = new Simulation(1)
  const dom0 = new FakeKernel('dom0', sim)
  const guest = isXen ? new FakeKernel('guest', sim) : dom0
  const ledger = new FakeLedger()
  const host = {
    ledger,
    isXen,
    driverKernel: dom0,
    receiverKernel: guest,
    jbb: null,
    notifications: 0,
    raisePhysicalIrq(stage: StageId, cycles: number, instructions: number, done: WorkCallback, arg: number) {
      dom0.post(0 as WorkLevel, stage, cycles, instructions, done, arg)
    },
    notify(
      target: Kernel,
      stage: StageId,
      cycles: number,
      instructions: number,
      done: WorkCallback,
      arg: number,
    ) {
      host.notifications++
      target.post(0 as WorkLevel, stage, cycles, instructions, done, arg)
    },
    utilization: () => ({ byContext: {}, byCpu: [0], total: 0 }),
    resetWindow: () => {},
    counters: () => ({}),
  }
  return { sim, host, dom0, guest }
}
