import { describeEngineConformance, describeMetastoreConformance } from '@batchgate/testkit'
import { postgresHarness } from '@batchgate/store-postgres/testing'
import { POSTGRES_URI, postgresAvailable } from './helpers/postgres-server.js'

const harness = () => postgresHarness({ serverUri: POSTGRES_URI, max: 4 })
const skipReason = postgresAvailable ? undefined : `no PostgreSQL server at ${POSTGRES_URI}`

describeMetastoreConformance('store-postgres', harness, { skipReason })
describeEngineConformance('store-postgres', harness, { skipReason })
