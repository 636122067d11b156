// npm's hive-driver (a HiveServer2 client nobody here wrote) against a real gateway process, in its three
// modes: NOSASL and SASL PLAIN on the binary port, and HTTP. 10,000 rows of a statement on the gateway's
// SQLite executor come back through HiveUtils.fetchAll, every one checked, and the metadata calls drivers
// make on connect answer real result sets over the --data file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGatewayProcess, type GatewayProcess } from './helpers/gateway-process.js'
import {
  CLIENT_PROTOCOL,
  connectHiveDriver,
  fetchAllRows,
  TCLI,
  type HiveOperation,
  type ThriftMode,
} from './helpers/hive-driver-client.js'
import { writeSampleData } from './helpers/sample-data.js'

const ROWS = 10_000
const TEN_THOUSAND_ROWS = `with recursive n(i) as (select 0 union all select i + 1 from n where i < ${ROWS - 1})
  select i, 'row ' || i as label from n`

let dir: string
let gateway: GatewayProcess

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-hive-driver-'))
  const data = writeSampleData(join(dir, 'data.db'), 25)
  gateway = await startGatewayProcess(['--store', `sqlite:${join(dir, 'metastore.db')}`, '--data', data])
})

afterAll(async () => {
  try {
    expect(await gateway.stop()).toBe(0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

/** The rows and the column names of a finished metadata operation, then closes it. */
async function resultOf(
  operation: HiveOperation,
): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  const rows = await fetchAllRows(operation)
  const columns = (operation.getSchema()?.columns ?? []).map((column) => column.columnName)
  expect((await operation.close()).success()).toBe(true)
  return { columns, rows }
}

describe.each<ThriftMode>(['NOSASL', 'PLAIN', 'HTTP'])('hive-driver over %s', (mode) => {
  it(`connects, opens a session, fetches all ${ROWS} rows of a statement with fetchAll, and closes`, async () => {
    const connection = await connectHiveDriver(gateway, mode, { user: 'alice', password: 'anything' })
    try {
      const session = await connection.client.openSession({ client_protocol: CLIENT_PROTOCOL })
      const dbms = await session.getInfo(TCLI.TGetInfoType.CLI_DBMS_NAME ?? 17)
      expect(dbms.getValue()).toEqual(expect.any(String))

      const operation = await session.executeStatement(TEN_THOUSAND_ROWS, { runAsync: true })
      const rows = await fetchAllRows(operation, 1000)
      expect(operation.getSchema()?.columns.map((column) => column.columnName)).toEqual(['i', 'label'])
      // Every row, in order, exactly once.
      expect(rows).toHaveLength(ROWS)
      expect(rows).toEqual(Array.from({ length: ROWS }, (_, i) => ({ i, label: `row ${i}` })))
      expect(operation.hasMoreRows()).toBe(false)
      expect((await operation.close()).success()).toBe(true)
      expect((await session.close()).success()).toBe(true)
      expect(connection.errors).toEqual([])
    } finally {
      connection.close()
    }
  })

  it('answers the metadata calls drivers make with real result sets over the --data file', async () => {
    const connection = await connectHiveDriver(gateway, mode)
    try {
      const session = await connection.client.openSession({ client_protocol: CLIENT_PROTOCOL })

      const typeInfo = await resultOf(await session.getTypeInfo())
      expect(typeInfo.columns.slice(0, 3)).toEqual(['TYPE_NAME', 'DATA_TYPE', 'PRECISION'])
      expect(typeInfo.rows.map((row) => row.TYPE_NAME)).toEqual(expect.arrayContaining(['BIGINT', 'STRING']))

      const catalogs = await resultOf(await session.getCatalogs())
      expect(catalogs.columns).toEqual(['TABLE_CAT'])

      const schemas = await resultOf(await session.getSchemas({}))
      expect(schemas.columns).toEqual(['TABLE_SCHEM', 'TABLE_CATALOG'])

      const tableTypes = await resultOf(await session.getTableTypes())
      expect(tableTypes.columns).toEqual(['TABLE_TYPE'])
      expect(tableTypes.rows.map((row) => row.TABLE_TYPE)).toContain('TABLE')

      const tables = await resultOf(await session.getTables({ tableName: '%' }))
      expect(tables.columns.slice(0, 5)).toEqual([
        'TABLE_CAT',
        'TABLE_SCHEM',
        'TABLE_NAME',
        'TABLE_TYPE',
        'REMARKS',
      ])
      expect(tables.rows).toEqual([expect.objectContaining({ TABLE_NAME: 'sales', TABLE_TYPE: 'TABLE' })])

      const columns = await resultOf(await session.getColumns({ tableName: 'sales', columnName: '%' }))
      expect(columns.columns.slice(0, 6)).toEqual([
        'TABLE_CAT',
        'TABLE_SCHEM',
        'TABLE_NAME',
        'COLUMN_NAME',
        'DATA_TYPE',
        'TYPE_NAME',
      ])
      expect(columns.rows.map((row) => [row.COLUMN_NAME, row.TYPE_NAME])).toEqual([
        ['id', 'BIGINT'],
        ['region', 'VARCHAR'],
        ['amount', 'DECIMAL'],
        ['ratio', 'DOUBLE'],
        ['paid', 'BOOLEAN'],
        ['day', 'DATE'],
        ['small', 'SMALLINT'],
        ['payload', 'BINARY'],
        ['note', 'STRING'],
      ])

      const functions = await resultOf(await session.getFunctions({ functionName: '%' }))
      expect(functions.columns).toEqual([
        'FUNCTION_CAT',
        'FUNCTION_SCHEM',
        'FUNCTION_NAME',
        'REMARKS',
        'FUNCTION_TYPE',
        'SPECIFIC_NAME',
      ])

      expect((await session.close()).success()).toBe(true)
      expect(connection.errors).toEqual([])
    } finally {
      connection.close()
    }
  })
})
