import { createPinia } from 'pinia'
import { createApp } from 'vue'
import TheAppShell from './TheAppShell.vue'
import './styles/app.css'

/**
 * Renderer entry. In Electron the preload has already exposed `window.api`; in a plain browser
 * (`npm run serve`, end-to-end tests) the bridge to the loopback server is installed first.
 */
async function bootstrap(): Promise<void> {
  if (!window.api) {
    const { installBrowserApi } = await import('./api/browser-client')
    await installBrowserApi()
  }
  createApp(TheAppShell).use(createPinia()).mount('#app')
}

void bootstrap()
