import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { POSTGRES_QUERIES } from '../src/postgres-batch-queries.js'
import { storeTypeParsers } from '../src/postgres-type-parsers.js'
import { describeWithPostgres, POSTGRES_URI } from './helpers/postgres-server.js'

const { databaseNowMillis } = POSTGRES_QUERIES

describeWithPostgres("PostgreSQL's database clock (databaseNowMillis)", () => {
  let db: Kysely<unknown>
  beforeAll(() => {
    const pool = new pg.Pool({ connectionString: POSTGRES_URI, max: 1, types: storeTypeParsers() })
    db = new Kysely({ dialect: new PostgresDialect({ pool }) })
  })
  afterAll(async () => {
    await db.destroy()
  })

  it('reads the clock when the statement runs, not when its transaction started, in any time zone', async () => {
    if (databaseNowMillis === undefined) throw new Error('POSTGRES_QUERIES has no databaseNowMillis')
    await db.transaction().execute(async (trx) => {
      await sql`set local timezone = 'America/New_York'`.execute(trx)
      await sql`select pg_sleep(0.2)`.execute(trx)
      const { rows } = await sql<{ now: unknown; started: unknown; statement: unknown }>`
        select ${databaseNowMillis} as now,
          floor(extract(epoch from now()) * 1000)::bigint as started,
          floor(extract(epoch from statement_timestamp()) * 1000)::bigint as statement
      `.execute(trx)
      const [row] = rows
      // A bigint the store's parsers read as a number, whole milliseconds.
      expect(typeof row?.now).toBe('number')
      expect(Number.isInteger(row?.now)).toBe(true)
      const { now, started, statement } = row as { now: number; started: number; statement: number }
      // now() is the transaction's start, 200 ms or more before this statement; the clock is not.
      expect(now - started).toBeGreaterThanOrEqual(200)
      expect(now).toBeGreaterThanOrEqual(statement)
    })
  })

  it('is read once per statement (an InitPlan), so an index condition can compare with it', async () => {
    if (databaseNowMillis === undefined) throw new Error('POSTGRES_QUERIES has no databaseNowMillis')
    const { rows } = await sql<{ 'QUERY PLAN': string }>`
      explain select n from generate_series(1, 3) as n where n < ${databaseNowMillis}
    `.execute(db)
    expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/InitPlan 1/)
  })
})
