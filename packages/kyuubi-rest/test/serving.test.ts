import { describe, expect, it } from 'vitest'
import { once } from 'node:events'
import { Agent, createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import express from 'express'
import { BatchgateError, createEngine, ErrorCode, type Engine } from '@batchgate/core'
import { InterceptingStore, createLatch, waitUntil } from '@batchgate/testkit'
import { kyuubiNoneAuth, kyuubiRestHandler, type BatchDto } from '@batchgate/kyuubi-rest'
import { call } from './helpers/http-call.js'
import { newSparkBatchRequest } from './helpers/kyuubi-requests.js'
import { useSqliteRest } from './helpers/sqlite-rest.js'

describe('serving', () => {
  const harness = useSqliteRest()

  it('answers 503 REQUEST_TIMEOUT with Retry-After when the engine does not answer in time, and serves others meanwhile', async () => {
    const held = createLatch()
    const store = new InterceptingStore(harness.fixture.newStore(), {
      beforeGet: (id) => (id === '00000000-0000-4000-8000-000000000001' ? held.opened : undefined),
    })
    const rest = await harness.serve({ store }, { authenticate: kyuubiNoneAuth(), requestTimeoutMs: 400 })
    const slow = call(rest.baseUrl, { path: '/api/v1/batches/00000000-0000-4000-8000-000000000001' })
    const other = await call(rest.baseUrl, { path: `/api/v1/batches/${randomUUID()}` })
    expect(other.status).toBe(404)
    const answer = await slow
    expect(answer.status).toBe(503)
    expect(answer.headers['retry-after']).toBe('5')
    expect(answer.json).toMatchObject({ code: 'REQUEST_TIMEOUT' })
    held.open()
    await rest.handler.close()
    expect(harness.reported).toEqual([])
  })

  it('still reports a bug in an outcome that came after the timeout', async () => {
    const held = createLatch()
    const bug = new TypeError('a late bug')
    const store = new InterceptingStore(harness.fixture.newStore(), {
      beforeGet: async () => {
        await held.opened
        throw bug
      },
    })
    const rest = await harness.serve({ store }, { authenticate: kyuubiNoneAuth(), requestTimeoutMs: 300 })
    const answer = await call(rest.baseUrl, { path: `/api/v1/batches/${randomUUID()}` })
    expect(answer.status).toBe(503)
    expect(harness.reported).toEqual([])
    held.open()
    await waitUntil(() => harness.reported.length === 1, 5000, 'the late bug reported')
    expect(harness.reported).toEqual([bug])
  })

  it('answers METASTORE_UNAVAILABLE 503 with Retry-After, and a bug 500 without its message', async () => {
    let failure: Error | undefined
    const store = new InterceptingStore(harness.fixture.newStore(), {
      beforeGet: () => {
        if (failure !== undefined) throw failure
      },
    })
    const rest = await harness.serve({ store }, { authenticate: kyuubiNoneAuth() })
    const path = `/api/v1/batches/${randomUUID()}`
    failure = new BatchgateError(ErrorCode.METASTORE_UNAVAILABLE, 'the metastore did not answer for 30 s')
    let answer = await call(rest.baseUrl, { path })
    expect(answer.status).toBe(503)
    expect(answer.headers['retry-after']).toBe('5')
    expect(answer.json).toEqual({
      code: 'METASTORE_UNAVAILABLE',
      message: 'the metastore did not answer for 30 s',
    })
    expect(harness.reported).toEqual([])

    failure = new TypeError("Cannot read properties of undefined (reading 'password=hunter2')")
    answer = await call(rest.baseUrl, { path })
    expect(answer.status).toBe(500)
    expect(answer.json).toEqual({
      code: 'INTERNAL_ERROR',
      message: 'internal error: the server failed to answer',
    })
    expect(answer.text).not.toContain('hunter2')
    expect(harness.reported).toEqual([failure])

    failure = undefined
    expect((await call(rest.baseUrl, { path })).status).toBe(404)
  })

  it('close() lets the requests under way answer, then refuses new ones with 503 CLOSED', async () => {
    const held = createLatch()
    const store = new InterceptingStore(harness.fixture.newStore(), { beforeGet: () => held.opened })
    const rest = await harness.serve({ store }, { authenticate: kyuubiNoneAuth() })
    const underWay = call(rest.baseUrl, { path: `/api/v1/batches/${randomUUID()}` })
    await new Promise((resolve) => setTimeout(resolve, 100))
    let closed = false
    const closing = rest.handler.close().then(() => (closed = true))
    const refused = await call(rest.baseUrl, { path: '/api/v1/version' })
    expect(refused.status).toBe(503)
    expect(refused.json).toMatchObject({ code: 'CLOSED' })
    expect(refused.headers['retry-after']).toBe('5')
    expect(closed).toBe(false)
    held.open()
    expect((await underWay).status).toBe(404)
    await closing
    expect(closed).toBe(true)
  })

  it('mounts in Express: its own routes and body parsers elsewhere, the API under its base path', async () => {
    const engine: Engine = await createEngine({ store: harness.fixture.newStore(), retention: false })
    const handler = kyuubiRestHandler(engine, { authenticate: kyuubiNoneAuth() })
    const app = express()
    app.get('/health', (_req, res) => {
      res.send('ok')
    })
    app.use(handler)
    app.use('/other', express.json(), (req, res) => {
      res.json({ echoed: req.body as unknown })
    })
    const server = createServer(app).listen(0, '127.0.0.1')
    await once(server, 'listening')
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      expect((await call(baseUrl, { path: '/health' })).text).toBe('ok')
      const submitted = await call(baseUrl, {
        method: 'POST',
        path: '/api/v1/batches',
        body: newSparkBatchRequest(),
      })
      expect(submitted.status).toBe(200)
      expect((submitted.json as BatchDto).user).toBe('anonymous')
      expect((await call(baseUrl, { method: 'POST', path: '/other', body: { a: 1 } })).json).toEqual({
        echoed: { a: 1 },
      })
      expect((await call(baseUrl, { path: '/api/v1/nope' })).status).toBe(404)
    } finally {
      await handler.close()
      server.closeAllConnections()
      server.close()
      await engine.close()
    }
  })

  it('serves a custom base path, and keep-alive connections across good and bad requests', async () => {
    const rest = await harness.serve(
      {},
      { authenticate: kyuubiNoneAuth(), basePath: '/kyuubi/api/v1', maxBodyBytes: 1024 },
    )
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const statuses: number[] = []
    try {
      for (const request of [
        { path: '/kyuubi/api/v1/ping' },
        { path: '/api/v1/ping' },
        { path: '/kyuubi/api/v1/batches', method: 'POST', body: '{"nope"' },
        { path: '/kyuubi/api/v1/batches', method: 'POST', body: JSON.stringify(newSparkBatchRequest()) },
        { path: '/kyuubi/api/v1/version' },
      ]) {
        statuses.push(await keepAliveStatus(agent, rest.baseUrl, request))
      }
    } finally {
      agent.destroy()
    }
    expect(statuses).toEqual([200, 404, 400, 200, 200])
  })
})

async function keepAliveStatus(
  agent: Agent,
  baseUrl: string,
  options: { path: string; method?: string; body?: string },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(options.path, baseUrl),
      { method: options.method ?? 'GET', agent, headers: { 'Content-Type': 'application/json' } },
      (res) => {
        res.resume()
        res.on('end', () => {
          resolve(res.statusCode ?? 0)
        })
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('many requests at once', () => {
  const harness = useSqliteRest()

  it('serves 24 requests in flight at once without a MaxListenersExceededWarning', async () => {
    const held = createLatch()
    const store = new InterceptingStore(harness.fixture.newStore(), { beforeGet: () => held.opened })
    const rest = await harness.serve({ store }, { authenticate: kyuubiNoneAuth() })
    const warnings: Error[] = []
    const onWarning = (warning: Error): void => {
      warnings.push(warning)
    }
    process.on('warning', onWarning)
    try {
      const answers = Array.from({ length: 24 }, () =>
        call(rest.baseUrl, { path: `/api/v1/batches/${randomUUID()}` }),
      )
      await waitUntil(
        () => store.calls.filter((c) => c.method === 'getBatch').length >= 24,
        10_000,
        'every request reached the store',
      )
      held.open()
      expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual(Array(24).fill(404))
      // Node emits process warnings on the next tick.
      await new Promise((resolve) => setImmediate(resolve))
      expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning')
    } finally {
      process.off('warning', onWarning)
      await rest.handler.close()
    }
  })
})
