import { describe, expect, it } from 'vitest'
import { shellQuote, slurmJobFiles } from '../../../main/services/slurm-scripts'

describe('Slurm job scripts', () => {
  const files = slurmJobFiles({
    sweepArgs: ['--preset', 'fig2', '--vary', 'nic.interruptRateHz=8000, 20000'],
    shards: 8,
    cpusPerTask: 4,
    jobDir: '/shared/jobs/fig2',
    mergedDb: '/shared/jobs/fig2/merged.sqlite',
    projectDir: '/opt/lro labbench',
    nodePath: '/usr/bin/node',
    extraSbatch: ['--partition=short'],
  })

  it('runs one shard per array task with its CPUs and a log pair per task', () => {
    const sweep = files['sweep.sbatch']
    expect(sweep).toContain('#SBATCH --array=1-8')
    expect(sweep).toContain('#SBATCH --cpus-per-task=4')
    expect(sweep).toContain('#SBATCH --output=/shared/jobs/fig2/logs/shard-%a.out')
    expect(sweep).toContain('#SBATCH --error=/shared/jobs/fig2/logs/shard-%a.err')
    expect(sweep).toContain('#SBATCH --partition=short')
    expect(sweep).toContain("cd '/opt/lro labbench'")
    expect(sweep).toContain(`sweep --preset fig2 --vary 'nic.interruptRateHz=8000, 20000'`)
    expect(sweep).toContain('--shard "${SLURM_ARRAY_TASK_ID}/8"')
    expect(sweep).toContain('--out /shared/jobs/fig2/shards/"shard-${SLURM_ARRAY_TASK_ID}.lrolab"')
  })

  it('merges every shard after the whole array ended well', () => {
    expect(files['merge.sbatch']).toContain('for shard in $(seq 1 8); do')
    expect(files['merge.sbatch']).toContain(
      'import /shared/jobs/fig2/shards/"shard-${shard}.lrolab" --db /shared/jobs/fig2/merged.sqlite',
    )
    expect(files['submit.sh']).toContain('array=$(sbatch --parsable /shared/jobs/fig2/sweep.sbatch)')
    expect(files['submit.sh']).toContain('--dependency=afterok:${array%%;*}')
  })

  it('quotes shell words only when needed', () => {
    expect(shellQuote('--preset')).toBe('--preset')
    expect(shellQuote("it's")).toBe(`'it'\\''s'`)
    expect(shellQuote('a b')).toBe("'a b'")
  })
})
