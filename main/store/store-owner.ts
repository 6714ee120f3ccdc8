/**
 * Which process owns a run store file. Opening a store marks the runs a crashed process left
 * `queued` or `running` as `interrupted`; with two processes on one data folder (the app and a CLI
 * sweep, or two apps), the second would mark the first's live work interrupted. So a process
 * recovers only when it owns the store: it writes its pid to `<store>.owner` on open and removes
 * it on close; a file naming a live process means someone else's runs may be running.
 */
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs'

/** True when a process with this pid exists (signal 0 probes without signalling). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to another user; ESRCH: no such process.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Ownership of a store file held by this process. */
export interface StoreOwnership {
  release(): void
}

/**
 * Claims the store at `filePath` for process `pid`: an ownership to release on close, or null
 * when another live process owns it.
 */
export function claimStoreOwnership(filePath: string, pid: number = process.pid): StoreOwnership | null {
  const ownerPath = `${filePath}.owner`
  const release = (): void => {
    try {
      if (Number(readFileSync(ownerPath, 'utf8').trim()) === pid) rmSync(ownerPath, { force: true })
    } catch {
      // Deliberately ignored: the file is already gone (or unreadable), so there is nothing to release.
    }
  }
  try {
    const descriptor = openSync(ownerPath, 'wx')
    writeSync(descriptor, `${pid}\n`)
    closeSync(descriptor)
    return { release }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const owner = Number(readFileSync(ownerPath, 'utf8').trim())
  if (owner !== pid && isProcessAlive(owner)) return null
  // A stale claim (its process is gone) or our own: take it over.
  writeFileSync(ownerPath, `${pid}\n`)
  return { release }
}
