import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

/**
 * Three projects: `node` (engine, services, store, CLI), `dom` (Vue components under happy-dom)
 * and `e2e` (the built renderer in real Chromium with the real services behind it).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'test/engine/**/*.test.ts',
            'test/main/**/*.test.ts',
            'test/bench/**/*.test.ts',
            'test/scripts/**/*.test.ts',
          ],
          setupFiles: ['test/setup/isolated-data-dir.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          setupFiles: ['test/setup/isolated-data-dir.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
