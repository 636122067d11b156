import { installPostgresBatchAudit, postgresFixture } from '@batchgate/store-postgres/testing'
import { describeFailoverScenarios } from '@batchgate/testkit'
import { POSTGRES_URI, postgresAvailable } from './helpers/postgres-server.js'

// Four engine processes on one PostgreSQL schema (skipped with a message without a server, never in CI).
describeFailoverScenarios('store-postgres', () => postgresFixture({ serverUri: POSTGRES_URI, max: 4 }), {
  audit: (fixture) => installPostgresBatchAudit(fixture.uri, fixture.schema),
  skipReason: postgresAvailable ? undefined : `no PostgreSQL server at ${POSTGRES_URI}`,
})
