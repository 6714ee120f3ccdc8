import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocket } from 'ws'
import { createBrowserApi, type EventSocketConstructor } from '../../../renderer/src/api/browser-api-core'
import { startLabServer } from '../../../main/serve/lab-server'
import { defineContractSuite } from '../contract/contract-suite'

defineContractSuite('browser mode (HTTP + WebSocket on 127.0.0.1)', async (harness) => {
  const staticDir = mkdtempSync(join(tmpdir(), 'lro-labbench-static-'))
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>bench</title>')
  const server = await startLabServer({ port: 0, staticDir, services: harness.services })
  const api = createBrowserApi({
    origin: `http://127.0.0.1:${server.port}`,
    token: server.token,
    WebSocket: WebSocket as unknown as EventSocketConstructor,
  })
  return {
    api,
    close: async () => {
      await server.close()
      rmSync(staticDir, { recursive: true, force: true })
    },
  }
})
