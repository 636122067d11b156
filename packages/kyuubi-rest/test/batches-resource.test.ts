import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { KYUUBI_BATCH_DUPLICATED_KEY, KYUUBI_BATCH_ID_KEY } from '@batchgate/core'
import { RecordingLauncher, waitUntil } from '@batchgate/testkit'
import { kyuubiNoneAuth, type BatchDto, type BatchListDto } from '@batchgate/kyuubi-rest'
import { call } from './helpers/http-call.js'
import {
  increasingClock,
  newBatchId,
  newBatchRequest,
  newSparkBatchRequest,
  SPARK_APP_NAME,
} from './helpers/kyuubi-requests.js'
import { startRestServer, type RestServer } from './helpers/rest-server.js'
import { STORE_KINDS, type TestStore } from './helpers/stores.js'

const BATCHES = '/api/v1/batches'

// Kyuubi's BatchesResourceSuite (kyuubi-server, api/v1), ported to HTTP against the real listener: each
// test keeps Kyuubi's steps and checks, and says where batchgate answers differently (a 400 where Kyuubi
// answers 500 for bad input; listings show the caller's own batches).
describe.each(STORE_KINDS)('BatchesResourceSuite, ported, on $name', (kind) => {
  let store: TestStore
  let rest: RestServer
  let launcher: RecordingLauncher

  beforeEach(async (context) => {
    if (kind.skipReason !== undefined) context.skip(kind.skipReason)
    store = await kind.open()
    launcher = new RecordingLauncher('hold')
    rest = await startRestServer(
      {
        store: store.newStore(),
        instanceId: 'gateway-1:10099',
        launchers: { SPARK: launcher, PYSPARK: launcher },
        admins: ['admin'],
        clock: increasingClock(),
        retention: false,
      },
      { authenticate: kyuubiNoneAuth() },
    )
  })

  afterEach(async () => {
    // Undefined when the test was skipped before they were made.
    await (rest as RestServer | undefined)?.close()
    await (store as TestStore | undefined)?.dispose()
  })

  const post = (body: unknown, user = 'anonymous') =>
    call(rest.baseUrl, { method: 'POST', path: BATCHES, body, user })
  const get = (path: string, user = 'anonymous') => call(rest.baseUrl, { path, user })
  const del = (path: string, user = 'anonymous') => call(rest.baseUrl, { method: 'DELETE', path, user })

  it('open batch session', async () => {
    const response = await post(newSparkBatchRequest({ 'spark.master': 'local' }))
    expect(response.status).toBe(200)
    let batch = response.json as BatchDto
    expect(batch.kyuubiInstance).toBe('gateway-1:10099')
    expect(batch.batchType).toBe('SPARK')
    expect(batch.name).toBe(SPARK_APP_NAME)
    expect(batch.createTime).toBeGreaterThan(0)
    expect(batch.endTime).toBe(0)
    expect(batch.user).toBe('anonymous')
    expect(batch.batchInfo).toEqual({})
    await waitUntil(() => launcher.launchesOf(batch.id) === 1)

    // A proxy user asked for by a non-admin: 403, in Kyuubi's words.
    const proxied = await post(
      newSparkBatchRequest({ 'spark.master': 'local', 'hive.server2.proxy.user': 'root' }),
    )
    expect(proxied.status).toBe(403)
    expect(proxied.json).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: expect.stringContaining('Failed to validate proxy privilege of anonymous for root'),
    })

    let getBatch = await get(`${BATCHES}/${batch.id}`)
    expect(getBatch.status).toBe(200)
    batch = getBatch.json as BatchDto
    expect(batch).toMatchObject({
      kyuubiInstance: 'gateway-1:10099',
      batchType: 'SPARK',
      name: SPARK_APP_NAME,
    })
    expect(batch.createTime).toBeGreaterThan(0)
    expect(batch.endTime).toBe(0)
    expect(batch.appId).toBeNull()
    expect(batch.appStartTime).toBe(0)

    // The launcher reports its application: Kyuubi's "if appId != null, appStartTime > 0".
    const launch = launcher.contextOf(batch.id)
    expect(
      await launch.reportApplication({
        appId: 'local-1700000000000',
        appState: 'RUNNING',
        appStartTime: Date.now(),
      }),
    ).toBe(true)
    batch = (await get(`${BATCHES}/${batch.id}`)).json as BatchDto
    expect(batch.appId).toBe('local-1700000000000')
    expect(batch.appState).toBe('RUNNING')
    expect(batch.appStartTime).toBeGreaterThan(0)

    // invalid batchId
    getBatch = await get(`${BATCHES}/invalidBatchId`)
    expect(getBatch.status).toBe(404)
    expect(getBatch.json).toMatchObject({ code: 'BATCH_NOT_FOUND' })

    // get batch log
    launch.log(`/opt/spark/bin/spark-submit --class ${SPARK_APP_NAME} ${batch.id}`)
    launch.log(`INFO SparkContext: Submitted application: ${SPARK_APP_NAME}`)
    let logResponse = await get(`${BATCHES}/${batch.id}/localLog?from=0&size=1`)
    expect(logResponse.status).toBe(200)
    let log = logResponse.json as { logRowSet: string[]; rowCount: number }
    expect(log.rowCount).toBe(1)
    expect(log.logRowSet).toHaveLength(1)
    logResponse = await get(`${BATCHES}/${batch.id}/localLog?from=-1&size=100`)
    log = logResponse.json as { logRowSet: string[]; rowCount: number }
    // check both the launcher's line and the application's
    expect(log.logRowSet.some((line) => line.includes('bin/spark-submit'))).toBe(true)
    expect(log.logRowSet.some((line) => line.includes(`Submitted application: ${SPARK_APP_NAME}`))).toBe(true)
    expect(log.rowCount).toBe(2)
    log = (await get(`${BATCHES}/${batch.id}/localLog`)).json as { logRowSet: string[]; rowCount: number }
    expect(log.rowCount).toBe(2)
    log = (await get(`${BATCHES}/${batch.id}/localLog?from=1&size=5`)).json as {
      logRowSet: string[]
      rowCount: number
    }
    expect(log.logRowSet).toEqual([`INFO SparkContext: Submitted application: ${SPARK_APP_NAME}`])

    // another user deletes: 403 (core's PERMISSION_DENIED; Kyuubi answers 403 too)
    let deleted = await del(`${BATCHES}/${batch.id}`, batch.id)
    expect(deleted.status).toBe(403)
    expect(deleted.json).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: `user ${batch.id} may not cancel batch ${batch.id}`,
    })

    // invalid batchId, then a batch that does not exist
    deleted = await del(`${BATCHES}/notValidUUID`)
    expect(deleted.status).toBe(404)
    deleted = await del(`${BATCHES}/${randomUUID()}`)
    expect(deleted.status).toBe(404)
    expect(deleted.json).toMatchObject({ code: 'BATCH_NOT_FOUND' })

    // close the batch session
    deleted = await del(`${BATCHES}/${batch.id}`)
    expect(deleted.status).toBe(200)
    const closed = deleted.json as { success: boolean; msg: string }
    expect(closed).toEqual({ success: true, msg: expect.stringContaining(batch.id) })

    getBatch = await get(`${BATCHES}/${batch.id}`)
    expect(getBatch.status).toBe(200)
    batch = getBatch.json as BatchDto
    expect(batch.state).toBe('CANCELED')
    expect(batch.endTime).toBeGreaterThan(0)
    expect(batch.appDiagnostic).toBe('canceled by anonymous')

    // close the closed batch session
    deleted = await del(`${BATCHES}/${batch.id}`)
    expect(deleted.status).toBe(200)
    expect((deleted.json as { success: boolean }).success).toBe(false)
  })

  it('open batch session w/ batch id', async () => {
    const batchId = newBatchId()
    const request = newSparkBatchRequest({ 'spark.master': 'local', [KYUUBI_BATCH_ID_KEY]: batchId })

    const first = await post(request)
    expect(first.status).toBe(200)
    const batch1 = first.json as BatchDto
    expect(batch1.id).toBe(batchId)
    expect(batch1.batchInfo).toEqual({})

    const second = await post(request)
    expect(second.status).toBe(200)
    const batch2 = second.json as BatchDto
    expect(batch2.id).toBe(batchId)
    expect(batch1.createTime).toBe(batch2.createTime)
    expect(batch2.batchInfo).toEqual({ [KYUUBI_BATCH_DUPLICATED_KEY]: 'true' })

    await waitUntil(() => launcher.launchesOf(batchId) === 1)
    expect(launcher.launched).toHaveLength(1)
    expect(await store.rawBatchIds()).toEqual([batchId])
  })

  it('the same id by another user, or with another request, is 409 and reveals nothing', async () => {
    const batchId = newBatchId()
    expect((await post(newSparkBatchRequest({ [KYUUBI_BATCH_ID_KEY]: batchId }))).status).toBe(200)
    const byOther = await post(newSparkBatchRequest({ [KYUUBI_BATCH_ID_KEY]: batchId }), 'mallory')
    expect(byOther.status).toBe(409)
    expect(byOther.json).toMatchObject({ code: 'BATCH_ID_CONFLICT' })
    expect(byOther.text).not.toContain('anonymous')
    const changed = await post({
      ...newSparkBatchRequest({ [KYUUBI_BATCH_ID_KEY]: batchId }),
      args: ['other'],
    })
    expect(changed.status).toBe(409)
    expect(await store.rawBatchIds()).toEqual([batchId])
  })

  it('get batch session list', async () => {
    const list = async (query: string): Promise<{ status: number; body: BatchListDto }> => {
      const answer = await get(`${BATCHES}?${query}`)
      return { status: answer.status, body: answer.json as BatchListDto }
    }
    let response = await list(
      'batchType=spark&batchUser=anonymous&batchState=RUNNING&createTime=0&endTime=0&from=0&size=2',
    )
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ from: 0, total: 0, batches: [] })

    for (let i = 0; i < 3; i++) {
      const created = await post(
        newBatchRequest('spark', '/jars/app.jar', '', '', { [KYUUBI_BATCH_ID_KEY]: newBatchId() }),
      )
      expect(created.status).toBe(200)
    }

    response = await list('batchType=spark&from=0&size=2')
    expect(response.status).toBe(200)
    expect(response.body.total).toBe(2)
    expect(response.body.batches).toHaveLength(2)

    response = await list('batchType=spark&from=2&size=2')
    expect(response.body).toMatchObject({ from: 2, total: 1 })

    response = await list('batchType=spark&from=3&size=2')
    expect(response.body).toEqual({ from: 3, total: 0, batches: [] })

    response = await list('batchType=mock&from=2&size=2')
    expect(response.body.total).toBe(0)

    response = await list('from=2&size=2')
    expect(response.body.total).toBe(1)

    // Kyuubi answers 500 for an inverted time range; batchgate 400.
    const now = Date.now()
    const inverted = await get(`${BATCHES}?createTime=${now}&endTime=${now - 1}&from=2&size=2`)
    expect(inverted.status).toBe(400)
    expect(inverted.json).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('Invalid time range'),
    })

    const firstBatch = (await list('from=0&size=1&desc=false')).body.batches[0]
    const lastBatch = (await list('from=0&size=1&desc=true&createTime=1')).body.batches[0]
    expect(firstBatch?.createTime).toBeLessThan(lastBatch?.createTime ?? 0)
  })

  it('list pages cover every batch once, oldest first by default and newest first with desc', async () => {
    const ids: string[] = []
    for (let i = 0; i < 7; i++) {
      const answer = await post(newSparkBatchRequest({ [KYUUBI_BATCH_ID_KEY]: newBatchId() }))
      ids.push((answer.json as BatchDto).id)
    }
    const walk = async (desc: boolean): Promise<string[]> => {
      const seen: string[] = []
      for (let from = 0; ; from += 3) {
        const page = (await get(`${BATCHES}?from=${from}&size=3&desc=${desc}`)).json as BatchListDto
        expect(page.from).toBe(from)
        expect(page.total).toBe(page.batches.length)
        seen.push(...page.batches.map((batch) => batch.id))
        if (page.batches.length < 3) return seen
      }
    }
    expect(await walk(false)).toEqual(ids)
    expect(await walk(true)).toEqual([...ids].reverse())
  })

  it('list filters by state, end time and user as Kyuubi does', async () => {
    const running = (await post(newSparkBatchRequest())).json as BatchDto
    const canceled = (await post(newSparkBatchRequest())).json as BatchDto
    await waitUntil(() => launcher.launchesOf(canceled.id) === 1)
    expect((await del(`${BATCHES}/${canceled.id}`)).status).toBe(200)
    const ended = (await get(`${BATCHES}/${canceled.id}`)).json as BatchDto

    const ids = async (query: string, user = 'anonymous'): Promise<string[]> =>
      ((await get(`${BATCHES}?${query}`, user)).json as BatchListDto).batches.map((batch) => batch.id)
    expect(await ids('batchState=canceled')).toEqual([canceled.id])
    expect(await ids(`endTime=${ended.endTime}`)).toEqual([canceled.id])
    expect(await ids(`endTime=${ended.endTime - 1}`)).toEqual([])
    expect(await ids('batchState=PENDING&batchState=RUNNING')).toHaveLength(0)
    // An admin sees everyone's; another user none of these.
    expect(await ids('batchUser=anonymous', 'admin')).toEqual([running.id, canceled.id])
    expect(await ids('', 'bob')).toEqual([])
    const foreign = await get(`${BATCHES}?batchUser=anonymous`, 'bob')
    expect(foreign.status).toBe(403)
    expect(foreign.json).toMatchObject({ code: 'PERMISSION_DENIED' })

    const badState = await get(`${BATCHES}?batchState=DONE`)
    expect(badState.status).toBe(400)
    expect(badState.json).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('The valid batch state can be one of the following'),
    })
    for (const query of ['from=-1', 'size=-1', 'from=x', 'size=1.5', 'desc=maybe', 'createTime=-5']) {
      const answer = await get(`${BATCHES}?${query}`)
      expect(answer.status, query).toBe(400)
      expect(answer.json, query).toMatchObject({ code: 'INVALID_REQUEST' })
    }
  })

  it('get batch list with batch name filter condition', async () => {
    const uniqueName = randomUUID()
    await post(
      newBatchRequest('spark', '/jars/app.jar', '', uniqueName, { [KYUUBI_BATCH_ID_KEY]: newBatchId() }),
    )
    await post(
      newBatchRequest('spark', '/jars/app.jar', '', 'another name', { [KYUUBI_BATCH_ID_KEY]: newBatchId() }),
    )
    const response = await get(`${BATCHES}?batchName=${uniqueName}`)
    expect(response.status).toBe(200)
    expect((response.json as BatchListDto).total).toBe(1)
    expect((response.json as BatchListDto).batches[0]?.name).toBe(uniqueName)
  })

  it('get local log internal redirection: a batch created elsewhere is 404 BATCH_LOG_NOT_LOCAL naming its instance', async () => {
    const other = await startRestServer(
      {
        store: store.newStore(),
        instanceId: 'gateway-2:10099',
        launchers: { SPARK: launcher },
        retention: false,
      },
      { authenticate: kyuubiNoneAuth() },
    )
    try {
      const elsewhere = (
        await call(other.baseUrl, {
          method: 'POST',
          path: BATCHES,
          body: newSparkBatchRequest(),
          user: 'kyuubi',
        })
      ).json as BatchDto
      expect(elsewhere.kyuubiInstance).toBe('gateway-2:10099')
      // Kyuubi redirects to that instance (or answers 500 when it cannot); batchgate says where it is.
      const logResponse = await get(`${BATCHES}/${elsewhere.id}/localLog?from=0&size=1`, 'kyuubi')
      expect(logResponse.status).toBe(404)
      expect(logResponse.json).toEqual({
        code: 'BATCH_LOG_NOT_LOCAL',
        message: expect.stringContaining('gateway-2:10099'),
      })
      // The instance that runs it serves it.
      const there = await call(other.baseUrl, { path: `${BATCHES}/${elsewhere.id}/localLog`, user: 'kyuubi' })
      expect(there.status).toBe(200)
    } finally {
      await other.close()
    }

    // get local batch log that is not existing
    const missing = await get(`${BATCHES}/${randomUUID()}/localLog?from=0&size=1`)
    expect(missing.status).toBe(404)
    expect(missing.json).toMatchObject({ code: 'BATCH_NOT_FOUND' })

    const own = (await post(newSparkBatchRequest())).json as BatchDto
    const foreign = await get(`${BATCHES}/${own.id}/localLog`, 'mallory')
    expect(foreign.status).toBe(403)
    for (const query of ['from=-2', 'from=x', 'size=-1', 'size=10001', 'size=1e3']) {
      const answer = await get(`${BATCHES}/${own.id}/localLog?${query}`)
      expect(answer.status, query).toBe(400)
      expect(answer.json, query).toMatchObject({ code: 'INVALID_REQUEST' })
    }
  })

  it('negative request', async () => {
    // Kyuubi answers these 500; batchgate 400 INVALID_REQUEST naming the field, and stores nothing.
    const cases: [unknown, string][] = [
      [newBatchRequest(null, '/jars/app.jar', 'Main', 'name'), 'batchType'],
      [newBatchRequest('sp', '/jars/app.jar', 'Main', 'name'), 'batchType SP has no launcher'],
      [newBatchRequest('SPARK', null, 'Main', 'test-name'), 'resource'],
    ]
    for (const [request, message] of cases) {
      const response = await post(request)
      expect(response.status).toBe(400)
      expect(response.json).toMatchObject({
        code: 'INVALID_REQUEST',
        message: expect.stringContaining(message),
      })
    }
    expect(await store.rawBatchIds()).toEqual([])

    for (const [batchId, message] of [
      ['%3F%3F', 'Invalid batchId: "??"'],
      ['3ea7ddbe-0c35-45da-85ad-3186770181a7', 'Invalid batchId: "3ea7ddbe-0c35-45da-85ad-3186770181a7"'],
    ] as const) {
      const response = await get(`${BATCHES}/${batchId}`)
      expect(response.status).toBe(404)
      expect(response.json).toEqual({ code: 'BATCH_NOT_FOUND', message })
    }
  })

  it('open batch session with proxyUser', async () => {
    const withProxy = (conf: Record<string, string>, user = 'anonymous') =>
      post(newSparkBatchRequest({ 'spark.master': 'local', ...conf }), user)
    const errorMessage = 'Failed to validate proxy privilege of anonymous for kyuubi'

    // use kyuubi.session.proxy.user
    let response = await withProxy({ 'kyuubi.session.proxy.user': 'kyuubi' })
    expect(response.status).toBe(403)
    expect((response.json as { message: string }).message).toContain(errorMessage)
    // it should be the same behavior as hive.server2.proxy.user
    response = await withProxy({ 'hive.server2.proxy.user': 'kyuubi' })
    expect(response.status).toBe(403)
    expect((response.json as { message: string }).message).toContain(errorMessage)
    // when both set, kyuubi.session.proxy.user takes precedence
    response = await withProxy({
      'kyuubi.session.proxy.user': 'kyuubi',
      'hive.server2.proxy.user': 'kyuubiHiveServer2',
    })
    expect(response.status).toBe(403)
    expect((response.json as { message: string }).message).toContain(errorMessage)
    expect(await store.rawBatchIds()).toEqual([])

    // An admin may act as another user: the batch is theirs.
    response = await withProxy({ 'kyuubi.session.proxy.user': 'kyuubi' }, 'admin')
    expect(response.status).toBe(200)
    expect((response.json as BatchDto).user).toBe('kyuubi')
    // Acting as oneself needs no privilege.
    response = await withProxy({ 'hive.server2.proxy.user': 'anonymous' })
    expect(response.status).toBe(200)
    expect((response.json as BatchDto).user).toBe('anonymous')
  })
})
