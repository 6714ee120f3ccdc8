/**
 * Job scripts that run a sweep on a Slurm cluster: an sbatch array with one task per shard (each
 * `sweep --shard K/N --out shards/shard-K.lrolab`, logs per task), and a merge job that depends on
 * the whole array (`afterok`) and imports every shard into one store. The scripts call the
 * project's own CLI with an absolute node and project path, so compute nodes need the project
 * installed at the same path (a shared file system), not npm on their PATH.
 */
import { join } from 'node:path'

/** What the scripts are made of. */
export interface SlurmJobOptions {
  /** Arguments of `labbench sweep` (without --shard, --out, --db, --jobs). */
  sweepArgs: readonly string[]
  shards: number
  cpusPerTask: number
  /** Where the scripts, logs, shards and merged store go (absolute). */
  jobDir: string
  /** The store the merge job imports into (absolute). */
  mergedDb: string
  /** The installed project (absolute). */
  projectDir: string
  /** The node binary (absolute). */
  nodePath: string
  /** sbatch options added to both jobs (`--partition=x`, `--time=1:00:00`). */
  extraSbatch?: readonly string[]
}

/** The files to write, by name relative to the job directory. */
export interface SlurmJobFiles {
  'sweep.sbatch': string
  'merge.sbatch': string
  'submit.sh': string
}

/** Quotes a word for a POSIX shell. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`
}

/** The three files of a sharded sweep. */
export function slurmJobFiles(options: SlurmJobOptions): SlurmJobFiles {
  const q = shellQuote
  const cli = `${q(options.nodePath)} ${q(join(options.projectDir, 'node_modules/tsx/dist/cli.mjs'))} ${q(join(options.projectDir, 'main/cli/index.ts'))}`
  const logs = join(options.jobDir, 'logs')
  const shards = join(options.jobDir, 'shards')
  const extra = (options.extraSbatch ?? []).map((option) => `#SBATCH ${option}`)
  const sweep = [
    '#!/bin/bash',
    '#SBATCH --job-name=labbench-sweep',
    `#SBATCH --array=1-${options.shards}`,
    `#SBATCH --cpus-per-task=${options.cpusPerTask}`,
    '#SBATCH --ntasks=1',
    `#SBATCH --output=${join(logs, 'shard-%a.out')}`,
    `#SBATCH --error=${join(logs, 'shard-%a.err')}`,
    ...extra,
    '# One shard of the sweep per array task: every N-th run of the plan, written as an archive.',
    'set -euo pipefail',
    `cd ${q(options.projectDir)}`,
    `exec ${cli} sweep ${options.sweepArgs.map(q).join(' ')} \\`,
    `  --jobs "\${SLURM_CPUS_PER_TASK:-${options.cpusPerTask}}" \\`,
    `  --shard "\${SLURM_ARRAY_TASK_ID}/${options.shards}" \\`,
    `  --out ${q(shards)}/"shard-\${SLURM_ARRAY_TASK_ID}.lrolab"`,
    '',
  ].join('\n')
  const merge = [
    '#!/bin/bash',
    '#SBATCH --job-name=labbench-merge',
    '#SBATCH --ntasks=1',
    '#SBATCH --cpus-per-task=1',
    `#SBATCH --output=${join(logs, 'merge.out')}`,
    `#SBATCH --error=${join(logs, 'merge.err')}`,
    ...extra,
    '# Runs after every shard succeeded (afterok): imports the shards into one experiment.',
    'set -euo pipefail',
    `cd ${q(options.projectDir)}`,
    `for shard in $(seq 1 ${options.shards}); do`,
    `  ${cli} import ${q(shards)}/"shard-\${shard}.lrolab" --db ${q(options.mergedDb)}`,
    'done',
    '',
  ].join('\n')
  const submit = [
    '#!/bin/bash',
    '# Submits the shard array, then the merge job to start once every shard ended well.',
    'set -euo pipefail',
    `mkdir -p ${q(logs)} ${q(shards)}`,
    `array=$(sbatch --parsable ${q(join(options.jobDir, 'sweep.sbatch'))})`,
    `merge=$(sbatch --parsable --dependency=afterok:\${array%%;*} ${q(join(options.jobDir, 'merge.sbatch'))})`,
    'echo "array ${array%%;*} merge ${merge%%;*}"',
    '',
  ].join('\n')
  return { 'sweep.sbatch': sweep, 'merge.sbatch': merge, 'submit.sh': submit }
}
