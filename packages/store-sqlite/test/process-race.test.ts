import { describe, expect, it } from 'vitest'
import { simulateRaceInProcesses } from '@batchgate/testkit'
import { sqliteFixture } from '@batchgate/store-sqlite/testing'

describe('several OS processes on one SQLite file', () => {
  it(
    'settle every id exactly once when 4 processes submit the same ids at once',
    { timeout: 120_000 },
    async () => {
      const fixture = sqliteFixture()
      const report = await simulateRaceInProcesses({
        fixture,
        processes: 4,
        instances: 4,
        ids: 30,
        submitsPerId: 2,
      }).finally(() => fixture.dispose())
      expect(report.violations).toEqual([])
      expect(report).toMatchObject({
        ok: true,
        processes: 4,
        submissions: 240,
        created: 30,
        duplicated: 210,
        errors: 0,
        rowsPerId: { '1': 30 },
        launchesPerId: { '1': 30 },
      })
    },
  )
})
