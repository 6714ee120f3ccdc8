/**
 * The shell's own two-method API, proving the preload -> IPC -> main wiring before the full
 * contract exists. The typed contract in `main/contract/` (interface, channel names, zod schemas)
 * supersedes this: its method list and channel mapping plug into the same `exposeApi` and
 * `registerIpcHandlers`. No `electron` import here: the preload, main and (type-only) the renderer
 * can all share it.
 */
export interface ShellApi {
  /** The application version from package.json. */
  getVersion(): Promise<string>
  /** Answers 'pong': a round trip through the preload and the main process. */
  ping(): Promise<'pong'>
}

/** The ShellApi's methods, in the order they are exposed. */
export const shellApiMethods = ['getVersion', 'ping'] as const satisfies readonly (keyof ShellApi)[]

/** One shell method name. */
export type ShellApiMethod = (typeof shellApiMethods)[number]

/** The IPC channel of a shell method, e.g. `shell:ping`. */
export function shellChannelOf(method: ShellApiMethod): string {
  return `shell:${method}`
}
