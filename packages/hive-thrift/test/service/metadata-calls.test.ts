import { describe, expect, it } from 'vitest'
import {
  TFetchOrientation,
  TOperationState,
  TOperationType,
  TStatusCode,
  type TOperationHandle,
  type TOperationResp,
} from '@batchgate/hive-thrift'
import { binaryPeer, startService, type ServiceHarness, type TestPeer } from './helpers/service-harness.js'

function handleOf(response: TOperationResp): TOperationHandle {
  if (response.operationHandle === undefined)
    throw new Error(`no handle: ${response.status.errorMessage ?? ''}`)
  return response.operationHandle
}

/** The column names (GetResultSetMetadata) and the string columns' values (FetchResults) of an operation. */
async function read(harness: ServiceHarness, response: TOperationResp, peer: TestPeer) {
  expect(response.status.statusCode, response.status.errorMessage).toBe(TStatusCode.SUCCESS_STATUS)
  const operationHandle = handleOf(response)
  const status = await harness.call('GetOperationStatus', { operationHandle }, peer)
  expect(status.operationState).toBe(TOperationState.FINISHED_STATE)
  const metadata = await harness.call('GetResultSetMetadata', { operationHandle }, peer)
  const names = (metadata.schema?.columns ?? []).map((column) => column.columnName)
  const fetched = await harness.call(
    'FetchResults',
    { operationHandle, orientation: TFetchOrientation.FETCH_NEXT, maxRows: 1000 },
    peer,
  )
  expect(fetched.hasMoreRows).toBe(false)
  const column = (name: string) => {
    const values = fetched.results?.columns?.[names.indexOf(name)]
    return values?.stringVal?.values ?? values?.i32Val?.values ?? values?.i16Val?.values
  }
  return { operationHandle, names, column }
}

describe('the metadata calls', () => {
  it('answer GetCatalogs, GetSchemas, GetTables, GetTableTypes, GetColumns, GetFunctions and GetTypeInfo with their operation types and JDBC layouts', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const sessionHandle = await harness.open(peer)

    const catalogs = await harness.call('GetCatalogs', { sessionHandle }, peer)
    expect(catalogs.operationHandle).toMatchObject({
      operationType: TOperationType.GET_CATALOGS,
      hasResultSet: true,
    })
    expect((await read(harness, catalogs, peer)).names).toEqual(['TABLE_CAT'])

    const schemas = await harness.call('GetSchemas', { sessionHandle, schemaName: 's%' }, peer)
    expect(schemas.operationHandle?.operationType).toBe(TOperationType.GET_SCHEMAS)
    expect((await read(harness, schemas, peer)).column('TABLE_SCHEM')).toEqual(['sales'])

    const tables = await harness.call(
      'GetTables',
      { sessionHandle, schemaName: 'sales', tableName: 'order%' },
      peer,
    )
    expect(tables.operationHandle?.operationType).toBe(TOperationType.GET_TABLES)
    const tableRows = await read(harness, tables, peer)
    expect(tableRows.names.slice(0, 4)).toEqual(['TABLE_CAT', 'TABLE_SCHEM', 'TABLE_NAME', 'TABLE_TYPE'])
    expect(tableRows.column('TABLE_NAME')).toEqual(['orders', 'order_totals'])

    const views = await harness.call('GetTables', { sessionHandle, tableTypes: ['VIEW'] }, peer)
    expect((await read(harness, views, peer)).column('TABLE_NAME')).toEqual(['order_totals'])

    const types = await harness.call('GetTableTypes', { sessionHandle }, peer)
    expect(types.operationHandle?.operationType).toBe(TOperationType.GET_TABLE_TYPES)
    expect((await read(harness, types, peer)).column('TABLE_TYPE')).toEqual(['TABLE', 'VIEW'])

    const columns = await harness.call(
      'GetColumns',
      { sessionHandle, schemaName: 'hr', columnName: 'l%' },
      peer,
    )
    expect(columns.operationHandle?.operationType).toBe(TOperationType.GET_COLUMNS)
    const columnRows = await read(harness, columns, peer)
    expect(columnRows.column('TABLE_NAME')).toEqual(['people'])
    expect(columnRows.column('COLUMN_NAME')).toEqual(['label'])

    const functions = await harness.call('GetFunctions', { sessionHandle, functionName: 'up%' }, peer)
    expect(functions.operationHandle?.operationType).toBe(TOperationType.GET_FUNCTIONS)
    expect((await read(harness, functions, peer)).column('FUNCTION_NAME')).toEqual(['upper'])

    const typeInfo = await harness.call('GetTypeInfo', { sessionHandle }, peer)
    expect(typeInfo.operationHandle?.operationType).toBe(TOperationType.GET_TYPE_INFO)
    const typeRows = await read(harness, typeInfo, peer)
    expect(typeRows.names[0]).toBe('TYPE_NAME')
    expect(typeRows.column('TYPE_NAME')).toContain('BIGINT')
  })

  it('refuse another user’s session as not found', async () => {
    const harness = await startService()
    const sessionHandle = await harness.open(binaryPeer('alice'))
    const response = await harness.call('GetTables', { sessionHandle }, binaryPeer('bob'))
    expect(response.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: '08003' })
    expect(response.operationHandle).toBeUndefined()
  })

  it('close with CloseOperation like statements', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const sessionHandle = await harness.open(peer)
    const response = await harness.call('GetCatalogs', { sessionHandle }, peer)
    const operationHandle = handleOf(response)
    expect((await harness.call('CloseOperation', { operationHandle }, peer)).status.statusCode).toBe(
      TStatusCode.SUCCESS_STATUS,
    )
    expect(harness.engine.sessions.list({ user: 'alice' })[0]?.operationCount).toBe(0)
  })
})
