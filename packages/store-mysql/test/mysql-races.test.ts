import { mysqlFixture, type MysqlFixture } from '@batchgate/store-mysql/testing'
import { simulateRace, simulateRaceInProcesses, type RaceReport } from '@batchgate/testkit'
import { createConnection, type RowDataPacket } from 'mysql2/promise'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeWithMysql, MYSQL_URI } from './helpers/mysql-server.js'

describeWithMysql('many instances on one MariaDB database submitting the same ids at once', () => {
  let fixture: MysqlFixture
  beforeEach(async () => {
    fixture = await mysqlFixture({ serverUri: MYSQL_URI, connectionLimit: 4 })
  })
  afterEach(async () => {
    await fixture.dispose()
  })

  it.each([true, false])(
    '8 engines in one process, each with its own pool (lookupBeforeInsert: %s)',
    async (lookupBeforeInsert) => {
      const deadlocksBefore = await innodbDeadlocks()
      const report = await simulateRace({
        fixture,
        instances: 8,
        ids: 50,
        submitsPerId: 3,
        lookupBeforeInsert,
      })
      await logFigures(`in-process, lookupBeforeInsert ${lookupBeforeInsert}`, report, deadlocksBefore)
      expect(report.violations).toEqual([])
      expect(report).toMatchObject({
        ok: true,
        instances: 8,
        submissions: 1200,
        created: 50,
        duplicated: 1150,
        errors: 0,
        answersNotMatchingStoredBatch: 0,
        launchesPerId: { '1': 50 },
      })
      expect(await rowsPerIdBySql()).toEqual({ '1': 50 })
    },
  )

  it('8 engines in 4 OS processes running the built package', { timeout: 60_000 }, async () => {
    const deadlocksBefore = await innodbDeadlocks()
    const report = await simulateRaceInProcesses({
      fixture,
      processes: 4,
      instances: 8,
      ids: 40,
      submitsPerId: 2,
    })
    await logFigures('4 processes', report, deadlocksBefore)
    expect(report.violations).toEqual([])
    expect(report).toMatchObject({
      ok: true,
      processes: 4,
      instances: 8,
      submissions: 640,
      created: 40,
      duplicated: 600,
      errors: 0,
      answersNotMatchingStoredBatch: 0,
      launchesPerId: { '1': 40 },
    })
    expect(await rowsPerIdBySql()).toEqual({ '1': 40 })
  })

  /** `{ rowsPerId: idCount }` counted with SQL on a connection of the test's own. */
  async function rowsPerIdBySql(): Promise<Record<string, number>> {
    const connection = await createConnection({ uri: fixture.uri })
    try {
      const [rows] = await connection.query<(RowDataPacket & { rows: number; ids: number })[]>(
        `select per_id.n as \`rows\`, count(*) as ids
           from (select id, count(*) as n from batchgate_batch group by id) as per_id group by per_id.n`,
      )
      return Object.fromEntries(rows.map((row) => [String(row.rows), row.ids]))
    } finally {
      await connection.end()
    }
  }
})

/** The server's count of InnoDB deadlocks so far (MariaDB's `Innodb_deadlocks`), or undefined. */
async function innodbDeadlocks(): Promise<number | undefined> {
  const connection = await createConnection({ uri: MYSQL_URI })
  try {
    const [rows] = await connection.query<(RowDataPacket & { Value: string })[]>(
      "show global status like 'Innodb_deadlocks'",
    )
    return rows[0] === undefined ? undefined : Number(rows[0].Value)
  } finally {
    await connection.end()
  }
}

/** The race's figures, for the record (the deadlock count is server-wide, so approximate). */
async function logFigures(
  title: string,
  report: RaceReport,
  deadlocksBefore: number | undefined,
): Promise<void> {
  const after = await innodbDeadlocks()
  const deadlocks = after === undefined || deadlocksBefore === undefined ? 'n/a' : after - deadlocksBefore
  console.info(
    `[store-mysql race] ${title}: ${report.instances} instances, ${report.processes} process(es), ` +
      `${report.ids} ids, ${report.submissions} submissions → created ${report.created}, duplicated ` +
      `${report.duplicated}, errors ${report.errors}, rows per id ${JSON.stringify(report.rowsPerId)}, ` +
      `launches per id ${JSON.stringify(report.launchesPerId)}, InnoDB deadlocks ${deadlocks}, ` +
      `${Math.round(report.durationMs)} ms, p99 ${Math.round(report.latencyMs.p99)} ms`,
  )
}
