import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

/**
 * The renderer alone, as a plain web app (output `dist-renderer/`). Used by browser mode
 * (`npm run serve`) and the end-to-end tests, which serve it on 127.0.0.1 with a `window.api`
 * bridged to the real services, because the Electron binary cannot run on our build machines.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [vue()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist-renderer'),
    emptyOutDir: true,
    reportCompressedSize: false,
  },
})
