import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { cursorMovementVectors, waitUntil } from '@batchgate/testkit'
import { kyuubiNoneAuth, type ColumnDescDto, type RowSetDto } from '@batchgate/kyuubi-rest'
import { call, type Answer } from './helpers/http-call.js'
import { startRestServer, type RestServer } from './helpers/rest-server.js'
import { STORE_KINDS, type TestStore } from './helpers/stores.js'
import { SHOW_TABLES_ROWS, testExecutor } from './helpers/test-executor.js'

const API = '/api/v1'

// Kyuubi's OperationsResourceSuite (kyuubi-server, api/v1), ported to HTTP against the real listener and a
// real engine whose statements run on core's cursorFromArray; then Spark's FETCH_PRIOR vectors (and every
// other cursor-movement vector of the testkit) through GET rowset, checking startRowOffset.
describe.each(STORE_KINDS)('OperationsResourceSuite, ported, on $name', (kind) => {
  let store: TestStore
  let rest: RestServer

  beforeEach(async (context) => {
    if (kind.skipReason !== undefined) context.skip(kind.skipReason)
    store = await kind.open()
    rest = await startRestServer(
      {
        store: store.newStore(),
        instanceId: 'gateway-1:10099',
        statementExecutor: testExecutor(),
        retention: false,
      },
      { authenticate: kyuubiNoneAuth() },
    )
  })

  afterEach(async () => {
    await (rest as RestServer | undefined)?.close()
    await (store as TestStore | undefined)?.dispose()
  })

  const get = (path: string, user = 'admin') => call(rest.baseUrl, { path: `${API}${path}`, user })
  const put = (path: string, body: unknown, user = 'admin') =>
    call(rest.baseUrl, { method: 'PUT', path: `${API}${path}`, body, user })

  /** Kyuubi's getOpHandleStr: opens a session and runs the statement asynchronously. */
  async function getOpHandleStr(statement = 'show tables', user = 'admin'): Promise<string> {
    const session = await call(rest.baseUrl, {
      method: 'POST',
      path: `${API}/sessions`,
      body: { configs: { testConfig: 'testValue' } },
      user,
    })
    expect(session.status).toBe(200)
    const { identifier } = session.json as { identifier: string }
    const op = await call(rest.baseUrl, {
      method: 'POST',
      path: `${API}/sessions/${identifier}/operations/statement`,
      body: { statement, runAsync: true, queryTimeout: 3000 },
      user,
    })
    expect(op.status, op.text).toBe(200)
    return (op.json as { identifier: string }).identifier
  }

  async function checkOpState(handle: string, state: string): Promise<void> {
    await waitUntil(
      async () => {
        const event = await get(`/operations/${handle}/event`)
        return event.status === 200 && (event.json as { state: string }).state === state
      },
      5000,
      `operation ${handle} ${state}`,
    )
  }

  const rowset = async (handle: string, query = ''): Promise<Answer> =>
    get(`/operations/${handle}/rowset${query}`)

  /** Runs `statement`, waits until it finished, and fetches a block of its result with `query`. */
  async function finishedRowSet(statement: string, query = ''): Promise<RowSetDto> {
    const handle = await getOpHandleStr(statement)
    await checkOpState(handle, 'FINISHED')
    const response = await rowset(handle, query)
    expect(response.status).toBe(200)
    return response.json as RowSetDto
  }

  it('get an operation event', async () => {
    const handle = await getOpHandleStr()
    await checkOpState(handle, 'FINISHED')
    const event = (await get(`/operations/${handle}/event`)).json as Record<string, unknown>
    expect(event).toMatchObject({
      statementId: handle,
      statement: 'show tables',
      state: 'FINISHED',
      exception: null,
      sessionUser: 'admin',
      sessionType: 'INTERACTIVE',
      kyuubiInstance: 'gateway-1:10099',
    })
    expect(event.createTime).toEqual(expect.any(Number))
    expect(event.completeTime).toBeGreaterThanOrEqual(event.startTime as number)

    // Invalid operationHandleStr
    const response = await get(`/operations/${randomUUID()}/event`)
    expect(response.status).toBe(404)
    expect(response.json).toMatchObject({ code: 'OPERATION_NOT_FOUND' })
  })

  it('apply an action for an operation', async () => {
    const handle = await getOpHandleStr('sleep')
    await checkOpState(handle, 'RUNNING')
    let response = await put(`/operations/${handle}`, { action: 'cancel' })
    expect(response.status).toBe(200)
    expect(response.text).toBe('')
    await checkOpState(handle, 'CANCELED')

    response = await put(`/operations/${handle}`, { action: 'CLOSE' })
    expect(response.status).toBe(200)
    response = await get(`/operations/${handle}/event`)
    expect(response.status).toBe(404)

    // An action that is neither: 400 (Kyuubi: 404).
    const other = await getOpHandleStr()
    response = await put(`/operations/${other}`, { action: 'restart' })
    expect(response.status).toBe(400)
    expect(response.json).toMatchObject({ code: 'INVALID_REQUEST' })
    response = await put(`/operations/${other}`, 'not json')
    expect(response.status).toBe(400)
  })

  it('get result set metadata', async () => {
    const handle = await getOpHandleStr()
    await checkOpState(handle, 'FINISHED')
    const response = await get(`/operations/${handle}/resultsetmetadata`)
    expect(response.status).toBe(200)
    const { columns } = response.json as { columns: ColumnDescDto[] }
    expect(columns[1]?.columnName).toBe('tableName')
    expect(columns).toEqual([
      {
        columnName: 'database',
        dataType: 'STRING_TYPE',
        columnIndex: 0,
        precision: 0,
        scale: 0,
        comment: '',
      },
      {
        columnName: 'tableName',
        dataType: 'STRING_TYPE',
        columnIndex: 1,
        precision: 0,
        scale: 0,
        comment: '',
      },
      {
        columnName: 'isTemporary',
        dataType: 'BOOLEAN_TYPE',
        columnIndex: 2,
        precision: 0,
        scale: 0,
        comment: '',
      },
    ])
  })

  it('test get result row set', async () => {
    const rows = await finishedRowSet(
      'select "test", 1, 0.32d, true',
      '?maxrows=2&fetchorientation=FETCH_NEXT',
    )
    expect(rows.rows[0]?.fields[0]?.value).toBe('test')
    expect(rows.rowCount).toBe(1)
    expect(rows).toEqual({
      rows: [
        {
          fields: [
            { dataType: 'STRING_VAL', value: 'test' },
            { dataType: 'I32_VAL', value: 1 },
            { dataType: 'DOUBLE_VAL', value: 0.32 },
            { dataType: 'BOOL_VAL', value: true },
          ],
        },
      ],
      rowCount: 1,
      startRowOffset: 0,
      hasMoreRows: false,
    })
  })

  it('test get result row set with default value', async () => {
    const rows = await finishedRowSet('select "test", 1, 0.32d, true')
    expect(rows.rows[0]?.fields[0]?.value).toBe('test')
    expect(rows.rowCount).toBe(1)
  })

  it('test invalid max rows', async () => {
    const handle = await getOpHandleStr('select "test", 1, 0.32d, true')
    await checkOpState(handle, 'FINISHED')
    const response = await rowset(handle, '?maxrows=10000')
    expect(response.status).toBe(400)
    expect(response.json).toMatchObject({ code: 'INVALID_FETCH_REQUEST' })
  })

  it('test get result row set with null value', async () => {
    const rows = await finishedRowSet('select null values', '?maxrows=2&fetchorientation=FETCH_NEXT')
    expect(rows.rows[0]?.fields.every((field) => field.value === null)).toBe(true)
    expect(rows.rows[0]?.fields.map((field) => field.dataType)).toEqual([
      'STRING_VAL',
      'BOOL_VAL',
      'BYTE_VAL',
      'DOUBLE_VAL',
      'I16_VAL',
      'I32_VAL',
      'I64_VAL',
    ])
    expect(rows.rowCount).toBe(1)
  })

  it('support binary type in result set', async () => {
    const rows = await finishedRowSet("select binary('kyuubi')")
    expect(rows.rowCount).toBe(1)
    const field = rows.rows[0]?.fields[0]
    // For a column-based set the data type is BINARY_VAL; Jackson writes byte[] as base64.
    expect(field?.dataType).toBe('BINARY_VAL')
    expect(Buffer.from(field?.value as string, 'base64').toString('utf8')).toBe('kyuubi')
  })

  it('sends BIGINT beyond 2^53 as a string, DECIMAL and DATE as strings, NaN as "NaN"', async () => {
    const handle = await getOpHandleStr('types')
    await checkOpState(handle, 'FINISHED')
    const rows = (await rowset(handle)).json as RowSetDto
    expect(rows.rows[0]?.fields).toEqual([
      { dataType: 'I64_VAL', value: '9007199254740993' },
      { dataType: 'I64_VAL', value: 42 },
      { dataType: 'STRING_VAL', value: '12.50' },
      { dataType: 'STRING_VAL', value: '2026-11-20' },
      { dataType: 'DOUBLE_VAL', value: 'NaN' },
      { dataType: 'BYTE_VAL', value: -3 },
      { dataType: 'STRING_VAL', value: 'ünïcödé' },
    ])
    const { columns } = (await get(`/operations/${handle}/resultsetmetadata`)).json as {
      columns: ColumnDescDto[]
    }
    expect(columns[2]).toEqual({
      columnName: 'price',
      dataType: 'DECIMAL_TYPE',
      columnIndex: 2,
      precision: 10,
      scale: 2,
      comment: 'in euros',
    })
    expect(columns[6]).toMatchObject({ dataType: 'VARCHAR_TYPE', precision: 0 })
  })

  it('rowset FETCH_NEXT, FETCH_PRIOR and FETCH_FIRST scroll one cursor', async () => {
    const handle = await getOpHandleStr()
    await checkOpState(handle, 'FINISHED')
    const names = async (query: string): Promise<[unknown[], number]> => {
      const block = (await rowset(handle, query)).json as RowSetDto
      return [block.rows.map((row) => row.fields[1]?.value), block.startRowOffset]
    }
    const tables = SHOW_TABLES_ROWS.map((row) => row[1])
    expect(await names('?maxrows=2')).toEqual([tables.slice(0, 2), 0])
    expect(await names('?maxrows=2&fetchorientation=FETCH_NEXT')).toEqual([tables.slice(2), 2])
    expect(await names('?maxrows=1&fetchorientation=FETCH_PRIOR')).toEqual([tables.slice(1, 2), 1])
    expect(await names('?maxrows=5&fetchorientation=FETCH_FIRST')).toEqual([tables, 0])
    expect(await names('?maxrows=5')).toEqual([[], 3])
  })

  it('close then 404', async () => {
    const handle = await getOpHandleStr()
    await checkOpState(handle, 'FINISHED')
    expect((await rowset(handle, '?maxrows=1')).status).toBe(200)
    expect((await put(`/operations/${handle}`, { action: 'close' })).status).toBe(200)
    for (const path of ['rowset', 'resultsetmetadata', 'event']) {
      const response = await get(`/operations/${handle}/${path}`)
      expect(response.status, path).toBe(404)
      expect(response.json).toMatchObject({ code: 'OPERATION_NOT_FOUND' })
    }
    expect((await put(`/operations/${handle}`, { action: 'close' })).status).toBe(404)
  })

  it('bad maxrows, orientations, offsets and handles answer 400 or 404, and leave the cursor where it was', async () => {
    const handle = await getOpHandleStr('range 10')
    await checkOpState(handle, 'FINISHED')
    for (const query of [
      '?maxrows=abc',
      '?maxrows=0',
      '?maxrows=-1',
      '?maxrows=1.5',
      '?maxrows=99999999999999999999',
      '?fetchorientation=fetch_next',
      '?fetchorientation=FETCH_BACKWARDS',
      '?fetchorientation=FETCH_ABSOLUTE',
      '?fetchorientation=FETCH_ABSOLUTE&offset=x',
      '?fetchorientation=FETCH_NEXT&offset=3',
    ]) {
      const response = await rowset(handle, query)
      expect(response.status, query).toBe(400)
      expect(response.json, query).toMatchObject({ code: 'INVALID_FETCH_REQUEST' })
    }
    const first = (await rowset(handle, '?maxrows=3')).json as RowSetDto
    expect(first.startRowOffset).toBe(0)
    expect(first.rows.map((row) => row.fields[0]?.value)).toEqual([0, 1, 2])

    for (const bad of ['nope', '%00', `${randomUUID()}0`]) {
      const response = await rowset(bad)
      expect(response.status, bad).toBe(404)
      expect(response.json).toMatchObject({ code: 'OPERATION_NOT_FOUND' })
    }
    // Another user's operation is as unknown as one that never existed.
    for (const path of ['rowset', 'resultsetmetadata', 'event']) {
      const response = await get(`/operations/${handle}/${path}`, 'mallory')
      expect(response.status).toBe(404)
      expect(response.json).toMatchObject({ code: 'OPERATION_NOT_FOUND' })
    }
    expect((await put(`/operations/${handle}`, { action: 'close' }, 'mallory')).status).toBe(404)
    expect((await rowset(handle, '?maxrows=1')).status).toBe(200)
  })

  it('a result that is not ready is 400 INVALID_OPERATION_STATE', async () => {
    const handle = await getOpHandleStr('sleep')
    await checkOpState(handle, 'RUNNING')
    for (const [path, what] of [
      ['rowset', 'fetch'],
      ['resultsetmetadata', 'result metadata'],
    ] as const) {
      const response = await get(`/operations/${handle}/${path}`)
      expect(response.status).toBe(400)
      expect(response.json).toMatchObject({
        code: 'INVALID_OPERATION_STATE',
        message: expect.stringContaining(what),
      })
    }
    expect((await put(`/operations/${handle}`, { action: 'close' })).status).toBe(200)
  })

  it('a failed statement reports ERROR with its message and SQLSTATE', async () => {
    const handle = await getOpHandleStr('fail')
    await checkOpState(handle, 'ERROR')
    const event = (await get(`/operations/${handle}/event`)).json as Record<string, unknown>
    expect(event.exception).toEqual({ message: 'Table or view not found: nope', sqlState: '42S02' })
  })

  it.each(cursorMovementVectors.map((vector) => [vector.name, vector] as const))(
    'cursor movement through GET rowset: %s',
    async (_name, vector) => {
      const handle = await getOpHandleStr(`range ${vector.rowCount}`)
      await checkOpState(handle, 'FINISHED')
      for (const [index, step] of vector.steps.entries()) {
        const offset = step.offset === undefined ? '' : `&offset=${step.offset}`
        const response = await rowset(
          handle,
          `?maxrows=${step.maxRows}&fetchorientation=${step.orientation}${offset}`,
        )
        expect(response.status, `step ${index}`).toBe(200)
        const block = response.json as RowSetDto
        const [start, end] = step.block
        expect(block.startRowOffset, `step ${index} startRowOffset`).toBe(start)
        expect(
          block.rows.map((row) => row.fields[0]?.value),
          `step ${index} rows`,
        ).toEqual(Array.from({ length: end - start }, (_, i) => start + i))
        expect(block.rowCount).toBe(end - start)
        expect(block.hasMoreRows, `step ${index} hasMoreRows`).toBe(end < vector.rowCount)
      }
    },
  )
})
