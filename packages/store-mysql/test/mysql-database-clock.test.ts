import { Kysely, MysqlDialect, sql } from 'kysely'
import { createPool } from 'mysql2'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { MYSQL_QUERIES } from '../src/mysql-batch-queries.js'
import { describeWithMysql, MYSQL_URI } from './helpers/mysql-server.js'

const { databaseNowMillis } = MYSQL_QUERIES

describeWithMysql("MySQL's database clock (databaseNowMillis)", () => {
  let db: Kysely<unknown>
  beforeAll(() => {
    // One connection: the session time zone set below applies to the queries after it.
    db = new Kysely({
      dialect: new MysqlDialect({ pool: createPool({ uri: MYSQL_URI, connectionLimit: 1 }) }),
    })
  })
  afterAll(async () => {
    await db.destroy()
  })

  it.each(['+00:00', '+05:30', '-08:00', 'SYSTEM'])(
    'is the epoch milliseconds of the server clock on a session in time zone %s',
    async (zone) => {
      if (databaseNowMillis === undefined) throw new Error('MYSQL_QUERIES has no databaseNowMillis')
      await sql`set time_zone = ${zone}`.execute(db)
      // In one statement both read the same instant (the statement's start). The reference converts the
      // session's local time back to UTC, which is right on these fixed offsets (a daylight-saving zone
      // would make it ambiguous once a year); the clock must agree without depending on the zone.
      const { rows } = await sql<{ now: unknown; reference: unknown }>`
        select ${databaseNowMillis} as now, cast(unix_timestamp(now(3)) * 1000 as signed) as reference
      `.execute(db)
      const [row] = rows
      expect(typeof row?.now).toBe('number')
      expect(row?.now).toBe(row?.reference)
      expect(Number.isInteger(row?.now)).toBe(true)
    },
  )
})
