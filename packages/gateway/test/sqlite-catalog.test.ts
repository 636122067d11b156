// The SQLite executor's catalog: engine.sessions.executeMetadata answered from a real --data file, its
// reads run in statement processes from the built dist, as statements are.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createEngine,
  FetchOrientation,
  OperationState,
  type Engine,
  type MetadataRequest,
  type ResultRow,
  type StatementCatalog,
} from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtGateway } from './helpers/built-gateway.js'
import { writeSampleData } from './helpers/sample-data.js'

const alice = { user: 'alice' }

let dir: string
let dataFile: string
const engines: Engine[] = []

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-catalog-'))
  dataFile = writeSampleData(join(dir, 'data.db'), 20)
  const db = new Database(dataFile)
  db.exec(`
    create table notes (
      id integer primary key autoincrement,
      body text not null default 'none',
      twice integer generated always as (id * 2) stored,
      tag
    );
    insert into notes (body) values ('first');
    create view big_sales as select id, amount * 2 as doubled from sales where amount > 10;
  `)
  db.close()
})

afterAll(async () => {
  for (const engine of engines) await engine.close()
  rmSync(dir, { recursive: true, force: true })
})

async function engineOn(file: string | null, statementTimeoutMs = 10_000): Promise<Engine> {
  const engine = await createEngine({
    store: sqliteStore({ filename: join(dir, `metastore-${engines.length}.db`) }),
    statementExecutor: builtGateway.sqliteStatementExecutor({ dataFile: file, statementTimeoutMs }),
  })
  engines.push(engine)
  return engine
}

async function metadata(
  engine: Engine,
  request: MetadataRequest,
): Promise<{ handle: string; rows: ResultRow[] }> {
  const session = await engine.sessions.open({}, alice)
  const handle = await engine.sessions.executeMetadata(session.handle, request, alice)
  const status = engine.operations.status(handle, alice)
  if (status.state !== OperationState.FINISHED) return { handle, rows: [] }
  const block = await engine.operations.fetch(handle, FetchOrientation.FETCH_NEXT, 10_000, undefined, alice)
  return { handle, rows: [...block.rows] }
}

function catalogOf(file: string | null): StatementCatalog {
  const { catalog } = builtGateway.sqliteStatementExecutor({ dataFile: file })
  if (catalog === undefined) throw new Error('the SQLite executor has no catalog')
  return catalog
}

const context = { user: 'alice', sessionConf: {}, signal: new AbortController().signal }

describe("the SQLite executor's catalog", () => {
  it("has one schema, main, and the tables and views of the file without SQLite's own", async () => {
    const catalog = catalogOf(dataFile)
    expect(await catalog.schemas(context)).toEqual([{ name: 'main' }])
    // AUTOINCREMENT made sqlite_sequence: SQLite's, not the user's.
    expect(await catalog.tables(context)).toEqual([
      { schema: 'main', name: 'big_sales', type: 'VIEW' },
      { schema: 'main', name: 'notes', type: 'TABLE' },
      { schema: 'main', name: 'sales', type: 'TABLE' },
    ])
  })

  it('types the columns as statements are typed, with NOT NULL and defaults', async () => {
    const catalog = catalogOf(dataFile)
    const tables = await catalog.tables(context)
    const columns = await catalog.columns(tables, context)
    const of = (table: string) =>
      columns
        .filter((column) => column.table === table)
        .map(({ name, type, precision, scale, nullable, defaultValue }) => ({
          name,
          type,
          ...(precision === undefined ? {} : { precision }),
          ...(scale === undefined ? {} : { scale }),
          nullable,
          ...(defaultValue === undefined ? {} : { defaultValue }),
        }))
    expect(of('sales')).toEqual([
      { name: 'id', type: 'BIGINT', nullable: true },
      { name: 'region', type: 'VARCHAR', precision: 16, nullable: true },
      { name: 'amount', type: 'DECIMAL', precision: 10, scale: 2, nullable: true },
      { name: 'ratio', type: 'DOUBLE', nullable: true },
      { name: 'paid', type: 'BOOLEAN', nullable: true },
      { name: 'day', type: 'DATE', nullable: true },
      { name: 'small', type: 'SMALLINT', nullable: true },
      { name: 'payload', type: 'BINARY', nullable: true },
      { name: 'note', type: 'STRING', nullable: true },
    ])
    expect(of('notes')).toEqual([
      { name: 'id', type: 'BIGINT', nullable: true },
      { name: 'body', type: 'STRING', nullable: false, defaultValue: "'none'" },
      { name: 'twice', type: 'BIGINT', nullable: true },
      // No declared type: SQLite leaves it open, and a catalog has no value to look at.
      { name: 'tag', type: 'STRING', nullable: true },
    ])
    expect(of('big_sales').map((column) => [column.name, column.type])).toEqual([
      ['id', 'BIGINT'],
      ['doubled', 'STRING'],
    ])
  })

  it('answers executeMetadata: GetSchemas, GetTables, GetColumns in their JDBC layouts', async () => {
    const engine = await engineOn(dataFile)
    expect((await metadata(engine, { kind: 'GET_SCHEMAS' })).rows).toEqual([['main', '']])
    expect((await metadata(engine, { kind: 'GET_CATALOGS' })).rows).toEqual([])
    const tables = await metadata(engine, {
      kind: 'GET_TABLES',
      schemaPattern: 'main',
      tableTypes: ['TABLE'],
    })
    expect(tables.rows.map((row) => row.slice(0, 4))).toEqual([
      ['', 'main', 'notes', 'TABLE'],
      ['', 'main', 'sales', 'TABLE'],
    ])
    const columns = await metadata(engine, {
      kind: 'GET_COLUMNS',
      tableNamePattern: 'SALES',
      columnNamePattern: 'a%',
    })
    expect(engine.operations.resultMetadata(columns.handle, alice)).toHaveLength(23)
    expect(columns.rows).toEqual([
      [
        null,
        'main',
        'sales',
        'amount',
        3,
        'DECIMAL',
        10,
        null,
        2,
        10,
        1,
        null,
        null,
        null,
        null,
        null,
        3,
        'YES',
        null,
        null,
        null,
        null,
        'NO',
      ],
    ])
    const notes = await metadata(engine, {
      kind: 'GET_COLUMNS',
      tableNamePattern: 'notes',
      columnNamePattern: 'body',
    })
    expect(notes.rows[0]?.slice(3, 18)).toEqual([
      'body',
      12,
      'STRING',
      2_147_483_647,
      null,
      null,
      null,
      0,
      null,
      "'none'",
      null,
      null,
      null,
      2,
      'NO',
    ])
    expect(engine.operations.status(columns.handle, alice).statement).toBe(
      'GetColumns(table=SALES, column=a%)',
    )
  })

  it("answers GetFunctions from SQLite's own function list", async () => {
    const engine = await engineOn(dataFile)
    const { rows } = await metadata(engine, { kind: 'GET_FUNCTIONS', functionNamePattern: 'upper' })
    expect(rows).toEqual([[null, null, 'upper', 'SQLite scalar function', 1, 'upper']])
    const { rows: counts } = await metadata(engine, { kind: 'GET_FUNCTIONS', functionNamePattern: 'count' })
    expect(counts).toEqual([[null, null, 'count', 'SQLite aggregate/window function', 1, 'count']])
  })

  it('leaves the file as it was: the catalog reads through read-only connections', async () => {
    const digest = (): string => createHash('sha256').update(readFileSync(dataFile)).digest('hex')
    const before = digest()
    const engine = await engineOn(dataFile)
    for (const kind of ['GET_SCHEMAS', 'GET_TABLES', 'GET_COLUMNS'] as const) await metadata(engine, { kind })
    expect(digest()).toBe(before)
  })

  it('has no tables without a --data file', async () => {
    const engine = await engineOn(null)
    expect((await metadata(engine, { kind: 'GET_SCHEMAS' })).rows).toEqual([['main', '']])
    expect((await metadata(engine, { kind: 'GET_TABLES' })).rows).toEqual([])
    expect((await metadata(engine, { kind: 'GET_COLUMNS' })).rows).toEqual([])
  })

  it('bounds a catalog read held up by a locked file by the statement time, while the gateway goes on serving', async () => {
    const locked = join(dir, 'locked.db')
    writeSampleData(locked, 5)
    const holder = new Database(locked)
    // A writer's EXCLUSIVE lock keeps every reader out (rollback journal): SQLite's busy wait would
    // block a synchronous in-process read.
    holder.exec('BEGIN EXCLUSIVE')
    try {
      const engine = await engineOn(locked, 800)
      const session = await engine.sessions.open({}, alice)
      const order: string[] = []
      const blocked = engine.sessions
        .executeMetadata(session.handle, { kind: 'GET_TABLES' }, alice)
        .finally(() => order.push('tables'))
      const typeInfo = await engine.sessions.executeMetadata(session.handle, { kind: 'GET_TYPE_INFO' }, alice)
      order.push('type info')
      expect(engine.operations.status(typeInfo, alice).state).toBe(OperationState.FINISHED)
      const status = engine.operations.status(await blocked, alice)
      expect(order).toEqual(['type info', 'tables'])
      expect(status).toMatchObject({ state: OperationState.ERROR, sqlState: 'HYT00' })
      expect(status.errorMessage).toContain('longer than its limit of 800 ms')
    } finally {
      holder.exec('ROLLBACK')
      holder.close()
    }
  })
})
