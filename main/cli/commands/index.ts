import type { CliCommand } from '../command'
import { historyCommand } from './history'
import { exportCommand } from './export'
import { importCommand } from './import'
import { csvCommand } from './csv'
import { runCommand } from './run'
import { validateCommand } from './validate'
import { calibrateCommand } from './calibrate'
import { sweepCommand } from './sweep'
import { sensitivityCommand } from './sensitivity'
import { slurmCommand } from './slurm'

/**
 * Every CLI command, in the order `--help` lists them. Each command lives in its own file in this
 * folder; add one import and one entry per command.
 */
export const commands: readonly CliCommand[] = [
  runCommand,
  sweepCommand,
  sensitivityCommand,
  slurmCommand,
  validateCommand,
  calibrateCommand,
  historyCommand,
  exportCommand,
  importCommand,
  csvCommand,
]
