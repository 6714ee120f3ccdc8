/**
 * Every test process (and the CLI processes tests spawn, which inherit the environment) gets its
 * own data folder, so nothing a test runs lands in the user's real run store, whatever the CLI
 * and the app default to.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

process.env.LROLAB_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'lro-labbench-data-'))
