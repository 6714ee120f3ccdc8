/**
 * Ownership of resources, after VS Code's `lifecycle.ts`: everything that must be released (a
 * listener, a timer, a worker pool, a database) is an `IDisposable`, and every one has an owner that
 * disposes it. Quitting the app disposes the composition root, which disposes the rest.
 */

/** Something that holds a resource until `dispose()` is called (calling it twice is harmless). */
export interface IDisposable {
  dispose(): void
}

/** Wraps a cleanup function as a disposable that runs it once. */
export function toDisposable(cleanup: () => void): IDisposable {
  let isDisposed = false
  return {
    dispose: () => {
      if (isDisposed) return
      isDisposed = true
      cleanup()
    },
  }
}

/** A set of disposables disposed together (in reverse order of registration). */
export class DisposableStore implements IDisposable {
  private readonly items: IDisposable[] = []
  private isDisposed = false

  /** Takes ownership of `item`; adding to a disposed store disposes the item at once (no leak). */
  add<T extends IDisposable>(item: T): T {
    if (this.isDisposed) {
      item.dispose()
      return item
    }
    this.items.push(item)
    return item
  }

  dispose(): void {
    if (this.isDisposed) return
    this.isDisposed = true
    const errors: unknown[] = []
    for (const item of this.items.splice(0).reverse()) {
      try {
        item.dispose()
      } catch (error) {
        // Keep disposing the rest: one failing cleanup must not leak the others; rethrown below.
        errors.push(error)
      }
    }
    if (errors.length === 1) throw errors[0]
    if (errors.length > 1) throw new AggregateError(errors, 'several disposables failed')
  }
}

/** Base class of services: `_register` what you own, and `dispose()` releases it. */
export abstract class Disposable implements IDisposable {
  private readonly ownedDisposables = new DisposableStore()

  /** Takes ownership of a listener, timer, pool, ... */
  protected _register<T extends IDisposable>(item: T): T {
    return this.ownedDisposables.add(item)
  }

  dispose(): void {
    this.ownedDisposables.dispose()
  }
}

/** A typed event emitter: `event(listener)` subscribes and returns the unsubscribing disposable. */
export class Emitter<T> implements IDisposable {
  private readonly listeners = new Set<(value: T) => void>()

  /** Subscribes a listener. */
  readonly event = (listener: (value: T) => void): IDisposable => {
    this.listeners.add(listener)
    return toDisposable(() => this.listeners.delete(listener))
  }

  /** Calls every listener; a throwing listener does not stop the others (its error is reported). */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value)
      } catch (error) {
        // A broken subscriber (e.g. a closed window) must not stop progress for the others.
        console.error('event listener failed:', error)
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size
  }

  dispose(): void {
    this.listeners.clear()
  }
}
