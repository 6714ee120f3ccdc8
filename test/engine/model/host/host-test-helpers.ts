import { Simulation } from '../../../../engine/kernel/simulation'
import { createReceiverHost } from '../../../../engine/model/host/create-host'
import type { Kernel, ReceiverHost, StageId } from '../../../../engine/model/host/host-api'
import type { ContextName } from '../../../../engine/results/run-result'

/** A thread that always has work: it re-posts an item of `cycles` each time one completes. */
export function startCpuBoundThread(host: ReceiverHost, kernel: Kernel, context: ContextName, name: string, cycles = 300_000): StageId {
  const thread = kernel.createThread(name, context)
  const stage = host.ledger.stage(context, name)
  const loop = (): void => thread.post(stage, cycles, cycles, loop, 0)
  loop()
  return stage
}

/** Builds a host, lets `setup` add work, warms up, resets the window and measures. */
export function measure<H extends ReceiverHost>(
  options: { isXen: boolean; jbb?: 'off' | 'max' | number; params?: Record<string, number>; warmupNs?: number; windowNs?: number; seed?: number },
  setup: (host: H, sim: Simulation) => void = () => undefined,
): { host: H; sim: Simulation } {
  const sim = new Simulation(options.seed ?? 1)
  const host = createReceiverHost(sim, options.params ?? {}, { isXen: options.isXen, jbb: options.jbb ?? 'off' }) as H
  setup(host, sim)
  const warmupNs = options.warmupNs ?? 200e6
  sim.run({ until: warmupNs })
  host.resetWindow()
  sim.run({ until: warmupNs + (options.windowNs ?? 1e9) })
  return { host, sim }
}
