// A statement session over REST against a --data file, through a real gateway process: rows stream
// back, and every forbidden statement fails its operation with a clear message while the gateway
// keeps serving.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGatewayProcess, type GatewayProcess } from './helpers/gateway-process.js'
import { rest } from './helpers/rest-client.js'
import { writeSampleData } from './helpers/sample-data.js'

let dir: string
let metastore: string
let gateway: GatewayProcess

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-statements-'))
  const data = writeSampleData(join(dir, 'data.db'), 25)
  metastore = join(dir, 'metastore.db')
  gateway = await startGatewayProcess([
    '--rest-port',
    '0',
    '--store',
    `sqlite:${metastore}`,
    '--data',
    data,
    '--statement-timeout-ms',
    '1000',
  ])
})

afterAll(async () => {
  try {
    expect(await gateway.stop()).toBe(0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

interface OperationEvent {
  readonly state: string
  readonly exception: { readonly message: string; readonly sqlState: string | null } | null
}

async function openSession(): Promise<string> {
  const answer = await rest(gateway.url, 'POST', '/sessions', { configs: {} })
  expect(answer.status).toBe(200)
  return (answer.body as { identifier: string }).identifier
}

async function runStatement(
  session: string,
  statement: string,
): Promise<{ handle: string; event: OperationEvent }> {
  const answer = await rest(gateway.url, 'POST', `/sessions/${session}/operations/statement`, {
    statement,
    runAsync: false,
  })
  expect(answer.status).toBe(200)
  const handle = (answer.body as { identifier: string }).identifier
  const event = await rest(gateway.url, 'GET', `/operations/${handle}/event`)
  expect(event.status).toBe(200)
  return { handle, event: event.body as OperationEvent }
}

describe('statements over REST against --data', () => {
  it('runs a query and pages its rows with their types', async () => {
    const session = await openSession()
    const { handle, event } = await runStatement(session, 'select id, region, amount from sales order by id')
    expect(event.state).toBe('FINISHED')
    const metadata = await rest(gateway.url, 'GET', `/operations/${handle}/resultsetmetadata`)
    expect(metadata.body).toMatchObject({
      columns: [
        { columnName: 'id', dataType: 'BIGINT_TYPE', columnIndex: 0 },
        { columnName: 'region', dataType: 'VARCHAR_TYPE', columnIndex: 1 },
        { columnName: 'amount', dataType: 'DECIMAL_TYPE', columnIndex: 2, precision: 10, scale: 2 },
      ],
    })
    const first = await rest(
      gateway.url,
      'GET',
      `/operations/${handle}/rowset?maxrows=10&fetchorientation=FETCH_NEXT`,
    )
    expect(first.body).toMatchObject({ rowCount: 10, startRowOffset: 0, hasMoreRows: true })
    const rows = (first.body as { rows: { fields: { value: unknown }[] }[] }).rows
    expect(rows[1]?.fields.map((field) => field.value)).toEqual([2, 'north', '2.50'])
    const last = await rest(
      gateway.url,
      'GET',
      `/operations/${handle}/rowset?maxrows=10&fetchorientation=FETCH_NEXT`,
    )
    expect(last.body).toMatchObject({ startRowOffset: 10, hasMoreRows: true })
    const prior = await rest(
      gateway.url,
      'GET',
      `/operations/${handle}/rowset?maxrows=10&fetchorientation=FETCH_PRIOR`,
    )
    expect(prior.body).toMatchObject({ startRowOffset: 0, rowCount: 10 })
    expect((await rest(gateway.url, 'DELETE', `/sessions/${session}`)).status).toBe(200)
  })

  it.each([
    ['insert into sales (id) values (100)', /would write/],
    ['update sales set region = null', /would write/],
    ['create table stolen (a)', /would write/],
    ["select load_extension('mod_spatialite')", /load_extension is not allowed/],
    [
      'with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c',
      /longer than its limit of 1000 ms/,
    ],
  ])('fails %s with a clear error and keeps serving', async (statement, message) => {
    const session = await openSession()
    const { event } = await runStatement(session, statement)
    expect(event.state).toBe('ERROR')
    expect(event.exception?.message).toMatch(message)
    const after = await runStatement(session, 'select count(*) from sales')
    expect(after.event.state).toBe('FINISHED')
    // Its result holds a statement process until closed (each user has a share of them).
    expect((await rest(gateway.url, 'DELETE', `/sessions/${session}`)).status).toBe(200)
  })

  it('cannot ATTACH the metastore file, and the metastore is unchanged', async () => {
    const session = await openSession()
    const { event } = await runStatement(session, `attach '${metastore}' as meta`)
    expect(event.state).toBe('ERROR')
    expect(event.exception).toEqual({
      message: expect.stringMatching(/ATTACH is not allowed/),
      sqlState: '42000',
    })
    const read = await runStatement(session, 'select count(*) from meta.batchgate_batch')
    expect(read.event.exception?.message).toMatch(/no such table: meta.batchgate_batch/)
    const db = new Database(metastore, { readonly: true })
    try {
      expect(db.prepare("select count(*) as n from sqlite_master where name = 'stolen'").get()).toEqual({
        n: 0,
      })
    } finally {
      db.close()
    }
    expect((await rest(gateway.url, 'DELETE', `/sessions/${session}`)).status).toBe(200)
  })
})
