import { describeStoreConformance } from '@batchgate/testkit'
import { postgresFixture } from '@batchgate/store-postgres/testing'
import { POSTGRES_URI, postgresAvailable } from './helpers/postgres-server.js'

describeStoreConformance('store-postgres', () => postgresFixture({ serverUri: POSTGRES_URI, max: 4 }), {
  skipReason: postgresAvailable ? undefined : `no PostgreSQL server at ${POSTGRES_URI}`,
})
