import { homedir } from 'node:os'
import { join } from 'node:path'

/** Folder name of the user's data, the same as Electron's `app.getPath('userData')` for our productName. */
export const PRODUCT_NAME = 'LRO Lab Bench'

/** File name of the run store inside the data folder. */
export const RUN_STORE_FILE_NAME = 'runs.sqlite'

/** What decides the data folder (defaults: the current process). */
export interface DataDirContext {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  home: string
}

/**
 * The user's data folder, shared by the app and the CLI: `LROLAB_DATA_DIR` when set; otherwise
 * `%APPDATA%\LRO Lab Bench` on Windows, `~/Library/Application Support/LRO Lab Bench` on macOS and
 * `$XDG_DATA_HOME/LRO Lab Bench` (default `~/.local/share`) elsewhere.
 */
export function dataDirectory(
  context: DataDirContext = { platform: process.platform, env: process.env, home: homedir() },
): string {
  const override = context.env.LROLAB_DATA_DIR
  if (override) return override
  if (context.platform === 'win32') {
    return join(context.env.APPDATA || join(context.home, 'AppData', 'Roaming'), PRODUCT_NAME)
  }
  if (context.platform === 'darwin') return join(context.home, 'Library', 'Application Support', PRODUCT_NAME)
  return join(context.env.XDG_DATA_HOME || join(context.home, '.local', 'share'), PRODUCT_NAME)
}

/** Path of the default run store (the folder may not exist yet: callers create it). */
export function defaultRunStorePath(context?: DataDirContext): string {
  return join(dataDirectory(context), RUN_STORE_FILE_NAME)
}
