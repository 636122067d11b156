// hive-driver's raw Thrift client (TCLIService.Client) issuing FetchResults with Spark's orientation
// vectors against a real gateway process, checking every block's startRowOffset and rows:
//  - HiveThriftServer2Suites' "ThriftCLIService FetchResults FETCH_FIRST, FETCH_NEXT, FETCH_PRIOR" on
//    10 rows (Spark ≥ 3.2 semantics);
//  - the vectors of SPARK-29349's description (a block [10, 20), then FETCH_PRIOR 5, 10, 4, FETCH_NEXT 6);
//  - FETCH_ABSOLUTE and FETCH_RELATIVE answered HY106, the cursor left where it was.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGatewayProcess, type GatewayProcess } from './helpers/gateway-process.js'
import {
  CLIENT_PROTOCOL,
  connectHiveDriver,
  firstColumnNumbers,
  TCLI,
  type ConnectedClient,
  type RawTcliClient,
  type ThriftMode,
} from './helpers/hive-driver-client.js'

let dir: string
let gateway: GatewayProcess

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-fetch-orientation-'))
  gateway = await startGatewayProcess(['--store', `sqlite:${join(dir, 'metastore.db')}`])
})

afterAll(async () => {
  try {
    expect(await gateway.stop()).toBe(0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

/** `select * from range(n)`, in SQLite: one BIGINT column 0, 1, …, n - 1. */
function range(n: number): string {
  return `with recursive r(id) as (select 0 union all select id + 1 from r where id < ${n - 1}) select id from r`
}

type Orientation = keyof typeof TCLI.TFetchOrientation

/** A session and one statement's operation on the raw client. */
async function openOperation(
  raw: RawTcliClient,
  statement: string,
): Promise<{ fetch: Fetch; close: () => Promise<void> }> {
  const opened = await raw.OpenSession(
    new TCLI.TOpenSessionReq({ client_protocol: CLIENT_PROTOCOL, username: 'alice' }),
  )
  expect(opened.status.statusCode).toBe(TCLI.TStatusCode.SUCCESS_STATUS)
  const executed = await raw.ExecuteStatement(
    new TCLI.TExecuteStatementReq({ sessionHandle: opened.sessionHandle, statement, runAsync: false }),
  )
  expect(executed.status).toMatchObject({ statusCode: TCLI.TStatusCode.SUCCESS_STATUS })
  const operationHandle = executed.operationHandle
  if (operationHandle === null) throw new Error('ExecuteStatement answered no operation handle')
  expect(operationHandle.hasResultSet).toBe(true)
  const fetch: Fetch = async (orientation, maxRows) => {
    const answer = await raw.FetchResults(
      new TCLI.TFetchResultsReq({
        operationHandle,
        orientation: TCLI.TFetchOrientation[orientation],
        maxRows,
        fetchType: 0,
      }),
    )
    return {
      status: answer.status,
      hasMoreRows: answer.hasMoreRows,
      start: answer.results === null ? undefined : answer.results.startRowOffset.toNumber(),
      values: answer.results === null ? [] : firstColumnNumbers(answer.results),
    }
  }
  return {
    fetch,
    close: async () => {
      expect(
        (await raw.CloseOperation(new TCLI.TCloseOperationReq({ operationHandle }))).status.statusCode,
      ).toBe(TCLI.TStatusCode.SUCCESS_STATUS)
      expect(
        (await raw.CloseSession(new TCLI.TCloseSessionReq({ sessionHandle: opened.sessionHandle }))).status
          .statusCode,
      ).toBe(TCLI.TStatusCode.SUCCESS_STATUS)
    },
  }
}

type Fetch = (
  orientation: Orientation,
  maxRows: number,
) => Promise<{
  status: { statusCode: number; sqlState?: string | null; errorMessage?: string | null }
  hasMoreRows: boolean | null
  start: number | undefined
  values: number[]
}>

/** Spark's checkResult: the block starts at `start` and holds exactly the rows [start, end). */
async function expectBlock(
  fetch: Fetch,
  orientation: Orientation,
  maxRows: number,
  [start, end]: readonly [number, number],
  total: number,
): Promise<void> {
  const block = await fetch(orientation, maxRows)
  const what = `${orientation} ${maxRows} → [${start}, ${end})`
  expect(block.status.statusCode, what).toBe(TCLI.TStatusCode.SUCCESS_STATUS)
  expect(block.start, what).toBe(start)
  expect(block.values, what).toEqual(Array.from({ length: end - start }, (_, i) => start + i))
  // Unlike Spark (always false), hasMoreRows says whether rows follow the block.
  expect(block.hasMoreRows, what).toBe(end < total)
}

describe.each<ThriftMode>(['PLAIN', 'NOSASL', 'HTTP'])('FetchResults orientations over %s', (mode) => {
  let connection: ConnectedClient

  beforeAll(async () => {
    connection = await connectHiveDriver(gateway, mode)
  })

  afterAll(() => {
    connection.close()
  })

  it('follows HiveThriftServer2Suites "FETCH_FIRST, FETCH_NEXT, FETCH_PRIOR" on 10 rows', async () => {
    const { fetch, close } = await openOperation(connection.raw, range(10))
    const block = (orientation: Orientation, maxRows: number, rows: readonly [number, number]) =>
      expectBlock(fetch, orientation, maxRows, rows, 10)
    await block('FETCH_NEXT', 5, [0, 5])
    await block('FETCH_NEXT', 2, [5, 7])
    await block('FETCH_PRIOR', 3, [2, 5])
    // Scrolls back to 0; the block may overlap the previous one.
    await block('FETCH_PRIOR', 3, [0, 3])
    // Stays at 0.
    await block('FETCH_PRIOR', 4, [0, 4])
    await block('FETCH_NEXT', 10, [4, 10])
    await block('FETCH_NEXT', 5, [10, 10])
    await block('FETCH_NEXT', 2, [10, 10])
    await block('FETCH_PRIOR', 1, [9, 10])
    await block('FETCH_NEXT', 5, [10, 10])
    await block('FETCH_FIRST', 3, [0, 3])
    await block('FETCH_NEXT', 1000, [3, 10])
    await close()
  })

  it("follows SPARK-29349's description: after [10, 20), FETCH_PRIOR 5, 10 and 4, then FETCH_NEXT 6", async () => {
    const { fetch, close } = await openOperation(connection.raw, range(30))
    const block = (orientation: Orientation, maxRows: number, rows: readonly [number, number]) =>
      expectBlock(fetch, orientation, maxRows, rows, 30)
    await block('FETCH_NEXT', 10, [0, 10])
    await block('FETCH_NEXT', 10, [10, 20])
    await block('FETCH_PRIOR', 5, [5, 10])
    // Cannot go before 0, and still answers 10 rows, overlapping the previous block.
    await block('FETCH_PRIOR', 10, [0, 10])
    await block('FETCH_PRIOR', 4, [0, 4])
    await block('FETCH_NEXT', 6, [4, 10])
    await close()
  })

  it('answers FETCH_ABSOLUTE and FETCH_RELATIVE with HY106 and leaves the cursor where it was', async () => {
    const { fetch, close } = await openOperation(connection.raw, range(10))
    await expectBlock(fetch, 'FETCH_NEXT', 4, [0, 4], 10)
    for (const orientation of ['FETCH_ABSOLUTE', 'FETCH_RELATIVE'] as const) {
      const refused = await fetch(orientation, 3)
      expect(refused.status).toMatchObject({ statusCode: TCLI.TStatusCode.ERROR_STATUS, sqlState: 'HY106' })
      expect(refused.status.errorMessage).toContain(orientation)
    }
    await expectBlock(fetch, 'FETCH_NEXT', 3, [4, 7], 10)
    await close()
  })
})
