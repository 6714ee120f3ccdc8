/**
 * Applying run events to a local copy of a run. Events and list snapshots race: a run may finish
 * between the moment the server takes a snapshot and the moment the page receives it, and events
 * that arrive before the snapshot are replayed after it. A run therefore never moves backwards
 * (a late `running` must not undo `done`).
 */

/** The statuses of a run, as the store defines them. */
export type RunStatusName = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted'

const STATUS_RANK: Readonly<Record<RunStatusName, number>> = {
  queued: 0,
  running: 1,
  done: 2,
  failed: 2,
  cancelled: 2,
  interrupted: 2,
}

/** True when the run has finished (successfully or not). */
export function isFinishedStatus(status: RunStatusName): boolean {
  return STATUS_RANK[status] === 2
}

/** The fields of a run an event changes. */
export interface MutableRunState<M> {
  status: RunStatusName
  progress: number
  error: string | null
  metrics: M | null
  wallMs: number | null
}

/** A run status change as the API reports it. */
export interface RunStatusEvent<M> {
  status: RunStatusName
  error: string | null
  metrics: M | null
  wallMs: number | null
}

/** Applies a status event unless it would move the run backwards; returns whether it changed. */
export function applyRunChange<M>(run: MutableRunState<M>, event: RunStatusEvent<M>): boolean {
  if (STATUS_RANK[event.status] < STATUS_RANK[run.status]) return false
  if (isFinishedStatus(run.status) && event.status !== run.status) return false
  run.status = event.status
  run.error = event.error
  if (event.metrics) run.metrics = event.metrics
  if (event.wallMs !== null) run.wallMs = event.wallMs
  if (event.status === 'done') run.progress = 1
  return true
}

/** Applies a progress fraction to a run that has not finished; returns whether it changed. */
export function applyProgress(run: MutableRunState<unknown>, fraction: number): boolean {
  if (isFinishedStatus(run.status)) return false
  if (run.status === 'queued') run.status = 'running'
  run.progress = Math.max(run.progress, Math.min(1, Math.max(0, fraction)))
  return true
}

/**
 * Remembers recent events per experiment, so a view that starts watching an experiment after its
 * first events (its id is only known once `startExperiment` returns) can replay them.
 */
export class RecentEvents<E extends { experimentId: string }> {
  private readonly byExperiment = new Map<string, E[]>()
  private count = 0

  /** @param maxEvents total events kept; the oldest experiments are forgotten first. */
  constructor(private readonly maxEvents = 20_000) {}

  /** Records an event. */
  add(event: E): void {
    let list = this.byExperiment.get(event.experimentId)
    if (!list) {
      list = []
      this.byExperiment.set(event.experimentId, list)
    }
    list.push(event)
    this.count++
    while (this.count > this.maxEvents && this.byExperiment.size > 0) {
      const [oldest, events] = this.byExperiment.entries().next().value as [string, E[]]
      this.byExperiment.delete(oldest)
      this.count -= events.length
    }
  }

  /** The recorded events of an experiment, oldest first. */
  of(experimentId: string): readonly E[] {
    return this.byExperiment.get(experimentId) ?? []
  }
}
