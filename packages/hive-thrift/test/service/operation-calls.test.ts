import { describe, expect, it } from 'vitest'
import { waitUntil } from '@batchgate/testkit'
import {
  TFetchOrientation,
  TOperationState,
  TOperationType,
  TStatusCode,
  TTypeId,
} from '@batchgate/hive-thrift'
import { binaryPeer, httpPeer, startService } from './helpers/service-harness.js'

describe('ExecuteStatement and GetOperationStatus', () => {
  it('runs a statement synchronously: FINISHED by the time the handle is answered', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const session = await harness.open(peer)
    const before = Date.now()
    const response = await harness.call(
      'ExecuteStatement',
      { sessionHandle: session, statement: 'range 3' },
      peer,
    )
    expect(response.status.statusCode).toBe(TStatusCode.SUCCESS_STATUS)
    expect(response.operationHandle).toMatchObject({
      operationType: TOperationType.EXECUTE_STATEMENT,
      hasResultSet: true,
    })
    const operationHandle = response.operationHandle
    if (operationHandle === undefined) throw new Error('no handle')
    const status = await harness.call('GetOperationStatus', { operationHandle }, peer)
    expect(status).toMatchObject({
      status: { statusCode: TStatusCode.SUCCESS_STATUS },
      operationState: TOperationState.FINISHED_STATE,
      hasResultSet: true,
    })
    expect(status.errorMessage).toBeUndefined()
    expect(Number(status.operationStarted)).toBeGreaterThanOrEqual(before)
    expect(Number(status.operationCompleted)).toBeGreaterThanOrEqual(Number(status.operationStarted))
  })

  it('runs it asynchronously with runAsync: RUNNING, then CANCELED by CancelOperation', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const session = await harness.open(peer)
    const operationHandle = await harness.execute(session, 'sleep', peer, true)
    const running = await harness.call('GetOperationStatus', { operationHandle }, peer)
    expect(running.operationState).toBe(TOperationState.RUNNING_STATE)
    expect(running.operationCompleted).toBe(0n)
    const cancel = await harness.call('CancelOperation', { operationHandle }, peer)
    expect(cancel.status.statusCode).toBe(TStatusCode.SUCCESS_STATUS)
    const canceled = await harness.call('GetOperationStatus', { operationHandle }, peer)
    expect(canceled.operationState).toBe(TOperationState.CANCELED_STATE)
  })

  it('reports a failed asynchronous statement as ERROR with its message and SQLSTATE', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const session = await harness.open(peer)
    const operationHandle = await harness.execute(session, 'fail', peer, true)
    const handle = opKey(operationHandle.operationId.guid)
    await waitUntil(() => harness.engine.operations.status(handle, { user: 'alice' }).state === 'ERROR')
    const status = await harness.call('GetOperationStatus', { operationHandle }, peer)
    expect(status).toMatchObject({
      operationState: TOperationState.ERROR_STATE,
      errorMessage: 'Table or view not found: nope',
      sqlState: '42S02',
      errorCode: 0,
    })
  })

  it('answers a failed synchronous statement with an ERROR status and closes its operation', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const session = await harness.open(peer)
    const response = await harness.call(
      'ExecuteStatement',
      { sessionHandle: session, statement: 'fail' },
      peer,
    )
    expect(response.status).toMatchObject({
      statusCode: TStatusCode.ERROR_STATUS,
      errorMessage: 'Table or view not found: nope',
      sqlState: '42S02',
    })
    expect(response.operationHandle).toBeUndefined()
    expect(harness.engine.sessions.list({ user: 'alice' })[0]?.operationCount).toBe(0)
  })

  it('times a statement out after queryTimeout seconds (TIMEDOUT, HYT00)', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const session = await harness.open(peer)
    const response = await harness.call(
      'ExecuteStatement',
      { sessionHandle: session, statement: 'sleep', queryTimeout: 1 },
      peer,
    )
    expect(response.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: 'HYT00' })
  })

  it('refuses a negative queryTimeout', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const session = await harness.open(peer)
    const response = await harness.call(
      'ExecuteStatement',
      { sessionHandle: session, statement: 'range 1', queryTimeout: -1 },
      peer,
    )
    expect(response.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: '22023' })
    expect(response.status.errorMessage).toContain('queryTimeout must be between 0 (none) and')
  })

  it('lays confOverlay over the session conf for that statement only', async () => {
    const harness = await startService()
    const peer = httpPeer('alice')
    const session = await harness.open(peer, 9, { region: 'eu' })
    const read = async (confOverlay?: Record<string, string>) => {
      const response = await harness.call(
        'ExecuteStatement',
        { sessionHandle: session, statement: 'conf region', confOverlay },
        peer,
      )
      const operationHandle = response.operationHandle
      if (operationHandle === undefined) throw new Error(response.status.errorMessage)
      const fetched = await harness.call(
        'FetchResults',
        { operationHandle, orientation: TFetchOrientation.FETCH_NEXT, maxRows: 1 },
        peer,
      )
      return fetched.results?.columns?.[0]?.stringVal?.values[0]
    }
    expect(await read({ region: 'us' })).toBe('us')
    expect(await read()).toBe('eu')
  })

  it('answers an empty statement with core’s refusal (22023)', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const session = await harness.open(peer)
    const response = await harness.call('ExecuteStatement', { sessionHandle: session, statement: '  ' }, peer)
    expect(response.status).toMatchObject({
      statusCode: TStatusCode.ERROR_STATUS,
      sqlState: '22023',
      errorCode: 1001,
    })
  })
})

describe('GetResultSetMetadata', () => {
  it('describes each column with its type id, qualifiers, 1-based position and comment', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const session = await harness.open(peer)
    const operationHandle = await harness.execute(session, 'types', peer)
    const response = await harness.call('GetResultSetMetadata', { operationHandle }, peer)
    const columns = response.schema?.columns ?? []
    expect(columns.map(({ columnName, position }) => [columnName, position])).toEqual([
      ['flag', 1],
      ['tiny', 2],
      ['small', 3],
      ['num', 4],
      ['big', 5],
      ['ratio', 6],
      ['name', 7],
      ['price', 8],
      ['day', 9],
      ['bytes', 10],
    ])
    expect(columns.map((column) => column.typeDesc.types[0]?.primitiveEntry?.type)).toEqual([
      TTypeId.BOOLEAN_TYPE,
      TTypeId.TINYINT_TYPE,
      TTypeId.SMALLINT_TYPE,
      TTypeId.INT_TYPE,
      TTypeId.BIGINT_TYPE,
      TTypeId.DOUBLE_TYPE,
      TTypeId.VARCHAR_TYPE,
      TTypeId.DECIMAL_TYPE,
      TTypeId.DATE_TYPE,
      TTypeId.BINARY_TYPE,
    ])
    expect(columns[6]).toMatchObject({
      comment: 'a name',
      typeDesc: {
        types: [
          {
            primitiveEntry: {
              typeQualifiers: { qualifiers: { characterMaximumLength: { i32Value: 20 } } },
            },
          },
        ],
      },
    })
    expect(columns[7]?.typeDesc.types[0]?.primitiveEntry?.typeQualifiers).toEqual({
      qualifiers: { precision: { i32Value: 10 }, scale: { i32Value: 2 } },
    })
    expect(columns[0]?.typeDesc.types[0]?.primitiveEntry?.typeQualifiers).toBeUndefined()
    expect(columns[0]?.comment).toBe('')
  })
})

describe('CloseOperation and handles', () => {
  it('closes an operation; later calls on it answer not found (24000)', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const session = await harness.open(peer)
    const operationHandle = await harness.execute(session, 'range 3', peer)
    const closed = await harness.call('CloseOperation', { operationHandle }, peer)
    expect(closed.status.statusCode).toBe(TStatusCode.SUCCESS_STATUS)
    for (const response of [
      await harness.call('GetOperationStatus', { operationHandle }, peer),
      await harness.call('CloseOperation', { operationHandle }, peer),
      await harness.call('CancelOperation', { operationHandle }, peer),
      await harness.call('GetResultSetMetadata', { operationHandle }, peer),
    ]) {
      expect(response.status).toMatchObject({
        statusCode: TStatusCode.ERROR_STATUS,
        sqlState: '24000',
        errorCode: 1007,
      })
      expect(response.status.errorMessage).toMatch(/^you have no open operation "[0-9a-f-]{36}"/)
    }
  })

  it("answers another user's operation handle and a forged secret as not found, in the same words", async () => {
    const harness = await startService()
    const alice = binaryPeer('alice')
    const session = await harness.open(alice)
    const operationHandle = await harness.execute(session, 'range 3', alice)
    const byBob = await harness.call('GetOperationStatus', { operationHandle }, binaryPeer('bob'))
    const forged = {
      ...operationHandle,
      operationId: { guid: operationHandle.operationId.guid, secret: Buffer.alloc(16) },
    }
    const byForger = await harness.call('GetOperationStatus', { operationHandle: forged }, alice)
    expect(byBob.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: '24000' })
    expect(byForger.status).toEqual(byBob.status)
    const bobFetch = await harness.call(
      'FetchResults',
      { operationHandle, orientation: TFetchOrientation.FETCH_NEXT, maxRows: 3 },
      binaryPeer('bob'),
    )
    expect(bobFetch.status).toEqual(byBob.status)
    const mine = await harness.call('GetOperationStatus', { operationHandle }, alice)
    expect(mine.operationState).toBe(TOperationState.FINISHED_STATE)
  })

  it('lets a NOSASL client use its handles as the user who opened the session', async () => {
    const harness = await startService()
    const first = binaryPeer(undefined)
    const response = await harness.call('OpenSession', { client_protocol: 9, username: 'carol' }, first)
    const session = response.sessionHandle
    if (session === undefined) throw new Error('no session')
    const operationHandle = await harness.execute(session, 'range 2', binaryPeer(undefined))
    const status = await harness.call('GetOperationStatus', { operationHandle }, binaryPeer(undefined))
    expect(status.operationState).toBe(TOperationState.FINISHED_STATE)
    expect(harness.engine.sessions.list({ user: 'carol' })[0]?.operationCount).toBe(1)
  })
})

/** Core's handle of a Thrift guid (a UUID's 16 bytes). */
function opKey(guid: Buffer): string {
  const hex = guid.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
