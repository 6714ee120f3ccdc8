import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'

/**
 * The three Electron builds (output `out/`).
 *
 * - main: ESM (the package is `"type": "module"`), entry `main/index.ts`. electron-vite's main build
 *   resolves `import workerPath from './engine-worker?modulePath'` natively: the worker is bundled
 *   as its own file next to the main bundle and the import becomes its absolute path. Dependencies
 *   stay external (better-sqlite3 is native and must load from node_modules / app.asar.unpacked).
 * - preload: CommonJS, because sandboxed preloads cannot be ES modules
 *   (https://www.electronjs.org/docs/latest/tutorial/esm#preload-scripts). Everything but
 *   `electron` is bundled in, since a sandboxed preload's `require` only knows `electron`.
 * - renderer: Vue 3, root `renderer/`, entry `renderer/index.html`.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [vue()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      emptyOutDir: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'renderer/index.html') },
      },
    },
  },
})
