/**
 * `npm start` runs this first. Electron 42 downloads its binary on first use, but electron-vite
 * reads the binary's location from `node_modules/electron/path.txt`, which only Electron's own
 * installer writes; without it `electron-vite preview` stops with "Electron uninstall". So: when the
 * binary is missing, run the installer the way Electron documents (`install-electron`), and if that
 * cannot download, say exactly what to do.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

/** What happened. */
export type EnsureOutcome = 'present' | 'installed' | 'failed'

/** True when `electronDir` has its binary: path.txt naming a file under dist/. */
export function hasElectronBinary(electronDir: string): boolean {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return false
  return existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()))
}

/** Installs the binary if it is missing; `runInstaller` runs `install.js` and returns its exit code. */
export function ensureElectronBinary(
  electronDir: string,
  runInstaller: (installScript: string) => number | null,
): EnsureOutcome {
  if (hasElectronBinary(electronDir)) return 'present'
  const status = runInstaller(join(electronDir, 'install.js'))
  return status === 0 && hasElectronBinary(electronDir) ? 'installed' : 'failed'
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])
if (isMain) {
  const electronDir = resolve(process.env.LABBENCH_ELECTRON_DIR ?? 'node_modules/electron')
  const outcome = ensureElectronBinary(electronDir, (script) => {
    console.error('npm start: downloading the Electron binary (first start only)...')
    return spawnSync(process.execPath, [script], { stdio: 'inherit' }).status
  })
  if (outcome === 'failed') {
    console.error(
      'npm start: the Electron binary is not installed and could not be downloaded.\n' +
        '  On a machine with internet access run:  npx install-electron --no\n' +
        '  or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 42 build.\n' +
        '  Without a desktop, use the browser mode instead:  npm run serve',
    )
    process.exit(1)
  }
}
