import { findPostgresTestServer } from '@batchgate/store-postgres/testing'
import { describe } from 'vitest'

const server = await findPostgresTestServer()

/** The server the PostgreSQL tests use; each test makes its own schema in its database. */
export const POSTGRES_URI = server.uri

/** Whether the server answers. Under CI a missing server fails the run; locally the tests are skipped. */
export const postgresAvailable: boolean = server.available

/** `describe`, skipped with a message when no PostgreSQL server answers (never under CI). */
export const describeWithPostgres = describe.skipIf(!postgresAvailable)
