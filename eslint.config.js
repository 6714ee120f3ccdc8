// @ts-check
/**
 * Lint config (flat). Besides the usual recommended sets it ENFORCES THE LAYERING of
 * docs/ARCHITECTURE (VS Code's common/node/electron-main/browser idea):
 *
 * - `engine/` is pure: it imports nothing of `main/`, `renderer/`, Electron, Node builtins or
 *   Node-only packages, and never reads wall time or ambient randomness (`Date.now`, `new Date()`,
 *   `Math.random`, `performance`): callers pass those in, which keeps every run reproducible.
 * - `renderer/` talks only to `window.api`: no Electron, no Node, and nothing of `main/` except
 *   type-only imports from `main/contract`.
 * - Only the thin adapters (`main/electron/`, `main/preload/`, the composition root `main/index.ts`)
 *   import `electron`.
 *
 * `test/main/lint-layering.test.ts` proves these rules fire. No type-aware rules: lint stays fast.
 */
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import vue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Node builtins by bare name (`fs`, `fs/promises`, ...); `node:*` is caught by a pattern. */
const nodeBuiltinPaths = builtinModules
  .filter((name) => !name.startsWith('_'))
  .map((name) => ({
    name,
    message: 'Node builtins are not available here (see docs/ARCHITECTURE layering).',
  }))

const electronPath = {
  name: 'electron',
  message: 'Only main/electron/*, main/preload/* and main/index.ts may import electron (thin adapters).',
}
const electronPattern = {
  group: ['electron/*'],
  message: 'Only main/electron/*, main/preload/* and main/index.ts may import electron (thin adapters).',
}
const nodeSchemePattern = {
  group: ['node:*'],
  message: 'Node builtins are not available here (see docs/ARCHITECTURE layering).',
}

// Relative imports that climb into a top-level folder. Regexes (not globs) because import
// sources start with ../ and the folder may sit at any depth of ../.
const intoFolder = (folder) => `^(\\.{1,2}/)+(.*/)?${folder}(/|$)`

/** Rule options for `@typescript-eslint/no-restricted-imports` in `engine/`. */
const engineRestrictions = {
  paths: [
    electronPath,
    ...nodeBuiltinPaths,
    ...['vue', 'pinia', 'chart.js', 'better-sqlite3', 'piscina', 'ws'].map((name) => ({
      name,
      message: 'engine/ is pure TypeScript: no UI, storage or threading packages.',
    })),
  ],
  patterns: [
    electronPattern,
    nodeSchemePattern,
    { regex: intoFolder('main'), message: 'engine/ imports nothing of main/.' },
    { regex: intoFolder('renderer'), message: 'engine/ imports nothing of renderer/.' },
  ],
}

/** Rule options for `@typescript-eslint/no-restricted-imports` in `renderer/`. */
const rendererRestrictions = {
  paths: [{ ...electronPath, message: 'The renderer talks only to window.api.' }, ...nodeBuiltinPaths],
  patterns: [
    { ...electronPattern, message: 'The renderer talks only to window.api.' },
    nodeSchemePattern,
    {
      // main/ or main/<anything but contract>
      regex: '^(\\.{1,2}/)+(.*/)?main(/(?!contract(/|$))|$)',
      message: 'The renderer may import only types from main/contract; it talks to window.api.',
    },
    {
      regex: intoFolder('main/contract'),
      allowTypeImports: true,
      message: 'Use `import type` from main/contract: the renderer gets values through window.api.',
    },
  ],
}

/** Rule options for every file outside the layers below (tests, bench, configs). */
const defaultRestrictions = { paths: [electronPath], patterns: [electronPattern] }

const noRendererPattern = { regex: intoFolder('renderer'), message: 'main/ never imports the renderer.' }

/** Rule options for the rest of `main/` (services, store, workers, CLI, browser-mode server). */
const mainRestrictions = { paths: [electronPath], patterns: [electronPattern, noRendererPattern] }

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'dist-renderer/**',
      'release/**',
      'node_modules/**',
      'docs/**',
      'coverage/**',
      'test-results/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
  },
  {
    // Node globals everywhere but the renderer and the engine (both have their own below).
    ignores: ['renderer/**', 'engine/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-restricted-imports': ['error', defaultRestrictions],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', mainRestrictions] },
  },
  {
    files: ['renderer/**/*.{ts,vue}', 'test/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', rendererRestrictions],
    },
  },
  {
    files: ['engine/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', engineRestrictions],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'engine/ is deterministic: take the wall time as a parameter.',
        },
        {
          object: 'Math',
          property: 'random',
          message: 'engine/ is deterministic: use the seeded RNG streams.',
        },
        { object: 'performance', message: 'engine/ is deterministic: take the wall time as a parameter.' },
        { object: 'globalThis', property: 'performance', message: 'engine/ is deterministic.' },
        { object: 'crypto', message: 'engine/ is deterministic: use the seeded RNG streams.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'performance', message: 'engine/ is deterministic: take the wall time as a parameter.' },
        { name: 'crypto', message: 'engine/ is deterministic: use the seeded RNG streams.' },
        { name: 'process', message: 'engine/ is pure: no Node globals.' },
        { name: 'window', message: 'engine/ is pure: no DOM.' },
        { name: 'document', message: 'engine/ is pure: no DOM.' },
        { name: 'require', message: 'engine/ is pure ESM: no require.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'engine/ is deterministic: `new Date()` reads the wall clock; take it as a parameter.',
        },
      ],
    },
  },
  {
    // The thin Electron adapters and the composition root may import electron.
    files: ['main/electron/**/*.ts', 'main/preload/**/*.ts', 'main/index.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noRendererPattern] }] },
  },
  {
    // Their tests replace electron with vi.mock('electron') and may import the mock.
    files: ['test/main/electron/**/*.ts', 'test/main/preload/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  prettier,
)
