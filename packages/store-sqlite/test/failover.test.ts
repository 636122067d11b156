import { installSqliteBatchAudit, sqliteFixture } from '@batchgate/store-sqlite/testing'
import { describeFailoverScenarios } from '@batchgate/testkit'

// Four engine processes on one SQLite file.
describeFailoverScenarios('store-sqlite', () => sqliteFixture(), {
  audit: (fixture) => installSqliteBatchAudit(fixture.filename),
})
