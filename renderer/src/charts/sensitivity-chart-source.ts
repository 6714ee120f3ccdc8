import { markRaw } from 'vue'
import type { ChartDataset } from 'chart.js'
import type { SensitivityResult } from '../../../engine/analysis/sensitivity-plan'
import { toCsv } from '../logic/csv'
import { extraColor, type Theme } from '../logic/palette'
import type { ChartSource } from './chart-config'

/**
 * The ranked bar chart of a sensitivity analysis, most influential parameter first: Morris's mu*
 * (mean absolute effect over the whole range, in the metric's units) beside sigma (the spread of
 * the effects: interactions or curvature), or Sobol's first-order and total variance shares with
 * their bootstrap 95 % intervals as whiskers.
 */
export function sensitivitySource(result: () => SensitivityResult | null, metricLabel: string): ChartSource {
  const ranked = () => result()?.ranked ?? []
  const isMorris = () => result()?.method !== 'sobol'
  const bar = (label: string, color: string, data: unknown[], type = 'bar'): ChartDataset =>
    ({ type, label, data, backgroundColor: color, borderColor: color, errorBarColor: color }) as ChartDataset
  return markRaw({
    kind: 'bar',
    xLabel: 'Parameter (most influential first)',
    get yLabel() {
      return isMorris() ? `Effect on ${metricLabel} over the range` : 'Share of the variance'
    },
    isYFromZero: true,
    build: (theme: Theme) => {
      const indices = ranked()
      const labels = indices.map((index) => index.id)
      if (isMorris())
        return {
          labels,
          datasets: [
            bar(
              'mu* (mean |effect|)',
              extraColor(0, theme),
              indices.map((index) => (index.method === 'morris' ? index.muStar : Number.NaN)),
            ),
            bar(
              'sigma (interactions, curvature)',
              extraColor(1, theme),
              indices.map((index) => (index.method === 'morris' ? index.sigma : Number.NaN)),
            ),
          ],
        }
      const interval = (estimate: { value: number; low: number; high: number }) => ({
        y: estimate.value,
        yMin: estimate.low,
        yMax: estimate.high,
      })
      return {
        labels,
        datasets: [
          bar(
            'first order S (alone)',
            extraColor(0, theme),
            indices.map((index) => (index.method === 'sobol' ? interval(index.first) : null)),
            'barWithErrorBars',
          ),
          bar(
            'total ST (with interactions)',
            extraColor(1, theme),
            indices.map((index) => (index.method === 'sobol' ? interval(index.total) : null)),
            'barWithErrorBars',
          ),
        ],
      }
    },
    csv: () =>
      toCsv(
        [
          'rank',
          'parameter',
          'muStar',
          'mu',
          'sigma',
          'effects',
          'S',
          'S_low',
          'S_high',
          'ST',
          'ST_low',
          'ST_high',
        ],
        ranked().map((index, rank) =>
          index.method === 'morris'
            ? [rank + 1, index.id, index.muStar, index.mu, index.sigma, index.effects, '', '', '', '', '', '']
            : [
                rank + 1,
                index.id,
                '',
                '',
                '',
                '',
                index.first.value,
                index.first.low,
                index.first.high,
                index.total.value,
                index.total.low,
                index.total.high,
              ],
        ),
      ),
    notes: () => {
      const current = result()
      if (!current) return []
      const notes: string[] = []
      if (current.pointsKnown < current.pointsTotal)
        notes.push(
          `${current.pointsKnown} of ${current.pointsTotal} design points have finished: the indices ` +
            'settle as the rest arrive.',
        )
      notes.push(
        current.method === 'morris'
          ? 'mu* ranks influence; a sigma near or above mu* means the effect depends on where the other ' +
              'parameters are (interactions) or bends over the range.'
          : 'S is the share of the variance a parameter explains alone, ST with all its interactions; ' +
              'ST well above S means it acts through the others.',
      )
      return notes
    },
  } satisfies ChartSource)
}
