import { postgresFixture, type PostgresFixture } from '@batchgate/store-postgres/testing'
import { simulateRace, simulateRaceInProcesses, type RaceReport } from '@batchgate/testkit'
import pg from 'pg'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeWithPostgres, POSTGRES_URI } from './helpers/postgres-server.js'

describeWithPostgres('many instances on one PostgreSQL schema submitting the same ids at once', () => {
  let fixture: PostgresFixture
  beforeEach(async () => {
    fixture = await postgresFixture({ serverUri: POSTGRES_URI, max: 4 })
  })
  afterEach(async () => {
    await fixture.dispose()
  })

  it.each([true, false])(
    '8 engines in one process, each with its own pool (lookupBeforeInsert: %s)',
    async (lookupBeforeInsert) => {
      const report = await simulateRace({
        fixture,
        instances: 8,
        ids: 50,
        submitsPerId: 3,
        lookupBeforeInsert,
      })
      logFigures(`in-process, lookupBeforeInsert ${lookupBeforeInsert}`, report)
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

  it(
    '8 engines in 4 OS processes running the built package (a postgres:// spec)',
    { timeout: 60_000 },
    async () => {
      const report = await simulateRaceInProcesses({
        fixture,
        processes: 4,
        instances: 8,
        ids: 40,
        submitsPerId: 2,
      })
      logFigures('4 processes', report)
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
    },
  )

  /** `{ rowsPerId: idCount }` counted with SQL on a client of the test's own. */
  async function rowsPerIdBySql(): Promise<Record<string, number>> {
    const client = new pg.Client({ connectionString: POSTGRES_URI })
    await client.connect()
    try {
      const { rows } = await client.query<{ rows: number; ids: string }>(
        `select per_id.n as rows, count(*) as ids
           from (select id, count(*)::int as n from "${fixture.schema}".batchgate_batch group by id) as per_id
          group by per_id.n`,
      )
      return Object.fromEntries(rows.map((row) => [String(row.rows), Number(row.ids)]))
    } finally {
      await client.end()
    }
  }
})

/** The race's figures, for the record. */
function logFigures(title: string, report: RaceReport): void {
  console.info(
    `[store-postgres race] ${title}: ${report.instances} instances, ${report.processes} process(es), ` +
      `${report.ids} ids, ${report.submissions} submissions → created ${report.created}, duplicated ` +
      `${report.duplicated}, errors ${report.errors}, rows per id ${JSON.stringify(report.rowsPerId)}, ` +
      `launches per id ${JSON.stringify(report.launchesPerId)}, ` +
      `${Math.round(report.durationMs)} ms, p99 ${Math.round(report.latencyMs.p99)} ms`,
  )
}
