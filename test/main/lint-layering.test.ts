import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * Proves that eslint.config.js enforces the layering: forbidden imports and calls in a file that
 * sits in engine/, renderer/ or main/services/ are reported, allowed ones are not. The snippets are
 * linted in memory (`lintText` with a virtual filePath), so no file is written.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot })
})

/** The rule ids reported for a snippet placed at `filePath`. */
async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  const fatal = result.messages.filter((message) => message.fatal)
  expect(fatal, 'the snippet must parse').toEqual([])
  return result.messages.map((message) => message.ruleId ?? '(none)')
}

const restrictedImport = '@typescript-eslint/no-restricted-imports'

describe('lint layering: engine/', () => {
  const file = 'engine/model/layering-probe.ts'

  it.each([
    ["import { app } from 'electron'; export const x = app"],
    ["import { readFileSync } from 'node:fs'; export const x = readFileSync"],
    ["import { join } from 'path'; export const x = join"],
    ["import { parentPort } from 'worker_threads'; export const x = parentPort"],
    ["import { ref } from 'vue'; export const x = ref"],
    ["import { openStore } from '../../main/store/open'; export const x = openStore"],
    ["import type { LabApi } from '../../main/contract/api'\nexport type X = LabApi"],
    ["import Panel from '../../renderer/src/components/Panel.vue'; export const x = Panel"],
  ])('refuses %s', async (code) => {
    expect(await ruleIdsFor(file, code)).toContain(restrictedImport)
  })

  it.each([
    ['Date.now()', 'no-restricted-properties'],
    ['Math.random()', 'no-restricted-properties'],
    ['performance.now()', 'no-restricted-properties'],
    ['new Date()', 'no-restricted-syntax'],
    ['process.hrtime()', 'no-restricted-globals'],
  ])('refuses the nondeterministic %s', async (expression, ruleId) => {
    expect(await ruleIdsFor(file, `export const x = ${expression}\n`)).toContain(ruleId)
  })

  it('accepts pure imports inside engine/ and a date from a given timestamp', async () => {
    const code = [
      "import { Simulation } from '../kernel/simulation'",
      "import type { RunSpec } from '../experiments/spec'",
      'export function make(spec: RunSpec, startedAtMs: number): [Simulation, Date] {',
      '  return [new Simulation(spec), new Date(startedAtMs)]',
      '}',
      '',
    ].join('\n')
    expect(await ruleIdsFor(file, code)).toEqual([])
  })
})

describe('lint layering: renderer/', () => {
  const file = 'renderer/src/composables/use-layering-probe.ts'

  it.each([
    ["import { ipcRenderer } from 'electron'; export const x = ipcRenderer"],
    ["import { readFile } from 'node:fs/promises'; export const x = readFile"],
    ["import { EventEmitter } from 'events'; export const x = EventEmitter"],
    ["import { RunService } from '../../../main/services/run-service'; export const x = RunService"],
    [
      "import { API_REQUEST_SCHEMAS } from '../../../main/contract/api'\nexport const x = API_REQUEST_SCHEMAS",
    ],
  ])('refuses %s', async (code) => {
    expect(await ruleIdsFor(file, code)).toContain(restrictedImport)
  })

  it('refuses a forbidden import in a .vue single-file component', async () => {
    const code = [
      '<script setup lang="ts">',
      "import { shell } from 'electron'",
      'shell.beep()',
      '</script>',
      '<template><p>probe</p></template>',
      '',
    ].join('\n')
    expect(await ruleIdsFor('renderer/src/components/LayeringProbe.vue', code)).toContain(restrictedImport)
  })

  it('accepts type-only contract imports, engine imports and vue', async () => {
    const code = [
      "import { ref } from 'vue'",
      "import type { LabApi } from '../../../main/contract/api'",
      "import { presets } from '../../../engine/experiments/presets'",
      'export const api = ref<LabApi | undefined>(undefined)',
      'export const presetCount = presets.length',
      '',
    ].join('\n')
    expect(await ruleIdsFor(file, code)).toEqual([])
  })
})

describe('lint layering: electron only in the thin adapters', () => {
  const electronImport = "import { dialog } from 'electron'\nexport const x = dialog\n"

  it.each([
    ['main/services/layering-probe.ts'],
    ['main/store/layering-probe.ts'],
    ['main/cli/layering-probe.ts'],
    ['main/serve/layering-probe.ts'],
    ['main/contract/layering-probe.ts'],
  ])('refuses electron in %s', async (file) => {
    expect(await ruleIdsFor(file, electronImport)).toContain(restrictedImport)
  })

  it.each([['main/electron/layering-probe.ts'], ['main/preload/layering-probe.ts'], ['main/index.ts']])(
    'accepts electron in %s',
    async (file) => {
      expect(await ruleIdsFor(file, electronImport)).toEqual([])
    },
  )

  it('refuses electron in tests outside the adapter tests (they use vi.mock)', async () => {
    expect(await ruleIdsFor('test/engine/layering-probe.test.ts', electronImport)).toContain(restrictedImport)
  })

  it('lets renderer tests import the renderer', async () => {
    const code =
      "import { useRunsStore } from '../../../renderer/src/stores/runs'\nexport const x = useRunsStore\n"
    expect(await ruleIdsFor('test/renderer/stores/layering-probe.test.ts', code)).toEqual([])
  })

  it('refuses a renderer import in main/', async () => {
    const code =
      "import { useRunsStore } from '../../renderer/src/stores/runs'\nexport const x = useRunsStore\n"
    expect(await ruleIdsFor('main/services/layering-probe.ts', code)).toContain(restrictedImport)
  })
})
