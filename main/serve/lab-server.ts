/**
 * Browser mode: the bench in any browser on this machine. A node:http server on loopback serves
 * the built renderer and the same API dispatcher as the app's IPC, over `POST /api/<method>` and a
 * WebSocket (`/events`) for events. Every API request and WebSocket upgrade needs the random access
 * token (printed in the start URL) and must come from a loopback address.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { parseRequestTarget } from './request-target'
import type { Duplex } from 'node:stream'
import { join } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { RUN_STORE_FILE_NAME } from '../platform/data-dir'
import type { ApiEventMessage } from '../contract/api'
import { createApiDispatcher } from '../services/api-dispatcher'
import { forwardApiEvents, type ApiBackend } from '../services/api-handlers'
import { openLabRuntime, type LabRuntime } from '../services/lab-runtime'
import { API_PATH_PREFIX, errorEnvelope, handleApiRequest, sendEnvelope } from './api-routes'
import { bearerToken, createAccessToken, guardRequest, isOwnOrigin, type GuardVerdict } from './request-guard'
import { sendText, serveStaticFile } from './static-files'

/** Path of the event WebSocket. */
export const EVENTS_PATH = '/events'
/** A client further behind than this (bytes queued) skips progress batches until it catches up. */
const MAX_BUFFERED_EVENT_BYTES = 8 * 1024 * 1024

/** Options of `startLabServer`. */
export interface LabServerOptions {
  /** TCP port; 0 picks a free one. */
  port?: number
  /** Interface to bind; loopback only (127.0.0.1 or ::1). */
  host?: '127.0.0.1' | '::1'
  /** The built renderer (`dist-renderer/`). */
  staticDir: string
  /** Services to serve (the server does not own them). */
  services?: ApiBackend
  /** Without `services`: open a store here (`<dataDir>/runs.sqlite`) with a pool and services it owns. */
  dataDir?: string
  /** Without `services`: the store file itself (wins over `dataDir`). */
  dbPath?: string
  /** Worker threads of an owned pool. */
  threadCount?: number
  /** Fixed token (tests); default a fresh random one. */
  token?: string
  /** App version reported by `getVersion` when the server owns the services. */
  appVersion?: string
}

/** A running server. */
export interface LabServer {
  /** The start URL with the token: `http://127.0.0.1:PORT/?token=...`. */
  url: string
  token: string
  port: number
  /** Owned services (when the server opened them from `dataDir`/`dbPath`), else undefined. */
  runtime: LabRuntime | undefined
  /** Stops accepting, closes sockets, and closes owned services. */
  close(): Promise<void>
}

/** Starts the browser-mode server. */
export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const host = options.host ?? '127.0.0.1'
  if (host !== '127.0.0.1' && host !== '::1') throw new Error('browser mode binds to loopback only')
  const runtime = options.services ? undefined : openOwnedRuntime(options)
  const backend: ApiBackend = options.services ?? (runtime as LabRuntime).services
  const token = options.token ?? createAccessToken()
  const dispatch = createApiDispatcher({ handlers: backend.handlers })
  let port = options.port ?? 0

  const verdictOf = (request: IncomingMessage, presentedToken: string | null): GuardVerdict =>
    guardRequest(
      {
        remoteAddress: request.socket.remoteAddress,
        hostHeader: request.headers.host,
        token: presentedToken,
      },
      token,
      port,
    )

  const server: Server = createServer((request, response) => {
    const url = parseRequestTarget(request.url)
    if (url === null) {
      sendText(response, 400, 'bad request target')
      return
    }
    if (url.pathname.startsWith(API_PATH_PREFIX)) {
      const verdict = verdictOf(request, bearerToken(request.headers.authorization))
      if (!verdict.isAllowed) {
        sendEnvelope(
          response,
          errorEnvelope(verdict.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', verdict.reason),
        )
        return
      }
      handleApiRequest(dispatch, request, response, url.pathname).catch((error: unknown) => {
        console.error('browser mode: API request failed:', error)
        if (!response.headersSent) sendEnvelope(response, errorEnvelope('INTERNAL', 'request failed'))
        else response.destroy()
      })
      return
    }
    // The renderer bundle is public (no secrets in it), but only loopback clients get it.
    const verdict = verdictOf(request, token)
    if (!verdict.isAllowed) {
      sendText(response, verdict.status, verdict.reason)
      return
    }
    serveStaticFile(options.staticDir, request, response).catch((error: unknown) => {
      console.error('browser mode: static request failed:', error)
      response.destroy()
    })
  })

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = parseRequestTarget(request.url)
    if (url === null) {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')
      return
    }
    const tokenVerdict = verdictOf(request, url.searchParams.get('token'))
    const verdict: GuardVerdict =
      tokenVerdict.isAllowed && !isOwnOrigin(request.headers.origin, port)
        ? { isAllowed: false, status: 403, reason: 'foreign Origin' }
        : tokenVerdict
    if (url.pathname !== EVENTS_PATH || !verdict.isAllowed) {
      const status = url.pathname !== EVENTS_PATH ? 404 : verdict.isAllowed ? 200 : verdict.status
      socket.end(
        `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found'}\r\n\r\n`,
      )
      return
    }
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request))
  })
  sockets.on('connection', (client: WebSocket) => {
    // The event stream is one-way; anything a client sends is ignored.
    client.on('error', (error) => console.error('browser mode: WebSocket error:', error))
  })

  const eventForwarding = forwardApiEvents(backend.events, (message: ApiEventMessage) => {
    const text = JSON.stringify(message)
    for (const client of sockets.clients) {
      if (client.readyState !== client.OPEN) continue
      // A slow tab skips progress (the next batch and the final result supersede it), never status.
      if (message.event === 'onDidProgress' && client.bufferedAmount > MAX_BUFFERED_EVENT_BYTES) continue
      client.send(text)
    }
  })

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    eventForwarding.dispose()
    await runtime?.close()
    throw error
  }
  const address = server.address()
  port = typeof address === 'object' && address ? address.port : port
  const origin = host === '::1' ? `http://[::1]:${port}` : `http://127.0.0.1:${port}`

  let closing: Promise<void> | undefined
  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    token,
    port,
    runtime,
    close: () => {
      closing ??= (async () => {
        eventForwarding.dispose()
        for (const client of sockets.clients) client.terminate()
        sockets.close()
        server.closeAllConnections()
        await new Promise<void>((resolve) => server.close(() => resolve()))
        await runtime?.close()
      })()
      return closing
    },
  }
}

function openOwnedRuntime(options: LabServerOptions): LabRuntime {
  const dbPath = options.dbPath ?? (options.dataDir ? join(options.dataDir, RUN_STORE_FILE_NAME) : undefined)
  if (!dbPath) throw new Error('startLabServer needs services, dataDir or dbPath')
  return openLabRuntime({
    dbPath,
    threadCount: options.threadCount,
    host: { appVersion: options.appVersion ?? '0.0.0', mode: 'browser', electronVersion: null },
  })
}
