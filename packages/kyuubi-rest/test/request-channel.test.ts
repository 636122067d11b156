import { randomUUID } from 'node:crypto'
import type { Engine, Logger } from '@batchgate/core'
import { requestChannel, submitChannel, type WireRequestMessage } from '@batchgate/core/diagnostics'
import { RecordingLauncher, RecordingLogger, waitUntil } from '@batchgate/testkit'
import { sqliteFixture, type SqliteFixture } from '@batchgate/store-sqlite/testing'
import { basicAuth, type KyuubiRestEngine, type KyuubiRestOptions } from '@batchgate/kyuubi-rest'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { basicHeader, call, type Call } from './helpers/http-call.js'
import { newSparkBatchRequest } from './helpers/kyuubi-requests.js'
import { startRestServer, type RestServer } from './helpers/rest-server.js'

const BATCHES = '/api/v1/batches'
const PASSWORD = 'Pw-0f-alice'
const CONF_SECRET = 'conf-value-never-logged'

// The REST front on the batchgate:request channel and its logger: a real engine on a SQLite file,
// served by a real node:http server on port 0, called over real sockets.
describe('kyuubi-rest on batchgate:request and its logger', () => {
  let fixture: SqliteFixture
  let rest: RestServer | undefined
  let events: string[]
  let ended: WireRequestMessage[]
  const subscribers = {
    start: () => events.push('request start'),
    end: () => undefined,
    asyncStart: () => undefined,
    asyncEnd: (message: WireRequestMessage) => {
      events.push('request end')
      ended.push({ ...message })
    },
    error: () => events.push('request error'),
  }
  const submitSubscribers = {
    start: () => events.push('submit start'),
    end: () => undefined,
    asyncStart: () => undefined,
    asyncEnd: () => events.push('submit end'),
    error: () => undefined,
  }

  beforeEach(() => {
    fixture = sqliteFixture()
    events = []
    ended = []
    requestChannel.subscribe(subscribers)
    submitChannel.subscribe(submitSubscribers)
  })

  afterEach(async () => {
    requestChannel.unsubscribe(subscribers)
    submitChannel.unsubscribe(submitSubscribers)
    await rest?.close()
    rest = undefined
    await fixture.dispose()
  })

  const serve = async (
    options: Partial<KyuubiRestOptions> = {},
    wrapEngine?: (engine: Engine) => KyuubiRestEngine,
  ): Promise<RestServer> => {
    rest = await startRestServer(
      {
        store: fixture.newStore(),
        launchers: { SPARK: new RecordingLauncher('hold') },
        retention: false,
      },
      { authenticate: basicAuth({ verify: (_user, password) => password === PASSWORD }), ...options },
      wrapEngine,
    )
    return rest
  }

  /** Sends one request and waits for its message (asyncEnd follows the answer, not precedes it). */
  const observed = async (
    request: Call,
  ): Promise<{ status: number; code: unknown; message: WireRequestMessage }> => {
    const before = ended.length
    const answer = await call(rest?.baseUrl ?? '', request)
    await waitUntil(() => ended.length > before)
    expect(ended).toHaveLength(before + 1)
    const message = ended[before]
    if (message === undefined) throw new Error('no batchgate:request message')
    return { status: answer.status, code: (answer.json as { code?: unknown } | undefined)?.code, message }
  }

  it('traces a submission, a missing batch, a bad body, a refused login and an unknown path, each once', async () => {
    await serve()
    const base = { protocol: 'kyuubi-rest', transport: 'http', thriftStatus: undefined }

    const created = await observed({
      method: 'POST',
      path: BATCHES,
      body: newSparkBatchRequest(),
      user: 'alice',
      password: PASSWORD,
    })
    expect(created.status).toBe(200)
    expect(created.message).toEqual({
      ...base,
      method: 'POST',
      route: '/api/v1/batches',
      user: 'alice',
      statusCode: 200,
      errorCode: undefined,
      result: undefined,
    })
    // The request's span holds the submission's: started before it, ended after it.
    expect(events).toEqual(['request start', 'submit start', 'submit end', 'request end'])

    const missing = await observed({ path: `${BATCHES}/${randomUUID()}`, user: 'alice', password: PASSWORD })
    expect(missing.status).toBe(404)
    expect(missing.message).toMatchObject({
      ...base,
      method: 'GET',
      route: '/api/v1/batches/:batchId',
      user: 'alice',
      statusCode: 404,
      errorCode: 'BATCH_NOT_FOUND',
    })

    const bad = await observed({
      method: 'POST',
      path: BATCHES,
      headers: { 'Content-Type': 'application/json' },
      body: '{"batchType": ',
      user: 'alice',
      password: PASSWORD,
    })
    expect(bad.status).toBe(400)
    expect(bad.message).toMatchObject({
      method: 'POST',
      route: '/api/v1/batches',
      user: 'alice',
      statusCode: 400,
      errorCode: bad.code,
    })
    expect(bad.code).toEqual(expect.any(String))

    const refused = await observed({ path: BATCHES })
    expect(refused.status).toBe(401)
    expect(refused.message).toMatchObject({
      method: 'GET',
      route: '/api/v1/batches',
      user: undefined,
      statusCode: 401,
      errorCode: 'UNAUTHENTICATED',
    })

    const unknown = await observed({ path: '/api/v1/nowhere', user: 'alice', password: PASSWORD })
    expect(unknown.status).toBe(404)
    expect(unknown.message).toMatchObject({
      method: 'GET',
      route: undefined,
      user: undefined,
      statusCode: 404,
      errorCode: 'NOT_FOUND',
    })
    expect(events.filter((event) => event === 'request error')).toEqual([])
  })

  it('traces a timed-out request as the 503 it answered and warns with its method and route', async () => {
    const logger = new RecordingLogger()
    // A fault injector around the real engine: reading a batch never answers.
    const hanging = (engine: Engine): KyuubiRestEngine =>
      withBatchGet(engine, () => new Promise(() => undefined))
    await serve({ logger, requestTimeoutMs: 300 }, hanging)

    const timedOut = await observed({ path: `${BATCHES}/${randomUUID()}`, user: 'alice', password: PASSWORD })
    expect(timedOut.status).toBe(503)
    expect(timedOut.message).toMatchObject({
      route: '/api/v1/batches/:batchId',
      statusCode: 503,
      errorCode: 'REQUEST_TIMEOUT',
    })
    expect(logger.at('warn')).toEqual([
      {
        level: 'warn',
        fields: { front: 'kyuubi-rest', method: 'GET', route: '/api/v1/batches/:batchId' },
        message: expect.stringContaining('timed out') as unknown,
      },
    ])
  })

  it('logs a bug answered 500 as an error, every request at debug, and never a password or a conf value', async () => {
    const logger = new RecordingLogger()
    const bug = new TypeError('the store driver broke')
    // A fault injector around the real engine: reading a batch throws what no core code names.
    await serve({ logger }, (engine) => withBatchGet(engine, () => Promise.reject(bug)))

    const submitted = await observed({
      method: 'POST',
      path: BATCHES,
      body: newSparkBatchRequest({ 'spark.secret.token': CONF_SECRET }),
      user: 'alice',
      password: PASSWORD,
    })
    expect(submitted.status).toBe(200)
    const failed = await observed({ path: `${BATCHES}/${randomUUID()}`, user: 'alice', password: PASSWORD })
    expect(failed.status).toBe(500)
    expect(failed.message).toMatchObject({ statusCode: 500, errorCode: 'INTERNAL_ERROR', user: 'alice' })
    const wrongPassword = `${PASSWORD}-wrong`
    const refused = await observed({ path: BATCHES, user: 'mallory', password: wrongPassword })
    expect(refused.status).toBe(401)

    expect(logger.at('error')).toEqual([
      { level: 'error', fields: { front: 'kyuubi-rest', err: bug }, message: expect.any(String) as unknown },
    ])
    const requests = logger.at('debug').filter((line) => line.message === 'kyuubi-rest: request')
    expect(requests.map((line) => line.fields)).toEqual([
      expect.objectContaining({ method: 'POST', route: '/api/v1/batches', statusCode: 200, user: 'alice' }),
      expect.objectContaining({
        method: 'GET',
        route: '/api/v1/batches/:batchId',
        statusCode: 500,
        user: 'alice',
        errorCode: 'INTERNAL_ERROR',
      }),
      expect.objectContaining({
        method: 'GET',
        route: '/api/v1/batches',
        statusCode: 401,
        user: undefined,
        errorCode: 'UNAUTHENTICATED',
      }),
    ])
    for (const line of requests) expect(line.fields.durationMs).toEqual(expect.any(Number))
    // An authentication failure is a debug line (a scanner must not flood warn), with the client's reason only.
    expect(
      logger.at('debug').filter((line) => line.message === 'kyuubi-rest: authentication failed'),
    ).toEqual([
      {
        level: 'debug',
        fields: {
          front: 'kyuubi-rest',
          method: 'GET',
          route: '/api/v1/batches',
          reason: 'wrong user name or password',
        },
        message: 'kyuubi-rest: authentication failed',
      },
    ])
    expect(logger.at('warn')).toEqual([])
    expect(logger.at('info')).toEqual([])

    const logged = logger.serialized()
    for (const secret of [
      PASSWORD,
      wrongPassword,
      basicHeader('alice', PASSWORD).slice('Basic '.length),
      basicHeader('mallory', wrongPassword).slice('Basic '.length),
      CONF_SECRET,
      'spark.secret.token',
    ]) {
      expect(logged).not.toContain(secret)
    }
  })

  it('without a subscriber and with an info logger, serves as before and logs no request', async () => {
    requestChannel.unsubscribe(subscribers)
    const logger = new RecordingLogger()
    // A logger without debug (as a host's at info level): no request line is built.
    const infoLogger: Logger = {
      info: (fields, message) => {
        logger.info(fields, message)
      },
      warn: (fields, message) => {
        logger.warn(fields, message)
      },
      error: (fields, message) => {
        logger.error(fields, message)
      },
      child: () => infoLogger,
    }
    await serve({ logger: infoLogger })
    const answer = await call(rest?.baseUrl ?? '', { path: '/api/v1/ping' })
    expect(answer).toMatchObject({ status: 200, text: 'pong' })
    expect(logger.lines).toEqual([])
    expect(ended).toEqual([])
  })
})

/** The real engine with `batches.get` replaced by `get` (a fault injector). */
function withBatchGet(engine: Engine, get: () => Promise<never>): KyuubiRestEngine {
  const batches: KyuubiRestEngine['batches'] = {
    submit: (request, context) => engine.batches.submit(request, context),
    get,
    list: (query, context) => engine.batches.list(query, context),
    cancel: (id, context) => engine.batches.cancel(id, context),
    log: (id, query, context) => engine.batches.log(id, query, context),
    reassign: (request, context) => engine.batches.reassign(request, context),
  }
  return {
    instanceId: engine.instanceId,
    isAdmin: (user) => engine.isAdmin(user),
    instances: (context) => engine.instances(context),
    batches,
    sessions: engine.sessions,
    operations: engine.operations,
  }
}
