import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/app-scheme'
import { startLabServer, type LabServer } from '../../../main/serve/lab-server'
import { guardRequest, isLoopbackAddress, tokensMatch } from '../../../main/serve/request-guard'
import { createLabHarness, type LabHarness } from '../contract/lab-harness'

/** A raw HTTP request (fetch would normalise `..` away and forbids setting Host). */
function rawRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        )
      },
    )
    request.on('error', reject)
    request.end(options.body)
  })
}

/** Writes raw bytes to the server and resolves what it answers before closing (or after 2 s). */
function rawSocketExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text))
    let reply = ''
    const timer = setTimeout(() => socket.destroy(), 2000)
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString()))
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(reply)
    })
    socket.on('error', reject)
  })
}

/** Opens a WebSocket and resolves 'open' or the HTTP status it was refused with. */
function tryWebSocket(url: string, origin?: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, origin === undefined ? {} : { origin })
    socket.on('open', () => {
      socket.close()
      resolve('open')
    })
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.on('error', () => resolve(0))
  })
}

describe('the request guard', () => {
  it('accepts only loopback addresses, including IPv4-mapped ones', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'].map(isLoopbackAddress)).toEqual([
      true,
      true,
      true,
      true,
    ])
    expect(
      ['10.0.0.7', '192.168.1.2', '::ffff:10.0.0.7', 'fe80::1', '', undefined].map(isLoopbackAddress),
    ).toEqual([false, false, false, false, false, false])
  })

  it('compares tokens exactly, whatever their length', () => {
    expect(tokensMatch('secret-token', 'secret-token')).toBe(true)
    expect(tokensMatch('secret-token', 'secret-tokeN')).toBe(false)
    expect(tokensMatch('secret-token', 'secret')).toBe(false)
    expect(tokensMatch('secret-token', '')).toBe(false)
    expect(tokensMatch('secret-token', null)).toBe(false)
  })

  it('refuses a non-loopback client with 403 even with the right token', () => {
    const verdict = guardRequest(
      { remoteAddress: '192.168.1.20', hostHeader: '127.0.0.1:8080', token: 't' },
      't',
      8080,
    )
    expect(verdict).toMatchObject({ isAllowed: false, status: 403 })
  })

  it('refuses a foreign Host header (DNS rebinding) with 403 and a bad token with 401', () => {
    expect(
      guardRequest({ remoteAddress: '127.0.0.1', hostHeader: 'evil.example:8080', token: 't' }, 't', 8080),
    ).toMatchObject({
      isAllowed: false,
      status: 403,
    })
    expect(
      guardRequest({ remoteAddress: '127.0.0.1', hostHeader: 'localhost:8080', token: 'x' }, 't', 8080),
    ).toMatchObject({
      isAllowed: false,
      status: 401,
    })
    expect(
      guardRequest({ remoteAddress: '::1', hostHeader: 'localhost:8080', token: 't' }, 't', 8080),
    ).toEqual({ isAllowed: true })
  })
})

describe('startLabServer', () => {
  let harness: LabHarness
  let server: LabServer
  let staticDir: string

  beforeAll(async () => {
    harness = createLabHarness({ worker: 'scripted' })
    staticDir = mkdtempSync(join(tmpdir(), 'lro-labbench-static-'))
    mkdirSync(join(staticDir, 'assets'))
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>bench</title>')
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
    server = await startLabServer({ port: 0, staticDir, services: harness.services })
  })

  afterAll(async () => {
    await server?.close()
    await harness?.close()
    rmSync(staticDir, { recursive: true, force: true })
  })

  it('answers an absolute-form or malformed request target with 400 and keeps serving', async () => {
    for (const target of ['http://a:b/', 'http://127.0.0.1/api/ping', '//evil/']) {
      for (const upgrade of [false, true]) {
        const reply = await rawSocketExchange(
          server.port,
          `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
            (upgrade
              ? 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n'
              : 'Connection: close\r\n') +
            '\r\n',
        )
        expect(reply.split('\r\n')[0], `${target} upgrade=${upgrade}`).toMatch(/^HTTP\/1\.1 400/)
      }
    }
    const alive = await rawRequest(server.port, '/api/ping', {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(alive.status).toBe(200)
  })

  it('prints a loopback URL carrying a long random token', () => {
    const url = new URL(server.url)
    expect(url.hostname).toBe('127.0.0.1')
    expect(url.searchParams.get('token')).toBe(server.token)
    expect(server.token.length).toBeGreaterThanOrEqual(40)
  })

  it('answers an API call with the right token', async () => {
    const response = await rawRequest(server.port, '/api/ping', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}` },
    })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { pong: true } })
  })

  it.each([
    ['no token', {}],
    ['a wrong token', { Authorization: 'Bearer not-the-token' }],
    ['the token in the wrong scheme', { Authorization: 'Basic whatever' }],
  ])('refuses an API call with %s (401), writing nothing', async (_label, headers) => {
    const before = harness.rowCounts()
    const response = await rawRequest(server.port, '/api/startExperiment', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ name: 'x', specs: [{ config: 'linux', durationS: 0.1, warmupS: 0.02 }] }),
    })
    expect(response.status).toBe(401)
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(harness.rowCounts()).toEqual(before)
  })

  it('refuses a request naming another host (403)', async () => {
    const response = await rawRequest(server.port, '/api/ping', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, Host: `rebound.example:${server.port}` },
    })
    expect(response.status).toBe(403)
  })

  it('answers malformed JSON and unknown methods with errors, not crashes', async () => {
    const headers = { Authorization: `Bearer ${server.token}` }
    const malformed = await rawRequest(server.port, '/api/listRuns', {
      method: 'POST',
      headers,
      body: '{"limit":',
    })
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    for (const path of ['/api/dropDatabase', '/api/%E0%A4%A', '/api/__proto__']) {
      const unknown = await rawRequest(server.port, path, { method: 'POST', headers, body: '{}' })
      expect(JSON.parse(unknown.body), path).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
    const viaGet = await rawRequest(server.port, '/api/ping', { headers })
    expect(viaGet.status).toBe(400)
  })

  it('refuses the event WebSocket from a page of another origin even with the token', async () => {
    const url = `ws://127.0.0.1:${server.port}/events?token=${encodeURIComponent(server.token)}`
    expect(await tryWebSocket(url, 'http://evil.example')).toBe(403)
    const own = await tryWebSocket(url, `http://127.0.0.1:${server.port}`)
    expect(own).toBe('open')
  })

  it('accepts the event WebSocket only with the right token', async () => {
    const base = `ws://127.0.0.1:${server.port}/events`
    expect(await tryWebSocket(`${base}?token=${encodeURIComponent(server.token)}`)).toBe('open')
    expect(await tryWebSocket(base)).toBe(401)
    expect(await tryWebSocket(`${base}?token=wrong`)).toBe(401)
    expect(
      await tryWebSocket(`ws://127.0.0.1:${server.port}/elsewhere?token=${encodeURIComponent(server.token)}`),
    ).toBe(404)
  })

  it('serves the renderer with the app CSP and refuses path traversal', async () => {
    const index = await rawRequest(server.port, '/')
    expect(index.status).toBe(200)
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(index.body).toContain('<title>bench</title>')
    const script = await rawRequest(server.port, '/assets/app.js?v=1')
    expect(script.headers['content-type']).toMatch(/javascript/)
    for (const path of [
      '/../package.json',
      '/assets/../../package.json',
      '/%2e%2e/package.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    ]) {
      const refused = await rawRequest(server.port, path)
      expect(refused.status, path).toBe(403)
    }
    expect((await rawRequest(server.port, '/missing.js')).status).toBe(404)
    expect((await rawRequest(server.port, '/', { method: 'DELETE' })).status).toBe(405)
  })
})

describe('startLabServer without injected services', () => {
  it('opens its own store in the data folder and closes it with the server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lro-labbench-data-'))
    const staticDir = mkdtempSync(join(tmpdir(), 'lro-labbench-static-'))
    try {
      const server = await startLabServer({
        port: 0,
        staticDir,
        dataDir,
        threadCount: 1,
        appVersion: '9.9.9',
      })
      try {
        expect(server.runtime?.store.filePath).toBe(join(dataDir, 'runs.sqlite'))
        const response = await rawRequest(server.port, '/api/getVersion', {
          method: 'POST',
          headers: { Authorization: `Bearer ${server.token}` },
        })
        expect(JSON.parse(response.body)).toMatchObject({
          ok: true,
          value: { appVersion: '9.9.9', mode: 'browser' },
        })
      } finally {
        await server.close()
      }
      expect(server.runtime?.store.db.open).toBe(false)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(staticDir, { recursive: true, force: true })
    }
  })
})
