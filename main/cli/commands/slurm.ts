/**
 * `labbench slurm --shards N --dir DIR -- SWEEP ARGS`: writes the Slurm job scripts of a sharded
 * sweep (see main/services/slurm-scripts.ts) and, with --submit, submits them.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { slurmJobFiles } from '../../services/slurm-scripts'
import { UsageError, type CliCommand } from '../command'
import { wholeNumberFlag } from '../number-flags'
import { parseFlags } from '../parse-flags'
import { parseSweepArgs } from './sweep'

const USAGE = `Usage: npm run -s labbench -- slurm --shards N --dir DIR [options] -- SWEEP ARGUMENTS

Writes Slurm job scripts that run a sweep as an array of N shards and merge them:
  DIR/sweep.sbatch   array 1-N, one \`sweep --shard K/N\` per task, logs in DIR/logs/shard-K.out|err
  DIR/merge.sbatch   imports DIR/shards/shard-*.lrolab into one store, after the array (afterok)
  DIR/submit.sh      submits both (sbatch --parsable, --dependency=afterok:ARRAY)
The project must be installed at this same path on the compute nodes (a shared file system).

Options:
  --shards N           array tasks (default 4)
  --cpus-per-task C    worker threads per task (default 1)
  --dir DIR            where scripts, logs, shards and the merged store go (required)
  --db FILE            the store the merge job fills (default DIR/merged.sqlite)
  --sbatch OPTION      an extra sbatch option for both jobs, e.g. --sbatch=--partition=short (repeatable)
  --submit             run submit.sh now and print the job ids

Example:
  npm run -s labbench -- slurm --shards 8 --cpus-per-task 4 --dir jobs/fig2 -- --preset fig2 --replications 5`

const OPTIONS = {
  shards: { type: 'string' },
  'cpus-per-task': { type: 'string' },
  dir: { type: 'string' },
  db: { type: 'string' },
  sbatch: { type: 'string', multiple: true },
  submit: { type: 'boolean' },
} as const

/** Flags the job scripts set themselves. */
const RESERVED = ['--shard', '--out', '--db', '--no-store', '--jobs', '--json']

/** The project this CLI runs from (main/cli/commands -> project root). */
const PROJECT_DIR = resolve(import.meta.dirname, '../../..')

/** `labbench slurm`. */
export const slurmCommand: CliCommand = {
  name: 'slurm',
  summary: 'Write (and submit) Slurm job scripts for a sharded sweep with a merge job',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, OPTIONS, true)
    const shards = wholeNumberFlag('shards', values.shards, 1, 10_000) ?? 4
    const cpusPerTask = wholeNumberFlag('cpus-per-task', values['cpus-per-task'], 1, 256) ?? 1
    if (typeof values.dir !== 'string') throw new UsageError('--dir DIR is required')
    const sweepArgs = positionals
    const reserved = sweepArgs.find((arg) => RESERVED.includes(arg.split('=')[0]))
    if (reserved)
      throw new UsageError(`the job scripts set ${reserved} themselves; leave it out of the sweep arguments`)
    // Check the sweep arguments here, not on the cluster: a typo fails now, with the plan's size.
    const { specs, title } = parseSweepArgs(sweepArgs)
    if (shards > specs.length)
      throw new UsageError(`--shards ${shards} is more than the ${specs.length} runs of the plan`)
    const jobDir = resolve(values.dir)
    const mergedDb = resolve(values.db ?? join(jobDir, 'merged.sqlite'))
    mkdirSync(join(jobDir, 'logs'), { recursive: true })
    mkdirSync(join(jobDir, 'shards'), { recursive: true })
    const files = slurmJobFiles({
      sweepArgs,
      shards,
      cpusPerTask,
      jobDir,
      mergedDb,
      projectDir: PROJECT_DIR,
      nodePath: process.execPath,
      extraSbatch: values.sbatch ?? [],
    })
    for (const [name, text] of Object.entries(files)) {
      const path = join(jobDir, name)
      writeFileSync(path, text)
      chmodSync(path, 0o755)
    }
    io.err(
      `slurm: ${title}: ${specs.length} runs in ${shards} shard(s) of ${cpusPerTask} CPU(s); scripts in ${jobDir}`,
    )
    if (values.submit !== true) {
      io.out(`bash ${join(jobDir, 'submit.sh')}`)
      return 0
    }
    try {
      io.out(execFileSync('bash', [join(jobDir, 'submit.sh')], { encoding: 'utf8' }).trim())
    } catch (error) {
      throw new Error(`sbatch refused the jobs: ${(error as { stderr?: string }).stderr ?? String(error)}`)
    }
    return 0
  },
}
