import { describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import type { EngineOptions } from '@batchgate/core'
import { waitUntil } from '@batchgate/testkit'
import { kyuubiNoneAuth, type KyuubiRestOptions } from '@batchgate/kyuubi-rest'
import { call } from './helpers/http-call.js'
import type { RestServer } from './helpers/rest-server.js'
import { useSqliteRest } from './helpers/sqlite-rest.js'
import { testExecutor } from './helpers/test-executor.js'

const API = '/api/v1'

describe('sessions over HTTP', () => {
  const harness = useSqliteRest()

  async function serve(
    engine: Omit<EngineOptions, 'store'> = {},
    options: Partial<KyuubiRestOptions> = {},
  ): Promise<RestServer> {
    return harness.serve(
      {
        instanceId: 'gateway-1:10099',
        statementExecutor: testExecutor(),
        admins: ['admin'],
        retention: false,
        ...engine,
      },
      { authenticate: kyuubiNoneAuth(), ...options },
    )
  }

  const baseUrl = (): string => harness.rest.baseUrl
  const request = (method: string, path: string, user: string, body?: unknown) =>
    call(baseUrl(), { method, path: `${API}${path}`, user, body })

  async function openSession(user: string, configs: Record<string, string> = {}): Promise<string> {
    const answer = await request('POST', '/sessions', user, { configs })
    expect(answer.status, answer.text).toBe(200)
    return (answer.json as { identifier: string }).identifier
  }

  it('opens, describes and closes a session that belongs to its user', async () => {
    await serve()
    const opened = await request('POST', '/sessions', 'alice', {
      configs: { 'kyuubi.session.name': 'report' },
    })
    expect(opened.status).toBe(200)
    const { identifier, kyuubiInstance } = opened.json as { identifier: string; kyuubiInstance: string }
    expect(identifier).toMatch(/^[0-9a-f-]{36}$/)
    expect(kyuubiInstance).toBe('gateway-1:10099')

    const described = await request('GET', `/sessions/${identifier.toUpperCase()}`, 'alice')
    expect(described.status).toBe(200)
    expect(described.json).toMatchObject({
      sessionId: identifier,
      sessionName: 'report',
      sessionType: 'INTERACTIVE',
      user: 'alice',
      conf: { 'kyuubi.session.name': 'report' },
      endTime: 0,
      totalOperations: 0,
    })

    const listed = await request('GET', '/sessions', 'alice')
    expect(listed.status).toBe(200)
    expect(listed.json).toEqual([
      expect.objectContaining({
        identifier,
        user: 'alice',
        sessionName: 'report',
        kyuubiInstance: 'gateway-1:10099',
        totalOperations: 0,
        duration: expect.any(Number),
        idleTime: expect.any(Number),
      }),
    ])
    expect((await request('GET', '/sessions', 'mallory')).json).toEqual([])

    // Another user's session is as unknown as one that never existed.
    for (const method of ['GET', 'DELETE']) {
      const foreign = await request(method, `/sessions/${identifier}`, 'mallory')
      expect(foreign.status).toBe(404)
      expect(foreign.json).toMatchObject({ code: 'SESSION_NOT_FOUND' })
    }
    const closed = await request('DELETE', `/sessions/${identifier}`, 'alice')
    expect(closed.status).toBe(200)
    expect(closed.text).toBe('')
    expect((await request('GET', `/sessions/${identifier}`, 'alice')).status).toBe(404)
    expect((await request('DELETE', `/sessions/${identifier}`, 'alice')).status).toBe(404)
    for (const bad of ['nope', randomUUID()]) {
      const answer = await request('GET', `/sessions/${bad}`, 'alice')
      expect(answer.status).toBe(404)
      expect(answer.json).toMatchObject({ code: 'SESSION_NOT_FOUND' })
    }
  })

  it('an empty body opens a session with no configs; bad configs are 400', async () => {
    await serve()
    const empty = await call(baseUrl(), { method: 'POST', path: `${API}/sessions`, user: 'alice' })
    expect(empty.status).toBe(200)
    for (const body of [{ configs: [] }, { configs: { a: 1 } }, { configs: 'a=b' }, [], 'null']) {
      const answer = await request('POST', '/sessions', 'alice', body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.json).toMatchObject({ code: 'INVALID_REQUEST' })
    }
  })

  it('a proxy user is for admins only: 403 otherwise', async () => {
    await serve()
    const refused = await request('POST', '/sessions', 'alice', {
      configs: { 'hive.server2.proxy.user': 'etl' },
    })
    expect(refused.status).toBe(403)
    expect(refused.json).toMatchObject({ code: 'PERMISSION_DENIED' })
    const handle = await openSession('admin', { 'kyuubi.session.proxy.user': 'etl' })
    const described = await request('GET', `/sessions/${handle}`, 'admin')
    expect(described.status).toBe(200)
    expect((described.json as { user: string }).user).toBe('etl')
  })

  it('too many sessions or operations is 429', async () => {
    await serve({ sessions: { maxPerUser: 1, maxOperationsPerSession: 1 } })
    const handle = await openSession('alice')
    const second = await request('POST', '/sessions', 'alice', {})
    expect(second.status).toBe(429)
    expect(second.json).toMatchObject({ code: 'SESSION_LIMIT_EXCEEDED' })
    const run = () =>
      request('POST', `/sessions/${handle}/operations/statement`, 'alice', {
        statement: 'sleep',
        runAsync: true,
      })
    expect((await run()).status).toBe(200)
    const more = await run()
    expect(more.status).toBe(429)
    expect(more.json).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED' })
  })

  it('a synchronous statement is answered once it ended; an asynchronous one at once', async () => {
    await serve()
    const handle = await openSession('alice')
    let started = Date.now()
    const sync = await request('POST', `/sessions/${handle}/operations/statement`, 'alice', {
      statement: 'delay 300',
    })
    expect(sync.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    const op = (sync.json as { identifier: string }).identifier
    const event = await request('GET', `/operations/${op}/event`, 'alice')
    expect((event.json as { state: string }).state).toBe('FINISHED')

    started = Date.now()
    const async = await request('POST', `/sessions/${handle}/operations/statement`, 'alice', {
      statement: 'sleep',
      runAsync: true,
    })
    expect(Date.now() - started).toBeLessThan(2000)
    const sleeping = (async.json as { identifier: string }).identifier
    expect(
      ((await request('GET', `/operations/${sleeping}/event`, 'alice')).json as { state: string }).state,
    ).toMatch(/PENDING|RUNNING/)
    const described = (await request('GET', `/sessions/${handle}`, 'alice')).json as {
      totalOperations: number
    }
    expect(described.totalOperations).toBe(2)
    // Closing the session closes its operations.
    expect((await request('DELETE', `/sessions/${handle}`, 'alice')).status).toBe(200)
    expect((await request('GET', `/operations/${sleeping}/event`, 'alice')).status).toBe(404)
  })

  it('a synchronous statement longer than the request timeout is answered with its handle, still running', async () => {
    await serve({}, { requestTimeoutMs: 800 })
    const handle = await openSession('alice')
    const started = Date.now()
    const answer = await request('POST', `/sessions/${handle}/operations/statement`, 'alice', {
      statement: 'sleep',
      runAsync: false,
    })
    expect(answer.status).toBe(200)
    expect(Date.now() - started).toBeLessThan(800)
    const op = (answer.json as { identifier: string }).identifier
    const event = (await request('GET', `/operations/${op}/event`, 'alice')).json as { state: string }
    expect(event.state).toBe('RUNNING')
    expect((await request('PUT', `/operations/${op}`, 'alice', { action: 'cancel' })).status).toBe(200)
  })

  it("the handler's close() stops a synchronous statement's wait: it is answered with its handle at once", async () => {
    const rest = await serve({}, { requestTimeoutMs: 30_000 })
    const handle = await openSession('alice')
    const started = Date.now()
    const waiting = request('POST', `/sessions/${handle}/operations/statement`, 'alice', {
      statement: 'sleep',
      runAsync: false,
    })
    // Long enough for the route to be waiting on the operation (it polls it).
    await new Promise((resolve) => setTimeout(resolve, 300))
    await rest.handler.close()
    const answer = await waiting
    expect(answer.status).toBe(200)
    expect(Date.now() - started).toBeLessThan(5_000)
    const op = (answer.json as { identifier: string }).identifier
    expect(rest.engine.operations.status(op, { user: 'alice' }).state).toBe('RUNNING')
  })

  it('queryTimeout (seconds, as Hive counts) times the operation out', async () => {
    await serve()
    const handle = await openSession('alice')
    const answer = await request('POST', `/sessions/${handle}/operations/statement`, 'alice', {
      statement: 'sleep',
      runAsync: true,
      queryTimeout: 1,
    })
    const op = (answer.json as { identifier: string }).identifier
    await waitUntil(
      async () =>
        ((await request('GET', `/operations/${op}/event`, 'alice')).json as { state: string }).state ===
        'TIMEDOUT',
      5000,
      'TIMEDOUT',
    )
  })

  it('bad statement requests are 400, unknown and foreign sessions 404, nothing runs', async () => {
    await serve()
    const handle = await openSession('alice')
    const statement = (body: unknown, user = 'alice', session = handle) =>
      request('POST', `/sessions/${session}/operations/statement`, user, body)
    for (const body of [
      {},
      { statement: '' },
      { statement: 5 },
      { statement: 'range 1', runAsync: 'yes' },
      { statement: 'range 1', queryTimeout: -1 },
      { statement: 'range 1', queryTimeout: 1.5 },
      { statement: 'range 1', queryTimeout: 3_000_000 },
      { statement: 'range 1', confOverlay: { a: 1 } },
      { statement: 'range 1', confOverlay: [] },
      [],
    ]) {
      const answer = await statement(body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.json).toMatchObject({ code: 'INVALID_REQUEST' })
    }
    expect((await statement('')).status).toBe(400)
    for (const [user, session] of [
      ['mallory', handle],
      ['alice', randomUUID()],
      ['alice', 'nope'],
    ] as const) {
      const answer = await statement({ statement: 'range 1' }, user, session)
      expect(answer.status).toBe(404)
      expect(answer.json).toMatchObject({ code: 'SESSION_NOT_FOUND' })
    }
    const described = (await request('GET', `/sessions/${handle}`, 'alice')).json as {
      totalOperations: number
    }
    expect(described.totalOperations).toBe(0)
  })

  it('an engine without a statement executor answers statements 501', async () => {
    await serve({ statementExecutor: undefined })
    const handle = await openSession('alice')
    const answer = await request('POST', `/sessions/${handle}/operations/statement`, 'alice', {
      statement: 'range 1',
    })
    expect(answer.status).toBe(501)
    expect(answer.json).toMatchObject({ code: 'INVALID_OPTIONS' })
  })
})
