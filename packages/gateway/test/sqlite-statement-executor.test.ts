import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FetchOrientation, type StatementResult } from '@batchgate/core'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtGateway } from './helpers/built-gateway.js'
import { writeSampleData } from './helpers/sample-data.js'

const { sqliteStatementExecutor } = builtGateway

let dir: string
let dataFile: string
let otherFile: string
const opened: StatementResult[] = []

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-exec-'))
  dataFile = writeSampleData(join(dir, 'data.db'), 2000)
  otherFile = join(dir, 'metastore.db')
  const other = new Database(otherFile)
  other.exec("create table secrets (v text); insert into secrets values ('do not read')")
  other.close()
})

afterAll(async () => {
  for (const result of opened) await result.cursor.close()
  rmSync(dir, { recursive: true, force: true })
})

function context(signal = new AbortController().signal) {
  return { user: 'alice', sessionConf: {}, signal }
}

async function run(sql: string, statementTimeoutMs = 10_000, signal?: AbortSignal): Promise<StatementResult> {
  const executor = sqliteStatementExecutor({ dataFile, statementTimeoutMs })
  const result = await executor.execute(sql, context(signal))
  opened.push(result)
  return result
}

async function refusal(
  sql: string,
  statementTimeoutMs = 10_000,
): Promise<{ message: string; sqlState?: string }> {
  const error: unknown = await run(sql, statementTimeoutMs).then(
    () => new Error(`no error for ${sql}`),
    (rejection: unknown) => rejection,
  )
  expect(error).toMatchObject({ name: 'StatementError' })
  return error as { message: string; sqlState?: string }
}

describe('sqliteStatementExecutor', () => {
  it('types the columns from their declarations and the first row, and converts the values', async () => {
    const { columns, cursor } = await run(
      'select id, region, amount, ratio, paid, day, small, payload, note, id * 2 as twice, 1.5 as half, null as empty from sales order by id',
    )
    expect(columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'region', type: 'VARCHAR', precision: 16 },
      { name: 'amount', type: 'DECIMAL', precision: 10, scale: 2 },
      { name: 'ratio', type: 'DOUBLE' },
      { name: 'paid', type: 'BOOLEAN' },
      { name: 'day', type: 'DATE' },
      { name: 'small', type: 'SMALLINT' },
      { name: 'payload', type: 'BINARY' },
      { name: 'note', type: 'STRING' },
      { name: 'twice', type: 'BIGINT' },
      { name: 'half', type: 'DOUBLE' },
      { name: 'empty', type: 'STRING' },
    ])
    const block = await cursor.fetch(FetchOrientation.FETCH_NEXT, 3)
    expect(block.startRowOffset).toBe(0)
    expect(block.hasMoreRows).toBe(true)
    expect(block.rows[2]).toEqual([
      3,
      'south',
      '3.75',
      0.75,
      true,
      '2026-01-04',
      3,
      new Uint8Array([3, 1]),
      null,
      6,
      1.5,
      null,
    ])
  })

  it('streams a result in blocks and moves back past its window by running the statement again', async () => {
    const { cursor } = await run('select id from sales order by id')
    let seen = 0
    for (;;) {
      const block = await cursor.fetch(FetchOrientation.FETCH_NEXT, 700)
      expect(block.startRowOffset).toBe(seen)
      expect(block.rows[0]).toEqual([seen + 1])
      seen += block.rows.length
      if (!block.hasMoreRows) break
    }
    expect(seen).toBe(2000)
    const first = await cursor.fetch(FetchOrientation.FETCH_FIRST, 2)
    expect(first).toEqual({ startRowOffset: 0, rows: [[1], [2]], hasMoreRows: true })
  })

  it.each([
    ['insert into sales (id) values (9999)', '25006', /would write/],
    ['update sales set region = 1', '25006', /would write/],
    ['delete from sales', '25006', /would write/],
    ['create table t (a)', '25006', /would write/],
    ['create temp table t (a)', '25006', /would write/],
    ["vacuum into '/tmp/batchgate-copy.db'", '25006', /would write/],
    [
      "select load_extension('/usr/lib/x86_64-linux-gnu/libsqlite3.so')",
      '42000',
      /load_extension is not allowed/,
    ],
    ['pragma query_only = 0', '42000', /returns no rows/],
    ['begin', '42000', /returns no rows/],
    ['selec 1', '42000', /does not compile/],
  ])('refuses %s with SQLSTATE %s', async (sql, sqlState, message) => {
    const error = await refusal(sql)
    expect(error.sqlState).toBe(sqlState)
    expect(error.message).toMatch(message)
  })

  it('refuses to ATTACH another file, the metastore included, and leaves it unread', async () => {
    const error = await refusal(`attach '${otherFile}' as meta`)
    expect(error).toMatchObject({
      sqlState: '42000',
      message: expect.stringMatching(/ATTACH is not allowed/),
    })
    const detach = await refusal('detach main')
    expect(detach.message).toMatch(/DETACH is not allowed/)
    // And nothing in a query can name it: it is not attached.
    const read = await refusal('select * from meta.secrets')
    expect(read.message).toMatch(/no such table: meta.secrets/)
  })

  it('kills a runaway statement at its time bound, and the next statement runs', async () => {
    const started = Date.now()
    const error = await refusal(
      'with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c',
      500,
    )
    expect(error).toMatchObject({
      sqlState: 'HYT00',
      message: expect.stringMatching(/longer than its limit of 500 ms/),
    })
    expect(Date.now() - started).toBeLessThan(5000)
    const { cursor } = await run('select count(*) as n from sales')
    expect((await cursor.fetch(FetchOrientation.FETCH_NEXT, 1)).rows).toEqual([[2000]])
  })

  it('bounds the time of an endless result over all its fetches', async () => {
    const { cursor } = await run(
      'with recursive c(x) as (select 1 union all select x + 1 from c) select x from c',
      500,
    )
    expect((await cursor.fetch(FetchOrientation.FETCH_NEXT, 2)).rows).toEqual([[1], [2]])
    await expect(cursor.fetch(FetchOrientation.FETCH_LAST, 2)).rejects.toMatchObject({
      code: 'SOURCE_FAILED',
      message: expect.stringMatching(/longer than its limit of 500 ms/),
    })
  })

  it('stops a statement when its signal is aborted', async () => {
    const controller = new AbortController()
    const running = run(
      'with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c',
      60_000,
      controller.signal,
    )
    setTimeout(() => {
      controller.abort()
    }, 300)
    await expect(running).rejects.toMatchObject({ name: 'StatementError', sqlState: '57014' })
  })

  it('fails a fetch clearly when a value does not fit its column', async () => {
    const { columns, cursor } = await run("select 1 as v union all select 'text' order by 1")
    expect(columns).toEqual([{ name: 'v', type: 'BIGINT' }])
    await expect(cursor.fetch(FetchOrientation.FETCH_NEXT, 5)).rejects.toMatchObject({
      message: expect.stringMatching(/row 2, column v: a TEXT value does not fit its type BIGINT; CAST it/),
    })
  })

  it('runs against an empty in-memory database by default, read-only', async () => {
    const executor = sqliteStatementExecutor({ dataFile: null })
    const result = await executor.execute("select 'hello' as greeting", context())
    opened.push(result)
    expect((await result.cursor.fetch(FetchOrientation.FETCH_NEXT, 5)).rows).toEqual([['hello']])
    await expect(executor.execute('create table t (a)', context())).rejects.toMatchObject({
      sqlState: '25006',
    })
  })

  it('frees the process of a result closed unread, so its slot serves the next statement', async () => {
    const executor = sqliteStatementExecutor({ dataFile, maxProcesses: 1 })
    for (let round = 0; round < 3; round++) {
      const result = await executor.execute('select id from sales', context())
      await result.cursor.close()
    }
    const last = await executor.execute('select count(*) from sales', context())
    opened.push(last)
    expect((await last.cursor.fetch(FetchOrientation.FETCH_NEXT, 1)).rows).toEqual([[2000]])
  })

  it("keeps a share of the processes for each user: one user's unread results do not lock out the others", async () => {
    const executor = sqliteStatementExecutor({ dataFile, maxProcesses: 4, maxProcessesPerUser: 2 })
    const mallory = { user: 'mallory', sessionConf: {}, signal: new AbortController().signal }
    for (let index = 0; index < 2; index++)
      opened.push(await executor.execute('select id from sales', mallory))
    await expect(executor.execute('select id from sales', mallory)).rejects.toMatchObject({
      name: 'StatementError',
      sqlState: '53000',
      message: expect.stringMatching(/you have too many statements open on this gateway \(2\)/),
    })
    const alice = await executor.execute('select count(*) from sales', context())
    opened.push(alice)
    expect((await alice.cursor.fetch(FetchOrientation.FETCH_NEXT, 1)).rows).toEqual([[2000]])
  })
})
